//! Significance of a finished or running test, arm by arm against control (arm 0).

use super::stats::{chi2_sf, normal_sf, t_sf};

pub mod always_valid;
pub mod bayes;
pub mod cumulative;
pub mod cuped;
pub mod daily;
pub mod decision;
pub mod fisher;
pub mod form;
pub mod guardrail;
pub mod input;
pub mod intervals;
pub mod margin;
pub mod paste;
pub mod ratio;
pub mod report;
pub mod running;
pub mod table;
pub mod users;

pub use input::{Adjust, AnalyzeInput, Arm, RunningPlan};

/// One two-group test of a treatment arm against control: the lift and its p-value
/// (the page's per-comparison result, with intervals and the rest, is
/// `report::Comparison`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TwoGroupTest {
    pub lift_abs: f64,
    /// `None` when control is 0.
    pub lift_rel: Option<f64>,
    /// `None` when the statistic is undefined (no variation in either arm).
    pub p: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom (continuous metrics).
    pub df: Option<f64>,
}

/// Pooled two-proportion z-test (the chi-square test without continuity correction).
/// One-sided means "treatment better": small p when treatment's rate is higher.
pub fn two_proportion(n0: f64, x0: f64, n1: f64, x1: f64, two_sided: bool) -> TwoGroupTest {
    let (r0, r1) = (x0 / n0, x1 / n1);
    let pooled = (x0 + x1) / (n0 + n1);
    let se = (pooled * (1.0 - pooled) * (1.0 / n0 + 1.0 / n1)).sqrt();
    let p = (se > 0.0).then(|| {
        let z = (r1 - r0) / se;
        if two_sided {
            (2.0 * normal_sf(z.abs())).min(1.0)
        } else {
            normal_sf(z)
        }
    });
    TwoGroupTest {
        lift_abs: r1 - r0,
        lift_rel: (r0 > 0.0).then(|| (r1 - r0) / r0),
        p,
        df: None,
    }
}

/// Welch's t-test from summary statistics; needs n ≥ 2 in both arms.
pub fn welch(
    n0: f64,
    m0: f64,
    s0: f64,
    n1: f64,
    m1: f64,
    s1: f64,
    two_sided: bool,
) -> TwoGroupTest {
    let (v0, v1) = (s0 * s0 / n0, s1 * s1 / n1);
    let se = (v0 + v1).sqrt();
    let df = (v0 + v1).powi(2) / (v0 * v0 / (n0 - 1.0) + v1 * v1 / (n1 - 1.0));
    let ok = se > 0.0 && n0 >= 2.0 && n1 >= 2.0 && df.is_finite();
    let p = ok.then(|| t_test_p((m1 - m0) / se, df, two_sided));
    TwoGroupTest {
        lift_abs: m1 - m0,
        lift_rel: (m0 != 0.0).then(|| (m1 - m0) / m0),
        p,
        df: ok.then_some(df),
    }
}

/// The p-value of a t statistic on `df` degrees of freedom: both tails, or the
/// upper one (the variant better) for a one-sided test.
pub fn t_test_p(t: f64, df: f64, two_sided: bool) -> f64 {
    if two_sided {
        (2.0 * t_sf(t.abs(), df)).min(1.0)
    } else {
        t_sf(t, df)
    }
}

/// Adjusted p-values for a family of comparisons (undefined ones stay undefined
/// and do not count towards the family size).
pub fn adjust(ps: &[Option<f64>], method: Adjust) -> Vec<Option<f64>> {
    let m = ps.iter().flatten().count() as f64;
    match method {
        Adjust::None => ps.to_vec(),
        // Dunnett's needs the arms' sizes; without them Bonferroni bounds it.
        Adjust::Bonferroni | Adjust::Dunnett => {
            ps.iter().map(|p| p.map(|p| (p * m).min(1.0))).collect()
        }
        Adjust::Holm => {
            let mut order: Vec<(usize, f64)> = ps
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.map(|p| (i, p)))
                .collect();
            order.sort_by(|a, b| a.1.total_cmp(&b.1));
            let mut out = vec![None; ps.len()];
            let mut running = 0.0f64;
            for (rank, (i, p)) in order.into_iter().enumerate() {
                running = running.max(((m - rank as f64) * p).min(1.0));
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(running);
                }
            }
            out
        }
    }
}

/// Chi-square goodness of fit of the observed arm sizes against the planned split
/// (any positive weights). `None` for fewer than two arms or no visitors.
pub fn sample_ratio_p(observed: &[f64], split: &[f64]) -> Option<f64> {
    let total: f64 = observed.iter().sum();
    let weights: f64 = split.iter().sum();
    if observed.len() < 2 || observed.len() != split.len() || total <= 0.0 || weights <= 0.0 {
        return None;
    }
    let chi2: f64 = observed
        .iter()
        .zip(split)
        .map(|(o, w)| {
            let e = total * w / weights;
            (o - e).powi(2) / e
        })
        .sum();
    Some(chi2_sf(chi2, (observed.len() - 1) as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::testing::assert_close;

    #[test]
    fn z_test_matches_statsmodels() {
        // statsmodels proportions_ztest([560, 500], [10000, 10000]) → z 1.8938, p 0.05826
        let c = two_proportion(10000.0, 500.0, 10000.0, 560.0, true);
        assert_close(c.p, 0.058_257_806_033_516_23, 1e-9, format!("{:?}", c.p));
        assert!((c.lift_abs - 0.006).abs() < 1e-15);
        assert_close(c.lift_rel, 0.12, 1e-12, "c.lift_rel");
        let one = two_proportion(10000.0, 500.0, 10000.0, 560.0, false);
        assert_close(one.p, 0.029_128_903_016_758_113, 1e-9, "one.p");
        assert_eq!(two_proportion(100.0, 0.0, 100.0, 0.0, true).p, None);
    }

    #[test]
    fn welch_matches_scipy() {
        // scipy.stats.ttest_ind_from_stats(108, 160, 1000, 100, 150, 1000, equal_var=False)
        let c = welch(1000.0, 100.0, 150.0, 1000.0, 108.0, 160.0, true);
        assert_close(c.p, 0.248_843_921_499_434_46, 1e-9, format!("{:?}", c.p));
        assert_close(c.df, 1_989.735_272_595_793_7, 1e-12, format!("{:?}", c.df));
        assert_eq!(welch(1.0, 1.0, 1.0, 5.0, 2.0, 1.0, true).p, None);
    }

    #[test]
    fn holm_and_bonferroni_adjust_and_skip_missing_p() {
        let ps = [Some(0.01), Some(0.04), None, Some(0.03)];
        assert_eq!(
            adjust(&ps, Adjust::Bonferroni),
            vec![Some(0.03), Some(0.12), None, Some(0.09)]
        );
        let holm = adjust(&ps, Adjust::Holm);
        assert_eq!(holm[0], Some(0.03));
        assert_close(holm[3], 0.06, 1e-12, "Holm p of the fourth");
        assert_close(holm[1], 0.06, 1e-12, "Holm p of the second");
    }

    #[test]
    fn the_sample_ratio_check_matches_scipy_chisquare() {
        // scipy.stats.chisquare([10000, 10300]) → p = 0.035240…
        assert_close(
            sample_ratio_p(&[10000.0, 10300.0], &[1.0, 1.0]),
            0.035_240_223_824_274_594,
            1e-9,
            "sample_ratio_p(&[10000.0, 10300.0], &[1.0, 1.0])",
        );
        assert_eq!(sample_ratio_p(&[5.0], &[1.0]), None);
    }
}
