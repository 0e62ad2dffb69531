//! Guardrails on the significance page: the editor (a block per guardrail: name, good
//! direction, margin, counts or means per group), and under the results the table of
//! each guardrail's change, non-inferiority p and verdict per comparison, with the
//! harm drawn against the margin; then the decision per comparison and its rule.

use yew::prelude::*;

use super::arm_name;
use super::results::out;
use crate::i18n::Lang;
use crate::model::analyze::decision::{decide, Decision, Reason};
use crate::model::analyze::form::{AnalyzeForm, GuardrailRow, MAX_GUARDRAILS};
use crate::model::analyze::guardrail::{check, Good, GuardrailCheck, Verdict};
use crate::model::analyze::report::Report;
use crate::model::form::Cell;
use crate::model::format;
use crate::model::stats::z_quantile;
use crate::ui::hooks::QueryForm;
use crate::ui::widgets::{
    input_error, output, AxisFormat, IntervalChart, IntervalRow, Marker, NumberField, ScrollBox,
    ValueFormat,
};

/// The parameters of a new guardrail `k`: named "Guardrail k", lower is better (as
/// for refunds and load times), counts per group.
pub fn new_guardrail(lang: Lang, k: usize) -> Vec<(&'static str, String)> {
    GuardrailRow::params(k).map_or_else(Vec::new, |ps| {
        vec![
            (
                ps[0],
                lang.texts()
                    .analyze()
                    .guard_default_name
                    .fill([&k.to_string()]),
            ),
            (ps[4], "lower".to_string()),
        ]
    })
}

/// A guardrail's name, or "Guardrail k" while it has none.
fn title(lang: Lang, g: &GuardrailRow) -> String {
    if g.name.is_empty() {
        lang.texts()
            .analyze()
            .guard_default_name
            .fill([&g.k.to_string()])
    } else {
        g.name.clone()
    }
}

/// Each guardrail's check for comparison `i`, in the order of `fields.guardrails`.
pub fn checks(fields: &AnalyzeForm, i: usize) -> Vec<Option<GuardrailCheck>> {
    let alpha = fields.input.as_ref().map_or(0.05, |x| x.alpha);
    fields
        .guardrails
        .iter()
        .map(|g| g.guardrail.as_ref().and_then(|g| check(g, i, alpha)))
        .collect()
}

/// The guardrails' editor, under the groups.
pub fn editor(lang: Lang, form: &QueryForm, fields: &AnalyzeForm) -> Html {
    let texts = lang.texts();
    let (t, p) = (texts.analyze(), texts.analyze_panels());
    let arms = fields.arms;
    let name = |i: usize| arm_name(t, &fields.names, i);
    let next = (1..=MAX_GUARDRAILS).find(|k| fields.guardrails.iter().all(|g| g.k != *k));
    let add = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(k) = next {
                form.set_many.emit(new_guardrail(lang, k));
            }
        })
    };
    let empty = Cell {
        text: String::new(),
        value: Ok(0.0),
    };
    html! {
        <fieldset data-testid="guardrails">
            <legend>{ p.guard_heading }</legend>
            <p class="field-hint">{ p.guard_intro }</p>
            { for fields.guardrails.iter().map(|g| {
                let Some(&[pname, px, pmean, psd, pgood, pmargin]) = GuardrailRow::params(g.k) else { return html! {} };
                let remove = {
                    let form = form.clone();
                    Callback::from(move |_: MouseEvent| {
                        form.set_many.emit([pname, px, pmean, psd, pgood, pmargin].iter().map(|q| (*q, String::new())).collect());
                    })
                };
                // Empty in the link reads as lower; the select shows what the page reads.
                let good = {
                    let form = form.clone();
                    Callback::from(move |e: Event| {
                        if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                            form.set.emit((pgood, s.value()));
                        }
                    })
                };
                let kind = {
                    let (form, arms) = (form.clone(), arms);
                    Callback::from(move |e: Event| {
                        let means = e.target_dyn_into::<web_sys::HtmlSelectElement>().is_some_and(|s| s.value() == "mean");
                        let blank = ",".repeat(arms.saturating_sub(1));
                        form.set_many.emit(if means {
                            vec![(px, String::new()), (pmean, blank.clone()), (psd, blank)]
                        } else {
                            vec![(pmean, String::new()), (psd, String::new()), (px, blank)]
                        });
                    })
                };
                let columns: Vec<(&'static str, &'static str, &[Cell])> = if g.means {
                    vec![(pmean, t.mean, g.mean.as_slice()), (psd, t.sd, g.sd.as_slice())]
                } else {
                    vec![(px, p.guard_count_col, g.x.as_slice())]
                };
                let title = title(lang, g);
                html! {
                    <div class="guardrail" data-testid={format!("guardrail-{}", g.k)}>
                        <NumberField form={form.clone()} name={pname} label={p.guard_name} inputmode="text"
                            error={g.name_missing().then(|| p.guard_name_missing.to_string())} />
                        <div class="field">
                            <label for={format!("f-{pgood}")}>{ p.guard_good }</label>
                            <select id={format!("f-{pgood}")} name={pgood} onchange={good}>
                                <option value="lower" selected={g.good == Good::Lower}>{ p.guard_good_options[0] }</option>
                                <option value="higher" selected={g.good == Good::Higher}>{ p.guard_good_options[1] }</option>
                            </select>
                        </div>
                        <NumberField form={form.clone()} name={pmargin} label={p.guard_margin}
                            unit={AttrValue::from(if g.means { "" } else { texts.common().points_unit })}
                            hint={AttrValue::from(p.guard_margin_hint)} error={input_error(texts.errors(), &g.margin)} />
                        <div class="field">
                            <label for={format!("f-g{}-kind", g.k)}>{ t.given_label }</label>
                            <select id={format!("f-g{}-kind", g.k)} data-testid={format!("g{}-kind", g.k)} onchange={kind}>
                                <option value="rate" selected={!g.means}>{ p.guard_kind_options[0] }</option>
                                <option value="mean" selected={g.means}>{ p.guard_kind_options[1] }</option>
                            </select>
                        </div>
                        <ScrollBox label={title.clone()}>
                            <table class="arm-editor">
                                <thead><tr>
                                    <th scope="col">{ t.arm }</th>
                                    { for columns.iter().map(|(_, label, _)| html! { <th scope="col">{ *label }</th> }) }
                                </tr></thead>
                                <tbody>
                                    { for (0..arms).map(|i| html! {
                                        <tr>
                                            <th scope="row">{ name(i) }</th>
                                            { for columns.iter().map(|(param, label, cells)| {
                                                let cell = cells.get(i).unwrap_or(&empty);
                                                let error = cell.error().map(|e| texts.field_error(&e, &name));
                                                html! {
                                                    <td class={classes!(error.is_some().then_some("invalid"))}>
                                                        <input type="text" inputmode="decimal" name={*param} data-arm={i.to_string()}
                                                            aria-label={format!("{title}, {}: {label}", name(i))} value={cell.text.clone()}
                                                            aria-invalid={error.is_some().then_some("true")} oninput={form.item_input(param, arms, i)} />
                                                        if let Some(e) = error {
                                                            <span class="cell-error" data-testid={format!("error-{param}-{i}")}>{ e }</span>
                                                        }
                                                    </td>
                                                }
                                            }) }
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </ScrollBox>
                        <button type="button" class="secondary" onclick={remove}>{ texts.common().remove.fill([&title]) }</button>
                    </div>
                }
            }) }
            if next.is_some() {
                <button type="button" class="secondary" data-testid="add-guardrail" onclick={add}>{ "+ " }{ t.guard_add }</button>
            } else {
                <p class="field-hint" data-testid="guardrails-full">{ p.guard_max }</p>
            }
        </fieldset>
    }
}

/// A guardrail's change or margin as the page writes it: points for rates.
fn amount(lang: Lang, g: &GuardrailRow, x: f64, signed: bool) -> String {
    let unit = lang.texts().common().points_unit;
    match (g.means, signed) {
        (true, true) => format::signed_sig(x, 4),
        (true, false) => format::sig(x, 4),
        (false, true) => format!("{} {unit}", format::signed_points(x)),
        (false, false) => format!("{} {unit}", format::sig(x * 100.0, 3)),
    }
}

/// Under the primary results: each guardrail per comparison, and its harm drawn
/// against its margin.
pub fn results(lang: Lang, fields: &AnalyzeForm, decided: &[Decided]) -> Html {
    if fields.guardrails.is_empty() {
        return html! {};
    }
    let texts = lang.texts();
    let (t, p) = (texts.analyze(), texts.analyze_panels());
    let name = |i: usize| arm_name(t, &fields.names, i);
    let alpha = fields.input.as_ref().map_or(0.05, |x| x.alpha);
    let z = z_quantile(1.0 - alpha);
    let title = |g: &GuardrailRow| title(lang, g);
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for d in decided {
        let i = d.arm;
        for (g, &c) in fields.guardrails.iter().zip(&d.checks) {
            let margin = g.guardrail.as_ref().map_or(f64::NAN, |x| x.margin);
            if let Some(c) = c {
                bars.push(IntervalRow {
                    label: format!("{} · {}", title(g), name(i)).into(),
                    estimate: c.harm / margin,
                    low: (c.harm - z * c.se) / margin,
                    high: Some((c.harm + z * c.se) / margin),
                    highlight: c.verdict == Verdict::NotHarmed,
                });
            }
            let verdict_text = c.map_or("—", |c| match c.verdict {
                Verdict::NotHarmed => p.guard_verdicts[0],
                Verdict::Harmed => p.guard_verdicts[1],
                Verdict::Unclear => p.guard_verdicts[2],
            });
            rows.push(html! {
                <tr class={classes!(c.is_some_and(|c| c.verdict == Verdict::Harmed).then_some("harmed"))}>
                    <th scope="row">{ title(g) }</th>
                    <td>{ name(i) }</td>
                    <td>{ output(format!("g{}-verdict-{i}", g.k), c.map(|c| f64::from(c.verdict.code())), verdict_text) }</td>
                    <td>{ match c {
                        Some(c) => output(format!("g{}-lift-abs-{i}", g.k), Some(c.lift_abs), amount(lang, g, c.lift_abs, true)),
                        None => html! { { "—" } },
                    } }</td>
                    <td>{ out(lang, format!("g{}-p-{i}", g.k), c.map(|c| c.p), ValueFormat::PValue) }</td>
                </tr>
            });
        }
    }
    html! {
        <section class="guardrail-results" data-testid="guardrail-results">
            <h3>{ p.guard_heading }</h3>
            <ScrollBox label={p.guard_heading}>
                <table class="arms">
                    <thead><tr>{ for p.guard_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </ScrollBox>
            if !bars.is_empty() {
                <IntervalChart aria_label={p.guard_chart} rows={bars} x_label={p.guard_axis} format={AxisFormat::Percent}
                    lines={vec![Marker { at: 1.0, label: p.guard_margin_line.into() }]}
                    legend={[AttrValue::from(p.guard_verdicts[0]), AttrValue::from(p.guard_legend_other)]} />
            }
            <p class="method">{ p.guard_method }</p>
        </section>
    }
}

/// One comparison's decision, its reason, and the guardrails' checks it read.
pub struct Decided {
    pub arm: usize,
    pub decision: Decision,
    pub reason: Reason,
    /// In the order of `fields.guardrails`.
    pub checks: Vec<Option<GuardrailCheck>>,
}

/// Each comparison's guardrail checks and decision, read once for the answer, the
/// guardrails' table and the decision lines.
pub fn decided(fields: &AnalyzeForm, report: &Report) -> Vec<Decided> {
    let Some(input) = fields.input.as_ref() else {
        return Vec::new();
    };
    (1..report.levels.len())
        .filter_map(|arm| {
            let checks = checks(fields, arm);
            let verdicts: Vec<Option<Verdict>> =
                checks.iter().map(|c| c.map(|c| c.verdict)).collect();
            let (decision, reason) = decide(report, arm, input.two_sided, &verdicts)?;
            Some(Decided {
                arm,
                decision,
                reason,
                checks,
            })
        })
        .collect()
}

fn decision_name(lang: Lang, d: Decision) -> &'static str {
    let names = lang.texts().analyze_panels().decision_names;
    let k = match d {
        Decision::NoVerdict => 0,
        Decision::Stop => 1,
        Decision::Ship => 2,
        Decision::Discuss => 3,
        Decision::KeepRunning => 4,
        Decision::NoEffectOfPlannedSize => 5,
    };
    names.get(k).copied().unwrap_or("")
}

/// The decisions for the answer sentence: "Decision: ship." (one variant) or each
/// variant's, named.
pub fn answer_decision(lang: Lang, fields: &AnalyzeForm, decided: &[Decided]) -> Option<String> {
    let p = lang.texts().analyze_panels();
    let named = decided.len() > 1;
    let parts: Vec<String> = decided
        .iter()
        .map(|d| {
            let name = decision_name(lang, d.decision);
            if named {
                format!(
                    "{}{}{name}",
                    arm_name(lang.texts().analyze(), &fields.names, d.arm),
                    lang.colon()
                )
            } else {
                name.to_string()
            }
        })
        .collect();
    (!parts.is_empty()).then(|| {
        p.answer_decision
            .fill([&parts.join(if lang.is_zh() { "；" } else { "; " })])
    })
}

/// The decision per comparison, with its reason, and the rule that gave it.
/// `fixed`: the page reads a fixed-horizon superiority test, the one the rule is
/// written for; otherwise the section says the answer above decides.
pub fn decisions(
    lang: Lang,
    fields: &AnalyzeForm,
    report: &Report,
    decided: &[Decided],
    fixed: bool,
) -> Html {
    let texts = lang.texts();
    let (t, p) = (texts.analyze(), texts.analyze_panels());
    if fields.input.is_none() {
        return html! {};
    }
    if !fixed {
        return html! {
            <section class="decisions" data-testid="decisions">
                <h3>{ p.decision_heading }</h3>
                <p data-testid="decision-elsewhere">{ p.decision_other_reading }</p>
            </section>
        };
    }
    let name = |i: usize| arm_name(t, &fields.names, i);
    let title = |k: usize| {
        fields
            .guardrails
            .get(k)
            .map_or(String::new(), |g| title(lang, g))
    };
    let margin_of = |k: usize| {
        fields
            .guardrails
            .get(k)
            .and_then(|g| Some(amount(lang, g, g.guardrail.as_ref()?.margin, false)))
            .unwrap_or_default()
    };
    let lines = decided.iter().filter_map(|d| {
        let (i, decision, checks) = (d.arm, d.decision, &d.checks);
        let c = report.comparison(i)?;
        let lift = c.lift_rel.map_or_else(|| format::sig(c.lift_abs, 4), |r| format::signed_pct(r, 3));
        let pv = c.p_adj.or(c.p).map_or("—".to_string(), format::p_value);
        let why = match d.reason {
            Reason::SampleRatio => p.reason_srm.fill([&report.srm_p.map_or("—".to_string(), format::p_statement)]),
            Reason::PrimaryWorse => p.reason_worse.fill([&lift, &pv]),
            Reason::GuardrailHarmed(k) => {
                let change = fields.guardrails.get(k).zip(checks.get(k).copied().flatten())
                    .map(|(g, c)| amount(lang, g, c.lift_abs, true)).unwrap_or_default();
                p.reason_harmed.fill([&title(k), &margin_of(k), &change])
            }
            Reason::PrimaryBetter if fields.guardrails.is_empty() => p.reason_ship_alone.fill([&lift, &pv]),
            Reason::PrimaryBetter => p.reason_ship.fill([&lift, &pv]),
            Reason::GuardrailUnclear(k) => p.reason_discuss.fill([&lift, &pv, &title(k), &margin_of(k)]),
            Reason::NeedsMore => p.reason_more.fill([&pv]),
            Reason::PlannedSizeReached => p.reason_planned.fill([&pv]),
        };
        let label = decision_name(lang, decision);
        Some(html! {
            <p class={classes!("decision", format!("decision-{}", decision.code()))}>
                { name(i) }{ p.decision_sep }
                { output(format!("decision-{i}"), Some(f64::from(decision.code())), html! { <strong>{ label }</strong> }) }
                { lang.colon() }{ why }
            </p>
        })
    });
    html! {
        <section class="decisions" data-testid="decisions">
            <h3>{ p.decision_heading }</h3>
            { for lines }
            <p class="method">{ p.decision_rule }</p>
        </section>
    }
}
