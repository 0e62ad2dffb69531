//! Times the learn simulators: the peeking simulator's 10,000 A/A tests × 30 looks
//! (with its exact theory: the 50-look recursion and the O'Brien–Fleming constant),
//! and the power simulator's 10,000 experiments at six sample sizes. Run with
//! `cargo bench --bench learn_simulators`.

use std::hint::black_box;

mod common;

use abkit::model::learn::{peeking, power};

fn main() {
    let input = peeking::PeekingInput {
        looks: 30,
        alpha: 0.05,
        sims: 10_000,
        seed: 1,
    };
    let theory_us = common::median_micros(
        || {
            black_box(peeking::theory(black_box(&input)).ok());
        },
        3,
        11,
    );
    let Ok(theory) = peeking::theory(&input) else {
        return;
    };
    let sims_us = common::median_micros(
        || {
            let mut sim = peeking::Simulation::new(&input, theory.clone());
            sim.run(input.sims);
            black_box(sim.peeking_hits);
        },
        3,
        11,
    );
    println!(
        "peeking, 30 looks: theory {:.1} ms, 10,000 tests × 30 looks {:.1} ms",
        theory_us / 1e3,
        sims_us / 1e3
    );
    let p = power::PowerInput {
        p1: 0.05,
        p2: 0.055,
        alpha: 0.05,
        n: 31_000,
        sims: 10_000,
        seed: 1,
    };
    let power_us = common::median_micros(
        || {
            let mut sim = power::Simulation::new(&p);
            sim.run(p.sims);
            black_box(sim.power());
        },
        3,
        11,
    );
    println!(
        "power, 10,000 experiments × 6 sample sizes (120,000 binomial draws): {:.1} ms",
        power_us / 1e3
    );
}
