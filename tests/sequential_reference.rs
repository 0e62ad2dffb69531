//! The group-sequential recursion against scipy: 60 plans of 2–5 looks at random
//! times, with Pocock, O'Brien–Fleming and arbitrary boundaries, one- and two-sided,
//! with and without an effect, from `tests/reference/sequential_cases.csv`
//! (`tests/reference/sequential_cases.py`: rectangle probabilities of the
//! multivariate normal by Genz's method).

mod common;

use abkit::model::sequential::crossings;
use abkit::model::sequential::plan::{plan, Family, Schedule};

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

/// What the plans must reproduce: rpact and gsDesign print boundaries and alpha spent
/// to 8–10 digits, and the nested-quadrature reference is good to about 1e-12.
const PLAN_TOLERANCE: f64 = 1e-8;

/// Boundaries, cumulative alpha spent and nominal p-values of 48 plans (4 families,
/// 2–3 looks at equal and unequal times, one- and two-sided, three alphas) against
/// `tests/reference/sequential_plans.csv` (`sequential_plans.py`: nested adaptive
/// quadrature, boundaries solved by Brent's method).
#[test]
fn plans_match_nested_quadrature_to_eight_digits() {
    let table = common::rows(include_str!("reference/sequential_plans.csv"));
    assert_eq!(table.len(), 48);
    let mut worst = 0.0f64;
    for row in &table {
        let family = Family::CHOICES
            .iter()
            .find(|(key, _)| *key == row.get("family"))
            .map(|(_, f)| *f)
            .unwrap_or_else(|| panic!("family {}", row.get("family")));
        let times = list(row.get("times"));
        let schedule = Schedule::at(&times).unwrap_or_else(|e| panic!("{e:?}: {}", row.line()));
        let two_sided = row.get("two_sided") == "1";
        let p = plan(family, &schedule, row.f("alpha"), 0.8, two_sided)
            .unwrap_or_else(|e| panic!("{e:?}: {}", row.line()));
        for (what, got, want) in [
            ("z", &p.z, list(row.get("z"))),
            ("alpha spent", &p.alpha_spent, list(row.get("alpha_spent"))),
            ("nominal p", &p.nominal_p, list(row.get("nominal_p"))),
        ] {
            assert_eq!(got.len(), want.len(), "{what}: {}", row.line());
            for (k, (g, w)) in got.iter().zip(&want).enumerate() {
                let rel = ((g - w) / w).abs();
                worst = worst.max(rel);
                assert!(
                    rel <= PLAN_TOLERANCE,
                    "{what} at look {}: {g:.12e} vs {w:.12e} (relative {rel:.1e} > {PLAN_TOLERANCE:e}): {}",
                    k + 1,
                    row.line()
                );
            }
        }
    }
    println!("largest relative difference {worst:e}");
}

/// rpact's default design, `getDesignGroupSequential()`: O'Brien–Fleming, 3 looks,
/// one-sided 2.5 %, as rpact prints it (critical values 3.4710914, 2.4544323,
/// 2.0040356; cumulative alpha spent 0.00025917372, 0.0071600594, 0.025).
#[test]
fn rpact_default_design_is_reproduced() {
    let p = Schedule::equal(3)
        .map_err(|e| format!("{e:?}"))
        .and_then(|s| {
            plan(Family::ObrienFleming, &s, 0.025, 0.8, false).map_err(|e| format!("{e:?}"))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Each printed value is rounded: within 1e-8 relative plus half its last digit.
    for (got, printed, half_digit) in [
        (p.z[0], 3.4710914, 5e-8),
        (p.z[1], 2.4544323, 5e-8),
        (p.z[2], 2.0040356, 5e-8),
        (p.alpha_spent[0], 0.00025917372, 5e-12),
        (p.alpha_spent[1], 0.0071600594, 5e-11),
        (p.alpha_spent[2], 0.025, 0.0),
    ] {
        let allowed = PLAN_TOLERANCE * printed + half_digit;
        assert!(
            (got - printed).abs() <= allowed,
            "{got:.12e} vs rpact's {printed} (allowed {allowed:e})"
        );
    }
}
