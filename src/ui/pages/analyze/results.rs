//! The significance page's results: the sample-ratio check first, the verdict in plain
//! words, the tests, the Bayesian view and the charts.

use yew::prelude::*;

use super::arm_name;
use crate::i18n::{fill, Lang};
use crate::model::analyze::data::Daily;
use crate::model::analyze::report::{AnalyzeInput, Comparison, Outcome, Report};
use crate::model::format;
use crate::ui::lang::use_lang;
use crate::ui::widgets::result::format_value;
use crate::ui::widgets::{AxisFormat, IntervalChart, IntervalRow, LineChart, Series, ValueFormat};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Option<Report>,
    pub input: Option<AnalyzeInput>,
    pub names: Vec<String>,
    pub continuous: bool,
    pub daily: Option<Daily>,
}

/// A value with the contract's `data-testid` / `data-value`, or an empty marker.
fn out(lang: Lang, id: String, value: Option<f64>, f: ValueFormat) -> Html {
    match value.filter(|v| v.is_finite()) {
        Some(v) => {
            html! { <output data-testid={id} data-value={format::contract_value(v)}>{ format_value(lang, f, v) }</output> }
        }
        None => html! { <output data-testid={id}>{ "—" }</output> },
    }
}

const SERIES: [&str; 4] = ["s1", "s2", "s3", "s4"];

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.analyze;
    let name = |i: usize| arm_name(texts, &props.names, i);
    let (Some(report), Some(input)) = (&props.report, &props.input) else {
        return html! {
            <section class="outputs" aria-live="polite">
                <h2>{ t.results_heading }</h2>
                <p class="blocked">{ texts.app.cannot_compute }</p>
            </section>
        };
    };
    let continuous = props.continuous;
    let lift_format = if continuous {
        ValueFormat::Number
    } else {
        ValueFormat::SignedPoints
    };
    let level_format = if continuous {
        ValueFormat::Number
    } else {
        ValueFormat::Percent
    };
    let alpha_text = format::pct(input.alpha, 3);
    let comparisons: Vec<(usize, Comparison)> = report
        .comparisons
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c)))
        .collect();
    let many = comparisons.iter().any(|(_, c)| c.p_adj.is_some());
    // A p-value in a sentence: "p = 0.0583, adjusted for 2 comparisons".
    let p_text = |c: &Comparison| -> Option<String> {
        let p = c.p_shown()?;
        let mut text = format::p_statement(p);
        if c.p_adj.is_some() {
            text = format!(
                "{text}, {}",
                fill(t.verdict_adjusted, &[&comparisons.len().to_string()])
            );
        }
        Some(text)
    };
    let v = |x: f64| format_value(lang, lift_format, x);
    let r = |x: f64| format_value(lang, ValueFormat::SignedPercent, x);
    // Interval ends without their unit, which the sentence gives once.
    let bare_format = if continuous {
        ValueFormat::Number
    } else {
        ValueFormat::SignedPointsNumber
    };
    let bare = |x: f64| format_value(lang, bare_format, x);
    let unit = if continuous { "" } else { t.points_suffix };
    let test_text = fill(
        if input.two_sided {
            t.test_two_sided
        } else {
            t.test_one_sided
        },
        &[&alpha_text],
    );
    let threshold = format::pct(
        1.0 - if input.two_sided {
            input.alpha / 2.0
        } else {
            input.alpha
        },
        3,
    );
    let verdict = |i: usize, c: &Comparison| -> Vec<String> {
        let Some(p_text) = p_text(c) else {
            return vec![fill(t.verdict_undefined, &[&name(i)])];
        };
        let headline = match c.outcome() {
            Outcome::Better => t.verdict_better,
            Outcome::Worse => t.verdict_worse,
            Outcome::NoDifference | Outcome::Undefined => t.verdict_none,
        };
        let mut lines = vec![fill(headline, &[&name(i), &alpha_text, &p_text])];
        match (c.ci.high, c.rel_ci) {
            (Some(high), Some(rel)) => lines.push(fill(
                t.verdict_interval,
                &[
                    &bare(c.ci.low),
                    &bare(high),
                    &r(rel.low),
                    &rel.high.map_or_else(String::new, r),
                    unit,
                ],
            )),
            (Some(high), None) => lines.push(fill(
                t.verdict_interval,
                &[&bare(c.ci.low), &bare(high), "—", "—", unit],
            )),
            (None, _) => lines.push(fill(t.verdict_interval_one, &[&v(c.ci.low)])),
        }
        if !c.significant {
            if let Some(m) = c.mde {
                let control = report.levels.first().copied().unwrap_or(f64::NAN);
                let rel = c.mde_rel(control).map_or_else(|| "—".to_string(), r);
                lines.push(fill(t.verdict_mde, &[&v(m), &rel]));
            }
        }
        if let (Some(prob), Some(loss)) = (c.prob_beat, c.loss) {
            let mut line = fill(
                t.verdict_bayes,
                &[
                    &name(i),
                    &format::pct(prob, 3),
                    &format_value(lang, ValueFormat::Points, loss),
                ],
            );
            // The probability and the p-value tell one story; say how, where the
            // test is the plain one (an adjusted p-value has its own threshold).
            if c.p_adj.is_none() {
                line.push_str(if lang.is_zh() { "" } else { " " });
                line.push_str(&fill(t.verdict_bayes_agrees, &[&test_text, &threshold]));
            }
            lines.push(line);
        }
        lines
    };
    // The one sentence above everything: the sample-ratio alarm first, otherwise the
    // variant with the strongest evidence (the smallest p-value, adjusted if so).
    let answer = if let Some(p) = report.srm_p.filter(|_| report.sample_ratio_mismatch()) {
        fill(t.answer_srm, &[&format::p_statement(p)])
    } else {
        match report.strongest() {
            Some((i, c)) => {
                let template = match c.outcome() {
                    Outcome::Better => t.answer_better,
                    Outcome::Worse => t.answer_worse,
                    Outcome::NoDifference | Outcome::Undefined => t.answer_none,
                };
                fill(
                    template,
                    &[
                        &name(i),
                        &v(c.lift_abs),
                        &c.lift_rel.map_or_else(|| "—".to_string(), r),
                        &p_text(c).unwrap_or_default(),
                    ],
                )
            }
            None => t.answer_undefined.to_string(),
        }
    };

    html! {
        <section class="outputs" aria-live="polite">
            <h2>{ t.results_heading }</h2>
            <p class="answer" data-testid="answer">{ answer }</p>
            if let Some(p) = report.srm_p {
                <div class={classes!("srm", report.sample_ratio_mismatch().then_some("alarm"))} role={report.sample_ratio_mismatch().then_some("alert")}>
                    <span>{ t.srm_label }{ if lang.is_zh() { "" } else { " " } }</span>
                    <output data-testid="srm-p" data-value={format::contract_value(p)}>{ format::p_statement(p) }</output>
                    if report.sample_ratio_mismatch() {
                        <p>{ t.srm_alarm }</p>
                        <p class="srm-causes-heading">{ t.srm_causes_heading }</p>
                        <ul>{ for t.srm_causes.iter().map(|c| html! { <li>{ *c }</li> }) }</ul>
                    } else {
                        <p>{ t.srm_ok }</p>
                    }
                </div>
            }
            <div class={classes!("verdict", report.sample_ratio_mismatch().then_some("untrusted"))} data-testid="verdict">
                <h3>{ t.verdict_heading }</h3>
                { for comparisons.iter().map(|(i, c)| html! {
                    <div class={classes!("verdict-arm", c.significant.then_some("significant"))}>
                        { for verdict(*i, c).into_iter().map(|line| html! { <p>{ line }</p> }) }
                    </div>
                }) }
            </div>

            <h3>{ t.freq_heading }</h3>
            <div class="table-wrap">
                <table class="arms">
                    <thead><tr>
                        <th scope="col">{ t.arm }</th>
                        <th scope="col">{ if continuous { t.mean } else { t.rate } }</th>
                        <th scope="col">{ t.lift_abs }</th>
                        <th scope="col">{ t.lift_rel }</th>
                        <th scope="col">{ t.ci_col }</th>
                        <th scope="col">{ t.rel_ci_col }</th>
                        <th scope="col">{ t.p }</th>
                        if many { <th scope="col">{ t.p_adj }</th> }
                        if continuous { <th scope="col">{ t.df }</th> } else { <th scope="col">{ t.p_fisher }</th> }
                    </tr></thead>
                    <tbody>
                        { for report.levels.iter().enumerate().map(|(i, level)| {
                            let c = report.comparisons.get(i).copied().flatten();
                            let level_id = if continuous { format!("mean-{i}") } else { format!("rate-{i}") };
                            html! {
                                <tr class={classes!(c.is_some_and(|c| c.significant).then_some("significant"))}>
                                    <th scope="row">{ name(i) }</th>
                                    <td>{ out(lang, level_id, Some(*level), level_format) }</td>
                                    if let Some(c) = c {
                                        <td>{ out(lang, format!("lift-abs-{i}"), Some(c.lift_abs), lift_format) }</td>
                                        <td>{ out(lang, format!("lift-rel-{i}"), c.lift_rel, ValueFormat::SignedPercent) }</td>
                                        <td class="interval">
                                            { "[" }{ out(lang, format!("ci-low-{i}"), Some(c.ci.low), bare_format) }{ ", " }
                                            if c.ci.high.is_some() { { out(lang, format!("ci-high-{i}"), c.ci.high, bare_format) } } else { { "∞" } }{ "]" }{ unit }
                                        </td>
                                        <td class="interval">
                                            if let Some(rel) = c.rel_ci {
                                                { "[" }{ out(lang, format!("rel-ci-low-{i}"), Some(rel.low), ValueFormat::SignedPercent) }{ ", " }
                                                if rel.high.is_some() { { out(lang, format!("rel-ci-high-{i}"), rel.high, ValueFormat::SignedPercent) } } else { { "∞" } }{ "]" }
                                            } else { { "—" } }
                                        </td>
                                        <td>{ out(lang, format!("p-{i}"), c.p, ValueFormat::PValue) }</td>
                                        if many { <td>{ out(lang, format!("p-adj-{i}"), c.p_adj, ValueFormat::PValue) }</td> }
                                        if continuous {
                                            <td>{ out(lang, format!("df-{i}"), c.df, ValueFormat::Number) }</td>
                                        } else {
                                            <td>{ out(lang, format!("p-fisher-{i}"), c.p_fisher, ValueFormat::PValue) }</td>
                                        }
                                    } else {
                                        <td colspan={(5 + usize::from(many) + 1).to_string()} class="baseline-note">{ t.baseline_row }</td>
                                    }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <IntervalChart aria_label={t.forest_label} legend={[AttrValue::from(t.forest_significant), AttrValue::from(t.forest_not)]}
                x_label={if continuous { t.difference_axis } else { t.lift_axis }}
                format={if continuous { AxisFormat::Number } else { AxisFormat::Points }}
                rows={comparisons.iter().map(|(i, c)| IntervalRow {
                    label: name(*i).into(), estimate: c.lift_abs, low: c.ci.low, high: c.ci.high, highlight: c.significant,
                }).collect::<Vec<_>>()} />

            if !continuous {
                <h3>{ t.bayes_heading }</h3>
                <div class="table-wrap">
                    <table class="arms">
                        <thead><tr>
                            <th scope="col">{ t.arm }</th>
                            <th scope="col">{ t.prob_beat }</th>
                            <th scope="col">{ t.loss }</th>
                            <th scope="col">{ t.credible }</th>
                        </tr></thead>
                        <tbody>
                            { for comparisons.iter().map(|(i, c)| html! {
                                <tr>
                                    <th scope="row">{ name(*i) }</th>
                                    <td>{ out(lang, format!("prob-beat-{i}"), c.prob_beat, ValueFormat::Percent) }</td>
                                    <td>{ out(lang, format!("loss-{i}"), c.loss, ValueFormat::Points) }</td>
                                    <td class="interval">{ c.credible.map_or_else(|| "—".to_string(), |(lo, hi)| format!("[{}, {}]{unit}", bare(lo), bare(hi))) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if !report.posteriors.is_empty() {
                    <LineChart aria_label={t.posterior_label} x_label={t.rate_axis} y_label={t.density_axis}
                        x_format={AxisFormat::Percent} y_format={AxisFormat::Number}
                        series={report.posteriors.iter().enumerate().map(|(i, pts)| Series {
                            label: name(i).into(), points: pts.clone(), class: SERIES.get(i % SERIES.len()).copied().unwrap_or("s1"),
                        }).collect::<Vec<_>>()} />
                }
            }
            if let Some(d) = props.daily.as_ref().filter(|d| !d.cumulative.is_empty()) {
                <h3>{ t.cumulative_label }</h3>
                <LineChart aria_label={t.cumulative_label} x_label={t.day_axis} y_label={t.lift_axis}
                    band_label={AttrValue::from(t.band_label)}
                    x_format={AxisFormat::Int} y_format={AxisFormat::Points}
                    band={(d.cumulative.len() == 1).then(|| d.cumulative.first().map(|s| (
                        s.iter().map(|p| (p.day as f64, p.high)).collect(),
                        s.iter().map(|p| (p.day as f64, p.low)).collect(),
                    ))).flatten()}
                    series={d.cumulative.iter().enumerate().map(|(i, s)| Series {
                        label: d.arms.get(i + 1).cloned().unwrap_or_default().into(),
                        points: s.iter().map(|p| (p.day as f64, p.lift)).collect(),
                        class: SERIES.get(i % SERIES.len()).copied().unwrap_or("s1"),
                    }).collect::<Vec<_>>()} />
            }

            <section class="misreadings">
                <h3>{ t.misreadings_heading }</h3>
                <ul>{ for t.misreadings.iter().map(|m| html! { <li>{ *m }</li> }) }</ul>
            </section>
            <p class="method">{ if continuous { t.method_continuous } else { t.method_binary } }</p>
        </section>
    }
}
