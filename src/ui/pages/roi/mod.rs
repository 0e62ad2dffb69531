//! `#/roi`: campaign ROI from named cost lines and three switchable kinds of benefit,
//! with sensitivity, uncertainty, saved scenarios, channels, promotions and LTV / CAC.

mod campaign;
mod extras;
mod scenarios;
mod uncertainty;

use yew::prelude::*;

use crate::i18n::fill;
use crate::model::format;
use crate::model::input::{parse_bounded, push_item, remove_item, split_list, Bounds};
use crate::model::query::Param;
use crate::model::roi::evaluate;
use crate::model::roi::sensitivity::{tornado, Input};
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, AxisFormat, CopyLink, NumberField, Presets, ResultValue, Segment, StackRow,
    StackedBars, Tornado, TornadoRow, ValueFormat,
};
use crate::ui::Route;
pub use campaign::{read_campaign, BENEFITS};
use extras::{Channels, CustomerValue, Promotion};
use scenarios::Scenarios;
use uncertainty::Uncertainty;

/// The contract's parameters first, then this page's own.
pub const PARAMS: &[Param] = &[
    Param {
        name: "cost",
        default: "",
    },
    Param {
        name: "cost_label",
        default: "",
    },
    Param {
        name: "gmv",
        default: "",
    },
    Param {
        name: "margin",
        default: "",
    },
    Param {
        name: "members",
        default: "0",
    },
    Param {
        name: "ltv",
        default: "0",
    },
    Param {
        name: "impr",
        default: "0",
    },
    Param {
        name: "cpm",
        default: "0",
    },
    Param {
        name: "off",
        default: "",
    },
    Param {
        name: "swing",
        default: "20",
    },
    Param {
        name: "cost_lo",
        default: "",
    },
    Param {
        name: "cost_hi",
        default: "",
    },
    Param {
        name: "gmv_lo",
        default: "",
    },
    Param {
        name: "gmv_hi",
        default: "",
    },
    Param {
        name: "margin_lo",
        default: "",
    },
    Param {
        name: "margin_hi",
        default: "",
    },
    Param {
        name: "members_lo",
        default: "",
    },
    Param {
        name: "members_hi",
        default: "",
    },
    Param {
        name: "ltv_lo",
        default: "",
    },
    Param {
        name: "ltv_hi",
        default: "",
    },
    Param {
        name: "impr_lo",
        default: "",
    },
    Param {
        name: "impr_hi",
        default: "",
    },
    Param {
        name: "cpm_lo",
        default: "",
    },
    Param {
        name: "cpm_hi",
        default: "",
    },
    Param {
        name: "dist",
        default: "pert",
    },
    Param {
        name: "seed",
        default: "1",
    },
    Param {
        name: "ch_name",
        default: "",
    },
    Param {
        name: "ch_spend",
        default: "100000,100000",
    },
    Param {
        name: "ch_cpv",
        default: "50,80",
    },
    Param {
        name: "ch_conv",
        default: "8,5",
    },
    Param {
        name: "ch_aov",
        default: "300,300",
    },
    Param {
        name: "ch_margin",
        default: "40,40",
    },
    Param {
        name: "move",
        default: "50000",
    },
    Param {
        name: "move_from",
        default: "2",
    },
    Param {
        name: "move_to",
        default: "1",
    },
    Param {
        name: "promo_aov",
        default: "180",
    },
    Param {
        name: "promo_margin",
        default: "30",
    },
    Param {
        name: "promo_threshold",
        default: "200",
    },
    Param {
        name: "promo_discount",
        default: "30",
    },
    Param {
        name: "promo_share",
        default: "40",
    },
    Param {
        name: "arpu",
        default: "100",
    },
    Param {
        name: "ltv_margin",
        default: "30",
    },
    Param {
        name: "churn",
        default: "5",
    },
    Param {
        name: "cac",
        default: "200",
    },
];

/// The training material's "super brand day" (ROI 190 %), with plausible ranges.
pub const SUPER_BRAND_DAY: &str = "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30\
&gmv_lo=4000000&gmv_hi=6000000&members_lo=3000&members_hi=6000&impr_lo=20000000&impr_hi=35000000";

/// The three worked examples; cost line names come from the current language.
const PRESETS: [&str; 3] = [
    SUPER_BRAND_DAY,
    "cost=800000,300000,100000&gmv=6000000&margin=12&members=2000&ltv=150&impr=10000000&cpm=20\
&gmv_lo=4500000&gmv_hi=7000000&margin_lo=10&margin_hi=14&cost_lo=700000,250000,100000&cost_hi=950000,400000,120000",
    "cost=300000,80000&gmv=900000&margin=35&members=1500&ltv=120&impr=5000000&cpm=25\
&gmv_lo=400000&gmv_hi=1500000&members_lo=800&members_hi=2500",
];

/// Worked example `i` as a query, its cost lines named in the current language.
fn preset_query(t: &crate::i18n::RoiTexts, i: usize) -> String {
    let mut q = String::from(PRESETS.get(i).copied().unwrap_or(""));
    q.push_str("&cost_label=");
    crate::model::query::encode_into(&mut q, t.preset_cost_labels.get(i).copied().unwrap_or(""));
    q
}

const MAX_COST_LINES: usize = 20;
const INPUTS: [(&str, Input); 6] = [
    ("gmv", Input::Gmv),
    ("margin", Input::Margin),
    ("members", Input::Members),
    ("ltv", Input::Ltv),
    ("impr", Input::Impressions),
    ("cpm", Input::Cpm),
];

#[component]
pub fn RoiPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi;
    // The page opens on the first worked example, its cost lines named in this language.
    let form = use_query_form(Route::Roi, PARAMS, &preset_query(t, 0));
    let read = read_campaign(texts, |p| form.get(p));
    let result = read.campaign.as_ref().map(evaluate);
    let r = result.as_ref();
    let lines = read.costs.len();
    let swing = parse_bounded(form.get("swing"), Bounds::range(0.0, false, 100.0, false));
    let swings = match (&read.campaign, swing) {
        (Some(c), Ok(s)) => tornado(c, s / 100.0),
        _ => None,
    };
    let input_name = |input: Input| -> String {
        match input {
            Input::Cost(i) => read.labels.get(i).cloned().unwrap_or_default(),
            other => INPUTS
                .iter()
                .position(|(_, x)| *x == other)
                .and_then(|i| t.input_names.get(i))
                .map_or_else(String::new, |s| (*s).to_string()),
        }
    };

    let on_cost = |param: &'static str, i: usize| form.item_input(param, lines, i);
    let add_cost = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let changes = ["cost", "cost_label", "cost_lo", "cost_hi"]
                .into_iter()
                .filter(|p| *p == "cost" || !form.get(p).trim().is_empty())
                .map(|p| {
                    (
                        p,
                        push_item(form.get(p), lines, if p == "cost" { "0" } else { "" }),
                    )
                })
                .collect();
            form.set_many.emit(changes);
        })
    };
    let remove_cost = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let changes = ["cost", "cost_label", "cost_lo", "cost_hi"]
                .into_iter()
                .filter(|p| !form.get(p).trim().is_empty())
                .map(|p| (p, remove_item(form.get(p), i)))
                .collect();
            form.set_many.emit(changes);
        })
    };
    let toggle = |index: usize| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut off: Vec<String> = split_list(form.get("off"))
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            let name = BENEFITS.get(index).copied().unwrap_or("");
            if let Some(at) = off.iter().position(|s| s == name) {
                off.remove(at);
            } else {
                off.push(name.to_string());
            }
            form.set.emit(("off", off.join(",")));
        })
    };
    let benefit_group = |index: usize, title: &'static str, fields: Html| {
        let on = read.counted.get(index).copied().unwrap_or(true);
        html! {
            <fieldset class={classes!("benefit", (!on).then_some("off"))}>
                <legend>
                    <label>
                        <input type="checkbox" name="off" value={BENEFITS.get(index).copied().unwrap_or("")} checked={on} onchange={toggle(index)} />
                        { " " }{ title }
                    </label>
                </legend>
                if on { { fields } } else { <p class="field-hint">{ t.use_benefit }</p> }
            </fieldset>
        }
    };
    let roi_note = match r {
        Some(r) if r.roi.is_none() => Some(AttrValue::from(t.roi_undefined)),
        _ => None,
    };
    let preset_link = |i: usize| format!("#/roi?{}", preset_query(t, i));
    let zh = lang.is_zh();
    let answer = r.and_then(|r| {
        let roi = r.roi?;
        let cost = lang.money(r.cost_total);
        Some(if r.net_profit > 0.0 {
            fill(
                t.answer_pays,
                &[&format::pct(roi, 3), &lang.money(r.net_profit), &cost],
            )
        } else if r.net_profit < 0.0 {
            fill(
                t.answer_loses,
                &[
                    &format::pct(roi, 3),
                    &format::money(-r.net_profit, zh),
                    &cost,
                ],
            )
        } else {
            fill(t.answer_even, &[&cost])
        })
    });
    let breakeven_note = r
        .and_then(|r| r.breakeven_gmv)
        .filter(|g| *g == 0.0)
        .map(|_| AttrValue::from(t.breakeven_covered));

    html! {
        <div class="page roi">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <CopyLink form={form.clone()} />
            <Presets heading={t.presets_heading} links={t.presets.iter().enumerate().map(|(i, label)| (preset_link(i), AttrValue::from(*label))).collect::<Vec<_>>()} />
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.costs_heading }</legend>
                        <div class="table-wrap">
                            <table class="arm-editor" data-testid="cost-editor">
                                <thead><tr>
                                    <th scope="col">{ t.cost_name_col }</th>
                                    <th scope="col">{ t.amount_col }</th>
                                    <th scope="col"><span class="visually-hidden">{ t.remove_cost.replace("{0}", "") }</span></th>
                                </tr></thead>
                                <tbody>
                                    { for read.costs.iter().enumerate().map(|(i, cell)| {
                                        let label = read.labels.get(i).cloned().unwrap_or_default();
                                        let typed = split_list(form.get("cost_label")).get(i).copied().unwrap_or("").to_string();
                                        html! {
                                            <tr>
                                                <th scope="row">
                                                    <input type="text" class="arm-name" name="cost_label" data-line={i.to_string()} placeholder={label.clone()}
                                                        aria-label={format!("{} {}", t.cost_name_col, i + 1)} value={typed} oninput={on_cost("cost_label", i)} />
                                                </th>
                                                <td class={classes!(cell.error.is_some().then_some("invalid"))}>
                                                    <input type="text" inputmode="decimal" name="cost" data-line={i.to_string()} aria-label={format!("{label}: {}", t.amount_col)}
                                                        value={cell.text.clone()} aria-invalid={cell.error.is_some().then_some("true")} oninput={on_cost("cost", i)} />
                                                    if let Some(e) = &cell.error {
                                                        <span class="cell-error" data-testid={format!("error-cost-{i}")}>{ e.clone() }</span>
                                                    }
                                                </td>
                                                <td>
                                                    if lines > 1 {
                                                        <button type="button" class="icon" onclick={remove_cost(i)} aria-label={fill(t.remove_cost, &[&label])} title={fill(t.remove_cost, &[&label])}>{ "×" }</button>
                                                    }
                                                </td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        <button type="button" class="secondary" data-testid="add-cost" onclick={add_cost} disabled={lines >= MAX_COST_LINES}>{ "+ " }{ t.add_cost }</button>
                    </fieldset>
                    { benefit_group(0, t.benefit_direct, html! { <>
                        <NumberField form={form.clone()} name="gmv" label={t.gmv} error={input_error(texts, &read.gmv)} />
                        <NumberField form={form.clone()} name="margin" label={t.margin} unit="%" error={input_error(texts, &read.margin)} />
                    </> }) }
                    { benefit_group(1, t.benefit_members, html! { <>
                        <NumberField form={form.clone()} name="members" label={t.members} error={input_error(texts, &read.members)} />
                        <NumberField form={form.clone()} name="ltv" label={t.ltv} error={input_error(texts, &read.ltv)} />
                    </> }) }
                    { benefit_group(2, t.benefit_brand, html! { <>
                        <NumberField form={form.clone()} name="impr" label={t.impr} error={input_error(texts, &read.impressions)} />
                        <NumberField form={form.clone()} name="cpm" label={t.cpm} error={input_error(texts, &read.cpm)} />
                    </> }) }
                </form>
                <section class="outputs" aria-live="polite">
                    <h2>{ t.results_heading }</h2>
                    if let Some(a) = answer {
                        <p class="answer" data-testid="answer">{ a }</p>
                    }
                    if result.is_none() {
                        <p class="blocked">{ texts.app.cannot_compute }</p>
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
                    </div>
                    if let (Some(r), Some(c)) = (r, &read.campaign) {
                        <StackedBars aria_label={t.stacked_label} format={AxisFormat::Money} rows={vec![
                            StackRow { label: t.cost_bar.into(), segments: c.costs.iter().zip(&read.labels).enumerate().map(|(i, (v, l))| Segment {
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
            </div>

            <section class="panel">
                <h2>{ t.sens_heading }</h2>
                <p>{ t.sens_intro }</p>
                <div class="solve">
                    <NumberField form={form.clone()} name="swing" label={t.swing} unit="±%" error={input_error(texts, &swing)} />
                </div>
                { match (&swings, r.and_then(|r| r.roi), swing) {
                    (Some(list), Some(base), Ok(s)) if !list.is_empty() => {
                        let top = list.first().map(|w| fill(t.sens_top, &[
                            &input_name(w.input), &format::pct(s / 100.0, 3),
                            &format::pct(w.roi_down.min(w.roi_up), 3), &format::pct(w.roi_down.max(w.roi_up), 3),
                        ])).unwrap_or_default();
                        html! { <>
                            <p class="headline" data-testid="sensitivity-top">{ top }</p>
                            <Tornado aria_label={t.tornado_label} base={base} format={AxisFormat::Percent}
                                legend={[fill(t.tornado_down, &[&format::pct(s / 100.0, 3)]).into(), fill(t.tornado_up, &[&format::pct(s / 100.0, 3)]).into()]}
                                rows={list.iter().map(|w| TornadoRow { label: input_name(w.input).into(), down: w.roi_down, up: w.roi_up }).collect::<Vec<_>>()} />
                        </> }
                    }
                    _ => html! { <p class="field-hint">{ t.sens_none }</p> },
                } }
            </section>

            <Uncertainty form={form.clone()} read={read.clone()} />
            <Scenarios form={form.clone()} />
            <Channels form={form.clone()} />
            <Promotion form={form.clone()} />
            <CustomerValue form={form.clone()} />
        </div>
    }
}
