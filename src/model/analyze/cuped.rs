//! Means from per-user sums, and CUPED: regression adjustment with a value measured
//! before assignment (last month's spend, visits, orders).
//!
//! The part of the metric that the pre-period value predicts is noise as far as the
//! test is concerned: taking it out leaves each arm's mean where it was on average
//! (assignment is random, so the pre-period is balanced) and its variance smaller by
//! the squared correlation. θ is the slope of the metric on the pre-period value over
//! all arms together, as gbstats' `compute_theta` pools its two arms; the adjusted
//! arm is then a mean with a smaller sd, and every test of the page reads it as one.

use super::input::Arm;
use super::intervals::welch_diff;
use super::ratio::{Sum, SumsError};
use super::welch;
use crate::model::stats::t_quantile;

/// One arm's sums of the metric over its `n` users.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanSums {
    pub n: f64,
    pub sum: f64,
    pub sum2: f64,
}

/// One arm's sums of the pre-period value: Σ pre, Σ pre², Σ pre × metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PreSums {
    pub pre: f64,
    pub pre2: f64,
    pub prepost: f64,
}

/// Sample variance (n − 1 divisor) from a sum and a sum of squares, or of products.
fn co_variance(n: f64, sum_a: f64, sum_b: f64, sum_ab: f64) -> f64 {
    (sum_ab - sum_a * sum_b / n) / (n - 1.0)
}

/// Σx² may round a hair below (Σx)²/n where the data have no spread.
fn below_square(n: f64, sum: f64, sum2: f64) -> bool {
    sum2 - sum * sum / n < -1e-9 * sum2.abs().max(1.0)
}

/// The mean and per-user sd of `s`; the sum at fault when the sums give none.
pub fn read_mean(s: MeanSums) -> Result<(f64, f64), SumsError> {
    if s.n.is_nan() || s.n < 2.0 {
        return Err(SumsError::TooFewUsers);
    }
    if below_square(s.n, s.sum, s.sum2) {
        return Err(SumsError::BelowSquareOfSum(Sum::Metric2));
    }
    let v = co_variance(s.n, s.sum, s.sum, s.sum2);
    if !(v > 0.0 && v.is_finite()) {
        return Err(SumsError::NoVariance(Sum::Metric2));
    }
    Ok((s.sum / s.n, v.sqrt()))
}

/// Whether an arm's pre-period sums can come from per-user data beside its metric's.
pub fn check_pre(post: MeanSums, pre: PreSums) -> Result<(), SumsError> {
    if below_square(post.n, pre.pre, pre.pre2) {
        return Err(SumsError::BelowSquareOfSum(Sum::Pre2));
    }
    let n = post.n;
    let vy = co_variance(n, post.sum, post.sum, post.sum2);
    let vx = co_variance(n, pre.pre, pre.pre, pre.pre2);
    let c = co_variance(n, post.sum, pre.pre, pre.prepost);
    if !c.is_finite() || c * c > vx * vy * (1.0 + 1e-9) + 1e-12 {
        return Err(SumsError::CorrelationOutOfRange(Sum::PrePost));
    }
    Ok(())
}

/// One arm before and after the adjustment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AdjustedArm {
    pub n: f64,
    pub mean: f64,
    pub sd: f64,
    /// The pre-period value's mean.
    pub pre_mean: f64,
    /// `mean − θ (pre mean − all arms' pre mean)`.
    pub mean_adj: f64,
    /// `√(var(post) + θ² var(pre) − 2θ cov(post, pre))`; 0 when nothing is left.
    pub sd_adj: f64,
}

impl AdjustedArm {
    /// The arm as the page's tests read it: the adjusted mean and sd.
    pub fn as_arm(self) -> Arm {
        Arm::Continuous {
            n: self.n,
            mean: self.mean_adj,
            sd: self.sd_adj,
        }
    }
}

/// The adjustment of all arms.
#[derive(Clone, Debug, PartialEq)]
pub struct Cuped {
    /// `cov(post, pre) / var(pre)` over all arms as one sample; 0 when the
    /// pre-period values do not vary.
    pub theta: f64,
    /// `1 − adjusted variance / unadjusted variance` over all arms as one sample:
    /// the squared correlation of the metric with the pre-period value.
    pub variance_reduction: f64,
    pub arms: Vec<AdjustedArm>,
}

impl Cuped {
    /// The interval of arm `i` minus control at the `q` quantile of Welch's t, on
    /// the adjusted values or (`adjusted` false) on the raw ones.
    pub fn interval(&self, i: usize, q: f64, adjusted: bool) -> Option<(f64, f64)> {
        let (c, a) = (self.arms.first()?, self.arms.get(i)?);
        let (m0, s0, m1, s1) = if adjusted {
            (c.mean_adj, c.sd_adj, a.mean_adj, a.sd_adj)
        } else {
            (c.mean, c.sd, a.mean, a.sd)
        };
        let df = welch(c.n, m0, s0, a.n, m1, s1, true).df?;
        Some(welch_diff(c.n, m0, s0, a.n, m1, s1, t_quantile(q, df)))
    }

    /// How much narrower the interval of arm `i` against control is than it would
    /// be without the adjustment (a fraction; Welch's t on both sides).
    pub fn narrower(&self, i: usize, q: f64) -> Option<f64> {
        let width = |adjusted| self.interval(i, q, adjusted).map(|(lo, hi)| hi - lo);
        let (before, after) = (width(false)?, width(true)?);
        (before > 0.0).then(|| 1.0 - after / before)
    }

    /// Each arm's unadjusted mean: relative lifts divide by control's, as gbstats.
    pub fn unadjusted(&self) -> Vec<f64> {
        self.arms.iter().map(|a| a.mean).collect()
    }
}

/// CUPED over arms whose sums passed `read_mean` and `check_pre`.
pub fn cuped(arms: &[(MeanSums, PreSums)]) -> Cuped {
    let total = |f: fn(&(MeanSums, PreSums)) -> f64| arms.iter().map(f).sum::<f64>();
    let n = total(|a| a.0.n);
    let (sum, sum2) = (total(|a| a.0.sum), total(|a| a.0.sum2));
    let (pre, pre2, prepost) = (
        total(|a| a.1.pre),
        total(|a| a.1.pre2),
        total(|a| a.1.prepost),
    );
    let v_post = co_variance(n, sum, sum, sum2);
    let v_pre = co_variance(n, pre, pre, pre2);
    let cov = co_variance(n, sum, pre, prepost);
    let theta = if v_pre > 0.0 && v_post > 0.0 {
        cov / v_pre
    } else {
        0.0
    };
    let adjusted = |vy: f64, vx: f64, c: f64| vy + theta * theta * vx - 2.0 * theta * c;
    let variance_reduction = if v_post > 0.0 {
        1.0 - adjusted(v_post, v_pre, cov) / v_post
    } else {
        0.0
    };
    let pooled_pre_mean = pre / n;
    let arms = arms
        .iter()
        .map(|(m, p)| {
            let vy = co_variance(m.n, m.sum, m.sum, m.sum2);
            let vx = co_variance(m.n, p.pre, p.pre, p.pre2);
            let c = co_variance(m.n, m.sum, p.pre, p.prepost);
            AdjustedArm {
                n: m.n,
                mean: m.sum / m.n,
                sd: vy.max(0.0).sqrt(),
                pre_mean: p.pre / m.n,
                mean_adj: m.sum / m.n - theta * (p.pre / m.n - pooled_pre_mean),
                sd_adj: adjusted(vy, vx, c).max(0.0).sqrt(),
            }
        })
        .collect();
    Cuped {
        theta,
        variance_reduction,
        arms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sums of per-user (metric, pre) pairs.
    fn sums(users: &[(f64, f64)]) -> (MeanSums, PreSums) {
        let s = |f: &dyn Fn(&(f64, f64)) -> f64| users.iter().map(f).sum::<f64>();
        (
            MeanSums {
                n: users.len() as f64,
                sum: s(&|u| u.0),
                sum2: s(&|u| u.0 * u.0),
            },
            PreSums {
                pre: s(&|u| u.1),
                pre2: s(&|u| u.1 * u.1),
                prepost: s(&|u| u.0 * u.1),
            },
        )
    }

    #[test]
    fn the_adjustment_is_the_per_user_regression() {
        let control = [(10.0, 8.0), (14.0, 12.0), (9.0, 9.0), (20.0, 15.0)];
        let variant = [
            (13.0, 9.0),
            (18.0, 13.0),
            (11.0, 8.0),
            (25.0, 18.0),
            (16.0, 12.0),
        ];
        let c = cuped(&[sums(&control), sums(&variant)]);
        // θ by hand over the nine users: the slope of the metric on the pre value.
        let all: Vec<(f64, f64)> = control.iter().chain(&variant).copied().collect();
        let mean = |f: &dyn Fn(&(f64, f64)) -> f64| all.iter().map(f).sum::<f64>() / 9.0;
        let (my, mx) = (mean(&|u| u.0), mean(&|u| u.1));
        let sxy: f64 = all.iter().map(|u| (u.0 - my) * (u.1 - mx)).sum();
        let sxx: f64 = all.iter().map(|u| (u.1 - mx).powi(2)).sum();
        let syy: f64 = all.iter().map(|u| (u.0 - my).powi(2)).sum();
        assert!((c.theta - sxy / sxx).abs() < 1e-12);
        assert!((c.variance_reduction - sxy * sxy / (sxx * syy)).abs() < 1e-12);
        // Each arm's adjusted values y − θ(x − x̄) have the adjusted mean and sd.
        for (arm, users) in c.arms.iter().zip([&control[..], &variant[..]]) {
            let adj: Vec<f64> = users.iter().map(|u| u.0 - c.theta * (u.1 - mx)).collect();
            let m = adj.iter().sum::<f64>() / adj.len() as f64;
            let v = adj.iter().map(|a| (a - m).powi(2)).sum::<f64>() / (adj.len() - 1) as f64;
            assert!((arm.mean_adj - m).abs() < 1e-12);
            assert!((arm.sd_adj - v.sqrt()).abs() < 1e-9);
        }
        let narrower = c.narrower(1, 0.975).unwrap();
        assert!(narrower > 0.5 && narrower < 1.0, "{narrower}");
    }

    #[test]
    fn sums_no_users_give_say_which_sum() {
        let (m, p) = sums(&[(1.0, 2.0), (3.0, 1.0), (2.0, 2.0)]);
        assert_eq!(
            read_mean(MeanSums { n: 1.0, ..m }),
            Err(SumsError::TooFewUsers)
        );
        assert_eq!(
            read_mean(MeanSums { sum2: 1.0, ..m }),
            Err(SumsError::BelowSquareOfSum(Sum::Metric2))
        );
        // Three users who all spent 2: no variance.
        assert_eq!(
            read_mean(MeanSums {
                n: 3.0,
                sum: 6.0,
                sum2: 12.0
            }),
            Err(SumsError::NoVariance(Sum::Metric2))
        );
        assert_eq!(check_pre(m, p), Ok(()));
        assert_eq!(
            check_pre(m, PreSums { pre2: 1.0, ..p }),
            Err(SumsError::BelowSquareOfSum(Sum::Pre2))
        );
        assert_eq!(
            check_pre(
                m,
                PreSums {
                    prepost: 100.0,
                    ..p
                }
            ),
            Err(SumsError::CorrelationOutOfRange(Sum::PrePost))
        );
    }

    #[test]
    fn a_pre_period_without_spread_adjusts_nothing() {
        let c = cuped(&[
            sums(&[(1.0, 5.0), (3.0, 5.0)]),
            sums(&[(2.0, 5.0), (6.0, 5.0)]),
        ]);
        assert_eq!((c.theta, c.variance_reduction), (0.0, 0.0));
        assert_eq!(c.arms[1].mean_adj, 4.0);
        assert_eq!(c.unadjusted(), vec![2.0, 4.0]);
    }
}
