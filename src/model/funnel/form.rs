//! The funnel page's typed form: its URL parameters, the stages (one rate per row,
//! names aligned), the what-ifs (stage and rate aligned), the target and the earlier
//! period; and the row operations that keep stage lists aligned and every what-if on
//! its stage when stages are added, removed or moved.

use super::{Funnel, Scenario, WhatIf};
use crate::model::example::ExampleParts;
use crate::model::form::{blocking, cells, optional, Cell, FieldError, PageForm};
use crate::model::input::{
    parse_bounded, parse_list, push_item, remove_item, split_list, Bounds, InputError, ListError,
};
use crate::model::query::{Param, Values};

crate::params! {
    PARAMS {
        VISITORS = "visitors": "",
        RATES = "rates": "",
        STAGES = "stages": "",
        AOV = "aov": "",
        /// What-ifs: `stage` and `to` are aligned lists (one what-if each).
        STAGE = "stage": "",
        TO = "to": "",
        VISITORS_TO = "visitors_to": "",
        AOV_TO = "aov_to": "",
        PERIOD = "period": "1",
        TARGET = "target": "",
        /// Share of GMV refunded, %: the leverage and target panels also show net GMV.
        REFUND = "refund": "",
        B_VISITORS = "b_visitors": "",
        B_RATES = "b_rates": "",
        B_AOV = "b_aov": "",
    }
}

/// A classic shop: visit → product page → add to cart → checkout → paid, with a
/// what-if on add-to-cart.
pub const CLASSIC_SHOP: &str = "visitors=50000&rates=40,25,50,70&aov=150&stage=2&to=30";

/// The worked examples, as queries (stage names come from the language).
pub const PRESETS: [&str; 4] = [
    CLASSIC_SHOP,
    "visitors=100000&rates=60,35,15&aov=120&stage=2&to=40",
    "visitors=200000&rates=35,20,40,60&aov=89&stage=2&to=25",
    "visitors=200000&rates=30,5&aov=120&b_visitors=100000&b_rates=30,8&b_aov=100",
];

/// An example's what-ifs and earlier period fit its own funnel: the first edit of the
/// traffic, a rate or the order value takes them off (with an undo), so the answer
/// never claims a gain from a what-if nobody set for this funnel.
pub const EXAMPLE_PARTS: ExampleParts = ExampleParts {
    examples: &PRESETS,
    own: &[VISITORS, RATES, AOV],
    fitted: &[STAGE, TO, VISITORS_TO, AOV_TO, B_VISITORS, B_RATES, B_AOV],
};

pub const MAX_STAGES: usize = 12;

type Read = Result<f64, InputError>;

/// One what-if as typed: which stage (1-based in the text) and its new rate.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIfRow {
    pub stage: Cell,
    pub to: Cell,
    /// Both cells valid: the what-if for the model (0-based stage, rate as a fraction).
    pub parsed: Option<WhatIf>,
}

/// The earlier period to compare with, when any of its fields is given.
#[derive(Clone, Debug, PartialEq)]
pub struct Before {
    pub visitors: Read,
    pub rates: Result<Vec<f64>, ListError>,
    pub aov: Read,
    pub funnel: Option<Funnel>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelForm {
    pub visitors: Read,
    pub aov: Read,
    /// One cell per stage, percent as typed.
    pub rates: Vec<Cell>,
    pub what_ifs: Vec<WhatIfRow>,
    pub visitors_to: Option<Read>,
    pub aov_to: Option<Read>,
    pub period: Read,
    pub target: Option<Read>,
    /// Refund rate, %, when given.
    pub refund: Option<Read>,
    pub before: Option<Before>,
    /// The funnel now, when visitors, every rate and order value are valid.
    pub funnel: Option<Funnel>,
    /// The what-ifs, when any is given and all are valid.
    pub scenario: Option<Scenario>,
}

impl FunnelForm {
    pub fn stages(&self) -> usize {
        self.rates.len()
    }

    /// The share of GMV kept after refunds, when a refund rate is given.
    pub fn kept(&self) -> Option<f64> {
        self.refund
            .and_then(Result::ok)
            .map(super::kept_after_refunds)
    }

    /// The GMV target net of refunds, when both are given.
    pub fn target_net(&self) -> Option<f64> {
        Some(self.target?.ok()? * self.kept()?)
    }
}

fn what_if_rows(values: &Values, stages: usize) -> Vec<WhatIfRow> {
    let (stage_raw, to_raw) = (values.get(STAGE), values.get(TO));
    let rows = if stage_raw.trim().is_empty() && to_raw.trim().is_empty() {
        0
    } else {
        split_list(stage_raw).len().max(split_list(to_raw).len())
    };
    let stage_cells = cells(
        stage_raw,
        rows,
        Bounds::range(1.0, true, MAX_STAGES as f64, true).whole(),
    );
    let to_cells = cells(to_raw, rows, Bounds::PERCENT);
    stage_cells
        .into_iter()
        .zip(to_cells)
        .take(rows)
        .map(|(mut stage, to)| {
            if stage.ok().is_some_and(|n| n as usize > stages) && stages > 0 {
                stage.refuse(FieldError::NoSuchStage { stages });
            }
            let parsed = stage.ok().zip(to.ok()).map(|(n, r)| WhatIf {
                stage: n as usize - 1,
                to: r / 100.0,
            });
            WhatIfRow { stage, to, parsed }
        })
        .collect()
}

pub fn read(values: &Values) -> FunnelForm {
    let visitors = parse_bounded(values.get(VISITORS), Bounds::COUNT);
    let aov = parse_bounded(values.get(AOV), Bounds::NON_NEGATIVE);
    let rates = cells(values.get(RATES), 0, Bounds::PERCENT);
    let fractions: Option<Vec<f64>> = (!rates.is_empty())
        .then(|| rates.iter().map(|c| c.ok().map(|v| v / 100.0)).collect())
        .flatten();
    let funnel = match (visitors, fractions, aov) {
        (Ok(visitors), Some(rates), Ok(aov)) => Some(Funnel {
            visitors,
            rates,
            aov,
        }),
        _ => None,
    };
    let what_ifs = what_if_rows(values, rates.len());
    let visitors_to = optional(values.get(VISITORS_TO), Bounds::COUNT);
    let aov_to = optional(values.get(AOV_TO), Bounds::NON_NEGATIVE);
    let any = !what_ifs.is_empty() || visitors_to.is_some() || aov_to.is_some();
    let all_valid = what_ifs.iter().all(|r| r.parsed.is_some())
        && visitors_to.is_none_or(|v| v.is_ok())
        && aov_to.is_none_or(|v| v.is_ok());
    let scenario = (any && all_valid).then(|| Scenario {
        rates: what_ifs.iter().filter_map(|r| r.parsed).collect(),
        visitors: visitors_to.and_then(Result::ok),
        aov: aov_to.and_then(Result::ok),
    });
    let before = [B_VISITORS, B_RATES, B_AOV]
        .iter()
        .any(|p| !values.get(p).trim().is_empty())
        .then(|| {
            let visitors = parse_bounded(values.get(B_VISITORS), Bounds::COUNT);
            let rates = parse_list(values.get(B_RATES), Bounds::PERCENT, 1, MAX_STAGES);
            let aov = parse_bounded(values.get(B_AOV), Bounds::NON_NEGATIVE);
            let funnel = match (visitors, &rates, aov) {
                (Ok(visitors), Ok(rates), Ok(aov)) => Some(Funnel {
                    visitors,
                    rates: rates.iter().map(|r| r / 100.0).collect(),
                    aov,
                }),
                _ => None,
            };
            Before {
                visitors,
                rates,
                aov,
                funnel,
            }
        });
    FunnelForm {
        visitors,
        aov,
        rates,
        what_ifs,
        visitors_to,
        aov_to,
        period: parse_bounded(values.get(PERIOD), Bounds::range(0.0, false, 3660.0, true)),
        target: optional(values.get(TARGET), Bounds::POSITIVE),
        refund: optional(values.get(REFUND), Bounds::range(0.0, true, 100.0, false)),
        before,
        funnel,
        scenario,
    }
}

impl PageForm for FunnelForm {
    type Input = Funnel;
    const PARAMS: &'static [Param] = PARAMS;

    fn read(values: &Values) -> Self {
        read(values)
    }

    fn input(&self) -> Option<&Funnel> {
        self.funnel.as_ref()
    }

    /// A funnel without stages is blocked by its rates (the page says "no stages").
    fn blocked(&self) -> Vec<&'static str> {
        blocking(&[
            (self.visitors.is_err(), VISITORS),
            (
                self.rates.is_empty() || self.rates.iter().any(|c| c.value.is_err()),
                RATES,
            ),
            (self.aov.is_err(), AOV),
        ])
    }
}

type Changes = Vec<(&'static str, String)>;

/// Adds a stage at the end (converting at 50 % until edited).
pub fn add_stage(values: &Values, stages: usize) -> Changes {
    vec![
        (STAGES, push_item(values.get(STAGES), stages, "")),
        (RATES, push_item(values.get(RATES), stages, "50")),
    ]
}

/// The what-ifs with each stage number mapped by `map` (`None` drops the what-if).
fn remap_what_ifs(values: &Values, map: impl Fn(usize) -> Option<usize>) -> Changes {
    let (stage, to) = (split_list(values.get(STAGE)), split_list(values.get(TO)));
    let rows = stage.len().max(to.len());
    let kept: Vec<(String, String)> = (0..rows)
        .filter_map(|k| {
            let st = stage.get(k).copied().unwrap_or("");
            let tt = to.get(k).copied().unwrap_or("").to_string();
            match st.trim().parse::<usize>() {
                Ok(n) => map(n).map(|m| (m.to_string(), tt)),
                // A what-if still being typed stays as it is.
                Err(_) => Some((st.to_string(), tt)),
            }
        })
        .collect();
    if stage.is_empty() && to.is_empty() {
        return Vec::new();
    }
    vec![
        (
            STAGE,
            kept.iter()
                .map(|k| k.0.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ),
        (
            TO,
            kept.iter()
                .map(|k| k.1.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ),
    ]
}

/// Removes stage `i` (0-based): its what-ifs go, later ones move up with their stage.
pub fn remove_stage(values: &Values, i: usize) -> Changes {
    let mut changes = vec![
        (STAGES, remove_item(values.get(STAGES), i)),
        (RATES, remove_item(values.get(RATES), i)),
    ];
    changes.extend(remap_what_ifs(values, |n| match n {
        n if n == i + 1 => None,
        n if n > i + 1 => Some(n - 1),
        n => Some(n),
    }));
    changes
}

/// Swaps stages `i` and `i + 1` (0-based), names and rates, and keeps what-ifs on
/// their stage. `names` are the names shown: a name never typed moves as shown.
pub fn swap_stages(values: &Values, names: &[String], i: usize) -> Changes {
    let count = names.len();
    let swap_list = |raw: &str, shown: &dyn Fn(usize) -> String| {
        let typed = split_list(raw);
        let mut items: Vec<String> = (0..count)
            .map(|k| {
                typed
                    .get(k)
                    .filter(|s| !s.is_empty())
                    .map_or_else(|| shown(k), |s| (*s).to_string())
            })
            .collect();
        if i + 1 < items.len() {
            items.swap(i, i + 1);
        }
        items.join(",")
    };
    let mut changes = vec![
        (
            STAGES,
            swap_list(values.get(STAGES), &|k| {
                names.get(k).cloned().unwrap_or_default()
            }),
        ),
        (RATES, swap_list(values.get(RATES), &|_| String::new())),
    ];
    changes.extend(remap_what_ifs(values, |n| {
        Some(match n {
            n if n == i + 1 => i + 2,
            n if n == i + 2 => i + 1,
            n => n,
        })
    }));
    changes
}

/// Adds a what-if (on stage 1 until edited) after the `rows` there are.
pub fn add_what_if(values: &Values, rows: usize) -> Changes {
    vec![
        (STAGE, push_item(values.get(STAGE), rows, "1")),
        (TO, push_item(values.get(TO), rows, "")),
    ]
}

pub fn remove_what_if(values: &Values, i: usize) -> Changes {
    vec![
        (STAGE, remove_item(values.get(STAGE), i)),
        (TO, remove_item(values.get(TO), i)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Values;

    fn form(query: &str) -> FunnelForm {
        let v = Values::from_query(PARAMS, query);
        read(&v)
    }

    #[test]
    fn typing_ones_own_funnel_takes_the_examples_what_if_off() {
        let example = Values::from_query(PARAMS, CLASSIC_SHOP);
        assert!(read(&example).scenario.is_some());
        let mut own = example.clone();
        own.set(VISITORS, "8000".into());
        let cleared = EXAMPLE_PARTS.to_clear(&example, &own).expect("cleared");
        for (p, v) in &cleared.clear {
            own.set(p, v.clone());
        }
        // No what-if is left to claim a gain for the user's funnel.
        assert_eq!(read(&own).scenario, None);
        assert_eq!(own.get(VISITORS), "8000");
        for (p, v) in &cleared.undo {
            own.set(p, v.clone());
        }
        assert_eq!(own.get(STAGE), "2");
        assert_eq!(own.get(TO), "30");
        // Every example, the comparison of two periods among them, opens as itself.
        for (i, q) in PRESETS.iter().enumerate() {
            assert_eq!(EXAMPLE_PARTS.shown(&Values::from_query(PARAMS, q)), Some(i));
        }
    }

    #[test]
    fn the_target_net_of_refunds_keeps_what_is_not_refunded() {
        let f = read(&Values::from_query(PARAMS, "target=1000000&refund=12"));
        assert!(f.target_net().is_some_and(|t| (t - 880_000.0).abs() < 1e-6));
        assert_eq!(
            read(&Values::from_query(PARAMS, "target=1000000")).target_net(),
            None
        );
    }

    #[test]
    fn the_classic_shop_reads_as_a_funnel_and_a_what_if() {
        let f = form(CLASSIC_SHOP);
        assert_eq!(
            f.funnel,
            Some(Funnel {
                visitors: 50_000.0,
                rates: vec![0.4, 0.25, 0.5, 0.7],
                aov: 150.0
            })
        );
        assert_eq!(
            f.scenario,
            Some(Scenario {
                rates: vec![WhatIf { stage: 1, to: 0.3 }],
                visitors: None,
                aov: None
            })
        );
        assert_eq!((f.stages(), f.period), (4, Ok(1.0)));
        assert_eq!((f.target, f.before.is_none()), (None, true));
    }

    #[test]
    fn bad_fields_and_what_ifs() {
        let f = form("visitors=1000&rates=120,50&aov=10&stage=9&to=20");
        assert_eq!(
            f.rates[0].error(),
            Some(FieldError::Input(InputError::TooLarge {
                max: 100.0,
                inclusive: true
            }))
        );
        assert_eq!(
            f.what_ifs[0].stage.error(),
            Some(FieldError::NoSuchStage { stages: 2 })
        );
        assert!(f.funnel.is_none() && f.scenario.is_none());
        let f = form("visitors=1000000000000&rates=50&aov=10");
        assert!(f.visitors.is_err() && f.funnel.is_none());
        assert!(form("visitors=1000&rates=&aov=10").rates.is_empty());
        // Traffic and order-value what-ifs alone make a scenario.
        let f = form("visitors=1000&rates=50&aov=10&visitors_to=2000");
        assert_eq!(f.scenario.map(|s| s.visitors), Some(Some(2000.0)));
        assert!(form("visitors=1000&rates=50&aov=10&aov_to=x")
            .scenario
            .is_none());
    }

    #[test]
    fn target_and_earlier_period() {
        let f = form("visitors=200000&rates=30,5&aov=120&b_visitors=100000&b_rates=30,8&b_aov=100&target=787500");
        assert_eq!(f.target, Some(Ok(787_500.0)));
        assert_eq!(form("refund=30").refund, Some(Ok(30.0)));
        assert!(form("refund=100").refund.is_some_and(|r| r.is_err()));
        assert_eq!(form("").refund, None);
        let b = f.before.expect("given");
        assert_eq!(b.funnel.map(|f| f.rates), Some(vec![0.3, 0.08]));
        let b = form("b_rates=x").before.expect("given");
        assert!(b.rates.is_err() && b.funnel.is_none());
    }

    fn apply(query: &str, changes: Changes) -> String {
        let mut v = Values::from_query(PARAMS, query);
        for (p, text) in changes {
            v.set(p, text);
        }
        v.to_query()
    }

    #[test]
    fn stage_operations_keep_what_ifs_on_their_stage() {
        let q = "visitors=50000&rates=40,25,50,70&aov=150&stage=2,4&to=30,80";
        let v = Values::from_query(PARAMS, q);
        let names: Vec<String> = ["Product page", "Add to cart", "Checkout", "Paid"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            apply(q, swap_stages(&v, &names, 0)),
            "visitors=50000&rates=25,40,50,70&stages=Add%20to%20cart,Product%20page,Checkout,Paid&aov=150&stage=1,4&to=30,80"
        );
        assert_eq!(
            apply(q, remove_stage(&v, 1)),
            "visitors=50000&rates=40,50,70&aov=150&stage=3&to=80"
        );
        assert_eq!(
            apply(q, add_stage(&v, 4)),
            "visitors=50000&rates=40,25,50,70,50&aov=150&stage=2,4&to=30,80"
        );
        assert_eq!(
            apply(q, add_what_if(&v, 2)),
            "visitors=50000&rates=40,25,50,70&aov=150&stage=2,4,1&to=30,80,"
        );
        assert_eq!(
            apply(q, remove_what_if(&v, 0)),
            "visitors=50000&rates=40,25,50,70&aov=150&stage=4&to=80"
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::model::query::Values;
    use proptest::prelude::*;

    /// The what-ifs as (stage rate, new rate) pairs: the stage a what-if is on, named by
    /// that stage's own (unique) rate, so moving stages cannot fake a match.
    fn on_stages(v: &Values) -> Vec<(String, String)> {
        let rates = split_list(v.get(RATES))
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>();
        let (stage, to) = (split_list(v.get(STAGE)), split_list(v.get(TO)));
        let mut pairs: Vec<(String, String)> = stage
            .iter()
            .zip(&to)
            .filter_map(|(s, t)| {
                s.parse::<usize>()
                    .ok()
                    .and_then(|n| rates.get(n - 1))
                    .map(|r| (r.clone(), t.to_string()))
            })
            .collect();
        pairs.sort();
        pairs
    }

    proptest! {
        #[test]
        fn a_what_if_stays_on_its_stage(stages in 2usize..8, picks in proptest::collection::vec(1usize..8, 0..5), op in 0usize..2, at in 0usize..8) {
            let rates = (0..stages).map(|i| format!("{}", 10 + i)).collect::<Vec<_>>().join(",");
            let picks: Vec<usize> = picks.into_iter().filter(|&p| p <= stages).collect();
            let stage = picks.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(",");
            let to = picks.iter().enumerate().map(|(k, _)| format!("{}", 60 + k)).collect::<Vec<_>>().join(",");
            let v = Values::from_query(PARAMS, &format!("visitors=1000&rates={rates}&aov=10&stage={stage}&to={to}"));
            let names: Vec<String> = (0..stages).map(|i| format!("s{i}")).collect();
            let at = at.min(stages - 1);
            let (changes, removed_rate) = if op == 0 && at + 1 < stages {
                (swap_stages(&v, &names, at), None)
            } else {
                (remove_stage(&v, at), Some(format!("{}", 10 + at)))
            };
            let before = on_stages(&v);
            let mut after = v.clone();
            for (p, text) in changes {
                after.set(p, text);
            }
            let expected: Vec<(String, String)> = before.into_iter().filter(|(r, _)| Some(r) != removed_rate.as_ref()).collect();
            prop_assert_eq!(on_stages(&after), expected);
            // Names and rates stay aligned.
            let typed = split_list(after.get(STAGES)).len();
            let count = split_list(after.get(RATES)).len();
            prop_assert!(after.get(STAGES).is_empty() || typed == count);
            prop_assert_eq!(split_list(after.get(STAGE)).len(), split_list(after.get(TO)).len());
        }
    }
}
