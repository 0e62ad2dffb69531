//! What the significance page's analysis takes: the arms' checked data and the
//! choices made on the page. Every test module reads these types and none of them
//! reads another's, so the analysis has no import cycle.

/// One arm's checked data; arm 0 is control.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arm {
    /// `x` conversions out of `n` visitors, `0 ≤ x ≤ n`, `n > 0`.
    Binary { n: f64, x: f64 },
    /// `n ≥ 2` units with this mean and standard deviation (> 0).
    Continuous { n: f64, mean: f64, sd: f64 },
}

impl Arm {
    pub fn n(&self) -> f64 {
        match *self {
            Arm::Binary { n, .. } | Arm::Continuous { n, .. } => n,
        }
    }

    /// The conversion rate or the mean.
    pub fn level(&self) -> f64 {
        match *self {
            Arm::Binary { n, x } => x / n,
            Arm::Continuous { mean, .. } => mean,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzeInput {
    pub arms: Vec<Arm>,
    pub alpha: f64,
    pub two_sided: bool,
    pub correction: Adjust,
    /// Planned allocation weights; equal when `None`.
    pub split: Option<Vec<f64>>,
    /// Always-valid results too, tuned to this many units (both groups).
    pub always_valid: Option<f64>,
    /// A non-inferiority or equivalence test against this margin (lift units).
    pub margin: Option<(MarginKind, f64)>,
    /// What the test was planned for, which a running test is read against.
    pub plan: RunningPlan,
    /// The arms are ratios of per-user sums read as means (`ratio::RatioArm`): the
    /// relative interval and its p-value then use Welch's t, as gbstats' ratio test.
    pub ratio: bool,
    /// CUPED: each arm's unadjusted mean (the arms hold the adjusted ones). Relative
    /// lifts divide by control's, and the relative interval and its p-value use
    /// Welch's t, as gbstats' adjusted test.
    pub unadjusted: Option<Vec<f64>>,
}

/// The plan a running test is read against (`mde`, `power`, `daily`, `win_rate`,
/// `prior_sd`); a field the page could not read is `None` and only the figures
/// that need it are left out. Fractions throughout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunningPlan {
    /// The relative effect the test was planned to detect.
    pub mde_rel: Option<f64>,
    pub power: Option<f64>,
    /// Visitors a day entering the test, all arms together.
    pub daily: Option<f64>,
    /// Share of the team's past tests whose change really worked.
    pub win_rate: Option<f64>,
    /// Sd of a normal prior of relative effects centred on 0.
    pub prior_sd: Option<f64>,
    /// A planned sequential test's maximum per group: "more" runs up to it.
    pub max_per_group: Option<f64>,
}

impl Default for RunningPlan {
    fn default() -> Self {
        RunningPlan {
            mde_rel: Some(0.10),
            power: Some(0.8),
            daily: None,
            win_rate: Some(0.10),
            prior_sd: None,
            max_per_group: None,
        }
    }
}

/// Which margin test a non-inferiority or equivalence reading runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarginKind {
    NonInferiority,
    Equivalence,
}

/// How p-values of several comparisons are adjusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adjust {
    None,
    Holm,
    Bonferroni,
    /// Single-step many-to-one adjustment (needs the arms' sizes: `report::analyze`).
    Dunnett,
}

impl Adjust {
    pub const CHOICES: [(&'static str, Adjust); 4] = [
        ("none", Adjust::None),
        ("holm", Adjust::Holm),
        ("bonferroni", Adjust::Bonferroni),
        ("dunnett", Adjust::Dunnett),
    ];
}
