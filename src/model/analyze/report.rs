//! Everything the significance page shows, in one pure call.

use super::always_valid::{self, AlwaysValid};
use super::bayes::{expected_loss, lift_interval, prob_greater, Posterior};
use super::fisher::fisher_exact;
use super::input::{Adjust, AnalyzeInput, Arm, MarginKind};
use super::intervals::{newcombe, relative_delta, relative_se, welch_diff, welch_relative};
use super::margin::{margin_test, MarginTest};
use super::running::{
    comparison_correction, days_to_plan, most_more_visitors, read_running, Running,
};
use super::{adjust, sample_ratio_p, t_test_p, two_proportion, welch};
use crate::model::design::{Design, Hypothesis, Method, Metric};
use crate::model::dunnett;
use crate::model::sequential::plan::{boundary_now, Family, Schedule};
use crate::model::stats::{t_quantile, z_quantile};

/// An interval; one-sided tests have a lower bound only.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: Option<f64>,
}

/// Treatment arm `i` against control.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    pub lift_abs: f64,
    pub lift_rel: Option<f64>,
    pub ci: Interval,
    pub rel_ci: Option<Interval>,
    pub p: Option<f64>,
    /// After the correction; `None` with two arms or no correction.
    pub p_adj: Option<f64>,
    pub p_fisher: Option<f64>,
    pub df: Option<f64>,
    pub prob_beat: Option<f64>,
    pub loss: Option<f64>,
    /// Approximate credible interval for the lift (binary).
    pub credible: Option<(f64, f64)>,
    /// Significant at alpha, after the correction where there is one.
    pub significant: bool,
    /// The smallest absolute effect this test could detect with the planned power.
    pub mde: Option<f64>,
    /// Valid at any look (with `seq=always`).
    pub always_valid: Option<AlwaysValid>,
    /// Against the margin, when one is given.
    pub margin_test: Option<MarginTest>,
    /// Read against the plan: what it still needs, how far to believe it.
    pub running: Running,
    /// The relative lift's own test (ratio metrics): Welch's t on the delta-method
    /// relative variance, with the absolute difference's degrees of freedom.
    pub p_rel: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub levels: Vec<f64>,
    /// Index 0 (control) is `None`.
    pub comparisons: Vec<Option<Comparison>>,
    pub srm_p: Option<f64>,
    /// Posterior densities of the rates (binary), one curve per arm.
    pub posteriors: Vec<Vec<(f64, f64)>>,
    /// The largest extra control visitors of the comparisons to the planned power.
    pub more_visitors: Option<f64>,
    /// Whole days until every comparison reaches the planned power (with `daily`).
    pub more_days: Option<u64>,
}

/// Below this the sample ratio is a mismatch, as is usual in the industry.
pub const SRM_THRESHOLD: f64 = 0.001;
const POSTERIOR_POINTS: usize = 120;

impl Report {
    pub fn sample_ratio_mismatch(&self) -> bool {
        self.srm_p.is_some_and(|p| p < SRM_THRESHOLD)
    }

    /// Arm `i`'s comparison with control; `None` for control and for an arm that
    /// could not be compared.
    pub fn comparison(&self, i: usize) -> Option<Comparison> {
        self.comparisons.get(i).copied().flatten()
    }

    /// Every comparison with control, as (arm index, comparison).
    pub fn compared(&self) -> impl Iterator<Item = (usize, &Comparison)> {
        self.comparisons
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().map(|c| (i, c)))
    }

    /// The variant with the strongest evidence, the smallest p-value the verdict uses,
    /// as (arm index, comparison); `None` when no comparison has a p-value.
    pub fn strongest(&self) -> Option<(usize, &Comparison)> {
        self.compared()
            .filter_map(|(i, c)| c.p_shown().map(|p| (i, c, p)))
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(i, c, _)| (i, c))
    }
}

/// How a comparison with control came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Better,
    Worse,
    NoDifference,
    /// No test applies (every visitor converted, or none did).
    Undefined,
}

impl Comparison {
    /// The p-value a verdict uses: the adjusted one where there is a correction.
    pub fn p_shown(&self) -> Option<f64> {
        self.p_adj.or(self.p)
    }

    pub fn outcome(&self) -> Outcome {
        match (self.p_shown(), self.significant, self.lift_abs > 0.0) {
            (None, ..) => Outcome::Undefined,
            (Some(_), true, true) => Outcome::Better,
            (Some(_), true, false) => Outcome::Worse,
            (Some(_), false, _) => Outcome::NoDifference,
        }
    }

    /// What the test could have detected, relative to control's level `control`.
    pub fn mde_rel(&self, control: f64) -> Option<f64> {
        self.mde
            .filter(|_| control != 0.0 && control.is_finite())
            .map(|m| m / control.abs())
    }
}

pub fn analyze(input: &AnalyzeInput) -> Report {
    let arms = &input.arms;
    let Some(&control) = arms.first() else {
        return Report {
            levels: Vec::new(),
            comparisons: Vec::new(),
            srm_p: None,
            posteriors: Vec::new(),
            more_visitors: None,
            more_days: None,
        };
    };
    let two = input.two_sided;
    let q = if two {
        1.0 - input.alpha / 2.0
    } else {
        1.0 - input.alpha
    };
    let z = z_quantile(q);
    let many = arms.len() > 2 && input.correction != Adjust::None;
    let mut comparisons: Vec<Option<Comparison>> = vec![None];
    for (i, &arm) in arms.iter().enumerate().skip(1) {
        let unadjusted = input
            .unadjusted
            .as_ref()
            .and_then(|u| Some((*u.first()?, *u.get(i)?)));
        comparisons.push(Some(compare(control, arm, input, z, q, unadjusted)));
    }
    let ps: Vec<Option<f64>> = comparisons
        .iter()
        .skip(1)
        .map(|c| c.and_then(|c| c.p))
        .collect();
    if many {
        let adjusted = if input.correction == Adjust::Dunnett {
            dunnett_adjusted(input, &ps)
        } else {
            adjust(&ps, input.correction)
        };
        for (c, p_adj) in comparisons.iter_mut().skip(1).zip(adjusted) {
            if let Some(c) = c {
                c.p_adj = p_adj;
                c.significant = p_adj.is_some_and(|p| p < input.alpha);
            }
        }
    }
    let sizes: Vec<f64> = arms.iter().map(Arm::n).collect();
    let split = input.split.clone().unwrap_or_else(|| vec![1.0; arms.len()]);
    let running: Vec<Running> = comparisons.iter().flatten().map(|c| c.running).collect();
    let more_visitors = most_more_visitors(&running);
    Report {
        levels: arms.iter().map(Arm::level).collect(),
        comparisons,
        srm_p: sample_ratio_p(&sizes, &split),
        posteriors: posterior_curves(arms),
        more_visitors,
        more_days: days_to_plan(input, more_visitors),
    }
}

/// `unadjusted`: CUPED's unadjusted means of control and the arm, which the
/// relative lift divides by (the arms hold the adjusted means).
fn compare(
    control: Arm,
    arm: Arm,
    input: &AnalyzeInput,
    z: f64,
    q: f64,
    unadjusted: Option<(f64, f64)>,
) -> Comparison {
    let two = input.two_sided;
    let bound = |(low, high): (f64, f64)| Interval {
        low,
        high: two.then_some(high),
    };
    // Ratio arms only: the relative lift's own t-test (gbstats).
    let mut p_rel = None;
    let (base, ci, rel_ci, p_fisher, bayes) = match (control, arm) {
        (Arm::Binary { n: n0, x: x0 }, Arm::Binary { n: n1, x: x1 }) => {
            let (c, a) = (
                Posterior::from_counts(n0, x0),
                Posterior::from_counts(n1, x1),
            );
            (
                two_proportion(n0, x0, n1, x1, two),
                bound(newcombe(x0, n0, x1, n1, z)),
                relative_delta(x0, n0, x1, n1, z).map(bound),
                Some(fisher_exact(n0, x0, n1, x1, two)),
                Some((
                    prob_greater(c, a),
                    expected_loss(c, a),
                    lift_interval(c, a, z),
                )),
            )
        }
        (
            Arm::Continuous {
                n: n0,
                mean: m0,
                sd: s0,
            },
            Arm::Continuous {
                n: n1,
                mean: m1,
                sd: s1,
            },
        ) => {
            let mut c = welch(n0, m0, s0, n1, m1, s1, two);
            let t = c.df.map_or(f64::NAN, |df| t_quantile(q, df));
            // Ratios and CUPED follow gbstats: the relative interval on t, not on z,
            // and the relative lift over its delta-method error on the same df; an
            // adjusted difference is relative to control's unadjusted mean, its error
            // the delta method's on the unadjusted means with the adjusted variances.
            let gbstats = input.ratio || unadjusted.is_some();
            let (u0, u1) = unadjusted.unwrap_or((m0, m1));
            let rel = (u0 != 0.0).then(|| (m1 - m0) / u0);
            if unadjusted.is_some() {
                c.lift_rel = rel;
            }
            let rel_ci = if gbstats {
                let se = relative_se(n0, u0, s0, n1, u1, s1).filter(|se| *se > 0.0);
                p_rel = se
                    .zip(rel)
                    .zip(c.df)
                    .map(|((se, rel), df)| t_test_p(rel / se, df, two));
                se.zip(rel).map(|(se, rel)| (rel - t * se, rel + t * se))
            } else {
                welch_relative(n0, m0, s0, n1, m1, s1, z)
            };
            (
                c,
                bound(welch_diff(n0, m0, s0, n1, m1, s1, t)),
                rel_ci.map(bound),
                None,
                None,
            )
        }
        // Mixed kinds cannot come from one page; report nothing testable.
        _ => (
            super::TwoGroupTest {
                lift_abs: f64::NAN,
                lift_rel: None,
                p: None,
                df: None,
            },
            Interval {
                low: f64::NAN,
                high: None,
            },
            None,
            None,
            None,
        ),
    };
    Comparison {
        lift_abs: base.lift_abs,
        lift_rel: base.lift_rel,
        ci,
        rel_ci,
        p: base.p,
        p_adj: None,
        p_fisher,
        df: base.df,
        prob_beat: bayes.map(|b| b.0),
        loss: bayes.map(|b| b.1),
        credible: bayes.map(|b| b.2),
        significant: base.p.is_some_and(|p| p < input.alpha),
        mde: detectable(control, arm, input),
        always_valid: input
            .always_valid
            .and_then(|nstar| always_valid::compare(control, arm, input.alpha, nstar)),
        margin_test: input
            .margin
            .and_then(|(kind, m)| margin_test(control, arm, kind, m, input.alpha)),
        running: read_running(control, arm, input, base.lift_rel),
        p_rel,
    }
}

/// The |z| (two-sided) or z (one-sided) a normal test's p-value came from.
fn z_of_p(p: f64, two_sided: bool) -> f64 {
    z_quantile(if two_sided { 1.0 - p / 2.0 } else { 1.0 - p })
}

/// Dunnett's single-step adjusted p-values: each comparison's z (from its p-value)
/// against the maximum of all comparisons' statistics, which share control.
fn dunnett_adjusted(input: &AnalyzeInput, ps: &[Option<f64>]) -> Vec<Option<f64>> {
    let Some(control) = input.arms.first() else {
        return ps.to_vec();
    };
    let sizes: Vec<f64> = input.arms.iter().skip(1).map(Arm::n).collect();
    let loads = dunnett::loads(control.n(), &sizes);
    ps.iter()
        .map(|p| {
            p.map(|p| {
                if p <= 0.0 {
                    return 0.0;
                }
                dunnett::adjusted_p(z_of_p(p, input.two_sided), &loads, input.two_sided)
            })
        })
        .collect()
}

/// Where a planned group-sequential test stands at the current sample.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedLook {
    /// Control's units / the planned maximum per group, at most 1.
    pub fraction: f64,
    /// The |z| boundary that applies at this fraction (Lan–DeMets spending, so a look
    /// off the plan is allowed for).
    pub boundary: f64,
    /// Per comparison (index 0, control, is `None`): its z and whether it crossed.
    pub z: Vec<Option<f64>>,
    pub crossed: Vec<bool>,
}

/// The current sample read against a planned test with `schedule` looks of `family`
/// and `max_per_group` units per group at the end. Several treatment arms share the
/// alpha by Bonferroni.
pub fn planned_look(
    input: &AnalyzeInput,
    report: &Report,
    schedule: &Schedule,
    family: Family,
    max_per_group: f64,
) -> Option<PlannedLook> {
    let n = input.arms.first()?.n();
    let fraction = (n / max_per_group).min(1.0);
    let k = input.arms.len().saturating_sub(1).max(1) as f64;
    let alpha = if k > 1.0 {
        input.alpha / k
    } else {
        input.alpha
    };
    let boundary = boundary_now(family, schedule, fraction, alpha, input.two_sided).ok()?;
    let z: Vec<Option<f64>> = report
        .comparisons
        .iter()
        .map(|c| {
            let c = c.as_ref()?;
            let p = c.p?;
            let size = z_of_p(p, input.two_sided);
            // One-sided p already carries the direction.
            Some(if input.two_sided {
                size.copysign(c.lift_abs)
            } else {
                size
            })
        })
        .collect();
    let crossed = z
        .iter()
        .map(|z| {
            z.is_some_and(|z| {
                let z = if input.two_sided { z.abs() } else { z };
                z.is_finite() && z >= boundary || z == f64::INFINITY
            })
        })
        .collect();
    Some(PlannedLook {
        fraction,
        boundary,
        z,
        crossed,
    })
}

/// The analysis the reader chose, which decides the page's answer: the fixed-horizon
/// test is valid only at one analysis of a sample fixed in advance, so with a
/// planned sequential test the look's boundary decides and with always-valid results
/// the always-valid p-value does.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    Fixed,
    /// A non-inferiority or equivalence test: the arm with the smallest p-value
    /// against the margin (`shown` at alpha).
    Margin {
        kind: MarginKind,
        margin: f64,
        arm: usize,
        test: MarginTest,
    },
    /// A look of the planned test: `arm` is the first to cross (largest |z| among
    /// those that did) or, when none crossed, the one nearest its boundary.
    Planned {
        look: PlannedLook,
        arm: usize,
        z: f64,
        crossed: bool,
    },
    /// The arm with the smallest always-valid p-value; significant below alpha.
    AlwaysValid {
        arm: usize,
        result: AlwaysValid,
        significant: bool,
    },
}

impl Report {
    /// The comparison whose `pick` gives the smallest p-value, with what it picked.
    fn smallest<T>(&self, pick: impl Fn(&Comparison) -> Option<(T, f64)>) -> Option<(usize, T)> {
        self.comparisons
            .iter()
            .enumerate()
            .filter_map(|(i, c)| pick(c.as_ref()?).map(|(t, p)| (i, t, p)))
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(i, t, _)| (i, t))
    }
}

impl Reading {
    /// The reading `report` gets: the margin test when there is a margin, the planned
    /// look when there is one, then the always-valid results when they were asked
    /// for, else the fixed-horizon test.
    pub fn of(report: &Report, input: &AnalyzeInput, look: Option<PlannedLook>) -> Reading {
        // The question asked of a margin is answered first: "better?" is not it.
        if let Some((kind, margin)) = input.margin {
            if let Some((arm, test)) = report.smallest(|c| c.margin_test.map(|m| (m, m.p))) {
                return Reading::Margin {
                    kind,
                    margin,
                    arm,
                    test,
                };
            }
        }
        if let Some(look) = look {
            let size = |z: f64| if input.two_sided { z.abs() } else { z };
            let best = look
                .z
                .iter()
                .enumerate()
                .filter_map(|(i, z)| z.filter(|z| !z.is_nan()).map(|z| (i, z)))
                .max_by(|a, b| {
                    let crossed = |i: usize| look.crossed.get(i).copied().unwrap_or(false);
                    (crossed(a.0), size(a.1))
                        .partial_cmp(&(crossed(b.0), size(b.1)))
                        .unwrap_or(std::cmp::Ordering::Equal)
                });
            if let Some((arm, z)) = best {
                let crossed = look.crossed.get(arm).copied().unwrap_or(false);
                return Reading::Planned {
                    look,
                    arm,
                    z,
                    crossed,
                };
            }
        }
        if input.always_valid.is_some() {
            if let Some((arm, result)) = report.smallest(|c| c.always_valid.map(|a| (a, a.p))) {
                return Reading::AlwaysValid {
                    arm,
                    result,
                    significant: result.p < input.alpha,
                };
            }
        }
        Reading::Fixed
    }
}

/// What the test could have detected: the design formula that matches the test used
/// (pooled variance for rates), solved for the effect at the sizes the test reached.
fn detectable(control: Arm, arm: Arm, input: &AnalyzeInput) -> Option<f64> {
    let metric = match control {
        Arm::Binary { n, x } => {
            let p1 = x / n;
            (p1 > 0.0 && p1 < 1.0).then_some(Metric::Binary {
                p1,
                p2: p1,
                method: Method::Pooled,
            })?
        }
        Arm::Continuous { mean, sd, .. } => Metric::Continuous {
            mean,
            sd,
            delta: 0.0,
        },
    };
    let correction = comparison_correction(input);
    let design = Design {
        metric,
        alpha: input.alpha,
        power: input.plan.power?,
        two_sided: input.two_sided,
        arms: u32::try_from(input.arms.len()).unwrap_or(2),
        correction,
        ratio: arm.n() / control.n(),
        hypothesis: Hypothesis::Superiority,
        variance_factor: 1.0,
    };
    design.mde_at(control.n()).ok()
}

fn posterior_curves(arms: &[Arm]) -> Vec<Vec<(f64, f64)>> {
    let posts: Vec<Posterior> = arms
        .iter()
        .filter_map(|a| match *a {
            Arm::Binary { n, x } => Some(Posterior::from_counts(n, x)),
            Arm::Continuous { .. } => None,
        })
        .collect();
    if posts.len() != arms.len() {
        return Vec::new();
    }
    let lo = posts
        .iter()
        .map(|p| p.mean() - 5.0 * p.variance().sqrt())
        .fold(f64::INFINITY, f64::min)
        .max(0.0);
    let hi = posts
        .iter()
        .map(|p| p.mean() + 5.0 * p.variance().sqrt())
        .fold(f64::NEG_INFINITY, f64::max)
        .min(1.0);
    posts
        .iter()
        .map(|p| {
            (0..=POSTERIOR_POINTS)
                .map(|i| {
                    let x = lo + (hi - lo) * i as f64 / POSTERIOR_POINTS as f64;
                    (x, p.ln_pdf(x).exp())
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_reads_the_adjusted_p_and_the_strongest_arm() {
        let input = AnalyzeInput {
            arms: vec![
                Arm::Binary {
                    n: 10_000.0,
                    x: 500.0,
                },
                Arm::Binary {
                    n: 10_000.0,
                    x: 560.0,
                },
                Arm::Binary {
                    n: 10_000.0,
                    x: 530.0,
                },
            ],
            alpha: 0.05,
            two_sided: true,
            correction: crate::model::analyze::Adjust::Holm,
            split: None,
            always_valid: None,
            margin: None,
            plan: Default::default(),
            ratio: false,
            unadjusted: None,
        };
        let r = analyze(&input);
        let (i, best) = r.strongest().expect("two comparisons");
        assert_eq!(i, 1);
        assert_eq!(best.p_shown(), best.p_adj);
        assert_eq!(best.outcome(), Outcome::NoDifference);
        let mde = best.mde.expect("a detectable effect");
        assert_eq!(best.mde_rel(0.05), Some(mde / 0.05));
        assert_eq!(best.mde_rel(0.0), None);
        let all = analyze(&AnalyzeInput {
            arms: vec![
                Arm::Binary { n: 100.0, x: 100.0 },
                Arm::Binary { n: 100.0, x: 100.0 },
            ],
            ..input
        });
        assert_eq!(
            all.comparisons[1].as_ref().map(Comparison::outcome),
            Some(Outcome::Undefined)
        );
        assert!(all.strongest().is_none());
    }

    fn input(arms: Vec<Arm>) -> AnalyzeInput {
        AnalyzeInput {
            arms,
            alpha: 0.05,
            two_sided: true,
            correction: Adjust::Holm,
            split: None,
            always_valid: None,
            margin: None,
            plan: Default::default(),
            ratio: false,
            unadjusted: None,
        }
    }

    #[test]
    fn the_worked_example_reads_as_published() {
        let r = analyze(&input(vec![
            Arm::Binary {
                n: 10000.0,
                x: 500.0,
            },
            Arm::Binary {
                n: 10000.0,
                x: 560.0,
            },
        ]));
        let c = r.comparisons.get(1).copied().flatten().expect("comparison");
        assert!(!c.significant);
        assert!(c.p_adj.is_none());
        assert!(c.ci.low < 0.0 && c.ci.high.is_some_and(|h| h > 0.0));
        assert!(c.prob_beat.is_some_and(|p| p > 0.95 && p < 0.98));
        // 10,000 a side detect about 0.9 points from 5 % with 80 % power.
        assert!(c.mde.is_some_and(|m| m > 0.008 && m < 0.01), "{:?}", c.mde);
        assert_eq!(r.srm_p, Some(1.0));
        assert_eq!(r.posteriors.len(), 2);
    }

    #[test]
    fn a_running_test_is_read_against_its_plan() {
        // The spec's public check: control 100 of 1,000, the arm of 1,000 → 128.
        let mut i = input(vec![
            Arm::Binary {
                n: 1000.0,
                x: 100.0,
            },
            Arm::Binary {
                n: 1000.0,
                x: 110.0,
            },
        ]);
        i.plan.daily = Some(500.0);
        let r = analyze(&i);
        let c = r.comparisons[1].expect("comparison");
        assert_eq!(c.running.need_conversions, Some(128));
        assert_eq!(c.running.need_more, Some(18));
        // 10 % → 11 %, 80 %: the design page's unpooled size is 14,751 a group.
        let more = c.running.more_visitors.expect("more visitors");
        let design =
            crate::model::analyze::running::more_visitors(0.1, 0.1, 0.05, 0.8, true, 1.0, 1000.0);
        assert_eq!(Some(more), design);
        assert_eq!(r.more_days, Some((more * 2.0 / 500.0).ceil() as u64));
        assert!(c.running.lift_shrunk.is_none(), "no prior, no shrinking");
        // Up to a planned maximum instead, when there is a plan.
        i.plan.max_per_group = Some(4000.0);
        let planned = analyze(&i).comparisons[1].expect("comparison");
        assert_eq!(planned.running.more_visitors, Some(3000.0));
    }

    #[test]
    fn gelman_and_carlins_example_through_the_page() {
        // Means of 100 with sds giving a standard error of 8.1, a planned 2 % (A = 2).
        let sd = 8.1 * 50f64.sqrt();
        let mut i = input(vec![
            Arm::Continuous {
                n: 100.0,
                mean: 100.0,
                sd,
            },
            Arm::Continuous {
                n: 100.0,
                mean: 101.0,
                sd,
            },
        ]);
        i.plan.mde_rel = Some(0.02);
        i.plan.prior_sd = Some(0.05);
        let c = analyze(&i).comparisons[1].expect("comparison");
        let (s, x) = (c.running.type_s.unwrap(), c.running.exaggeration.unwrap());
        assert!((s - 0.24).abs() < 5e-3 && (x - 9.5).abs() < 0.05, "{s} {x}");
        assert_eq!(
            c.running.need_conversions, None,
            "means have no conversions"
        );
        // Shrinking pulls the 1 % lift toward 0, never past it.
        let shrunk = c.running.lift_shrunk.unwrap();
        assert!(shrunk > 0.0 && shrunk < 0.01, "{shrunk}");
        // The false-positive risk at this power (about 6 %) and a 10 % win rate:
        // 0.025 × 0.9 / (0.025 × 0.9 + 0.06 × 0.1), most wins would be false.
        let fpr = c.running.false_positive_risk.unwrap();
        assert!(fpr > 0.75 && fpr < 0.85, "{fpr}");
        // A plan the page could not read leaves its figures out, not the page.
        i.plan.mde_rel = None;
        let c = analyze(&i).comparisons[1].expect("comparison");
        assert!(c.running.exaggeration.is_none() && c.running.more_visitors.is_none());
        assert!(c.p.is_some());
    }

    #[test]
    fn holm_decides_significance_with_many_arms() {
        let arms = vec![
            Arm::Binary {
                n: 10000.0,
                x: 500.0,
            },
            Arm::Binary {
                n: 10000.0,
                x: 575.0,
            },
            Arm::Binary {
                n: 10000.0,
                x: 510.0,
            },
        ];
        let r = analyze(&input(arms));
        let c1 = r.comparisons.get(1).copied().flatten().expect("arm 1");
        assert!(c1.p.is_some_and(|p| p < 0.05));
        assert!(c1.p_adj.is_some_and(|p| p >= c1.p.unwrap_or(0.0)));
    }

    #[test]
    fn srm_and_degenerate_arms() {
        let mut i = input(vec![
            Arm::Binary { n: 10000.0, x: 0.0 },
            Arm::Binary { n: 10600.0, x: 0.0 },
        ]);
        i.split = Some(vec![50.0, 50.0]);
        let r = analyze(&i);
        assert!(r.sample_ratio_mismatch());
        let c = r.comparisons.get(1).copied().flatten().expect("comparison");
        assert_eq!(c.p, None, "no variation: the z-test is undefined");
        assert_eq!(c.p_fisher, Some(1.0));
        assert_eq!(c.lift_rel, None);
        assert_eq!(c.mde, None);
    }
}
