//! Guardrail metrics: a metric the change must not make worse by more than a margin
//! (退款率, 客单价, 毛利/访客, 页面加载时间), measured over the same users as the
//! primary metric. Each comparison gets the harm (the change in the bad direction),
//! the non-inferiority p-value of "harm below the margin" (the z-test the page's
//! `test=noninferiority` runs, `margin::margin_test`) and a verdict.

use super::input::{Arm, MarginKind};
use super::margin::{difference, margin_test};
use crate::model::stats::normal_sf;

/// Which direction of the guardrail is good.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Good {
    Higher,
    Lower,
}

/// One guardrail over the page's arms, checked: `margin` in the lift's units (a
/// fraction for rates).
#[derive(Clone, Debug, PartialEq)]
pub struct Guardrail {
    pub good: Good,
    pub margin: f64,
    pub arms: Vec<Arm>,
}

/// What the guardrail says about one comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Shown not to harm by more than the margin (`1`).
    NotHarmed,
    /// Shown to harm beyond the margin (`-1`).
    Harmed,
    /// Neither (`0`).
    Unclear,
}

impl Verdict {
    /// The spec's code: `1`, `-1` or `0`.
    pub fn code(self) -> i8 {
        match self {
            Verdict::NotHarmed => 1,
            Verdict::Harmed => -1,
            Verdict::Unclear => 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GuardrailCheck {
    /// Arm minus control.
    pub lift_abs: f64,
    /// The change in the bad direction: `lift_abs` when lower is good, its negative
    /// when higher is good.
    pub harm: f64,
    /// Its unpooled standard error.
    pub se: f64,
    /// `1 − Φ((margin − harm) / se)`: small when the harm is shown below the margin.
    pub p: f64,
    pub verdict: Verdict,
}

/// Guardrail `g` for arm `i` against control at `alpha`; `None` when the arm is
/// missing or the change has no spread.
pub fn check(g: &Guardrail, i: usize, alpha: f64) -> Option<GuardrailCheck> {
    let (control, arm) = (*g.arms.first()?, *g.arms.get(i)?);
    // Harm below the margin is the non-inferiority test of the good direction: with
    // lower good, the roles swap so that "worse" is a rise.
    let (lift_abs, se) = difference(control, arm);
    let test = match g.good {
        Good::Higher => margin_test(control, arm, MarginKind::NonInferiority, g.margin, alpha),
        Good::Lower => margin_test(arm, control, MarginKind::NonInferiority, g.margin, alpha),
    }?;
    let harm = match g.good {
        Good::Higher => -lift_abs,
        Good::Lower => lift_abs,
    };
    let beyond = normal_sf((harm - g.margin) / se);
    let verdict = if test.shown {
        Verdict::NotHarmed
    } else if beyond < alpha {
        Verdict::Harmed
    } else {
        Verdict::Unclear
    };
    Some(GuardrailCheck {
        lift_abs,
        harm,
        se,
        p: test.p,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refunds(control: f64, arm: f64, n: f64, margin_points: f64) -> Guardrail {
        Guardrail {
            good: Good::Lower,
            margin: margin_points / 100.0,
            arms: vec![Arm::Binary { n, x: control }, Arm::Binary { n, x: arm }],
        }
    }

    #[test]
    fn verdicts_match_statsmodels_wald_tests_against_the_margin() {
        // statsmodels test_proportions_2indep(arm, n, control, n, value=0.005,
        // compare="diff", alternative="smaller", method="wald").
        let c = check(&refunds(300.0, 330.0, 10_000.0, 0.5), 1, 0.05).unwrap();
        assert!((c.p - 0.209_055_352_583_289_5).abs() < 1e-9, "{}", c.p);
        assert!((c.harm - 0.003).abs() < 1e-15 && c.lift_abs == c.harm);
        assert_eq!(c.verdict, Verdict::Unclear);
        // Refunds up 1.2 points: harmed beyond 0.5 (alternative="larger": 0.0039258).
        let c = check(&refunds(300.0, 420.0, 10_000.0, 0.5), 1, 0.05).unwrap();
        assert!((c.p - 0.996_074_247_861_011_2).abs() < 1e-9, "{}", c.p);
        assert_eq!(c.verdict, Verdict::Harmed);
        assert_eq!(c.verdict.code(), -1);
        let c = check(&refunds(3000.0, 3010.0, 100_000.0, 0.5), 1, 0.05).unwrap();
        assert!(
            (c.p / 6.914_221_200_478_96e-11 - 1.0).abs() < 1e-6,
            "{}",
            c.p
        );
        assert_eq!(c.verdict, Verdict::NotHarmed);
        // Higher is good: conversion 5.0 % → 4.8 %, the harm is the fall (0.16288).
        let g = Guardrail {
            good: Good::Higher,
            margin: 0.005,
            arms: vec![
                Arm::Binary {
                    n: 10_000.0,
                    x: 500.0,
                },
                Arm::Binary {
                    n: 10_000.0,
                    x: 480.0,
                },
            ],
        };
        let c = check(&g, 1, 0.05).unwrap();
        assert!((c.harm - 0.002).abs() < 1e-15 && (c.lift_abs + 0.002).abs() < 1e-15);
        assert!((c.p - 0.162_876_629_468_774_68).abs() < 1e-9, "{}", c.p);
        assert!(check(&g, 2, 0.05).is_none());
    }
}
