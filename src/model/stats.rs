//! Distribution functions shared by the statistics pages, wrapping `statrs` so that
//! no caller has to handle its constructor errors: the standard normal uses statrs'
//! own `Normal::standard()`, and the families with a parameter answer NaN where
//! statrs refuses it.

use statrs::distribution::{ChiSquared, Continuous, ContinuousCDF, Normal, StudentsT};

fn standard_normal() -> Normal {
    Normal::standard()
}

/// Φ⁻¹(p), the standard normal quantile; NaN outside (0, 1).
pub fn z_quantile(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    standard_normal().inverse_cdf(p)
}

/// φ(z), the standard normal density.
pub fn normal_density(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Φ(z).
pub fn normal_cdf(z: f64) -> f64 {
    standard_normal().cdf(z)
}

/// 1 − Φ(z), accurate in the far tail.
pub fn normal_sf(z: f64) -> f64 {
    standard_normal().sf(z)
}

/// Upper tail of Student's t with `df` degrees of freedom.
pub fn t_sf(t: f64, df: f64) -> f64 {
    StudentsT::new(0.0, 1.0, df).map_or(f64::NAN, |d| d.sf(t))
}

/// Quantile of Student's t; NaN outside (0, 1).
///
/// statrs inverts the regularized incomplete beta function, which loses digits when
/// the degrees of freedom run into the thousands; a few Newton steps on the CDF (whose
/// accuracy the p-value tests check) restore full precision.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(p > 0.0 && p < 1.0 && df > 0.0) {
        return f64::NAN;
    }
    if df >= 1e4 {
        // Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun
        // 26.7.5); with ν ≥ 10^4 the first omitted term is below 1e-17.
        let z = z_quantile(p);
        let (z2, v) = (z * z, df);
        let g1 = (z2 + 1.0) * z / 4.0;
        let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
        let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
        let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
        return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
    }
    let Ok(d) = StudentsT::new(0.0, 1.0, df) else {
        return f64::NAN;
    };
    let mut x = d.inverse_cdf(p);
    if !x.is_finite() {
        x = z_quantile(p);
    }
    for _ in 0..4 {
        let density = d.pdf(x);
        if density.is_nan() || density <= 0.0 {
            break;
        }
        let step = (d.cdf(x) - p) / density;
        x -= step;
        if step.abs() <= 1e-15 * x.abs() {
            break;
        }
    }
    x
}

/// Upper tail of the chi-square distribution.
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    ChiSquared::new(df).map_or(f64::NAN, |d| d.sf(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_t_and_chi_square_tails_match_scipy() {
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
        // scipy.stats.t.ppf(0.95, 187651.45195923344), t.ppf(0.975, 3)
        assert!(
            (t_quantile(0.95, 187_651.451_959_233_44) / 1.644_861_747_201_542_3 - 1.0).abs()
                < 1e-14
        );
        // Both sides of the switch to the expansion: t.ppf(0.995, 9999) and t.ppf(0.995, 10000)
        assert!((t_quantile(0.995, 9_999.0) / 2.576_321_095_856_597_4 - 1.0).abs() < 1e-9);
        assert!((t_quantile(0.995, 10_000.0) / 2.576_321_046_668_528_2 - 1.0).abs() < 1e-13);
        assert!((t_quantile(0.975, 3.0) / 3.182_446_305_283_707_8 - 1.0).abs() < 1e-12);
        assert!(t_quantile(1.0, 3.0).is_nan() && t_quantile(0.5, 0.0).is_nan());
    }
}
