//! The design page's typed form: its URL parameters, each field read and checked, and
//! the plan's input when everything it needs is valid. Percent fields are typed as
//! percent and handed to the model as fractions; a relative effect becomes absolute.

use super::plan::PlanInput;
use super::{revenue_per_visitor, Correction, Design, Hypothesis, Method, Metric};
use crate::model::form::optional;
use crate::model::input::{parse_bounded, parse_choice, parse_list, Bounds, InputError, ListError};
use crate::model::query::Values;
use crate::model::sequential::plan::{Family, Schedule, TimingError, MAX_LOOKS};

crate::params! {
    PARAMS {
        METRIC = "metric": "binary",
        P = "p": "5",
        MEAN = "mean": "100",
        SD = "sd": "150",
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
}

pub const METRIC_CHOICES: [(&str, MetricKind); 3] = [
    ("binary", MetricKind::Binary),
    ("continuous", MetricKind::Continuous),
    ("revenue", MetricKind::Revenue),
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
    pub design: Option<Design>,
    /// Daily eligible visitors and the share in the test (a fraction).
    pub traffic: Option<(f64, f64)>,
    pub plan: Option<PlanInput>,
}

/// Reads the page from its raw parameter values (`values.get(name)` gives the text).
pub fn read(values: &Values) -> DesignForm {
    let kind = parse_choice(values.get(METRIC), &METRIC_CHOICES).unwrap_or(MetricKind::Binary);
    let relative =
        parse_choice(values.get(MDE_MODE), &[("rel", true), ("abs", false)]).unwrap_or(true);
    let two_sided = parse_choice(values.get(SIDES), &[("2", true), ("1", false)]).unwrap_or(true);
    let method = parse_choice(values.get(METHOD), &Method::CHOICES).unwrap_or(Method::Unpooled);
    let p = parse_bounded(values.get(P), Bounds::OPEN_PERCENT);
    let mean = parse_bounded(values.get(MEAN), Bounds::range(-1e15, true, 1e15, true));
    let sd = parse_bounded(values.get(SD), Bounds::POSITIVE);
    let aov = parse_bounded(values.get(AOV), Bounds::POSITIVE);
    let aov_sd = parse_bounded(values.get(AOV_SD), Bounds::NON_NEGATIVE);
    let mde = parse_bounded(values.get(MDE), Bounds::POSITIVE);
    let alpha = parse_bounded(values.get(ALPHA), Bounds::OPEN_PERCENT);
    let power = parse_bounded(values.get(POWER), Bounds::OPEN_PERCENT);
    let arms = parse_bounded(
        values.get(ARMS),
        Bounds::range(2.0, true, 10.0, true).whole(),
    );
    let ratio = parse_bounded(values.get(RATIO), Bounds::range(0.0, false, 100.0, true));
    let daily = parse_bounded(values.get(DAILY), Bounds::range(0.0, false, 1e10, true));
    let share = parse_bounded(values.get(SHARE), Bounds::range(0.0, false, 100.0, true));
    let run_days = optional(
        values.get(RUN_DAYS),
        Bounds::range(0.0, false, 3650.0, true),
    );
    let run_n = optional(values.get(RUN_N), Bounds::range(0.0, false, 1e12, true));
    let looks = parse_bounded(
        values.get(LOOKS),
        Bounds::range(1.0, true, MAX_LOOKS as f64, true).whole(),
    );
    let family = parse_choice(values.get(BOUNDS), &Family::CHOICES).unwrap_or(Family::LanDemetsObf);
    let look_count = looks.map_or(1, |l| l as usize);
    let timing = (look_count > 1 && !values.get(TIMING).trim().is_empty()).then(|| {
        let shares = parse_list(
            values.get(TIMING),
            Bounds::range(0.0, false, 100.0, true),
            1,
            MAX_LOOKS,
        )
        .map_err(TimingProblem::List)?;
        if shares.len() != look_count {
            return Err(TimingProblem::Count);
        }
        let fractions: Vec<f64> = shares.iter().map(|x| x / 100.0).collect();
        Schedule::at(&fractions).map_err(|e| match e {
            TimingError::Looks | TimingError::Count => TimingProblem::Count,
            TimingError::Order => TimingProblem::Order,
        })
    });
    // One look is the fixed design; more need a valid schedule.
    let sequential = match (looks, &timing) {
        (Ok(_), _) if look_count == 1 => Some(None),
        (Ok(_), None) => Schedule::equal(look_count).ok().map(|s| Some((family, s))),
        (Ok(_), Some(Ok(s))) => Some(Some((family, *s))),
        _ => None,
    };
    let arm_count = arms.map_or(2, |a| a as u32);
    let correction =
        parse_choice(values.get(CORRECTION), &Correction::CHOICES).unwrap_or(if arm_count > 2 {
            Correction::Bonferroni
        } else {
            Correction::None
        });

    let revenue = match (kind, p, aov, aov_sd) {
        (MetricKind::Revenue, Ok(p), Ok(aov), Ok(aov_sd)) => {
            Some(revenue_per_visitor(p / 100.0, aov, aov_sd))
        }
        _ => None,
    };
    let test = parse_choice(values.get(TEST), &TEST_CHOICES).unwrap_or(TestKind::Superiority);
    let margin = parse_bounded(values.get(MARGIN), Bounds::POSITIVE);
    let expected = parse_bounded(values.get(EXPECTED), Bounds::range(-1e15, true, 1e15, true));
    let cuped = parse_bounded(values.get(CUPED), Bounds::range(0.0, true, 99.0, true));
    let superiority = test == TestKind::Superiority;
    // The test's effect: the smallest effect worth detecting, or for the margin tests
    // the true difference assumed (in the same units as the margin).
    let effect_input = if superiority { mde } else { expected };
    let metric = match kind {
        MetricKind::Binary => match (p, effect_input) {
            (Ok(p), Ok(mde)) => {
                let p1 = p / 100.0;
                let delta = if relative && superiority {
                    p1 * mde / 100.0
                } else {
                    mde / 100.0
                };
                Some(Metric::Binary {
                    p1,
                    p2: p1 + delta,
                    method,
                })
            }
            _ => None,
        },
        MetricKind::Continuous | MetricKind::Revenue => {
            let mean_sd = if kind == MetricKind::Revenue {
                revenue
            } else {
                mean.ok().zip(sd.ok())
            };
            match (mean_sd, effect_input) {
                (Some((mean, sd)), Ok(mde)) => {
                    let delta = if relative && superiority {
                        mean * mde / 100.0
                    } else {
                        mde
                    };
                    Some(Metric::Continuous { mean, sd, delta })
                }
                _ => None,
            }
        }
    };
    let units = if kind == MetricKind::Binary {
        100.0
    } else {
        1.0
    };
    let hypothesis = match (test, margin) {
        (TestKind::Superiority, _) => Some(Hypothesis::Superiority),
        (TestKind::NonInferiority, Ok(m)) => Some(Hypothesis::NonInferiority { margin: m / units }),
        (TestKind::Equivalence, Ok(m)) => Some(Hypothesis::Equivalence { margin: m / units }),
        _ => None,
    };
    let variance_factor = cuped.map(|c| 1.0 - (c / 100.0).powi(2));
    let design = match (
        metric,
        alpha,
        power,
        arms,
        ratio,
        hypothesis,
        variance_factor,
    ) {
        (
            Some(metric),
            Ok(alpha),
            Ok(power),
            Ok(_),
            Ok(ratio),
            Some(hypothesis),
            Ok(variance_factor),
        ) => Some(Design {
            metric,
            alpha: alpha / 100.0,
            power: power / 100.0,
            two_sided,
            arms: arm_count,
            correction,
            ratio,
            hypothesis,
            variance_factor,
        }),
        _ => None,
    };
    let traffic = daily.ok().zip(share.ok()).map(|(d, s)| (d, s / 100.0));
    let plan = match (design, traffic, sequential) {
        (Some(design), Some((daily, share)), Some(sequential)) => Some(PlanInput {
            design,
            daily,
            share,
            run_days: run_days.and_then(Result::ok),
            run_n: run_n.and_then(Result::ok),
            sequential,
            // What one unit of the effect is worth: an order for rates, 1 for revenue
            // per visitor; nothing to say for other means or the margin tests.
            value_per_unit: match (kind, superiority) {
                (MetricKind::Binary, true) => aov.ok(),
                (MetricKind::Revenue, true) => Some(1.0),
                _ => None,
            },
        }),
        _ => None,
    };
    DesignForm {
        kind,
        relative,
        two_sided,
        method,
        correction,
        p,
        mean,
        sd,
        aov,
        aov_sd,
        mde,
        alpha,
        power,
        arms,
        arm_count,
        ratio,
        daily,
        share,
        run_days,
        run_n,
        test,
        margin,
        expected,
        cuped,
        looks,
        family,
        timing,
        revenue,
        design,
        traffic,
        plan,
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
