//! Monte Carlo of the campaign when inputs are uncertain: each is given as low / likely
//! / high and drawn from a PERT (a Beta scaled to the range, weight 4 on the likely
//! value) or a triangular distribution. The generator is xoshiro256** seeded through
//! splitmix64, so the same seed always gives the same draws, chunk by chunk.

pub use crate::model::random::Rng;

/// A checked range: `low ≤ likely ≤ high`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeError {
    /// low > likely or likely > high.
    OutOfOrder,
}

impl Range {
    pub fn new(low: f64, likely: f64, high: f64) -> Result<Range, RangeError> {
        if low <= likely && likely <= high {
            Ok(Range { low, likely, high })
        } else {
            Err(RangeError::OutOfOrder)
        }
    }

    pub fn fixed(x: f64) -> Range {
        Range {
            low: x,
            likely: x,
            high: x,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Pert,
    Triangular,
}

/// Draws from a campaign input's range.
pub trait DrawRange {
    fn draw(&mut self, r: Range, shape: Shape) -> f64;
}

impl DrawRange for Rng {
    fn draw(&mut self, r: Range, shape: Shape) -> f64 {
        let width = r.high - r.low;
        if width <= 0.0 {
            return r.likely;
        }
        match shape {
            Shape::Pert => {
                let a = 1.0 + 4.0 * (r.likely - r.low) / width;
                let b = 1.0 + 4.0 * (r.high - r.likely) / width;
                let (x, y) = (self.gamma(a), self.gamma(b));
                r.low + width * x / (x + y)
            }
            Shape::Triangular => {
                let u = self.uniform();
                let cut = (r.likely - r.low) / width;
                if u < cut {
                    r.low + (u * width * (r.likely - r.low)).sqrt()
                } else {
                    r.high - ((1.0 - u) * width * (r.high - r.likely)).sqrt()
                }
            }
        }
    }
}

/// The campaign's inputs as ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct Uncertain {
    pub costs: Vec<Range>,
    pub gmv: Range,
    pub margin_pct: Range,
    pub members: Range,
    pub ltv: Range,
    pub impressions: Range,
    pub cpm: Range,
    /// Refunds and platform fees, %.
    pub refund_pct: Range,
    pub fee_pct: Range,
}

/// Draws of one Monte Carlo run on the ROI page: P10/P50/P90 to about 0.3 % of
/// their spread, and quick enough to run in chunks between frames.
pub const DRAWS: usize = 100_000;

/// A simulation that can run in chunks; the same seed gives the same draws however
/// the work is split.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    rng: Rng,
    input: Uncertain,
    shape: Shape,
    pub rois: Vec<f64>,
    pub profits: Vec<f64>,
}

impl Simulation {
    pub fn new(input: Uncertain, shape: Shape, seed: u64) -> Simulation {
        Simulation {
            rng: Rng::new(seed),
            input,
            shape,
            rois: Vec::new(),
            profits: Vec::new(),
        }
    }

    pub fn draws(&self) -> usize {
        self.profits.len()
    }

    /// Adds `count` draws.
    pub fn run(&mut self, count: usize) {
        self.rois.reserve(count);
        self.profits.reserve(count);
        let (i, shape) = (&self.input, self.shape);
        for _ in 0..count {
            // The same arithmetic as `evaluate`, without building a campaign per draw.
            let cost: f64 = i.costs.iter().map(|r| self.rng.draw(*r, shape)).sum();
            let gmv = self.rng.draw(i.gmv, shape);
            let margin_pct = self.rng.draw(i.margin_pct, shape);
            let members = self.rng.draw(i.members, shape);
            let ltv = self.rng.draw(i.ltv, shape);
            let impressions = self.rng.draw(i.impressions, shape);
            let cpm = self.rng.draw(i.cpm, shape);
            // A fixed range draws nothing, so without these ranges the draws are the
            // same as before they existed.
            let kept = 1.0 - self.rng.draw(i.refund_pct, shape) / 100.0;
            let fee = self.rng.draw(i.fee_pct, shape);
            let benefit = gmv * kept * (margin_pct - fee) / 100.0
                + members * ltv
                + impressions * cpm / 1000.0;
            let profit = benefit - cost;
            self.profits.push(profit);
            // A draw with zero cost has no ROI; it still counts for profit.
            if cost > 0.0 {
                self.rois.push(profit / cost);
            }
        }
    }

    pub fn summary(&self, bins: usize) -> Option<Summary> {
        if self.rois.is_empty() {
            return None;
        }
        let mut rois = self.rois.clone();
        let mut profits = self.profits.clone();
        let [lo, roi_p10, roi_p50, roi_p90, hi] = quantiles(&mut rois, [0.01, 0.1, 0.5, 0.9, 0.99]);
        let profit = quantiles(&mut profits, [0.1, 0.5, 0.9]);
        let p_positive =
            self.rois.iter().filter(|r| **r > 0.0).count() as f64 / self.rois.len() as f64;
        let width = (hi - lo) / bins as f64;
        let mut counts = vec![0usize; bins];
        if width > 0.0 {
            for r in &self.rois {
                let b = ((r - lo) / width).floor();
                if b >= 0.0 && (b as usize) < bins {
                    if let Some(c) = counts.get_mut(b as usize) {
                        *c += 1;
                    }
                } else if (*r - hi).abs() < f64::EPSILON * hi.abs().max(1.0) {
                    if let Some(c) = counts.last_mut() {
                        *c += 1;
                    }
                }
            }
        }
        Some(Summary {
            draws: self.draws(),
            p_positive,
            roi: [roi_p10, roi_p50, roi_p90],
            profit,
            histogram: counts
                .into_iter()
                .enumerate()
                .map(|(i, c)| (lo + i as f64 * width, lo + (i + 1) as f64 * width, c))
                .collect(),
        })
    }
}

/// Empirical quantiles by selection (type 1: the smallest value with at least q of
/// the sample at or below it).
fn quantiles<const N: usize>(values: &mut [f64], qs: [f64; N]) -> [f64; N] {
    let n = values.len();
    qs.map(|q| {
        if n == 0 {
            return f64::NAN;
        }
        let k = ((q * n as f64).ceil() as usize).clamp(1, n) - 1;
        let (_, v, _) = values.select_nth_unstable_by(k, f64::total_cmp);
        *v
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub draws: usize,
    /// P(ROI > 0).
    pub p_positive: f64,
    /// P10, P50, P90 of ROI.
    pub roi: [f64; 3],
    /// P10, P50, P90 of net profit.
    pub profit: [f64; 3],
    /// (from, to, count) per bin between the 1st and 99th percentile of ROI.
    pub histogram: Vec<(f64, f64, usize)>,
}

impl Summary {
    /// A chance of paying between 35 % and 65 %: the ranges given leave the sign of
    /// the ROI to luck, and the page says so instead of "the campaign pays".
    pub fn is_coin_flip(&self) -> bool {
        (0.35..=0.65).contains(&self.p_positive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The super brand day's Monte Carlo as the ROI page runs it (its ranges, PERT,
    /// seed 1, `DRAWS` draws): a change to the draws, the shapes or the quantiles
    /// that would change every saved link's numbers fails here.
    #[test]
    fn super_brand_day_gives_the_pinned_quantiles() {
        use crate::model::query::Values;
        use crate::model::roi::form;
        let values = Values::from_query(form::PARAMS, form::SUPER_BRAND_DAY);
        let campaign = form::read_campaign(&values);
        let ranges = form::read_uncertainty(&values, &campaign);
        let (Some(input), Ok(seed)) = (ranges.uncertain, ranges.seed) else {
            panic!("the worked example has ranges and a seed");
        };
        assert_eq!((ranges.shape, seed), (Shape::Pert, 1.0));
        let mut sim = Simulation::new(input, ranges.shape, seed as u64);
        sim.run(DRAWS);
        let s = sim.summary(30).expect("draws were made");
        let close = |got: f64, want: f64| {
            assert!(
                (got - want).abs() <= 1e-12 * want.abs(),
                "got {got}, pinned {want}, tolerance 1e-12 relative"
            )
        };
        assert_eq!(s.p_positive, 1.0);
        for (got, want) in s.roi.iter().zip([
            1.633_796_285_560_299_7,
            1.845_574_218_610_425_6,
            2.042_497_554_752_559,
        ]) {
            close(*got, want);
        }
        for (got, want) in s.profit.iter().zip([
            1_633_796.285_560_299_6,
            1_845_574.218_610_425_5,
            2_042_497.554_752_559,
        ]) {
            close(*got, want);
        }
    }
    use crate::model::roi::{evaluate, Campaign};

    /// The campaign at the likely values of `symmetric()`.
    fn likely() -> Campaign {
        Campaign {
            costs: vec![600_000.0, 400_000.0],
            gmv: 5_000_000.0,
            margin_pct: 20.0,
            members: 5_000.0,
            ltv: 200.0,
            impressions: 30_000_000.0,
            cpm: 30.0,
            refund_pct: 0.0,
            fee_pct: 0.0,
        }
    }

    fn symmetric() -> Uncertain {
        Uncertain {
            costs: vec![Range::fixed(600_000.0), Range::fixed(400_000.0)],
            gmv: Range {
                low: 4_000_000.0,
                likely: 5_000_000.0,
                high: 6_000_000.0,
            },
            margin_pct: Range::fixed(20.0),
            members: Range {
                low: 3_000.0,
                likely: 5_000.0,
                high: 7_000.0,
            },
            ltv: Range::fixed(200.0),
            impressions: Range {
                low: 20_000_000.0,
                likely: 30_000_000.0,
                high: 40_000_000.0,
            },
            cpm: Range::fixed(30.0),
            refund_pct: Range::fixed(0.0),
            fee_pct: Range::fixed(0.0),
        }
    }

    #[test]
    fn generator_is_reproducible_and_uniform() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        assert!((0..1000).all(|_| a.next_u64() == b.next_u64()));
        let mut r = Rng::new(7);
        let mean = (0..100_000).map(|_| r.uniform()).sum::<f64>() / 100_000.0;
        assert!((mean - 0.5).abs() < 0.005);
    }

    #[test]
    fn pert_and_triangular_moments() {
        let range = Range {
            low: 0.0,
            likely: 2.0,
            high: 10.0,
        };
        let mut r = Rng::new(1);
        let n = 200_000;
        let pert: f64 = (0..n).map(|_| r.draw(range, Shape::Pert)).sum::<f64>() / n as f64;
        // PERT mean = (low + 4 likely + high) / 6 = 3.
        assert!((pert - 3.0).abs() < 0.02, "{pert}");
        let tri: f64 = (0..n)
            .map(|_| r.draw(range, Shape::Triangular))
            .sum::<f64>()
            / n as f64;
        // Triangular mean = (low + likely + high) / 3 = 4.
        assert!((tri - 4.0).abs() < 0.02, "{tri}");
        assert!((0..1000)
            .map(|_| r.draw(range, Shape::Pert))
            .all(|x| (0.0..=10.0).contains(&x)));
    }

    #[test]
    fn median_matches_the_deterministic_roi_for_symmetric_ranges() {
        let mut sim = Simulation::new(symmetric(), Shape::Pert, 2026);
        sim.run(100_000);
        let s = sim.summary(30).expect("summary");
        let deterministic = evaluate(&likely()).roi.expect("roi");
        // The ROI's spread is about 0.16; the median's sampling error with 100,000
        // draws is about 1.25 × 0.16 / √100,000 ≈ 0.0006.
        assert!(
            (s.roi[1] - deterministic).abs() < 0.003,
            "{} vs {deterministic}",
            s.roi[1]
        );
        assert!(s.roi[0] < s.roi[1] && s.roi[1] < s.roi[2]);
        assert_eq!(s.histogram.len(), 30);
        assert!(s.p_positive > 0.99);
        assert!(!s.is_coin_flip());
        let at = |p_positive| {
            Summary {
                p_positive,
                ..s.clone()
            }
            .is_coin_flip()
        };
        assert!(at(0.5) && at(0.35) && at(0.65));
        assert!(!at(0.34) && !at(0.66));
    }

    #[test]
    fn fixed_ranges_reproduce_the_deterministic_model() {
        let fixed = Uncertain {
            costs: vec![Range::fixed(600_000.0), Range::fixed(400_000.0)],
            gmv: Range::fixed(5_000_000.0),
            margin_pct: Range::fixed(20.0),
            members: Range::fixed(5_000.0),
            ltv: Range::fixed(200.0),
            impressions: Range::fixed(30_000_000.0),
            cpm: Range::fixed(30.0),
            refund_pct: Range::fixed(0.0),
            fee_pct: Range::fixed(0.0),
        };
        let mut sim = Simulation::new(fixed, Shape::Pert, 3);
        sim.run(5);
        let expected = evaluate(&likely());
        assert!(sim.profits.iter().all(|p| *p == expected.net_profit));
        assert!(sim.rois.iter().all(|r| Some(*r) == expected.roi));
    }

    #[test]
    fn chunks_do_not_change_the_result() {
        let mut whole = Simulation::new(symmetric(), Shape::Triangular, 9);
        whole.run(30_000);
        let mut parts = Simulation::new(symmetric(), Shape::Triangular, 9);
        for _ in 0..3 {
            parts.run(10_000);
        }
        assert_eq!(whole.summary(20), parts.summary(20));
    }

    #[test]
    fn ranges_are_checked() {
        assert_eq!(Range::new(5.0, 3.0, 10.0), Err(RangeError::OutOfOrder));
        assert_eq!(Range::new(1.0, 3.0, 2.0), Err(RangeError::OutOfOrder));
        assert!(Range::new(1.0, 1.0, 1.0).is_ok());
        let zero_cost = Uncertain {
            costs: vec![Range::fixed(0.0)],
            ..symmetric()
        };
        let mut sim = Simulation::new(zero_cost, Shape::Pert, 1);
        sim.run(10);
        assert_eq!(sim.summary(10), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
           #![proptest_config(ProptestConfig::with_cases(24))]
           #[test]
           fn same_seed_same_histogram(seed in any::<u64>(), spread in 0.05f64..0.5) {
               let r = |x: f64| Range { low: x * (1.0 - spread), likely: x, high: x * (1.0 + spread) };
               let input = Uncertain {
                   costs: vec![r(500_000.0)], gmv: r(3_000_000.0), margin_pct: r(25.0),
                   members: r(1_000.0), ltv: r(300.0), impressions: r(1e7), cpm: r(20.0),
    refund_pct: Range::fixed(0.0),
    fee_pct: Range::fixed(0.0),
               };
               let mut a = Simulation::new(input.clone(), Shape::Pert, seed);
               let mut b = Simulation::new(input, Shape::Pert, seed);
               a.run(2_000);
               b.run(2_000);
               prop_assert_eq!(a.summary(15), b.summary(15));
           }
       }
}
