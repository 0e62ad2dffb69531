//! Low and high values for the Monte Carlo: one row per cost line and per ranged
//! input, each read against its likely value.

use super::*;
use crate::model::example::ExampleParts;
use crate::model::form::FieldError;
use crate::model::input::{parse_bounded, parse_choice, split_list, Bounds};
use crate::model::query::Values;
use crate::model::roi::montecarlo::{Range, Shape, Uncertain};

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

/// The single-valued inputs that can take a range, in the ranges table's order.
pub const RANGED: [Ranged; 8] = [
    Ranged::new(GMV_LO, GMV_HI, Bounds::NON_NEGATIVE, 0, |c| c.gmv),
    Ranged::new(MARGIN_LO, MARGIN_HI, Bounds::PERCENT, 0, |c| c.margin),
    Ranged::new(MEMBERS_LO, MEMBERS_HI, Bounds::NON_NEGATIVE, 1, |c| {
        c.members
    }),
    Ranged::new(LTV_LO, LTV_HI, Bounds::NON_NEGATIVE, 1, |c| c.ltv),
    Ranged::new(IMPR_LO, IMPR_HI, Bounds::NON_NEGATIVE, 2, |c| c.impressions),
    Ranged::new(CPM_LO, CPM_HI, Bounds::NON_NEGATIVE, 2, |c| c.cpm),
    Ranged::new(
        REFUND_LO,
        REFUND_HI,
        Bounds::range(0.0, true, 100.0, false),
        0,
        |c| c.refund,
    ),
    Ranged::new(FEE_LO, FEE_HI, Bounds::PERCENT, 0, |c| c.fee),
];

/// A single-valued input that can take a range: its low and high parameters, what
/// they accept, the benefit of `BENEFITS` it belongs to (a switched-off benefit's
/// inputs take no range), and its likely value on the campaign's form.
#[derive(Clone, Copy)]
pub struct Ranged {
    pub low: &'static str,
    pub high: &'static str,
    pub bounds: Bounds,
    pub benefit: usize,
    pub likely: fn(&CampaignForm) -> Read,
}

impl Ranged {
    const fn new(
        low: &'static str,
        high: &'static str,
        bounds: Bounds,
        benefit: usize,
        likely: fn(&CampaignForm) -> Read,
    ) -> Ranged {
        Ranged {
            low,
            high,
            bounds,
            benefit,
            likely,
        }
    }
}

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
    let fields: Vec<Option<RangeRow>> = RANGED
        .iter()
        .map(|r| {
            c.counted.get(r.benefit).copied().unwrap_or(true).then(|| {
                range_row(
                    (r.likely)(c).ok(),
                    values.get(r.low),
                    values.get(r.high),
                    r.bounds,
                )
            })
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

/// Every low and high parameter: the cost lines' lists, then one pair per `RANGED`.
pub const RANGE_PARAMS: [&str; 18] = [
    COST_LO, COST_HI, GMV_LO, GMV_HI, MARGIN_LO, MARGIN_HI, MEMBERS_LO, MEMBERS_HI, LTV_LO, LTV_HI,
    IMPR_LO, IMPR_HI, CPM_LO, CPM_HI, REFUND_LO, REFUND_HI, FEE_LO, FEE_HI,
];

/// An example's ranges fit its own likely values: the first edit of one of those
/// takes the ranges off (with an undo), so they neither flag errors the user did not
/// make nor silently shape the chance that the user's campaign pays.
pub const EXAMPLE_PARTS: ExampleParts = ExampleParts {
    examples: &PRESETS,
    own: &[COST, GMV, MARGIN, MEMBERS, LTV, IMPR, CPM, REFUND, FEE],
    fitted: &RANGE_PARAMS,
};
