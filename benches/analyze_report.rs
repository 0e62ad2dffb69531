//! Times everything the significance page recomputes on a keystroke, Fisher's exact
//! test and the Bayesian quantities included, for the largest inputs it accepts well:
//! 10 arms of 10^7 visitors, and a running test's conversions still needed. Run with
//! `cargo bench --bench analyze_report`.

use std::hint::black_box;

mod common;

use abkit::model::analyze::input::{AnalyzeInput, Arm};
use abkit::model::analyze::report::analyze;
use abkit::model::analyze::running::need_conversions;
use abkit::model::analyze::Adjust;
use common::median_micros;

fn arms(count: usize, n: f64, rate: f64, step: f64) -> Vec<Arm> {
    (0..count)
        .map(|i| Arm::Binary {
            n,
            x: (n * (rate + step * i as f64)).round(),
        })
        .collect()
}

fn main() {
    let cases = [
        (
            "2 arms × 10,000 (the default page)",
            arms(2, 1e4, 0.05, 0.006),
        ),
        ("10 arms × 10^6, 5 % ± 0.05 pt", arms(10, 1e6, 0.05, 0.0005)),
        ("10 arms × 10^7, 5 % ± 0.01 pt", arms(10, 1e7, 0.05, 0.0001)),
        ("10 arms × 10^7, 50 % ± 0.01 pt", arms(10, 1e7, 0.5, 0.0001)),
    ];
    println!("significance page computation, median per call:");
    for (name, arms) in cases {
        let input = AnalyzeInput {
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
        };
        let t = median_micros(
            || {
                let _ = black_box(analyze(black_box(&input)));
            },
            10,
            30,
        );
        println!("  {name:<36} {:>9.3} ms", t / 1000.0);
    }
    // A running test's "how many more conversions": one exact bisection per arm.
    println!("conversions each arm still needs (need_conversions), median per call:");
    for (name, n) in [("10 arms × 10^4", 1e4), ("10 arms × 10^7", 1e7)] {
        let t = median_micros(
            || {
                for i in 0..10u64 {
                    let _ = black_box(need_conversions(
                        black_box(n as u64),
                        (n * 0.05) as u64,
                        n as u64 - i,
                        0.05 / 9.0,
                        true,
                    ));
                }
            },
            10,
            30,
        );
        println!("  {name:<36} {:>9.3} ms", t / 1000.0);
    }
}
