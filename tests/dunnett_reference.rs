//! Dunnett's many-to-one comparisons against scipy: 40 cases of 2–6 treatments with
//! equal and unequal sizes, one- and two-sided, from `tests/reference/dunnett_cases.csv`
//! (`tests/reference/dunnett_cases.py`: rectangle probabilities of the multivariate
//! normal by Genz's method): adjusted p-values and critical values.

mod common;

use abkit::model::dunnett::{adjusted_p, critical_value, loads};

#[test]
fn adjusted_p_values_and_critical_values_match_scipy() {
    let table = common::rows(include_str!("reference/dunnett_cases.csv"));
    assert!(table.len() >= 30);
    for row in &table {
        let n: Vec<f64> = row
            .get("n")
            .split(';')
            .map(|x| x.parse().unwrap_or(f64::NAN))
            .collect();
        let l = loads(row.f("n0"), &n);
        let two_sided = row.get("two_sided") == "1";
        let p = adjusted_p(row.f("z"), &l, two_sided);
        let want = row.f("p_adj");
        assert!((p - want).abs() < 2e-6, "{}: p {p} vs {want}", row.line());
        let c = critical_value(&l, row.f("alpha"), two_sided);
        let want_c = row.f("critical");
        assert!(
            (c - want_c).abs() < 1e-4,
            "{}: c {c} vs {want_c}",
            row.line()
        );
    }
}
