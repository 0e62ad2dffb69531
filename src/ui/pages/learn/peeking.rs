//! `#/learn/peeking`: A/A tests looked at again and again. The exact false-positive
//! rate beside the simulated one, the rate against the number of looks, and sample
//! paths of the z-statistic crossing the line.

use yew::prelude::*;

use crate::ui::widgets::output;

use super::learn_nav;
use super::presenter::{present_button, simulator_presenter, Simulator};
use crate::i18n::Lang;
use crate::model::format;
use crate::model::learn::peeking::{self as pk, PeekingInput, Simulation, MAX_LOOKS};
use crate::model::learn::presenting;
use crate::model::Chunked;
use crate::ui::hooks::{use_chunked, use_query_form, Run};
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, tool_header, AxisFormat, LineChart, NumberField, ResultValue, SavedCalcs, Series,
    ValueFormat,
};
use crate::ui::Route;

/// Simulated tests per chunk: a few milliseconds of work at 50 looks.
const CHUNK: usize = 2_000;

fn start(input: &PeekingInput) -> Option<Simulation> {
    Some(Simulation::new(input, pk::theory(input).ok()?))
}

#[component]
pub fn PeekingPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.learn();
    let form = use_query_form(Route::LearnPeeking, pk::PARAMS, "");
    let fields = pk::read(&form.values);
    let run = use_chunked(fields.input, start, CHUNK);
    // The test's settings; the run's size and seed only off the projector.
    let settings = html! { <>
        <NumberField form={form.clone()} name={pk::LOOKS} label={t.looks} error={input_error(texts.errors(), &fields.looks)} />
        <NumberField form={form.clone()} name={pk::ALPHA} label={texts.common().alpha} unit="%" error={input_error(texts.errors(), &fields.alpha)} />
    </> };
    if presenting(form.get(pk::PRESENT)) {
        let body = html! { <>{ results_view(lang, &run) }{ charts_view(lang, &run) }</> };
        let sim = Simulator {
            present: pk::PRESENT,
            seed: pk::SEED,
            heading: t.peeking_heading,
            kind: "peeking",
        };
        return simulator_presenter(lang, &form, sim, body, settings);
    }
    html! {
        <div class="page learn peeking">
            { tool_header(lang, t.peeking_heading, t.peeking_intro, &form, Vec::new()) }
            { learn_nav(lang, Route::LearnPeeking) }
            <p>{ present_button(&form, pk::PRESENT, None, t.present) }</p>
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ texts.common().test_heading }</legend>
                        { settings }
                        <NumberField form={form.clone()} name={pk::SIMS} label={t.sims} error={input_error(texts.errors(), &fields.sims)} />
                        <NumberField form={form.clone()} name={pk::SEED} label={t.seed} error={input_error(texts.errors(), &fields.seed)} />
                    </fieldset>
                </form>
                { results_view(lang, &run) }
            </div>
            { charts_view(lang, &run) }
            <section class="panel math">
                <h2>{ t.peek_method_heading }</h2>
                { for t.peek_method.iter().map(|p| html! { <p>{ *p }</p> }) }
                <p class="lesson"><strong>{ t.lesson_label }{ lang.colon() }</strong>{ t.peek_lesson }</p>
            </section>
            <SavedCalcs tool="peeking" form={form.clone()} />
        </div>
    }
}

/// A simulator's progress bar while it runs, and afterwards how long it took (the
/// browser benchmark reads `sim-speed`).
pub fn run_status<T: Chunked>(lang: Lang, run: &Run<T>) -> Html {
    let t = lang.texts().learn();
    if run.running {
        let (done, total) = run
            .current
            .as_ref()
            .map_or((0, 1), |r| (r.done(), r.total()));
        return html! {
            <div class="progress" data-testid="sim-progress">
                <progress max={total.to_string()} value={done.to_string()}></progress>
                <span>{ t.simulating.fill([&format::int(done as u64), &format::int(total as u64)]) }</span>
            </div>
        };
    }
    let Some(r) = run.finished.as_ref() else {
        return html! {};
    };
    html! {
        <p class="result-note">
            { output("sim-speed", Some(run.millis), t.sim_speed.fill([&format::int(r.total() as u64), &format::num(run.millis, 0)])) }
        </p>
    }
}

fn results_view(lang: Lang, run: &Run<Simulation>) -> Html {
    let t = lang.texts().learn();
    // Theory of the current inputs as soon as it is known; simulated shares of the
    // last finished run, dimmed while a new one runs.
    let theory = run.current.as_ref().or(run.finished.as_ref());
    let shown = run.finished.as_ref();
    let exact = theory.map(|r| r.theory.rate(r.input.looks));
    let sim = shown.map(|r| r.as_ref());
    let answer = match (theory, exact) {
        // One look is the fixed test: its rate is alpha itself, nothing to contrast.
        (Some(r), Some(rate)) if r.input.looks == 1 => t
            .peek_answer_once
            .fill([&format::pct(rate, 3), &format::pct(rate / 2.0, 3)]),
        // Two-sided crossings split evenly between the directions by symmetry: half
        // of the false "significant" results would announce the new version as better.
        (Some(r), Some(rate)) => t.peek_answer.fill([
            &r.input.looks.to_string(),
            &format::pct(rate, 3),
            &format::pct(r.input.alpha, 3),
            &format::pct(rate / 2.0, 3),
        ]),
        _ => String::new(),
    };
    let se_note = sim.map(|s| {
        AttrValue::from(
            t.sim_error
                .fill([&format::pct(2.0 * s.standard_error(s.peeking_share()), 2)]),
        )
    });
    html! {
        <div class={classes!("outputs", run.running.then_some("stale"))} aria-busy={run.running.then_some("true")}>
            if !answer.is_empty() {
                <p class="answer" data-testid="answer">{ answer }</p>
            }
            <div class="results">
            <ResultValue testid="peek-theory" label={t.peek_theory} value={exact} format={ValueFormat::Percent} primary=true />
            <ResultValue testid="peek-sim" label={t.peek_sim} value={sim.map(|s| s.peeking_share())} format={ValueFormat::Percent} note={se_note} />
            <ResultValue testid="peek-sim-final" label={t.peek_sim_final} value={sim.map(|s| s.final_share())} format={ValueFormat::Percent} />
            <ResultValue testid="peek-sim-obf" label={t.peek_sim_obf} value={sim.map(|s| s.obf_share())} format={ValueFormat::Percent} />
            </div>
            { run_status(lang, run) }
        </div>
    }
}

fn charts_view(lang: Lang, run: &Run<Simulation>) -> Html {
    let t = lang.texts().learn();
    let Some(r) = run.finished.as_ref() else {
        return html! {};
    };
    let looks = r.input.looks;
    let curve: Vec<(f64, f64)> = r
        .theory
        .rate_by_looks
        .iter()
        .enumerate()
        .map(|(k, rate)| ((k + 1) as f64, *rate))
        .collect();
    let alpha_line = vec![(1.0, r.input.alpha), (MAX_LOOKS as f64, r.input.alpha)];
    let simulated = vec![(looks as f64, r.peeking_share())];
    let xs = |path: &Vec<f64>| -> Vec<(f64, f64)> {
        path.iter()
            .enumerate()
            .map(|(k, z)| ((k + 1) as f64, *z))
            .collect()
    };
    let crossed: Vec<Vec<(f64, f64)>> = r.crossed_paths.iter().map(xs).collect();
    let quiet: Vec<Vec<(f64, f64)>> = r.quiet_paths.iter().map(xs).collect();
    let z = r.theory.z;
    let ends = |v: f64| vec![(1.0, v), (looks.max(2) as f64, v)];
    // Drawn to its real height: the first looks' O'Brien–Fleming bar is far above
    // ±z (14 at the first of 50 looks), which is the point of it.
    let obf: Vec<(f64, f64)> = r
        .theory
        .obf
        .iter()
        .enumerate()
        .map(|(k, b)| ((k + 1) as f64, *b))
        .collect();
    let obf_low: Vec<(f64, f64)> = obf.iter().map(|(x, y)| (*x, -y)).collect();
    // Where each peeker stopped: the first look at which the path crossed ±z.
    let stops: Vec<(f64, f64)> = crossed
        .iter()
        .filter_map(|path| path.iter().copied().find(|(_, v)| v.abs() >= z))
        .collect();
    let top = obf
        .iter()
        .map(|p| p.1)
        .chain(crossed.iter().chain(&quiet).flatten().map(|p| p.1.abs()))
        .chain([z])
        .filter(|v| v.is_finite())
        .fold(4.0_f64, f64::max);
    html! {
        <div class="charts">
            <section class="panel">
                <h2>{ t.rates_chart }</h2>
                <LineChart aria_label={t.rates_chart} x_label={t.looks_axis} y_label={t.rate_axis}
                    x_format={AxisFormat::Int} y_format={AxisFormat::Percent} y_domain={Some((0.0, curve.last().map_or(0.4, |p| p.1.max(0.1))))}
                    series={vec![
                        Series { label: t.series_peeking.into(), points: curve, class: "s1" },
                        Series { label: t.series_alpha.into(), points: alpha_line, class: "s3" },
                    ]}
                    dots={vec![Series { label: t.series_simulated.into(), points: simulated, class: "s2" }]} />
            </section>
            if looks > 1 {
                <section class="panel">
                    <h2>{ t.paths_chart }</h2>
                    <LineChart aria_label={t.paths_chart} x_label={t.look_axis} y_label={t.z_axis}
                        x_format={AxisFormat::Int} y_format={AxisFormat::Number} y_domain={Some((-top, top))}
                        series={vec![
                            Series { label: t.series_boundary.into(), points: ends(z), class: "s2" },
                            Series { label: t.series_boundary.into(), points: ends(-z), class: "s2" },
                            Series { label: t.series_obf.into(), points: obf, class: "s3" },
                            Series { label: t.series_obf.into(), points: obf_low, class: "s3" },
                        ]}
                        dots={vec![Series { label: t.series_stopped.into(), points: stops, class: "s4" }]}
                        faint={vec![
                            (AttrValue::from(t.series_crossed), "crossed", crossed),
                            (AttrValue::from(t.series_path), "quiet", quiet),
                        ]} />
                </section>
            }
        </div>
    }
}
