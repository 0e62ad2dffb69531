//! `#/learn/power`: experiments with a real effect. How often a test of a given size
//! detects it, simulated, beside the design formula's prediction, over sample sizes.

use std::rc::Rc;

use yew::prelude::*;

use super::learn_nav;
use super::peeking::run_status;
use super::presenter::{present_button, simulator_presenter, Simulator};
use crate::i18n::Lang;
use crate::model::format;
use crate::model::learn::power::{
    self as pw, theory_power, PowerError, PowerForm, PowerInput, Simulation,
};
use crate::model::learn::presenting;
use crate::ui::hooks::{use_chunked, use_query_form, Run};
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, tool_header, AxisFormat, ChoiceField, LineChart, NumberField, ResultValue,
    SavedCalcs, Series, ValueFormat,
};
use crate::ui::Route;

/// Experiments per chunk (each at six sample sizes).
const CHUNK: usize = 2_000;
/// Points of the formula's curve.
const CURVE_POINTS: usize = 60;

fn start(input: &PowerInput) -> Option<Simulation> {
    Some(Simulation::new(input))
}

#[component]
pub fn PowerPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.learn();
    let d = &texts.common();
    let form = use_query_form(Route::LearnPower, pw::PARAMS, "");
    let fields = Rc::new(pw::read(&form.values));
    let input = fields.input.and_then(Result::ok);
    let run = use_chunked(input, start, CHUNK);
    let mde_unit = if fields.relative {
        "%"
    } else {
        texts.common().points_unit
    };
    let settings = html! { <>
        <NumberField form={form.clone()} name={pw::P} label={d.baseline} unit="%" error={input_error(texts.errors(), &fields.p)} />
        <NumberField form={form.clone()} name={pw::MDE} label={t.true_effect} unit={mde_unit} error={input_error(texts.errors(), &fields.mde)} />
        <ChoiceField form={form.clone()} name={pw::MDE_MODE} label={d.mde_mode}
            options={vec![("rel", d.mde_rel.into()), ("abs", d.mde_abs.into())]} />
        <NumberField form={form.clone()} name={pw::ALPHA} label={texts.common().alpha} unit="%" error={input_error(texts.errors(), &fields.alpha)} />
        <NumberField form={form.clone()} name={pw::N} label={t.n_label} error={input_error(texts.errors(), &fields.n)} />
    </> };
    if presenting(form.get(pw::PRESENT)) {
        let body = html! { <>{ results_view(lang, &fields, &run) }{ chart_view(lang, &run) }</> };
        let sim = Simulator {
            present: pw::PRESENT,
            seed: pw::SEED,
            heading: t.power_heading,
            kind: "power",
        };
        return simulator_presenter(lang, &form, sim, body, settings);
    }
    html! {
        <div class="page learn power">
            { tool_header(lang, t.power_heading, t.power_intro, &form, Vec::new()) }
            { learn_nav(lang, Route::LearnPower) }
            <p>{ present_button(&form, pw::PRESENT, None, t.present) }</p>
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ texts.common().test_heading }</legend>
                        { settings }
                        <NumberField form={form.clone()} name={pw::SIMS} label={t.sims} error={input_error(texts.errors(), &fields.sims)} />
                        <NumberField form={form.clone()} name={pw::SEED} label={t.seed} error={input_error(texts.errors(), &fields.seed)} />
                    </fieldset>
                </form>
                { results_view(lang, &fields, &run) }
            </div>
            { chart_view(lang, &run) }
            <section class="panel math">
                <h2>{ t.peek_method_heading }</h2>
                { for t.power_method.iter().map(|p| html! { <p>{ *p }</p> }) }
                <p class="lesson"><strong>{ t.lesson_label }{ lang.colon() }</strong>{ t.power_lesson }</p>
            </section>
            <SavedCalcs tool="power" form={form.clone()} />
        </div>
    }
}

fn results_view(lang: Lang, fields: &PowerForm, run: &Run<Simulation>) -> Html {
    let texts = lang.texts();
    let t = &texts.learn();
    let input = fields.input.and_then(Result::ok);
    let theory = input.map(|i| theory_power(i.p1, i.p2, i.alpha, i.n as f64));
    let sim = run.finished.as_ref().map(|r| r.power());
    let answer = match (input, theory, run.finished.as_ref()) {
        (Some(i), Some(th), Some(r)) if r.input == i => t.power_answer.fill([
            &format::int(i.n),
            &format::pct(r.power(), 3),
            &format::pct(th, 3),
        ]),
        _ => String::new(),
    };
    html! {
        <div class={classes!("outputs", run.running.then_some("stale"))} aria-busy={run.running.then_some("true")}>
            if let Some(Err(PowerError::RateOutOfRange)) = fields.input {
                <p class="field-error" role="alert">{ texts.common().rate_out_of_range }</p>
            }
            if !answer.is_empty() {
                <p class="answer" data-testid="answer">{ answer }</p>
            }
            <div class="results">
                <ResultValue testid="power-theory" label={t.power_theory} value={theory} format={ValueFormat::Percent} primary=true />
                <ResultValue testid="power-sim" label={t.power_sim} value={sim} format={ValueFormat::Percent} />
            </div>
            { run_status(lang, run) }
        </div>
    }
}

fn chart_view(lang: Lang, run: &Run<Simulation>) -> Html {
    let t = lang.texts().learn();
    let Some(r) = run.finished.as_ref() else {
        return html! {};
    };
    let i = r.input;
    let top = r.sizes.last().copied().unwrap_or(i.n) as f64;
    let curve: Vec<(f64, f64)> = (0..=CURVE_POINTS)
        .map(|k| {
            let n = (top * k as f64 / CURVE_POINTS as f64).max(1.0);
            (n, theory_power(i.p1, i.p2, i.alpha, n))
        })
        .collect();
    let dots: Vec<(f64, f64)> = r.shares().iter().map(|(n, s)| (*n as f64, *s)).collect();
    html! {
        <section class="panel">
            <h2>{ t.power_chart }</h2>
            <LineChart aria_label={t.power_chart} x_label={t.n_axis} y_label={t.power_axis}
                x_format={AxisFormat::Int} y_format={AxisFormat::Percent} y_domain={Some((0.0, 1.0))}
                series={vec![Series { label: t.series_formula.into(), points: curve, class: "s1" }]}
                dots={vec![Series { label: t.power_sim.into(), points: dots, class: "s2" }]} />
        </section>
    }
}
