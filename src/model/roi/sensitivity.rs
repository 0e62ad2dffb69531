//! One-at-a-time sensitivity: ROI when each input moves down and up by the same share,
//! the others held, sorted by how much the ROI swings (the tornado chart).

use super::{evaluate, Campaign};

/// An input of the campaign model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Gmv,
    Margin,
    Members,
    Ltv,
    Impressions,
    Cpm,
    Refund,
    Fee,
    /// Cost line `i` (0-based).
    Cost(usize),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swing {
    pub input: Input,
    /// ROI with the input at (1 − share) and (1 + share) times its value.
    pub roi_down: f64,
    pub roi_up: f64,
}

impl Swing {
    pub fn width(&self) -> f64 {
        (self.roi_up - self.roi_down).abs()
    }
}

fn scaled(c: &Campaign, input: Input, factor: f64) -> Campaign {
    let mut c = c.clone();
    match input {
        Input::Gmv => c.gmv *= factor,
        // A margin cannot pass 100 %.
        Input::Margin => c.margin_pct = (c.margin_pct * factor).min(100.0),
        Input::Members => c.members *= factor,
        Input::Ltv => c.ltv *= factor,
        Input::Impressions => c.impressions *= factor,
        Input::Cpm => c.cpm *= factor,
        // Refunds stay below 100 %, fees within the margin.
        Input::Refund => c.refund_pct = (c.refund_pct * factor).min(99.9),
        Input::Fee => c.fee_pct = (c.fee_pct * factor).min(c.margin_pct),
        Input::Cost(i) => {
            if let Some(v) = c.costs.get_mut(i) {
                *v *= factor;
            }
        }
    }
    c
}

/// The swings for a relative change `share` (0.2 = ±20 %), widest first. Inputs that are
/// zero cannot swing and are left out; `None` when the ROI itself is undefined.
pub fn tornado(c: &Campaign, share: f64) -> Option<Vec<Swing>> {
    evaluate(c).roi?;
    let mut inputs = vec![
        Input::Gmv,
        Input::Margin,
        Input::Members,
        Input::Ltv,
        Input::Impressions,
        Input::Cpm,
        Input::Refund,
        Input::Fee,
    ];
    inputs.extend((0..c.costs.len()).map(Input::Cost));
    let mut swings: Vec<Swing> = inputs
        .into_iter()
        .filter_map(|input| {
            let down = evaluate(&scaled(c, input, 1.0 - share)).roi?;
            let up = evaluate(&scaled(c, input, 1.0 + share)).roi?;
            (down != up).then_some(Swing {
                input,
                roi_down: down,
                roi_up: up,
            })
        })
        .collect();
    swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
    Some(swings)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::roi::tests::super_brand_day as brand_day;

    #[test]
    fn biggest_cost_line_matters_most() {
        let t = tornado(&brand_day(), 0.2).expect("roi defined");
        // The 600,000 traffic line swings ROI from 2.9/0.88 − 1 to 2.9/1.12 − 1.
        let first = t.first().expect("swings");
        assert_eq!(first.input, Input::Cost(0));
        assert!((first.roi_down - (2.9 / 0.88 - 1.0)).abs() < 1e-12);
        assert!((first.roi_up - (2.9 / 1.12 - 1.0)).abs() < 1e-12);
        assert!(t.windows(2).all(|w| w[0].width() >= w[1].width()));
        // GMV and margin enter as a product: equal swings.
        let gmv = t.iter().find(|s| s.input == Input::Gmv).expect("gmv");
        let margin = t.iter().find(|s| s.input == Input::Margin).expect("margin");
        assert!((gmv.width() - margin.width()).abs() < 1e-12);
    }

    #[test]
    fn zero_inputs_and_zero_cost() {
        let c = Campaign {
            members: 0.0,
            ..brand_day()
        };
        let t = tornado(&c, 0.2).expect("roi");
        assert!(t
            .iter()
            .all(|s| s.input != Input::Members && s.input != Input::Ltv));
        assert_eq!(
            tornado(
                &Campaign {
                    costs: vec![0.0],
                    ..brand_day()
                },
                0.2
            ),
            None
        );
    }
}
