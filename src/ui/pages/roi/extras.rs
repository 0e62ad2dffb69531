//! The ROI page's other tools: channel comparison with budget moves, threshold
//! promotion break-even, and customer value (LTV and CAC).

use yew::prelude::*;

use crate::ui::widgets::output;

use crate::i18n::Lang;
use crate::model::form::Cell;
use crate::model::format;
use crate::model::roi::channels::{budget_move, totals, Channel, MoveError};
use crate::model::roi::form::{
    self as f, add_channel, read_channels, read_customer, read_promotion, remove_channel,
    ChannelsForm, MAX_CHANNELS,
};
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{input_error, NumberField, ResultValue, ScrollBox, ValueFormat};

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub form: QueryForm,
}

/// A channel's name as typed, or its default ("小红书", "Channel 3").
fn channel_name(lang: Lang, ch: &ChannelsForm, i: usize) -> String {
    let t = lang.texts().roi();
    match ch.typed_names.get(i).filter(|s| !s.is_empty()) {
        Some(s) => s.clone(),
        None => t
            .ch_default_names
            .get(i)
            .map_or_else(|| t.ch_n.fill([&(i + 1).to_string()]), |s| (*s).to_string()),
    }
}

/// "Move ¥X from one channel to another": the three fields and what the move does
/// to profit and orders.
fn move_view(lang: Lang, form: &QueryForm, ch: &ChannelsForm) -> Html {
    let texts = lang.texts();
    let t = texts.roi();
    let name = |i: usize| channel_name(lang, ch, i);
    let (channels, amount, from, to) = (&ch.channels, ch.amount, ch.from, ch.to);
    let moved = match (channels, amount, from, to) {
        (Some(ch), Ok(a), Ok(f), Ok(t)) => Some(budget_move(ch, f as usize - 1, t as usize - 1, a)),
        _ => None,
    };
    let zh = lang.is_zh();
    html! {
        <>
    <h3>{ t.move_heading }</h3>
    <div class="solve">
        <NumberField form={form.clone()} name={f::MOVE} label={t.move_amount} error={input_error(texts.errors(), &amount)} />
        <NumberField form={form.clone()} name={f::MOVE_FROM} label={t.move_from} inputmode="numeric" error={input_error(texts.errors(), &from)} />
        <NumberField form={form.clone()} name={f::MOVE_TO} label={t.move_to} inputmode="numeric" error={input_error(texts.errors(), &to)} />
    </div>
    { match (moved, amount, from, to) {
        (Some(Ok(moved)), Ok(a), Ok(f), Ok(tt)) => html! {
            <p class="headline">{ output("move-result", Some(moved.profit_change()), t.move_result.fill([
                &lang.money(a), &name(f as usize - 1), &name(tt as usize - 1),
                &format::signed_money(moved.profit_change(), zh),
                &format::signed_count(moved.orders_change()),
            ])) }</p>
        },
        (Some(Err(MoveError::SameChannel)), ..) => html! { <p class="field-error">{ t.move_same }</p> },
        (Some(Err(MoveError::MoreThanSpent)), _, Ok(f), _) => html! {
            <p class="field-error">{ t.move_too_much.fill([&name(f as usize - 1), &channels.as_ref().and_then(|c| c.get(f as usize - 1)).map_or("—".into(), |c| lang.money(c.spend))]) }</p>
        },
        _ => html! {},
    } }
        </>
    }
}

#[component]
pub fn Channels(props: &SectionProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi();
    let form = &props.form;
    let ch = read_channels(&form.values);
    let count = ch.count;
    let (spend, cpv, conv, aov, margin) = (
        &ch.spend,
        &ch.cost_per_visitor,
        &ch.conversion,
        &ch.aov,
        &ch.margin,
    );
    let name = |i: usize| channel_name(lang, &ch, i);
    let channels = &ch.channels;
    let on_cell = |param: &'static str, i: usize| form.item_input(param, count, i);
    let add = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(add_channel(&form.values, count)))
    };
    let remove = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(remove_channel(&form.values, i)))
    };
    let cell = |param: &'static str, i: usize, c: Option<&Cell>, label: String| {
        let (text, error) = c.map_or((String::new(), None), |c| {
            (
                c.text.clone(),
                c.error().map(|e| texts.field_error(&e, &name)),
            )
        });
        html! {
            <td class={classes!(error.is_some().then_some("invalid"))}>
                <input type="text" inputmode="decimal" name={param} data-line={i.to_string()} aria-label={label} value={text} oninput={on_cell(param, i)} />
                if let Some(e) = error { <span class="cell-error">{ e }</span> }
            </td>
        }
    };
    let results: Vec<_> = channels
        .as_ref()
        .map(|ch| ch.iter().map(Channel::evaluate).collect())
        .unwrap_or_default();
    let total = channels.as_ref().map(|ch| totals(ch));
    // Each money column in one unit (万 in Chinese), its total row included.
    let zh = lang.is_zh();
    let column = |f: &dyn Fn(&crate::model::roi::channels::ChannelResult) -> Option<f64>,
                  total: Option<f64>| {
        format::MoneyUnit::for_column(results.iter().filter_map(f).chain(total), zh)
    };
    let gmv_unit = column(&|r| Some(r.gmv), total.as_ref().map(|t| t.gmv));
    let cpo_unit = column(
        &|r| r.cost_per_order,
        total.as_ref().and_then(|t| t.cost_per_order()),
    );
    let profit_unit = column(&|r| Some(r.profit), total.as_ref().map(|t| t.profit));
    let in_unit = |x: f64, unit| format::money_in(x, zh, unit);

    html! {
        <section class="panel channels" id="channels">
            <h2>{ t.ch_heading }</h2>
            <p>{ t.ch_intro }</p>
            <ScrollBox label={t.ch_heading}>
                <table class="arm-editor channel-table" data-testid="channels">
                    <thead><tr>
                        <th scope="col">{ t.ch_name }</th><th scope="col">{ t.ch_spend }</th><th scope="col">{ t.ch_cpv }</th>
                        <th scope="col">{ t.ch_conv }{ " %" }</th><th scope="col">{ t.ch_aov }</th><th scope="col">{ t.ch_margin }{ " %" }</th>
                        <th scope="col">{ t.ch_orders }</th><th scope="col">{ t.ch_gmv }</th><th scope="col">{ t.ch_cpo }</th><th scope="col">{ t.ch_profit }</th><th scope="col">{ t.ch_roi }</th>
                        <th scope="col"><span class="visually-hidden">{ texts.common().remove.fill([""]) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for (0..count).map(|i| {
                            let n = name(i);
                            let r = results.get(i);
                            html! {
                                <tr>
                                    <th scope="row"><input type="text" class="arm-name" name={f::CH_NAME} data-line={i.to_string()} placeholder={n.clone()}
                                        aria-label={format!("{} {}", t.ch_name, i + 1)} value={ch.typed_names.get(i).cloned().unwrap_or_default()} oninput={on_cell(f::CH_NAME, i)} /></th>
                                    { cell(f::CH_SPEND, i, spend.get(i), format!("{n}: {}", t.ch_spend)) }
                                    { cell(f::CH_CPV, i, cpv.get(i), format!("{n}: {}", t.ch_cpv)) }
                                    { cell(f::CH_CONV, i, conv.get(i), format!("{n}: {}", t.ch_conv)) }
                                    { cell(f::CH_AOV, i, aov.get(i), format!("{n}: {}", t.ch_aov)) }
                                    { cell(f::CH_MARGIN, i, margin.get(i), format!("{n}: {}", t.ch_margin)) }
                                    <td class="num">{ output(format!("ch-orders-{i}"), r.map(|r| r.orders), r.map_or("—".into(), |r| format::count(r.orders))) }</td>
                                    <td class="num">{ output(format!("ch-gmv-{i}"), r.map(|r| r.gmv), r.map_or("—".into(), |r| in_unit(r.gmv, gmv_unit))) }</td>
                                    <td class="num">{ r.and_then(|r| r.cost_per_order).map_or("—".into(), |v| in_unit(v, cpo_unit)) }</td>
                                    <td class="num">{ output(format!("ch-profit-{i}"), r.map(|r| r.profit), r.map_or("—".into(), |r| in_unit(r.profit, profit_unit))) }</td>
                                    <td class="num">{ r.and_then(|r| r.roi).map_or("—".into(), |v| format::pct(v, 3)) }</td>
                                    <td>if count > 1 { <button type="button" class="icon" onclick={remove(i)} aria-label={texts.common().remove.fill([&n])} title={texts.common().remove.fill([&n])}>{ "×" }</button> }</td>
                                </tr>
                            }
                        }) }
                        if let Some(tt) = total {
                            <tr class="total">
                                <th scope="row">{ t.ch_total }</th>
                                <td class="num">{ lang.money(tt.spend) }</td><td></td><td></td><td></td><td></td>
                                <td class="num">{ format::count(tt.orders) }</td>
                                <td class="num">{ in_unit(tt.gmv, gmv_unit) }</td>
                                <td class="num">{ tt.cost_per_order().map_or("—".into(), |v| in_unit(v, cpo_unit)) }</td>
                                <td class="num">{ in_unit(tt.profit, profit_unit) }</td>
                                <td class="num">{ tt.roi().map_or("—".into(), |v| format::pct(v, 3)) }</td>
                                <td></td>
                            </tr>
                        }
                    </tbody>
                </table>
            </ScrollBox>
            <button type="button" class="secondary" onclick={add} disabled={count >= MAX_CHANNELS}>{ "+ " }{ t.ch_add }</button>
            { move_view(lang, form, &ch) }
            <p class="method">{ t.ch_note }</p>
        </section>
    }
}

#[component]
pub fn Promotion(props: &SectionProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi();
    let form = &props.form;
    let p = read_promotion(&form.values);
    let (aov, margin, threshold, discount, share) =
        (p.aov, p.margin, p.threshold, p.discount, p.share);
    let result = p.promotion.as_ref().map(|p| p.evaluate());
    let r = result.as_ref();
    html! {
        <section class="panel promo" id="promo">
            <h2>{ t.promo_heading }</h2>
            <p>{ t.promo_intro }</p>
            <div class="tool">
                <div class="inputs">
                    <NumberField form={form.clone()} name={f::PROMO_AOV} label={t.promo_aov} error={input_error(texts.errors(), &aov)} />
                    <NumberField form={form.clone()} name={f::PROMO_MARGIN} label={t.promo_margin} unit="%" error={input_error(texts.errors(), &margin)} />
                    <NumberField form={form.clone()} name={f::PROMO_THRESHOLD} label={t.promo_threshold} error={input_error(texts.errors(), &threshold)} />
                    <NumberField form={form.clone()} name={f::PROMO_DISCOUNT} label={t.promo_discount} error={input_error(texts.errors(), &discount)} />
                    <NumberField form={form.clone()} name={f::PROMO_SHARE} label={t.promo_share} unit="%" error={input_error(texts.errors(), &share)} />
                </div>
                <div class="outputs">
                    <div class="results">
                        <ResultValue testid="promo-orders-lift" label={t.promo_orders} value={r.and_then(|r| r.orders_lift_needed)} format={ValueFormat::SignedPercent} primary=true
                            note={r.filter(|r| r.orders_lift_needed.is_none()).map(|_| AttrValue::from(t.promo_impossible))} />
                        <ResultValue testid="promo-aov-lift" label={t.promo_aov_needed} value={r.map(|r| r.aov_lift_needed)} format={ValueFormat::SignedPercent} />
                        <ResultValue testid="promo-cost" label={t.promo_cost} value={r.map(|r| r.cost_per_order)} format={ValueFormat::Money} />
                        <ResultValue testid="promo-depth" label={t.promo_depth} value={r.map(|r| r.depth)} format={ValueFormat::Percent} />
                    </div>
                </div>
            </div>
        </section>
    }
}

#[component]
pub fn CustomerValue(props: &SectionProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi();
    let form = &props.form;
    let c = read_customer(&form.values);
    let (arpu, margin, churn, cac) = (c.arpu, c.margin, c.churn, c.cac);
    let result = c.customer.as_ref().map(|c| c.evaluate());
    let r = result.as_ref();
    html! {
        <section class="panel customer" id="customer">
            <h2>{ t.ltv_heading }</h2>
            <p>{ t.ltv_intro }</p>
            <div class="tool">
                <div class="inputs">
                    <NumberField form={form.clone()} name={f::ARPU} label={t.arpu} error={input_error(texts.errors(), &arpu)} />
                    <NumberField form={form.clone()} name={f::LTV_MARGIN} label={t.ltv_margin} unit="%" error={input_error(texts.errors(), &margin)} />
                    <NumberField form={form.clone()} name={f::CHURN} label={t.churn} unit="%" error={input_error(texts.errors(), &churn)} />
                    <NumberField form={form.clone()} name={f::CAC} label={t.cac} error={input_error(texts.errors(), &cac)} />
                </div>
                <div class="outputs">
                    <div class="results">
                        <ResultValue testid="ltv" label={t.ltv_value} value={r.map(|r| r.ltv)} format={ValueFormat::Money} primary=true />
                        <ResultValue testid="ltv-cac" label={t.ltv_cac} value={r.and_then(|r| r.ltv_to_cac)} format={ValueFormat::Ratio} />
                        <ResultValue testid="payback-months" label={t.payback} value={r.and_then(|r| r.payback_months)} format={ValueFormat::Ratio} />
                        <ResultValue testid="lifetime-months" label={t.lifetime} value={r.map(|r| r.lifetime_months)} format={ValueFormat::Ratio} />
                    </div>
                    <p class="method">{ t.ltv_method }</p>
                </div>
            </div>
        </section>
    }
}
