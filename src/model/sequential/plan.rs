//! A group-sequential plan for the design page: the efficacy boundary at each look,
//! the alpha spent by each, the maximum sample as a multiple of the fixed design's
//! (the inflation factor) and the expected sample with and without the effect.
//!
//! Four families: O'Brien–Fleming `C / √t` and Pocock `C` with `C` solved for the
//! whole alpha, and their Lan–DeMets spending versions, where each look spends the
//! cumulative alpha `f(t)` (per side `a'`: `2 − 2Φ(z(1 − a'/2) / √t)` and
//! `a' ln(1 + (e − 1) t)`), which also handles looks at unplanned times.

use super::{crossings, Crossings, SequentialError, Walk};
use crate::model::stats::{normal_sf, z_quantile};

/// Most looks a plan may have.
pub const MAX_LOOKS: usize = 20;
/// Where the search for a boundary stops: no path gets this far.
const NEVER: f64 = 40.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    ObrienFleming,
    Pocock,
    LanDemetsObf,
    LanDemetsPocock,
}

impl Family {
    pub const CHOICES: [(&'static str, Family); 4] = [
        ("obf", Family::ObrienFleming),
        ("pocock", Family::Pocock),
        ("ld_obf", Family::LanDemetsObf),
        ("ld_pocock", Family::LanDemetsPocock),
    ];

    /// The cumulative share of the per-side alpha `a` spent by information `t`.
    pub fn spent(self, a: f64, t: f64) -> f64 {
        let t = t.clamp(0.0, 1.0);
        match self {
            Family::ObrienFleming | Family::LanDemetsObf => {
                if t <= 0.0 {
                    0.0
                } else {
                    2.0 * normal_sf(z_quantile(1.0 - a / 2.0) / t.sqrt())
                }
            }
            Family::Pocock | Family::LanDemetsPocock => {
                a * (1.0 + (std::f64::consts::E - 1.0) * t).ln()
            }
        }
    }
}

/// The looks of a plan: information fractions, increasing, the last one 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schedule {
    looks: usize,
    times: [f64; MAX_LOOKS],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimingError {
    /// Not 1 to `MAX_LOOKS` looks.
    Looks,
    /// Shares not increasing, not above 0, or not ending at 100 %.
    Order,
    /// The list has a different length from `looks`.
    Count,
}

impl Schedule {
    /// `looks` equally spaced looks.
    pub fn equal(looks: usize) -> Result<Schedule, TimingError> {
        if !(1..=MAX_LOOKS).contains(&looks) {
            return Err(TimingError::Looks);
        }
        let mut times = [0.0; MAX_LOOKS];
        for (k, t) in times.iter_mut().take(looks).enumerate() {
            *t = (k + 1) as f64 / looks as f64;
        }
        Ok(Schedule { looks, times })
    }

    /// Looks at cumulative shares of the final sample, as fractions, the last 1.
    pub fn at(fractions: &[f64]) -> Result<Schedule, TimingError> {
        let looks = fractions.len();
        if !(1..=MAX_LOOKS).contains(&looks) {
            return Err(TimingError::Looks);
        }
        let mut times = [0.0; MAX_LOOKS];
        let mut last = 0.0;
        for (slot, &t) in times.iter_mut().zip(fractions) {
            if !(t > last && t <= 1.0) {
                return Err(TimingError::Order);
            }
            *slot = t;
            last = t;
        }
        if (last - 1.0).abs() > 1e-12 {
            return Err(TimingError::Order);
        }
        Ok(Schedule { looks, times })
    }

    pub fn times(&self) -> &[f64] {
        self.times.get(..self.looks).unwrap_or(&[])
    }

    pub fn looks(&self) -> usize {
        self.looks
    }
}

/// The efficacy boundaries (|z| per look; upper only when one-sided) of `family` for
/// overall false-positive rate `alpha`.
pub fn boundaries(
    family: Family,
    times: &[f64],
    alpha: f64,
    two_sided: bool,
) -> Result<Vec<f64>, SequentialError> {
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(SequentialError::Bounds);
    }
    let per_side = if two_sided { alpha / 2.0 } else { alpha };
    match family {
        Family::ObrienFleming => constant(times, per_side, two_sided, false),
        Family::Pocock => constant(times, per_side, two_sided, true),
        Family::LanDemetsObf | Family::LanDemetsPocock => {
            spending(family, times, per_side, two_sided)
        }
    }
}

fn lower_of(upper: &[f64], two_sided: bool) -> Vec<f64> {
    upper
        .iter()
        .map(|b| if two_sided { -b } else { f64::NEG_INFINITY })
        .collect()
}

/// Root of a function that falls through 0 between `a` and `b` (`fa ≥ 0 ≥ fb`), by
/// the Illinois method.
fn falling_root(
    mut a: f64,
    mut fa: f64,
    mut b: f64,
    mut fb: f64,
    mut f: impl FnMut(f64) -> Result<f64, SequentialError>,
    tolerance: f64,
) -> Result<f64, SequentialError> {
    let mut side = 0i8;
    for _ in 0..100 {
        if fb == fa {
            break;
        }
        let c = (a * fb - b * fa) / (fb - fa);
        let fc = f(c)?;
        if fc.abs() < tolerance || (b - a).abs() < 1e-12 {
            return Ok(c);
        }
        if fc * fb < 0.0 {
            a = b;
            fa = fb;
            side = 0;
        } else {
            if side == 1 {
                fa /= 2.0;
            }
            side = 1;
        }
        b = c;
        fb = fc;
    }
    Ok(b)
}

/// Boundaries `shape(C, t)`, `C` solved so that each side spends `per_side`.
fn constant(
    times: &[f64],
    per_side: f64,
    two_sided: bool,
    pocock: bool,
) -> Result<Vec<f64>, SequentialError> {
    let shape = |c: f64, t: f64| if pocock { c } else { c / t.sqrt() };
    let bounds = |c: f64| -> Vec<f64> { times.iter().map(|&t| shape(c, t)).collect() };
    // The gap in probits: the crossing chance is a normal tail in `C` almost exactly,
    // so on this scale the root finder meets a nearly straight line and needs three
    // or four recursions instead of seven or eight.
    let target = z_quantile(per_side);
    let excess = |c: f64| -> Result<f64, SequentialError> {
        let upper = bounds(c);
        let x = crossings(times, &lower_of(&upper, two_sided), &upper, 0.0)?;
        let spent = x.upper.iter().sum::<f64>().clamp(1e-300, 1.0 - 1e-16);
        Ok(z_quantile(spent) - target)
    };
    let one_look = z_quantile(1.0 - per_side);
    let looks = times.len() as f64;
    if times.len() == 1 {
        return Ok(bounds(one_look));
    }
    // A first guess from the published constants (within a few per cent for up to
    // 50 equally spaced looks), bracketed 3 % either side; widened when the timing
    // is unusual. The one-look value spends at least alpha, Bonferroni at most.
    let guess = if pocock {
        z_quantile(1.0 - per_side / looks.powf(0.6))
    } else {
        one_look * (1.0 + 0.0285 * looks.ln())
    };
    let (mut lo, mut hi) = (guess * 0.97, guess * 1.03);
    let (mut flo, mut fhi) = (excess(lo)?, excess(hi)?);
    if flo < 0.0 {
        lo = one_look;
        flo = excess(lo)?;
    }
    if fhi > 0.0 {
        hi = z_quantile(1.0 - per_side / looks).max(lo + 1e-9);
        fhi = excess(hi)?;
    }
    let c = falling_root(lo, flo, hi, fhi, excess, 1e-12)?;
    Ok(bounds(c))
}

/// Lan–DeMets: each look's boundary spends the increase of `family.spent`.
fn spending(
    family: Family,
    times: &[f64],
    per_side: f64,
    two_sided: bool,
) -> Result<Vec<f64>, SequentialError> {
    super::check_times(times)?;
    let mut walk = Walk::new(0.0);
    let mut out = Vec::with_capacity(times.len());
    let mut spent_before = 0.0;
    for (k, &t) in times.iter().enumerate() {
        let spent = family.spent(per_side, t);
        let target = spent - spent_before;
        spent_before = spent;
        let b = if target <= 1e-15 {
            // Spends nothing: no boundary at this look.
            f64::INFINITY
        } else {
            // Newton's method on the upper crossing (symmetric two-sided boundaries
            // split the look's alpha equally). The crossing falls and is convex in
            // the boundary: from the unconditional boundary, which crosses less than
            // the target, the first step lands below the root and the rest climb to it.
            let mut b = z_quantile(1.0 - target).min(NEVER);
            for _ in 0..40 {
                let (p, slope) = walk.upper_crossing(t, b);
                if slope.is_nan() || slope >= 0.0 {
                    break;
                }
                let step = (p - target) / slope;
                if !step.is_finite() {
                    break;
                }
                b = (b - step).clamp(-NEVER, NEVER);
                if step.abs() < 1e-10 {
                    break;
                }
            }
            // Far tails can stall Newton (a slope that underflows): bisect then.
            let off = |b: f64| walk.upper_crossing(t, b).0 - target;
            let miss = off(b).abs();
            if miss.is_nan() || miss > 1e-6 * target + 1e-16 {
                let (mut lo, mut hi) = (-NEVER, NEVER);
                for _ in 0..60 {
                    let mid = 0.5 * (lo + hi);
                    if off(mid) > 0.0 {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                b = 0.5 * (lo + hi);
            }
            b
        };
        out.push(b);
        if let Some(&t_next) = times.get(k + 1) {
            walk.pass(t, if two_sided { -b } else { f64::NEG_INFINITY }, b, t_next);
        }
    }
    Ok(out)
}

/// Everything the design page shows of a plan.
#[derive(Clone, Debug, PartialEq)]
pub struct SeqPlan {
    pub times: Vec<f64>,
    /// |z| to cross at each look.
    pub z: Vec<f64>,
    /// The same as a nominal p-value (two- or one-sided like the test).
    pub nominal_p: Vec<f64>,
    /// Alpha spent by each look, cumulative, both sides.
    pub alpha_spent: Vec<f64>,
    /// Maximum sample / fixed sample for the same power.
    pub inflation: f64,
    /// Expected sample as a share of the fixed design's, with no effect and with the
    /// planned one.
    pub en_h0: f64,
    pub en_h1: f64,
}

/// `R` × the expected information fraction at which the test stops.
fn expected_share(times: &[f64], c: &Crossings, inflation: f64) -> f64 {
    let mut reached = 1.0;
    let mut sum = 0.0;
    let last = times.len().saturating_sub(1);
    for (k, &t) in times.iter().enumerate() {
        let stop = if k == last {
            reached
        } else {
            c.upper.get(k).copied().unwrap_or(0.0) + c.lower.get(k).copied().unwrap_or(0.0)
        };
        sum += t * stop;
        reached -= stop;
    }
    inflation * sum
}

/// The plan for `family` at `schedule`, a test at `alpha` (after any correction) with
/// `power`.
pub fn plan(
    family: Family,
    schedule: &Schedule,
    alpha: f64,
    power: f64,
    two_sided: bool,
) -> Result<SeqPlan, SequentialError> {
    if !(power > alpha && power < 1.0) {
        return Err(SequentialError::Bounds);
    }
    let times = schedule.times();
    let z = boundaries(family, times, alpha, two_sided)?;
    let lower = lower_of(&z, two_sided);
    let null = crossings(times, &lower, &z, 0.0)?;
    let per_side = if two_sided { alpha / 2.0 } else { alpha };
    let fixed_drift = z_quantile(1.0 - per_side) + z_quantile(power);
    // The power's probit is nearly linear in √R: the secant method on it needs two
    // or three evaluations. The crossings at the answer are kept for the expected
    // sample.
    let probit_gap = |x: f64| -> Result<(f64, Crossings), SequentialError> {
        let c = crossings(times, &lower, &z, fixed_drift * x)?;
        // Power as the fixed design counts it: crossing in the effect's direction.
        let upper: f64 = c.upper.iter().sum();
        Ok((
            z_quantile(upper.clamp(1e-300, 1.0 - 1e-16)) - z_quantile(power),
            c,
        ))
    };
    let (mut x0, (mut g0, mut c0)) = (1.0, probit_gap(1.0)?);
    let mut x1 = 1.05;
    let (mut g1, mut c1) = probit_gap(x1)?;
    for _ in 0..30 {
        if g1.abs() < 1e-9 || g1 == g0 {
            break;
        }
        let x2 = (x1 - g1 * (x1 - x0) / (g1 - g0)).max(0.5);
        let (g2, c2) = probit_gap(x2)?;
        (x0, g0, c0) = (x1, g1, c1);
        (x1, g1, c1) = (x2, g2, c2);
    }
    let _ = c0;
    let inflation = x1 * x1;
    let alt = c1;
    let nominal_p = z
        .iter()
        .map(|b| {
            let one = normal_sf(*b);
            if two_sided {
                (2.0 * one).min(1.0)
            } else {
                one
            }
        })
        .collect();
    Ok(SeqPlan {
        times: times.to_vec(),
        alpha_spent: null.cumulative(),
        en_h0: expected_share(times, &null, inflation),
        en_h1: expected_share(times, &alt, inflation),
        z,
        nominal_p,
        inflation,
    })
}

/// For a look at information fraction `t` that is not one of the planned ones: the
/// Lan–DeMets boundary of the family's spending function, after the planned looks
/// before `t`.
pub fn boundary_now(
    family: Family,
    schedule: &Schedule,
    t: f64,
    alpha: f64,
    two_sided: bool,
) -> Result<f64, SequentialError> {
    if !(t > 0.0 && t.is_finite()) {
        return Err(SequentialError::Times);
    }
    let spend = match family {
        Family::ObrienFleming | Family::LanDemetsObf => Family::LanDemetsObf,
        Family::Pocock | Family::LanDemetsPocock => Family::LanDemetsPocock,
    };
    let mut looks: Vec<f64> = schedule
        .times()
        .iter()
        .copied()
        .filter(|&x| x < t - 1e-9)
        .collect();
    looks.push(t.min(1.0).max(looks.last().copied().unwrap_or(0.0) + 1e-9));
    let z = spending(
        spend,
        &looks,
        if two_sided { alpha / 2.0 } else { alpha },
        two_sided,
    )?;
    z.last().copied().ok_or(SequentialError::Looks)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::testing::assert_near;

    fn equal(looks: usize) -> Schedule {
        Schedule::equal(looks).unwrap_or(Schedule {
            looks: 0,
            times: [0.0; MAX_LOOKS],
        })
    }

    #[test]
    fn boundaries_match_jennison_turnbull_and_gsdesign() {
        // Jennison & Turnbull tables 2.1 and 2.3; gsDesign's sfLDOF.
        let t4 = equal(4);
        let obf = boundaries(Family::ObrienFleming, t4.times(), 0.05, true).expect("boundaries");
        for (got, want) in obf.iter().zip([4.049, 2.863, 2.337, 2.024]) {
            assert_near(*got, want, 1e-3, format!("OBF {got} vs {want}"));
        }
        let ld = boundaries(Family::LanDemetsObf, t4.times(), 0.05, true).expect("boundaries");
        for (got, want) in ld.iter().zip([4.333, 2.963, 2.359, 2.014]) {
            assert_near(*got, want, 1e-3, format!("LD-OBF {got} vs {want}"));
        }
        for (looks, want) in [(2, 2.178), (3, 2.289), (4, 2.361), (5, 2.413)] {
            let p =
                boundaries(Family::Pocock, equal(looks).times(), 0.05, true).expect("boundaries");
            assert_near(
                p[0],
                want,
                1e-3,
                format!("Pocock {looks}: {} vs {want}", p[0]),
            );
        }
    }

    #[test]
    fn inflation_factors_match_the_published_ones() {
        let pocock = plan(Family::Pocock, &equal(4), 0.05, 0.8, true).expect("a plan");
        assert_near(pocock.inflation, 1.202, 1e-3, "Pocock, 4 looks");
        let obf = plan(Family::ObrienFleming, &equal(5), 0.05, 0.8, true).expect("a plan");
        assert_near(obf.inflation, 1.028, 1e-3, "O'Brien-Fleming, 5 looks");
    }

    #[test]
    fn every_family_spends_exactly_alpha_and_more_looks_cost_more() {
        for (_, family) in Family::CHOICES {
            for two_sided in [true, false] {
                let mut last_r = 1.0;
                for looks in [1, 2, 3, 5, 8, 12, 20] {
                    let p = plan(family, &equal(looks), 0.05, 0.8, two_sided);
                    let Ok(p) = p else {
                        panic!("{family:?} {looks}: {p:?}");
                    };
                    let spent = p.alpha_spent.last().copied().unwrap_or(0.0);
                    assert_near(
                        spent,
                        0.05,
                        2e-6,
                        format!("{family:?} {looks} {two_sided}: {spent}"),
                    );
                    assert!(
                        p.inflation >= last_r - 1e-6,
                        "{family:?} {looks}: R {} < {last_r}",
                        p.inflation
                    );
                    last_r = p.inflation;
                    assert!(p.en_h1 < p.inflation + 1e-9 && p.en_h0 <= p.inflation + 1e-9);
                    assert!(p.alpha_spent.windows(2).all(|w| w[1] >= w[0] - 1e-15));
                }
            }
        }
    }

    #[test]
    fn unequal_timing_and_unplanned_looks() {
        let s = Schedule::at(&[0.3, 0.6, 1.0]).expect("a rising schedule");
        let p = plan(Family::LanDemetsObf, &s, 0.05, 0.8, true).expect("a plan");
        let spent = p.alpha_spent.last().copied().expect("three looks");
        assert_near(spent, 0.05, 2e-6, "alpha spent by the last look");
        // A look at a planned time gets the planned boundary.
        let z = boundary_now(Family::LanDemetsObf, &s, 0.6, 0.05, true).expect("a boundary");
        assert_near(z, p.z[1], 1e-6, "a look at the planned time");
        let planned = p.z[1];
        // An unplanned earlier look is stricter, a later one more lenient.
        let early = boundary_now(Family::LanDemetsObf, &s, 0.45, 0.05, true).expect("a boundary");
        assert!(early > planned);
        assert_eq!(Schedule::at(&[0.5, 0.4, 1.0]), Err(TimingError::Order));
        assert_eq!(Schedule::at(&[0.5, 0.9]), Err(TimingError::Order));
        assert_eq!(Schedule::at(&[]), Err(TimingError::Looks));
        assert_eq!(Schedule::equal(21), Err(TimingError::Looks));
    }

    #[test]
    fn one_look_is_the_fixed_design() {
        for (_, family) in Family::CHOICES {
            let p = plan(family, &equal(1), 0.05, 0.8, true).expect("a plan");
            assert_near(p.z[0], 1.959964, 1e-5, format!("{family:?}: z"));
            assert_near(p.inflation, 1.0, 1e-6, format!("{family:?}: inflation"));
        }
    }
}
