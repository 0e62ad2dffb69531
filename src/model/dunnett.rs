//! Dunnett's many-to-one comparison: the critical value and single-step adjusted
//! p-values for k treatments against one control (Dunnett 1955).
//!
//! With `Z_j = l_j W + √(1 − l_j²) E_j` (W and the E_j independent standard normals)
//! the comparisons share control's noise: `corr(Z_j, Z_k) = l_j l_k`, with
//! `l_j = √(n_j / (n_j + n_0))`, which for equal groups is `√½`. Given W the `Z_j` are
//! independent, so `P(max_j |Z_j| < c)` is one integral over W of a product of normal
//! probabilities, computed by Simpson's rule.

use crate::model::sequential::simpson_weight;
use crate::model::stats::{normal_cdf, normal_density, normal_sf, z_quantile};

const REACH: f64 = 9.0;
const POINTS: usize = 241;

/// `P(max_j Z_j < c)` (one-sided) or `P(max_j |Z_j| < c)` (two-sided).
pub fn max_cdf(c: f64, loads: &[f64], two_sided: bool) -> f64 {
    if loads.is_empty() || c.is_nan() {
        return f64::NAN;
    }
    let step = 2.0 * REACH / (POINTS - 1) as f64;
    let mut sum = 0.0;
    for i in 0..POINTS {
        let w = -REACH + i as f64 * step;
        let mut inside = 1.0;
        for &l in loads {
            let s = (1.0 - l * l).max(1e-12).sqrt();
            let upper = normal_cdf((c - l * w) / s);
            inside *= if two_sided {
                (upper - normal_cdf((-c - l * w) / s)).max(0.0)
            } else {
                upper
            };
        }
        sum += simpson_weight(i, POINTS, step) * normal_density(w) * inside;
    }
    sum.clamp(0.0, 1.0)
}

/// The critical value `c` with `P(max < c) = 1 − alpha`.
pub fn critical_value(loads: &[f64], alpha: f64, two_sided: bool) -> f64 {
    if loads.is_empty() || !(alpha > 0.0 && alpha < 1.0) {
        return f64::NAN;
    }
    let k = loads.len() as f64;
    let side = if two_sided { alpha / 2.0 } else { alpha };
    // Between the unadjusted and the Bonferroni value.
    let (mut lo, mut hi) = (z_quantile(1.0 - side), z_quantile(1.0 - side / k) + 1e-9);
    let gap = |c: f64| max_cdf(c, loads, two_sided) - (1.0 - alpha);
    let (mut flo, mut fhi) = (gap(lo), gap(hi));
    if flo >= 0.0 {
        return lo;
    }
    // Regula falsi with the Illinois halving: a few evaluations to 1e-10.
    let mut side_kept = 0i8;
    for _ in 0..60 {
        let c = (lo * fhi - hi * flo) / (fhi - flo);
        let fc = gap(c);
        if fc.abs() < 1e-12 || (hi - lo) < 1e-12 {
            return c;
        }
        if fc < 0.0 {
            lo = c;
            flo = fc;
            if side_kept == -1 {
                fhi /= 2.0;
            }
            side_kept = -1;
        } else {
            hi = c;
            fhi = fc;
            if side_kept == 1 {
                flo /= 2.0;
            }
            side_kept = 1;
        }
    }
    0.5 * (lo + hi)
}

/// The loads `√(n_j / (n_j + n_0))` of treatment sizes `n` against control `n0`.
pub fn loads(n0: f64, n: &[f64]) -> Vec<f64> {
    n.iter().map(|&nj| (nj / (nj + n0)).sqrt()).collect()
}

/// Single-step adjusted p-value of a comparison with statistic `z` (its absolute
/// value when two-sided).
pub fn adjusted_p(z: f64, loads: &[f64], two_sided: bool) -> f64 {
    let z = if two_sided { z.abs() } else { z };
    if z == f64::INFINITY {
        return 0.0;
    }
    (1.0 - max_cdf(z, loads, two_sided)).clamp(0.0, 1.0)
}

/// The per-comparison alpha the critical value amounts to.
pub fn alpha_of(c: f64, two_sided: bool) -> f64 {
    if two_sided {
        2.0 * normal_sf(c)
    } else {
        normal_sf(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn critical_values_match_dunnetts_tables() {
        // Dunnett's tables (large samples), equal groups, 5 %.
        let equal = |k: usize| vec![0.5f64.sqrt(); k];
        for (k, two, one) in [
            (1, 1.960, 1.645),
            (2, 2.212, 1.916),
            (3, 2.349, 2.062),
            (4, 2.442, 2.160),
            (5, 2.511, 2.234),
        ] {
            let c2 = critical_value(&equal(k), 0.05, true);
            let c1 = critical_value(&equal(k), 0.05, false);
            assert!((c2 - two).abs() < 1e-3, "{k} two-sided: {c2}");
            assert!((c1 - one).abs() < 1e-3, "{k} one-sided: {c1}");
        }
    }

    #[test]
    fn between_unadjusted_and_bonferroni() {
        for k in 2..=9 {
            for l2 in [0.1f64, 0.5, 0.8] {
                let loads = vec![l2.sqrt(); k];
                let c = critical_value(&loads, 0.05, true);
                assert!(
                    c > 1.959963 && c < z_quantile(1.0 - 0.025 / k as f64),
                    "{k} {l2}: {c}"
                );
                // The adjusted p of the critical value is alpha.
                assert!((adjusted_p(c, &loads, true) - 0.05).abs() < 1e-9);
            }
        }
    }
}
