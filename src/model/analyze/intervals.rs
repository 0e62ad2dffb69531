//! Confidence intervals for a treatment arm against control.

/// Wilson score interval for a proportion `x / n` at quantile `z`.
pub fn wilson(x: f64, n: f64, z: f64) -> (f64, f64) {
    let p = x / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Newcombe's hybrid score interval (his method 10) for `p1 − p0`, built from the two
/// Wilson intervals. Defined for every count, including 0 and n.
pub fn newcombe(x0: f64, n0: f64, x1: f64, n1: f64, z: f64) -> (f64, f64) {
    let (p0, p1) = (x0 / n0, x1 / n1);
    let (l0, u0) = wilson(x0, n0, z);
    let (l1, u1) = wilson(x1, n1, z);
    let d = p1 - p0;
    (
        d - ((p1 - l1).powi(2) + (u0 - p0).powi(2)).sqrt(),
        d + ((u1 - p1).powi(2) + (p0 - l0).powi(2)).sqrt(),
    )
}

/// Interval for the relative lift `p1 / p0 − 1` by the delta method on the ratio of
/// rates: Var(p1/p0) ≈ (p1 q1 / n1 + (p1/p0)² p0 q0 / n0) / p0². `None` when p0 is 0.
pub fn relative_delta(x0: f64, n0: f64, x1: f64, n1: f64, z: f64) -> Option<(f64, f64)> {
    let (p0, p1) = (x0 / n0, x1 / n1);
    if p0 <= 0.0 {
        return None;
    }
    // The means' interval with each rate's binomial sd.
    let sd = |p: f64| (p * (1.0 - p)).sqrt();
    welch_relative(n0, p0, sd(p0), n1, p1, sd(p1), z)
}

/// Welch interval for `m1 − m0` with quantile `t` of Student's t at the Welch df.
pub fn welch_diff(n0: f64, m0: f64, s0: f64, n1: f64, m1: f64, s1: f64, t: f64) -> (f64, f64) {
    let se = (s0 * s0 / n0 + s1 * s1 / n1).sqrt();
    let d = m1 - m0;
    (d - t * se, d + t * se)
}

/// Interval for `m1 / m0 − 1` by the delta method: Var(m1/m0) ≈ (v1 + R² v0) / m0²,
/// with v = s²/n, at normal quantile `z`. `None` when m0 is 0.
pub fn welch_relative(
    n0: f64,
    m0: f64,
    s0: f64,
    n1: f64,
    m1: f64,
    s1: f64,
    z: f64,
) -> Option<(f64, f64)> {
    let se = relative_se(n0, m0, s0, n1, m1, s1)?;
    let r = m1 / m0;
    Some((r - 1.0 - z * se, r - 1.0 + z * se))
}

/// The delta-method standard error of the relative lift `m1/m0 − 1` of two means
/// (or rates, with `s = √(p(1 − p))`):
/// `sqrt((s1²/n1 + R² s0²/n0) / m0²)`, `R = m1/m0`. `None` when `m0` is 0.
pub fn relative_se(n0: f64, m0: f64, s0: f64, n1: f64, m1: f64, s1: f64) -> Option<f64> {
    if m0 == 0.0 {
        return None;
    }
    let r = m1 / m0;
    Some(((s1 * s1 / n1 + r * r * s0 * s0 / n0) / (m0 * m0)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newcombe_matches_statsmodels() {
        // statsmodels confint_proportions_2indep(560, 10000, 500, 10000, method="newcomb")
        let (lo, hi) = newcombe(500.0, 10000.0, 560.0, 10000.0, 1.959963984540054);
        assert!((lo - -0.000_212_666_728_894_680_97).abs() < 1e-12, "{lo}");
        assert!((hi - 0.012_222_355_660_731_262).abs() < 1e-12, "{hi}");
        // All zero: still defined.
        let (lo, hi) = newcombe(0.0, 10.0, 0.0, 10.0, 1.96);
        assert!(lo < 0.0 && hi > 0.0);
    }

    #[test]
    fn relative_interval_needs_a_control_rate() {
        assert_eq!(relative_delta(0.0, 100.0, 5.0, 100.0, 1.96), None);
        let (lo, hi) = relative_delta(500.0, 10000.0, 560.0, 10000.0, 1.96).unwrap_or_default();
        assert!(lo < 0.12 && hi > 0.12);
    }
}
