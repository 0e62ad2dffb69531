//! `#/analyze`: each arm against control, with the sample-ratio check first.

use yew::prelude::*;

use crate::i18n::fill;
use crate::model::analyze::{adjust, sample_ratio_p, two_proportion, welch, Adjust, Comparison};
use crate::model::format;
use crate::model::input::{parse_bounded, parse_choice, parse_list, Bounds, ListError};
use crate::model::query::Param;
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::result::format_value;
use crate::ui::widgets::{input_error, list_error, ChoiceField, NumberField, ValueFormat};
use crate::ui::Route;

pub const PARAMS: &[Param] = &[
    Param {
        name: "metric",
        default: "binary",
    },
    Param {
        name: "n",
        default: "10000,10000",
    },
    Param {
        name: "x",
        default: "500,560",
    },
    Param {
        name: "mean",
        default: "",
    },
    Param {
        name: "sd",
        default: "",
    },
    Param {
        name: "alpha",
        default: "5",
    },
    Param {
        name: "sides",
        default: "2",
    },
    // Empty: Holm when there are more than two arms.
    Param {
        name: "correction",
        default: "",
    },
    Param {
        name: "split",
        default: "",
    },
];

const MAX_ARMS: usize = 10;
/// Below this the sample ratio is called a mismatch, as is usual in the industry.
const SRM_THRESHOLD: f64 = 0.001;

/// One cell with the contract's `data-testid` / `data-value`.
fn cell(lang: crate::i18n::Lang, id: String, value: Option<f64>, f: ValueFormat) -> Html {
    match value.filter(|v| v.is_finite()) {
        Some(v) => {
            html! { <td><output data-testid={id} data-value={format::contract_value(v)}>{ format_value(lang, f, v) }</output></td> }
        }
        None => html! { <td><output data-testid={id}>{ "—" }</output></td> },
    }
}

#[component]
pub fn AnalyzePage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.analyze;
    let form = use_query_form(Route::Analyze, PARAMS, "");

    let continuous = parse_choice(
        form.get("metric"),
        &[("binary", false), ("continuous", true)],
    )
    .unwrap_or(false);
    let two_sided = parse_choice(form.get("sides"), &[("2", true), ("1", false)]).unwrap_or(true);
    let alpha = parse_bounded(form.get("alpha"), Bounds::OPEN_PERCENT);
    let n = parse_list(form.get("n"), Bounds::COUNT, 2, MAX_ARMS);
    let arms = n.as_ref().map_or(0, Vec::len);
    let same_length = |r: Result<Vec<f64>, ListError>| {
        r.and_then(|v| {
            if v.len() == arms || arms == 0 {
                Ok(v)
            } else {
                Err(ListError::TooFew { min: arms })
            }
        })
    };
    let x = same_length(parse_list(form.get("x"), Bounds::COUNT, 2, MAX_ARMS));
    let mean = same_length(parse_list(
        form.get("mean"),
        Bounds::range(-1e15, true, 1e15, true),
        2,
        MAX_ARMS,
    ));
    let sd = same_length(parse_list(
        form.get("sd"),
        Bounds::range(0.0, false, 1e15, true),
        2,
        MAX_ARMS,
    ));
    let split_given = !form.get("split").trim().is_empty();
    let split = same_length(parse_list(
        form.get("split"),
        Bounds::range(0.0, false, 100.0, true),
        2,
        MAX_ARMS,
    ));
    let correction = parse_choice(form.get("correction"), &Adjust::CHOICES)
        .unwrap_or(if arms > 2 { Adjust::Holm } else { Adjust::None });

    // Conversions above visitors, or n < 2 for Welch, are reported on the field.
    let mut x_error = if continuous {
        None
    } else {
        list_error(texts, &x)
    };
    if let (Ok(n), Ok(x)) = (&n, &x) {
        if let Some(i) = n.iter().zip(x).position(|(n, x)| x > n) {
            x_error = Some(fill(
                t.more_conversions_than_visitors,
                &[&(i + 1).to_string()],
            ));
        }
    }
    let mut n_error = list_error(texts, &n);
    if continuous {
        if let Ok(n) = &n {
            if let Some(i) = n.iter().position(|v| *v < 2.0) {
                n_error = Some(fill(t.welch_needs_two, &[&(i + 1).to_string()]));
            }
        }
    } else if let Ok(n) = &n {
        if let Some(i) = n.iter().position(|v| *v == 0.0) {
            n_error = Some(fill(t.zero_visitors, &[&(i + 1).to_string()]));
        }
    }

    let inputs_ok = n_error.is_none()
        && if continuous {
            mean.is_ok() && sd.is_ok()
        } else {
            x_error.is_none()
        };
    let comparisons: Option<Vec<Comparison>> = match (&n, inputs_ok) {
        (Ok(n), true) => {
            let base = |v: &[f64]| v.first().copied().unwrap_or(f64::NAN);
            let n0 = base(n);
            Some(if continuous {
                let (m, s) = (mean.as_deref().unwrap_or(&[]), sd.as_deref().unwrap_or(&[]));
                (1..arms)
                    .map(|i| {
                        welch(
                            n0,
                            base(m),
                            base(s),
                            n.get(i).copied().unwrap_or(f64::NAN),
                            m.get(i).copied().unwrap_or(f64::NAN),
                            s.get(i).copied().unwrap_or(f64::NAN),
                            two_sided,
                        )
                    })
                    .collect()
            } else {
                let x = x.as_deref().unwrap_or(&[]);
                (1..arms)
                    .map(|i| {
                        two_proportion(
                            n0,
                            base(x),
                            n.get(i).copied().unwrap_or(f64::NAN),
                            x.get(i).copied().unwrap_or(f64::NAN),
                            two_sided,
                        )
                    })
                    .collect()
            })
        }
        _ => None,
    };
    let adjusted = comparisons
        .as_ref()
        .filter(|_| arms > 2 && correction != Adjust::None)
        .map(|c| adjust(&c.iter().map(|c| c.p).collect::<Vec<_>>(), correction));
    let planned: Vec<f64> = match (&split, split_given) {
        (Ok(s), true) => s.clone(),
        _ => vec![1.0; arms],
    };
    let srm = n
        .as_ref()
        .ok()
        .filter(|_| n_error.is_none())
        .and_then(|n| sample_ratio_p(n, &planned));
    let alpha_f = alpha.as_ref().ok().map(|a| a / 100.0);
    let arm_name = |i: usize| {
        if i == 0 {
            t.control.to_string()
        } else {
            fill(t.variant, &[&char::from(b'A' + i as u8).to_string()])
        }
    };

    html! {
        <div class="page analyze">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.data_heading }</legend>
                        <ChoiceField form={form.clone()} name="metric" label={t.metric}
                            options={vec![("binary", t.metric_binary.into()), ("continuous", t.metric_continuous.into())]} />
                        <NumberField form={form.clone()} name="n" label={t.n} inputmode="text" hint={AttrValue::from(t.list_hint)} error={n_error} />
                        if continuous {
                            <NumberField form={form.clone()} name="mean" label={t.mean} inputmode="text" error={list_error(texts, &mean)} />
                            <NumberField form={form.clone()} name="sd" label={t.sd} inputmode="text" error={list_error(texts, &sd)} />
                        } else {
                            <NumberField form={form.clone()} name="x" label={t.x} inputmode="text" error={x_error} />
                        }
                    </fieldset>
                    <fieldset>
                        <legend>{ t.test_heading }</legend>
                        <NumberField form={form.clone()} name="alpha" label={t.alpha} unit="%" error={input_error(texts, &alpha)} />
                        <ChoiceField form={form.clone()} name="sides" label={t.sides}
                            options={vec![("2", t.two_sided.into()), ("1", t.one_sided.into())]} />
                        if arms > 2 {
                            <ChoiceField form={form.clone()} name="correction" label={t.correction}
                                options={vec![("", t.correction_auto.into()), ("holm", t.holm.into()), ("bonferroni", t.bonferroni.into()), ("none", t.no_correction.into())]} />
                        }
                        <NumberField form={form.clone()} name="split" label={t.split} unit="%" inputmode="text"
                            hint={AttrValue::from(t.split_hint)} error={if split_given { list_error(texts, &split) } else { None }} />
                    </fieldset>
                </form>
                <section class="outputs" aria-live="polite">
                    <h2>{ t.results_heading }</h2>
                    if let Some(p) = srm {
                        <div class={classes!("srm", (p < SRM_THRESHOLD).then_some("alarm"))}>
                            <span>{ t.srm_label }{" "}</span>
                            <output data-testid="srm-p" data-value={format::contract_value(p)}>{ format::p_value(p) }</output>
                            <p>{ if p < SRM_THRESHOLD { t.srm_alarm } else { t.srm_ok } }</p>
                        </div>
                    }
                    if comparisons.is_none() {
                        <p class="blocked">{ texts.app.cannot_compute }</p>
                    }
                    if let (Some(cs), Ok(n)) = (&comparisons, &n) {
                        <div class="table-wrap">
                            <table class="arms">
                                <thead><tr>
                                    <th scope="col">{ t.arm }</th>
                                    <th scope="col">{ if continuous { t.mean } else { t.rate } }</th>
                                    <th scope="col">{ t.lift_abs }</th>
                                    <th scope="col">{ t.lift_rel }</th>
                                    <th scope="col">{ t.p }</th>
                                    if adjusted.is_some() { <th scope="col">{ t.p_adj }</th> }
                                    if continuous { <th scope="col">{ t.df }</th> }
                                </tr></thead>
                                <tbody>
                                    { for (0..arms).map(|i| {
                                        let c = i.checked_sub(1).and_then(|j| cs.get(j));
                                        let level = if continuous {
                                            mean.as_ref().ok().and_then(|m| m.get(i).copied())
                                        } else {
                                            x.as_ref().ok().and_then(|x| x.get(i)).zip(n.get(i)).map(|(x, n)| x / n)
                                        };
                                        let significant = c.and_then(|c| adjusted.as_ref().and_then(|a| a.get(i - 1).copied().flatten()).or(c.p))
                                            .zip(alpha_f).is_some_and(|(p, a)| p < a);
                                        html! {
                                            <tr class={classes!(significant.then_some("significant"))}>
                                                <th scope="row">{ arm_name(i) }</th>
                                                { if continuous { cell(lang, format!("mean-{i}"), level, ValueFormat::Number) } else { cell(lang, format!("rate-{i}"), level, ValueFormat::Percent) } }
                                                if let Some(c) = c {
                                                    { cell(lang, format!("lift-abs-{i}"), Some(c.lift_abs), if continuous { ValueFormat::Number } else { ValueFormat::SignedPoints }) }
                                                    { cell(lang, format!("lift-rel-{i}"), c.lift_rel, ValueFormat::SignedPercent) }
                                                    { cell(lang, format!("p-{i}"), c.p, ValueFormat::PValue) }
                                                    if let Some(a) = &adjusted { { cell(lang, format!("p-adj-{i}"), a.get(i - 1).copied().flatten(), ValueFormat::PValue) } }
                                                    if continuous { { cell(lang, format!("df-{i}"), c.df, ValueFormat::Number) } }
                                                } else {
                                                    <td colspan={(3 + usize::from(adjusted.is_some()) + usize::from(continuous)).to_string()} class="baseline-note">{ t.baseline_row }</td>
                                                }
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                    <p class="method">{ if continuous { t.method_continuous } else { t.method_binary } }</p>
                </section>
            </div>
        </div>
    }
}
