//! No link crashes a page. Hostile links and field values, 10,000 cases per page:
//! every page's form and model take any query string (unknown keys, repeated keys,
//! 10,000-character values, 1,000-element lists, digits from other scripts, markup,
//! `NaN`, `1e309`, `-0`, empty list items, broken escapes) without a panic; the form
//! has an input exactly when no field blocks it (`PageForm::blocked`, worked out from
//! the fields alone); and every row operation of the page (adding, removing and moving
//! groups, stages, what-ifs, cost lines and channels) applies to any such link.
#![cfg(not(target_arch = "wasm32"))]

use abkit::model::form::PageForm;
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
        // What a phone keyboard or a Chinese input method may add to a number.
        2 => "[0-9,，.%万亿eE+\\-]{0,12}",
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

/// Reads the page of form `F` from query `q` and checks that it has an input exactly
/// when none of its fields blocks one, and that what blocks is one of its parameters.
fn read_checked<F: PageForm>(q: &str) -> Result<(Values, F), TestCaseError>
where
    F::Input: std::fmt::Debug,
{
    let values = Values::from_query(F::PARAMS, q);
    let form = F::read(&values);
    let blocked = form.blocked();
    prop_assert_eq!(
        form.input().is_none(),
        !blocked.is_empty(),
        "input {:?} but blocked by {:?}, for {:?}",
        form.input(),
        blocked,
        q
    );
    for name in &blocked {
        prop_assert!(
            F::PARAMS.iter().any(|p| p.name == *name),
            "{name} is not a parameter"
        );
    }
    Ok((values, form))
}

/// `values` with `changes` applied, as the page applies a row operation.
fn apply(values: &Values, changes: Vec<(&'static str, String)>) -> Values {
    let mut next = values.clone();
    for (name, text) in changes {
        next.set(name, text);
    }
    next
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
    fn no_link_crashes_the_design_page(q in query(design::form::PARAMS)) {
        let (_, f) = read_checked::<design::form::DesignForm>(&q)?;
        if let Some(p) = &f.plan {
            let _ = design::plan::plan(p);
        }
    }

    #[test]
    fn no_link_or_group_edit_crashes_the_significance_page(
        q in query(analyze::form::PARAMS),
        at in 0usize..12,
    ) {
        let (v, f) = read_checked::<analyze::form::AnalyzeForm>(&q)?;
        prop_assert!(f.arms >= 2 && f.arms <= analyze::form::MAX_ARMS);
        if let Some(input) = &f.input {
            let _ = analyze::report::analyze(input);
        }
        let added = analyze::form::read(&apply(&v, analyze::form::add_group(&v, &f)));
        if !f.too_many && f.arms < analyze::form::MAX_ARMS {
            prop_assert_eq!(added.arms, f.arms + 1, "adding a group to {:?}", q);
        }
        let removed = analyze::form::read(&apply(&v, analyze::form::remove_group(&v, &f, at)));
        prop_assert!(removed.arms >= 2);
    }

    #[test]
    fn no_pasted_table_crashes_the_significance_page(text in hostile(), rows in proptest::collection::vec(hostile(), 0..6), continuous: bool) {
        let pasted = format!("{text}\n{}", rows.join("\n"));
        let _ = analyze::paste::parse_arms(&pasted, continuous);
        let daily = analyze::daily::read_daily(&pasted);
        let _ = analyze::cumulative::daily_lifts(daily.clone(), 1.96, Some((0.05, 10_000.0)));
        let _ = analyze::cumulative::daily_lifts(daily, f64::NAN, None);
    }

    #[test]
    fn no_link_or_row_edit_crashes_the_roi_page(q in query(roi::form::PARAMS), at in 0usize..22) {
        let (v, c) = read_checked::<roi::form::CampaignForm>(&q)?;
        if let Some(campaign) = &c.campaign {
            let _ = roi::evaluate(campaign);
            let _ = roi::sensitivity::tornado(campaign, 0.2);
        }
        let u = roi::form::read_uncertainty(&v, &c);
        if let (Some(input), Ok(seed)) = (u.uncertain.clone(), u.seed) {
            let mut sim = roi::montecarlo::Simulation::new(input, u.shape, seed as u64);
            sim.run(64);
            prop_assert_eq!(sim.draws(), 64);
        }
        let ch = roi::form::read_channels(&v);
        prop_assert!(ch.count >= 1 && ch.count <= roi::form::MAX_CHANNELS);
        let _ = roi::form::read_promotion(&v).promotion.map(|p| p.evaluate());
        let _ = roi::form::read_customer(&v).customer.map(|c| c.evaluate());
        for changes in [
            roi::form::add_cost(&v, c.costs.len()),
            roi::form::remove_cost(&v, at),
            roi::form::toggle_benefit(&v, at % 3),
            roi::form::add_channel(&v, ch.count),
            roi::form::remove_channel(&v, at),
        ] {
            let next = apply(&v, changes);
            let c = roi::form::read_campaign(&next);
            let _ = roi::form::read_uncertainty(&next, &c);
            prop_assert!(roi::form::read_channels(&next).count <= roi::form::MAX_CHANNELS);
        }
    }

    #[test]
    fn no_link_or_stage_edit_crashes_the_funnel_page(q in query(funnel::form::PARAMS), at in 0usize..14) {
        let (v, f) = read_checked::<funnel::form::FunnelForm>(&q)?;
        if let Some(fu) = &f.funnel {
            let _ = funnel::leverage(fu);
            if let Some(s) = &f.scenario {
                let _ = funnel::scenario(fu, s);
            }
            if let Some(Ok(target)) = f.target {
                let _ = funnel::solve_target(fu, target);
            }
        }
        let names: Vec<String> = (0..f.stages()).map(|i| i.to_string()).collect();
        let added = funnel::form::read(&apply(&v, funnel::form::add_stage(&v, f.stages())));
        prop_assert_eq!(added.stages(), f.stages() + 1, "adding a stage to {:?}", q);
        for changes in [
            funnel::form::remove_stage(&v, at),
            funnel::form::swap_stages(&v, &names, at),
            funnel::form::add_what_if(&v, f.what_ifs.len()),
            funnel::form::remove_what_if(&v, at),
        ] {
            let next = funnel::form::read(&apply(&v, changes));
            if let (Some(fu), Some(s)) = (&next.funnel, &next.scenario) {
                let _ = funnel::scenario(fu, s);
            }
        }
    }

    #[test]
    fn no_link_crashes_the_peeking_simulator(q in query(learn::peeking::PARAMS)) {
        let (_, f) = read_checked::<learn::peeking::PeekingForm>(&q)?;
        if let Some(input) = &f.input {
            if let Ok(theory) = learn::peeking::theory(input) {
                let mut sim = learn::peeking::Simulation::new(input, theory);
                sim.advance(20);
                prop_assert!(sim.done() <= sim.total());
            }
        }
    }

    #[test]
    fn no_link_crashes_the_power_simulator(q in query(learn::power::PARAMS)) {
        let (_, f) = read_checked::<learn::power::PowerForm>(&q)?;
        if let Some(input) = f.input() {
            let mut sim = learn::power::Simulation::new(input);
            sim.advance(20);
            prop_assert!(sim.done() <= sim.total());
        }
    }

    #[test]
    fn no_link_or_answer_crashes_the_exercises(
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
