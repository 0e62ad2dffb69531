//! Results that stay valid however often a running test is looked at: confidence
//! sequences and always-valid p-values by the normal-mixture boundary (Robbins 1970;
//! Howard et al. 2021; Waudby-Smith et al. 2023), as GrowthBook and Optimizely use it.
//!
//! With `N` units in the two groups together, `SE` the comparison's standard error
//! and `s² = SE² N`, the mixing variance is tuned to be tightest at `nstar` units:
//! `ρ² = (−2 ln a + ln(1 − 2 ln a)) / nstar`. The half-width is
//! `s √(2 (Nρ² + 1) / (N² ρ²) · ln(√(Nρ² + 1) / a))` and the p-value
//! `min(1, √(Nρ² + 1) · exp(−ρ² N lift² / (2 SE² (Nρ² + 1))))`.

use super::input::Arm;

/// The mixing variance per unit for level `alpha`, tightest at `nstar` units.
fn rho2(alpha: f64, nstar: f64) -> f64 {
    let l = alpha.ln();
    (-2.0 * l + (1.0 - 2.0 * l).ln()) / nstar
}

/// Half-width of the always-valid interval for an estimate with standard error `se`
/// from `n_total` units.
pub fn half_width(se: f64, n_total: f64, alpha: f64, nstar: f64) -> f64 {
    let r2 = rho2(alpha, nstar);
    let s = se * n_total.sqrt();
    let nr = n_total * r2 + 1.0;
    s * (2.0 * nr / (n_total * n_total * r2) * (nr.sqrt() / alpha).ln()).sqrt()
}

/// The always-valid p-value of `lift` with standard error `se`.
pub fn p_value(lift: f64, se: f64, n_total: f64, alpha: f64, nstar: f64) -> f64 {
    if se.is_nan() || se <= 0.0 {
        return f64::NAN;
    }
    let r2 = rho2(alpha, nstar);
    let nr = n_total * r2 + 1.0;
    let st2 = lift * lift * n_total / (se * se);
    (nr.sqrt() * (-r2 * st2 / (2.0 * nr)).exp()).min(1.0)
}

/// A comparison's always-valid interval for the absolute and the relative lift, and
/// its p-value (of the absolute lift).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlwaysValid {
    pub low: f64,
    pub high: f64,
    pub rel: Option<(f64, f64)>,
    pub p: f64,
}

/// Level, variance of the level, and units, of one group.
fn moments(arm: Arm) -> (f64, f64, f64) {
    match arm {
        Arm::Binary { n, x } => {
            let p = x / n;
            (p, p * (1.0 - p) / n, n)
        }
        Arm::Continuous { n, mean, sd } => (mean, sd * sd / n, n),
    }
}

/// Treatment `arm` against `control` at level `alpha`, tuned to `nstar` units.
pub fn compare(control: Arm, arm: Arm, alpha: f64, nstar: f64) -> Option<AlwaysValid> {
    let (m0, v0, n0) = moments(control);
    let (m1, v1, n1) = moments(arm);
    let n = n0 + n1;
    let lift = m1 - m0;
    let se = (v0 + v1).sqrt();
    let usable = se > 0.0 && n > 0.0 && alpha > 0.0 && alpha < 1.0 && nstar > 0.0;
    if !usable {
        return None;
    }
    let h = half_width(se, n, alpha, nstar);
    // The relative lift m1 / m0 − 1 by the delta method.
    let rel = (m0 != 0.0).then(|| {
        let r = m1 / m0 - 1.0;
        let se_rel = (v1 / (m0 * m0) + m1 * m1 * v0 / m0.powi(4)).sqrt();
        let h = half_width(se_rel, n, alpha, nstar);
        (r - h, r + h)
    });
    Some(AlwaysValid {
        low: lift - h,
        high: lift + h,
        rel,
        p: p_value(lift, se, n, alpha, nstar),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stats::z_quantile;

    #[test]
    fn growthbook_sequential_case_is_reproduced() {
        // GrowthBook's sequential unit test: 1396 / 3000 against 2422 / 3461, tuning
        // 5000, alpha 5 %: relative lift 0.50386, interval 0.40098 to 0.60675.
        let c = compare(
            Arm::Binary {
                n: 3000.0,
                x: 1396.0,
            },
            Arm::Binary {
                n: 3461.0,
                x: 2422.0,
            },
            0.05,
            5000.0,
        );
        let (low, high) = c.and_then(|c| c.rel).unwrap_or((f64::NAN, f64::NAN));
        let mid = (low + high) / 2.0;
        assert!((mid - 0.50386).abs() < 1e-5, "{mid}");
        assert!((low - 0.40098).abs() < 1e-5, "{low}");
        assert!((high - 0.60675).abs() < 1e-5, "{high}");
    }

    #[test]
    fn always_valid_is_wider_than_fixed_and_p_is_larger() {
        for &(n0, x0, n1, x1) in &[
            (10_000.0, 500.0, 10_000.0, 560.0),
            (1_000.0, 30.0, 1_200.0, 55.0),
            (200_000.0, 6_000.0, 200_000.0, 6_300.0),
            (50.0, 5.0, 60.0, 9.0),
        ] {
            for nstar in [500.0, 5_000.0, 100_000.0] {
                let av = compare(
                    Arm::Binary { n: n0, x: x0 },
                    Arm::Binary { n: n1, x: x1 },
                    0.05,
                    nstar,
                );
                let Some(av) = av else { panic!("no result") };
                let (p0, p1) = (x0 / n0, x1 / n1);
                let se = (p0 * (1.0 - p0) / n0 + p1 * (1.0 - p1) / n1).sqrt();
                let fixed = z_quantile(0.975) * se;
                let lift = p1 - p0;
                assert!(
                    av.low <= lift - fixed && av.high >= lift + fixed,
                    "{n0} {nstar}"
                );
                let z = lift / se;
                let p_fixed = 2.0 * crate::model::stats::normal_sf(z.abs());
                assert!(
                    av.p >= p_fixed - 1e-12,
                    "{n0} {nstar}: {} < {p_fixed}",
                    av.p
                );
            }
        }
    }

    #[test]
    fn no_variation_gives_nothing() {
        assert!(compare(
            Arm::Binary { n: 100.0, x: 0.0 },
            Arm::Binary { n: 100.0, x: 0.0 },
            0.05,
            5000.0
        )
        .is_none());
        assert!(p_value(0.1, 0.0, 100.0, 0.05, 5000.0).is_nan());
    }
}
