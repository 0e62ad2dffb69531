//! Distribution functions shared by the statistics pages, wrapping `statrs` so that
//! no caller has to handle its constructor errors for fixed, valid parameters.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal, StudentsT};

fn standard_normal() -> Option<Normal> {
    Normal::new(0.0, 1.0).ok()
}

/// Φ⁻¹(p), the standard normal quantile; NaN outside (0, 1).
pub fn z_quantile(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    standard_normal().map_or(f64::NAN, |n| n.inverse_cdf(p))
}

/// Φ(z).
pub fn normal_cdf(z: f64) -> f64 {
    standard_normal().map_or(f64::NAN, |n| n.cdf(z))
}

/// 1 − Φ(z), accurate in the far tail.
pub fn normal_sf(z: f64) -> f64 {
    standard_normal().map_or(f64::NAN, |n| n.sf(z))
}

/// Upper tail of Student's t with `df` degrees of freedom.
pub fn t_sf(t: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |d| d.sf(t))
}

/// Quantile of Student's t.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |d| d.inverse_cdf(p))
}

/// Upper tail of the chi-square distribution.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    ChiSquared::new(df).map_or(f64::NAN, |d| d.sf(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        // scipy.stats.norm.ppf(0.975), norm.sf(3), t.sf(2, 10), chi2.sf(3.84, 1)
        assert!((z_quantile(0.975) - 1.959963984540054).abs() < 1e-14);
        assert!((z_quantile(0.8) - 0.8416212335729143).abs() < 1e-14);
        assert!(
            (normal_sf(3.0) / 0.0013498980316300933 - 1.0).abs() < 1e-9,
            "{}",
            normal_sf(3.0)
        );
        assert!((t_sf(2.0, 10.0) - 0.03669401738537018).abs() < 1e-12);
        assert!((chi2_sf(3.84, 1.0) - 0.05004352124870519).abs() < 1e-12);
        assert!(z_quantile(0.0).is_nan() && z_quantile(1.0).is_nan());
    }
}
