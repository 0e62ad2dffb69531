//! Every page's form and row operations on hostile links: any mix of the page's own
//! parameter names with arbitrary text (empty, huge, negative, NaN, full-width,
//! commas, stray escapes) reads without panicking, and every row operation on it too.
#![cfg(not(target_arch = "wasm32"))]

use abkit::model::query::{Param, Values};
use abkit::model::{analyze, design, funnel, roi};
use proptest::prelude::*;

/// A value a link might carry.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "-?[0-9]{1,14}(\\.[0-9]{0,6})?",
        "[0-9,，.%万亿eE+\\-]{0,12}",
        Just("NaN".to_string()),
        Just("1e309".to_string()),
        Just(",,,,".to_string()),
        "(-?[0-9]{1,4},){0,14}-?[0-9]{0,4}",
        "\\PC{0,12}",
    ]
}

/// A query naming some of `params` with arbitrary values, percent-encoded or not.
fn query(params: &'static [Param]) -> impl Strategy<Value = String> {
    proptest::collection::vec((0..params.len(), value(), any::<bool>()), 0..12).prop_map(
        move |pairs| {
            pairs
                .into_iter()
                .filter_map(|(i, v, escape)| {
                    let name = params.get(i)?.name;
                    let mut text = String::new();
                    if escape {
                        abkit::model::query::encode_into(&mut text, &v);
                    } else {
                        text = v.replace(['&', '#'], "");
                    }
                    Some(format!("{name}={text}"))
                })
                .collect::<Vec<_>>()
                .join("&")
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn design_reads_any_link(q in query(design::form::PARAMS)) {
        let v = Values::from_query(design::form::PARAMS, &q);
        let f = design::form::read(&v);
        if let Some(p) = f.plan {
            let _ = design::plan::plan(&p);
        }
    }

    #[test]
    fn analyze_reads_any_link(q in query(analyze::form::PARAMS), at in 0usize..12) {
        let v = Values::from_query(analyze::form::PARAMS, &q);
        let f = analyze::form::read(&v);
        prop_assert!(f.arms >= 2 && f.arms <= analyze::form::MAX_ARMS);
        if let Some(input) = &f.input {
            let _ = analyze::report::analyze(input);
        }
        let _ = analyze::form::add_group(&v, &f);
        let _ = analyze::form::remove_group(&v, f.continuous, at);
    }

    #[test]
    fn funnel_reads_any_link(q in query(funnel::form::PARAMS), at in 0usize..14) {
        let v = Values::from_query(funnel::form::PARAMS, &q);
        let f = funnel::form::read(&v);
        if let (Some(fu), Some(s)) = (&f.funnel, &f.scenario) {
            let _ = funnel::scenario(fu, s);
        }
        let names: Vec<String> = (0..f.stages()).map(|i| i.to_string()).collect();
        let _ = funnel::form::add_stage(&v, f.stages());
        let _ = funnel::form::remove_stage(&v, at);
        let _ = funnel::form::swap_stages(&v, &names, at);
        let _ = funnel::form::add_what_if(&v, f.what_ifs.len());
        let _ = funnel::form::remove_what_if(&v, at);
    }

    #[test]
    fn roi_reads_any_link(q in query(roi::form::PARAMS), at in 0usize..22) {
        let v = Values::from_query(roi::form::PARAMS, &q);
        let c = roi::form::read_campaign(&v);
        if let Some(campaign) = &c.campaign {
            let _ = roi::evaluate(campaign);
        }
        let _ = roi::form::read_uncertainty(&v, &c);
        let ch = roi::form::read_channels(&v);
        prop_assert!(ch.count >= 1 && ch.count <= roi::form::MAX_CHANNELS);
        let _ = roi::form::read_promotion(&v).promotion.map(|p| p.evaluate());
        let _ = roi::form::read_customer(&v).customer.map(|c| c.evaluate());
        let _ = roi::form::add_cost(&v, c.costs.len());
        let _ = roi::form::remove_cost(&v, at);
        let _ = roi::form::toggle_benefit(&v, at % 3);
        let _ = roi::form::add_channel(&v, ch.count);
        let _ = roi::form::remove_channel(&v, at);
    }
}
