//! `#/design`: sample size per arm, total, and days, for a conversion rate or a mean.

use yew::prelude::*;

use crate::i18n::fill;
use crate::model::design::{control_share, days, Correction, Design, DesignError, Method, Metric};
use crate::model::format;
use crate::model::input::{parse_bounded, parse_choice, Bounds};
use crate::model::query::Param;
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::chart::Marker;
use crate::ui::widgets::{
    input_error, AxisFormat, ChoiceField, LineChart, NumberField, ResultValue, Series, ValueFormat,
};
use crate::ui::Route;

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
];

#[component]
pub fn DesignPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.design;
    let form = use_query_form(Route::Design, PARAMS, "");

    let continuous = parse_choice(
        form.get("metric"),
        &[("binary", false), ("continuous", true)],
    )
    .unwrap_or(false);
    let relative =
        parse_choice(form.get("mde_mode"), &[("rel", true), ("abs", false)]).unwrap_or(true);
    let two_sided = parse_choice(form.get("sides"), &[("2", true), ("1", false)]).unwrap_or(true);
    let method = parse_choice(form.get("method"), &Method::CHOICES).unwrap_or(Method::Unpooled);
    let p = parse_bounded(form.get("p"), Bounds::OPEN_PERCENT);
    let mean = parse_bounded(form.get("mean"), Bounds::range(-1e15, true, 1e15, true));
    let sd = parse_bounded(form.get("sd"), Bounds::POSITIVE);
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
    let arm_count = arms.unwrap_or(2.0) as u32;
    let correction =
        parse_choice(form.get("correction"), &Correction::CHOICES).unwrap_or(if arm_count > 2 {
            Correction::Bonferroni
        } else {
            Correction::None
        });

    let metric = if continuous {
        match (mean, sd, mde) {
            (Ok(mean), Ok(sd), Ok(mde)) => {
                let delta = if relative { mean * mde / 100.0 } else { mde };
                Some(Metric::Continuous { mean, sd, delta })
            }
            _ => None,
        }
    } else {
        match (p, mde) {
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
    let sizes = design.as_ref().map(Design::sizes);
    let ok = sizes.as_ref().and_then(|s| s.as_ref().ok());
    let design_error = sizes
        .as_ref()
        .and_then(|s| s.as_ref().err())
        .map(|e| match e {
            DesignError::RateOutOfRange => t.rate_out_of_range,
            DesignError::ZeroEffect => t.zero_effect,
            DesignError::PowerNotAboveAlpha => t.power_not_above_alpha,
            DesignError::TooLarge | DesignError::NotDetectable => t.too_large,
        });
    let duration = match (ok, daily, share) {
        (Some(s), Ok(d), Ok(sh)) => days(s.n_total, d, sh / 100.0),
        _ => None,
    };
    // Power against days at this traffic: 60 points up to twice the planned duration.
    let power_curve = match (&design, ok, duration, daily, share) {
        (Some(d), Some(_), Some(needed), Ok(daily), Ok(share)) => {
            let per_day_control = daily * share / 100.0 * control_share(d.arms, d.ratio);
            let last = (needed as f64 * 2.0).max(14.0);
            let points: Vec<(f64, f64)> = (0..=60)
                .map(|i| {
                    let day = last * f64::from(i) / 60.0;
                    (day, d.power_at(day * per_day_control).unwrap_or(f64::NAN))
                })
                .collect();
            Some((points, d.power))
        }
        _ => None,
    };
    let mde_unit = match (relative, continuous) {
        (true, _) => "%",
        (false, false) => t.points_unit,
        (false, true) => "",
    };
    let method_name = if continuous {
        t.method_continuous
    } else {
        t.method_names
            .get(Method::ALL.iter().position(|m| *m == method).unwrap_or(0))
            .copied()
            .unwrap_or("")
    };

    html! {
        <div class="page design">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.metric_heading }</legend>
                        <ChoiceField form={form.clone()} name="metric" label={t.metric}
                            options={vec![("binary", t.metric_binary.into()), ("continuous", t.metric_continuous.into())]} />
                        if continuous {
                            <NumberField form={form.clone()} name="mean" label={t.mean} error={input_error(texts, &mean)} />
                            <NumberField form={form.clone()} name="sd" label={t.sd} error={input_error(texts, &sd)} />
                        } else {
                            <NumberField form={form.clone()} name="p" label={t.baseline} unit="%" error={input_error(texts, &p)} />
                        }
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
                        if !continuous {
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
                    if let Some(msg) = design_error {
                        <p class="blocked" role="alert">{ msg }</p>
                    } else if design.is_none() {
                        <p class="blocked">{ texts.app.cannot_compute }</p>
                    }
                    <div class="results">
                        <ResultValue testid="n-control" label={t.n_control} value={ok.map(|s| s.n_control as f64)} format={ValueFormat::Count} primary=true />
                        <ResultValue testid="n-treatment" label={t.n_treatment} value={ok.map(|s| s.n_treatment as f64)} format={ValueFormat::Count} />
                        <ResultValue testid="n-total" label={t.n_total} value={ok.map(|s| s.n_total as f64)} format={ValueFormat::Count} />
                        <ResultValue testid="days" label={t.days} value={duration.map(|d| d as f64)} format={ValueFormat::Days} />
                    </div>
                    if let Some((points, target)) = power_curve {
                        <LineChart aria_label={t.power_chart_label} x_label={t.days_axis} y_label={t.power_axis}
                            x_format={AxisFormat::Int} y_format={AxisFormat::Percent} y_domain={Some((0.0, 1.0))}
                            y_marker={Some(Marker { at: target, label: fill(t.target_marker, &[&format::pct(target, 3)]).into() })}
                            x_marker={duration.map(|d| Marker { at: d as f64, label: format::int(d).into() })}
                            series={vec![Series { label: t.power_chart_label.into(), points, class: "s1" }]} />
                    }
                    <p class="method">{ t.method_prefix }{ method_name }</p>
                </section>
            </div>
        </div>
    }
}
