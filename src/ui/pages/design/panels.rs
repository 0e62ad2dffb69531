//! The design page's explanatory panels: effect by run length, the four methods side
//! by side, and the arithmetic step by step.

use yew::prelude::*;

use crate::ui::widgets::output;

use crate::i18n::fill;
use crate::model::design::plan::Detectable;
use crate::model::design::{Correction, Design, DesignError, Hypothesis, Method, Metric, Sizes};
use crate::model::format;
use crate::ui::lang::use_lang;
use crate::ui::widgets::result::format_value;
use crate::ui::widgets::ScrollBox;
use crate::ui::widgets::ValueFormat;

#[derive(Properties, PartialEq)]
pub struct WeeksTableProps {
    pub weeks: Vec<Detectable>,
    pub binary: bool,
}

#[component]
pub fn WeeksTable(props: &WeeksTableProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().design();
    let effect = if props.binary {
        ValueFormat::SignedPoints
    } else {
        ValueFormat::Number
    };
    html! {
        <ScrollBox label={t.mde_abs_col}>
            <table class="data" data-testid="weeks-table">
                <thead><tr>
                    <th scope="col">{ t.run_col }</th>
                    <th scope="col">{ t.visitors_col }</th>
                    <th scope="col">{ t.mde_abs_col }</th>
                    <th scope="col">{ t.mde_rel_col }</th>
                </tr></thead>
                <tbody>
                    { for props.weeks.iter().map(|w| {
                        let weeks = (w.days / 7.0).round() as u32;
                        let label = if weeks == 1 { t.one_week.to_string() } else { t.n_weeks.fill([&weeks.to_string()]) };
                        html! {
                            <tr>
                                <th scope="row">{ label }</th>
                                <td>{ format::num(w.n_control.floor(), 0) }</td>
                                <td>{ w.mde_abs.map_or_else(|| t.not_detectable.to_string(), |m| format_value(lang, effect, m)) }</td>
                                <td>{ w.mde_rel.map_or_else(|| "—".to_string(), |m| format_value(lang, ValueFormat::SignedPercent, m)) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </ScrollBox>
    }
}

#[derive(Properties, PartialEq)]
pub struct MethodComparisonProps {
    pub methods: Vec<(Method, Result<Sizes, DesignError>)>,
    pub selected: Method,
}

#[component]
pub fn MethodComparison(props: &MethodComparisonProps) -> Html {
    let t = use_lang().lang.texts().design();
    html! {
        <section class="panel">
            <h2>{ t.compare_heading }</h2>
            <p>{ t.compare_intro }</p>
            <ScrollBox label={t.compare_heading}>
                <table class="data methods" data-testid="method-comparison">
                    <thead><tr>
                        <th scope="col">{ t.method_col }</th>
                        <th scope="col">{ t.per_group_col }</th>
                        <th scope="col" class="why">{ t.why_col }</th>
                    </tr></thead>
                    <tbody>
                        { for props.methods.iter().enumerate().map(|(i, (method, sizes))| {
                            let selected = *method == props.selected;
                            let key = Method::CHOICES.get(i).map_or("", |(k, _)| *k);
                            html! {
                                <tr class={classes!(selected.then_some("selected"))}>
                                    <th scope="row">
                                        { t.method_names.get(i).copied().unwrap_or("") }
                                        if selected { {" "}<span class="tag">{ t.current_method }</span> }
                                    </th>
                                    <td>
                                        if let Ok(s) = sizes {
                                            { output(format!("method-n-{key}"), Some(s.n_control as f64), format::int(s.n_control)) }
                                        } else {
                                            { "—" }
                                        }
                                    </td>
                                    <td class="why">{ t.method_why.get(i).copied().unwrap_or("") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </ScrollBox>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct MathPanelProps {
    pub design: Design,
    pub sizes: Sizes,
    pub traffic: Option<(f64, f64)>,
    pub days: Option<u64>,
    pub recommended: Option<u64>,
}

/// Six significant digits: enough to redo the arithmetic by hand.
fn n6(x: f64) -> String {
    format::sig(x, 6)
}

#[component]
pub fn MathPanel(props: &MathPanelProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().design();
    let d = &props.design;
    let s = &props.sizes;
    let comparisons = d.arms.saturating_sub(1).to_string();
    let alpha_line = match d.correction {
        Correction::None => fill(t.math_alpha[0], &[&format::pct(s.alpha_used, 4)]),
        Correction::Bonferroni => fill(
            t.math_alpha[1],
            &[
                &format::pct(d.alpha, 4),
                &comparisons,
                &format::pct(s.alpha_used, 4),
            ],
        ),
        Correction::Dunnett => fill(
            t.math_alpha[3],
            &[
                &format::pct(d.alpha, 4),
                &comparisons,
                &format::pct(s.alpha_used, 4),
            ],
        ),
        Correction::Sidak => fill(
            t.math_alpha[2],
            &[
                &format::pct(d.alpha, 4),
                &comparisons,
                &format::pct(s.alpha_used, 4),
            ],
        ),
    };
    let [two_sided, one_sided] = t.math_z_alpha;
    let superiority = d.hypothesis == Hypothesis::Superiority;
    let z_alpha = fill(
        if d.two_sided && superiority {
            two_sided
        } else {
            one_sided
        },
        &[&n6(s.z_alpha)],
    );
    let z_beta = match d.hypothesis {
        Hypothesis::Equivalence { .. } => t
            .math_z_beta_eq
            .fill([&format::pct(1.0 - (1.0 - d.power) / 2.0, 4), &n6(s.z_beta)]),
        _ => t
            .math_z_beta
            .fill([&format::pct(d.power, 4), &n6(s.z_beta)]),
    };
    let (a, b, dd) = d.terms().unwrap_or((f64::NAN, f64::NAN, f64::NAN));
    let (effect, which) = match d.metric {
        Metric::Binary { p1, p2, method } => (
            t.math_effect_binary.fill([
                &format::pct(p1, 6),
                &format::pct(p2, 6),
                // A difference of two rates is in percentage points, not percent.
                &format!(
                    "{} {}",
                    format::sig((p2 - p1) * 100.0, 6),
                    lang.texts().common().points_unit
                ),
                &n6(d.ratio),
            ]),
            Method::ALL.iter().position(|m| *m == method).unwrap_or(0),
        ),
        Metric::Continuous { sd, delta, .. } => (
            t.math_effect_continuous
                .fill([&n6(delta), &n6(sd), &n6(d.ratio)]),
            4,
        ),
    };
    // The margin tests use the unpooled variance whatever the method.
    let which = if superiority || which == 4 { which } else { 0 };
    let [ni_d, eq_d] = t.math_d_margin;
    let d_line = match d.hypothesis {
        Hypothesis::NonInferiority { .. } => fill(ni_d, &[&format::sig(dd, 6)]),
        Hypothesis::Equivalence { .. } => fill(eq_d, &[&format::sig(dd, 6)]),
        Hypothesis::Superiority if which == 3 => fill(t.math_d[1], &[&n6(dd.sqrt()), &n6(dd)]),
        Hypothesis::Superiority => fill(t.math_d[0], &[&format::sig(dd, 6)]),
    };
    let cuped = (d.variance_factor < 1.0).then(|| t.math_cuped.fill([&n6(d.variance_factor)]));
    let round = t.math_round.fill([
        &n6(s.raw),
        &format::int(s.n_control),
        &format::int(s.n_treatment),
        &d.arms.to_string(),
        &format::int(s.n_total),
    ]);
    let days = match (props.traffic, props.days, props.recommended) {
        (Some((daily, share)), Some(days), Some(rec)) => Some(t.math_days.fill([
            &format::int(s.n_total),
            &format::num(daily, 2),
            &format::pct(share, 4),
            &format::int(days),
            &format::int(rec),
        ])),
        _ => None,
    };
    let steps = [
        Some(alpha_line),
        Some(z_alpha),
        Some(z_beta),
        Some(effect),
        t.math_a.get(which).map(|f| fill(f, &[&n6(a)])),
        t.math_b.get(which).map(|f| fill(f, &[&n6(b)])),
        Some(d_line),
        Some(t.math_raw.fill([&n6(s.raw)])),
        cuped,
        Some(round),
        days,
    ];
    html! {
        <details class="panel math" data-testid="math">
            <summary>{ t.math_heading }</summary>
            <ol>
                { for steps.into_iter().flatten().map(|line| html! { <li>{ line }</li> }) }
            </ol>
        </details>
    }
}
