//! `#/funnel`: GMV from visitors, stage conversion rates and order value; what-ifs;
//! which stage to improve; the experiment that would prove it; targets; and what
//! drove a change between two periods.

mod panels;

use yew::prelude::*;

use crate::i18n::{fill, Texts};
use crate::model::format;
use crate::model::funnel::{scenario, Funnel, Scenario, WhatIf};
use crate::model::input::{parse_bounded, push_item, remove_item, split_list, Bounds};
use crate::model::query::{encode_into, Param};
use crate::ui::cells::cells;
use crate::ui::hooks::{use_query_form, QueryForm};
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, AxisFormat, Bar, BarChart, CopyLink, NumberField, Presets, ResultValue,
    ValueFormat,
};
use crate::ui::Route;
use panels::{Comparison, Experiments, LeverageTable, Target};

pub const PARAMS: &[Param] = &[
    Param {
        name: "visitors",
        default: "",
    },
    Param {
        name: "rates",
        default: "",
    },
    Param {
        name: "stages",
        default: "",
    },
    Param {
        name: "aov",
        default: "",
    },
    // What-ifs: `stage` and `to` are aligned lists (one what-if each).
    Param {
        name: "stage",
        default: "",
    },
    Param {
        name: "to",
        default: "",
    },
    Param {
        name: "visitors_to",
        default: "",
    },
    Param {
        name: "aov_to",
        default: "",
    },
    Param {
        name: "period",
        default: "1",
    },
    Param {
        name: "target",
        default: "",
    },
    Param {
        name: "b_visitors",
        default: "",
    },
    Param {
        name: "b_rates",
        default: "",
    },
    Param {
        name: "b_aov",
        default: "",
    },
];

/// A classic shop: visit → product page → add to cart → checkout → paid, with a
/// what-if on add-to-cart.
pub const CLASSIC_SHOP: &str = "visitors=50000&rates=40,25,50,70&aov=150&stage=2&to=30";

const PRESETS: [&str; 4] = [
    CLASSIC_SHOP,
    "visitors=100000&rates=60,35,15&aov=120&stage=2&to=40",
    "visitors=200000&rates=35,20,40,60&aov=89&stage=2&to=25",
    "visitors=200000&rates=30,5&aov=120&b_visitors=100000&b_rates=30,8&b_aov=100",
];

pub const MAX_STAGES: usize = 12;

/// Typed names first; the shop's usual stage names, then "Stage n", where none is typed.
pub fn stage_names(t: &Texts, typed: &str, count: usize) -> Vec<String> {
    let typed = split_list(typed);
    (0..count)
        .map(|i| match typed.get(i).filter(|s| !s.is_empty()) {
            Some(s) => (*s).to_string(),
            None => match t.funnel.default_stages.get(i) {
                Some(s) => (*s).to_string(),
                None => fill(t.funnel.stage_n, &[&(i + 1).to_string()]),
            },
        })
        .collect()
}

/// A what-if row as typed.
#[derive(Clone, PartialEq)]
struct WhatIfRow {
    stage: String,
    to: String,
    stage_error: Option<String>,
    to_error: Option<String>,
    parsed: Option<WhatIf>,
}

fn what_if_rows(t: &Texts, form: &QueryForm, stages: usize) -> Vec<WhatIfRow> {
    let (s, to) = (split_list(form.get("stage")), split_list(form.get("to")));
    let rows = if form.get("stage").trim().is_empty() && form.get("to").trim().is_empty() {
        0
    } else {
        s.len().max(to.len())
    };
    (0..rows)
        .map(|i| {
            let (st, tt) = (
                s.get(i).copied().unwrap_or(""),
                to.get(i).copied().unwrap_or(""),
            );
            let stage = parse_bounded(
                st,
                Bounds::range(1.0, true, MAX_STAGES as f64, true).whole(),
            );
            let rate = parse_bounded(tt, Bounds::PERCENT);
            let mut stage_error = input_error(t, &stage);
            if let Ok(n) = stage {
                if n as usize > stages && stages > 0 {
                    stage_error = Some(fill(t.funnel.stage_out_of_range, &[&stages.to_string()]));
                }
            }
            let parsed = match (stage, rate) {
                (Ok(n), Ok(r)) if stage_error.is_none() => Some(WhatIf {
                    stage: n as usize - 1,
                    to: r / 100.0,
                }),
                _ => None,
            };
            WhatIfRow {
                stage: st.to_string(),
                to: tt.to_string(),
                stage_error,
                to_error: input_error(t, &rate),
                parsed,
            }
        })
        .collect()
}

#[component]
pub fn FunnelPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.funnel;
    let form = use_query_form(Route::Funnel, PARAMS, CLASSIC_SHOP);

    let visitors = parse_bounded(form.get("visitors"), Bounds::COUNT);
    let aov = parse_bounded(form.get("aov"), Bounds::NON_NEGATIVE);
    let rate_cells = cells(texts, form.get("rates"), 0, Bounds::PERCENT);
    let count = rate_cells.len();
    let names = stage_names(texts, form.get("stages"), count);
    let rates: Option<Vec<f64>> = if count == 0 {
        None
    } else {
        rate_cells
            .iter()
            .map(|c| c.value.map(|v| v / 100.0))
            .collect()
    };
    let funnel = match (visitors, &rates, aov) {
        (Ok(visitors), Some(rates), Ok(aov)) => Some(Funnel {
            visitors,
            rates: rates.clone(),
            aov,
        }),
        _ => None,
    };
    let now = funnel.as_ref().and_then(|f| f.evaluate().ok());
    let rows = what_if_rows(texts, &form, count);
    let visitors_to_given = !form.get("visitors_to").trim().is_empty();
    let aov_to_given = !form.get("aov_to").trim().is_empty();
    let visitors_to = parse_bounded(form.get("visitors_to"), Bounds::COUNT);
    let aov_to = parse_bounded(form.get("aov_to"), Bounds::NON_NEGATIVE);
    let rows_ok = rows.iter().all(|r| r.parsed.is_some());
    let any_what_if = !rows.is_empty() || visitors_to_given || aov_to_given;
    let plan = Scenario {
        rates: rows.iter().filter_map(|r| r.parsed).collect(),
        visitors: visitors_to
            .as_ref()
            .ok()
            .copied()
            .filter(|_| visitors_to_given),
        aov: aov_to.as_ref().ok().copied().filter(|_| aov_to_given),
    };
    let extras_ok =
        (!visitors_to_given || visitors_to.is_ok()) && (!aov_to_given || aov_to.is_ok());
    let whatif = match &funnel {
        Some(f) if any_what_if && rows_ok && extras_ok => scenario(f, &plan).ok(),
        _ => None,
    };
    let w = whatif.as_ref();
    let period = parse_bounded(form.get("period"), Bounds::range(0.0, false, 3660.0, true));

    let stage_lists = ["stages", "rates"];
    let on_cell = |param: &'static str, i: usize, len: usize| form.item_input(param, len, i);
    let add_stage = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            form.set_many.emit(vec![
                ("stages", push_item(form.get("stages"), count, "")),
                ("rates", push_item(form.get("rates"), count, "50")),
            ]);
        })
    };
    let remove_stage = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let mut changes: Vec<(&'static str, String)> = stage_lists
                .iter()
                .map(|&p| (p, remove_item(form.get(p), i)))
                .collect();
            // What-ifs on the removed stage go; later ones shift up.
            let (s, to) = (split_list(form.get("stage")), split_list(form.get("to")));
            let kept: Vec<(String, String)> = s
                .iter()
                .zip(to.iter())
                .filter_map(|(st, tt)| match st.parse::<usize>() {
                    Ok(n) if n == i + 1 => None,
                    Ok(n) if n > i + 1 => Some(((n - 1).to_string(), (*tt).to_string())),
                    _ => Some(((*st).to_string(), (*tt).to_string())),
                })
                .collect();
            changes.push((
                "stage",
                kept.iter()
                    .map(|k| k.0.clone())
                    .collect::<Vec<_>>()
                    .join(","),
            ));
            changes.push((
                "to",
                kept.iter()
                    .map(|k| k.1.clone())
                    .collect::<Vec<_>>()
                    .join(","),
            ));
            form.set_many.emit(changes);
        })
    };
    // Swaps stages `i` and `i + 1`, names and rates, and keeps what-ifs on their stage.
    let swap = |i: usize| {
        let form = form.clone();
        let names = names.clone();
        Callback::from(move |_: MouseEvent| {
            let swap_list = |raw: &str, fill_with: &dyn Fn(usize) -> String| {
                // A name never typed is shown as the stage's usual name: that is what moves.
                let mut items: Vec<String> = (0..count)
                    .map(|k| {
                        split_list(raw)
                            .get(k)
                            .filter(|s| !s.is_empty())
                            .map_or_else(|| fill_with(k), |s| (*s).to_string())
                    })
                    .collect();
                items.swap(i, i + 1);
                items.join(",")
            };
            let stage = split_list(form.get("stage"))
                .iter()
                .map(|s| match s.parse::<usize>() {
                    Ok(n) if n == i + 1 => (i + 2).to_string(),
                    Ok(n) if n == i + 2 => (i + 1).to_string(),
                    _ => (*s).to_string(),
                })
                .collect::<Vec<_>>()
                .join(",");
            form.set_many.emit(vec![
                (
                    "stages",
                    swap_list(form.get("stages"), &|k| {
                        names.get(k).cloned().unwrap_or_default()
                    }),
                ),
                ("rates", swap_list(form.get("rates"), &|_| String::new())),
                ("stage", stage),
            ]);
        })
    };
    let add_what_if = {
        let form = form.clone();
        let n = rows.len();
        Callback::from(move |_: MouseEvent| {
            form.set_many.emit(vec![
                ("stage", push_item(form.get("stage"), n, "1")),
                ("to", push_item(form.get("to"), n, "")),
            ]);
        })
    };
    let remove_what_if = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            form.set_many.emit(vec![
                ("stage", remove_item(form.get("stage"), i)),
                ("to", remove_item(form.get("to"), i)),
            ]);
        })
    };
    let preset_link = |i: usize| {
        let mut q = String::from(PRESETS.get(i).copied().unwrap_or(""));
        q.push_str("&stages=");
        encode_into(&mut q, t.preset_stages.get(i).copied().unwrap_or(""));
        format!("#/funnel?{q}")
    };
    let typed_names = split_list(form.get("stages"));
    // The one-sentence answer: the GMV, and the stage where a point is worth most.
    let answer = match (&funnel, &now) {
        (Some(f), Some(r)) => {
            let best = crate::model::funnel::leverage(f)
                .ok()
                .and_then(|rows| rows.into_iter().next())
                .filter(|top| top.per_point > 0.0);
            let mut text = match best {
                Some(top) => fill(
                    t.answer,
                    &[
                        &lang.money(r.gmv),
                        &format::count(r.orders),
                        &names.get(top.stage).cloned().unwrap_or_default(),
                        &lang.money(top.per_point),
                    ],
                ),
                None => fill(
                    t.answer,
                    &[&lang.money(r.gmv), &format::count(r.orders), "—", "—"],
                ),
            };
            if let Some(w) = w {
                text.push_str(if lang.is_zh() { "" } else { " " });
                text.push_str(&fill(
                    t.answer_whatif,
                    &[
                        &lang.money(w.after.gmv),
                        &format::signed_money(w.gmv_delta, lang.is_zh()),
                        &w.gmv_delta_rel
                            .map_or_else(|| "—".to_string(), |x| format::signed_pct(x, 3)),
                    ],
                ));
            }
            Some(text)
        }
        _ => None,
    };

    html! {
        <div class="page funnel">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <CopyLink form={form.clone()} />
            <Presets heading={t.presets_heading} links={t.presets.iter().enumerate().map(|(i, label)| (preset_link(i), AttrValue::from(*label))).collect::<Vec<_>>()} />
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.funnel_heading }</legend>
                        <NumberField form={form.clone()} name="visitors" label={t.visitors} error={input_error(texts, &visitors)} />
                        <div class="table-wrap">
                            <table class="arm-editor" data-testid="stage-editor">
                                <thead><tr>
                                    <th scope="col">{ t.stage_col }</th>
                                    <th scope="col">{ t.rate_col }{ " %" }</th>
                                    <th scope="col"><span class="visually-hidden">{ t.remove_stage.replace("{0}", "") }</span></th>
                                </tr></thead>
                                <tbody>
                                    { for rate_cells.iter().enumerate().map(|(i, c)| {
                                        let name = names.get(i).cloned().unwrap_or_default();
                                        html! {
                                            <tr>
                                                <th scope="row">
                                                    <input type="text" class="arm-name" name="stages" data-line={i.to_string()} placeholder={name.clone()}
                                                        aria-label={format!("{} {}", t.stage_col, i + 1)} value={typed_names.get(i).copied().unwrap_or("").to_string()}
                                                        oninput={on_cell("stages", i, count)} />
                                                </th>
                                                <td class={classes!(c.error.is_some().then_some("invalid"))}>
                                                    <input type="text" inputmode="decimal" name="rates" data-line={i.to_string()} aria-label={format!("{name}: {}", t.rate_col)}
                                                        value={c.text.clone()} oninput={on_cell("rates", i, count)} />
                                                    if let Some(e) = &c.error { <span class="cell-error" data-testid={format!("error-rates-{i}")}>{ e.clone() }</span> }
                                                </td>
                                                <td class="row-buttons">
                                                    if i > 0 { <button type="button" class="icon" onclick={swap(i - 1)} aria-label={fill(t.move_up, &[&name])} title={fill(t.move_up, &[&name])}>{ "↑" }</button> }
                                                    if i + 1 < count { <button type="button" class="icon" onclick={swap(i)} aria-label={fill(t.move_down, &[&name])} title={fill(t.move_down, &[&name])}>{ "↓" }</button> }
                                                    if count > 1 { <button type="button" class="icon" onclick={remove_stage(i)} aria-label={fill(t.remove_stage, &[&name])} title={fill(t.remove_stage, &[&name])}>{ "×" }</button> }
                                                </td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        if count == 0 {
                            <p class="field-error" data-testid="error-rates">{ t.no_stages }</p>
                        }
                        <button type="button" class="secondary" data-testid="add-stage" onclick={add_stage} disabled={count >= MAX_STAGES}>{ "+ " }{ t.add_stage }</button>
                        <NumberField form={form.clone()} name="aov" label={t.aov} error={input_error(texts, &aov)} />
                        <NumberField form={form.clone()} name="period" label={t.period} hint={AttrValue::from(t.period_hint)} error={input_error(texts, &period)} />
                    </fieldset>
                    <fieldset>
                        <legend>{ t.what_if_heading }</legend>
                        <p class="field-hint">{ t.what_if_intro }</p>
                        <div class="table-wrap">
                            <table class="arm-editor" data-testid="what-ifs">
                                <thead><tr><th scope="col">{ t.stage }</th><th scope="col">{ t.to }{ " %" }</th><th></th></tr></thead>
                                <tbody>
                                    { for rows.iter().enumerate().map(|(i, r)| html! {
                                        <tr>
                                            <td class={classes!(r.stage_error.is_some().then_some("invalid"))}>
                                                <input type="text" inputmode="numeric" name="stage" data-line={i.to_string()} aria-label={format!("{} {}", t.stage, i + 1)}
                                                    value={r.stage.clone()} oninput={on_cell("stage", i, rows.len())} />
                                                if let Some(e) = &r.stage_error { <span class="cell-error" data-testid={format!("error-stage-{i}")}>{ e.clone() }</span> }
                                                else if let Some(n) = r.parsed.map(|p| p.stage).and_then(|s| names.get(s)) { <span class="field-hint">{ n.clone() }</span> }
                                            </td>
                                            <td class={classes!(r.to_error.is_some().then_some("invalid"))}>
                                                <input type="text" inputmode="decimal" name="to" data-line={i.to_string()} aria-label={format!("{} {}", t.to, i + 1)}
                                                    value={r.to.clone()} oninput={on_cell("to", i, rows.len())} />
                                                if let Some(e) = &r.to_error { <span class="cell-error" data-testid={format!("error-to-{i}")}>{ e.clone() }</span> }
                                            </td>
                                            <td><button type="button" class="icon" onclick={remove_what_if(i)} aria-label={fill(t.remove_what_if, &[&(i + 1).to_string()])}>{ "×" }</button></td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        <button type="button" class="secondary" data-testid="add-what-if" onclick={add_what_if}>{ "+ " }{ t.add_what_if }</button>
                        <NumberField form={form.clone()} name="visitors_to" label={t.visitors_to} error={if visitors_to_given { input_error(texts, &visitors_to) } else { None }} />
                        <NumberField form={form.clone()} name="aov_to" label={t.aov_to} error={if aov_to_given { input_error(texts, &aov_to) } else { None }} />
                    </fieldset>
                </form>
                <section class="outputs" aria-live="polite">
                    <h2>{ t.results_heading }</h2>
                    if let Some(a) = answer {
                        <p class="answer" data-testid="answer">{ a }</p>
                    }
                    if now.is_none() {
                        <p class="blocked">{ if count == 0 { t.no_stages } else { texts.app.cannot_compute } }</p>
                    }
                    <div class="results">
                        <ResultValue testid="gmv" label={t.gmv} value={now.as_ref().map(|r| r.gmv)} format={ValueFormat::Money} primary=true />
                        <ResultValue testid="orders" label={t.orders} value={now.as_ref().map(|r| r.orders)} format={ValueFormat::Count} />
                        <ResultValue testid="overall-rate" label={t.overall_rate} value={now.as_ref().map(|r| r.overall_rate)} format={ValueFormat::Percent} />
                        <ResultValue testid="gmv-whatif" label={t.gmv_whatif} value={w.map(|w| w.after.gmv)} format={ValueFormat::Money} />
                        <ResultValue testid="orders-whatif" label={t.orders_whatif} value={w.map(|w| w.after.orders)} format={ValueFormat::Count} />
                        <ResultValue testid="gmv-delta" label={t.gmv_delta} value={w.map(|w| w.gmv_delta)} format={ValueFormat::SignedMoney} />
                        <ResultValue testid="gmv-delta-rel" label={t.gmv_delta_rel} value={w.and_then(|w| w.gmv_delta_rel)} format={ValueFormat::SignedPercent} />
                    </div>
                    if let Some(r) = &now {
                        <BarChart aria_label={t.chart_label} format={AxisFormat::Int} bars={
                            r.people.iter().enumerate().map(|(i, p)| {
                                let label = if i == 0 { t.visitors.to_string() } else { names.get(i - 1).cloned().unwrap_or_default() };
                                Bar { label: label.into(), value: *p, text: format::count(*p).into(), class: "stage" }
                            }).collect::<Vec<_>>()
                        } />
                    }
                    <p class="method">{ t.method }</p>
                </section>
            </div>
            if let (Some(f), Some(r)) = (&funnel, &now) {
                <LeverageTable funnel={f.clone()} names={names.clone()} />
                <Experiments funnel={f.clone()} people={r.people.clone()} names={names.clone()} what_ifs={plan.rates.clone()} period={period.as_ref().ok().copied()} />
                <Target form={form.clone()} funnel={f.clone()} names={names.clone()} />
                <Comparison form={form.clone()} funnel={f.clone()} names={names.clone()} />
            }
        </div>
    }
}
