//! `#/design`: sample size per group, total and days; what a given run can detect;
//! the power curve; the four methods side by side; and the arithmetic shown step by step.

mod panels;

use yew::prelude::*;

use crate::i18n::fill;
use crate::model::design::plan::{plan, DurationWarning, PlanInput};
use crate::model::design::{revenue_per_visitor, Correction, Design, DesignError, Method, Metric};
use crate::model::format;
use crate::model::input::{parse_bounded, parse_choice, Bounds};
use crate::model::query::Param;
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::chart::Marker;
use crate::ui::widgets::{
    input_error, AxisFormat, ChoiceField, CopyLink, LineChart, NumberField, Presets, ResultValue,
    Series, ValueFormat,
};
use crate::ui::Route;
use panels::{MathPanel, MethodComparison, WeeksTable};

pub const PARAMS: &[Param] = &[
    Param {
        name: "metric",
        default: "binary",
    },
    Param {
        name: "p",
        default: "5",
    },
    Param {
        name: "mean",
        default: "100",
    },
    Param {
        name: "sd",
        default: "150",
    },
    Param {
        name: "aov",
        default: "150",
    },
    Param {
        name: "aov_sd",
        default: "220",
    },
    Param {
        name: "mde",
        default: "10",
    },
    Param {
        name: "mde_mode",
        default: "rel",
    },
    Param {
        name: "alpha",
        default: "5",
    },
    Param {
        name: "power",
        default: "80",
    },
    Param {
        name: "sides",
        default: "2",
    },
    Param {
        name: "arms",
        default: "2",
    },
    // Empty: Bonferroni when there are more than two arms, none otherwise.
    Param {
        name: "correction",
        default: "",
    },
    Param {
        name: "ratio",
        default: "1",
    },
    Param {
        name: "method",
        default: "unpooled",
    },
    Param {
        name: "daily",
        default: "10000",
    },
    Param {
        name: "share",
        default: "100",
    },
    Param {
        name: "run_days",
        default: "",
    },
    Param {
        name: "run_n",
        default: "",
    },
];

/// The training material's examples, as links.
pub const PRESETS: [&str; 3] = [
    "p=3&mde=18",
    "p=0.8&daily=300",
    "metric=continuous&mean=150&sd=220&mde=5",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum MetricKind {
    Binary,
    Continuous,
    /// A mean whose standard deviation is derived from conversion and order values.
    Revenue,
}

#[component]
pub fn DesignPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.design;
    let form = use_query_form(Route::Design, PARAMS, "");

    let kind = parse_choice(
        form.get("metric"),
        &[
            ("binary", MetricKind::Binary),
            ("continuous", MetricKind::Continuous),
            ("revenue", MetricKind::Revenue),
        ],
    )
    .unwrap_or(MetricKind::Binary);
    let relative =
        parse_choice(form.get("mde_mode"), &[("rel", true), ("abs", false)]).unwrap_or(true);
    let two_sided = parse_choice(form.get("sides"), &[("2", true), ("1", false)]).unwrap_or(true);
    let method = parse_choice(form.get("method"), &Method::CHOICES).unwrap_or(Method::Unpooled);
    let p = parse_bounded(form.get("p"), Bounds::OPEN_PERCENT);
    let mean = parse_bounded(form.get("mean"), Bounds::range(-1e15, true, 1e15, true));
    let sd = parse_bounded(form.get("sd"), Bounds::POSITIVE);
    let aov = parse_bounded(form.get("aov"), Bounds::POSITIVE);
    let aov_sd = parse_bounded(form.get("aov_sd"), Bounds::NON_NEGATIVE);
    let mde = parse_bounded(form.get("mde"), Bounds::POSITIVE);
    let alpha = parse_bounded(form.get("alpha"), Bounds::OPEN_PERCENT);
    let power = parse_bounded(form.get("power"), Bounds::OPEN_PERCENT);
    let arms = parse_bounded(
        form.get("arms"),
        Bounds::range(2.0, true, 10.0, true).whole(),
    );
    let ratio = parse_bounded(form.get("ratio"), Bounds::range(0.0, false, 100.0, true));
    let daily = parse_bounded(form.get("daily"), Bounds::range(0.0, false, 1e10, true));
    let share = parse_bounded(form.get("share"), Bounds::range(0.0, false, 100.0, true));
    let run_given = !form.get("run_days").trim().is_empty();
    let run_days = parse_bounded(
        form.get("run_days"),
        Bounds::range(0.0, false, 3650.0, true),
    );
    let arm_count = arms.unwrap_or(2.0) as u32;
    let correction =
        parse_choice(form.get("correction"), &Correction::CHOICES).unwrap_or(if arm_count > 2 {
            Correction::Bonferroni
        } else {
            Correction::None
        });

    let revenue = match (kind, p, aov, aov_sd) {
        (MetricKind::Revenue, Ok(p), Ok(aov), Ok(aov_sd)) => {
            Some(revenue_per_visitor(p / 100.0, aov, aov_sd))
        }
        _ => None,
    };
    let metric = match kind {
        MetricKind::Binary => match (p, mde) {
            (Ok(p), Ok(mde)) => {
                let p1 = p / 100.0;
                let delta = if relative {
                    p1 * mde / 100.0
                } else {
                    mde / 100.0
                };
                Some(Metric::Binary {
                    p1,
                    p2: p1 + delta,
                    method,
                })
            }
            _ => None,
        },
        MetricKind::Continuous | MetricKind::Revenue => {
            let mean_sd = if kind == MetricKind::Revenue {
                revenue
            } else {
                mean.ok().zip(sd.ok())
            };
            match (mean_sd, mde) {
                (Some((mean, sd)), Ok(mde)) => {
                    let delta = if relative { mean * mde / 100.0 } else { mde };
                    Some(Metric::Continuous { mean, sd, delta })
                }
                _ => None,
            }
        }
    };
    let design = match (metric, alpha, power, arms, ratio) {
        (Some(metric), Ok(alpha), Ok(power), Ok(_), Ok(ratio)) => Some(Design {
            metric,
            alpha: alpha / 100.0,
            power: power / 100.0,
            two_sided,
            arms: arm_count,
            correction,
            ratio,
        }),
        _ => None,
    };
    let traffic = daily.ok().zip(share.ok());
    let run = run_days.as_ref().ok().copied().filter(|_| run_given);
    let run_n_given = !form.get("run_n").trim().is_empty();
    let run_n = parse_bounded(form.get("run_n"), Bounds::range(0.0, false, 1e12, true));
    let run_units = run_n.as_ref().ok().copied().filter(|_| run_n_given);
    let planned = match (design, traffic) {
        (Some(design), Some((daily, share))) => Some(plan(&PlanInput {
            design,
            daily,
            share: share / 100.0,
            run_days: run,
            run_n: run_units,
        })),
        _ => None,
    };
    let result = planned.as_ref().and_then(|p| p.as_ref().ok());
    let design_error = planned
        .as_ref()
        .and_then(|p| p.as_ref().err())
        .map(|e| match e {
            DesignError::RateOutOfRange => t.rate_out_of_range,
            DesignError::ZeroEffect => t.zero_effect,
            DesignError::PowerNotAboveAlpha => t.power_not_above_alpha,
            DesignError::TooLarge | DesignError::NotDetectable => t.too_large,
        });
    let binary = kind == MetricKind::Binary;
    let mde_unit = match (relative, binary) {
        (true, _) => "%",
        (false, true) => t.points_unit,
        (false, false) => "",
    };
    let effect_format = if binary {
        ValueFormat::SignedPoints
    } else {
        ValueFormat::Number
    };
    let method_name = if binary {
        t.method_names
            .get(Method::ALL.iter().position(|m| *m == method).unwrap_or(0))
            .copied()
            .unwrap_or("")
    } else {
        t.method_continuous
    };
    // The one-sentence answer above the cards.
    let answer = result.map(|r| {
        let n = |x: u64| format::int(x);
        let zh = lang.is_zh();
        // The recommended run is whole weeks: "1 week" reads better than "7 days".
        let weeks = |run: u64| match run / 7 {
            1 => t.one_week.to_string(),
            w => fill(t.n_weeks, &[&w.to_string()]),
        };
        match (r.days, r.recommended_days) {
            (Some(days), Some(run)) if r.sizes.n_treatment == r.sizes.n_control => fill(
                t.answer_equal,
                &[
                    &n(r.sizes.n_control),
                    &n(r.sizes.n_total),
                    &format::days(days as f64, zh),
                    &weeks(run),
                ],
            ),
            (Some(days), Some(run)) => fill(
                t.answer_unequal,
                &[
                    &n(r.sizes.n_control),
                    &n(r.sizes.n_total),
                    &format::days(days as f64, zh),
                    &weeks(run),
                    &n(r.sizes.n_treatment),
                ],
            ),
            _ => fill(
                t.answer_no_traffic,
                &[&n(r.sizes.n_control), &n(r.sizes.n_total)],
            ),
        }
    });
    let run_result = result.and_then(|r| r.run);
    let run_n_result = result.and_then(|r| r.run_by_n);

    html! {
        <div class="page design">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <CopyLink form={form.clone()} />
            <Presets heading={t.presets_heading} links={PRESETS.iter().zip(t.presets.iter()).map(|(q, label)| (format!("#/design?{q}"), AttrValue::from(*label))).collect::<Vec<_>>()} />
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.metric_heading }</legend>
                        <ChoiceField form={form.clone()} name="metric" label={t.metric}
                            options={vec![("binary", t.metric_binary.into()), ("continuous", t.metric_continuous.into()), ("revenue", t.metric_revenue.into())]} />
                        { match kind {
                            MetricKind::Binary => html! {
                                <NumberField form={form.clone()} name="p" label={t.baseline} unit="%" error={input_error(texts, &p)} />
                            },
                            MetricKind::Continuous => html! { <>
                                <NumberField form={form.clone()} name="mean" label={t.mean} error={input_error(texts, &mean)} />
                                <NumberField form={form.clone()} name="sd" label={t.sd} error={input_error(texts, &sd)} />
                            </> },
                            MetricKind::Revenue => html! { <>
                                <NumberField form={form.clone()} name="p" label={texts.analyze.rate} unit="%" error={input_error(texts, &p)} />
                                <NumberField form={form.clone()} name="aov" label={t.aov} error={input_error(texts, &aov)} />
                                <NumberField form={form.clone()} name="aov_sd" label={t.aov_sd} error={input_error(texts, &aov_sd)} />
                            </> },
                        } }
                        <NumberField form={form.clone()} name="mde" label={t.mde} unit={AttrValue::from(mde_unit)} error={input_error(texts, &mde)} />
                        <ChoiceField form={form.clone()} name="mde_mode" label={t.mde_mode}
                            options={vec![("rel", t.mde_rel.into()), ("abs", t.mde_abs.into())]} />
                    </fieldset>
                    <fieldset>
                        <legend>{ t.test_heading }</legend>
                        <NumberField form={form.clone()} name="alpha" label={t.alpha} unit="%" error={input_error(texts, &alpha)} />
                        <NumberField form={form.clone()} name="power" label={t.power} unit="%" error={input_error(texts, &power)} />
                        <ChoiceField form={form.clone()} name="sides" label={t.sides}
                            options={vec![("2", t.two_sided.into()), ("1", t.one_sided.into())]} />
                        <NumberField form={form.clone()} name="arms" label={t.arms} inputmode="numeric" error={input_error(texts, &arms)} />
                        if arm_count > 2 {
                            <ChoiceField form={form.clone()} name="correction" label={t.correction}
                                options={vec![("", t.correction_auto.into()), ("bonferroni", t.bonferroni.into()), ("sidak", t.sidak.into()), ("none", t.no_correction.into())]} />
                        }
                        <NumberField form={form.clone()} name="ratio" label={t.ratio} hint={AttrValue::from(t.ratio_hint)} error={input_error(texts, &ratio)} />
                        if binary {
                            <ChoiceField form={form.clone()} name="method" label={t.method}
                                options={Method::CHOICES.iter().zip(t.method_names.iter()).map(|((v, _), l)| (*v, AttrValue::from(*l))).collect::<Vec<_>>()} />
                        }
                    </fieldset>
                    <fieldset>
                        <legend>{ t.traffic_heading }</legend>
                        <NumberField form={form.clone()} name="daily" label={t.daily} error={input_error(texts, &daily)} />
                        <NumberField form={form.clone()} name="share" label={t.share} unit="%" error={input_error(texts, &share)} />
                    </fieldset>
                </form>
                <section class="outputs" aria-live="polite">
                    <h2>{ t.results_heading }</h2>
                    if let Some(a) = answer {
                        <p class="answer" data-testid="answer">{ a }</p>
                    }
                    if let Some(msg) = design_error {
                        <p class="blocked" role="alert">{ msg }</p>
                    } else if planned.is_none() {
                        <p class="blocked">{ texts.app.cannot_compute }</p>
                    }
                    <div class="results">
                        <ResultValue testid="n-control" label={t.n_control} value={result.map(|r| r.sizes.n_control as f64)} format={ValueFormat::Count} primary=true />
                        <ResultValue testid="n-treatment" label={t.n_treatment} value={result.map(|r| r.sizes.n_treatment as f64)} format={ValueFormat::Count} />
                        <ResultValue testid="n-total" label={t.n_total} value={result.map(|r| r.sizes.n_total as f64)} format={ValueFormat::Count} />
                        <ResultValue testid="days" label={t.days} value={result.and_then(|r| r.days).map(|d| d as f64)} format={ValueFormat::Days} />
                        <ResultValue testid="days-recommended" label={t.days_recommended} value={result.and_then(|r| r.recommended_days).map(|d| d as f64)}
                            format={ValueFormat::Days} note={AttrValue::from(t.days_recommended_note)} />
                        if let Some((mean, sd)) = revenue {
                            <ResultValue testid="rpv-mean" label={t.rpv_mean} value={Some(mean)} format={ValueFormat::Money} />
                            <ResultValue testid="rpv-sd" label={t.rpv_sd} value={Some(sd)} format={ValueFormat::Money} />
                        }
                    </div>
                    { match result.and_then(|r| r.warning) {
                        Some(DurationWarning::OverAYear) => html! { <p class="warning" data-testid="duration-warning">{ t.warn_year }</p> },
                        Some(DurationWarning::OverEightWeeks) => html! { <p class="warning" data-testid="duration-warning">{ t.warn_eight_weeks }</p> },
                        None => html! {},
                    } }
                    if let (Some(r), Some(d)) = (result, design.as_ref()) {
                        <LineChart aria_label={t.power_chart_label} x_label={t.days_axis} y_label={t.power_axis}
                            x_format={AxisFormat::Int} y_format={AxisFormat::Percent} y_domain={Some((0.0, 1.0))}
                            y_marker={Some(Marker { at: d.power, label: fill(t.target_marker, &[&format::pct(d.power, 3)]).into() })}
                            x_marker={r.days.map(|n| Marker { at: n as f64, label: format::days(n as f64, lang.is_zh()).into() })}
                            series={vec![Series { label: t.power_chart_label.into(), points: r.power_curve.clone(), class: "s1" }]} />
                    }
                    <p class="method">{ t.method_prefix }{ method_name }</p>
                    if kind == MetricKind::Revenue {
                        <p class="method">{ t.rpv_note }</p>
                    }
                </section>
            </div>

            <section class="panel">
                <h2>{ t.solve_heading }</h2>
                <p>{ t.solve_intro }</p>
                <div class="solve">
                    <NumberField form={form.clone()} name="run_days" label={t.run_days} hint={AttrValue::from(t.run_days_hint)}
                        error={if run_given { input_error(texts, &run_days) } else { None }} />
                    if run.is_some() {
                        <div class="results">
                            <ResultValue testid="mde-abs" label={t.mde_abs_label} value={run_result.and_then(|r| r.mde_abs)} format={effect_format}
                                note={run_result.filter(|r| r.mde_abs.is_none()).map(|_| AttrValue::from(t.not_detectable))} />
                            <ResultValue testid="mde-rel" label={t.mde_rel_label} value={run_result.and_then(|r| r.mde_rel)} format={ValueFormat::SignedPercent} />
                        </div>
                    }
                </div>
                <div class="solve">
                    <NumberField form={form.clone()} name="run_n" label={t.run_n} hint={AttrValue::from(t.run_n_hint)}
                        error={if run_n_given { input_error(texts, &run_n) } else { None }} />
                    if run_units.is_some() {
                        <div class="results">
                            <ResultValue testid="mde-n-abs" label={t.mde_abs_label} value={run_n_result.and_then(|r| r.mde_abs)} format={effect_format}
                                note={run_n_result.filter(|r| r.mde_abs.is_none()).map(|_| AttrValue::from(t.not_detectable))} />
                            <ResultValue testid="mde-n-rel" label={t.mde_rel_label} value={run_n_result.and_then(|r| r.mde_rel)} format={ValueFormat::SignedPercent} />
                        </div>
                    }
                </div>
                if let Some(r) = result {
                    <WeeksTable weeks={r.weeks.clone()} binary={binary} />
                }
            </section>

            if let (Some(r), Some(d)) = (result, design) {
                if binary {
                    <MethodComparison methods={r.methods.clone()} selected={method} />
                }
                <MathPanel design={d} sizes={r.sizes} traffic={traffic} days={r.days} recommended={r.recommended_days} />
            }
        </div>
    }
}
