//! The campaign: named cost lines, the three switchable benefits and the money terms
//! (refunds, fees, a target 营销占比), and the cost-line row operations.

use super::*;
use crate::model::form::{blocking, cells, optional, Cell, PageForm};
use crate::model::input::{parse_bounded, push_item, remove_item, split_list, Bounds};
use crate::model::query::{Param, Values};
use crate::model::roi::Campaign;

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
