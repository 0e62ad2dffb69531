//! The significance statistics against tables computed with scipy and statsmodels
//! (tests/reference/analyze_cases.py): p-values and intervals to 1e-6 relative,
//! Bayesian quantities to 1e-6 absolute.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;

use abkit::model::analyze::bayes::{expected_loss, prob_greater, Posterior};
use abkit::model::analyze::fisher::fisher_exact;
use abkit::model::analyze::intervals::{newcombe, relative_delta, welch_diff};
use abkit::model::analyze::{adjust, sample_ratio_p, two_proportion, welch, Adjust};
use abkit::model::stats::{t_quantile, z_quantile};

fn rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(String::from)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(String::from))
                .collect()
        })
        .collect()
}

fn num(row: &HashMap<String, String>, k: &str) -> f64 {
    row[k]
        .parse()
        .unwrap_or_else(|_| panic!("{k}={:?}", row[k]))
}

fn opt(row: &HashMap<String, String>, k: &str) -> Option<f64> {
    (!row[k].is_empty()).then(|| num(row, k))
}

/// Relative tolerance with a floor for values at or near zero.
fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs() + 1e-15
}

#[test]
fn binary_comparisons() {
    let table = rows(include_str!("reference/analyze_binary.csv"));
    assert_eq!(table.len(), 300);
    for (i, r) in table.iter().enumerate() {
        let (n0, x0, n1, x1) = (num(r, "n0"), num(r, "x0"), num(r, "n1"), num(r, "x1"));
        let alpha = num(r, "alpha");
        let two = r["sides"] == "2";
        let case = format!(
            "row {}: {n0} {x0} {n1} {x1} alpha {alpha} sides {}",
            i + 2,
            r["sides"]
        );
        let z = z_quantile(if two { 1.0 - alpha / 2.0 } else { 1.0 - alpha });

        let c = two_proportion(n0, x0, n1, x1, two);
        match (c.p, opt(r, "p_z")) {
            (Some(p), Some(e)) => assert!(close(p, e, 1e-6), "{case}: z-test p {p} vs {e}"),
            (None, None) => {}
            (got, want) => panic!("{case}: z-test p {got:?} vs {want:?}"),
        }
        let (lo, hi) = newcombe(x0, n0, x1, n1, z);
        assert!(
            close(lo, num(r, "ci_low"), 1e-6),
            "{case}: ci low {lo} vs {}",
            r["ci_low"]
        );
        if two {
            assert!(
                close(hi, num(r, "ci_high"), 1e-6),
                "{case}: ci high {hi} vs {}",
                r["ci_high"]
            );
        }
        match (relative_delta(x0, n0, x1, n1, z), opt(r, "rel_low")) {
            (Some((lo, hi)), Some(e)) => {
                assert!(close(lo, e, 1e-6), "{case}: rel low {lo} vs {e}");
                if two {
                    assert!(close(hi, num(r, "rel_high"), 1e-6), "{case}: rel high");
                }
            }
            (None, None) => {}
            (got, want) => panic!("{case}: relative interval {got:?} vs {want:?}"),
        }
        let pf = fisher_exact(n0, x0, n1, x1, two);
        assert!(
            close(pf, num(r, "p_fisher"), 1e-6),
            "{case}: fisher {pf} vs {}",
            r["p_fisher"]
        );

        let (control, arm) = (
            Posterior::from_counts(n0, x0),
            Posterior::from_counts(n1, x1),
        );
        let prob = prob_greater(control, arm);
        assert!(
            (prob - num(r, "prob_beat")).abs() < 1e-6,
            "{case}: prob {prob} vs {}",
            r["prob_beat"]
        );
        let loss = expected_loss(control, arm);
        assert!(
            (loss - num(r, "loss")).abs() < 1e-6,
            "{case}: loss {loss} vs {}",
            r["loss"]
        );
    }
}

#[test]
fn welch_comparisons() {
    let table = rows(include_str!("reference/analyze_welch.csv"));
    assert_eq!(table.len(), 80);
    for (i, r) in table.iter().enumerate() {
        let (n0, m0, s0) = (num(r, "n0"), num(r, "m0"), num(r, "s0"));
        let (n1, m1, s1) = (num(r, "n1"), num(r, "m1"), num(r, "s1"));
        let alpha = num(r, "alpha");
        let two = r["sides"] == "2";
        let case = format!("row {}", i + 2);
        let c = welch(n0, m0, s0, n1, m1, s1, two);
        let p = c.p.expect("p");
        let df = c.df.expect("df");
        assert!(close(p, num(r, "p"), 1e-6), "{case}: p {p} vs {}", r["p"]);
        assert!(close(df, num(r, "df"), 1e-9), "{case}: df");
        let t = t_quantile(if two { 1.0 - alpha / 2.0 } else { 1.0 - alpha }, df);
        let (lo, hi) = welch_diff(n0, m0, s0, n1, m1, s1, t);
        assert!(
            close(lo, num(r, "ci_low"), 1e-6),
            "{case}: ci low {lo} vs {}",
            r["ci_low"]
        );
        if two {
            assert!(close(hi, num(r, "ci_high"), 1e-6), "{case}: ci high");
        }
    }
}

#[test]
fn adjustments_and_sample_ratio() {
    let table = rows(include_str!("reference/analyze_family.csv"));
    assert_eq!(table.len(), 40);
    let list = |s: &str| -> Vec<f64> { s.split(';').map(|v| v.parse().unwrap()).collect() };
    for (i, r) in table.iter().enumerate() {
        let ps: Vec<Option<f64>> = list(&r["p"]).into_iter().map(Some).collect();
        for (method, column) in [(Adjust::Holm, "holm"), (Adjust::Bonferroni, "bonferroni")] {
            let got = adjust(&ps, method);
            for (g, e) in got.iter().zip(list(&r[column])) {
                assert!(
                    close(g.expect("adjusted"), e, 1e-12),
                    "row {}: {column} {g:?} vs {e}",
                    i + 2
                );
            }
        }
        let srm = sample_ratio_p(&list(&r["n"]), &list(&r["split"])).expect("srm");
        assert!(
            close(srm, num(r, "srm_p"), 1e-6),
            "row {}: srm {srm} vs {}",
            i + 2,
            r["srm_p"]
        );
    }
}
