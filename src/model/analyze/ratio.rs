//! Ratio metrics from per-user sums: 客单价 (GMV / orders), 件单价 (GMV / items),
//! click-through (clicks / impressions), each the ratio of two sums over the users
//! randomized. The users are the independent units, so the ratio's variance comes
//! from the delta method over per-user numerators and denominators (gbstats'
//! `variance_of_ratios`), never from counting every order or impression as a unit.
//!
//! A ratio arm is then read as a mean with that per-user variance: the Welch test,
//! its Welch–Satterthwaite degrees of freedom and the delta-method relative interval
//! the page uses for means are exactly gbstats' ratio t-tests, so one implementation
//! serves both.

use super::input::Arm;

/// One arm's sums over its `n` randomized users: Σ numerator, Σ numerator², Σ
/// denominator, Σ denominator², Σ numerator × denominator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatioSums {
    pub n: f64,
    pub num: f64,
    pub num2: f64,
    pub den: f64,
    pub den2: f64,
    pub numden: f64,
}

/// Which of an arm's sums a problem is with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sum {
    N,
    Num,
    Num2,
    Den,
    Den2,
    NumDen,
    /// A mean given as sums (CUPED's inputs): Σ metric, Σ metric², Σ pre-period
    /// value, Σ its squares, Σ pre × metric.
    Metric,
    Metric2,
    Pre,
    Pre2,
    PrePost,
}

/// Why an arm's sums give no ratio, or cannot come from per-user data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SumsError {
    /// Fewer than two users: no variance.
    TooFewUsers,
    /// The denominator's sum is 0: no ratio.
    ZeroDenominator,
    /// Σx² below (Σx)²/n: a negative variance, which no per-user data give.
    BelowSquareOfSum(Sum),
    /// The covariance the sums imply (at this cross sum) is larger than both
    /// variances allow: a correlation outside −1 to 1.
    CorrelationOutOfRange(Sum),
    /// The variance these sums leave is not positive: they cannot be analysed.
    NoVariance(Sum),
}

impl SumsError {
    /// The sum to point at.
    pub fn sum(self) -> Sum {
        match self {
            SumsError::TooFewUsers => Sum::N,
            SumsError::ZeroDenominator => Sum::Den,
            SumsError::BelowSquareOfSum(s)
            | SumsError::CorrelationOutOfRange(s)
            | SumsError::NoVariance(s) => s,
        }
    }
}

/// One arm's ratio and its per-user delta-method variance, with what the sums say
/// about themselves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatioArm {
    pub n: f64,
    /// Σ numerator / Σ denominator.
    pub ratio: f64,
    /// Per-user variance of the ratio (divide by `n` for the estimate's).
    pub variance: f64,
    /// A problem that does not stop the arithmetic but means no per-user data give
    /// these sums (a negative variance of one part, an impossible correlation): the
    /// page says so beside the figures.
    pub inconsistent: Option<SumsError>,
}

impl RatioArm {
    /// The arm as the page's tests read it: a mean with its per-user sd.
    pub fn as_arm(self) -> Arm {
        Arm::Continuous {
            n: self.n,
            mean: self.ratio,
            sd: self.variance.sqrt(),
        }
    }
}

/// The per-user delta-method variance of a ratio of means `mx / my`, from the
/// variances `vx`, `vy` and the covariance `cxy` of the per-user numerator and
/// denominator: `vx/my² + vy mx²/my⁴ − 2 cxy mx/my³`.
pub fn delta_variance(mx: f64, my: f64, vx: f64, vy: f64, cxy: f64) -> f64 {
    vx / (my * my) + vy * mx * mx / my.powi(4) - 2.0 * cxy * mx / my.powi(3)
}

/// A ratio planned from per-user moments (the design page): numerator and
/// denominator means, their sds and their correlation. `(ratio, per-user sd)`;
/// `None` when the denominator's mean is 0 or the variance is not positive.
pub fn planned_ratio(mx: f64, my: f64, sx: f64, sy: f64, corr: f64) -> Option<(f64, f64)> {
    if my == 0.0 {
        return None;
    }
    let v = delta_variance(mx, my, sx * sx, sy * sy, corr * sx * sy);
    (v > 0.0 && v.is_finite()).then(|| (mx / my, v.sqrt()))
}

/// The ratio of `s` and its delta-method variance: with per-user sample variances
/// (n − 1 divisor) `vx`, `vy`, covariance `cxy` and means `mx`, `my`,
/// `V = vx/my² + vy mx²/my⁴ − 2 cxy mx/my³`.
pub fn read_ratio(s: RatioSums) -> Result<RatioArm, SumsError> {
    if s.n.is_nan() || s.n < 2.0 {
        return Err(SumsError::TooFewUsers);
    }
    if s.den == 0.0 {
        return Err(SumsError::ZeroDenominator);
    }
    let n = s.n;
    let (mx, my) = (s.num / n, s.den / n);
    let vx = (s.num2 - s.num * s.num / n) / (n - 1.0);
    let vy = (s.den2 - s.den * s.den / n) / (n - 1.0);
    let cxy = (s.numden - s.num * s.den / n) / (n - 1.0);
    let variance = delta_variance(mx, my, vx, vy, cxy);
    if !(variance > 0.0 && variance.is_finite()) {
        return Err(SumsError::NoVariance(Sum::NumDen));
    }
    // Rounding in the sums may leave a hair below 0 where the data have no spread.
    let slack = |sum2: f64| 1e-9 * sum2.abs().max(1.0);
    let inconsistent = if vx * (n - 1.0) < -slack(s.num2) {
        Some(SumsError::BelowSquareOfSum(Sum::Num2))
    } else if vy * (n - 1.0) < -slack(s.den2) {
        Some(SumsError::BelowSquareOfSum(Sum::Den2))
    } else if cxy * cxy > vx * vy * (1.0 + 1e-9) + 1e-12 {
        Some(SumsError::CorrelationOutOfRange(Sum::NumDen))
    } else {
        None
    };
    Ok(RatioArm {
        n,
        ratio: s.num / s.den,
        variance,
        inconsistent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// gbstats' ratio-metric test case (its test suite's `RatioStatistic`s).
    const CONTROL: RatioSums = RatioSums {
        n: 100.0,
        num: 270.0,
        num2: 848.79,
        den: 510.0,
        den2: 810.0,
        numden: -900.0,
    };
    const TREATMENT: RatioSums = RatioSums {
        n: 120.0,
        num: 300.0,
        num2: 869.0,
        den: 500.0,
        den2: 800.0,
        numden: -905.0,
    };

    #[test]
    fn gbstats_ratio_case() {
        let (a, b) = (read_ratio(CONTROL).unwrap(), read_ratio(TREATMENT).unwrap());
        assert!((a.ratio - 0.529_412).abs() < 1e-6);
        assert!((b.ratio - 0.6).abs() < 1e-12);
        assert!((a.variance - 0.787_869_233_637_363_9).abs() < 1e-12);
        assert!((b.variance - 1.085_687_394_957_982_8).abs() < 1e-12);
        // Synthetic sums: Σ den² below (Σ den)²/n, which real users cannot give.
        assert_eq!(a.inconsistent, Some(SumsError::BelowSquareOfSum(Sum::Den2)));
    }

    #[test]
    fn a_planned_ratio_uses_the_same_variance() {
        // 客单价 of 100 GMV over 0.8 orders a user: 125, per-user sd 161.32 (numpy).
        let (r, sd) = planned_ratio(100.0, 0.8, 150.0, 1.1, 0.6).unwrap();
        assert_eq!(r, 125.0);
        assert!((sd * sd - 26_025.390_625).abs() < 1e-6, "{}", sd * sd);
        assert_eq!(planned_ratio(100.0, 0.0, 150.0, 1.1, 0.6), None);
        // Perfectly proportional numerator and denominator: no variance.
        assert_eq!(planned_ratio(100.0, 1.0, 100.0, 1.0, 1.0), None);
    }

    #[test]
    fn sums_that_give_no_ratio_say_which_sum() {
        let bad = |f: fn(&mut RatioSums)| {
            let mut s = CONTROL;
            f(&mut s);
            read_ratio(s).unwrap_err()
        };
        assert_eq!(bad(|s| s.n = 1.0), SumsError::TooFewUsers);
        assert_eq!(bad(|s| s.den = 0.0), SumsError::ZeroDenominator);
        assert_eq!(bad(|s| s.n = f64::NAN).sum(), Sum::N);
        // Every user with numerator 2 and denominator 1: no spread, no variance.
        let flat = RatioSums {
            n: 10.0,
            num: 20.0,
            num2: 40.0,
            den: 10.0,
            den2: 10.0,
            numden: 20.0,
        };
        assert_eq!(read_ratio(flat), Err(SumsError::NoVariance(Sum::NumDen)));
    }

    #[test]
    fn real_per_user_data_are_consistent() {
        // Three users: (30, 1), (50, 2), (0, 1): 客单价 80 / 4 = 20.
        let users = [(30.0, 1.0), (50.0, 2.0), (0.0, 1.0)];
        let s = RatioSums {
            n: 3.0,
            num: users.iter().map(|u| u.0).sum(),
            num2: users.iter().map(|u| u.0 * u.0).sum(),
            den: users.iter().map(|u| u.1).sum(),
            den2: users.iter().map(|u| u.1 * u.1).sum(),
            numden: users.iter().map(|u| u.0 * u.1).sum(),
        };
        let r = read_ratio(s).unwrap();
        assert_eq!(r.ratio, 20.0);
        assert_eq!(r.inconsistent, None);
        // Delta method by hand: mx 80/3, my 4/3, vx 1900/3, vy 1/3, cxy 35/3.
        let (mx, my): (f64, f64) = (80.0 / 3.0, 4.0 / 3.0);
        let (vx, vy, cxy) = (1900.0 / 3.0, 1.0 / 3.0, 35.0 / 3.0);
        let v = vx / (my * my) + vy * mx * mx / my.powi(4) - 2.0 * cxy * mx / my.powi(3);
        assert!((r.variance - v).abs() < 1e-9);
        assert!(matches!(r.as_arm(), Arm::Continuous { n, mean, .. } if n == 3.0 && mean == 20.0));
    }
}
