//! The group-sequential recursion against scipy: 60 plans of 2–5 looks at random
//! times, with Pocock, O'Brien–Fleming and arbitrary boundaries, one- and two-sided,
//! with and without an effect, from `tests/reference/sequential_cases.csv`
//! (`tests/reference/sequential_cases.py`: rectangle probabilities of the
//! multivariate normal by Genz's method).

mod common;

use abkit::model::sequential::crossings;

fn list(s: &str) -> Vec<f64> {
    s.split(';')
        .map(|x| x.parse().unwrap_or(f64::NAN))
        .collect()
}

/// Genz's method is accurate to about 1e-6 at these settings; a probability within
/// 5e-6 puts a boundary within 1e-4 in z (the normal density near |z| = 2 is 0.054).
const TOLERANCE: f64 = 5e-6;

#[test]
fn crossing_probabilities_match_scipy() {
    let table = common::rows(include_str!("reference/sequential_cases.csv"));
    assert!(table.len() >= 50);
    let mut worst = 0.0f64;
    for row in &table {
        let times = list(row.get("times"));
        let upper = list(row.get("bounds"));
        let two_sided = row.get("two_sided") == "1";
        let lower: Vec<f64> = upper
            .iter()
            .map(|b| if two_sided { -b } else { f64::NEG_INFINITY })
            .collect();
        let drift = row.f("drift");
        let got = crossings(&times, &lower, &upper, drift).map(|c| c.total());
        let want = row.f("crossing");
        // Genz's method is accurate to about 1e-6 here; the recursion to better.
        let err = got.map_or(f64::INFINITY, |g| (g - want).abs());
        worst = worst.max(err);
        assert!(err < TOLERANCE, "{}: {got:?} vs {want}", row.line());
    }
    println!("largest difference {worst:e}");
}
