//! A running test against tables computed with statsmodels and scipy
//! (tests/reference/running_cases.py): the conversions still needed and the extra
//! visitors exactly; power, sign error and exaggeration (integrated numerically there,
//! closed forms here) and the false-positive risk to 1e-9 relative; and whole
//! comparisons read by the significance page from a link (the detectable effect now,
//! false-positive risk, sign error, exaggeration, shrunk lift).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use abkit::model::analyze::form::{read, PARAMS};
use abkit::model::analyze::report::analyze;
use abkit::model::analyze::running::{
    design_errors, false_positive_risk, more_visitors, need_conversions,
};
use abkit::model::query::Values;
use abkit::model::stats::z_quantile;
use common::{assert_close, rows};

const TOLERANCE: f64 = 1e-9;

#[test]
fn conversions_still_needed_and_visitors_to_the_planned_power_match_the_table() {
    let table = rows(include_str!("reference/running_need.csv"));
    assert_eq!(table.len(), 60);
    for (i, r) in table.iter().enumerate() {
        let (n0, x0, n1) = (r.u("n0"), r.u("x0"), r.u("n1"));
        let (alpha, two) = (r.f("alpha"), r.get("sides") == "2");
        let case = format!(
            "row {}: {n0} {x0} {n1} alpha {alpha} sides {}",
            i + 2,
            r.get("sides")
        );
        let want = (!r.get("need").is_empty()).then(|| r.u("need"));
        assert_eq!(need_conversions(n0, x0, n1, alpha, two), want, "{case}");
        let p0 = x0 as f64 / n0 as f64;
        let more = (p0 > 0.0)
            .then(|| {
                more_visitors(
                    p0,
                    r.f("mde"),
                    alpha,
                    r.f("power"),
                    two,
                    n1 as f64 / n0 as f64,
                    n0 as f64,
                )
            })
            .flatten();
        let want = (!r.get("more").is_empty()).then(|| r.f("more"));
        assert_eq!(more, want, "{case}: more visitors");
    }
}

#[test]
fn power_sign_error_exaggeration_and_false_positive_risk_match_the_table() {
    let table = rows(include_str!("reference/running_errors.csv"));
    assert_eq!(table.len(), 40);
    for (i, r) in table.iter().enumerate() {
        let (a, s, alpha, two) = (r.f("a"), r.f("s"), r.f("alpha"), r.get("sides") == "2");
        let z = z_quantile(1.0 - if two { alpha / 2.0 } else { alpha });
        let case = format!("row {}: a {a} s {s} alpha {alpha}", i + 2);
        let e = design_errors(a, s, z, two).expect("positive effect and error");
        assert_close(e.power, r.f("power"), TOLERANCE, format!("{case}: power"));
        let type_s = r.f("type_s");
        if type_s == 0.0 {
            assert_eq!(e.type_s, 0.0, "{case}: type S");
        } else {
            assert_close(e.type_s, type_s, 1e-7, format!("{case}: type S"));
        }
        assert_close(
            e.exaggeration,
            r.f("exaggeration"),
            TOLERANCE,
            format!("{case}: exaggeration"),
        );
        let fpr = false_positive_risk(alpha, two, r.f("power"), r.f("win_rate"));
        assert_close(
            fpr,
            r.f("fpr"),
            1e-12,
            format!("{case}: false-positive risk"),
        );
    }
}

#[test]
fn the_page_reads_a_running_test_as_the_table_does() {
    let table = rows(include_str!("reference/running_page.csv"));
    assert_eq!(table.len(), 40);
    for (i, r) in table.iter().enumerate() {
        let pct = |name: &str| r.f(name) * 100.0;
        let mut query = format!(
            "n={},{}&x={},{}&alpha={}&sides={}&mde={}&power={}&win_rate={}",
            r.get("n0"),
            r.get("n1"),
            r.get("x0"),
            r.get("x1"),
            pct("alpha"),
            r.get("sides"),
            pct("mde"),
            pct("power"),
            pct("win_rate"),
        );
        if !r.get("prior_sd").is_empty() {
            query.push_str(&format!("&prior_sd={}", pct("prior_sd")));
        }
        let case = format!("row {}: {query}", i + 2);
        let form = read(&Values::from_query(PARAMS, &query));
        let report = analyze(form.input.as_ref().expect("a valid link"));
        let c = report.comparisons[1].expect("a comparison");
        assert_close(
            c.mde.expect("a detectable effect"),
            r.f("mde_post"),
            1e-9,
            format!("{case}: mde-post"),
        );
        let run = c.running;
        assert_close(
            run.false_positive_risk.expect("fpr"),
            r.f("fpr"),
            1e-9,
            format!("{case}: fpr"),
        );
        assert_close(
            run.type_s.expect("type S"),
            r.f("type_s"),
            1e-7,
            format!("{case}: type S"),
        );
        assert_close(
            run.exaggeration.expect("exaggeration"),
            r.f("exaggeration"),
            TOLERANCE,
            format!("{case}: exaggeration"),
        );
        match r.get("lift_shrunk") {
            "" => assert_eq!(run.lift_shrunk, None, "{case}"),
            _ => assert_close(
                run.lift_shrunk.expect("shrunk lift"),
                r.f("lift_shrunk"),
                1e-9,
                format!("{case}: shrunk lift"),
            ),
        }
    }
}
