//! The power simulator: experiments in which the treatment really converts better.
//! Each simulated test draws the conversions of both arms (exact binomial draws) and
//! runs the two-sided pooled z-test; the share of tests that reach p < alpha is the
//! power the design formula predicts.

use crate::model::form::{blocking, PageForm};
use crate::model::input::{parse_bounded, parse_choice, Bounds, InputError};
use crate::model::query::{Param, Values};
use crate::model::random::Rng;
use crate::model::stats::{normal_cdf, z_quantile};
use crate::model::Chunked;

crate::params! {
    PARAMS {
        P = "p": "5",
        MDE = "mde": "10",
        MDE_MODE = "mde_mode": "rel",
        ALPHA = "alpha": "5",
        N = "n": "31000",
        SIMS = "sims": "10000",
        SEED = "seed": "1",
        PRESENT = "present": "",
    }
}

pub const MAX_SIMS: f64 = 100_000.0;
/// The sample sizes simulated, as multiples of the chosen one (which is 1).
pub const N_MULTIPLES: [f64; 6] = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0];

type Read = Result<f64, InputError>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowerError {
    /// The rate with the effect is not below 100 %.
    RateOutOfRange,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PowerForm {
    pub relative: bool,
    pub p: Read,
    pub mde: Read,
    pub alpha: Read,
    pub n: Read,
    pub sims: Read,
    pub seed: Read,
    pub input: Option<Result<PowerInput, PowerError>>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerInput {
    pub p1: f64,
    pub p2: f64,
    /// Two-sided, as a fraction.
    pub alpha: f64,
    /// Visitors per group.
    pub n: u64,
    pub sims: usize,
    pub seed: u64,
}

pub fn read(values: &Values) -> PowerForm {
    let relative =
        parse_choice(values.get(MDE_MODE), &[("rel", true), ("abs", false)]).unwrap_or(true);
    let p = parse_bounded(values.get(P), Bounds::OPEN_PERCENT);
    let mde = parse_bounded(values.get(MDE), Bounds::POSITIVE);
    let alpha = parse_bounded(values.get(ALPHA), Bounds::range(0.0, false, 50.0, true));
    let n = parse_bounded(values.get(N), Bounds::range(10.0, true, 1e9, true).whole());
    let sims = super::read_sims(values.get(SIMS), MAX_SIMS);
    let seed = super::read_seed(values.get(SEED));
    let input = match (p, mde, alpha, n, sims, seed) {
        (Ok(p), Ok(mde), Ok(a), Ok(n), Ok(s), Ok(seed)) => {
            let p1 = p / 100.0;
            let p2 = if relative {
                p1 * (1.0 + mde / 100.0)
            } else {
                p1 + mde / 100.0
            };
            Some(if p2 < 1.0 {
                Ok(PowerInput {
                    p1,
                    p2,
                    alpha: a / 100.0,
                    n: n as u64,
                    sims: s as usize,
                    seed: seed as u64,
                })
            } else {
                Err(PowerError::RateOutOfRange)
            })
        }
        _ => None,
    };
    PowerForm {
        relative,
        p,
        mde,
        alpha,
        n,
        sims,
        seed,
        input,
    }
}

impl PageForm for PowerForm {
    type Input = PowerInput;
    const PARAMS: &'static [Param] = PARAMS;

    fn read(values: &Values) -> Self {
        read(values)
    }

    fn input(&self) -> Option<&PowerInput> {
        self.input.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// An effect that pushes the rate to 100 % or more is blocked by the effect.
    fn blocked(&self) -> Vec<&'static str> {
        blocking(&[
            (self.p.is_err(), P),
            (self.mde.is_err() || matches!(self.input, Some(Err(_))), MDE),
            (self.alpha.is_err(), ALPHA),
            (self.n.is_err(), N),
            (self.sims.is_err(), SIMS),
            (self.seed.is_err(), SEED),
        ])
    }
}

/// The design formula solved for power: `Φ(|p2 − p1| √(n / V) − z_{1−α/2})` with
/// `V = p1 q1 + p2 q2` (the unpooled normal approximation; the far tail is left out,
/// as design formulas do).
pub fn theory_power(p1: f64, p2: f64, alpha: f64, n: f64) -> f64 {
    let v = p1 * (1.0 - p1) + p2 * (1.0 - p2);
    normal_cdf((p2 - p1).abs() * (n / v).sqrt() - z_quantile(1.0 - alpha / 2.0))
}

/// The sample sizes of the chart's simulated points.
pub fn simulated_sizes(n: u64) -> Vec<u64> {
    N_MULTIPLES
        .iter()
        .map(|m| ((n as f64 * m).round() as u64).max(10))
        .collect()
}

/// Whether the two-sided pooled z-test on `x1 / n` against `x2 / n` has p < alpha
/// (|z| at least `z_crit`).
fn significant(x1: u64, x2: u64, n: u64, z_crit: f64) -> bool {
    let nf = n as f64;
    let pooled = (x1 + x2) as f64 / (2.0 * nf);
    let se = (pooled * (1.0 - pooled) * 2.0 / nf).sqrt();
    se > 0.0 && ((x2 as f64 - x1 as f64) / nf).abs() / se >= z_crit
}

/// A simulation that runs in chunks; the same seed gives the same tests however the
/// work is split.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    rng: Rng,
    pub input: PowerInput,
    z_crit: f64,
    pub sizes: Vec<u64>,
    pub hits: Vec<usize>,
    pub done: usize,
}

impl Simulation {
    pub fn new(input: &PowerInput) -> Simulation {
        let sizes = simulated_sizes(input.n);
        Simulation {
            rng: Rng::new(input.seed),
            input: *input,
            z_crit: z_quantile(1.0 - input.alpha / 2.0),
            hits: vec![0; sizes.len()],
            sizes,
            done: 0,
        }
    }

    /// Runs `count` more experiments at every simulated sample size.
    pub fn run(&mut self, count: usize) {
        let (p1, p2) = (self.input.p1, self.input.p2);
        for _ in 0..count {
            for (n, hit) in self.sizes.iter().zip(self.hits.iter_mut()) {
                let x1 = self.rng.binomial(*n, p1);
                let x2 = self.rng.binomial(*n, p2);
                if significant(x1, x2, *n, self.z_crit) {
                    *hit += 1;
                }
            }
            self.done += 1;
        }
    }

    /// The simulated power at each simulated sample size.
    pub fn shares(&self) -> Vec<(u64, f64)> {
        self.sizes
            .iter()
            .zip(&self.hits)
            .map(|(n, h)| (*n, *h as f64 / self.done.max(1) as f64))
            .collect()
    }

    /// The simulated power at the chosen sample size.
    pub fn power(&self) -> f64 {
        let i = N_MULTIPLES.iter().position(|m| *m == 1.0).unwrap_or(0);
        self.hits
            .get(i)
            .map_or(f64::NAN, |h| *h as f64 / self.done.max(1) as f64)
    }
}

impl Chunked for Simulation {
    fn done(&self) -> usize {
        self.done
    }

    fn total(&self) -> usize {
        self.input.sims
    }

    fn advance(&mut self, count: usize) {
        self.run(count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(p1: f64, p2: f64, n: u64, sims: usize) -> PowerInput {
        PowerInput {
            p1,
            p2,
            alpha: 0.05,
            n,
            sims,
            seed: 5,
        }
    }

    #[test]
    fn theory_is_the_design_formula_solved_for_power() {
        // 5 % → 5.5 %: the unpooled formula needs 31,231 per group for 80 %.
        let p = theory_power(0.05, 0.055, 0.05, 31_231.0);
        assert!((p - 0.8).abs() < 1e-4, "{p}");
        // No effect: the one-tail rate alpha / 2.
        assert!((theory_power(0.05, 0.05, 0.05, 1e6) - 0.025).abs() < 1e-9);
    }

    #[test]
    fn simulated_power_agrees_with_theory() {
        let i = input(0.05, 0.055, 31_000, 20_000);
        let mut sim = Simulation::new(&i);
        sim.run(i.sims);
        for (n, share) in sim.shares() {
            let t = theory_power(0.05, 0.055, 0.05, n as f64);
            let se = (t * (1.0 - t) / i.sims as f64).sqrt();
            // The pooled test and the normal approximation differ a little from the
            // exact binomial; within sampling error plus half a point.
            assert!(
                (share - t).abs() < 4.0 * se + 0.005,
                "n {n}: {share} vs {t}"
            );
        }
        let shares = sim.shares();
        assert!(shares.windows(2).all(|w| w[1].1 > w[0].1 - 0.01));
        assert!((sim.power() - shares[3].1).abs() < 1e-15);
    }

    #[test]
    fn no_effect_gives_alpha() {
        let i = input(0.1, 0.1, 5_000, 20_000);
        let mut sim = Simulation::new(&i);
        sim.run(i.sims);
        let se = (0.05f64 * 0.95 / i.sims as f64).sqrt();
        assert!((sim.power() - 0.05).abs() < 4.0 * se, "{}", sim.power());
    }

    #[test]
    fn chunks_do_not_change_the_result() {
        let i = input(0.03, 0.036, 8_000, 1_000);
        let mut whole = Simulation::new(&i);
        whole.run(i.sims);
        let mut chunked = Simulation::new(&i);
        for _ in 0..4 {
            chunked.run(250);
        }
        assert_eq!(whole, chunked);
    }

    #[test]
    fn the_form_reads_and_refuses() {
        let f = read(&Values::defaults(PARAMS));
        let Some(Ok(i)) = f.input else {
            panic!("defaults must be valid")
        };
        assert!((i.p2 - 0.055).abs() < 1e-15 && i.n == 31_000);
        let abs = read(&Values::from_query(PARAMS, "p=5&mde=1&mde_mode=abs"));
        assert!(matches!(abs.input, Some(Ok(i)) if (i.p2 - 0.06).abs() < 1e-15));
        let over = read(&Values::from_query(PARAMS, "p=90&mde=20"));
        assert_eq!(over.input, Some(Err(PowerError::RateOutOfRange)));
        for bad in [
            "p=0", "p=100", "n=5", "n=1.5", "sims=1", "mde=-2", "alpha=x",
        ] {
            assert!(
                read(&Values::from_query(PARAMS, bad)).input.is_none(),
                "{bad}"
            );
        }
    }
}
