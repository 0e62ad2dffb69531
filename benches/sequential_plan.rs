//! Times the design page's sequential plan: boundaries, the alpha they spend, the
//! inflation factor's power solve and the expected samples, for 4 and 20 equally
//! spaced looks of each family. Run with `cargo bench --bench sequential_plan`.

use std::hint::black_box;

mod common;

use abkit::model::sequential::plan::{plan, Family, Schedule};

fn main() {
    for looks in [4, 20] {
        let Ok(schedule) = Schedule::equal(looks) else {
            return;
        };
        for (name, family) in Family::CHOICES {
            let us = common::median_micros(
                || {
                    black_box(plan(family, black_box(&schedule), 0.05, 0.8, true).ok());
                },
                5,
                21,
            );
            println!("{looks} looks, {name}: {:.2} ms", us / 1e3);
        }
    }
}
