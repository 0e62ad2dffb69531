//! Everything the design page shows, computed in one pure call: the sizes, the
//! duration and its warnings, the effect detectable by each week, the power curve and
//! the four binary methods side by side. The page renders this; the benchmark times it.

use super::{
    ceil_clean, control_share, days, whole_week_days, Design, DesignError, Method, Metric, Sizes,
};
use crate::model::sequential::plan::{plan as sequential_plan, Family, Schedule, SeqPlan};
use crate::model::sequential::SequentialError;

/// Checked inputs of the page. `share` is a fraction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanInput {
    pub design: Design,
    pub daily: f64,
    pub share: f64,
    /// A run length to solve the other way for, in days.
    pub run_days: Option<f64>,
    /// Or a number of units in control to solve for.
    pub run_n: Option<f64>,
    /// A group-sequential plan (more than one look), or `None` for the fixed design.
    pub sequential: Option<(Family, Schedule)>,
    /// The money one unit of the effect brings (an order's value for rates), when known.
    pub value_per_unit: Option<f64>,
}

/// A sequential plan's looks in units: each look's control size and the observed
/// lift that would cross its boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct Looks {
    pub plan: SeqPlan,
    pub n_control: Vec<u64>,
    /// Absolute lift (rate difference or metric units) at the boundary; `None` where
    /// the look spends nothing.
    pub lift: Vec<Option<f64>>,
    /// The fixed design's control size, which the maximum inflates.
    pub fixed_n_control: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationWarning {
    /// Longer than eight weeks: cookies churn and novelty wears off.
    OverEightWeeks,
    /// Longer than a year: the traffic is too thin to ever finish.
    OverAYear,
}

/// The smallest detectable effect for a run length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detectable {
    pub days: f64,
    pub n_control: f64,
    /// Absolute effect (rate difference or metric units); `None` when nothing is detectable.
    pub mde_abs: Option<f64>,
    /// Relative to the baseline; `None` when undefined.
    pub mde_rel: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub sizes: Sizes,
    pub days: Option<u64>,
    /// Whole weeks, never below 7 days: weekly cycles average out.
    pub recommended_days: Option<u64>,
    pub warning: Option<DurationWarning>,
    /// Weeks 1 to 8.
    pub weeks: Vec<Detectable>,
    pub run: Option<Detectable>,
    pub run_by_n: Option<Detectable>,
    /// Power against days, 61 points from 0 to twice the duration (at least 14 days).
    pub power_curve: Vec<(f64, f64)>,
    /// Binary metrics: the same inputs under each method.
    pub methods: Vec<(Method, Result<Sizes, DesignError>)>,
    /// With more than one look: the plan, or why there is none. `sizes` and `days`
    /// then describe the maximum sample.
    pub sequential: Option<Result<Looks, SequentialError>>,
    /// With Dunnett's correction and several treatments: the sizes when each
    /// treatment group is control's size / √k, the allocation that minimises the
    /// total for many-to-one comparisons, and that ratio.
    pub dunnett_allocation: Option<(f64, Sizes)>,
    /// The extra GMV in 30 days if a treatment with exactly the detectable effect is
    /// rolled out to all daily visitors.
    pub gain_month: Option<f64>,
}

pub const CURVE_POINTS: u32 = 60;
const MAX_DAYS_SHOWN: f64 = 3650.0;

pub fn plan(input: &PlanInput) -> Result<Plan, DesignError> {
    let d = &input.design;
    let fixed = d.sizes()?;
    let sequential = input.sequential.map(|(family, schedule)| {
        let seq = sequential_plan(family, &schedule, fixed.alpha_used, d.power, d.two_sided)?;
        let raw = fixed.raw * seq.inflation;
        // E[Z] at the last look with the planned effect; each look's share of it.
        let drift = (fixed.z_alpha + fixed.z_beta) * seq.inflation.sqrt();
        let effect = d.effect();
        Ok(Looks {
            n_control: seq
                .times
                .iter()
                .map(|t| ceil_clean(t * raw) as u64)
                .collect(),
            lift: seq
                .times
                .iter()
                .zip(&seq.z)
                .map(|(t, z)| z.is_finite().then(|| effect * z / (drift * t.sqrt())))
                .collect(),
            fixed_n_control: fixed.n_control,
            plan: seq,
        })
    });
    let sizes = match &sequential {
        Some(Ok(looks)) => fixed.inflated(looks.plan.inflation, d.ratio, d.arms),
        _ => fixed,
    };
    let per_day = input.daily * input.share;
    let per_day_control = per_day * control_share(d.arms, d.ratio);
    let days = days(sizes.n_total, input.daily, input.share);
    let recommended_days = days.map(whole_week_days);
    let warning = match days {
        Some(n) if n > 365 => Some(DurationWarning::OverAYear),
        Some(n) if n > 56 => Some(DurationWarning::OverEightWeeks),
        _ => None,
    };
    let detectable_n = |days: f64, n_control: f64| {
        let mde_abs = d.mde_at(n_control).ok();
        let baseline = d.baseline();
        Detectable {
            days,
            n_control,
            mde_abs,
            mde_rel: mde_abs
                .filter(|_| baseline != 0.0)
                .map(|m| m / baseline.abs()),
        }
    };
    let detectable = |run_days: f64| detectable_n(run_days, run_days * per_day_control);
    let run_by_n = input.run_n.map(|n| detectable_n(n / per_day_control, n));
    let weeks = (1..=8).map(|w| detectable(f64::from(w) * 7.0)).collect();
    let run = input.run_days.map(detectable);
    let last = days.map_or(14.0, |n| (n as f64 * 2.0).clamp(14.0, MAX_DAYS_SHOWN));
    let power_curve = (0..=CURVE_POINTS)
        .map(|i| {
            let day = last * f64::from(i) / f64::from(CURVE_POINTS);
            (day, d.power_at(day * per_day_control).unwrap_or(f64::NAN))
        })
        .collect();
    let methods = match d.metric {
        Metric::Binary { p1, p2, .. } => Method::ALL
            .iter()
            .map(|&method| {
                (
                    method,
                    Design {
                        metric: Metric::Binary { p1, p2, method },
                        ..*d
                    }
                    .sizes(),
                )
            })
            .collect(),
        Metric::Continuous { .. } => Vec::new(),
    };
    let k = d.arms.saturating_sub(1);
    let dunnett_allocation = (d.correction == super::Correction::Dunnett && k > 1)
        .then(|| {
            let ratio = 1.0 / f64::from(k).sqrt();
            Design { ratio, ..*d }.sizes().ok().map(|s| (ratio, s))
        })
        .flatten();
    let gain_month = input
        .value_per_unit
        .map(|v| input.daily * d.effect() * v * 30.0);
    Ok(Plan {
        gain_month,
        dunnett_allocation,
        sizes,
        days,
        recommended_days,
        warning,
        weeks,
        run,
        run_by_n,
        power_curve,
        methods,
        sequential,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(p1: f64, p2: f64, daily: f64) -> PlanInput {
        PlanInput {
            design: Design::two_rates(p1, p2),
            daily,
            share: 1.0,
            run_days: Some(21.0),
            run_n: Some(31_231.0),
            sequential: None,
            value_per_unit: None,
        }
    }

    #[test]
    fn a_sequential_plan_inflates_the_sample_and_names_each_look() {
        let mut i = input(0.05, 0.055, 10_000.0);
        let fixed = plan(&i).map(|p| p.sizes.n_control).unwrap_or(0);
        i.sequential = Schedule::equal(4).ok().map(|s| (Family::Pocock, s));
        let p = plan(&i).expect("plan");
        let looks = p.sequential.clone().expect("sequential").expect("looks");
        // Pocock, 4 looks: R = 1.202.
        let want = (31_230.1_f64 * 1.2025).ceil();
        assert!(
            (p.sizes.n_control as f64 - want).abs() / want < 1e-3,
            "{} vs {want}",
            p.sizes.n_control
        );
        assert_eq!(looks.fixed_n_control, fixed);
        assert_eq!(looks.n_control.last().copied(), Some(p.sizes.n_control));
        assert!(looks.n_control.windows(2).all(|w| w[1] > w[0]));
        // The lift that crosses at the last look is a little below the planned
        // effect (the test is powered for it), and earlier looks need more.
        let lifts: Vec<f64> = looks.lift.iter().map(|l| l.unwrap_or(f64::NAN)).collect();
        assert!(lifts[3] < 0.005 && lifts[3] > 0.003, "{lifts:?}");
        assert!(lifts.windows(2).all(|w| w[0] > w[1]));
        assert_eq!(p.days, days(p.sizes.n_total, 10_000.0, 1.0));
    }

    #[test]
    fn the_worked_example_plans_as_published() {
        let p = plan(&input(0.05, 0.055, 10_000.0));
        let p = p.as_ref().map(|p| {
            (
                p.sizes.n_control,
                p.days,
                p.recommended_days,
                p.warning,
                p.weeks.len(),
                p.power_curve.len(),
            )
        });
        assert_eq!(p, Ok((31231, Some(7), Some(7), None, 8, 61)));
    }

    #[test]
    fn low_traffic_shop_warns() {
        // 0.8 % baseline, +10 % relative, 300 visitors a day: years.
        let p = plan(&input(0.008, 0.0088, 300.0))
            .map(|p| (p.warning, p.recommended_days.map(|d| d % 7)));
        assert_eq!(p, Ok((Some(DurationWarning::OverAYear), Some(0))));
        let p = plan(&input(0.03, 0.0354, 500.0)).map(|p| (p.warning, p.days));
        assert_eq!(p, Ok((Some(DurationWarning::OverEightWeeks), Some(69))));
    }

    #[test]
    fn weeks_table_shrinks_and_matches_the_design() {
        let p = plan(&input(0.05, 0.055, 10_000.0)).expect("plan");
        let mdes: Vec<f64> = p.weeks.iter().filter_map(|w| w.mde_abs).collect();
        assert_eq!(mdes.len(), 8);
        assert!(mdes.windows(2).all(|w| matches!(w, [a, b] if b < a)));
        // One week gives 35,000 per arm, more than the 31,231 needed for 0.5 points.
        assert!(mdes[0] < 0.005 && mdes[0] > 0.0045);
        let run = p.run.expect("run");
        assert!((run.n_control - 105_000.0).abs() < 1e-6);
        assert!(run
            .mde_rel
            .is_some_and(|r| (r - run.mde_abs.unwrap_or(0.0) / 0.05).abs() < 1e-15));
        assert_eq!(p.methods.len(), 4);
        // The designed size detects the designed effect.
        let by_n = p.run_by_n.expect("by n");
        assert!(
            by_n.mde_abs.is_some_and(|m| m <= 0.005 && m > 0.00499),
            "{by_n:?}"
        );
        assert!((by_n.days - 31_231.0 / 5_000.0).abs() < 1e-12);
    }
}
