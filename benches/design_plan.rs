//! Times everything the design page computes on a keystroke: sizes, duration, the
//! 8-week table of detectable effects, the 61-point power curve and the four methods.
//! Reports the median of many batches; run with `cargo bench --bench design_plan`.

use std::hint::black_box;

mod common;

use abkit::model::design::plan::{plan, PlanInput};
use abkit::model::design::{Correction, Design, Method, Metric};

fn input(metric: Metric, arms: u32) -> PlanInput {
    PlanInput {
        design: Design {
            metric,
            alpha: 0.05,
            power: 0.8,
            two_sided: true,
            arms,
            correction: Correction::Bonferroni,
            ratio: 1.0,
            hypothesis: abkit::model::design::Hypothesis::Superiority,
            variance_factor: 1.0,
        },
        daily: 10_000.0,
        share: 1.0,
        run_days: Some(21.0),
        run_n: Some(20_000.0),
        sequential: None,
        value_per_unit: None,
    }
}

/// Median microseconds per call, 50 samples of 200 calls.
fn median_micros(f: impl Fn()) -> f64 {
    common::median_micros(f, 200, 50)
}

fn main() {
    let cases = [
        (
            "binary, unpooled (default page)",
            input(
                Metric::Binary {
                    p1: 0.05,
                    p2: 0.055,
                    method: Method::Unpooled,
                },
                2,
            ),
        ),
        (
            "binary, pooled, 5 arms",
            input(
                Metric::Binary {
                    p1: 0.008,
                    p2: 0.0088,
                    method: Method::Pooled,
                },
                5,
            ),
        ),
        (
            "continuous (order value)",
            input(
                Metric::Continuous {
                    mean: 150.0,
                    sd: 220.0,
                    delta: 7.5,
                },
                2,
            ),
        ),
    ];
    println!("design page computation, median per call:");
    for (name, case) in cases {
        let t = median_micros(|| {
            let _ = black_box(plan(black_box(&case)));
        });
        println!("  {name:<34} {t:>8.1} µs");
    }
}
