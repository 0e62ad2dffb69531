//! Monte Carlo draws per second for the campaign model (four uncertain cost lines and
//! six uncertain benefit inputs). Run with `cargo bench --bench roi_montecarlo`.

use std::hint::black_box;
use std::time::Instant;

use abkit::model::roi::montecarlo::{Range, Shape, Simulation, Uncertain};

fn input() -> Uncertain {
    let r = |x: f64| Range {
        low: x * 0.8,
        likely: x,
        high: x * 1.3,
    };
    Uncertain {
        costs: vec![r(600_000.0), r(200_000.0), r(150_000.0), r(50_000.0)],
        gmv: r(5_000_000.0),
        margin_pct: r(20.0),
        members: r(5_000.0),
        ltv: r(200.0),
        impressions: r(30_000_000.0),
        cpm: r(30.0),
        refund_pct: Range::fixed(0.0),
        fee_pct: Range::fixed(0.0),
    }
}

fn main() {
    const DRAWS: usize = 100_000;
    println!("Monte Carlo, {DRAWS} draws, best of 5:");
    for (name, shape) in [("PERT", Shape::Pert), ("triangular", Shape::Triangular)] {
        let best = (0..5)
            .map(|seed| {
                let start = Instant::now();
                let mut sim = Simulation::new(input(), shape, seed);
                sim.run(DRAWS);
                black_box(sim.summary(30));
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        println!(
            "  {name:<11} {:>7.1} ms  ({:.2} million draws/s, summary included)",
            best * 1e3,
            DRAWS as f64 / best / 1e6
        );
    }
}
