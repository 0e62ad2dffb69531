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
