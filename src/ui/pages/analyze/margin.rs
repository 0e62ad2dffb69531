//! The significance page read against a margin: non-inferiority ("not worse by more
//! than 0.5 points") or equivalence ("the same within ±1 point"), with the interval
//! drawn against the margin lines and a verdict in words.

use yew::prelude::*;

use crate::ui::widgets::output;

use super::arm_name;
use crate::i18n::Lang;
use crate::model::analyze::form::AnalyzeForm;
use crate::model::analyze::input::MarginKind;
use crate::model::analyze::report::Report;
use crate::model::format;
use crate::model::stats::z_quantile;
use crate::ui::widgets::{AxisFormat, IntervalChart, IntervalRow, Marker};

pub fn view(lang: Lang, fields: &AnalyzeForm, report: &Report) -> Html {
    let texts = lang.texts();
    let t = &texts.analyze();
    let p = texts.analyze_panels();
    let Some((kind, margin)) = fields.input.as_ref().and_then(|i| i.margin) else {
        return html! {};
    };
    let alpha = fields.input.as_ref().map_or(0.05, |i| i.alpha);
    let name = |i: usize| arm_name(texts.analyze(), &fields.names, i);
    let amount = |x: f64| {
        if fields.continuous {
            format::sig(x, 4)
        } else {
            format!(
                "{} {}",
                format::sig(x * 100.0, 3),
                texts.common().points_unit
            )
        }
    };
    let z = z_quantile(1.0 - alpha);
    let id = match kind {
        MarginKind::NonInferiority => "ni-p",
        MarginKind::Equivalence => "eq-p",
    };
    let rows: Vec<IntervalRow> = report
        .comparisons
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c)))
        .map(|(i, c)| {
            // The (1 − 2α) interval from the two-sided one's half-width.
            let se = c.ci.high.map_or(f64::NAN, |h| {
                (h - c.ci.low) / 2.0 / z_quantile(1.0 - alpha / 2.0)
            });
            IntervalRow {
                label: name(i).into(),
                estimate: c.lift_abs,
                low: c.lift_abs - z * se,
                high: Some(c.lift_abs + z * se),
                highlight: c.margin_test.is_some_and(|m| m.shown),
            }
        })
        .collect();
    let mut lines = vec![Marker {
        at: -margin,
        label: format!("−{}", amount(margin)).into(),
    }];
    if kind == MarginKind::Equivalence {
        lines.push(Marker {
            at: margin,
            label: format!("+{}", amount(margin)).into(),
        });
    }
    html! {
        <section class="panel" id="margin" data-testid="margin">
            <h2>{ p.margin_heading }</h2>
            { for report.comparisons.iter().enumerate().filter_map(|(i, c)| c.map(|c| (i, c))).map(|(i, c)| {
                let m = c.margin_test;
                let verdict = match (m.is_some_and(|m| m.shown), kind) {
                    (true, MarginKind::NonInferiority) => p.verdict_ni.fill([&name(i), &amount(margin)]),
                    (true, MarginKind::Equivalence) => p.verdict_eq.fill([&name(i), &amount(margin)]),
                    (false, _) => p.verdict_open.fill([&name(i), &amount(margin)]),
                };
                html! {
                    <p class="headline" data-testid={format!("margin-verdict-{i}")} data-shown={if m.is_some_and(|m| m.shown) { "true" } else { "false" }}>
                        { verdict }{ " " }
                        <span class="result-note">{ p.margin_p }{ lang.colon() }
                            { output(format!("{id}-{i}"), m.map(|m| m.p), m.map_or("—".into(), |m| format::p_value(m.p))) }
                        </span>
                    </p>
                }
            }) }
            <IntervalChart aria_label={p.margin_chart} rows={rows} lines={lines}
                x_label={if fields.continuous { t.difference_axis } else { t.lift_axis }}
                format={if fields.continuous { AxisFormat::Number } else { AxisFormat::Points }}
                legend={p.margin_legend.map(AttrValue::from)} />
            <p class="method">{ t.margin_method }</p>
        </section>
    }
}
