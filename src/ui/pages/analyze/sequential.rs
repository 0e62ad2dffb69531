//! The significance page's answers for tests that are looked at more than once:
//! always-valid intervals and p-values, and the current sample read against a planned
//! group-sequential test.

use yew::prelude::*;

use crate::ui::widgets::output;

use super::arm_name;
use crate::i18n::Lang;
use crate::model::analyze::form::AnalyzeForm;
use crate::model::analyze::report::{PlannedLook, Report};
use crate::model::format;
use crate::ui::widgets::{ResultValue, ScrollBox, ValueFormat};

fn cell(id: String, v: Option<f64>, text: String) -> Html {
    html! {
        { output(id, v, text) }
    }
}

/// `planned`: where the planned test stands, read by the page with the report.
pub fn view(
    lang: Lang,
    fields: &AnalyzeForm,
    report: &Report,
    planned: Option<&PlannedLook>,
) -> Html {
    let texts = lang.texts();
    let p = texts.analyze_panels();
    let name = |i: usize| arm_name(texts.analyze(), &fields.names, i);
    let lift_text = |x: f64| {
        if fields.continuous {
            format::sig(x, 4)
        } else {
            format!(
                "{} {}",
                format::signed_points(x),
                texts.common().points_unit
            )
        }
    };
    let always = fields
        .input
        .as_ref()
        .is_some_and(|i| i.always_valid.is_some());
    html! { <>
        if always {
            <section class="panel" id="always-valid" data-testid="always-valid">
                <h2>{ p.av_heading }</h2>
                <p>{ p.av_intro }</p>
                <ScrollBox label={p.av_heading}>
                    <table class="data">
                        <thead><tr>{ for p.av_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                        <tbody>
                            { for report.comparisons.iter().enumerate().filter_map(|(i, c)| c.map(|c| (i, c))).map(|(i, c)| {
                                let av = c.always_valid;
                                html! {
                                    <tr>
                                        <th scope="row">{ name(i) }</th>
                                        <td class="num">{ lift_text(c.lift_abs) }</td>
                                        <td class="num interval">
                                            { cell(format!("av-ci-low-{i}"), av.map(|a| a.low), av.map_or("—".into(), |a| lift_text(a.low))) }
                                            { " … " }
                                            { cell(format!("av-ci-high-{i}"), av.map(|a| a.high), av.map_or("—".into(), |a| lift_text(a.high))) }
                                        </td>
                                        <td class="num interval">
                                            { cell(format!("av-rel-ci-low-{i}"), av.and_then(|a| a.rel).map(|r| r.0), av.and_then(|a| a.rel).map_or("—".into(), |r| format::signed_pct(r.0, 3))) }
                                            { " … " }
                                            { cell(format!("av-rel-ci-high-{i}"), av.and_then(|a| a.rel).map(|r| r.1), av.and_then(|a| a.rel).map_or("—".into(), |r| format::signed_pct(r.1, 3))) }
                                        </td>
                                        <td class="num">{ cell(format!("av-p-{i}"), av.map(|a| a.p), av.map_or("—".into(), |a| format::p_value(a.p))) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </ScrollBox>
            </section>
        }
        if let Some(look) = planned {
            <section class="panel" id="planned" data-testid="planned">
                <h2>{ p.plan_heading }</h2>
                <p class="headline">{
                    match look.crossed.iter().position(|c| *c) {
                        Some(i) => p.plan_stop.fill([&name(i)]),
                        None => p.plan_continue.to_string(),
                    }
                }</p>
                <div class="results">
                    <ResultValue testid="gs-fraction" label={p.plan_fraction} value={Some(look.fraction)} format={ValueFormat::Percent} />
                    <ResultValue testid="gs-boundary-now" label={p.plan_boundary} value={Some(look.boundary).filter(|b| b.is_finite())} format={ValueFormat::Number} />
                </div>
                <ScrollBox label={p.plan_heading}>
                <table class="data">
                    <thead><tr>{ for p.plan_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                    <tbody>
                        { for look.z.iter().enumerate().skip(1).map(|(i, z)| {
                            let crossed = look.crossed.get(i).copied().unwrap_or(false);
                            html! {
                                <tr>
                                    <th scope="row">{ name(i) }</th>
                                    <td class="num">{ cell(format!("gs-z-now-{i}"), *z, z.map_or("—".into(), |z| format::num(z, 3))) }</td>
                                    <td>{ cell(format!("gs-crossed-{i}"), Some(if crossed { 1.0 } else { 0.0 }), (if crossed { p.yes } else { p.no }).to_string()) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </ScrollBox>
                <p class="method">{ p.plan_note }</p>
            </section>
        }
    </> }
}
