//! The design page's typed form: its URL parameters, each field read and checked, and
//! the plan's input when everything it needs is valid. Percent fields are typed as
//! percent and handed to the model as fractions; a relative effect becomes absolute.

use super::plan::PlanInput;
use super::{revenue_per_visitor, Correction, Design, Hypothesis, Method, Metric};
use crate::model::analyze::ratio::planned_ratio;
use crate::model::form::{blocking, optional, PageForm};
use crate::model::input::{parse_bounded, parse_choice, parse_list, Bounds, InputError, ListError};
use crate::model::query::{Param, Values};
use crate::model::sequential::plan::{Family, Schedule, TimingError, MAX_LOOKS};

crate::params! {
    PARAMS {
        METRIC = "metric": "binary",
        P = "p": "5",
        MEAN = "mean": "100",
        SD = "sd": "150",
        /// `metric=ratio`: the denominator per user (mean, sd) and its correlation
        /// with the numerator (%), beside `mean` and `sd` for the numerator.
        DEN_MEAN = "den_mean": "0.8",
        DEN_SD = "den_sd": "1.1",
        CORR = "corr": "60",
        /// Order value: needed for the revenue metric; with conversion rates, what the
        /// detectable lift is worth.
        AOV = "aov": "",
        AOV_SD = "aov_sd": "220",
        MDE = "mde": "10",
        MDE_MODE = "mde_mode": "rel",
        ALPHA = "alpha": "5",
        POWER = "power": "80",
        SIDES = "sides": "2",
        ARMS = "arms": "2",
        /// Empty: Bonferroni when there are more than two arms, none otherwise.
        CORRECTION = "correction": "",
        RATIO = "ratio": "1",
        METHOD = "method": "unpooled",
        DAILY = "daily": "10000",
        SHARE = "share": "100",
        RUN_DAYS = "run_days": "",
        RUN_N = "run_n": "",
        /// Analyses during the test: 1 is the fixed design.
        LOOKS = "looks": "1",
        BOUNDS = "bounds": "ld_obf",
        /// Cumulative % of the final sample at each look; empty: equally spaced.
        TIMING = "timing": "",
        /// `superiority`, `noninferiority` or `equivalence`.
        TEST = "test": "superiority",
        /// The margin: percentage points (rates) or metric units.
        MARGIN = "margin": "",
        /// The true difference assumed for non-inferiority and equivalence.
        EXPECTED = "expected": "0",
        /// Correlation between the metric and its pre-period value, %.
        CUPED = "cuped": "0",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKind {
    Superiority,
    NonInferiority,
    Equivalence,
}

pub const TEST_CHOICES: [(&str, TestKind); 3] = [
    ("superiority", TestKind::Superiority),
    ("noninferiority", TestKind::NonInferiority),
    ("equivalence", TestKind::Equivalence),
];

/// Why the looks of a sequential plan cannot be used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimingProblem {
    List(ListError),
    /// Shares not rising, or not ending at 100 %.
    Order,
    /// Not one share per look.
    Count,
}

/// The training material's examples, as queries.
pub const PRESETS: [&str; 3] = [
    "p=3&mde=18",
    "p=0.8&daily=300",
    "metric=continuous&mean=150&sd=220&mde=5",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MetricKind {
    Binary,
    Continuous,
    /// A mean whose standard deviation is derived from conversion and order values.
    Revenue,
    /// A ratio of per-user means (客单价 = GMV / orders), tested per user.
    Ratio,
}

pub const METRIC_CHOICES: [(&str, MetricKind); 4] = [
    ("binary", MetricKind::Binary),
    ("continuous", MetricKind::Continuous),
    ("revenue", MetricKind::Revenue),
    ("ratio", MetricKind::Ratio),
];

type Read = Result<f64, InputError>;

/// Every field of the page as read, and the model's input when they allow one.
#[derive(Clone, Debug, PartialEq)]
pub struct DesignForm {
    pub kind: MetricKind,
    /// The effect is relative to the baseline (else absolute: points or units).
    pub relative: bool,
    pub two_sided: bool,
    pub method: Method,
    pub correction: Correction,
    pub p: Read,
    pub mean: Read,
    pub sd: Read,
    pub aov: Read,
    pub aov_sd: Read,
    pub den_mean: Read,
    pub den_sd: Read,
    /// The correlation of numerator and denominator, %.
    pub corr: Read,
    pub mde: Read,
    pub alpha: Read,
    pub power: Read,
    pub arms: Read,
    /// The arm count used (2 while the field is invalid).
    pub arm_count: u32,
    pub ratio: Read,
    pub daily: Read,
    pub share: Read,
    /// `None` when left empty.
    pub run_days: Option<Read>,
    pub run_n: Option<Read>,
    pub test: TestKind,
    /// For non-inferiority and equivalence.
    pub margin: Read,
    pub expected: Read,
    /// CUPED correlation, %.
    pub cuped: Read,
    pub looks: Read,
    pub family: Family,
    /// The timing as read, when one is typed (and there is more than one look).
    pub timing: Option<Result<Schedule, TimingProblem>>,
    /// Revenue per visitor (mean, standard deviation) for the revenue metric.
    pub revenue: Option<(f64, f64)>,
    /// The ratio and its per-user sd (delta method); `None` unless the metric is a ratio.
    pub planned_ratio: Option<(f64, f64)>,
    pub design: Option<Design>,
    /// Daily eligible visitors and the share in the test (a fraction).
    pub traffic: Option<(f64, f64)>,
    pub plan: Option<PlanInput>,
}

/// Reads the page from its raw parameter values.
pub fn read(values: &Values) -> DesignForm {
    let kind = parse_choice(values.get(METRIC), &METRIC_CHOICES).unwrap_or(MetricKind::Binary);
    let p = parse_bounded(values.get(P), Bounds::OPEN_PERCENT);
    let aov = parse_bounded(values.get(AOV), Bounds::POSITIVE);
    let aov_sd = parse_bounded(values.get(AOV_SD), Bounds::NON_NEGATIVE);
    let arms = parse_bounded(
        values.get(ARMS),
        Bounds::range(2.0, true, 10.0, true).whole(),
    );
    let arm_count = arms.map_or(2, |a| a as u32);
    let looks = parse_bounded(
        values.get(LOOKS),
        Bounds::range(1.0, true, MAX_LOOKS as f64, true).whole(),
    );
    let amount = Bounds::range(-1e15, true, 1e15, true);
    let mut form = DesignForm {
        kind,
        relative: parse_choice(values.get(MDE_MODE), &[("rel", true), ("abs", false)])
            .unwrap_or(true),
        two_sided: parse_choice(values.get(SIDES), &[("2", true), ("1", false)]).unwrap_or(true),
        method: parse_choice(values.get(METHOD), &Method::CHOICES).unwrap_or(Method::Unpooled),
        correction: parse_choice(values.get(CORRECTION), &Correction::CHOICES).unwrap_or(
            if arm_count > 2 {
                Correction::Bonferroni
            } else {
                Correction::None
            },
        ),
        p,
        mean: parse_bounded(values.get(MEAN), amount),
        sd: parse_bounded(values.get(SD), Bounds::POSITIVE),
        aov,
        aov_sd,
        den_mean: parse_bounded(values.get(DEN_MEAN), amount),
        den_sd: parse_bounded(values.get(DEN_SD), Bounds::NON_NEGATIVE),
        corr: parse_bounded(values.get(CORR), Bounds::range(-99.0, true, 99.0, true)),
        mde: parse_bounded(values.get(MDE), Bounds::POSITIVE),
        alpha: parse_bounded(values.get(ALPHA), Bounds::OPEN_PERCENT),
        power: parse_bounded(values.get(POWER), Bounds::OPEN_PERCENT),
        arms,
        arm_count,
        ratio: parse_bounded(values.get(RATIO), Bounds::range(0.0, false, 100.0, true)),
        daily: parse_bounded(values.get(DAILY), Bounds::range(0.0, false, 1e10, true)),
        share: parse_bounded(values.get(SHARE), Bounds::range(0.0, false, 100.0, true)),
        run_days: optional(
            values.get(RUN_DAYS),
            Bounds::range(0.0, false, 3650.0, true),
        ),
        run_n: optional(values.get(RUN_N), Bounds::range(0.0, false, 1e12, true)),
        test: parse_choice(values.get(TEST), &TEST_CHOICES).unwrap_or(TestKind::Superiority),
        margin: parse_bounded(values.get(MARGIN), Bounds::POSITIVE),
        expected: parse_bounded(values.get(EXPECTED), amount),
        cuped: parse_bounded(values.get(CUPED), Bounds::range(0.0, true, 99.0, true)),
        looks,
        family: parse_choice(values.get(BOUNDS), &Family::CHOICES).unwrap_or(Family::LanDemetsObf),
        timing: read_timing(values.get(TIMING), looks.map_or(1, |l| l as usize)),
        revenue: match (kind, p, aov, aov_sd) {
            (MetricKind::Revenue, Ok(p), Ok(aov), Ok(aov_sd)) => {
                Some(revenue_per_visitor(p / 100.0, aov, aov_sd))
            }
            _ => None,
        },
        planned_ratio: None,
        design: None,
        traffic: None,
        plan: None,
    };
    if kind == MetricKind::Ratio {
        if form.den_mean == Ok(0.0) {
            form.den_mean = Err(InputError::TooSmall {
                min: 0.0,
                inclusive: false,
            });
        }
        form.planned_ratio = match (form.mean, form.den_mean, form.sd, form.den_sd, form.corr) {
            (Ok(mx), Ok(my), Ok(sx), Ok(sy), Ok(c)) => planned_ratio(mx, my, sx, sy, c / 100.0),
            _ => None,
        };
    }
    form.design = form.design_input();
    form.traffic = form
        .daily
        .ok()
        .zip(form.share.ok())
        .map(|(d, s)| (d, s / 100.0));
    form.plan = form.plan_input();
    form
}

/// The typed timing of `looks` looks (cumulative % of the final sample), when one is
/// typed and there is more than one look.
fn read_timing(raw: &str, looks: usize) -> Option<Result<Schedule, TimingProblem>> {
    (looks > 1 && !raw.trim().is_empty()).then(|| {
        let shares = parse_list(raw, Bounds::range(0.0, false, 100.0, true), 1, MAX_LOOKS)
            .map_err(TimingProblem::List)?;
        if shares.len() != looks {
            return Err(TimingProblem::Count);
        }
        let fractions: Vec<f64> = shares.iter().map(|x| x / 100.0).collect();
        Schedule::at(&fractions).map_err(|e| match e {
            TimingError::Looks | TimingError::Count => TimingProblem::Count,
            TimingError::Order => TimingProblem::Order,
        })
    })
}

impl DesignForm {
    fn superiority(&self) -> bool {
        self.test == TestKind::Superiority
    }

    /// The test's effect: the smallest effect worth detecting, or for the margin tests
    /// the true difference assumed (in the same units as the margin).
    fn effect(&self) -> Read {
        if self.superiority() {
            self.mde
        } else {
            self.expected
        }
    }

    /// Mean and standard deviation of a mean metric (typed, or revenue per visitor).
    fn mean_sd(&self) -> Option<(f64, f64)> {
        match self.kind {
            MetricKind::Revenue => self.revenue,
            MetricKind::Ratio => self.planned_ratio,
            _ => self.mean.ok().zip(self.sd.ok()),
        }
    }

    fn metric(&self) -> Option<Metric> {
        let effect = self.effect().ok()?;
        let scaled = self.relative && self.superiority();
        Some(match self.kind {
            MetricKind::Binary => {
                let p1 = self.p.ok()? / 100.0;
                let delta = if scaled { p1 * effect } else { effect } / 100.0;
                Metric::Binary {
                    p1,
                    p2: p1 + delta,
                    method: self.method,
                }
            }
            MetricKind::Continuous | MetricKind::Revenue | MetricKind::Ratio => {
                let (mean, sd) = self.mean_sd()?;
                let delta = if scaled {
                    mean * effect / 100.0
                } else {
                    effect
                };
                Metric::Continuous { mean, sd, delta }
            }
        })
    }

    fn hypothesis(&self) -> Option<Hypothesis> {
        let units = if self.kind == MetricKind::Binary {
            100.0
        } else {
            1.0
        };
        Some(match self.test {
            TestKind::Superiority => Hypothesis::Superiority,
            TestKind::NonInferiority => Hypothesis::NonInferiority {
                margin: self.margin.ok()? / units,
            },
            TestKind::Equivalence => Hypothesis::Equivalence {
                margin: self.margin.ok()? / units,
            },
        })
    }

    fn design_input(&self) -> Option<Design> {
        self.arms.ok()?;
        Some(Design {
            metric: self.metric()?,
            alpha: self.alpha.ok()? / 100.0,
            power: self.power.ok()? / 100.0,
            two_sided: self.two_sided,
            arms: self.arm_count,
            correction: self.correction,
            ratio: self.ratio.ok()?,
            hypothesis: self.hypothesis()?,
            variance_factor: 1.0 - (self.cuped.ok()? / 100.0).powi(2),
        })
    }

    /// `Some(None)` for the fixed design; more looks need a valid schedule.
    fn sequential(&self) -> Option<Option<(Family, Schedule)>> {
        let looks = self.looks.ok()? as usize;
        if looks == 1 {
            return Some(None);
        }
        let schedule = match &self.timing {
            None => Schedule::equal(looks).ok()?,
            Some(timing) => *timing.as_ref().ok()?,
        };
        Some(Some((self.family, schedule)))
    }

    fn plan_input(&self) -> Option<PlanInput> {
        let (daily, share) = self.traffic?;
        Some(PlanInput {
            design: self.design?,
            daily,
            share,
            run_days: self.run_days.and_then(Result::ok),
            run_n: self.run_n.and_then(Result::ok),
            sequential: self.sequential()?,
            // What one unit of the effect is worth: an order for rates, 1 for revenue
            // per visitor; nothing to say for other means or the margin tests.
            value_per_unit: match (self.kind, self.superiority()) {
                (MetricKind::Binary, true) => self.aov.ok(),
                (MetricKind::Revenue, true) => Some(1.0),
                _ => None,
            },
        })
    }
}

impl PageForm for DesignForm {
    type Input = PlanInput;
    const PARAMS: &'static [Param] = PARAMS;

    fn read(values: &Values) -> Self {
        read(values)
    }

    fn input(&self) -> Option<&PlanInput> {
        self.plan.as_ref()
    }

    fn blocked(&self) -> Vec<&'static str> {
        let binary = self.kind == MetricKind::Binary;
        let revenue = self.kind == MetricKind::Revenue;
        let (moments, ratio) = (
            self.kind == MetricKind::Continuous,
            self.kind == MetricKind::Ratio,
        );
        let superiority = self.superiority();
        let several_looks = self.looks.is_ok_and(|l| l > 1.0);
        blocking(&[
            ((binary || revenue) && self.p.is_err(), P),
            ((moments || ratio) && self.mean.is_err(), MEAN),
            ((moments || ratio) && self.sd.is_err(), SD),
            (ratio && self.den_mean.is_err(), DEN_MEAN),
            (ratio && self.den_sd.is_err(), DEN_SD),
            (ratio && self.corr.is_err(), CORR),
            (revenue && self.aov.is_err(), AOV),
            (revenue && self.aov_sd.is_err(), AOV_SD),
            (superiority && self.mde.is_err(), MDE),
            (!superiority && self.expected.is_err(), EXPECTED),
            (!superiority && self.margin.is_err(), MARGIN),
            (self.alpha.is_err(), ALPHA),
            (self.power.is_err(), POWER),
            (self.arms.is_err(), ARMS),
            (self.ratio.is_err(), RATIO),
            (self.cuped.is_err(), CUPED),
            (self.daily.is_err(), DAILY),
            (self.share.is_err(), SHARE),
            (self.looks.is_err(), LOOKS),
            (several_looks && matches!(self.timing, Some(Err(_))), TIMING),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Values;

    fn form(query: &str) -> DesignForm {
        let values = Values::from_query(PARAMS, query);
        read(&values)
    }

    #[test]
    fn what_the_detectable_effect_is_worth() {
        // The spec's public check: 10,000 a day × (3 % × 18 %) × 150 × 30 = 243,000.
        let f = form("p=3&mde=18&daily=10000&aov=150");
        let gain = f
            .plan
            .and_then(|p| super::super::plan::plan(&p).ok())
            .and_then(|p| p.gain_month);
        assert!(
            gain.is_some_and(|g| (g - 243_000.0).abs() < 1e-6),
            "{gain:?}"
        );
        // Absent without an order value, and for other means or margin tests.
        for q in [
            "p=3&mde=18&daily=10000",
            "metric=continuous&aov=150",
            "test=noninferiority&margin=1&aov=150",
        ] {
            let plan = form(q).plan.and_then(|p| super::super::plan::plan(&p).ok());
            assert_eq!(plan.map(|p| p.gain_month), Some(None), "{q}");
        }
    }

    #[test]
    fn a_ratio_is_sized_per_user_with_its_delta_method_variance() {
        // 客单价 100 GMV / 0.8 orders a user (sd 150 and 1.1, correlation 60 %), +5 %:
        // V = 26,025.39, n = (z 0.975 + z 0.8)² V · 2 / 6.25² = 10,458.6 → 10,459 (scipy).
        let f = form("metric=ratio&mean=100&sd=150&den_mean=0.8&den_sd=1.1&corr=60&mde=5");
        let (ratio, sd) = f.planned_ratio.expect("a ratio");
        assert_eq!(ratio, 125.0);
        assert!((sd * sd - 26_025.390_625).abs() < 1e-6);
        let plan = f.plan.and_then(|p| super::super::plan::plan(&p).ok());
        assert_eq!(plan.map(|p| p.sizes.n_control), Some(10_459));
        // A denominator of 0 or a correlation outside −99..99 is refused at its field.
        assert!(form("metric=ratio&den_mean=0").den_mean.is_err());
        assert!(form("metric=ratio&den_mean=0").design.is_none());
        assert!(form("metric=ratio&corr=100").corr.is_err());
        assert!(form("metric=ratio&corr=100").blocked().contains(&CORR));
    }

    #[test]
    fn defaults_make_a_binary_plan_in_fractions() {
        let f = form("");
        let plan = f.plan.expect("the defaults are valid");
        assert_eq!(
            plan.design.metric,
            Metric::Binary {
                p1: 0.05,
                p2: 0.05 + 0.05 * 10.0 / 100.0,
                method: Method::Unpooled
            }
        );
        assert_eq!(plan.design.alpha, 0.05);
        assert_eq!(plan.design.power, 0.8);
        assert_eq!((plan.daily, plan.share), (10_000.0, 1.0));
        assert_eq!((plan.run_days, plan.run_n), (None, None));
        assert_eq!(f.correction, Correction::None);
    }

    #[test]
    fn absolute_effects_are_points_or_units() {
        let f = form("p=20&mde=5&mde_mode=abs&method=baseline");
        assert!(matches!(
            f.design.map(|d| d.metric),
            Some(Metric::Binary { p1, p2, method: Method::Baseline }) if p1 == 0.2 && (p2 - 0.25).abs() < 1e-15
        ));
        let f = form("metric=continuous&mean=150&sd=220&mde=7.5&mde_mode=abs");
        assert_eq!(
            f.design.map(|d| d.metric),
            Some(Metric::Continuous {
                mean: 150.0,
                sd: 220.0,
                delta: 7.5
            })
        );
    }

    #[test]
    fn revenue_per_visitor_comes_from_conversion_and_order_values() {
        let f = form("metric=revenue&p=3&aov=150&aov_sd=220&mde=5");
        let (mean, sd) = f.revenue.expect("revenue metric");
        assert!((mean - 4.5).abs() < 1e-12);
        assert!(
            (sd - (0.03 * 220.0f64.powi(2) + 0.03 * 0.97 * 150.0f64.powi(2)).sqrt()).abs() < 1e-12
        );
        assert!(
            matches!(f.design.map(|d| d.metric), Some(Metric::Continuous { delta, .. }) if (delta - 0.225).abs() < 1e-12)
        );
    }

    #[test]
    fn each_bad_field_has_its_error_and_blocks_the_plan() {
        let f = form("p=150&alpha=abc&arms=1&daily=0");
        assert_eq!(
            f.p,
            Err(InputError::TooLarge {
                max: 100.0,
                inclusive: false
            })
        );
        assert_eq!(f.alpha, Err(InputError::NotANumber));
        assert_eq!(
            f.arms,
            Err(InputError::TooSmall {
                min: 2.0,
                inclusive: true
            })
        );
        assert!(f.daily.is_err());
        assert_eq!(f.arm_count, 2);
        assert_eq!((f.design, f.plan), (None, None));
        // Traffic alone being wrong still leaves the sizes.
        let f = form("daily=x");
        assert!(f.design.is_some() && f.plan.is_none());
    }

    #[test]
    fn more_arms_correct_by_default_and_runs_are_optional() {
        let f = form("arms=4");
        assert_eq!(f.correction, Correction::Bonferroni);
        assert_eq!(
            form("arms=4&correction=sidak").correction,
            Correction::Sidak
        );
        let f = form("run_days=21&run_n=abc&share=50");
        assert_eq!(f.run_days, Some(Ok(21.0)));
        assert_eq!(f.run_n, Some(Err(InputError::NotANumber)));
        let plan = f.plan.expect("valid");
        assert_eq!(
            (plan.run_days, plan.run_n, plan.share),
            (Some(21.0), None, 0.5)
        );
        assert_eq!(form("run_days=%20").run_days, None);
    }
}
