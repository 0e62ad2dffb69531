//! Hostile links and field values, 10,000 cases per page: every page's query reader
//! and model take any query string (unknown keys, repeated keys, 10,000-character
//! values, 1,000-element lists, digits from other scripts, markup, `NaN`, `1e309`,
//! `-0`, empty list items, broken escapes) without a panic, and when the model gets
//! no input the form holds a typed error saying why.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Debug;

use abkit::model::query::{encode_into, Param, Values};
use abkit::model::{analyze, design, funnel, learn, roi, Chunked};
use proptest::prelude::*;

/// Cases per page; the README states this number.
const CASES: u32 = 10_000;

/// Text a link or a field may hold, usable or not.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop_oneof![
            Just(String::new()),
            Just("NaN".to_string()),
            Just("-NaN".to_string()),
            Just("inf".to_string()),
            Just("-infinity".to_string()),
            Just("1e309".to_string()),
            Just("-1e309".to_string()),
            Just("1e-320".to_string()),
            Just("-0".to_string()),
            Just("0".to_string()),
            Just("+5".to_string()),
            Just("5%".to_string()),
            Just("1万".to_string()),
            Just("0x10".to_string()),
            Just("1_000".to_string()),
            Just("4294967297".to_string()),
            Just("18446744073709551617".to_string()),
            Just("99999999999999999999999999".to_string()),
            Just("٣٫٥".to_string()),
            Just("５０".to_string()),
            Just("１２，３４５".to_string()),
            Just("𝟓".to_string()),
            Just("<script>alert(1)</script>".to_string()),
            Just("\"><img src=x onerror=alert(1)>".to_string()),
            Just("%00%ZZ%E4%B8%".to_string()),
            Just(",,,".to_string()),
            Just("1,,2".to_string()),
            Just(", ,".to_string()),
            Just("\u{feff}5".to_string()),
            Just("5\u{0}".to_string()),
        ],
        // Numbers the pages accept, so the models run often.
        3 => (0u32..40).prop_map(|n| n.to_string()),
        2 => "-?[0-9]{1,7}(\\.[0-9]{1,4})?",
        2 => "(-?[0-9]{1,5},){1,8}-?[0-9]{0,5}",
        // A 1,000-element list, and one with holes.
        1 => proptest::collection::vec(0u32..100_000, 1000).prop_map(|v| v.iter().map(u32::to_string).collect::<Vec<_>>().join(",")),
        1 => proptest::collection::vec(prop_oneof![Just(String::new()), "[0-9]{1,3}", Just("NaN".to_string())], 1000).prop_map(|v| v.join(",")),
        // 10,000 characters.
        1 => "[0-9]{1,3}".prop_map(|d| d.repeat(10_000).chars().take(10_000).collect()),
        1 => any::<char>().prop_map(|c| std::iter::repeat_n(c, 10_000).collect()),
        2 => "\\PC{0,24}",
        1 => any::<String>(),
    ]
}

/// A key: mostly the page's own, sometimes unknown, empty or hostile.
fn key(params: &'static [Param]) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0..params.len()).prop_map(move |i| params.get(i).map_or("", |p| p.name).to_string()),
        1 => prop_oneof![
            Just(String::new()),
            Just("lang".to_string()),
            Just("focus".to_string()),
            Just("__proto__".to_string()),
            Just("P".to_string()),
            Just("p[]".to_string()),
            Just("<b>".to_string()),
        ],
        1 => "\\PC{1,8}",
    ]
}

/// A query of up to 16 pairs (keys may repeat), each percent-encoded or raw.
fn query(params: &'static [Param]) -> impl Strategy<Value = String> {
    proptest::collection::vec((key(params), hostile(), any::<bool>()), 0..16).prop_map(|pairs| {
        let mut q = String::new();
        for (k, v, escape) in pairs {
            if !q.is_empty() {
                q.push('&');
            }
            encode_into(&mut q, &k);
            q.push('=');
            if escape {
                encode_into(&mut q, &v);
            } else {
                q.push_str(&v);
            }
        }
        q
    })
}

/// The form reports a field it could not use (an `Err` in one of its read fields).
fn has_typed_error(form: &impl Debug) -> bool {
    format!("{form:?}").contains("Err(")
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        // A failure is reported with the query that caused it; shrinking a
        // 10,000-character value is slow and adds nothing.
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn design_takes_any_link(q in query(design::form::PARAMS)) {
        let v = Values::from_query(design::form::PARAMS, &q);
        let f = design::form::read(&v);
        match &f.plan {
            Some(p) => { let _ = design::plan::plan(p); }
            None => prop_assert!(has_typed_error(&f), "no plan and no error for {q:?}"),
        }
    }

    #[test]
    fn analyze_takes_any_link(q in query(analyze::form::PARAMS)) {
        let v = Values::from_query(analyze::form::PARAMS, &q);
        let f = analyze::form::read(&v);
        match &f.input {
            Some(input) => { let _ = analyze::report::analyze(input); }
            None => prop_assert!(has_typed_error(&f), "no input and no error for {q:?}"),
        }
    }

    #[test]
    fn analyze_takes_any_pasted_table(text in hostile(), rows in proptest::collection::vec(hostile(), 0..6), continuous: bool) {
        let pasted = format!("{text}\n{}", rows.join("\n"));
        let _ = analyze::data::parse_arms(&pasted, continuous);
        let _ = analyze::data::parse_daily(&pasted, 1.96, Some((0.05, 10_000.0)));
        let _ = analyze::data::parse_daily(&pasted, f64::NAN, None);
    }

    #[test]
    fn roi_takes_any_link(q in query(roi::form::PARAMS)) {
        let v = Values::from_query(roi::form::PARAMS, &q);
        let c = roi::form::read_campaign(&v);
        match &c.campaign {
            Some(campaign) => {
                let _ = roi::evaluate(campaign);
                let _ = roi::sensitivity::tornado(campaign, 0.2);
            }
            None => prop_assert!(has_typed_error(&c), "no campaign and no error for {q:?}"),
        }
        let u = roi::form::read_uncertainty(&v, &c);
        if let (Some(input), Ok(seed)) = (u.uncertain.clone(), u.seed) {
            let mut sim = roi::montecarlo::Simulation::new(input, u.shape, seed as u64);
            sim.run(64);
            prop_assert_eq!(sim.draws(), 64);
        }
        let _ = roi::form::read_channels(&v);
        let _ = roi::form::read_promotion(&v).promotion.map(|p| p.evaluate());
        let _ = roi::form::read_customer(&v).customer.map(|c| c.evaluate());
    }

    #[test]
    fn funnel_takes_any_link(q in query(funnel::form::PARAMS)) {
        let v = Values::from_query(funnel::form::PARAMS, &q);
        let f = funnel::form::read(&v);
        match &f.funnel {
            Some(fu) => {
                let _ = funnel::leverage(fu);
                if let Some(s) = &f.scenario {
                    let _ = funnel::scenario(fu, s);
                }
                if let Some(Ok(target)) = f.target {
                    let _ = funnel::solve_target(fu, target);
                }
            }
            // A link without stages is reported as such by the page (`error-rates`).
            None => prop_assert!(has_typed_error(&f) || f.stages() == 0, "no funnel and no error for {q:?}"),
        }
    }

    #[test]
    fn peeking_takes_any_link(q in query(learn::peeking::PARAMS)) {
        let v = Values::from_query(learn::peeking::PARAMS, &q);
        let f = learn::peeking::read(&v);
        match &f.input {
            Some(input) => {
                if let Ok(theory) = learn::peeking::theory(input) {
                    let mut sim = learn::peeking::Simulation::new(input, theory);
                    sim.advance(20);
                    prop_assert!(sim.done() <= sim.total());
                }
            }
            None => prop_assert!(has_typed_error(&f), "no input and no error for {q:?}"),
        }
    }

    #[test]
    fn power_takes_any_link(q in query(learn::power::PARAMS)) {
        let v = Values::from_query(learn::power::PARAMS, &q);
        let f = learn::power::read(&v);
        match &f.input {
            Some(Ok(input)) => {
                let mut sim = learn::power::Simulation::new(input);
                sim.advance(20);
                prop_assert!(sim.done() <= sim.total());
            }
            Some(Err(_)) => {}
            None => prop_assert!(has_typed_error(&f), "no input and no error for {q:?}"),
        }
    }

    #[test]
    fn learn_pages_take_any_link_and_answer(
        q in query(learn::exercises::PARAMS),
        answer in hostile(),
        stored in hostile(),
    ) {
        let v = Values::from_query(learn::exercises::PARAMS, &q);
        let sets = learn::exercises::read_sets(v.get("set"));
        let shown = learn::exercises::chosen(&sets);
        prop_assert!(!shown.is_empty());
        let at = learn::position(v.get("at"), shown.len());
        prop_assert!(at < shown.len());
        let _ = learn::presenting(v.get("present"));
        for (_, e) in shown.iter().take(3) {
            let _ = learn::answer::check(&answer, e.unit, (e.answer)(), e.tolerance);
        }
        let progress = learn::exercises::Progress::parse(&stored);
        prop_assert_eq!(learn::exercises::Progress::parse(&progress.to_text()), progress);
    }
}
