//! The significance page's results: the sample-ratio check first, the verdict in plain
//! words, the tests, the Bayesian view and the charts.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::widgets::output;

use super::arm_name;
use crate::i18n::AnalyzeTexts;
use crate::i18n::Lang;
use crate::model::analyze::cumulative::DailyLifts;
use crate::model::analyze::daily::{add_days, date_text};
use crate::model::analyze::form::AnalyzeForm;
use crate::model::analyze::input::{AnalyzeInput, MarginKind};
use crate::model::analyze::report::{Comparison, Outcome, PlannedLook, Reading, Report};
use crate::model::analyze::running::{comparison_alpha, exaggeration_curve};
use crate::model::format;
use crate::ui::lang::use_lang;
use crate::ui::widgets::result::format_value;
use crate::ui::widgets::{
    AxisFormat, IntervalChart, IntervalRow, LineChart, Marker, ScrollBox, Series, ValueFormat,
};
use crate::ui::Pages;

#[derive(Properties)]
pub struct ResultsProps {
    pub report: Option<Rc<Report>>,
    /// The page's form: the report's input, the group names, the metric.
    pub fields: Rc<AnalyzeForm>,
    pub daily: Rc<Option<DailyLifts>>,
    /// Where a planned sequential test stands, read with the report.
    pub planned: Option<Rc<PlannedLook>>,
}

impl PartialEq for ResultsProps {
    // The form and report are read anew on each render and the daily data is
    // memoised: compare them by identity instead of element by element.
    fn eq(&self, other: &Self) -> bool {
        let same_report = match (&self.report, &other.report) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_report
            && Rc::ptr_eq(&self.fields, &other.fields)
            && Rc::ptr_eq(&self.daily, &other.daily)
            && self.planned == other.planned
    }
}

/// A value with the contract's `data-testid` / `data-value`, or an empty marker.
pub(super) fn out(lang: Lang, id: String, value: Option<f64>, f: ValueFormat) -> Html {
    match value.filter(|v| v.is_finite()) {
        Some(v) => {
            html! { { output(id, Some(v), format_value(lang, f, v)) } }
        }
        None => html! { <output data-testid={id}>{ "—" }</output> },
    }
}

const SERIES: [&str; 4] = ["s1", "s2", "s3", "s4"];

/// The sentences of the page: the one-line answer and each variant's verdict.
struct Wording<'a> {
    lang: Lang,
    texts: &'static AnalyzeTexts,
    report: &'a Report,
    input: &'a AnalyzeInput,
    names: &'a [String],
    continuous: bool,
    /// The analysis the reader chose, which the answer follows.
    reading: Reading,
}

impl Wording<'_> {
    fn name(&self, i: usize) -> String {
        arm_name(self.texts, self.names, i)
    }

    fn lift(&self, x: f64) -> String {
        format_value(self.lang, lift_format(self.continuous), x)
    }

    fn rel(&self, x: f64) -> String {
        format_value(self.lang, ValueFormat::SignedPercent, x)
    }

    /// Interval ends without their unit, which the sentence gives once.
    fn bare(&self, x: f64) -> String {
        format_value(self.lang, bare_format(self.continuous), x)
    }

    /// A p-value in a sentence: "p = 0.0583, adjusted for 2 comparisons".
    fn p_text(&self, c: &Comparison) -> Option<String> {
        let p = c.p_shown()?;
        let mut text = format::p_statement(p);
        if c.p_adj.is_some() {
            let k = self.report.comparisons.iter().flatten().count();
            // A Chinese sentence takes the full-width comma.
            let comma = if self.lang.is_zh() { "，" } else { ", " };
            text = format!(
                "{text}{comma}{}",
                self.texts.verdict_adjusted.fill([&k.to_string()])
            );
        }
        Some(text)
    }

    fn verdict(&self, i: usize, c: &Comparison) -> Vec<String> {
        let (t, input) = (self.texts, self.input);
        let alpha_text = format::pct(input.alpha, 3);
        let Some(p_text) = self.p_text(c) else {
            return vec![t.verdict_undefined.fill([&self.name(i)])];
        };
        let headline = match c.outcome() {
            Outcome::Better => t.verdict_better,
            Outcome::Worse => t.verdict_worse,
            Outcome::NoDifference | Outcome::Undefined => t.verdict_none,
        };
        let unit = if self.continuous { "" } else { t.points_suffix };
        let mut headline = headline.fill([&self.name(i), &alpha_text, &p_text]);
        // With a sequential plan or always-valid results this reading is not the one
        // that decides: say so before it.
        if matches!(
            self.reading,
            Reading::Planned { .. } | Reading::AlwaysValid { .. }
        ) {
            headline = format!("{}{headline}", t.fixed_reading_label);
        }
        let mut lines = vec![headline];
        let level = format::pct(1.0 - input.alpha, 3);
        let compared = self.report.comparisons.iter().flatten().count();
        lines.push(match (c.ci.high, c.rel_ci) {
            (Some(high), rel) => {
                let ends = [
                    self.bare(c.ci.low),
                    self.bare(high),
                    rel.map_or_else(|| "—".to_string(), |r| self.rel(r.low)),
                    rel.and_then(|r| r.high)
                        .map_or_else(|| "—".to_string(), |h| self.rel(h)),
                    unit.to_string(),
                    level.clone(),
                ];
                let [a, b, c2, d, e, f] = ends.each_ref().map(String::as_str);
                if c.p_adj.is_some() {
                    t.verdict_interval_unadjusted
                        .fill([a, b, c2, d, e, f, &compared.to_string()])
                } else {
                    t.verdict_interval.fill([a, b, c2, d, e, f])
                }
            }
            (None, _) => t.verdict_interval_one.fill([&self.lift(c.ci.low), &level]),
        });
        if let Some(m) = c.mde.filter(|_| !c.significant) {
            let control = self.report.levels.first().copied().unwrap_or(f64::NAN);
            let rel = c
                .mde_rel(control)
                .map_or_else(|| "—".to_string(), |x| self.rel(x));
            let power = input
                .plan
                .power
                .map_or_else(String::new, |p| format::pct(p, 3));
            lines.push(t.verdict_mde.fill([&self.lift(m), &rel, &power]));
        }
        let r = c.running;
        if let (true, Some(fpr), Some(s), Some(x), Some(win)) = (
            c.significant,
            r.false_positive_risk,
            r.type_s,
            r.exaggeration,
            input.plan.win_rate,
        ) {
            lines.push(t.verdict_believe.fill([
                &format::pct(fpr, 2),
                &format::pct(win, 3),
                &format::pct(s, 2),
                &format::sig(x, 2),
            ]));
        }
        if let (Some(prob), Some(loss)) = (c.prob_beat, c.loss) {
            let mut line = t.verdict_bayes.fill([
                &self.name(i),
                &format::pct(prob, 3),
                &format_value(self.lang, ValueFormat::Points, loss),
            ]);
            // The probability and the p-value tell one story; say how where they
            // seem to disagree (a high chance beside "not significant"), for the
            // plain test (an adjusted p-value has its own threshold).
            if c.p_adj.is_none() && !c.significant && !(0.1..=0.9).contains(&prob) {
                let test = (if input.two_sided {
                    t.test_two_sided
                } else {
                    t.test_one_sided
                })
                .fill([&alpha_text]);
                let threshold = format::pct(
                    1.0 - if input.two_sided {
                        input.alpha / 2.0
                    } else {
                        input.alpha
                    },
                    3,
                );
                line.push_str(self.lang.gap());
                line.push_str(&t.verdict_bayes_agrees.fill([&test, &threshold]));
            }
            // With several groups the chance is still one pair's own: say so, so
            // that 96.8 % beside "not significant" reads as it should.
            let compared = self.report.comparisons.len().saturating_sub(1);
            if compared > 1 {
                let note = if c.p_adj.is_some() {
                    t.verdict_bayes_unadjusted
                } else {
                    t.verdict_bayes_none_adjusted
                };
                line.push_str(self.lang.gap());
                line.push_str(&note.fill([&compared.to_string()]));
            }
            lines.push(line);
        }
        lines
    }

    /// The one sentence above everything: the sample-ratio alarm first, otherwise the
    /// variant with the strongest evidence.
    fn answer(&self) -> String {
        let t = self.texts;
        let report = self.report;
        if let Some(p) = report.srm_p.filter(|_| report.sample_ratio_mismatch()) {
            return t.answer_srm.fill([&format::p_statement(p)]);
        }
        // Statistics to two decimals, trailing zero kept (2.50 against 3.84), as
        // boundaries are printed in tables.
        let z_text = |z: f64| format!("{:.2}", z.abs());
        match &self.reading {
            Reading::Planned {
                look,
                arm,
                z,
                crossed,
            } => {
                let fraction = format::pct(look.fraction, 3);
                let (name, boundary) = (self.name(*arm), z_text(look.boundary));
                let comparison = report.comparison(*arm);
                let (base, more) = if *crossed {
                    let [better, worse] = t.plan_direction;
                    let direction = if *z < 0.0 { worse } else { better };
                    let believe = comparison
                        .filter(|_| *z > 0.0)
                        .and_then(|c| self.believe_sentence(&c));
                    (
                        t.plan_answer_stop.fill([
                            &fraction,
                            &name,
                            &z_text(*z),
                            &boundary,
                            direction,
                        ]),
                        believe,
                    )
                } else if look.fraction < 1.0 {
                    let p = comparison
                        .and_then(|c| c.p_shown())
                        .map_or_else(|| "—".to_string(), format::p_value);
                    (
                        t.plan_answer_continue
                            .fill([&fraction, &name, &z_text(*z), &boundary, &p]),
                        self.more_sentence(true),
                    )
                } else {
                    (
                        t.plan_answer_final
                            .fill([&fraction, &name, &z_text(*z), &boundary]),
                        None,
                    )
                };
                return self.joined(base, more);
            }
            Reading::AlwaysValid {
                arm,
                result,
                significant,
            } => {
                let (template, more) = match (*significant, result.low > 0.0, result.high < 0.0) {
                    (true, true, _) => (
                        t.av_answer_better,
                        report
                            .comparison(*arm)
                            .and_then(|c| self.believe_sentence(&c)),
                    ),
                    (true, _, true) => (t.av_answer_worse, None),
                    _ => (t.av_answer_none, self.more_sentence(false)),
                };
                let base = template.fill([
                    &self.name(*arm),
                    &format::p_value(result.p),
                    &self.lift(result.low),
                    &self.lift(result.high),
                ]);
                return self.joined(base, more);
            }
            Reading::Margin {
                kind,
                margin,
                arm,
                test,
            } => {
                let [ni_shown, ni_open, eq_shown, eq_open] = t.margin_answer;
                let template = match (kind, test.shown) {
                    (MarginKind::NonInferiority, true) => ni_shown,
                    (MarginKind::NonInferiority, false) => ni_open,
                    (MarginKind::Equivalence, true) => eq_shown,
                    (MarginKind::Equivalence, false) => eq_open,
                };
                let amount = if self.continuous {
                    format::sig(*margin, 4)
                } else {
                    format!(
                        "{} {}",
                        format::sig(margin * 100.0, 3),
                        self.lang.texts().common().points_unit
                    )
                };
                return template.fill([&self.name(*arm), &amount, &format::p_value(test.p)]);
            }
            Reading::Fixed => {}
        }
        match report.strongest() {
            Some((i, c)) => {
                let template = match c.outcome() {
                    Outcome::Better => t.answer_better,
                    Outcome::Worse => t.answer_worse,
                    Outcome::NoDifference | Outcome::Undefined => t.answer_none,
                };
                let answer = template.fill([
                    &self.name(i),
                    &self.lift(c.lift_abs),
                    &c.lift_rel.map_or_else(|| "—".to_string(), |x| self.rel(x)),
                    &self.p_text(c).unwrap_or_default(),
                ]);
                self.joined(answer, self.running_sentences(c))
            }
            None => t.answer_undefined.to_string(),
        }
    }

    /// `base` followed by each of `more`, a sentence apart.
    fn joined(&self, mut base: String, more: impl IntoIterator<Item = String>) -> String {
        for sentence in more {
            base.push_str(self.lang.gap());
            base.push_str(&sentence);
        }
        base
    }

    /// What a running test still needs (when not significant) or how far to believe
    /// it (when it is), in the answer's order.
    fn running_sentences(&self, c: &Comparison) -> Vec<String> {
        match c.outcome() {
            Outcome::NoDifference => [self.need_sentence(), self.more_sentence(false)]
                .into_iter()
                .flatten()
                .collect(),
            Outcome::Better => self.believe_sentence(c).into_iter().collect(),
            Outcome::Worse | Outcome::Undefined => Vec::new(),
        }
    }

    /// The conversions the arm closest to winning still needs out of its visitors
    /// (rates only: a mean has no count to wait for).
    fn need_sentence(&self) -> Option<String> {
        let t = self.texts;
        let (i, b) = self
            .report
            .compared()
            .max_by(|a, b| a.1.lift_abs.total_cmp(&b.1.lift_abs))
            .filter(|(_, b)| !self.continuous && b.lift_abs > 0.0)?;
        Some(match b.running.need_more {
            Some(k) => t.answer_need.fill([
                &self.name(i),
                &format::big_count(k as f64, self.lang.is_zh()),
            ]),
            None => t.answer_need_never.fill([&self.name(i)]),
        })
    }

    /// The days (with `daily`) or visitors per group still to come: to the planned
    /// power, or under a planned sequential test (`to_plan`) to its maximum sample.
    fn more_sentence(&self, to_plan: bool) -> Option<String> {
        let (t, plan) = (self.texts, self.input.plan);
        let (power, mde) = (format::pct(plan.power?, 3), format::pct(plan.mde_rel?, 3));
        let more = self.report.more_visitors?;
        let visitors = format::big_count(more, self.lang.is_zh());
        Some(match (more <= 0.0, self.report.more_days, to_plan) {
            (true, _, false) => t.answer_sized.fill([&power, &mde]),
            (true, _, true) => return None,
            (false, Some(days), false) => t.answer_more_days.fill([
                &format::days(days as f64, self.lang.is_zh()),
                &power,
                &mde,
            ]),
            (false, None, false) => t.answer_more_visitors.fill([&visitors, &power, &mde]),
            (false, Some(days), true) => t
                .answer_plan_days
                .fill([&format::days(days as f64, self.lang.is_zh())]),
            (false, None, true) => t.answer_plan_visitors.fill([&visitors]),
        })
    }

    /// How far to believe a significant win: the false-positive risk at the team's
    /// win rate and the exaggeration at this power, in words.
    fn believe_sentence(&self, c: &Comparison) -> Option<String> {
        let r = c.running;
        let (fpr, x, win) = (
            r.false_positive_risk?,
            r.exaggeration?,
            self.input.plan.win_rate?,
        );
        Some(self.texts.answer_believe.fill([
            &format::pct(win, 3),
            &format::pct(fpr, 2),
            &format::sig(x, 2),
        ]))
    }
}

fn lift_format(continuous: bool) -> ValueFormat {
    if continuous {
        ValueFormat::SignedNumber
    } else {
        ValueFormat::SignedPoints
    }
}

fn bare_format(continuous: bool) -> ValueFormat {
    if continuous {
        ValueFormat::SignedNumber
    } else {
        ValueFormat::SignedPointsNumber
    }
}

/// Every comparison with control, as (arm index, comparison).
fn comparisons(report: &Report) -> Vec<(usize, Comparison)> {
    report.compared().map(|(i, c)| (i, *c)).collect()
}

#[component]
pub fn Results<P: Pages>(props: &ResultsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.analyze();
    let names = &props.fields.names;
    let name = |i: usize| arm_name(texts.analyze(), names, i);
    let (Some(report), Some(input)) = (props.report.as_deref(), props.fields.input.as_ref()) else {
        return html! {
            <section class="outputs" aria-live="polite">
                <h2>{ t.results_heading }</h2>
                <p class="blocked">{ texts.app().cannot_compute }</p>
            </section>
        };
    };
    let continuous = props.fields.continuous;
    let look = props.planned.as_deref().cloned();
    let words = Wording {
        lang,
        texts: texts.analyze(),
        report,
        input,
        names,
        continuous,
        reading: Reading::of(report, input, look),
    };
    let comparisons = comparisons(report);
    // Guardrails and decisions are the full module's.
    let decided = if P::FULL {
        super::guardrails::decided(&props.fields, report)
    } else {
        Vec::new()
    };
    html! {
        <section class="outputs" aria-live="polite">
            <h2>{ t.results_heading }</h2>
            <p class="answer" data-testid="answer">
                { words.answer() }
                // The rule reads a fixed-horizon test: under a plan, always-valid
                // results or a margin the answer above is that analysis's own.
                if P::FULL && words.reading == Reading::Fixed {
                    if let Some(d) = super::guardrails::answer_decision(lang, &props.fields, &decided) {
                        { lang.gap() }{ d }
                    }
                }
            </p>
            // Ratios are read by the full module only (a first-visit module hands them over).
            if P::FULL {
                { for (0..props.fields.ratios.len()).filter_map(|i| {
                let (k, e) = props.fields.doubt(i)?;
                let column = t.sum_cols.get(k).copied().unwrap_or("");
                let why = format!("{column}{}{}", lang.colon(), texts.errors().sums_error(e));
                Some(html! { <p class="field-error" role="status" data-testid={format!("ratio-doubt-{i}")}>{ texts.analyze_panels().ratio_inconsistent.fill([&name(i), &why]) }</p> })
            }) }
            }
            if let Some(p) = report.srm_p {
                <div class={classes!("srm", report.sample_ratio_mismatch().then_some("alarm"))} role={report.sample_ratio_mismatch().then_some("alert")}>
                    <span>{ t.srm_label }{ lang.gap() }</span>
                    { output("srm-p", Some(p), format::p_statement(p)) }
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
                        { for words.verdict(*i, c).into_iter().map(|line| html! { <p>{ line }</p> }) }
                    </div>
                }) }
            </div>

            <h3>{ t.freq_heading }</h3>
            { group_table_view(&TableProps { report: report.clone(), names: names.clone(), continuous, ratio: props.fields.ratio, adjusted: props.fields.cuped.is_some() }, lang) }
            <IntervalChart aria_label={t.forest_label} legend={[AttrValue::from(t.forest_significant), AttrValue::from(t.forest_not)]}
                x_label={if continuous { t.difference_axis } else { t.lift_axis }}
                format={if continuous { AxisFormat::Number } else { AxisFormat::Points }}
                rows={comparisons.iter().map(|(i, c)| IntervalRow {
                    label: name(*i).into(), estimate: c.lift_abs, low: c.ci.low, high: c.ci.high, highlight: c.significant,
                }).collect::<Vec<_>>()} />

            if P::FULL {
                { super::guardrails::results(lang, &props.fields, &decided) }
                { super::guardrails::decisions(lang, &props.fields, report, &decided, words.reading == Reading::Fixed) }
            }
            { running_view(lang, report, &props.fields, props.daily.as_ref().as_ref().filter(|_| P::FULL)) }

            if !continuous {
                <h3>{ t.bayes_heading }</h3>
                { bayes_view_view(&TableProps { report: report.clone(), names: names.clone(), continuous: false, ratio: false, adjusted: false }, lang) }
            }
            // Only the full module reads daily files (a first-visit module hands them over).
            if let Some(d) = props.daily.as_ref().as_ref().filter(|d| P::FULL && !d.cumulative.is_empty()) {
                <h3>{ t.cumulative_label }</h3>
                <LineChart aria_label={t.cumulative_label} x_label={t.day_axis} y_label={t.lift_axis}
                    band_label={AttrValue::from(t.band_label)}
                    x_format={AxisFormat::Int} y_format={AxisFormat::Points}
                    band={(d.cumulative.len() == 1).then(|| d.cumulative.first().map(|s| (
                        s.iter().map(|p| (p.day as f64, p.high)).collect(),
                        s.iter().map(|p| (p.day as f64, p.low)).collect(),
                    ))).flatten()}
                    series={d.cumulative.iter().enumerate().map(|(i, s)| Series {
                        label: d.daily.arms.get(i + 1).cloned().unwrap_or_default().into(),
                        points: s.iter().map(|p| (p.day as f64, p.lift)).collect(),
                        class: SERIES.get(i % SERIES.len()).copied().unwrap_or("s1"),
                    }).chain(always_valid_lines(lang, d)).collect::<Vec<_>>()}
                    dots={first_days(lang, d)} />
            }

            <section class="misreadings">
                <h3>{ t.misreadings_heading }</h3>
                <ul>{ for t.misreadings.iter().map(|m| html! { <li>{ *m }</li> }) }</ul>
            </section>
            if props.fields.ratio && P::FULL {
                { ratio_method(lang) }
            } else {
                <p class="method">{ if continuous { t.method_continuous } else { t.method_binary } }</p>
            }
        </section>
    }
}

/// With one treatment and `seq=always`: the always-valid interval's edges day by day.
fn always_valid_lines(lang: Lang, d: &DailyLifts) -> Vec<Series> {
    let t = lang.texts().analyze();
    let Some(s) = d.cumulative.first().filter(|_| d.cumulative.len() == 1) else {
        return Vec::new();
    };
    if s.iter().all(|p| p.always_valid.is_none()) {
        return Vec::new();
    }
    let edge = |f: fn((f64, f64)) -> f64| -> Vec<(f64, f64)> {
        s.iter()
            .filter_map(|p| p.always_valid.map(|av| (p.day as f64, f(av))))
            .collect()
    };
    vec![
        Series {
            label: t.av_band.into(),
            points: edge(|a| a.0),
            class: "s3",
        },
        Series {
            label: t.av_band.into(),
            points: edge(|a| a.1),
            class: "s3",
        },
    ]
}

/// The first day each interval leaves out 0: when a naive daily check, and an
/// always-valid one, would have declared a winner.
fn first_days(lang: Lang, d: &DailyLifts) -> Vec<Series> {
    let t = lang.texts().analyze();
    let Some(s) = d.cumulative.first().filter(|_| d.cumulative.len() == 1) else {
        return Vec::new();
    };
    let excludes = |low: f64, high: f64| low > 0.0 || high < 0.0;
    let fixed = s.iter().find(|p| excludes(p.low, p.high));
    let av = s
        .iter()
        .find(|p| p.always_valid.is_some_and(|(l, h)| excludes(l, h)));
    let mut out = Vec::new();
    if let Some(p) = fixed {
        out.push(Series {
            label: t.first_fixed.into(),
            points: vec![(p.day as f64, p.lift)],
            class: "s2",
        });
    }
    if let Some(p) = av {
        out.push(Series {
            label: t.first_av.into(),
            points: vec![(p.day as f64, p.lift)],
            class: "s3",
        });
    }
    out
}

/// Per comparison: what the test could detect now, what it still needs and how far
/// to believe a win; then the days to the planned power.
fn running_view(
    lang: Lang,
    report: &Report,
    fields: &AnalyzeForm,
    daily: Option<&DailyLifts>,
) -> Html {
    let (names, continuous) = (&fields.names, fields.continuous);
    let Some(input) = fields.input.as_ref() else {
        return Html::default();
    };
    // With a daily CSV the days still to come start from its last day, and without
    // `daily` they go at the file's own traffic (which the page put in the plan).
    let file = daily.map(|d| &d.daily);
    let to_date = file
        .and_then(|f| f.last_date())
        .zip(report.more_days.filter(|d| *d > 0))
        .map(|(last, days)| (date_text(add_days(last, days)), date_text(last)));
    let file_rate = input
        .plan
        .daily
        .filter(|_| file.is_some() && fields.daily.is_none());
    let texts = lang.texts();
    let t = texts.analyze();
    let comparisons = comparisons(report);
    let shrunk = input.plan.prior_sd.is_some();
    let (alpha, _) = comparison_alpha(input);
    let level = if continuous {
        ValueFormat::Number
    } else {
        ValueFormat::Points
    };
    html! { <>
        <h3 id="running">{ t.running_table_heading }</h3>
        <ScrollBox label={t.running_table_heading}>
            <table class="arms running-test" data-testid="running">
                <thead><tr>
                    <th scope="col">{ t.arm }</th>
                    <th scope="col">{ t.col_mde_post }</th>
                    if !continuous {
                        <th scope="col">{ t.col_need_conv }</th>
                        <th scope="col">{ t.col_need_more }</th>
                    }
                    <th scope="col">{ t.col_more_n }</th>
                    <th scope="col">{ t.col_fpr }</th>
                    <th scope="col">{ t.col_type_s }</th>
                    <th scope="col">{ t.col_exaggeration }</th>
                    if shrunk { <th scope="col">{ t.col_shrunk }</th> }
                </tr></thead>
                <tbody>
                    { for comparisons.iter().map(|(i, c)| {
                        let r = c.running;
                        let count = |v: Option<u64>| v.map(|v| v as f64);
                        html! {
                            <tr>
                                <th scope="row">{ arm_name(t, names, *i) }</th>
                                <td>{ out(lang, format!("mde-post-{i}"), c.mde, level) }</td>
                                if !continuous {
                                    <td>{ out(lang, format!("need-conv-{i}"), count(r.need_conversions), ValueFormat::Count) }</td>
                                    <td>{ out(lang, format!("need-more-{i}"), count(r.need_more), ValueFormat::Count) }</td>
                                }
                                <td>{ out(lang, format!("more-n-{i}"), r.more_visitors, ValueFormat::Count) }</td>
                                <td>{ out(lang, format!("fpr-{i}"), r.false_positive_risk, ValueFormat::Percent) }</td>
                                <td>{ out(lang, format!("type-s-{i}"), r.type_s, ValueFormat::Percent) }</td>
                                <td>{ out(lang, format!("exaggeration-{i}"), r.exaggeration, ValueFormat::Ratio) }</td>
                                if shrunk {
                                    <td>{ out(lang, format!("lift-shrunk-{i}"), r.lift_shrunk, ValueFormat::SignedPercent) }</td>
                                }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </ScrollBox>
        { exaggeration_chart(lang, input, &comparisons, names) }
        if input.plan.daily.is_some() {
            <p class="more-days">{ t.more_days_label }{ lang.gap() }
                { out(lang, "more-days".to_string(), report.more_days.map(|d| d as f64), ValueFormat::Days) }
                if let Some((end, last)) = to_date {
                    { lang.gap() }<span data-testid="more-days-to">{ t.more_days_to.fill([&end, &last]) }</span>
                }
                if let Some(rate) = file_rate {
                    { lang.gap() }{ t.traffic_from_file.fill([&format::count(rate.round())]) }
                }
            </p>
        }
        if alpha < input.alpha {
            <p class="field-hint">{ t.running_alpha_note.fill([&format::pct(alpha, 3)]) }</p>
        }
        <p class="method">{ t.running_method }</p>
    </> }
}

/// Exaggeration against power, with each comparison's point: where this test sits
/// on the curve, and the planned power marked. Absent when no comparison has its
/// power for the planned lift.
fn exaggeration_chart(
    lang: Lang,
    input: &AnalyzeInput,
    comparisons: &[(usize, Comparison)],
    names: &[String],
) -> Html {
    let t = lang.texts().analyze();
    let points: Vec<Series> = comparisons
        .iter()
        .filter_map(|(i, c)| {
            let (power, x) = (c.running.power?, c.running.exaggeration?);
            Some(Series {
                label: arm_name(t, names, *i).into(),
                points: vec![(power, x)],
                // The curve is s1; the arms take the other colours in turn.
                class: SERIES
                    .get(1 + i.saturating_sub(1) % 3)
                    .copied()
                    .unwrap_or("s2"),
            })
        })
        .collect();
    let Some(lowest) = points
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .reduce(f64::min)
    else {
        return Html::default();
    };
    let (_, z) = comparison_alpha(input);
    let curve = Series {
        label: t.exaggeration_curve.into(),
        points: exaggeration_curve(z, input.two_sided, lowest),
        class: "s1",
    };
    html! {
        <LineChart aria_label={t.exaggeration_chart} x_label={t.exaggeration_x} y_label={t.exaggeration_y}
            x_format={AxisFormat::Percent} y_format={AxisFormat::Number} series={vec![curve]} dots={points}
            x_marker={input.plan.power.map(|p| Marker { at: p, label: t.exaggeration_plan.fill([&format::pct(p, 3)]).into() })} />
    }
}

/// How ratios are tested, why per user, and the query that gives the sums.
fn ratio_method(lang: Lang) -> Html {
    let t = lang.texts().analyze_panels();
    html! {
        <div class="method" data-testid="ratio-method">
            <p>{ t.ratio_method }</p>
            <p>{ t.ratio_sql_intro }</p>
            <pre><code>{ RATIO_SQL }</code></pre>
        </div>
    }
}

/// The warehouse query behind a ratio's sums, for an orders table with one row per
/// order: first per user, then per group.
const RATIO_SQL: &str = "-- 客单价 (GMV per order) per user, then summed per group
WITH per_user AS (
  SELECT a.user_id, a.group_name,
         COALESCE(SUM(o.gmv), 0)      AS num,   -- the user's GMV
         COUNT(o.order_id)            AS den    -- the user's orders
  FROM assignments a
  LEFT JOIN orders o ON o.user_id = a.user_id AND o.paid_at >= a.assigned_at
  GROUP BY a.user_id, a.group_name
)
SELECT group_name,
       COUNT(*)       AS n,
       SUM(num)       AS num,    SUM(num * num) AS num2,
       SUM(den)       AS den,    SUM(den * den) AS den2,
       SUM(num * den) AS numden
FROM per_user
GROUP BY group_name;";

struct TableProps {
    report: Report,
    names: Vec<String>,
    continuous: bool,
    /// Ratios of per-user sums: the level is `ratio-i`, and the relative lift has
    /// its own p-value (`p-rel-i`).
    ratio: bool,
    /// CUPED: the level is the adjusted mean (`mean-adj-i`), and the relative lift
    /// has its own p-value as for ratios.
    adjusted: bool,
}

/// Each group's level, lift, intervals and p-values.
fn group_table_view(props: &TableProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.analyze();
    let (report, continuous, adjusted) = (&props.report, props.continuous, props.adjusted);
    let ratio = props.ratio || adjusted;
    let name = |i: usize| arm_name(texts.analyze(), &props.names, i);
    let many = report
        .comparisons
        .iter()
        .flatten()
        .any(|c| c.p_adj.is_some());
    let (lift_format, bare_format) = (lift_format(continuous), bare_format(continuous));
    let level_format = if continuous {
        ValueFormat::Number
    } else {
        ValueFormat::Percent
    };
    let unit = if continuous { "" } else { t.points_suffix };
    // The columns a reader decides on first (the relative lift with its interval, p
    // and adjusted p), so they stay beside the group's name on a phone and with three
    // groups at 1366 px; the level, the absolute lift and the exact test after them.
    html! {
    <ScrollBox label={t.freq_heading}>
        <table class="arms decide">
            <thead><tr>
                <th scope="col">{ t.arm }</th>
                <th scope="col">{ t.lift_rel }<span class="th-sub">{ t.rel_ci_col }</span></th>
                <th scope="col">{ t.p }</th>
                if ratio { <th scope="col">{ t.p_rel }</th> }
                if many { <th scope="col">{ t.p_adj }</th> }
                <th scope="col">{ match (props.ratio, adjusted, continuous) { (true, ..) => t.ratio_col, (_, true, _) => t.mean_adj_col, (_, _, true) => t.mean, _ => texts.common().conversion_rate } }</th>
                <th scope="col">{ t.lift_abs }<span class="th-sub">{ t.ci_col }</span></th>
                if continuous { <th scope="col">{ t.df }</th> } else { <th scope="col">{ t.p_fisher }</th> }
            </tr></thead>
            <tbody>
                { for report.levels.iter().enumerate().map(|(i, level)| {
                    let c = report.comparison(i);
                    let level_id = match (props.ratio, adjusted, continuous) {
                        (true, ..) => format!("ratio-{i}"),
                        (_, true, _) => format!("mean-adj-{i}"),
                        (_, _, true) => format!("mean-{i}"),
                        _ => format!("rate-{i}"),
                    };
                    let level_cell = html! { <td>{ out(lang, level_id, Some(*level), level_format) }</td> };
                    html! {
                        <tr class={classes!(c.is_some_and(|c| c.significant).then_some("significant"))}>
                            <th scope="row">{ name(i) }</th>
                            if let Some(c) = c {
                                <td class="lift">
                                    <span class="lift-value">{ out(lang, format!("lift-rel-{i}"), c.lift_rel, ValueFormat::SignedPercent) }</span>
                                    <span class="interval">
                                        if let Some(rel) = c.rel_ci {
                                            { "[" }{ out(lang, format!("rel-ci-low-{i}"), Some(rel.low), ValueFormat::SignedPercent) }{ ", " }
                                            if rel.high.is_some() { { out(lang, format!("rel-ci-high-{i}"), rel.high, ValueFormat::SignedPercent) } } else { { "∞" } }{ "]" }
                                        } else { { "—" } }
                                    </span>
                                </td>
                                <td>{ out(lang, format!("p-{i}"), c.p, ValueFormat::PValue) }</td>
                                if ratio { <td>{ out(lang, format!("p-rel-{i}"), c.p_rel, ValueFormat::PValue) }</td> }
                                if many { <td>{ out(lang, format!("p-adj-{i}"), c.p_adj, ValueFormat::PValue) }</td> }
                                { level_cell }
                                <td class="lift">
                                    <span class="lift-value">{ out(lang, format!("lift-abs-{i}"), Some(c.lift_abs), lift_format) }</span>
                                    <span class="interval">
                                        { "[" }{ out(lang, format!("ci-low-{i}"), Some(c.ci.low), bare_format) }{ ", " }
                                        if c.ci.high.is_some() { { out(lang, format!("ci-high-{i}"), c.ci.high, bare_format) } } else { { "∞" } }{ "]" }{ unit }
                                    </span>
                                </td>
                                if continuous {
                                    <td>{ out(lang, format!("df-{i}"), c.df, ValueFormat::Number) }</td>
                                } else {
                                    <td>{ out(lang, format!("p-fisher-{i}"), c.p_fisher, ValueFormat::PValue) }</td>
                                }
                            } else {
                                <td colspan={(2 + usize::from(many) + usize::from(ratio)).to_string()} class="baseline-note">{ t.baseline_row }</td>
                                { level_cell }
                                <td colspan="2"></td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    </ScrollBox>
    }
}

/// Chance to beat control, expected loss, credible interval and the posteriors.
fn bayes_view_view(props: &TableProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.analyze();
    let report = &props.report;
    let name = |i: usize| arm_name(texts.analyze(), &props.names, i);
    let comparisons = comparisons(report);
    let bare = |x: f64| format_value(lang, bare_format(false), x);
    let unit = t.points_suffix;
    html! { <>
    <ScrollBox label={t.bayes_heading}>
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
    </ScrollBox>
    if !report.posteriors.is_empty() {
        <LineChart aria_label={t.posterior_label} x_label={t.rate_axis} y_label={t.density_axis}
            x_format={AxisFormat::Percent} y_format={AxisFormat::Number}
            series={report.posteriors.iter().enumerate().map(|(i, pts)| Series {
                label: name(i).into(), points: pts.clone(), class: SERIES.get(i % SERIES.len()).copied().unwrap_or("s1"),
            }).collect::<Vec<_>>()} />
    }
    </> }
}
