//! Reading the campaign from the page's parameters, shared by the page itself and by
//! saved scenarios (which are stored as query strings).

use crate::i18n::{fill, Texts};
use crate::model::input::{parse_bounded, split_list, Bounds, InputError};
use crate::model::roi::Campaign;
pub use crate::ui::cells::{cells, Cell};

/// The benefits that can be switched off, as named in the `off` parameter.
pub const BENEFITS: [&str; 3] = ["direct", "members", "brand"];

#[derive(Clone, Debug, PartialEq)]
pub struct ReadCampaign {
    pub costs: Vec<Cell>,
    pub labels: Vec<String>,
    pub gmv: Result<f64, InputError>,
    pub margin: Result<f64, InputError>,
    pub members: Result<f64, InputError>,
    pub ltv: Result<f64, InputError>,
    pub impressions: Result<f64, InputError>,
    pub cpm: Result<f64, InputError>,
    /// Which of `BENEFITS` are counted.
    pub counted: [bool; 3],
    /// The campaign when every field parses, with switched-off benefits at zero.
    pub campaign: Option<Campaign>,
}

/// Reads the campaign through `get` (the page's value of a parameter).
pub fn read_campaign<'a>(t: &Texts, get: impl Fn(&str) -> &'a str) -> ReadCampaign {
    let costs = cells(t, get("cost"), 1, Bounds::NON_NEGATIVE);
    let typed: Vec<&str> = split_list(get("cost_label"));
    let labels = (0..costs.len())
        .map(|i| match typed.get(i).filter(|s| !s.is_empty()) {
            Some(s) => (*s).to_string(),
            None => fill(t.roi.cost_line, &[&(i + 1).to_string()]),
        })
        .collect();
    let off = split_list(get("off"));
    let counted = BENEFITS.map(|b| !off.contains(&b));
    let gmv = parse_bounded(get("gmv"), Bounds::NON_NEGATIVE);
    let margin = parse_bounded(get("margin"), Bounds::PERCENT);
    let members = parse_bounded(get("members"), Bounds::COUNT);
    let ltv = parse_bounded(get("ltv"), Bounds::NON_NEGATIVE);
    let impressions = parse_bounded(get("impr"), Bounds::COUNT);
    let cpm = parse_bounded(get("cpm"), Bounds::NON_NEGATIVE);
    let cost_values: Option<Vec<f64>> = costs.iter().map(|c| c.value).collect();
    // A switched-off benefit does not need valid inputs.
    let pick = |on: bool, r: &Result<f64, InputError>| {
        if on {
            r.as_ref().ok().copied()
        } else {
            Some(0.0)
        }
    };
    let [direct, member, brand] = counted;
    let campaign = match (
        cost_values,
        pick(direct, &gmv),
        pick(direct, &margin),
        pick(member, &members),
        pick(member, &ltv),
        pick(brand, &impressions),
        pick(brand, &cpm),
    ) {
        (Some(costs), Some(g), Some(m), Some(n), Some(l), Some(i), Some(c)) => {
            // GMV still drives ROAS when its margin is not counted.
            let gmv_value = gmv.as_ref().ok().copied().unwrap_or(g);
            Some(Campaign {
                costs,
                gmv: if direct { g } else { gmv_value },
                margin_pct: if direct { m } else { 0.0 },
                members: n,
                ltv: l,
                impressions: i,
                cpm: c,
            })
        }
        _ => None,
    };
    ReadCampaign {
        costs,
        labels,
        gmv,
        margin,
        members,
        ltv,
        impressions,
        cpm,
        counted,
        campaign,
    }
}
