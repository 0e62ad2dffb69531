//! `#/design`: sample size per group, total and days; what a given run can detect;
//! the power curve; the four methods side by side; and the arithmetic shown step by step.

mod panels;
mod sequential;

use yew::prelude::*;

use crate::ui::widgets::output;

use std::rc::Rc;

use crate::i18n::Lang;
use crate::model::design::form::{
    self as f, DesignForm, MetricKind, TestKind, PARAMS, PRESETS, TEST_CHOICES,
};
use crate::model::design::plan::{plan, DurationWarning, Plan};
use crate::model::design::{DesignError, Method};
use crate::model::format;
use crate::model::sequential::plan::Family;
use crate::ui::hooks::{use_query_form, QueryForm};
use crate::ui::lang::use_lang;
use crate::ui::widgets::chart::Marker;
use crate::ui::widgets::{
    input_error, tool_header, AxisFormat, ChoiceField, LineChart, NumberField, ResultValue,
    SavedCalcs, Series, ValueFormat,
};
use crate::ui::Route;
use panels::{MathPanel, MethodComparison, WeeksTable};

/// The page's fields as read, and the plan they give, shared by its parts.
struct PartProps {
    form: QueryForm,
    fields: Rc<DesignForm>,
    planned: Option<Rc<Result<Plan, DesignError>>>,
}

#[component]
pub fn DesignPage() -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().design();
    let form = use_query_form(Route::Design, PARAMS, "");
    let fields = Rc::new(f::read(&form.values));
    let planned = fields.plan.as_ref().map(|p| Rc::new(plan(p)));
    let result = planned.as_deref().and_then(|p| p.as_ref().ok());
    let binary = fields.kind == MetricKind::Binary;
    let parts = PartProps {
        form: form.clone(),
        fields: fields.clone(),
        planned: planned.clone(),
    };
    html! {
        <div class="page design">
            { tool_header(lang, t.heading, t.intro, &form, PRESETS.iter().zip(t.presets.iter()).map(|(q, label)| (format!("#/design?{q}"), AttrValue::from(*label))).collect()) }
            <div class="tool">
                { inputs_view(&parts, lang) }
                { outputs_view(&parts, lang) }
            </div>
            if let Some(Some(Ok(looks))) = result.map(|r| &r.sequential) {
                { sequential::view(lang, fields.family, looks, binary) }
            }
            { solve_view(&parts, lang) }
            if let (Some(r), Some(d)) = (result, fields.design) {
                if binary && fields.test == TestKind::Superiority {
                    <MethodComparison methods={r.methods.clone()} selected={fields.method} />
                }
                <MathPanel design={d} sizes={r.sizes} traffic={fields.traffic} days={r.days} recommended={r.recommended_days} />
            }
            <SavedCalcs tool="design" form={form.clone()} />
        </div>
    }
}

/// The page's answer in one sentence: sizes, days and the whole-week run.
fn answer(lang: Lang, r: &Plan, kind: MetricKind) -> String {
    let t = lang.texts().design();
    // A mean's sample is whoever produces the value: for order value, buyers.
    let units = kind == MetricKind::Continuous;
    let (equal, unequal, no_traffic) = if units {
        (
            t.answer_units_equal,
            t.answer_units_unequal,
            t.answer_units_no_traffic,
        )
    } else {
        (t.answer_equal, t.answer_unequal, t.answer_no_traffic)
    };
    let n = |x: u64| format::int(x);
    let zh = lang.is_zh();
    // The recommended run is whole weeks: "1 week" reads better than "7 days".
    let weeks = |run: u64| match run / 7 {
        1 => t.one_week.to_string(),
        w => t.n_weeks.fill([&w.to_string()]),
    };
    match (r.days, r.recommended_days) {
        // Beyond a year a run length in weeks ("195 weeks") is no advice at all.
        (Some(days), Some(_)) if days > 365 => {
            let [by_visitors, by_units] = t.answer_too_long;
            (if units { by_units } else { by_visitors })
                .fill([&n(r.sizes.n_control), &n(r.sizes.n_total)])
        }
        (Some(days), Some(run)) if r.sizes.n_treatment == r.sizes.n_control => equal.fill([
            &n(r.sizes.n_control),
            &n(r.sizes.n_total),
            &format::days(days as f64, zh),
            &weeks(run),
        ]),
        (Some(days), Some(run)) => unequal.fill([
            &n(r.sizes.n_control),
            &n(r.sizes.n_total),
            &format::days(days as f64, zh),
            &weeks(run),
            &n(r.sizes.n_treatment),
        ]),
        _ => no_traffic.fill([&n(r.sizes.n_control), &n(r.sizes.n_total)]),
    }
}

fn inputs_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.design();
    let (form, fields) = (&props.form, &props.fields);
    let binary = fields.kind == MetricKind::Binary;
    let abs_unit = if binary {
        texts.common().points_unit
    } else {
        ""
    };
    // A margin the expected difference leaves nothing of, said at the margin field.
    let margin_problem = matches!(
        props.planned.as_deref(),
        Some(Err(crate::model::design::DesignError::MarginTooSmall))
    )
    .then_some(t.margin_too_small);
    let mde_unit = match (fields.relative, binary) {
        (true, _) => "%",
        (false, true) => texts.common().points_unit,
        (false, false) => "",
    };
    html! {
        <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ t.metric_heading }</legend>
                <ChoiceField form={form.clone()} name={f::METRIC} label={texts.common().metric}
                    options={vec![("binary", texts.common().metric_binary.into()), ("continuous", texts.common().metric_continuous.into()), ("revenue", t.metric_revenue.into()), ("ratio", t.metric_ratio.into())]} />
                { match fields.kind {
                    MetricKind::Binary => html! { <>
                        <NumberField form={form.clone()} name={f::P} label={texts.common().baseline} unit="%" error={input_error(texts.errors(), &fields.p)} />
                        <NumberField form={form.clone()} name={f::AOV} label={t.aov_optional} hint={AttrValue::from(t.aov_optional_hint)}
                            error={(!form.get(f::AOV).trim().is_empty()).then(|| input_error(texts.errors(), &fields.aov)).flatten()} />
                    </> },
                    MetricKind::Continuous => html! { <>
                        <NumberField form={form.clone()} name={f::MEAN} label={t.mean} error={input_error(texts.errors(), &fields.mean)} />
                        <NumberField form={form.clone()} name={f::SD} label={t.sd} error={input_error(texts.errors(), &fields.sd)} />
                    </> },
                    MetricKind::Ratio => html! { <>
                        <NumberField form={form.clone()} name={f::MEAN} label={t.ratio_num_mean} error={input_error(texts.errors(), &fields.mean)} />
                        <NumberField form={form.clone()} name={f::SD} label={t.ratio_num_sd} error={input_error(texts.errors(), &fields.sd)} />
                        <NumberField form={form.clone()} name={f::DEN_MEAN} label={t.ratio_den_mean} error={input_error(texts.errors(), &fields.den_mean)} />
                        <NumberField form={form.clone()} name={f::DEN_SD} label={t.ratio_den_sd} error={input_error(texts.errors(), &fields.den_sd)} />
                        <NumberField form={form.clone()} name={f::CORR} label={t.ratio_corr} unit="%" hint={AttrValue::from(t.ratio_corr_hint)} error={input_error(texts.errors(), &fields.corr)} />
                    </> },
                    MetricKind::Revenue => html! { <>
                        <NumberField form={form.clone()} name={f::P} label={texts.common().conversion_rate} unit="%" error={input_error(texts.errors(), &fields.p)} />
                        <NumberField form={form.clone()} name={f::AOV} label={t.aov} error={input_error(texts.errors(), &fields.aov)} />
                        <NumberField form={form.clone()} name={f::AOV_SD} label={t.aov_sd} error={input_error(texts.errors(), &fields.aov_sd)} />
                    </> },
                } }
                if fields.test == TestKind::Superiority {
                    <NumberField form={form.clone()} name={f::MDE} label={t.mde} unit={AttrValue::from(mde_unit)} error={input_error(texts.errors(), &fields.mde)} />
                    <ChoiceField form={form.clone()} name={f::MDE_MODE} label={texts.common().mde_mode}
                        options={vec![("rel", texts.common().mde_rel.into()), ("abs", texts.common().mde_abs.into())]} />
                } else {
                    <NumberField form={form.clone()} name={f::MARGIN} label={texts.common().test_margin} unit={AttrValue::from(abs_unit)}
                        error={input_error(texts.errors(), &fields.margin).or_else(|| margin_problem.map(String::from))} />
                    <NumberField form={form.clone()} name={f::EXPECTED} label={t.expected} unit={AttrValue::from(abs_unit)}
                        hint={AttrValue::from(t.expected_hint)} error={input_error(texts.errors(), &fields.expected)} />
                }
                <NumberField form={form.clone()} name={f::CUPED} label={t.cuped} unit="%" hint={AttrValue::from(t.cuped_hint)} error={input_error(texts.errors(), &fields.cuped)} />
            </fieldset>
            <fieldset>
                <legend>{ texts.common().test_heading }</legend>
                <ChoiceField form={form.clone()} name={f::TEST} label={texts.common().test_kind}
                    options={TEST_CHOICES.iter().zip(texts.common().test_names.iter()).map(|((v, _), l)| (*v, AttrValue::from(*l))).collect::<Vec<_>>()} />
                <NumberField form={form.clone()} name={f::ALPHA} label={texts.common().alpha} unit="%" error={input_error(texts.errors(), &fields.alpha)} />
                <NumberField form={form.clone()} name={f::POWER} label={t.power} unit="%" error={input_error(texts.errors(), &fields.power)} />
                // Sides and variance method belong to the superiority test only.
                if fields.test == TestKind::Superiority {
                    <ChoiceField form={form.clone()} name={f::SIDES} label={texts.common().sides}
                        options={vec![("2", texts.common().two_sided.into()), ("1", texts.common().one_sided.into())]} />
                }
                <NumberField form={form.clone()} name={f::ARMS} label={t.arms} inputmode="numeric" error={input_error(texts.errors(), &fields.arms)} />
                if fields.arm_count > 2 {
                    <ChoiceField form={form.clone()} name={f::CORRECTION} label={texts.common().correction}
                        options={vec![("", t.correction_auto.into()), ("bonferroni", texts.common().bonferroni.into()), ("sidak", t.sidak.into()), ("dunnett", texts.common().dunnett.into()), ("none", texts.common().no_correction.into())]} />
                }
                <NumberField form={form.clone()} name={f::RATIO} label={t.ratio} hint={AttrValue::from(t.ratio_hint)} error={input_error(texts.errors(), &fields.ratio)} />
                if binary && fields.test == TestKind::Superiority {
                    <ChoiceField form={form.clone()} name={f::METHOD} label={t.method}
                        options={Method::CHOICES.iter().zip(t.method_names.iter()).map(|((v, _), l)| (*v, AttrValue::from(*l))).collect::<Vec<_>>()} />
                }
            </fieldset>
            <fieldset>
                <legend>{ t.looks_heading }</legend>
                <NumberField form={form.clone()} name={f::LOOKS} label={t.looks} inputmode="numeric"
                    hint={AttrValue::from(t.looks_hint)} error={input_error(texts.errors(), &fields.looks)} />
                if fields.looks.is_ok_and(|l| l > 1.0) {
                    <ChoiceField form={form.clone()} name={f::BOUNDS} label={texts.common().bounds}
                        options={Family::CHOICES.iter().map(|(v, fam)| (*v, AttrValue::from(sequential::family_name(lang, *fam)))).collect::<Vec<_>>()} />
                    <NumberField form={form.clone()} name={f::TIMING} label={t.timing} inputmode="text"
                        hint={AttrValue::from(t.timing_hint)}
                        error={fields.timing.as_ref().and_then(|r| r.as_ref().err()).map(|e| sequential::timing_error(lang, e))} />
                }
            </fieldset>
            <fieldset>
                <legend>{ t.traffic_heading }</legend>
                if fields.kind == MetricKind::Continuous {
                    <NumberField form={form.clone()} name={f::DAILY} label={t.daily_units} hint={AttrValue::from(t.daily_units_hint)} error={input_error(texts.errors(), &fields.daily)} />
                } else {
                    <NumberField form={form.clone()} name={f::DAILY} label={t.daily} error={input_error(texts.errors(), &fields.daily)} />
                }
                <NumberField form={form.clone()} name={f::SHARE} label={t.share} unit="%" error={input_error(texts.errors(), &fields.share)} />
            </fieldset>
        </form>
    }
}

fn outputs_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.design();
    let fields = &props.fields;
    // The month's worth is sales: per visitor for revenue, per order otherwise.
    let [gain_per_order, gain_per_visitor] = t.gain_month_note;
    let gain_note = if fields.kind == MetricKind::Revenue {
        gain_per_visitor
    } else {
        gain_per_order
    };
    let planned = props.planned.as_deref();
    let result = planned.and_then(|p| p.as_ref().ok());
    let design_error = planned
        .and_then(|p| p.as_ref().err())
        .map(|e| texts.design_error(e));
    let method_name = if fields.test != TestKind::Superiority {
        t.margin_method
    } else if fields.kind == MetricKind::Binary {
        t.method_names
            .get(
                Method::ALL
                    .iter()
                    .position(|m| *m == fields.method)
                    .unwrap_or(0),
            )
            .copied()
            .unwrap_or("")
    } else {
        t.method_continuous
    };
    html! {
        <section class="outputs" aria-live="polite">
            <h2>{ t.results_heading }</h2>
            if let Some(r) = result {
                <p class="answer" data-testid="answer">{
                    match &r.sequential {
                        Some(Ok(looks)) => sequential::answer(lang, fields.family, looks),
                        _ => answer(lang, r, fields.kind),
                    }
                }{
                    match (r.gain_month, r.days) {
                        (Some(gain), Some(days)) => format!("{}{}", lang.gap(),
                            t.answer_worth.fill([&lang.money(gain), &format::days(days as f64, lang.is_zh())])),
                        _ => String::new(),
                    }
                }</p>
                if let Some(Err(_)) = &r.sequential {
                    <p class="blocked" role="alert">{ texts.app().cannot_compute }</p>
                }
            }
            if let Some(msg) = design_error {
                <p class="blocked" role="alert">{ msg }</p>
            } else if planned.is_none() {
                <p class="blocked">{ texts.app().cannot_compute }</p>
            }
            <div class="results">
                <ResultValue testid="n-control" label={if fields.kind == MetricKind::Continuous { t.n_control_units } else { t.n_control }} value={result.map(|r| r.sizes.n_control as f64)} format={ValueFormat::Count} primary=true />
                <ResultValue testid="n-treatment" label={t.n_treatment} value={result.map(|r| r.sizes.n_treatment as f64)} format={ValueFormat::Count} />
                <ResultValue testid="n-total" label={t.n_total} value={result.map(|r| r.sizes.n_total as f64)} format={ValueFormat::Count} />
                <ResultValue testid="days" label={t.days} value={result.and_then(|r| r.days).map(|d| d as f64)} format={ValueFormat::Days} />
                <ResultValue testid="days-recommended" label={t.days_recommended} value={result.and_then(|r| r.recommended_days).map(|d| d as f64)}
                    format={ValueFormat::Days} note={AttrValue::from(t.days_recommended_note)} />
                if let Some((ratio, sd)) = fields.planned_ratio {
                    <ResultValue testid="ratio-planned" label={t.ratio_planned} value={Some(ratio)} format={ValueFormat::Number} />
                    <ResultValue testid="ratio-sd" label={t.ratio_sd} value={Some(sd)} format={ValueFormat::Number} />
                }
                if let Some((mean, sd)) = fields.revenue {
                    <ResultValue testid="rpv-mean" label={t.rpv_mean} value={Some(mean)} format={ValueFormat::Money} />
                    <ResultValue testid="rpv-sd" label={t.rpv_sd} value={Some(sd)} format={ValueFormat::Money} />
                }
                if let Some(gain) = result.and_then(|r| r.gain_month) {
                    <ResultValue testid="gain-month" label={t.gain_month} value={Some(gain)} format={ValueFormat::Money} note={AttrValue::from(gain_note)} />
                }
                <ResultValue testid="z-alpha" label={t.z_alpha} value={result.map(|r| r.sizes.z_alpha)} format={ValueFormat::Number} />
                <ResultValue testid="alpha-used" label={t.alpha_used} value={result.map(|r| r.sizes.alpha_used)} format={ValueFormat::Percent} />
                if fields.cuped.is_ok_and(|c| c > 0.0) {
                    <ResultValue testid="variance-factor" label={t.variance_factor} value={fields.design.map(|d| d.variance_factor)} format={ValueFormat::Number} />
                }
            </div>
            if let Some((r, (ratio, better))) = result.and_then(|r| r.dunnett_allocation.map(|a| (r, a))) {
                <p class="note">
                    { output("dunnett-allocation", Some(better.n_total as f64), t.dunnett_allocation.fill([&format::sig(ratio, 3), &format::int(better.n_total), &format::int(r.sizes.n_total)])) }
                </p>
            }
            { match fields.test {
                TestKind::NonInferiority => html! { <p class="method">{ t.ni_explain }</p> },
                TestKind::Equivalence => html! { <p class="method">{ t.eq_explain }</p> },
                TestKind::Superiority => html! {},
            } }
            if fields.cuped.is_ok_and(|c| c > 0.0) {
                <p class="method">{ t.cuped_explain }</p>
            }
            { match result.and_then(|r| r.warning) {
                Some(DurationWarning::OverAYear) => html! { <p class="warning" data-testid="duration-warning">{ t.warn_year }</p> },
                Some(DurationWarning::OverEightWeeks) => html! { <p class="warning" data-testid="duration-warning">{ t.warn_eight_weeks }</p> },
                None => html! {},
            } }
            if let (Some(r @ Plan { sequential: None, .. }), Some(d)) = (result, fields.design.as_ref()) {
                <LineChart aria_label={t.power_chart_label} x_label={t.days_axis} y_label={t.power_axis}
                    x_format={AxisFormat::Int} y_format={AxisFormat::Percent} y_domain={Some((0.0, 1.0))}
                    y_marker={Some(Marker { at: d.power, label: t.target_marker.fill([&format::pct(d.power, 3)]).into() })}
                    x_marker={r.days.map(|n| Marker { at: n as f64, label: format::days(n as f64, lang.is_zh()).into() })}
                    series={vec![Series { label: t.power_chart_label.into(), points: r.power_curve.clone(), class: "s1" }]} />
            }
            <p class="method">{ t.method_prefix }{ method_name }</p>
            if fields.kind == MetricKind::Revenue {
                <p class="method">{ t.rpv_note }</p>
            }
            if let Some((_, sd)) = fields.planned_ratio {
                <p class="method" data-testid="ratio-math">{ t.ratio_math.fill([&format::sig(sd * sd, 6), &format::sig(sd, 6)]) }</p>
            }
        </section>
    }
}

/// What a given run length or sample can detect, and the eight-week table.
fn solve_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.design();
    let (form, fields) = (&props.form, &props.fields);
    let result = props.planned.as_deref().and_then(|p| p.as_ref().ok());
    let binary = fields.kind == MetricKind::Binary;
    let effect_format = if binary {
        ValueFormat::SignedPoints
    } else {
        ValueFormat::Number
    };
    let (run_days, run_n) = (fields.run_days, fields.run_n);
    let run_result = result.and_then(|r| r.run);
    let run_n_result = result.and_then(|r| r.run_by_n);
    html! {
        <section class="panel">
            <h2>{ t.solve_heading }</h2>
            <p>{ t.solve_intro }</p>
            <div class="solve">
                <NumberField form={form.clone()} name={f::RUN_DAYS} label={t.run_days} hint={AttrValue::from(t.run_days_hint)}
                    error={run_days.and_then(|r| input_error(texts.errors(), &r))} />
                if run_days.is_some_and(|r| r.is_ok()) {
                    <div class="results">
                        <ResultValue testid="mde-abs" label={t.mde_abs_label} value={run_result.and_then(|r| r.mde_abs)} format={effect_format}
                            note={run_result.filter(|r| r.mde_abs.is_none()).map(|_| AttrValue::from(t.not_detectable))} />
                        <ResultValue testid="mde-rel" label={t.mde_rel_label} value={run_result.and_then(|r| r.mde_rel)} format={ValueFormat::SignedPercent} />
                    </div>
                }
            </div>
            <div class="solve">
                <NumberField form={form.clone()} name={f::RUN_N} label={t.run_n} hint={AttrValue::from(t.run_n_hint)}
                    error={run_n.and_then(|r| input_error(texts.errors(), &r))} />
                if run_n.is_some_and(|r| r.is_ok()) {
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
    }
}
