//! Ratio metrics read from a link against tables computed with numpy and scipy on
//! per-user data (tests/reference/ratio_cases.py): the ratios, the absolute lift's
//! Welch test and interval, the relative lift's interval and its own t-test, and the
//! degrees of freedom, to 1e-9 relative; and gbstats' own ratio case.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use abkit::model::analyze::form::{read, PARAMS};
use abkit::model::query::Values;
use common::{analyze_page as page, assert_close, rows};

const TOLERANCE: f64 = 1e-9;

#[test]
fn ratios_from_sums_match_the_per_user_computation() {
    let table = rows(include_str!("reference/ratio_cases.csv"));
    assert_eq!(table.len(), 30);
    for (i, r) in table.iter().enumerate() {
        let list = |name: &str| {
            format!(
                "{},{}",
                r.get(&format!("{name}0")),
                r.get(&format!("{name}1"))
            )
        };
        let query = format!(
            "metric=ratio&n={}&num={}&num2={}&den={}&den2={}&numden={}&sides={}",
            list("n"),
            list("num"),
            list("num2"),
            list("den"),
            list("den2"),
            list("numden"),
            r.get("sides"),
        );
        let case = format!("row {}", i + 2);
        let (form, c) = page(&query);
        let ratio = |k: usize| form.ratios[k].expect("a ratio").ratio;
        assert_close(
            ratio(0),
            r.f("ratio0"),
            TOLERANCE,
            format!("{case}: ratio-0"),
        );
        assert_close(
            ratio(1),
            r.f("ratio1"),
            TOLERANCE,
            format!("{case}: ratio-1"),
        );
        assert!(
            form.ratios
                .iter()
                .all(|r| r.unwrap().inconsistent.is_none()),
            "{case}"
        );
        assert_close(
            c.lift_abs,
            r.f("lift_abs"),
            TOLERANCE,
            format!("{case}: lift-abs"),
        );
        assert_close(
            c.lift_rel.unwrap(),
            r.f("lift_rel"),
            TOLERANCE,
            format!("{case}: lift-rel"),
        );
        assert_close(c.p.unwrap(), r.f("p"), 1e-8, format!("{case}: p"));
        assert_close(c.df.unwrap(), r.f("df"), TOLERANCE, format!("{case}: df"));
        assert_close(
            c.p_rel.unwrap(),
            r.f("p_rel"),
            1e-8,
            format!("{case}: p-rel"),
        );
        assert_close(c.ci.low, r.f("ci_low"), 1e-8, format!("{case}: ci-low"));
        let rel = c.rel_ci.expect("a relative interval");
        assert_close(rel.low, r.f("rel_low"), 1e-8, format!("{case}: rel-ci-low"));
        match r.opt("ci_high") {
            Some(high) => {
                assert_close(c.ci.high.unwrap(), high, 1e-8, format!("{case}: ci-high"));
                assert_close(
                    rel.high.unwrap(),
                    r.f("rel_high"),
                    1e-8,
                    format!("{case}: rel-ci-high"),
                );
            }
            None => assert_eq!((c.ci.high, rel.high), (None, None), "{case}: one-sided"),
        }
    }
}

#[test]
fn gbstats_ratio_case_through_the_page() {
    // gbstats' test suite: lift 0.133333, relative p 0.610663 on 217.9 df, p 0.588.
    let (form, c) = page(
        "metric=ratio&n=100,120&num=270,300&num2=848.79,869&den=510,500&den2=810,800&numden=-900,-905",
    );
    assert!((form.ratios[0].unwrap().ratio - 0.529_412).abs() < 1e-6);
    assert!((form.ratios[1].unwrap().ratio - 0.6).abs() < 1e-12);
    assert!((c.lift_rel.unwrap() - 0.133_333).abs() < 1e-6);
    assert!((c.p_rel.unwrap() - 0.610_663).abs() < 1e-6);
    assert!((c.df.unwrap() - 217.9).abs() < 0.05);
    assert!((c.p.unwrap() - 0.588).abs() < 5e-4);
    // The synthetic sums are flagged: Σ den² is below (Σ den)² / n in both groups.
    assert!(form
        .ratios
        .iter()
        .all(|r| r.unwrap().inconsistent.is_some()));
}

#[test]
fn sums_that_give_no_ratio_are_refused_at_the_sum() {
    let form = read(&Values::from_query(
        PARAMS,
        "metric=ratio&n=100,120&num=270,300&num2=848.79,869&den=0,500&den2=810,800&numden=-900,-905",
    ));
    assert!(form.input.is_none());
    assert!(
        form.sums[2][0].error().is_some(),
        "the denominator's sum of control"
    );
    assert!(form.sums[2][1].error().is_none());
    assert!(form.ratios[1].is_some(), "the other group still reads");
}
