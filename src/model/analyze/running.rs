//! A running test: what it still needs to reach a verdict, and how far to believe a
//! win (`shared/spec/links.md`, "Additions (third release)", first section). Every
//! function here is a formula the spec names, over the same tests the page reports,
//! so that the answer and the p-value beside it can never disagree.

use super::input::{Adjust, AnalyzeInput, Arm};
use super::intervals::relative_se;
use super::two_proportion;
use crate::model::design::{Correction, Design, Method, Metric};
use crate::model::stats::{normal_cdf, normal_density, normal_sf, z_quantile};

/// One comparison of a running test read against its plan: what it still needs and
/// how far to believe it. Every field is `None` where the spec leaves it out (a
/// figure of the plan the page could not read, conversions of a mean).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Running {
    /// The fewest conversions the arm needs out of its current visitors.
    pub need_conversions: Option<u64>,
    /// Of those, how many it has not got yet.
    pub need_more: Option<u64>,
    /// Extra control visitors (units) to the planned power; the arm needs this × its
    /// share.
    pub more_visitors: Option<f64>,
    pub false_positive_risk: Option<f64>,
    /// The power the test has now for the planned effect, with the observed standard
    /// error (the power behind the sign error and the exaggeration).
    pub power: Option<f64>,
    pub type_s: Option<f64>,
    pub exaggeration: Option<f64>,
    /// The relative lift shrunk by the prior (with `prior_sd`).
    pub lift_shrunk: Option<f64>,
}

/// The correction the detectable effect and the running test's figures share: with
/// several arms and a correction on, Bonferroni over the comparisons.
pub fn comparison_correction(input: &AnalyzeInput) -> Correction {
    if input.arms.len() > 2 && input.correction != Adjust::None {
        Correction::Bonferroni
    } else {
        Correction::None
    }
}

/// The per-comparison alpha under `comparison_correction` and its critical value.
pub fn comparison_alpha(input: &AnalyzeInput) -> (f64, f64) {
    let k = u32::try_from(input.arms.len().saturating_sub(1)).unwrap_or(u32::MAX);
    let alpha = comparison_correction(input).per_comparison_alpha(input.alpha, k);
    let z = z_quantile(if input.two_sided {
        1.0 - alpha / 2.0
    } else {
        1.0 - alpha
    });
    (alpha, z)
}

/// `arm` against `control` read against the input's plan.
pub fn read_running(
    control: Arm,
    arm: Arm,
    input: &AnalyzeInput,
    lift_rel: Option<f64>,
) -> Running {
    let plan = input.plan;
    let two = input.two_sided;
    let (alpha, z) = comparison_alpha(input);
    let (n0, n1) = (control.n(), arm.n());
    // Per-unit variances: observed (for the standard error of the estimate) and
    // at the planned effect (for the power behind the false-positive risk).
    let (level, v0, v1, planned_v1) = match (control, arm) {
        (Arm::Binary { x: x0, .. }, Arm::Binary { x: x1, .. }) => {
            let (r0, r1) = (x0 / n0, x1 / n1);
            let p2 = plan.mde_rel.map(|m| r0 * (1.0 + m));
            (
                r0,
                r0 * (1.0 - r0),
                r1 * (1.0 - r1),
                p2.map(|p| p * (1.0 - p)),
            )
        }
        (Arm::Continuous { mean, sd: s0, .. }, Arm::Continuous { sd: s1, .. }) => {
            (mean, s0 * s0, s1 * s1, Some(s1 * s1))
        }
        _ => return Running::default(),
    };
    let effect = plan.mde_rel.map(|m| m * level.abs());
    let se = (v0 / n0 + v1 / n1).sqrt();
    let power = match (effect, planned_v1) {
        (Some(a), Some(v)) if a > 0.0 => {
            let s = (v0 / n0 + v / n1).sqrt();
            (s > 0.0).then(|| normal_cdf(a / s - z))
        }
        _ => None,
    };
    let errors = effect.and_then(|a| design_errors(a, se, z, two));
    let (need_conversions, need_more) = match (control, arm) {
        (Arm::Binary { n: n0, x: x0 }, Arm::Binary { n: n1, x: x1 }) => {
            let k = need_conversions(n0 as u64, x0 as u64, n1 as u64, alpha, two);
            (k, k.map(|k| k.saturating_sub(x1 as u64)))
        }
        _ => (None, None),
    };
    let ratio = n1 / n0;
    let more_visitors = match plan.max_per_group {
        Some(max) => Some((max - n0).max(0.0)),
        None => match (plan.mde_rel, plan.power) {
            (Some(m), Some(pw)) => match control {
                Arm::Binary { .. } => more_visitors(level, m, alpha, pw, two, ratio, n0),
                Arm::Continuous { mean, sd, .. } => {
                    more_units(mean, sd, m, alpha, pw, two, ratio, n0)
                }
            },
            _ => None,
        },
    };
    // The delta-method error behind the relative interval.
    let shrunk = match (plan.prior_sd, lift_rel) {
        (Some(tau), Some(lift)) => relative_se(n0, level, v0.sqrt(), n1, arm.level(), v1.sqrt())
            .map(|se| shrunk_lift(lift, se, tau)),
        _ => None,
    };
    Running {
        need_conversions,
        need_more,
        more_visitors,
        false_positive_risk: power
            .zip(plan.win_rate)
            .map(|(pw, pi)| false_positive_risk(alpha, two, pw, pi)),
        power: errors.map(|e| e.power),
        type_s: errors.map(|e| e.type_s),
        exaggeration: errors.map(|e| e.exaggeration),
        lift_shrunk: shrunk,
    }
}

/// The largest extra control visitors over the comparisons: the run every arm
/// needs. `None` unless every comparison has its figure.
pub fn most_more_visitors(running: &[Running]) -> Option<f64> {
    running
        .iter()
        .map(|r| r.more_visitors)
        .collect::<Option<Vec<f64>>>()
        .map(|more| more.into_iter().fold(0.0, f64::max))
}

/// Whole days until every arm has the `most` extra control visitors, grown over
/// all arms at the current split, at the input's `daily`.
pub fn days_to_plan(input: &AnalyzeInput, most: Option<f64>) -> Option<u64> {
    let daily = input.plan.daily?;
    let n0 = input.arms.first()?.n();
    let total: f64 = input.arms.iter().map(Arm::n).sum();
    more_days(most?, n0, total, daily)
}

/// The fewest conversions out of `n1` visitors that make the arm better than a
/// control of `x0` out of `n0` by the page's own pooled z-test at `alpha` (one
/// comparison's): the smallest whole `k ≤ n1` with `k/n1 > x0/n0` and `p < alpha`.
/// `None` when even every visitor converting is not enough.
///
/// Above control's rate the p-value falls as `k` rises, so a bisection over the
/// whole numbers finds the first `k` exactly, in about log2(n1) tests.
pub fn need_conversions(n0: u64, x0: u64, n1: u64, alpha: f64, two_sided: bool) -> Option<u64> {
    if n0 == 0 || n1 == 0 || x0 > n0 {
        return None;
    }
    let p = |k: u64| {
        two_proportion(n0 as f64, x0 as f64, n1 as f64, k as f64, two_sided)
            .p
            .unwrap_or(1.0)
    };
    let enough = |k: u64| p(k) < alpha;
    // The first k whose rate is above control's: k · n0 > x0 · n1, in whole numbers.
    let first_above = (u128::from(x0) * u128::from(n1) / u128::from(n0)) as u64 + 1;
    if first_above > n1 || !enough(n1) {
        return None;
    }
    let (mut lo, mut hi) = (first_above, n1);
    if enough(lo) {
        return Some(lo);
    }
    // Invariant: not enough at lo, enough at hi.
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if enough(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// How many more control visitors a rate test needs to reach `power` for a relative
/// effect `mde_rel` at `alpha` (one comparison's), with control's observed rate `p0`
/// as the baseline and the arm at `ratio` × control: the design page's unpooled
/// size minus the `n0` control already has, never below 0. `None` where the design
/// has no size (a rate pushed past 100 %, an effect of 0).
pub fn more_visitors(
    p0: f64,
    mde_rel: f64,
    alpha: f64,
    power: f64,
    two_sided: bool,
    ratio: f64,
    n0: f64,
) -> Option<f64> {
    let metric = Metric::Binary {
        p1: p0,
        p2: p0 * (1.0 + mde_rel),
        method: Method::Unpooled,
    };
    more_in_control(metric, alpha, power, two_sided, ratio, n0)
}

/// The continuous twin of `more_visitors`: control's mean and sd as the baseline.
#[allow(clippy::too_many_arguments)]
pub fn more_units(
    mean: f64,
    sd: f64,
    mde_rel: f64,
    alpha: f64,
    power: f64,
    two_sided: bool,
    ratio: f64,
    n0: f64,
) -> Option<f64> {
    let metric = Metric::Continuous {
        mean,
        sd,
        delta: mean.abs() * mde_rel,
    };
    more_in_control(metric, alpha, power, two_sided, ratio, n0)
}

/// The design page's control size for `metric`, minus the `n0` control has.
fn more_in_control(
    metric: Metric,
    alpha: f64,
    power: f64,
    two_sided: bool,
    ratio: f64,
    n0: f64,
) -> Option<f64> {
    let design = Design {
        metric,
        alpha,
        power,
        two_sided,
        ratio,
        ..Design::two_rates(0.5, 0.5)
    };
    let sizes = design.sizes().ok()?;
    Some((sizes.n_control as f64 - n0).max(0.0))
}

/// Whole days for the largest of the arms' extra control visitors `more`, grown over
/// every arm at the current split (`total / n0` visitors in the test per control
/// visitor), at `daily` visitors a day. `None` without traffic.
pub fn more_days(more: f64, n0: f64, total: f64, daily: f64) -> Option<u64> {
    let visitors = more * total / n0;
    (daily > 0.0 && n0 > 0.0 && visitors.is_finite())
        .then(|| (visitors / daily).ceil().max(0.0) as u64)
}

/// The power of a two-sided (or one-sided) z-test at `z` (its critical value) to
/// detect a true difference `a` whose estimate has standard error `s`, and among the
/// estimates that reach significance the share with the wrong sign (type S) and how
/// much larger than `a` they are on average (exaggeration, type M), after Gelman and
/// Carlin (2014). `None` when `a` or `s` is not positive.
pub fn design_errors(a: f64, s: f64, z: f64, two_sided: bool) -> Option<DesignErrors> {
    if !(a > 0.0 && s > 0.0 && a.is_finite() && s.is_finite()) {
        return None;
    }
    let l = a / s;
    let above = normal_sf(z - l);
    if two_sided {
        let below = normal_cdf(-z - l);
        let power = above + below;
        // E|D| over the significant region, in units of s: the two tails' first moments.
        let moment = l * (above - below) + normal_density(z - l) + normal_density(z + l);
        Some(DesignErrors {
            power,
            type_s: below / power,
            exaggeration: moment / (l * power),
        })
    } else {
        let moment = l * above + normal_density(z - l);
        Some(DesignErrors {
            power: above,
            type_s: 0.0,
            exaggeration: moment / (l * above),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DesignErrors {
    pub power: f64,
    /// Share of significant estimates with the wrong sign.
    pub type_s: f64,
    /// E[|estimate| | significant] / true effect.
    pub exaggeration: f64,
}

/// Exaggeration against power for a test at critical value `z`: the curve the
/// running test's chart draws, as (power, exaggeration) from about 8 % power (the
/// lower end a test of 5 % alpha can have for an effect worth planning) to 99 %, or
/// from `from` when a test sits lower. Each point is `design_errors` at a true
/// effect of λ standard errors, λ placed so that the powers are evenly spread.
pub fn exaggeration_curve(z: f64, two_sided: bool, from: f64) -> Vec<(f64, f64)> {
    const STEPS: usize = 48;
    let lowest = from.clamp(0.0, 0.08);
    (0..=STEPS)
        .filter_map(|i| {
            let target = lowest + (0.99 - lowest) * i as f64 / STEPS as f64;
            // One tail's power is Φ(λ − z); the far tail adds little where λ > 0.
            let l = (z + z_quantile(target.clamp(1e-6, 0.999_999))).max(1e-3);
            design_errors(l, 1.0, z, two_sided).map(|e| (e.power, e.exaggeration))
        })
        .collect()
}

/// The false-positive risk: of results as significant as this one, the share that
/// are false, when a share `win_rate` of tested changes really work and the test has
/// `power` to detect them (Kohavi, Deng and Vermeer 2022). Only the favourable tail
/// counts: `a` is alpha/2 for a two-sided test, alpha for a one-sided one.
pub fn false_positive_risk(alpha: f64, two_sided: bool, power: f64, win_rate: f64) -> f64 {
    let a = if two_sided { alpha / 2.0 } else { alpha };
    let false_wins = a * (1.0 - win_rate);
    false_wins / (false_wins + power * win_rate)
}

/// The relative lift shrunk toward 0 by a normal prior of sd `tau` (relative): a
/// noisy win is pulled in more than a precise one.
pub fn shrunk_lift(lift_rel: f64, se: f64, tau: f64) -> f64 {
    let (t2, s2) = (tau * tau, se * se);
    if t2 + s2 > 0.0 {
        lift_rel * t2 / (t2 + s2)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stats::z_quantile;

    #[test]
    fn the_public_check_needs_128_conversions() {
        // Control 100 of 1,000; the arm of 1,000 visitors; two-sided 5 %.
        assert_eq!(need_conversions(1000, 100, 1000, 0.05, true), Some(128));
        let p = |k: f64| two_proportion(1000.0, 100.0, 1000.0, k, true).p.unwrap();
        assert!((p(128.0) - 0.0488).abs() < 5e-4, "{}", p(128.0));
        assert!((p(127.0) - 0.0570).abs() < 5e-4, "{}", p(127.0));
        // A tiny arm cannot get there even if everyone converts.
        assert_eq!(need_conversions(1000, 999, 5, 0.05, true), None);
        assert_eq!(need_conversions(1000, 100, 0, 0.05, true), None);
    }

    #[test]
    fn more_visitors_reach_the_planned_power() {
        // The design page's public check: 5 % → +10 %, 80 %, two-sided: 31,231 each.
        assert_eq!(
            more_visitors(0.05, 0.10, 0.05, 0.8, true, 1.0, 10_000.0),
            Some(21_231.0)
        );
        assert_eq!(
            more_visitors(0.05, 0.10, 0.05, 0.8, true, 1.0, 40_000.0),
            Some(0.0)
        );
        assert_eq!(more_visitors(0.95, 0.10, 0.05, 0.8, true, 1.0, 100.0), None);
        // 21,231 more in each of two equal groups at 5,000 a day: 9 days.
        assert_eq!(more_days(21_231.0, 10_000.0, 20_000.0, 5_000.0), Some(9));
        assert_eq!(more_days(21_231.0, 10_000.0, 20_000.0, 0.0), None);
    }

    #[test]
    fn gelman_and_carlins_worked_example() {
        // A = 2, s = 8.1, two-sided 5 %: power 0.057, type S 0.24, exaggeration 9.5.
        let e = design_errors(2.0, 8.1, z_quantile(0.975), true).unwrap();
        assert!((e.power - 0.057).abs() < 5e-4, "{}", e.power);
        assert!((e.type_s - 0.24).abs() < 5e-3, "{}", e.type_s);
        assert!((e.exaggeration - 9.5).abs() < 0.05, "{}", e.exaggeration);
        // Well powered: almost no sign errors, little exaggeration.
        let strong = design_errors(2.8, 1.0, z_quantile(0.975), true).unwrap();
        assert!(strong.power > 0.79 && strong.type_s < 1e-5 && strong.exaggeration < 1.15);
        let one = design_errors(2.0, 8.1, z_quantile(0.95), false).unwrap();
        assert_eq!(one.type_s, 0.0);
        assert!(one.exaggeration > 5.0);
        assert_eq!(design_errors(0.0, 1.0, 1.96, true), None);
    }

    #[test]
    fn false_positive_risk_is_22_percent_at_the_usual_settings() {
        let r = false_positive_risk(0.05, true, 0.8, 0.1);
        assert!((r - 0.2195).abs() < 1e-4, "{r}");
    }

    #[test]
    fn exaggeration_falls_as_power_rises_along_the_chart() {
        let z = z_quantile(0.975);
        let curve = exaggeration_curve(z, true, 0.5);
        assert_eq!(curve.len(), 49);
        assert!(curve.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 < w[0].1));
        let (first, last) = (curve[0], curve[48]);
        assert!(
            first.0 > 0.07 && first.0 < 0.1 && first.1 > 3.0,
            "{first:?}"
        );
        assert!(last.0 > 0.98 && last.1 < 1.03, "{last:?}");
        // A test below the usual range draws the curve down to its own power, and
        // every point is the closed form at its own λ.
        let low = exaggeration_curve(z, true, 0.03);
        assert!(low[0].0 < 0.06 && low[0].1 > 9.0, "{:?}", low[0]);
        let at_80 = curve
            .iter()
            .min_by(|a, b| (a.0 - 0.8).abs().total_cmp(&(b.0 - 0.8).abs()))
            .unwrap();
        assert!(at_80.1 > 1.08 && at_80.1 < 1.16, "{at_80:?}");
        let one = exaggeration_curve(z_quantile(0.95), false, 0.5);
        assert!(one.windows(2).all(|w| w[1].1 < w[0].1));
    }

    #[test]
    fn shrinking_pulls_noisy_lifts_in_more() {
        assert!((shrunk_lift(0.12, 0.05, 0.05) - 0.06).abs() < 1e-12);
        assert!(shrunk_lift(0.12, 0.01, 0.05) > shrunk_lift(0.12, 0.05, 0.05));
        assert_eq!(shrunk_lift(0.12, 0.0, 0.0), 0.0);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_bisection_finds_the_first_enough_count(n0 in 20u64..400, x0 in 0u64..60, n1 in 20u64..400) {
            let x0 = x0.min(n0);
            let scan = (0..=n1).find(|&k| {
                u128::from(k) * u128::from(n0) > u128::from(x0) * u128::from(n1)
                    && two_proportion(n0 as f64, x0 as f64, n1 as f64, k as f64, true).p.unwrap_or(1.0) < 0.05
            });
            prop_assert_eq!(need_conversions(n0, x0, n1, 0.05, true), scan);
        }

        #[test]
        fn more_conversions_never_need_more(n0 in 100u64..5000, x0 in 0u64..200, n1 in 100u64..5000, x1 in 0u64..200, extra in 0u64..50) {
            let x0 = x0.min(n0);
            let need = |x: u64| need_conversions(n0, x0, n1, 0.05, true).map(|k| k.saturating_sub(x));
            if let (Some(a), Some(b)) = (need(x1), need(x1 + extra)) {
                prop_assert!(b <= a);
            }
        }

        #[test]
        fn the_risk_falls_as_the_win_rate_rises(a in 0.01f64..0.98, b in 0.01f64..0.98, power in 0.05f64..0.99) {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            prop_assert!(false_positive_risk(0.05, true, power, hi) <= false_positive_risk(0.05, true, power, lo));
        }
    }
}
