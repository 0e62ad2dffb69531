//! Non-inferiority and equivalence read from a finished test: the one-sided test of
//! "treatment − control ≤ −margin", and the two one-sided tests (TOST) of "the
//! difference is outside ±margin", on the normal approximation with the unpooled
//! standard error (Welch's for means).

use super::input::{Arm, MarginKind};
use crate::model::stats::normal_sf;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarginTest {
    /// The p-value of the test (TOST: the larger of the two one-sided ones).
    pub p: f64,
    /// Shown at alpha: not worse by more than the margin, or equivalent within it.
    pub shown: bool,
}

/// Arm minus control and its unpooled standard error (observed rates, or sds).
pub fn difference(control: Arm, arm: Arm) -> (f64, f64) {
    let level_var = |a: Arm| match a {
        Arm::Binary { n, x } => {
            let p = x / n;
            (p, p * (1.0 - p) / n)
        }
        Arm::Continuous { n, mean, sd } => (mean, sd * sd / n),
    };
    let (m0, v0) = level_var(control);
    let (m1, v1) = level_var(arm);
    (m1 - m0, (v0 + v1).sqrt())
}

/// The test of `kind` with `margin` (> 0, in the lift's units) at `alpha`.
pub fn margin_test(
    control: Arm,
    arm: Arm,
    kind: MarginKind,
    margin: f64,
    alpha: f64,
) -> Option<MarginTest> {
    let (lift, se) = difference(control, arm);
    let usable = se > 0.0 && margin > 0.0 && se.is_finite();
    if !usable {
        return None;
    }
    let not_worse = normal_sf((lift + margin) / se);
    let p = match kind {
        MarginKind::NonInferiority => not_worse,
        MarginKind::Equivalence => not_worse.max(normal_sf((margin - lift) / se)),
    };
    Some(MarginTest {
        p,
        shown: p < alpha,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_inferiority_and_tost() {
        // 5.0 % against 4.9 % on 50,000 each, margin 0.5 points: not worse.
        let c = Arm::Binary {
            n: 50_000.0,
            x: 2_500.0,
        };
        let t = Arm::Binary {
            n: 50_000.0,
            x: 2_450.0,
        };
        let ni = margin_test(c, t, MarginKind::NonInferiority, 0.005, 0.05);
        assert!(ni.is_some_and(|r| r.shown && r.p < 0.01), "{ni:?}");
        // Within ±0.5 points: equivalent; within ±0.1 points: inconclusive.
        assert!(margin_test(c, t, MarginKind::Equivalence, 0.005, 0.05).is_some_and(|r| r.shown));
        assert!(margin_test(c, t, MarginKind::Equivalence, 0.001, 0.05).is_some_and(|r| !r.shown));
        // A hand check of the one-sided statistic: z = (−0.001 + 0.005) / se.
        let se = (0.05f64 * 0.95 / 50_000.0 + 0.049 * 0.951 / 50_000.0).sqrt();
        let want = normal_sf(0.004 / se);
        assert!(ni.is_some_and(|r| (r.p - want).abs() < 1e-15));
        assert!(margin_test(c, t, MarginKind::NonInferiority, 0.0, 0.05).is_none());
    }

    #[test]
    fn a_wider_margin_never_weakens_the_evidence() {
        let c = Arm::Continuous {
            n: 800.0,
            mean: 150.0,
            sd: 220.0,
        };
        let t = Arm::Continuous {
            n: 820.0,
            mean: 146.0,
            sd: 210.0,
        };
        let mut last = 1.0;
        for m in [1.0, 5.0, 10.0, 20.0, 40.0] {
            let p = margin_test(c, t, MarginKind::Equivalence, m, 0.05).map_or(1.0, |r| r.p);
            assert!(p <= last + 1e-15);
            last = p;
        }
    }
}
