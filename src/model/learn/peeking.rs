//! The peeking simulator: A/A tests (no true difference) checked at equally spaced
//! looks. Between two looks each arm gains the same number of visitors, so the
//! z-statistic of the difference moves as a random walk scaled by √(looks so far):
//! `Z_k = (e_1 + … + e_k) / √k` with independent standard normal steps (the normal
//! approximation that every z-test makes). The exact rate comes from
//! `model::sequential`; the simulation shows it happening.

use crate::model::form::{blocking, PageForm};
use crate::model::input::{parse_bounded, Bounds, InputError};
use crate::model::query::{Param, Values};
use crate::model::random::Rng;
use crate::model::sequential::plan::{boundaries, Family};
use crate::model::sequential::{equally_spaced, naive_peeking_rates, SequentialError};
use crate::model::stats::z_quantile;
use crate::model::Chunked;

crate::params! {
    PARAMS {
        LOOKS = "looks": "5",
        ALPHA = "alpha": "5",
        SIMS = "sims": "10000",
        SEED = "seed": "1",
        PRESENT = "present": "",
    }
}

pub const MAX_LOOKS: usize = 50;
pub const MAX_SIMS: f64 = 200_000.0;
/// Sample paths kept for the chart, of each kind: tests a peeker would have
/// stopped as "significant", and tests that never crossed.
pub const PATHS: usize = 5;

type Read = Result<f64, InputError>;

#[derive(Clone, Debug, PartialEq)]
pub struct PeekingForm {
    pub looks: Read,
    pub alpha: Read,
    pub sims: Read,
    pub seed: Read,
    pub input: Option<PeekingInput>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeekingInput {
    pub looks: usize,
    /// Two-sided, as a fraction.
    pub alpha: f64,
    pub sims: usize,
    pub seed: u64,
}

pub fn read(values: &Values) -> PeekingForm {
    let looks = parse_bounded(
        values.get(LOOKS),
        Bounds::range(1.0, true, MAX_LOOKS as f64, true).whole(),
    );
    let alpha = parse_bounded(values.get(ALPHA), Bounds::range(0.0, false, 50.0, true));
    let sims = super::read_sims(values.get(SIMS), MAX_SIMS);
    let seed = super::read_seed(values.get(SEED));
    let input = match (looks, alpha, sims, seed) {
        (Ok(l), Ok(a), Ok(s), Ok(seed)) => Some(PeekingInput {
            looks: l as usize,
            alpha: a / 100.0,
            sims: s as usize,
            seed: seed as u64,
        }),
        _ => None,
    };
    PeekingForm {
        looks,
        alpha,
        sims,
        seed,
        input,
    }
}

impl PageForm for PeekingForm {
    type Input = PeekingInput;
    const PARAMS: &'static [Param] = PARAMS;

    fn read(values: &Values) -> Self {
        read(values)
    }

    fn input(&self) -> Option<&PeekingInput> {
        self.input.as_ref()
    }

    fn blocked(&self) -> Vec<&'static str> {
        blocking(&[
            (self.looks.is_err(), LOOKS),
            (self.alpha.is_err(), ALPHA),
            (self.sims.is_err(), SIMS),
            (self.seed.is_err(), SEED),
        ])
    }
}

/// What theory says, for the chart and beside the simulated shares.
#[derive(Clone, Debug, PartialEq)]
pub struct Theory {
    /// The two-sided critical value of one look.
    pub z: f64,
    /// Entry `k − 1`: the false-positive rate when stopping at the first of `k`
    /// looks with p < alpha, for k = 1 … `MAX_LOOKS`.
    pub rate_by_looks: Vec<f64>,
    /// The O'Brien–Fleming |z| boundary at each of the chosen looks.
    pub obf: Vec<f64>,
}

impl Theory {
    /// The exact chance of a false positive for the chosen number of looks.
    pub fn rate(&self, looks: usize) -> f64 {
        self.rate_by_looks
            .get(looks.wrapping_sub(1))
            .copied()
            .unwrap_or(f64::NAN)
    }
}

pub fn theory(input: &PeekingInput) -> Result<Theory, SequentialError> {
    let z = z_quantile(1.0 - input.alpha / 2.0);
    Ok(Theory {
        z,
        rate_by_looks: naive_peeking_rates(MAX_LOOKS, z)?,
        obf: boundaries(
            Family::ObrienFleming,
            &equally_spaced(input.looks),
            input.alpha,
            true,
        )?,
    })
}

/// A simulation that runs in chunks; the same seed gives the same tests however
/// the work is split.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    pub input: PeekingInput,
    pub theory: Theory,
    rng: Rng,
    /// The second normal of the last polar step, kept across chunks.
    spare: Option<f64>,
    pub done: usize,
    /// Declared significant at the first look with p < alpha.
    pub peeking_hits: usize,
    /// Significant at the last look only.
    pub final_hits: usize,
    /// Crossing an O'Brien–Fleming boundary at some look.
    pub obf_hits: usize,
    /// How many tests stopped (peeking) at each look.
    pub stopped_at: Vec<usize>,
    /// The z-statistic at each look of the first `PATHS` tests that crossed the
    /// one-look line at some look, and of the first `PATHS` that did not.
    pub crossed_paths: Vec<Vec<f64>>,
    pub quiet_paths: Vec<Vec<f64>>,
}

impl Simulation {
    pub fn new(input: &PeekingInput, theory: Theory) -> Simulation {
        Simulation {
            input: *input,
            theory,
            rng: Rng::new(input.seed),
            spare: None,
            done: 0,
            peeking_hits: 0,
            final_hits: 0,
            obf_hits: 0,
            stopped_at: vec![0; input.looks],
            crossed_paths: Vec::new(),
            quiet_paths: Vec::new(),
        }
    }

    /// Runs `count` more A/A tests.
    pub fn run(&mut self, count: usize) {
        let looks = self.theory.obf.len();
        let z_one = self.theory.z;
        let mut path = Vec::with_capacity(looks);
        for _ in 0..count {
            let keep = self.crossed_paths.len() < PATHS || self.quiet_paths.len() < PATHS;
            path.clear();
            let (mut sum, mut stopped, mut obf_crossed, mut last_z) = (0.0, false, false, 0.0);
            for (k, bound) in self.theory.obf.iter().enumerate() {
                let step = match self.spare.take() {
                    Some(x) => x,
                    None => {
                        let (a, b) = self.rng.normal_pair();
                        self.spare = Some(b);
                        a
                    }
                };
                sum += step;
                let z = sum / ((k + 1) as f64).sqrt();
                if !stopped && z.abs() >= z_one {
                    stopped = true;
                    self.peeking_hits += 1;
                    if let Some(c) = self.stopped_at.get_mut(k) {
                        *c += 1;
                    }
                }
                obf_crossed |= z.abs() >= *bound;
                last_z = z;
                if keep {
                    path.push(z);
                }
            }
            if last_z.abs() >= z_one {
                self.final_hits += 1;
            }
            if obf_crossed {
                self.obf_hits += 1;
            }
            if keep {
                let kind = if stopped {
                    &mut self.crossed_paths
                } else {
                    &mut self.quiet_paths
                };
                if kind.len() < PATHS {
                    kind.push(path.clone());
                }
            }
            self.done += 1;
        }
    }

    fn share(&self, hits: usize) -> f64 {
        if self.done == 0 {
            f64::NAN
        } else {
            hits as f64 / self.done as f64
        }
    }

    /// The simulated false-positive rate when stopping at the first significant look.
    pub fn peeking_share(&self) -> f64 {
        self.share(self.peeking_hits)
    }

    pub fn final_share(&self) -> f64 {
        self.share(self.final_hits)
    }

    pub fn obf_share(&self) -> f64 {
        self.share(self.obf_hits)
    }

    /// The simulation's standard error for a share near `rate`.
    pub fn standard_error(&self, rate: f64) -> f64 {
        (rate * (1.0 - rate) / self.done.max(1) as f64).sqrt()
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

    fn input(looks: usize, sims: usize, seed: u64) -> PeekingInput {
        PeekingInput {
            looks,
            alpha: 0.05,
            sims,
            seed,
        }
    }

    fn simulate(i: &PeekingInput) -> (Theory, Simulation) {
        let theory = theory(i).unwrap_or_else(|_| Theory {
            z: f64::NAN,
            rate_by_looks: vec![],
            obf: vec![],
        });
        let mut sim = Simulation::new(i, theory.clone());
        sim.run(i.sims);
        (theory, sim)
    }

    #[test]
    fn five_looks_at_five_percent_is_about_fourteen_percent() {
        let (theory, sim) = simulate(&input(5, 100_000, 1));
        let exact = theory.rate(5);
        assert!((exact - 0.1417).abs() < 2e-4, "{exact}");
        // Within four standard errors of the exact values.
        let se = sim.standard_error(exact);
        assert!(
            (sim.peeking_share() - exact).abs() < 4.0 * se,
            "{}",
            sim.peeking_share()
        );
        let se5 = sim.standard_error(0.05);
        assert!(
            (sim.final_share() - 0.05).abs() < 4.0 * se5,
            "{}",
            sim.final_share()
        );
        assert!(
            (sim.obf_share() - 0.05).abs() < 4.0 * se5,
            "{}",
            sim.obf_share()
        );
        assert_eq!(sim.stopped_at.iter().sum::<usize>(), sim.peeking_hits);
        assert_eq!(sim.crossed_paths.len(), PATHS);
        assert_eq!(sim.quiet_paths.len(), PATHS);
        assert!(sim
            .crossed_paths
            .iter()
            .all(|p| p.len() == 5 && p.iter().any(|z| z.abs() >= theory.z)));
        assert!(sim
            .quiet_paths
            .iter()
            .all(|p| p.iter().all(|z| z.abs() < theory.z)));
    }

    #[test]
    fn one_look_is_alpha_and_more_looks_are_worse() {
        let (theory, sim) = simulate(&input(1, 50_000, 9));
        assert!((theory.rate(1) - 0.05).abs() < 1e-9);
        assert_eq!(sim.peeking_hits, sim.final_hits);
        assert_eq!(sim.final_hits, sim.obf_hits);
        let se = sim.standard_error(0.05);
        assert!((sim.peeking_share() - 0.05).abs() < 4.0 * se);
        for w in theory.rate_by_looks.windows(2) {
            assert!(w[1] > w[0]);
        }
    }

    #[test]
    fn thirty_looks_agree_with_theory() {
        let (theory, sim) = simulate(&input(30, 20_000, 4));
        let exact = theory.rate(30);
        assert!((sim.peeking_share() - exact).abs() < 4.0 * sim.standard_error(exact));
        assert!((sim.obf_share() - 0.05).abs() < 4.0 * sim.standard_error(0.05));
    }

    #[test]
    fn chunks_do_not_change_the_result() {
        let i = input(7, 3_000, 42);
        let (theory, whole) = simulate(&i);
        let mut chunked = Simulation::new(&i, theory);
        while chunked.done() < chunked.total() {
            chunked.advance(700.min(chunked.total() - chunked.done()));
        }
        assert_eq!(whole, chunked);
    }

    #[test]
    fn the_form_reads_and_refuses() {
        let v = Values::from_query(PARAMS, "looks=12&alpha=1&sims=500&seed=3");
        let f = read(&v);
        assert_eq!(
            f.input.map(|i| (i.looks, i.sims, i.seed)),
            Some((12, 500, 3))
        );
        assert!(f.input.is_some_and(|i| (i.alpha - 0.01).abs() < 1e-15));
        for bad in [
            "looks=0",
            "looks=51",
            "looks=2.5",
            "sims=10",
            "alpha=0",
            "seed=-1",
            "looks=x",
        ] {
            assert!(
                read(&Values::from_query(PARAMS, bad)).input.is_none(),
                "{bad}"
            );
        }
        assert!(read(&Values::defaults(PARAMS)).input.is_some());
    }
}
