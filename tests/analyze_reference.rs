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

mod common;

use abkit::model::analyze::bayes::{expected_loss, prob_greater, Posterior};
use abkit::model::analyze::fisher::fisher_exact;
use abkit::model::analyze::intervals::{newcombe, relative_delta, welch_diff};
use abkit::model::analyze::{adjust, sample_ratio_p, two_proportion, welch, Adjust};
use abkit::model::stats::{t_quantile, z_quantile};
use common::{assert_close, rows};

/// p-values and intervals, relative: the accuracy docs/METHODS.md promises.
const TOLERANCE: f64 = 1e-6;
/// The Bayesian quantities, absolute: the reference integrates them by quadrature.
const BAYES_TOLERANCE: f64 = 1e-6;
/// Welch–Satterthwaite degrees of freedom are arithmetic: relative.
const DF_TOLERANCE: f64 = 1e-9;
/// Holm and Bonferroni are products and maxima of the given p-values: relative.
const ADJUSTED_TOLERANCE: f64 = 1e-12;

#[test]
fn binary_comparisons_match_the_statsmodels_table() {
    let table = rows(include_str!("reference/analyze_binary.csv"));
    assert_eq!(table.len(), 300);
    for (i, r) in table.iter().enumerate() {
        let (n0, x0, n1, x1) = (r.f("n0"), r.f("x0"), r.f("n1"), r.f("x1"));
        let alpha = r.f("alpha");
        let two = r.get("sides") == "2";
        let case = format!(
            "row {}: {n0} {x0} {n1} {x1} alpha {alpha} sides {}",
            i + 2,
            r.get("sides")
        );
        let z = z_quantile(if two { 1.0 - alpha / 2.0 } else { 1.0 - alpha });

        let c = two_proportion(n0, x0, n1, x1, two);
        match (c.p, r.opt("p_z")) {
            (Some(p), Some(e)) => {
                assert_close(p, e, TOLERANCE, format!("{case}: z-test p {p} vs {e}"))
            }
            (None, None) => {}
            (got, want) => panic!("{case}: z-test p {got:?} vs {want:?}"),
        }
        let (lo, hi) = newcombe(x0, n0, x1, n1, z);
        assert_close(
            lo,
            r.f("ci_low"),
            TOLERANCE,
            format!("{case}: ci low {lo} vs {}", r.get("ci_low")),
        );
        if two {
            assert_close(
                hi,
                r.f("ci_high"),
                TOLERANCE,
                format!("{case}: ci high {hi} vs {}", r.get("ci_high")),
            );
        }
        match (relative_delta(x0, n0, x1, n1, z), r.opt("rel_low")) {
            (Some((lo, hi)), Some(e)) => {
                assert_close(lo, e, TOLERANCE, format!("{case}: rel low {lo} vs {e}"));
                if two {
                    assert_close(hi, r.f("rel_high"), TOLERANCE, format!("{case}: rel high"));
                }
            }
            (None, None) => {}
            (got, want) => panic!("{case}: relative interval {got:?} vs {want:?}"),
        }
        let pf = fisher_exact(n0, x0, n1, x1, two);
        assert_close(
            pf,
            r.f("p_fisher"),
            TOLERANCE,
            format!("{case}: fisher {pf} vs {}", r.get("p_fisher")),
        );

        let (control, arm) = (
            Posterior::from_counts(n0, x0),
            Posterior::from_counts(n1, x1),
        );
        let prob = prob_greater(control, arm);
        assert!(
            (prob - r.f("prob_beat")).abs() < BAYES_TOLERANCE,
            "{case}: prob {prob} vs {}",
            r.get("prob_beat")
        );
        let loss = expected_loss(control, arm);
        assert!(
            (loss - r.f("loss")).abs() < BAYES_TOLERANCE,
            "{case}: loss {loss} vs {}",
            r.get("loss")
        );
    }
}

#[test]
fn welch_comparisons_match_the_scipy_table() {
    let table = rows(include_str!("reference/analyze_welch.csv"));
    assert_eq!(table.len(), 80);
    for (i, r) in table.iter().enumerate() {
        let (n0, m0, s0) = (r.f("n0"), r.f("m0"), r.f("s0"));
        let (n1, m1, s1) = (r.f("n1"), r.f("m1"), r.f("s1"));
        let alpha = r.f("alpha");
        let two = r.get("sides") == "2";
        let case = format!("row {}", i + 2);
        let c = welch(n0, m0, s0, n1, m1, s1, two);
        let p = c.p.expect("p");
        let df = c.df.expect("df");
        assert_close(
            p,
            r.f("p"),
            TOLERANCE,
            format!("{case}: p {p} vs {}", r.get("p")),
        );
        assert_close(df, r.f("df"), DF_TOLERANCE, format!("{case}: df"));
        let t = t_quantile(if two { 1.0 - alpha / 2.0 } else { 1.0 - alpha }, df);
        let (lo, hi) = welch_diff(n0, m0, s0, n1, m1, s1, t);
        assert_close(
            lo,
            r.f("ci_low"),
            TOLERANCE,
            format!("{case}: ci low {lo} vs {}", r.get("ci_low")),
        );
        if two {
            assert_close(hi, r.f("ci_high"), TOLERANCE, format!("{case}: ci high"));
        }
    }
}

#[test]
fn adjustments_and_sample_ratio() {
    let table = rows(include_str!("reference/analyze_family.csv"));
    assert_eq!(table.len(), 40);
    let list = |s: &str| -> Vec<f64> { s.split(';').map(|v| v.parse().unwrap()).collect() };
    for (i, r) in table.iter().enumerate() {
        let ps: Vec<Option<f64>> = list(r.get("p")).into_iter().map(Some).collect();
        for (method, column) in [(Adjust::Holm, "holm"), (Adjust::Bonferroni, "bonferroni")] {
            let got = adjust(&ps, method);
            for (g, e) in got.iter().zip(list(r.get(column))) {
                assert_close(
                    g.expect("adjusted"),
                    e,
                    ADJUSTED_TOLERANCE,
                    format!("row {}: {column} {g:?} vs {e}", i + 2),
                );
            }
        }
        let srm = sample_ratio_p(&list(r.get("n")), &list(r.get("split"))).expect("srm");
        assert_close(
            srm,
            r.f("srm_p"),
            TOLERANCE,
            format!("row {}: srm {srm} vs {}", i + 2, r.get("srm_p")),
        );
    }
}
