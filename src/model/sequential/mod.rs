//! Tests that are looked at more than once: the chance that the z-statistic crosses a
//! boundary at some look, computed exactly (to quadrature error) by the recursion of
//! Armitage, McPherson & Rowe (1969), as in Jennison & Turnbull (2000), chapter 19.
//!
//! At information fractions `t_1 < … < t_K` the score `S_k = Z_k √t_k` is a Brownian
//! motion with drift `θ`: its increments are independent, `N(θ Δ, Δ)` with
//! `Δ = t_k − t_{k−1}`. The density of `S_k` on the paths that have not yet crossed is
//! the previous density, cut to the continuation region, convolved with the increment's
//! normal density. Each density lives on a uniform grid spaced a ninth of the
//! narrowest increment's standard deviation, integrated by the trapezoidal rule with
//! Gregory's end corrections (error `step¹⁰`, so boundaries and alpha spent agree
//! with rpact's printed values and an independent quadrature to 1e-8 relative); the convolution weights are built by a
//! two-term recurrence instead of one `exp` per pair of points.

pub mod plan;

use crate::model::stats::{normal_cdf, normal_density, normal_sf};

/// Grid points per standard deviation of the narrowest increment the grid meets.
const POINTS_PER_SD: f64 = 9.0;
/// The grid stops this many standard deviations from the mean (beyond: below 1e-13,
/// which moves no crossing chance by more than 1e-10 of itself).
const REACH: f64 = 7.5;
/// Upper limit on one look's grid, whatever the spacing of the looks.
const MAX_POINTS: usize = 4001;
/// Beyond this many standard deviations of the step to the next look, a grid point's
/// chance of crossing is 1 or 0 in floating point (the tail is below 2e-21 and its
/// density below 2e-20), so the tail function need not be evaluated there: most of
/// a grid lies far from the boundary, and this is where a plan spends its time.
const SURE: f64 = 9.5;

/// `1 − Φ(x)`, skipping the evaluation where the answer is 0 or 1 to f64 precision
/// relative to the grid's other points.
fn tail_above(x: f64) -> f64 {
    if x > SURE {
        0.0
    } else if x < -SURE {
        1.0
    } else {
        normal_sf(x)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SequentialError {
    /// No looks, or the boundaries do not match the looks.
    Looks,
    /// Information fractions not positive, finite and increasing.
    Times,
    /// A lower boundary not below its upper one, or a NaN.
    Bounds,
}

/// The probability that the first crossing happens at each look, above the upper
/// boundary and below the lower one.
#[derive(Clone, Debug, PartialEq)]
pub struct Crossings {
    pub upper: Vec<f64>,
    pub lower: Vec<f64>,
}

impl Crossings {
    /// The chance of crossing either boundary at some look.
    pub fn total(&self) -> f64 {
        self.upper.iter().chain(self.lower.iter()).sum()
    }

    /// The chance of having crossed either boundary by each look.
    pub fn cumulative(&self) -> Vec<f64> {
        let mut sum = 0.0;
        self.upper
            .iter()
            .zip(&self.lower)
            .map(|(u, l)| {
                sum += u + l;
                sum
            })
            .collect()
    }
}

/// A density on a uniform grid, already multiplied by the Simpson weights.
struct Grid {
    start: f64,
    step: f64,
    weighted: Vec<f64>,
}

/// Simpson's rule weight of point `i` of `m` (odd) at spacing `step`.
pub(crate) fn simpson_weight(i: usize, m: usize, step: f64) -> f64 {
    let inner = if i == 0 || i + 1 == m {
        1.0
    } else if i % 2 == 1 {
        4.0
    } else {
        2.0
    };
    inner * step / 3.0
}

/// End weights of the trapezoidal rule with Gregory's corrections of order 10
/// (the first and last nine points; every other point weighs 1). The densities
/// are smooth inside the continuation region, where the plain trapezoidal rule is
/// already accurate far below 1e-12; all the error of a uniform rule comes from the
/// two ends, where a boundary cuts the density off, and these weights cancel it to
/// `step¹⁰` (Simpson's rule leaves `step⁴`). Exact rationals from the Euler–Maclaurin
/// formula: `Σ (w_j − t_j) j^d = B_{d+1} / (d + 1)` for odd `d < 9`, 0 for even
/// (`t_j` the trapezoidal weights).
const GREGORY_ENDS: [f64; 9] = [
    25713.0 / 89600.0,
    1153247.0 / 725760.0,
    130583.0 / 3628800.0,
    903527.0 / 403200.0,
    -797.0 / 5670.0,
    6244961.0 / 3628800.0,
    56621.0 / 80640.0,
    3891877.0 / 3628800.0,
    1028617.0 / 1036800.0,
];
/// Fewest points of a grid: both ends' corrections and one point between.
const MIN_POINTS: usize = 2 * GREGORY_ENDS.len() + 1;

/// The weight of point `i` of `m` (at least `MIN_POINTS`) at spacing `step`.
fn gregory_weight(i: usize, m: usize, step: f64) -> f64 {
    let from_end = i.min(m.saturating_sub(1 + i));
    GREGORY_ENDS.get(from_end).copied().unwrap_or(1.0) * step
}

/// Points for `width` at `step`, at least `MIN_POINTS` and at most `MAX_POINTS`.
fn point_count(width: f64, step: f64) -> usize {
    ((width / step).ceil() as usize + 1).clamp(MIN_POINTS, MAX_POINTS)
}

/// The score's surviving density after the looks so far: where the paths that have
/// not crossed a boundary are, and how likely.
pub struct Walk {
    drift: f64,
    /// Information at the last look passed (0 before the first).
    t: f64,
    /// `None` before the first look (a point mass at 0); empty when nothing survives.
    grid: Option<Grid>,
}

impl Walk {
    /// A walk with `drift`, the mean of `Z` at information 1.
    pub fn new(drift: f64) -> Walk {
        Walk {
            drift,
            t: 0.0,
            grid: None,
        }
    }

    /// The chance of first crossing above `z_hi` and below `z_lo` (z-scale) at a look
    /// at information `t`, after the looks passed so far.
    pub fn crossing(&self, t: f64, z_lo: f64, z_hi: f64) -> (f64, f64) {
        let delta = t - self.t;
        if delta.is_nan() || delta <= 0.0 {
            return (0.0, 0.0);
        }
        let sd = delta.sqrt();
        let shift = self.drift * delta;
        let (s_lo, s_hi) = (z_lo * t.sqrt(), z_hi * t.sqrt());
        let (up, down) = match &self.grid {
            None => (
                normal_sf((s_hi - shift) / sd),
                normal_cdf((s_lo - shift) / sd),
            ),
            Some(g) => g
                .weighted
                .iter()
                .enumerate()
                .fold((0.0, 0.0), |(a, b), (j, w)| {
                    let u = g.start + j as f64 * g.step + shift;
                    let up = if s_hi.is_finite() {
                        tail_above((s_hi - u) / sd)
                    } else {
                        0.0
                    };
                    let down = if s_lo.is_finite() {
                        tail_above((u - s_lo) / sd)
                    } else {
                        0.0
                    };
                    (a + w * up, b + w * down)
                }),
        };
        (up.max(0.0), down.max(0.0))
    }

    /// The chance of first crossing above `z_hi` at information `t`, and its
    /// derivative in `z_hi` (for Newton's method on a boundary).
    pub fn upper_crossing(&self, t: f64, z_hi: f64) -> (f64, f64) {
        let delta = t - self.t;
        if delta.is_nan() || delta <= 0.0 || !z_hi.is_finite() {
            return (0.0, 0.0);
        }
        let sd = delta.sqrt();
        let shift = self.drift * delta;
        let s_hi = z_hi * t.sqrt();
        let scale = t.sqrt() / sd;
        match &self.grid {
            None => {
                let x = (s_hi - shift) / sd;
                (normal_sf(x), -normal_density(x) * scale)
            }
            Some(g) => g
                .weighted
                .iter()
                .enumerate()
                .fold((0.0, 0.0), |(p, d), (j, w)| {
                    let x = (s_hi - g.start - j as f64 * g.step - shift) / sd;
                    if x.abs() > SURE {
                        return (p + w * tail_above(x), d);
                    }
                    (p + w * normal_sf(x), d - w * normal_density(x) * scale)
                }),
        }
    }

    /// Passes a look at information `t` with continuation region (`z_lo`, `z_hi`): the
    /// density of the paths that did not cross, on a grid fine enough for the step
    /// to the next look at `t_next`.
    pub fn pass(&mut self, t: f64, z_lo: f64, z_hi: f64, t_next: f64) {
        let delta = t - self.t;
        let sd = delta.max(0.0).sqrt();
        let shift = self.drift * delta;
        let mean = self.drift * t;
        let reach = REACH * t.sqrt();
        let lo = (z_lo * t.sqrt()).max(mean - reach);
        let hi = (z_hi * t.sqrt()).min(mean + reach);
        let dead = self.grid.as_ref().is_some_and(|g| g.weighted.is_empty());
        self.t = t;
        if dead || lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) || sd.is_nan() || sd <= 0.0
        {
            // Nothing survives: every later look crosses with probability 0.
            self.grid = Some(Grid {
                start: 0.0,
                step: 1.0,
                weighted: Vec::new(),
            });
            return;
        }
        let narrowest = sd.min((t_next - t).max(1e-12).sqrt());
        let m = point_count(hi - lo, narrowest / POINTS_PER_SD);
        let step = (hi - lo) / (m - 1) as f64;
        let weighted: Vec<f64> = match &self.grid {
            None => (0..m)
                .map(|i| {
                    let s = lo + i as f64 * step;
                    gregory_weight(i, m, step) * normal_density((s - shift) / sd) / sd
                })
                .collect(),
            Some(g) => {
                let mut density = vec![0.0; m];
                convolve(g, lo, step, shift, delta, &mut density);
                density
                    .iter()
                    .enumerate()
                    .map(|(i, d)| gregory_weight(i, m, step) * d)
                    .collect()
            }
        };
        self.grid = Some(Grid {
            start: lo,
            step,
            weighted,
        });
    }
}

/// Information fractions positive, finite and increasing.
fn check_times(times: &[f64]) -> Result<(), SequentialError> {
    if times.is_empty() {
        return Err(SequentialError::Looks);
    }
    let mut last = 0.0;
    for &t in times {
        if !(t.is_finite() && t > last) {
            return Err(SequentialError::Times);
        }
        last = t;
    }
    Ok(())
}

/// The probabilities of first crossing `lower` or `upper` (z-scale, one pair per look;
/// `±∞` for no boundary) at information fractions `times`, for a drift `drift` (the
/// mean of `Z` at `t = 1`; 0 when there is no effect).
pub fn crossings(
    times: &[f64],
    lower: &[f64],
    upper: &[f64],
    drift: f64,
) -> Result<Crossings, SequentialError> {
    check_times(times)?;
    let k_max = times.len();
    if lower.len() != k_max || upper.len() != k_max {
        return Err(SequentialError::Looks);
    }
    if !drift.is_finite()
        || lower
            .iter()
            .zip(upper)
            .any(|(l, u)| l.partial_cmp(u) != Some(std::cmp::Ordering::Less))
    {
        return Err(SequentialError::Bounds);
    }
    let mut out = Crossings {
        upper: Vec::with_capacity(k_max),
        lower: Vec::with_capacity(k_max),
    };
    let mut walk = Walk::new(drift);
    for (k, ((&t, &z_lo), &z_hi)) in times.iter().zip(lower).zip(upper).enumerate() {
        let (up, down) = walk.crossing(t, z_lo, z_hi);
        out.upper.push(up);
        out.lower.push(down);
        let Some(&t_next) = times.get(k + 1) else {
            break;
        };
        walk.pass(t, z_lo, z_hi, t_next);
    }
    Ok(out)
}

/// `density[i] = Σ_j g_j φ((s_i − u_j − shift) / √delta) / √delta` for the grid
/// `s_i = lo + i·step`. Along one row the Gaussian weights follow
/// `e_{j+1} = e_j r_j`, `r_{j+1} = r_j q`: two multiplications per pair, starting
/// from the peak so that values only shrink (and stop once negligible).
fn convolve(g: &Grid, lo: f64, step: f64, shift: f64, delta: f64, density: &mut [f64]) {
    let m_prev = g.weighted.len();
    if m_prev == 0 {
        return;
    }
    let h = g.step;
    let norm = 1.0 / (2.0 * std::f64::consts::PI * delta).sqrt();
    let q = (-h * h / delta).exp();
    for (i, out) in density.iter_mut().enumerate() {
        let s = lo + i as f64 * step - shift;
        // x_j = s − u_j, largest weight where x_j is nearest 0.
        let x0 = s - g.start;
        let peak = (x0 / h).round().clamp(0.0, (m_prev - 1) as f64) as usize;
        let x_peak = x0 - peak as f64 * h;
        let e_peak = (-x_peak * x_peak / (2.0 * delta)).exp();
        let mut sum = 0.0;
        // Forward: x decreases by h each step.
        let (mut e, mut r) = (e_peak, ((2.0 * x_peak * h - h * h) / (2.0 * delta)).exp());
        for w in g.weighted.iter().skip(peak) {
            sum += w * e;
            e *= r;
            r *= q;
            if e < 1e-17 {
                break;
            }
        }
        // Backward: x increases by h each step.
        let (mut e, mut r) = (e_peak, ((-2.0 * x_peak * h - h * h) / (2.0 * delta)).exp());
        for w in g.weighted.iter().take(peak).rev() {
            e *= r;
            r *= q;
            sum += w * e;
            if e < 1e-17 {
                break;
            }
        }
        *out = sum * norm;
    }
}

/// `looks` equally spaced information fractions `1/K, 2/K, …, 1`.
pub fn equally_spaced(looks: usize) -> Vec<f64> {
    (1..=looks).map(|k| k as f64 / looks as f64).collect()
}

/// For a test checked at `looks` equally spaced looks against the same two-sided
/// critical value `z` each time, the chance that a test with no effect has been
/// declared significant by each look: entry `k − 1` is the false-positive rate of a
/// test stopped at the first of `k` looks that crosses (the first `k` of `K`
/// equally spaced looks have the same joint law as `k` equally spaced looks).
pub fn naive_peeking_rates(looks: usize, z: f64) -> Result<Vec<f64>, SequentialError> {
    let times = equally_spaced(looks);
    let upper = vec![z; looks];
    let lower = vec![-z; looks];
    crossings(&times, &lower, &upper, 0.0).map(|c| c.cumulative())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stats::z_quantile;

    use crate::model::testing::assert_near;

    /// P(|Z_1| ≥ c or |Z_2| ≥ c) for two equally spaced looks, by a direct
    /// one-dimensional integral of the bivariate normal (correlation √½): an
    /// independent check of the recursion.
    fn two_look_rate(c: f64) -> f64 {
        let rho = 0.5f64.sqrt();
        let s = (1.0 - rho * rho).sqrt();
        let n = 20_000;
        let h = 2.0 * c / n as f64;
        let mut keep = 0.0;
        for i in 0..=n {
            let z = -c + i as f64 * h;
            let w = if i == 0 || i == n {
                1.0
            } else if i % 2 == 1 {
                4.0
            } else {
                2.0
            };
            let inner = normal_cdf((c - rho * z) / s) - normal_cdf((-c - rho * z) / s);
            keep += w * normal_density(z) * inner;
        }
        1.0 - keep * h / 3.0
    }

    #[test]
    fn two_looks_match_the_bivariate_normal() {
        for c in [1.645, 1.96, 2.576] {
            let rates = naive_peeking_rates(2, c).unwrap_or_default();
            let direct = two_look_rate(c);
            assert_near(
                rates[1],
                direct,
                1e-6,
                format!("{c}: {} vs {direct}", rates[1]),
            );
        }
    }

    #[test]
    fn peeking_rates_match_armitage_mcpherson_rowe() {
        // Jennison & Turnbull (2000), table 1.1: repeated two-sided tests at 5 %.
        let rates = naive_peeking_rates(50, z_quantile(0.975)).unwrap_or_default();
        for (looks, published) in [
            (1, 0.05),
            (2, 0.083),
            (3, 0.107),
            (4, 0.126),
            (5, 0.142),
            (10, 0.193),
            (20, 0.248),
            (50, 0.320),
        ] {
            let got = rates[looks - 1];
            assert_near(
                got,
                published,
                5e-4,
                format!("{looks} looks: {got} vs {published}"),
            );
        }
    }

    #[test]
    fn gregory_weights_integrate_polynomials_of_degree_nine_exactly() {
        // ∫_0^1 x^d dx on 41 points: exact up to rounding for d ≤ 9, not for d = 10.
        let m = 41;
        let step = 1.0 / (m - 1) as f64;
        let rule = |d: i32| -> f64 {
            (0..m)
                .map(|i| gregory_weight(i, m, step) * (i as f64 * step).powi(d))
                .sum()
        };
        for d in 0..=9 {
            let exact = 1.0 / f64::from(d + 1);
            assert!(
                (rule(d) - exact).abs() < 1e-14,
                "degree {d}: {} vs {exact}",
                rule(d)
            );
        }
        assert!((rule(10) - 1.0 / 11.0).abs() > 1e-14);
    }

    #[test]
    fn a_finer_grid_changes_nothing_that_shows() {
        // The rate for 5 looks with grids 9 per sd against the same recursion run
        // on a 4× finer grid through its own spacing (looks 4× as many, rates at the
        // original looks), which must agree far below 1e-4.
        let coarse = naive_peeking_rates(5, 1.96).unwrap_or_default()[4];
        let times: Vec<f64> = (1..=20).map(|k| k as f64 / 20.0).collect();
        let (mut lower, mut upper) = (vec![-1e9; 20], vec![1e9; 20]);
        for k in [3, 7, 11, 15, 19] {
            upper[k] = 1.96;
            lower[k] = -1.96;
        }
        let fine = crossings(&times, &lower, &upper, 0.0)
            .map(|c| c.total())
            .unwrap_or(0.0);
        assert_near(coarse, fine, 2e-6, format!("{coarse} vs {fine}"));
    }

    #[test]
    fn obrien_fleming_and_pocock_match_published_constants() {
        // O'Brien–Fleming, 4 looks, two-sided 5 % (Jennison & Turnbull table 2.3).
        let obf = plan::boundaries(plan::Family::ObrienFleming, &equally_spaced(4), 0.05, true)
            .unwrap_or_default();
        for (got, want) in obf.iter().zip([4.049, 2.863, 2.337, 2.024]) {
            assert_near(*got, want, 1e-3, format!("OBF {got} vs {want}"));
        }
        // Pocock constants, 2–5 looks (table 2.1).
        for (looks, want) in [(2, 2.178), (3, 2.289), (4, 2.361), (5, 2.413)] {
            let c = plan::boundaries(plan::Family::Pocock, &equally_spaced(looks), 0.05, true)
                .unwrap_or_default()[0];
            assert_near(c, want, 1e-3, format!("Pocock {looks}: {c} vs {want}"));
        }
    }

    #[test]
    fn boundaries_spend_exactly_alpha() {
        for shape in [plan::Family::Pocock, plan::Family::ObrienFleming] {
            for looks in [2, 7, 30, 50] {
                let b =
                    plan::boundaries(shape, &equally_spaced(looks), 0.05, true).unwrap_or_default();
                let lower: Vec<f64> = b.iter().map(|x| -x).collect();
                let total = crossings(&equally_spaced(looks), &lower, &b, 0.0)
                    .map(|c| c.total())
                    .unwrap_or(0.0);
                assert_near(total, 0.05, 1e-8, format!("{shape:?} {looks}: {total}"));
                let c = b[looks - 1];
                assert!(c > 1.96 && c < 3.5, "{shape:?} {looks}: {c}");
            }
        }
    }

    #[test]
    fn drift_raises_the_crossing_chance_and_one_look_is_the_z_test() {
        let one = crossings(&[1.0], &[-1.96], &[1.96], 2.8).unwrap_or(Crossings {
            upper: vec![],
            lower: vec![],
        });
        // Power of a one-look two-sided test with drift 2.8: Φ(0.84) + Φ(−4.76).
        let want = normal_sf(1.96 - 2.8) + normal_cdf(-1.96 - 2.8);
        assert_near(one.total(), want, 1e-12, "one.total()");
        let times = equally_spaced(5);
        let b = vec![2.413; 5];
        let lb: Vec<f64> = b.iter().map(|x| -x).collect();
        let null = crossings(&times, &lb, &b, 0.0)
            .map(|c| c.total())
            .unwrap_or(1.0);
        let alt = crossings(&times, &lb, &b, 2.8)
            .map(|c| c.total())
            .unwrap_or(0.0);
        assert!(alt > null && alt < 1.0);
    }

    #[test]
    fn bad_plans_are_typed_errors() {
        assert_eq!(crossings(&[], &[], &[], 0.0), Err(SequentialError::Looks));
        assert_eq!(
            crossings(&[0.5, 0.5], &[-2.0; 2], &[2.0; 2], 0.0),
            Err(SequentialError::Times)
        );
        assert_eq!(
            crossings(&[1.0], &[2.0], &[1.0], 0.0),
            Err(SequentialError::Bounds)
        );
        assert_eq!(
            crossings(&[1.0], &[f64::NAN], &[1.0], 0.0),
            Err(SequentialError::Bounds)
        );
        assert!(plan::boundaries(plan::Family::Pocock, &[], 0.05, true).is_err());
        assert!(plan::boundaries(plan::Family::Pocock, &equally_spaced(3), 1.5, true).is_err());
    }
}
