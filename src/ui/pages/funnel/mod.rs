//! `#/funnel`: GMV from visitors, stage conversion rates and order value, and a what-if.

use yew::prelude::*;

use crate::i18n::{fill, Texts};
use crate::model::format;
use crate::model::funnel::{what_if, Funnel, FunnelError, WhatIf};
use crate::model::input::{parse_bounded, parse_list, split_list, Bounds};
use crate::model::query::Param;
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, list_error, AxisFormat, Bar, BarChart, NumberField, ResultValue, ValueFormat,
};
use crate::ui::Route;

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
    Param {
        name: "stage",
        default: "",
    },
    Param {
        name: "to",
        default: "",
    },
];

/// A classic shop: visit → product page → add to cart → checkout → paid, with a
/// what-if on add-to-cart.
pub const CLASSIC_SHOP: &str = "visitors=50000&rates=40,25,50,70&aov=150&stage=2&to=30";

const MAX_STAGES: usize = 12;

/// Typed names first; the shop's usual stage names, then "Stage n", where none is typed.
fn stage_names(t: &Texts, typed: &str, count: usize) -> Vec<String> {
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

#[component]
pub fn FunnelPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.funnel;
    let form = use_query_form(Route::Funnel, PARAMS, CLASSIC_SHOP);

    let visitors = parse_bounded(form.get("visitors"), Bounds::COUNT);
    let rates = parse_list(form.get("rates"), Bounds::PERCENT, 1, MAX_STAGES);
    let aov = parse_bounded(form.get("aov"), Bounds::NON_NEGATIVE);
    let stage_count = rates.as_ref().map_or(0, Vec::len);
    let names = stage_names(texts, form.get("stages"), stage_count);

    // The what-if is optional: both fields empty means none.
    let wants_what_if = !(form.get("stage").trim().is_empty() && form.get("to").trim().is_empty());
    let stage = parse_bounded(
        form.get("stage"),
        Bounds::range(1.0, true, MAX_STAGES as f64, true).whole(),
    );
    let to = parse_bounded(form.get("to"), Bounds::PERCENT);
    let mut stage_error = if wants_what_if {
        input_error(texts, &stage)
    } else {
        None
    };
    let to_error = if wants_what_if {
        input_error(texts, &to)
    } else {
        None
    };

    let funnel = match (visitors, &rates, aov) {
        (Ok(visitors), Ok(rates), Ok(aov)) => Some(Funnel {
            visitors,
            rates: rates.iter().map(|r| r / 100.0).collect(),
            aov,
        }),
        _ => None,
    };
    let now = funnel.as_ref().and_then(|f| f.evaluate().ok());
    let whatif = match (&funnel, stage, to) {
        (Some(f), Ok(s), Ok(to)) if wants_what_if => {
            match what_if(
                f,
                WhatIf {
                    stage: s as usize - 1,
                    to: to / 100.0,
                },
            ) {
                Ok(w) => Some(w),
                Err(FunnelError::StageOutOfRange { stages }) => {
                    stage_error = Some(fill(t.stage_out_of_range, &[&stages.to_string()]));
                    None
                }
                Err(FunnelError::NoStages) => None,
            }
        }
        _ => None,
    };
    let w = whatif.as_ref();

    html! {
        <div class="page funnel">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.funnel_heading }</legend>
                        <NumberField form={form.clone()} name="visitors" label={t.visitors} error={input_error(texts, &visitors)} />
                        <NumberField form={form.clone()} name="rates" label={t.rates} unit="%" inputmode="text"
                            hint={AttrValue::from(t.rates_hint)} error={list_error(texts, &rates)} />
                        <NumberField form={form.clone()} name="stages" label={t.stages} inputmode="text"
                            hint={AttrValue::from(t.stages_hint)} />
                        <NumberField form={form.clone()} name="aov" label={t.aov} error={input_error(texts, &aov)} />
                    </fieldset>
                    <fieldset>
                        <legend>{ t.what_if_heading }</legend>
                        <NumberField form={form.clone()} name="stage" label={t.stage} inputmode="numeric"
                            hint={AttrValue::from(t.stage_hint)} error={stage_error} />
                        <NumberField form={form.clone()} name="to" label={t.to} unit="%" error={to_error} />
                    </fieldset>
                </form>
                <section class="outputs" aria-live="polite">
                    <h2>{ t.results_heading }</h2>
                    if now.is_none() {
                        <p class="blocked">{ texts.app.cannot_compute }</p>
                    }
                    <div class="results">
                        <ResultValue testid="gmv" label={t.gmv} value={now.as_ref().map(|r| r.gmv)} format={ValueFormat::Money} primary=true />
                        <ResultValue testid="orders" label={t.orders} value={now.as_ref().map(|r| r.orders)} format={ValueFormat::Number} />
                        <ResultValue testid="overall-rate" label={t.overall_rate} value={now.as_ref().map(|r| r.overall_rate)} format={ValueFormat::Percent} />
                        <ResultValue testid="gmv-whatif" label={t.gmv_whatif} value={w.map(|w| w.after.gmv)} format={ValueFormat::Money} />
                        <ResultValue testid="gmv-delta" label={t.gmv_delta} value={w.map(|w| w.gmv_delta)} format={ValueFormat::Money} />
                        <ResultValue testid="gmv-delta-rel" label={t.gmv_delta_rel} value={w.and_then(|w| w.gmv_delta_rel)} format={ValueFormat::SignedPercent} />
                    </div>
                    if let Some(r) = &now {
                        <BarChart aria_label={t.chart_label} format={AxisFormat::Int} bars={
                            r.people.iter().enumerate().map(|(i, p)| {
                                let label = if i == 0 { t.visitors.to_string() } else { names.get(i - 1).cloned().unwrap_or_default() };
                                Bar { label: label.into(), value: *p, text: format::num(*p, 0).into(), class: "stage" }
                            }).collect::<Vec<_>>()
                        } />
                    }
                    <p class="method">{ t.method }</p>
                </section>
            </div>
        </div>
    }
}
