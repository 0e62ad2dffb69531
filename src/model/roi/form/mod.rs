//! The ROI page's typed form: its URL parameters; the campaign (named cost lines and
//! three switchable benefits); low and high ranges for the Monte Carlo; channels and
//! a budget move; a threshold promotion; customer value. Each is read and checked
//! here, with the model input when valid, and the row operations that keep the cost
//! lines' and channels' lists aligned.
//!
//! One file per part: `campaign` (cost lines and benefits), `ranges` (the Monte
//! Carlo's low and high values), `channels` (channels and the budget move), `extras`
//! (the promotion and customer value).

mod campaign;
mod channels;
mod extras;
mod ranges;

pub use campaign::*;
pub use channels::*;
pub use extras::*;
pub use ranges::*;

use crate::model::input::InputError;

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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::FieldError;
    use crate::model::input::InputError;
    use crate::model::query::Values;
    use crate::model::roi::channels::Channel;
    use crate::model::roi::montecarlo::{Range, Shape};
    use crate::model::roi::Campaign;

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
    fn the_first_edit_of_an_example_clears_its_ranges_with_an_undo() {
        // The range parameters are exactly the cost lines' and `RANGED`'s.
        let from_table: Vec<&str> = [COST_LO, COST_HI]
            .into_iter()
            .chain(RANGED.iter().flat_map(|r| [r.low, r.high]))
            .collect();
        assert_eq!(from_table, RANGE_PARAMS);
        let example = values(PRESETS[1]);
        assert_eq!(EXAMPLE_PARTS.shown(&example), Some(1));
        let mut typed = example.clone();
        typed.set(GMV, "100000".into());
        let cleared = EXAMPLE_PARTS.to_clear(&example, &typed).expect("cleared");
        assert_eq!(cleared.example, 1);
        let mut after = typed.clone();
        for (p, v) in &cleared.clear {
            after.set(p, v.clone());
        }
        // No range is left, so nothing flags a GMV of 100,000 against 4.5–7 million.
        assert!(!read_uncertainty(&after, &read_campaign(&after)).any_range);
        assert_eq!(after.get(GMV), "100000");
        // The undo puts back exactly the example's ranges, the typed GMV kept, and
        // the range that no longer fits is flagged.
        for (p, v) in &cleared.undo {
            after.set(p, v.clone());
        }
        assert_eq!(after, typed);
        let flagged = read_uncertainty(&after, &read_campaign(&after));
        assert!(flagged.fields[0]
            .as_ref()
            .is_some_and(|r| r.range == Err(FieldError::RangeOrder)));
        // Renaming a cost line is not typing one's own numbers.
        let mut renamed = example.clone();
        renamed.set(COST_LABEL, "a,b,c".into());
        assert_eq!(EXAMPLE_PARTS.to_clear(&example, &renamed), None);
        // Every example opens with its own ranges, the page's default among them.
        for (i, q) in PRESETS.iter().enumerate() {
            assert_eq!(EXAMPLE_PARTS.shown(&values(q)), Some(i));
        }
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
    fn cost_line_edits_keep_names_and_ranges_aligned() {
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
    use crate::model::roi::montecarlo::Range;
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
