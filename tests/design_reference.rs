//! The design formulas against 300 reference cases computed with scipy and statsmodels
//! (tests/reference/design_cases.py): sizes and days exactly, raw sizes and detectable
//! effects to 1e-9 relative.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use abkit::model::design::{days, Correction, Design, DesignError, Method, Metric};
use common::{assert_close, rows, Row};

const CASES: &str = include_str!("reference/design_cases.csv");
/// Raw sizes and detectable effects, relative (whole sizes must match exactly).
const TOLERANCE: f64 = 1e-9;

fn design(row: &Row) -> Design {
    let metric = if row.get("metric") == "continuous" {
        Metric::Continuous {
            mean: row.f("mean"),
            sd: row.f("sd"),
            delta: row.f("delta"),
        }
    } else {
        let method = match row.get("method") {
            "unpooled" => Method::Unpooled,
            "baseline" => Method::Baseline,
            "pooled" => Method::Pooled,
            "arcsine" => Method::Arcsine,
            other => panic!("method {other}"),
        };
        Metric::Binary {
            p1: row.f("p1"),
            p2: row.f("p2"),
            method,
        }
    };
    let correction = match row.get("correction") {
        "none" => Correction::None,
        "bonferroni" => Correction::Bonferroni,
        "sidak" => Correction::Sidak,
        other => panic!("correction {other}"),
    };
    Design {
        metric,
        alpha: row.f("alpha"),
        power: row.f("power"),
        two_sided: row.get("sides") == "2",
        arms: row.u("arms") as u32,
        correction,
        ratio: row.f("ratio"),
        hypothesis: abkit::model::design::Hypothesis::Superiority,
        variance_factor: 1.0,
    }
}

#[test]
fn matches_scipy_and_statsmodels() {
    let mut checked = 0;
    let mut undetectable = 0;
    for (line_no, row) in rows(CASES).iter().enumerate() {
        let d = design(row);
        let case = format!("case {} ({})", line_no + 2, row.line());
        let s = d.sizes().unwrap_or_else(|e| panic!("{case}: {e:?}"));
        assert_close(
            s.raw,
            row.f("raw"),
            TOLERANCE,
            format!("{case}: raw {} vs {}", s.raw, row.f("raw")),
        );
        assert_eq!(s.n_control, row.u("n_control"), "{case}");
        assert_eq!(s.n_treatment, row.u("n_treatment"), "{case}");
        assert_eq!(s.n_total, row.u("n_total"), "{case}");
        assert_eq!(
            days(s.n_total, row.f("daily"), row.f("share")),
            Some(row.u("days")),
            "{case}"
        );
        let mde = d.mde_at(row.f("mde_n"));
        if row.get("mde_abs").is_empty() {
            assert_eq!(mde, Err(DesignError::NotDetectable), "{case}");
            undetectable += 1;
        } else {
            let m = mde.unwrap_or_else(|e| panic!("{case}: {e:?}"));
            assert_close(
                m,
                row.f("mde_abs"),
                TOLERANCE,
                format!("{case}: mde {m} vs {}", row.f("mde_abs")),
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 300, "the table has 300 cases");
    assert!(undetectable >= 1, "the table covers an undetectable case");
}
