//! The decision per comparison, by a rule everybody can read (printed under the
//! results): evaluated in this order, the first that holds decides.
//!
//! 1. No verdict: the sample-ratio check failed (p < 0.001), the data are broken.
//! 2. Stop: the primary metric is significantly worse, or a guardrail is shown harmed.
//! 3. Ship: significantly better, and every guardrail shown not harmed.
//! 4. Discuss: significantly better, but some guardrail unclear.
//! 5. Keep running: not significant, and the plan still needs more users.
//! 6. No effect of the planned size: not significant at the planned size; stop or
//!    redesign.
//!
//! "Significantly" reads the page's own p-value (adjusted where the page adjusts) and
//! the lift's sign; a one-sided test can only be significantly better.

use super::guardrail::Verdict;
use super::report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    NoVerdict,
    Stop,
    Ship,
    Discuss,
    KeepRunning,
    NoEffectOfPlannedSize,
}

impl Decision {
    /// The spec's code (`decision-i`).
    pub fn code(self) -> i8 {
        match self {
            Decision::NoVerdict => -1,
            Decision::Stop => 0,
            Decision::KeepRunning => 1,
            Decision::Ship => 2,
            Decision::Discuss => 3,
            Decision::NoEffectOfPlannedSize => 4,
        }
    }
}

/// Why the rule decided as it did, for the sentence that gives the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    SampleRatio,
    PrimaryWorse,
    /// Guardrail k (0-based) shown harmed beyond its margin.
    GuardrailHarmed(usize),
    PrimaryBetter,
    /// Guardrail k unclear: neither shown within its margin nor beyond it.
    GuardrailUnclear(usize),
    /// Not significant and short of the planned size.
    NeedsMore,
    /// Not significant at the planned size (or beyond it).
    PlannedSizeReached,
}

/// The decision for comparison `i` of `report` with the guardrails' verdicts for it
/// (`None` where a guardrail cannot be read for this arm: unclear).
pub fn decide(
    report: &Report,
    i: usize,
    two_sided: bool,
    guardrails: &[Option<Verdict>],
) -> Option<(Decision, Reason)> {
    let c = report.comparison(i)?;
    if report.sample_ratio_mismatch() {
        return Some((Decision::NoVerdict, Reason::SampleRatio));
    }
    let better = c.significant && c.lift_abs > 0.0;
    let worse = c.significant && c.lift_abs < 0.0 && two_sided;
    let verdict = |k: usize| {
        guardrails
            .get(k)
            .copied()
            .flatten()
            .unwrap_or(Verdict::Unclear)
    };
    let harmed = (0..guardrails.len()).find(|k| verdict(*k) == Verdict::Harmed);
    let unclear = (0..guardrails.len()).find(|k| verdict(*k) == Verdict::Unclear);
    Some(if worse {
        (Decision::Stop, Reason::PrimaryWorse)
    } else if let Some(k) = harmed {
        (Decision::Stop, Reason::GuardrailHarmed(k))
    } else if better {
        match unclear {
            None => (Decision::Ship, Reason::PrimaryBetter),
            Some(k) => (Decision::Discuss, Reason::GuardrailUnclear(k)),
        }
    } else if c.running.more_visitors.is_some_and(|m| m <= 0.0) {
        (Decision::NoEffectOfPlannedSize, Reason::PlannedSizeReached)
    } else {
        (Decision::KeepRunning, Reason::NeedsMore)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze::form::{read, PARAMS};
    use crate::model::analyze::guardrail::check;
    use crate::model::analyze::report::analyze;
    use crate::model::query::Values;

    /// The decision for the first variant of a link, as the page takes it.
    fn decision(query: &str) -> (Decision, Reason) {
        let form = read(&Values::from_query(PARAMS, query));
        let input = form.input.as_ref().expect("a valid link");
        let report = analyze(input);
        let verdicts: Vec<Option<Verdict>> = form
            .guardrails
            .iter()
            .map(|g| {
                g.guardrail
                    .as_ref()
                    .and_then(|g| check(g, 1, input.alpha))
                    .map(|c| c.verdict)
            })
            .collect();
        decide(&report, 1, input.two_sided, &verdicts).expect("a comparison")
    }

    #[test]
    fn the_rule_decides_in_its_order() {
        let win = "n=10000,10000&x=500,600";
        assert_eq!(decision(win), (Decision::Ship, Reason::PrimaryBetter));
        // Refunds 3.0 % → 4.2 % against 0.5 points tolerated: shown harmed, so stop.
        let refunds = "&g1_name=refunds&g1_x=300,420&g1_margin=0.5";
        assert_eq!(
            decision(&format!("{win}{refunds}")),
            (Decision::Stop, Reason::GuardrailHarmed(0))
        );
        // 3.0 % → 3.3 %: not shown within 0.5 points yet, so discuss.
        assert_eq!(
            decision(&format!("{win}&g1_name=refunds&g1_x=300,330&g1_margin=0.5")),
            (Decision::Discuss, Reason::GuardrailUnclear(0))
        );
        // An unreadable guardrail (no margin) counts as unclear, never as shown.
        assert_eq!(
            decision(&format!("{win}&g1_name=refunds&g1_x=300,330")),
            (Decision::Discuss, Reason::GuardrailUnclear(0))
        );
        assert_eq!(
            decision("n=10000,10000&x=600,500"),
            (Decision::Stop, Reason::PrimaryWorse)
        );
        // One-sided, a loss is never significant: it is read against the plan, which
        // for 10 % of 6 % needs more users.
        assert_eq!(
            decision("n=10000,10000&x=600,500&sides=1"),
            (Decision::KeepRunning, Reason::NeedsMore)
        );
        assert_eq!(
            decision("n=1000,1000&x=50,56"),
            (Decision::KeepRunning, Reason::NeedsMore)
        );
        // 10 % of 5 % needs about 31,000 a group: 100,000 without a difference is
        // past the planned size.
        assert_eq!(
            decision("n=100000,100000&x=5000,5010"),
            (Decision::NoEffectOfPlannedSize, Reason::PlannedSizeReached)
        );
        // Sizes far from the planned split: no verdict, whatever the rest says.
        assert_eq!(
            decision(&format!("n=10000,9000&x=500,600{refunds}")),
            (Decision::NoVerdict, Reason::SampleRatio)
        );
        assert_eq!(Decision::Discuss.code(), 3);
    }
}
