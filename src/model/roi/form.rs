//! The ROI page's typed form: its URL parameters; the campaign (named cost lines and
//! three switchable benefits); low and high ranges for the Monte Carlo; channels and
//! a budget move; a threshold promotion; customer value. Each is read and checked
//! here, with the model input when valid, and the row operations that keep the cost
//! lines' and channels' lists aligned.

use super::channels::Channel;
use super::montecarlo::{Range, Shape, Uncertain};
use super::promo::{CustomerValue, Promotion};
use super::Campaign;
use crate::model::form::{blocking, cells, optional, Cell, FieldError, PageForm};
use crate::model::input::{
    parse_bounded, parse_choice, push_item, remove_item, split_list, Bounds, InputError,
};
use crate::model::query::{Param, Values};

crate::params! {
    PARAMS {
        COST = "cost": "",
        COST_LABEL = "cost_label": "",
        GMV = "gmv": "",
        MARGIN = "margin": "",
        MEMBERS = "members": "0",
        LTV = "ltv": "0",
        IMPR = "impr": "0",
        CPM = "cpm": "0",
        /// Share of GMV refunded, %.
        REFUND = "refund": "0",
        /// Platform commission and payment fees, % of net GMV.
        FEE = "fee": "0",
        /// Target marketing-spend share of net GMV (营销占比), %.
        TARGET_SHARE = "target_share": "",
        OFF = "off": "",
        SWING = "swing": "20",
        COST_LO = "cost_lo": "",
        COST_HI = "cost_hi": "",
        GMV_LO = "gmv_lo": "",
        GMV_HI = "gmv_hi": "",
        MARGIN_LO = "margin_lo": "",
        MARGIN_HI = "margin_hi": "",
        MEMBERS_LO = "members_lo": "",
        MEMBERS_HI = "members_hi": "",
        LTV_LO = "ltv_lo": "",
        LTV_HI = "ltv_hi": "",
        IMPR_LO = "impr_lo": "",
        IMPR_HI = "impr_hi": "",
        CPM_LO = "cpm_lo": "",
        CPM_HI = "cpm_hi": "",
        REFUND_LO = "refund_lo": "",
        REFUND_HI = "refund_hi": "",
        FEE_LO = "fee_lo": "",
        FEE_HI = "fee_hi": "",
        DIST = "dist": "pert",
        SEED = "seed": "1",
        CH_NAME = "ch_name": "",
        CH_SPEND = "ch_spend": "100000,100000",
        CH_CPV = "ch_cpv": "50,80",
        CH_CONV = "ch_conv": "8,5",
        CH_AOV = "ch_aov": "300,300",
        CH_MARGIN = "ch_margin": "40,40",
        MOVE = "move": "50000",
        MOVE_FROM = "move_from": "2",
        MOVE_TO = "move_to": "1",
        PROMO_AOV = "promo_aov": "180",
        PROMO_MARGIN = "promo_margin": "30",
        PROMO_THRESHOLD = "promo_threshold": "200",
        PROMO_DISCOUNT = "promo_discount": "30",
        PROMO_SHARE = "promo_share": "40",
        ARPU = "arpu": "100",
        LTV_MARGIN = "ltv_margin": "30",
        CHURN = "churn": "5",
        CAC = "cac": "200",
    }
}

/// The training material's "super brand day" (ROI 190 %), with plausible ranges.
pub const SUPER_BRAND_DAY: &str = "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30\
&gmv_lo=4000000&gmv_hi=6000000&members_lo=3000&members_hi=6000&impr_lo=20000000&impr_hi=35000000";

/// The three worked examples; cost line names come from the current language.
pub const PRESETS: [&str; 3] = [
    SUPER_BRAND_DAY,
    "cost=800000,300000,100000&gmv=6000000&margin=12&members=2000&ltv=150&impr=10000000&cpm=20\
&gmv_lo=4500000&gmv_hi=7000000&margin_lo=10&margin_hi=14&cost_lo=700000,250000,100000&cost_hi=950000,400000,120000",
    "cost=300000,80000&gmv=900000&margin=35&members=1500&ltv=120&impr=5000000&cpm=25\
&gmv_lo=400000&gmv_hi=1500000&members_lo=800&members_hi=2500",
];

/// The benefits that can be switched off, as named in the `off` parameter.
pub const BENEFITS: [&str; 3] = ["direct", "members", "brand"];

pub const MAX_COST_LINES: usize = 20;
pub const MAX_CHANNELS: usize = 8;

type Read = Result<f64, InputError>;
type Changes = Vec<(&'static str, String)>;

#[derive(Clone, Debug, PartialEq)]
pub struct CampaignForm {
    pub costs: Vec<Cell>,
    /// The cost lines' typed names (empty where none is typed).
    pub typed_labels: Vec<String>,
    pub gmv: Read,
    pub margin: Read,
    pub members: Read,
    pub ltv: Read,
    pub impressions: Read,
    pub cpm: Read,
    pub refund: Read,
    pub fee: Read,
    /// Fees above the gross margin: a real loss-making line. Everything is still
    /// computed (the direct benefit is negative); the page warns, and there is no
    /// break-even 投产比.
    pub fee_above_margin: bool,
    pub target_share: Option<Read>,
    /// Which of `BENEFITS` are counted.
    pub counted: [bool; 3],
    /// The campaign when every counted field parses, switched-off benefits at zero.
    pub campaign: Option<Campaign>,
}

/// Reads the campaign through `get` (the page's value of a parameter); also used for
/// saved scenarios, which are stored as query strings.
pub fn read_campaign(values: &Values) -> CampaignForm {
    let costs = cells(values.get(COST), 1, Bounds::NON_NEGATIVE);
    let typed = split_list(values.get(COST_LABEL));
    let typed_labels = (0..costs.len())
        .map(|i| typed.get(i).copied().unwrap_or("").to_string())
        .collect();
    let off = split_list(values.get(OFF));
    let counted = BENEFITS.map(|b| !off.contains(&b));
    let gmv = parse_bounded(values.get(GMV), Bounds::NON_NEGATIVE);
    let margin = parse_bounded(values.get(MARGIN), Bounds::PERCENT);
    let members = parse_bounded(values.get(MEMBERS), Bounds::COUNT);
    let ltv = parse_bounded(values.get(LTV), Bounds::NON_NEGATIVE);
    let impressions = parse_bounded(values.get(IMPR), Bounds::COUNT);
    let cpm = parse_bounded(values.get(CPM), Bounds::NON_NEGATIVE);
    let refund = parse_bounded(values.get(REFUND), Bounds::range(0.0, true, 100.0, false));
    let fee = parse_bounded(values.get(FEE), Bounds::PERCENT);
    let fee_above_margin = counted[0] && matches!((fee, margin), (Ok(f), Ok(m)) if f > m);
    let target_share = optional(
        values.get(TARGET_SHARE),
        Bounds::range(0.0, false, 100.0, true),
    );
    let cost_values: Option<Vec<f64>> = costs.iter().map(Cell::ok).collect();
    // A switched-off benefit does not need valid inputs.
    let pick = |on: bool, r: &Read| {
        if on {
            r.as_ref().ok().copied()
        } else {
            Some(0.0)
        }
    };
    let [direct, member, brand] = counted;
    let money_terms = match (refund, fee) {
        (Ok(r), Ok(f)) => Some((r, f)),
        _ => None,
    };
    let campaign = match (
        money_terms,
        cost_values,
        pick(direct, &gmv),
        pick(direct, &margin),
        pick(member, &members),
        pick(member, &ltv),
        pick(brand, &impressions),
        pick(brand, &cpm),
    ) {
        (
            Some((refund_pct, fee_pct)),
            Some(costs),
            Some(g),
            Some(m),
            Some(n),
            Some(l),
            Some(i),
            Some(c),
        ) => Some(Campaign {
            costs,
            // GMV still drives ROAS when its margin is not counted.
            gmv: if direct {
                g
            } else {
                gmv.as_ref().ok().copied().unwrap_or(g)
            },
            margin_pct: if direct { m } else { 0.0 },
            members: n,
            ltv: l,
            impressions: i,
            cpm: c,
            refund_pct,
            fee_pct: if direct { fee_pct } else { 0.0 },
        }),
        _ => None,
    };
    CampaignForm {
        costs,
        typed_labels,
        gmv,
        margin,
        members,
        ltv,
        impressions,
        cpm,
        refund,
        fee,
        fee_above_margin,
        target_share,
        counted,
        campaign,
    }
}

impl PageForm for CampaignForm {
    type Input = Campaign;
    const PARAMS: &'static [Param] = PARAMS;

    fn read(values: &Values) -> Self {
        read_campaign(values)
    }

    fn input(&self) -> Option<&Campaign> {
        self.campaign.as_ref()
    }

    /// A switched-off benefit's fields never block.
    fn blocked(&self) -> Vec<&'static str> {
        let [direct, members, brand] = self.counted;
        blocking(&[
            (self.costs.iter().any(|c| c.value.is_err()), COST),
            (direct && self.gmv.is_err(), GMV),
            (direct && self.margin.is_err(), MARGIN),
            (members && self.members.is_err(), MEMBERS),
            (members && self.ltv.is_err(), LTV),
            (brand && self.impressions.is_err(), IMPR),
            (brand && self.cpm.is_err(), CPM),
            (self.refund.is_err(), REFUND),
            (self.fee.is_err(), FEE),
        ])
    }
}

/// A line of the ranges table: low and high as typed, and the range they make with
/// the likely value (`Ok(None)` when neither bound is given).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeRow {
    pub low: String,
    pub high: String,
    pub range: Result<Option<Range>, FieldError>,
}

fn range_row(likely: Option<f64>, low: &str, high: &str, bounds: Bounds) -> RangeRow {
    let bound = |text: &str| -> Result<Option<f64>, FieldError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_bounded(text, bounds)
                .map(Some)
                .map_err(FieldError::from)
        }
    };
    let range = match (likely, bound(low), bound(high)) {
        (_, Err(e), _) | (_, _, Err(e)) => Err(e),
        (Some(likely), Ok(lo), Ok(hi)) if lo.is_some() || hi.is_some() => {
            Range::new(lo.unwrap_or(likely), likely, hi.unwrap_or(likely))
                .map(Some)
                .map_err(|_| FieldError::RangeOrder)
        }
        _ => Ok(None),
    };
    RangeRow {
        low: low.to_string(),
        high: high.to_string(),
        range,
    }
}

/// The six single-valued inputs that can get a range: (low, high, which benefit).
pub const RANGED: [(&str, &str, usize); 8] = [
    (GMV_LO, GMV_HI, 0),
    (MARGIN_LO, MARGIN_HI, 0),
    (MEMBERS_LO, MEMBERS_HI, 1),
    (LTV_LO, LTV_HI, 1),
    (IMPR_LO, IMPR_HI, 2),
    (CPM_LO, CPM_HI, 2),
    (REFUND_LO, REFUND_HI, 0),
    (FEE_LO, FEE_HI, 0),
];

#[derive(Clone, Debug, PartialEq)]
pub struct UncertaintyForm {
    /// One per cost line.
    pub costs: Vec<RangeRow>,
    /// One per entry of `RANGED`; `None` where its benefit is switched off.
    pub fields: Vec<Option<RangeRow>>,
    pub shape: Shape,
    pub seed: Read,
    /// Some input has a range.
    pub any_range: bool,
    /// The simulation's input, when some input has a range and every range is valid.
    pub uncertain: Option<Uncertain>,
}

pub fn read_uncertainty(values: &Values, c: &CampaignForm) -> UncertaintyForm {
    let shape = parse_choice(
        values.get(DIST),
        &[("pert", Shape::Pert), ("tri", Shape::Triangular)],
    )
    .unwrap_or(Shape::Pert);
    let seed = parse_bounded(
        values.get(SEED),
        Bounds::range(0.0, true, 1e15, true).whole(),
    );
    let lows = split_list(values.get(COST_LO));
    let highs = split_list(values.get(COST_HI));
    let costs: Vec<RangeRow> = c
        .costs
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            range_row(
                cell.ok(),
                lows.get(i).copied().unwrap_or(""),
                highs.get(i).copied().unwrap_or(""),
                Bounds::NON_NEGATIVE,
            )
        })
        .collect();
    let likely = [
        c.gmv.ok(),
        c.margin.ok(),
        c.members.ok(),
        c.ltv.ok(),
        c.impressions.ok(),
        c.cpm.ok(),
        c.refund.ok(),
        c.fee.ok(),
    ];
    let fields: Vec<Option<RangeRow>> = RANGED
        .iter()
        .zip(likely)
        .map(|(&(lo, hi, benefit), likely)| {
            let bounds = if lo == MARGIN_LO || lo == FEE_LO {
                Bounds::PERCENT
            } else if lo == REFUND_LO {
                Bounds::range(0.0, true, 100.0, false)
            } else {
                Bounds::NON_NEGATIVE
            };
            c.counted
                .get(benefit)
                .copied()
                .unwrap_or(true)
                .then(|| range_row(likely, values.get(lo), values.get(hi), bounds))
        })
        .collect();
    let rows = || costs.iter().chain(fields.iter().flatten());
    let any_range = rows().any(|r| matches!(r.range, Ok(Some(_))));
    let all_ok = rows().all(|r| r.range.is_ok());
    let uncertain = c
        .campaign
        .as_ref()
        .filter(|_| any_range && all_ok)
        .map(|cam| {
            let ranged = |i: usize, v: f64| {
                fields
                    .get(i)
                    .and_then(Option::as_ref)
                    .and_then(|r| r.range.ok().flatten())
                    .unwrap_or(Range::fixed(v))
            };
            Uncertain {
                costs: cam
                    .costs
                    .iter()
                    .zip(&costs)
                    .map(|(v, r)| r.range.ok().flatten().unwrap_or(Range::fixed(*v)))
                    .collect(),
                gmv: ranged(0, cam.gmv),
                margin_pct: ranged(1, cam.margin_pct),
                members: ranged(2, cam.members),
                ltv: ranged(3, cam.ltv),
                impressions: ranged(4, cam.impressions),
                cpm: ranged(5, cam.cpm),
                refund_pct: ranged(6, cam.refund_pct),
                fee_pct: ranged(7, cam.fee_pct),
            }
        });
    UncertaintyForm {
        costs,
        fields,
        shape,
        seed,
        any_range,
        uncertain,
    }
}

/// The lists that hold one item per cost line.
const COST_LISTS: [&str; 4] = [COST, COST_LABEL, COST_LO, COST_HI];

/// Adds a cost line of 0; names and ranges are extended only where they are given.
pub fn add_cost(values: &Values, lines: usize) -> Changes {
    COST_LISTS
        .into_iter()
        .filter(|p| *p == COST || !values.get(p).trim().is_empty())
        .map(|p| {
            (
                p,
                push_item(values.get(p), lines, if p == COST { "0" } else { "" }),
            )
        })
        .collect()
}

/// Removes cost line `i` from every list that has items.
pub fn remove_cost(values: &Values, i: usize) -> Changes {
    COST_LISTS
        .into_iter()
        .filter(|p| !values.get(p).trim().is_empty())
        .map(|p| (p, remove_item(values.get(p), i)))
        .collect()
}

/// Switches benefit `index` of `BENEFITS` on or off.
pub fn toggle_benefit(values: &Values, index: usize) -> Changes {
    let mut off: Vec<String> = split_list(values.get(OFF))
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let name = BENEFITS.get(index).copied().unwrap_or("");
    if let Some(at) = off.iter().position(|s| s == name) {
        off.remove(at);
    } else {
        off.push(name.to_string());
    }
    vec![(OFF, off.join(","))]
}

/// The lists that hold one item per channel, its name first.
const CHANNEL_LISTS: [&str; 6] = [CH_NAME, CH_SPEND, CH_CPV, CH_CONV, CH_AOV, CH_MARGIN];

#[derive(Clone, Debug, PartialEq)]
pub struct ChannelsForm {
    pub count: usize,
    pub typed_names: Vec<String>,
    pub spend: Vec<Cell>,
    pub cost_per_visitor: Vec<Cell>,
    /// Percent as typed.
    pub conversion: Vec<Cell>,
    pub aov: Vec<Cell>,
    /// Percent as typed.
    pub margin: Vec<Cell>,
    /// Every channel valid, rates as fractions.
    pub channels: Option<Vec<Channel>>,
    pub amount: Read,
    /// 1-based, within the channels.
    pub from: Read,
    pub to: Read,
}

pub fn read_channels(values: &Values) -> ChannelsForm {
    let count = CHANNEL_LISTS
        .iter()
        .skip(1)
        .map(|p| split_list(values.get(p)).len())
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_CHANNELS);
    let column = |p: &str, bounds| {
        let mut c = cells(values.get(p), count, bounds);
        c.truncate(count);
        c
    };
    let spend = column(CH_SPEND, Bounds::NON_NEGATIVE);
    let cost_per_visitor = column(CH_CPV, Bounds::POSITIVE);
    let conversion = column(CH_CONV, Bounds::PERCENT);
    let aov = column(CH_AOV, Bounds::NON_NEGATIVE);
    let margin = column(CH_MARGIN, Bounds::PERCENT);
    let typed = split_list(values.get(CH_NAME));
    let channels = (0..count)
        .map(|i| {
            Some(Channel {
                spend: spend.get(i)?.ok()?,
                cost_per_visitor: cost_per_visitor.get(i)?.ok()?,
                conversion: conversion.get(i)?.ok()? / 100.0,
                aov: aov.get(i)?.ok()?,
                margin: margin.get(i)?.ok()? / 100.0,
            })
        })
        .collect();
    let index = Bounds::range(1.0, true, count as f64, true).whole();
    ChannelsForm {
        count,
        typed_names: (0..count)
            .map(|i| typed.get(i).copied().unwrap_or("").to_string())
            .collect(),
        spend,
        cost_per_visitor,
        conversion,
        aov,
        margin,
        channels,
        amount: parse_bounded(values.get(MOVE), Bounds::NON_NEGATIVE),
        from: parse_bounded(values.get(MOVE_FROM), index),
        to: parse_bounded(values.get(MOVE_TO), index),
    }
}

/// Adds a channel: a copy of the last one's numbers, unnamed.
pub fn add_channel(values: &Values, count: usize) -> Changes {
    CHANNEL_LISTS
        .iter()
        .map(|&p| {
            let last = split_list(values.get(p))
                .get(count.saturating_sub(1))
                .copied()
                .unwrap_or("")
                .to_string();
            (
                p,
                push_item(values.get(p), count, if p == CH_NAME { "" } else { &last }),
            )
        })
        .collect()
}

/// Removes channel `i`; the budget move goes back to channels that exist.
pub fn remove_channel(values: &Values, i: usize) -> Changes {
    let mut changes: Changes = CHANNEL_LISTS
        .iter()
        .map(|&p| (p, remove_item(values.get(p), i)))
        .collect();
    changes.push((MOVE_FROM, "1".into()));
    changes.push((MOVE_TO, "2".into()));
    changes
}

#[derive(Clone, Debug, PartialEq)]
pub struct PromotionForm {
    pub aov: Read,
    pub margin: Read,
    pub threshold: Read,
    pub discount: Read,
    pub share: Read,
    pub promotion: Option<Promotion>,
}

pub fn read_promotion(values: &Values) -> PromotionForm {
    let aov = parse_bounded(values.get(PROMO_AOV), Bounds::POSITIVE);
    let margin = parse_bounded(
        values.get(PROMO_MARGIN),
        Bounds::range(0.0, false, 100.0, true),
    );
    let threshold = parse_bounded(values.get(PROMO_THRESHOLD), Bounds::POSITIVE);
    let discount = parse_bounded(values.get(PROMO_DISCOUNT), Bounds::NON_NEGATIVE);
    let share = parse_bounded(values.get(PROMO_SHARE), Bounds::PERCENT);
    let promotion = match (aov, margin, threshold, discount, share) {
        (Ok(aov), Ok(m), Ok(threshold), Ok(discount), Ok(s)) => Some(Promotion {
            aov,
            margin: m / 100.0,
            threshold,
            discount,
            share: s / 100.0,
        }),
        _ => None,
    };
    PromotionForm {
        aov,
        margin,
        threshold,
        discount,
        share,
        promotion,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct CustomerForm {
    pub arpu: Read,
    pub margin: Read,
    pub churn: Read,
    pub cac: Read,
    pub customer: Option<CustomerValue>,
}

pub fn read_customer(values: &Values) -> CustomerForm {
    let arpu = parse_bounded(values.get(ARPU), Bounds::NON_NEGATIVE);
    let margin = parse_bounded(values.get(LTV_MARGIN), Bounds::PERCENT);
    let churn = parse_bounded(values.get(CHURN), Bounds::range(0.0, false, 100.0, true));
    let cac = parse_bounded(values.get(CAC), Bounds::NON_NEGATIVE);
    let customer = match (arpu, margin, churn, cac) {
        (Ok(arpu), Ok(m), Ok(c), Ok(cac)) => Some(CustomerValue {
            arpu,
            margin: m / 100.0,
            churn: c / 100.0,
            cac,
        }),
        _ => None,
    };
    CustomerForm {
        arpu,
        margin,
        churn,
        cac,
        customer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Values;

    #[test]
    fn refunds_and_fees_take_ranges_and_swing() {
        let q = format!("{SUPER_BRAND_DAY}&refund=30&refund_lo=20&refund_hi=40&fee=5");
        let v = values(&q);
        let c = read_campaign(&v);
        let u = read_uncertainty(&v, &c).uncertain.expect("ranges");
        assert_eq!(
            u.refund_pct,
            Range {
                low: 20.0,
                likely: 30.0,
                high: 40.0
            }
        );
        assert_eq!(u.fee_pct, Range::fixed(5.0));
        let swings = super::super::sensitivity::tornado(&c.campaign.expect("campaign"), 0.2)
            .expect("swings");
        use super::super::sensitivity::Input;
        assert!(swings.iter().any(|s| s.input == Input::Refund));
        assert!(swings.iter().any(|s| s.input == Input::Fee));
        let bad = values(&format!("{SUPER_BRAND_DAY}&refund=30&refund_lo=50"));
        assert!(read_uncertainty(&bad, &read_campaign(&bad))
            .uncertain
            .is_none());
    }

    fn values(query: &str) -> Values {
        Values::from_query(PARAMS, query)
    }

    #[test]
    fn fees_above_the_margin_are_a_loss_making_line_not_an_input_error() {
        let v = values(&format!("{SUPER_BRAND_DAY}&fee=10&margin=8"));
        let c = read_campaign(&v);
        assert!(c.fee_above_margin);
        assert_eq!(c.fee, Ok(10.0));
        let campaign = c.campaign.expect("every field reads");
        let r = super::super::evaluate(&campaign);
        // Direct benefit = 5,000,000 × (8 % − 10 %).
        assert!(
            (r.benefit_direct - -100_000.0).abs() < 1e-6,
            "{}",
            r.benefit_direct
        );
        assert_eq!(r.breakeven_roas, None);
        assert!(r.roi.is_some());
        // Not a warning when the direct benefit is switched off, or fees are within it.
        let off = values(&format!("{SUPER_BRAND_DAY}&fee=10&margin=8&off=direct"));
        assert!(!read_campaign(&off).fee_above_margin);
        let within = values(&format!("{SUPER_BRAND_DAY}&fee=8&margin=8"));
        assert!(!read_campaign(&within).fee_above_margin);
    }

    #[test]
    fn the_super_brand_day_reads_with_its_ranges() {
        let v = values(SUPER_BRAND_DAY);
        let c = read_campaign(&v);
        assert_eq!(
            c.campaign,
            Some(Campaign {
                costs: vec![600_000.0, 200_000.0, 150_000.0, 50_000.0],
                gmv: 5_000_000.0,
                margin_pct: 20.0,
                members: 5_000.0,
                ltv: 200.0,
                impressions: 30_000_000.0,
                cpm: 30.0,
                refund_pct: 0.0,
                fee_pct: 0.0,
            })
        );
        assert_eq!(c.typed_labels, vec!["", "", "", ""]);
        assert_eq!(c.counted, [true; 3]);
        let u = read_uncertainty(&v, &c);
        let sim = u.uncertain.expect("three ranges");
        assert_eq!(
            sim.gmv,
            Range {
                low: 4e6,
                likely: 5e6,
                high: 6e6
            }
        );
        assert_eq!(sim.margin_pct, Range::fixed(20.0));
        assert_eq!(sim.costs[0], Range::fixed(600_000.0));
        assert!(u.any_range && u.seed == Ok(1.0) && u.shape == Shape::Pert);
    }

    #[test]
    fn switched_off_benefits_need_no_valid_inputs() {
        let v = values("cost=100&gmv=1000&margin=20&impr=abc&off=brand");
        let c = read_campaign(&v);
        assert_eq!(c.impressions, Err(InputError::NotANumber));
        let campaign = c.campaign.expect("brand is off");
        assert_eq!((campaign.impressions, campaign.cpm), (0.0, 0.0));
        // Without its margin, GMV still drives ROAS.
        let v = values("cost=100&gmv=1000&margin=x&off=direct");
        let c = read_campaign(&v);
        assert_eq!(
            c.campaign.map(|c| (c.gmv, c.margin_pct)),
            Some((1000.0, 0.0))
        );
        let v = values("cost=-5,100&gmv=1000&margin=20");
        assert!(read_campaign(&v).campaign.is_none());
    }

    #[test]
    fn ranges_refuse_bad_bounds_and_order() {
        let v = values("cost=100&gmv=1000&margin=20&gmv_lo=9000&margin_hi=x");
        let u = read_uncertainty(&v, &read_campaign(&v));
        assert_eq!(
            u.fields[0].as_ref().map(|r| r.range),
            Some(Err(FieldError::RangeOrder))
        );
        assert_eq!(
            u.fields[1].as_ref().map(|r| r.range),
            Some(Err(FieldError::Input(InputError::NotANumber)))
        );
        assert!(u.uncertain.is_none() && !u.any_range);
        let v = values("cost=100&gmv=1000&margin=20&off=members&members_lo=1");
        assert_eq!(read_uncertainty(&v, &read_campaign(&v)).fields[2], None);
    }

    #[test]
    fn channels_promotion_and_customer_value() {
        let v = values("");
        let ch = read_channels(&v);
        assert_eq!(ch.count, 2);
        assert_eq!(
            ch.channels.as_ref().and_then(|c| c.first()).cloned(),
            Some(Channel {
                spend: 100_000.0,
                cost_per_visitor: 50.0,
                conversion: 0.08,
                aov: 300.0,
                margin: 0.4
            })
        );
        assert_eq!(
            (ch.amount, ch.from, ch.to),
            (Ok(50_000.0), Ok(2.0), Ok(1.0))
        );
        let p = read_promotion(&v).promotion.expect("defaults");
        assert_eq!((p.margin, p.share), (0.3, 0.4));
        let c = read_customer(&v).customer.expect("defaults");
        assert_eq!((c.margin, c.churn), (0.3, 0.05));
        let v = values("churn=0&move_from=3");
        assert!(read_customer(&v).customer.is_none());
        assert!(read_channels(&v).from.is_err());
    }

    fn apply(v: &mut Values, changes: Changes) {
        for (p, text) in changes {
            v.set(p, text);
        }
    }

    #[test]
    fn row_operations() {
        let mut v = values("cost=600000,200000&cost_label=Traffic,KOL&cost_hi=700000,");
        let changes = add_cost(&v, 2);
        apply(&mut v, changes);
        assert_eq!(
            v.to_query(),
            "cost=600000,200000,0&cost_label=Traffic,KOL,&cost_hi=700000,,"
        );
        let changes = remove_cost(&v, 0);
        apply(&mut v, changes);
        assert_eq!(v.to_query(), "cost=200000,0&cost_label=KOL,");
        let changes = toggle_benefit(&v, 2);
        apply(&mut v, changes);
        assert_eq!(v.get(OFF), "brand");
        let changes = toggle_benefit(&v, 2);
        apply(&mut v, changes);
        assert_eq!(v.get(OFF), "");
        let mut v = values("");
        let changes = add_channel(&v, 2);
        apply(&mut v, changes);
        assert_eq!(v.get(CH_SPEND), "100000,100000,100000");
        assert_eq!(v.get(CH_NAME), "");
        assert_eq!(read_channels(&v).count, 3);
        let changes = remove_channel(&v, 0);
        apply(&mut v, changes);
        assert_eq!(v.get(CH_CPV), "80,80");
        assert_eq!((v.get(MOVE_FROM), v.get(MOVE_TO)), ("1", "2"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::model::query::Values;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cost_lists_stay_aligned(lines in 1usize..8, named in any::<bool>(), ranged in any::<bool>(), at in 0usize..8) {
            let list = |f: &dyn Fn(usize) -> String| (0..lines).map(f).collect::<Vec<_>>().join(",");
            let mut query = format!("cost={}", list(&|i| format!("{}", 100 * (i + 1))));
            if named { query.push_str(&format!("&cost_label={}", list(&|i| format!("c{i}")))); }
            if ranged { query.push_str(&format!("&cost_lo={}&cost_hi={}", list(&|i| format!("{}", 90 * (i + 1))), list(&|i| format!("{}", 110 * (i + 1))))); }
            let mut v = Values::from_query(PARAMS, &query);
            for (p, text) in add_cost(&v, lines) { v.set(p, text); }
            let at = at.min(lines);
            for (p, text) in remove_cost(&v, at) { v.set(p, text); }
            let c = read_campaign(&v);
            prop_assert_eq!(c.costs.len(), lines);
            let u = read_uncertainty(&v, &c);
            // Every remaining line keeps its own amount, name and range.
            for (cell, (label, row)) in c.costs.iter().zip(c.typed_labels.iter().zip(&u.costs)) {
                let amount = cell.ok().unwrap_or(-1.0);
                if amount > 0.0 {
                    let k = (amount / 100.0) as usize - 1;
                    if named { prop_assert_eq!(label.clone(), format!("c{k}")); }
                    if ranged { prop_assert_eq!(row.range, Ok(Some(Range { low: 90.0 * (k + 1) as f64, likely: amount, high: 110.0 * (k + 1) as f64 }))); }
                }
            }
        }

        #[test]
        fn channel_lists_stay_aligned(count in 1usize..7, at in 0usize..7) {
            let list = |f: &dyn Fn(usize) -> String| (0..count).map(f).collect::<Vec<_>>().join(",");
            let query = format!(
                "ch_name={}&ch_spend={}&ch_cpv={}&ch_conv={}&ch_aov={}&ch_margin={}",
                list(&|i| format!("c{i}")), list(&|i| format!("{}", 1000 * (i + 1))), list(&|i| format!("{}", i + 1)),
                list(&|i| format!("{}", i + 2)), list(&|i| format!("{}", 100 + i)), list(&|i| format!("{}", 10 + i)),
            );
            let mut v = Values::from_query(PARAMS, &query);
            for (p, text) in add_channel(&v, count) { v.set(p, text); }
            let at = at.min(count);
            for (p, text) in remove_channel(&v, at) { v.set(p, text); }
            let ch = read_channels(&v);
            prop_assert_eq!(ch.count, count);
            // Every remaining channel keeps its own numbers together, named or not.
            for k in 0..count {
                let spend = ch.spend[k].ok().unwrap_or(-1.0);
                let j = (spend / 1000.0) as usize - 1;
                prop_assert_eq!(ch.cost_per_visitor[k].ok(), Some((j + 1) as f64));
                prop_assert_eq!(ch.conversion[k].ok(), Some((j + 2) as f64));
                prop_assert_eq!(ch.aov[k].ok(), Some((100 + j) as f64));
                prop_assert_eq!(ch.margin[k].ok(), Some((10 + j) as f64));
                let name = ch.typed_names[k].clone();
                let expected = format!("c{j}");
                prop_assert!(name == expected || name.is_empty());
            }
        }
    }
}
