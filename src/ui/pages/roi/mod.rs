//! `#/roi`: campaign ROI from named cost lines and three switchable kinds of benefit,
//! with sensitivity, uncertainty, saved scenarios, channels, promotions and LTV / CAC.

mod extras;
mod scenarios;
mod uncertainty;

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{Lang, RoiTexts};
use crate::model::form::Cell;
use crate::model::format;
use crate::model::input::{parse_bounded, Bounds};
use crate::model::roi::form::{
    self as f, read_campaign, read_uncertainty, CampaignForm, BENEFITS, EXAMPLE_PARTS,
    MAX_COST_LINES, PARAMS, PRESETS,
};
use crate::model::roi::sensitivity::{tornado, Input};
use crate::model::roi::{evaluate, Outcome, Realised, RoiResult};
use crate::ui::hooks::{use_example_followed, use_query_form, QueryForm};
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    cleared_note, input_error, tool_header, AxisFormat, NumberField, ResultValue, SavedCalcs,
    ScrollBox, Segment, StackRow, StackedBars, Tornado, TornadoRow, ValueFormat,
};
use crate::ui::Route;
use extras::{Channels, CustomerValue, Promotion};
use scenarios::ScenarioCompare;
use uncertainty::{use_page_simulation, Uncertainty};

/// The single-valued inputs of the sensitivity chart, in `input_names` order.
const INPUTS: [(&str, Input); 8] = [
    (f::GMV, Input::Gmv),
    (f::MARGIN, Input::Margin),
    (f::MEMBERS, Input::Members),
    (f::LTV, Input::Ltv),
    (f::IMPR, Input::Impressions),
    (f::CPM, Input::Cpm),
    (f::REFUND, Input::Refund),
    (f::FEE, Input::Fee),
];

/// Worked example `i` as a query, its cost lines named in the current language.
fn preset_query(lang: Lang, i: usize) -> String {
    let labels = lang.texts().common().preset_cost_labels;
    let mut q = String::from(PRESETS.get(i).copied().unwrap_or(""));
    q.push_str("&cost_label=");
    crate::model::query::encode_into(&mut q, labels.get(i).copied().unwrap_or(""));
    q
}

/// The cost lines' names: typed, or "Cost 1", "Cost 2", ….
pub fn cost_labels(t: &RoiTexts, c: &CampaignForm) -> Vec<String> {
    c.typed_labels
        .iter()
        .enumerate()
        .map(|(i, typed)| {
            if typed.is_empty() {
                t.cost_line.fill([&(i + 1).to_string()])
            } else {
                typed.clone()
            }
        })
        .collect()
}

/// The campaign as read, its cost line names and its result, shared by the page's parts.
pub struct PartProps {
    pub form: QueryForm,
    pub campaign: Rc<CampaignForm>,
    pub labels: Rc<Vec<String>>,
    pub result: Option<RoiResult>,
    /// The finished simulation's chance that the campaign pays.
    pub chance_positive: Option<f64>,
}

#[component]
pub fn RoiPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi();
    // The page opens on the first worked example, its cost lines named in this language.
    let form = use_query_form(Route::Roi, PARAMS, &preset_query(lang, 0));
    let campaign = Rc::new(read_campaign(&form.values));
    let labels = Rc::new(cost_labels(texts.roi(), &campaign));
    let result = campaign.campaign.as_ref().map(evaluate);
    let ranges = Rc::new(read_uncertainty(&form.values, &campaign));
    let run = use_page_simulation(&ranges);
    let parts = PartProps {
        form: form.clone(),
        campaign: campaign.clone(),
        labels: labels.clone(),
        result,
        chance_positive: run.as_ref().and_then(|r| r.chance_positive()),
    };
    let preset_link = |i: usize| format!("#/roi?{}", preset_query(lang, i));
    let cleared = use_example_followed(&form, &EXAMPLE_PARTS);
    let mut examples: Vec<(String, AttrValue)> = t
        .presets
        .iter()
        .enumerate()
        .map(|(i, label)| (preset_link(i), AttrValue::from(*label)))
        .collect();
    examples.push((format!("#/roi?{BLANK}"), texts.common().start_blank.into()));
    html! {
        <div class="page roi">
            { tool_header(lang, t.heading, t.intro, &form, examples) }
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { cost_editor_view(&parts, lang) }
                    { benefits_view(&parts, lang) }
                </form>
                { outputs_view(&parts, lang, cleared_note(&form, &cleared, t.ranges_cleared, t.ranges_undo)) }
            </div>
            { sensitivity_view(&parts, lang) }
            <Uncertainty form={form.clone()} campaign={campaign.clone()} labels={labels.clone()} ranges={ranges.clone()} run={run.clone()} />
            <Channels form={form.clone()} />
            <Promotion form={form.clone()} />
            <CustomerValue form={form.clone()} />
            <SavedCalcs tool="roi" form={form.clone()}
                extra={Callback::from(|saved| html! { <ScenarioCompare {saved} /> })} />
        </div>
    }
}

fn cost_editor_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.roi();
    let (form, read) = (&props.form, &props.campaign);
    let lines = read.costs.len();
    let on_cost = |param: &'static str, i: usize| form.item_input(param, lines, i);
    let add_cost = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::add_cost(&form.values, lines)))
    };
    let remove_cost = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::remove_cost(&form.values, i)))
    };
    let cell_error = |c: &Cell| c.error().map(|e| texts.field_error(&e, &|_| String::new()));
    html! {
                <fieldset>
                    <legend>{ t.costs_heading }</legend>
                    <ScrollBox label={t.costs_heading}>
                        <table class="arm-editor" data-testid="cost-editor">
                            <thead><tr>
                                <th scope="col">{ t.cost_name_col }</th>
                                <th scope="col">{ t.amount_col }</th>
                                <th scope="col"><span class="visually-hidden">{ texts.common().remove.fill([""]) }</span></th>
                            </tr></thead>
                            <tbody>
                                { for read.costs.iter().enumerate().map(|(i, cell)| {
                                    let label = props.labels.get(i).cloned().unwrap_or_default();
                                    let typed = read.typed_labels.get(i).cloned().unwrap_or_default();
                                    html! {
                                        <tr>
                                            <th scope="row">
                                                <input type="text" class="arm-name" name={f::COST_LABEL} data-line={i.to_string()} placeholder={label.clone()}
                                                    aria-label={format!("{} {}", t.cost_name_col, i + 1)} value={typed} oninput={on_cost(f::COST_LABEL, i)} />
                                            </th>
                                            <td class={classes!(cell.error().is_some().then_some("invalid"))}>
                                                <input type="text" inputmode="decimal" name={f::COST} data-line={i.to_string()} aria-label={format!("{label}: {}", t.amount_col)}
                                                    value={cell.text.clone()} aria-invalid={cell.error().is_some().then_some("true")} oninput={on_cost(f::COST, i)} />
                                                if let Some(e) = cell_error(cell) {
                                                    <span class="cell-error" data-testid={format!("error-cost-{i}")}>{ e }</span>
                                                }
                                            </td>
                                            <td>
                                                if lines > 1 {
                                                    <button type="button" class="icon" onclick={remove_cost(i)} aria-label={texts.common().remove.fill([&label])} title={texts.common().remove.fill([&label])}>{ "×" }</button>
                                                }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </ScrollBox>
                    <button type="button" class="secondary" data-testid="add-cost" onclick={add_cost} disabled={lines >= MAX_COST_LINES}>{ "+ " }{ t.add_cost }</button>
                </fieldset>
    }
}

fn benefits_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.roi();
    let (form, read) = (&props.form, &props.campaign);
    let toggle = |index: usize| {
        let form = form.clone();
        Callback::from(move |_: Event| form.set_many.emit(f::toggle_benefit(&form.values, index)))
    };
    let benefit_group = |index: usize, title: &'static str, fields: Html| {
        let on = read.counted.get(index).copied().unwrap_or(true);
        html! {
            <fieldset class={classes!("benefit", (!on).then_some("off"))}>
                <legend>
                    <label>
                        <input type="checkbox" name={f::OFF} value={BENEFITS.get(index).copied().unwrap_or("")} checked={on} onchange={toggle(index)} />
                        { " " }{ title }
                    </label>
                </legend>
                if on { { fields } } else { <p class="field-hint">{ t.use_benefit }</p> }
            </fieldset>
        }
    };
    html! { <>
                { benefit_group(0, t.benefit_direct, html! { <>
                    <NumberField form={form.clone()} name={f::GMV} label={t.gmv} error={input_error(texts.errors(), &read.gmv)} />
                    <NumberField form={form.clone()} name={f::MARGIN} label={t.margin} unit="%" error={input_error(texts.errors(), &read.margin)} />
                    <NumberField form={form.clone()} name={f::REFUND} label={t.refund} unit="%" error={input_error(texts.errors(), &read.refund)} />
                    <NumberField form={form.clone()} name={f::FEE} label={t.fee} unit="%" hint={AttrValue::from(t.fee_hint)}
                        error={input_error(texts.errors(), &read.fee)} />
                    if read.fee_above_margin {
                        <p class="notice warn" role="status" data-testid="fee-warning">{ t.fee_above_margin }</p>
                    }
                    <NumberField form={form.clone()} name={f::TARGET_SHARE} label={t.target_share} unit="%" hint={AttrValue::from(t.target_hint)}
                        error={read.target_share.and_then(|r| input_error(texts.errors(), &r))} />
                </> }) }
                { benefit_group(1, t.benefit_members, html! { <>
                    <NumberField form={form.clone()} name={f::MEMBERS} label={t.members} error={input_error(texts.errors(), &read.members)} />
                    <NumberField form={form.clone()} name={f::LTV} label={t.ltv} error={input_error(texts.errors(), &read.ltv)} />
                </> }) }
                { benefit_group(2, t.benefit_brand, html! { <>
                    <NumberField form={form.clone()} name={f::IMPR} label={t.impr} error={input_error(texts.errors(), &read.impressions)} />
                    <NumberField form={form.clone()} name={f::CPM} label={t.cpm} error={input_error(texts.errors(), &read.cpm)} />
                </> }) }
    </> }
}

/// The lowest 投产比 and the affordable spend for a target marketing share.
fn target_view(lang: Lang, net_gmv: f64, refund_pct: f64, target: f64) -> Html {
    let t = lang.texts().roi();
    let (min_roas, max_spend) = crate::model::roi::target_spend(net_gmv, refund_pct, target);
    html! { <>
        <ResultValue testid="min-roas" label={t.min_roas} value={Some(min_roas)} format={ValueFormat::Ratio} />
        <ResultValue testid="max-spend" label={t.max_spend} value={Some(max_spend)} format={ValueFormat::Money} />
    </> }
}

/// The same campaign as ROI, 投产比, net 投产比, 营销占比 and 保本投产比, each with its
/// formula in words: the numbers trainees meet in the course and in the ad console.
fn terms_view(lang: Lang, r: &crate::model::roi::RoiResult) -> Html {
    let t = lang.texts().roi();
    let values = [
        r.roi.map(|x| format::pct(x, 3)),
        r.roas.map(|x| format::sig(x, 3)),
        r.net_roas.map(|x| format::sig(x, 3)),
        r.spend_share.map(|x| format::pct(x, 3)),
        r.breakeven_roas.map(|x| format::sig(x, 3)),
    ];
    html! {
        <section class="terms" id="terms" data-testid="terms">
            <h3>{ t.terms_heading }</h3>
            <ScrollBox label={t.terms_heading}>
            <table class="data">
                <tbody>
                    { for t.terms_names.iter().zip(t.terms_formulas.iter()).zip(values.iter()).map(|((name, formula), v)| html! {
                        <tr>
                            <th scope="row">{ *name }</th>
                            <td class="num">{ v.clone().unwrap_or_else(|| "—".to_string()) }</td>
                            <td class="why words">{ *formula }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </ScrollBox>
            <p class="method">{ match (&values[0], &values[1]) {
                // The page's own two numbers, so the note never contradicts the table.
                (Some(roi), Some(roas)) => t.terms_note.fill([roas, roi]),
                _ => t.terms_note_plain.to_string(),
            } }</p>
        </section>
    }
}

/// A campaign with nothing filled in: names a parameter, so it is not the example.
const BLANK: &str = "gmv=";

/// The one-sentence answer and what qualifies it: what the margin on sales does
/// alone beside the estimated members and exposure, and, once the simulation has
/// run, whether its chance of paying off backs the likely value's sign.
fn answer(lang: Lang, r: &RoiResult, chance: Option<f64>) -> Option<String> {
    let t = lang.texts().roi();
    let zh = lang.is_zh();
    let v = r.verdict(chance)?;
    let roi = format::pct(r.roi?, 3);
    let cost = lang.money(r.cost_total);
    let net = lang.money(r.net_profit);
    let lead = match v.outcome {
        Outcome::Pays if v.realised != Realised::Only => {
            t.answer_pays_estimated
                .fill([&roi, &net, &cost, &lang.money(r.benefit_estimated())])
        }
        Outcome::Pays if v.uncertain => t.answer_pays_likely.fill([&roi, &net, &cost]),
        Outcome::Pays => t.answer_pays.fill([&roi, &net, &cost]),
        Outcome::Loses => t
            .answer_loses
            .fill([&roi, &format::money(-r.net_profit, zh), &cost]),
        Outcome::NearBreakEven => t.answer_near_even.fill([&roi, &net, &cost]),
        Outcome::BreaksEven => t.answer_even.fill([&cost]),
    };
    let realised = r.realised_profit();
    let loss = format::money(-realised, zh);
    let sales = match (v.outcome, v.realised) {
        (_, Realised::Only) => None,
        (Outcome::Pays, Realised::Covers) if v.uncertain => {
            Some(t.realised_covers.fill([&lang.money(realised)]))
        }
        (Outcome::Pays, Realised::Covers) => {
            Some(t.realised_covers_pays.fill([&lang.money(realised)]))
        }
        (Outcome::Pays, Realised::AboutCovers) => {
            Some(t.realised_about.fill([&lang.money(r.benefit_direct)]))
        }
        (Outcome::Pays, Realised::FallsShort) => Some(t.realised_short.fill([&loss])),
        (_, Realised::FallsShort) => Some(t.realised_short_also.fill([&loss])),
        _ => None,
    };
    let draws = chance.filter(|_| v.uncertain).map(|c| {
        let c = format::pct(c, 3);
        match v.outcome {
            Outcome::Loses => t.mc_uncertain_loss.fill([&c]),
            _ => t.mc_uncertain.fill([&c]),
        }
    });
    let parts: Vec<String> = [Some(lead), sales, draws].into_iter().flatten().collect();
    Some(parts.join(lang.gap()))
}

fn outputs_view(props: &PartProps, lang: Lang, cleared: Html) -> Html {
    let texts = lang.texts();
    let t = &texts.roi();
    let (read, result) = (&props.campaign, &props.result);
    let r = result.as_ref();
    let roi_note = match r {
        Some(r) if r.roi.is_none() => Some(AttrValue::from(t.roi_undefined)),
        _ => None,
    };
    let answer = r.and_then(|r| answer(lang, r, props.chance_positive));
    // With members or exposure in the benefit, the break-even GMV leans on them:
    // the note gives the one the margin on sales alone needs.
    let breakeven_note = r.and_then(|r| {
        let covered = (r.breakeven_gmv == Some(0.0)).then_some(t.breakeven_covered.to_string());
        let sales_only = r
            .breakeven_roas
            .filter(|_| r.benefit_estimated() > 0.0)
            .map(|roas| {
                t.breakeven_sales_only
                    .fill([&lang.money(r.cost_total * roas)])
            });
        match (covered, sales_only) {
            (Some(a), Some(b)) => Some(AttrValue::from(format!("{a}{}{b}", lang.gap()))),
            (a, b) => a.or(b).map(AttrValue::from),
        }
    });

    html! {
            <section class="outputs" aria-live="polite">
                <h2>{ t.results_heading }</h2>
                if let Some(a) = answer {
                    <p class="answer" data-testid="answer">{ a }</p>
                }
                { cleared }
                if result.is_none() {
                    <p class="blocked">{ texts.app().cannot_compute }</p>
                }
                <div class="results">
                    <ResultValue testid="roi" label={t.roi} value={r.and_then(|r| r.roi)} format={ValueFormat::Percent} primary=true note={roi_note} />
                    <ResultValue testid="net-profit" label={t.net_profit} value={r.map(|r| r.net_profit)} format={ValueFormat::Money} />
                    <ResultValue testid="roas" label={t.roas} value={r.and_then(|r| r.roas)} format={ValueFormat::Ratio} />
                    <ResultValue testid="breakeven-gmv" label={t.breakeven_gmv} value={r.and_then(|r| r.breakeven_gmv)} format={ValueFormat::Money} note={breakeven_note} />
                    <ResultValue testid="breakeven-roas" label={t.breakeven_roas} value={r.and_then(|r| r.breakeven_roas)} format={ValueFormat::Ratio} />
                    <ResultValue testid="cost-per-member" label={t.cost_per_member} value={r.and_then(|r| r.cost_per_member)} format={ValueFormat::Money} />
                    <ResultValue testid="cost-total" label={t.cost_total} value={r.map(|r| r.cost_total)} format={ValueFormat::Money} />
                    <ResultValue testid="benefit-direct" label={t.benefit_direct} value={r.map(|r| r.benefit_direct)} format={ValueFormat::Money} />
                    <ResultValue testid="benefit-members" label={t.benefit_members} value={r.map(|r| r.benefit_members)} format={ValueFormat::Money} />
                    <ResultValue testid="benefit-brand" label={t.benefit_brand} value={r.map(|r| r.benefit_brand)} format={ValueFormat::Money} />
                    <ResultValue testid="benefit-total" label={t.benefit_total} value={r.map(|r| r.benefit_total)} format={ValueFormat::Money} />
                    <ResultValue testid="net-gmv" label={t.net_gmv} value={r.map(|r| r.net_gmv)} format={ValueFormat::Money} />
                    <ResultValue testid="net-roas" label={t.net_roas} value={r.and_then(|r| r.net_roas)} format={ValueFormat::Ratio} />
                    <ResultValue testid="spend-share" label={t.spend_share} value={r.and_then(|r| r.spend_share)} format={ValueFormat::Percent} />
                    if let (Some(r), Some(c), Some(Ok(target))) = (r, &read.campaign, read.target_share) {
                        { target_view(lang, r.net_gmv, c.refund_pct, target / 100.0) }
                    }
                </div>
                if let Some(r) = r {
                    { terms_view(lang, r) }
                }
                if let (Some(r), Some(c)) = (r, &read.campaign) {
                    <StackedBars aria_label={t.stacked_label} format={AxisFormat::Money} rows={vec![
                        StackRow { label: t.cost_bar.into(), segments: c.costs.iter().zip(props.labels.iter()).enumerate().map(|(i, (v, l))| Segment {
                            label: l.clone().into(), value: *v, class: if i % 2 == 0 { "cost" } else { "cost alt" },
                        }).collect() },
                        StackRow { label: t.benefit_bar.into(), segments: vec![
                            Segment { label: t.benefit_direct.into(), value: r.benefit_direct, class: "direct" },
                            Segment { label: t.benefit_members.into(), value: r.benefit_members, class: "members" },
                            Segment { label: t.benefit_brand.into(), value: r.benefit_brand, class: "brand" },
                        ] },
                    ]} />
                }
                <p class="method">{ t.method }</p>
            </section>
    }
}

/// ROI with each input alone moved down and up, widest swing first.
fn sensitivity_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.roi();
    let (form, read) = (&props.form, &props.campaign);
    let r = props.result.as_ref();
    let swing = parse_bounded(form.get(f::SWING), Bounds::range(0.0, false, 100.0, false));
    let swings = match (&read.campaign, swing) {
        (Some(c), Ok(s)) => tornado(c, s / 100.0),
        _ => None,
    };
    let input_name = |input: Input| -> String {
        match input {
            Input::Cost(i) => props.labels.get(i).cloned().unwrap_or_default(),
            other => INPUTS
                .iter()
                .position(|(_, x)| *x == other)
                .and_then(|i| t.input_names.get(i))
                .map_or_else(String::new, |s| (*s).to_string()),
        }
    };
    html! {
        <section class="panel">
            <h2>{ t.sens_heading }</h2>
            <p>{ t.sens_intro }</p>
            <div class="solve">
                <NumberField form={form.clone()} name={f::SWING} label={t.swing} unit="±%" error={input_error(texts.errors(), &swing)} />
            </div>
            { match (&swings, r.and_then(|r| r.roi), swing) {
                (Some(list), Some(base), Ok(s)) if !list.is_empty() => {
                    let top = list.first().map(|w| t.sens_top.fill([
                        &input_name(w.input), &format::pct(s / 100.0, 3),
                        &format::pct(w.roi_down.min(w.roi_up), 3), &format::pct(w.roi_down.max(w.roi_up), 3),
                    ])).unwrap_or_default();
                    html! { <>
                        <p class="headline" data-testid="sensitivity-top">{ top }</p>
                        <Tornado aria_label={t.tornado_label} base={base} format={AxisFormat::Percent}
                            legend={[t.tornado_down.fill([&format::pct(s / 100.0, 3)]).into(), t.tornado_up.fill([&format::pct(s / 100.0, 3)]).into()]}
                            rows={list.iter().map(|w| TornadoRow { label: input_name(w.input).into(), down: w.roi_down, up: w.roi_up }).collect::<Vec<_>>()} />
                    </> }
                }
                _ => html! { <p class="field-hint">{ t.sens_none }</p> },
            } }
        </section>
    }
}
