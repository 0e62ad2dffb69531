//! CUPED read from a link of sums against tables computed with numpy and scipy on
//! per-user data (tests/reference/cuped_cases.py): θ, the variance reduction, the
//! adjusted means, Welch's test and interval on the adjusted values, and gbstats'
//! relative lift and its t-test, to 1e-9 relative; the same sums without the
//! pre-period give scipy's plain Welch interval.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use abkit::model::analyze::form::{read, Given, PARAMS};
use abkit::model::analyze::ratio::{Sum, SumsError};
use abkit::model::form::FieldError;
use abkit::model::query::Values;
use common::{analyze_page as page, assert_close, rows};

const TOLERANCE: f64 = 1e-9;

#[test]
fn cuped_from_sums_matches_the_per_user_regression() {
    let table = rows(include_str!("reference/cuped_cases.csv"));
    assert_eq!(table.len(), 30);
    for (i, r) in table.iter().enumerate() {
        let list = |name: &str| {
            format!(
                "{},{}",
                r.get(&format!("{name}0")),
                r.get(&format!("{name}1"))
            )
        };
        let plain = format!(
            "metric=continuous&n={}&sum={}&sum2={}&sides={}",
            list("n"),
            list("sum"),
            list("sum2"),
            r.get("sides"),
        );
        let query = format!(
            "{plain}&pre={}&pre2={}&prepost={}",
            list("pre"),
            list("pre2"),
            list("prepost")
        );
        let case = format!("row {}", i + 2);
        let (form, c) = page(&query);
        assert_eq!(form.given, Given::Cuped, "{case}");
        let cuped = form.cuped.as_ref().expect("adjusted");
        let close = |got: f64, key: &str, tol: f64| {
            assert_close(got, r.f(key), tol, format!("{case}: {key}"));
        };
        close(cuped.theta, "theta", TOLERANCE);
        close(cuped.variance_reduction, "variance_reduction", 1e-8);
        close(cuped.arms[0].mean_adj, "mean_adj0", TOLERANCE);
        close(cuped.arms[1].mean_adj, "mean_adj1", TOLERANCE);
        close(c.lift_abs, "lift_abs", 1e-8);
        close(c.lift_rel.unwrap(), "lift_rel", 1e-8);
        close(c.p.unwrap(), "p", 1e-8);
        close(c.df.unwrap(), "df", TOLERANCE);
        close(c.p_rel.unwrap(), "p_rel", 1e-8);
        close(c.ci.low, "ci_low", 1e-8);
        let rel = c.rel_ci.expect("a relative interval");
        close(rel.low, "rel_low", 1e-8);
        match r.opt("ci_high") {
            Some(_) => {
                close(c.ci.high.unwrap(), "ci_high", 1e-8);
                close(rel.high.unwrap(), "rel_high", 1e-8);
            }
            None => assert_eq!((c.ci.high, rel.high), (None, None), "{case}: one-sided"),
        }
        // Without the pre-period: the sums alone are the plain Welch test.
        let (form, c) = page(&plain);
        assert_eq!((form.given, form.cuped.is_none()), (Given::Sums, true));
        close(c.ci.low, "plain_low", 1e-8);
        if r.opt("plain_high").is_some() {
            close(c.ci.high.unwrap(), "plain_high", 1e-8);
        }
        // The adjustment narrows the interval by what `narrower` says.
        if let (Some(high), Some(plain_high)) = (r.opt("ci_high"), r.opt("plain_high")) {
            let narrower = cuped.narrower(1, 0.975).unwrap();
            let expected = 1.0 - (high - r.f("ci_low")) / (plain_high - r.f("plain_low"));
            assert_close(narrower, expected, 1e-8, format!("{case}: narrower"));
        }
    }
}

#[test]
fn pre_period_sums_no_users_give_are_refused_at_the_sum() {
    let ok =
        "metric=continuous&n=4,5&sum=53,83&sum2=777,1495&pre=44,60&pre2=514,782&prepost=629,1081";
    let (form, _) = page(ok);
    assert!(form.cuped.is_some());
    // Σ pre² below (Σ pre)² / n in the variant.
    let form = read(&Values::from_query(
        PARAMS,
        &ok.replace("pre2=514,782", "pre2=514,700"),
    ));
    assert!(form.input.is_none() && form.cuped.is_none());
    assert_eq!(
        form.sums[3][1].error(),
        Some(FieldError::Sums(SumsError::BelowSquareOfSum(Sum::Pre2)))
    );
    assert!(form.sums[3][0].error().is_none(), "control's cell stands");
    // A cross sum implying a correlation beyond 1.
    let form = read(&Values::from_query(
        PARAMS,
        &ok.replace("prepost=629,1081", "prepost=900,1081"),
    ));
    assert_eq!(
        form.sums[4][0].error(),
        Some(FieldError::Sums(SumsError::CorrelationOutOfRange(
            Sum::PrePost
        )))
    );
    // A metric without spread in one group: refused at its Σ².
    let form = read(&Values::from_query(
        PARAMS,
        "metric=continuous&n=3,3&sum=6,9&sum2=12,29",
    ));
    assert_eq!(
        form.sums[1][0].error(),
        Some(FieldError::Sums(SumsError::NoVariance(Sum::Metric2)))
    );
    assert!(form.input.is_none());
}
