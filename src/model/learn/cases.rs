//! The guided cases: which tool each opens, and with which numbers. The situation,
//! question, steps and lesson are in the language tables, in the same order.

crate::params! {
    PARAMS {
        PRESENT = "present": "",
        AT = "at": "1",
    }
}

/// Where a case's link goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Design,
    Analyze,
    Roi,
    Funnel,
    Peeking,
    Power,
}

impl Tool {
    /// The route's path inside the hash.
    pub fn path(self) -> &'static str {
        match self {
            Tool::Design => "/design",
            Tool::Analyze => "/analyze",
            Tool::Roi => "/roi",
            Tool::Funnel => "/funnel",
            Tool::Peeking => "/learn/peeking",
            Tool::Power => "/learn/power",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Case {
    /// Stable name for `data-testid="case-<id>"` and tests.
    pub id: &'static str,
    pub tool: Tool,
    pub query: &'static str,
    /// The ROI page names the cost lines in the reader's language.
    pub cost_labels: bool,
    /// The section of the tool the case is about (an element id), scrolled into view.
    pub focus: Option<&'static str>,
    /// The funnel's stages by what they are (indices into the funnel's default stage
    /// names, read in the reader's language), so the waterfall names the stage the
    /// case is about: two stages are not "product page, add to cart" when the second
    /// is payment.
    pub stages: &'static [usize],
}

/// The funnel's default stage names, in order (`default_stages` in the language
/// tables): what `Case::stages` counts in.
pub mod stage {
    pub const PRODUCT_PAGE: usize = 0;
    pub const ADD_TO_CART: usize = 1;
    pub const CHECKOUT: usize = 2;
    pub const PAID: usize = 3;
}

/// A link's `case=`: the guided case a tool was opened from, for its banner.
pub const CASE_PARAM: &str = "case";

/// The case named by a link's `case=` value.
pub fn find_case(id: &str) -> Option<(usize, &'static Case)> {
    CASES.iter().enumerate().find(|(_, c)| c.id == id.trim())
}

const fn case(id: &'static str, tool: Tool, query: &'static str) -> Case {
    Case {
        id,
        tool,
        query,
        cost_labels: false,
        focus: None,
        stages: &[],
    }
}

pub const COUNT: usize = 15;

pub const CASES: [Case; COUNT] = [
    Case {
        cost_labels: true,
        ..case(
            "brand-day",
            Tool::Roi,
            "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30",
        )
    },
    case("checkout", Tool::Design, "p=3&mde=18&daily=21429&run_days=14"),
    Case {
        cost_labels: true,
        focus: Some("channels"),
        ..case(
            "channels",
            Tool::Roi,
            "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30\
&ch_spend=100000,100000&ch_cpv=50,80&ch_conv=8,5&ch_aov=300,300&ch_margin=40,40&move=50000&move_from=2&move_to=1",
        )
    },
    Case {
        focus: Some("decomposition"),
        stages: &[stage::PRODUCT_PAGE, stage::PAID],
        ..case(
            "sales-up",
            Tool::Funnel,
            "visitors=200000&rates=30,5&aov=120&b_visitors=100000&b_rates=30,8&b_aov=100",
        )
    },
    Case {
        stages: &[stage::PRODUCT_PAGE, stage::ADD_TO_CART, stage::PAID],
        ..case("first-order", Tool::Funnel, "visitors=100000&rates=30,20,50&aov=100&stage=1&to=40")
    },
    Case {
        focus: Some("target"),
        stages: &[stage::PAID],
        ..case("double11", Tool::Funnel, "visitors=1000000&rates=8&aov=50&target=5000000")
    },
    Case {
        cost_labels: true,
        focus: Some("promo"),
        ..case(
            "threshold",
            Tool::Roi,
            "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30\
&promo_aov=180&promo_margin=30&promo_threshold=200&promo_discount=50&promo_share=40",
        )
    },
    case("low-traffic", Tool::Design, "p=0.8&mde=10&daily=300"),
    case("stopped-early", Tool::Peeking, "looks=14"),
    case("coupon-variants", Tool::Analyze, "n=20000,20000,20000,20000&x=1000,1060,1030,1100"),
    case("srm", Tool::Analyze, "n=50600,49400&x=2530,2570"),
    Case {
        focus: Some("running"),
        ..case("early-win", Tool::Analyze, "n=12000,12000&x=600,672&daily=4800&prior_sd=5")
    },
    case(
        "aov-up",
        Tool::Analyze,
        "metric=ratio&n=1500,1500&num=797509.04,854354.94&num2=1468259372.01,1804329396.61\
&den=5937,6003&den2=60913,61869&numden=7946648.21,8807388.23",
    ),
    Case {
        cost_labels: true,
        focus: Some("customer"),
        ..case(
            "retention",
            Tool::Roi,
            "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30\
&arpu=100&ltv_margin=30&churn=15&cac=200",
        )
    },
    case("underpowered", Tool::Power, "p=5&mde=10&n=8000"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Values;

    #[test]
    fn every_funnel_case_names_each_of_its_stages() {
        for c in CASES.iter().filter(|c| c.tool == Tool::Funnel) {
            let f = crate::model::funnel::form::read(&Values::from_query(
                crate::model::funnel::form::PARAMS,
                c.query,
            ));
            assert_eq!(c.stages.len(), f.stages(), "{}", c.id);
            assert!(c.stages.iter().all(|&i| i <= stage::PAID), "{}", c.id);
        }
        assert!(CASES
            .iter()
            .filter(|c| c.tool != Tool::Funnel)
            .all(|c| c.stages.is_empty()));
        assert_eq!(find_case("sales-up").map(|(i, _)| i), Some(3));
        assert_eq!(find_case("nope"), None);
    }

    #[test]
    fn every_case_opens_its_tool_with_valid_numbers() {
        for c in &CASES {
            let ok = match c.tool {
                Tool::Design => {
                    let f = crate::model::design::form::read(&Values::from_query(
                        crate::model::design::form::PARAMS,
                        c.query,
                    ));
                    f.plan
                        .is_some_and(|p| crate::model::design::plan::plan(&p).is_ok())
                }
                Tool::Analyze => crate::model::analyze::form::read(&Values::from_query(
                    crate::model::analyze::form::PARAMS,
                    c.query,
                ))
                .input
                .is_some(),
                Tool::Roi => {
                    let v = Values::from_query(crate::model::roi::form::PARAMS, c.query);
                    crate::model::roi::form::read_campaign(&v)
                        .campaign
                        .is_some()
                }
                Tool::Funnel => crate::model::funnel::form::read(&Values::from_query(
                    crate::model::funnel::form::PARAMS,
                    c.query,
                ))
                .funnel
                .is_some(),
                Tool::Peeking => super::super::peeking::read(&Values::from_query(
                    super::super::peeking::PARAMS,
                    c.query,
                ))
                .input
                .is_some(),
                Tool::Power => matches!(
                    super::super::power::read(&Values::from_query(
                        super::super::power::PARAMS,
                        c.query
                    ))
                    .input,
                    Some(Ok(_))
                ),
            };
            assert!(ok, "case {} does not open with valid numbers", c.id);
        }
    }

    #[test]
    fn the_numbers_the_cases_teach() {
        // Super brand day: ROI 190 %, and ROAS 5 is the break-even ROAS at 20 %.
        let v = Values::from_query(crate::model::roi::form::PARAMS, CASES[0].query);
        let campaign = crate::model::roi::form::read_campaign(&v).campaign;
        let r = campaign.map(|c| crate::model::roi::evaluate(&c));
        assert_eq!(r.as_ref().and_then(|r| r.roi), Some(1.9));
        assert_eq!(r.as_ref().and_then(|r| r.roas), Some(5.0));
        assert_eq!(r.as_ref().and_then(|r| r.breakeven_roas), Some(5.0));
        // The coupon designs: raw p of the third 0.025, Holm 0.075.
        let f = crate::model::analyze::form::read(&Values::from_query(
            crate::model::analyze::form::PARAMS,
            CASES[9].query,
        ));
        let report = f.input.map(|i| crate::model::analyze::report::analyze(&i));
        let third = report.as_ref().and_then(|r| r.comparison(3));
        let p = third.and_then(|c| c.p).unwrap_or(f64::NAN);
        let adj = third.and_then(|c| c.p_adj).unwrap_or(f64::NAN);
        assert!((p - 0.025).abs() < 0.001, "{p}");
        assert!((adj - 0.075).abs() < 0.002, "{adj}");
    }

    #[test]
    fn ids_are_unique() {
        for (i, c) in CASES.iter().enumerate() {
            assert!(CASES.iter().skip(i + 1).all(|o| o.id != c.id), "{}", c.id);
        }
    }
}
