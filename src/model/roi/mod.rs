//! Campaign ROI: costs against three kinds of benefit.
//!
//! ROI = (benefit − cost) / cost, where the benefit is the gross margin on the GMV the
//! campaign brings, the lifetime value of the members it wins, and the value of its
//! brand exposure at a CPM.

pub mod channels;
pub mod form;
pub mod montecarlo;
pub mod promo;
pub mod sensitivity;

/// Checked inputs. Amounts are non-negative; `margin_pct` is 0–100.
#[derive(Clone, Debug, PartialEq)]
pub struct Campaign {
    pub costs: Vec<f64>,
    pub gmv: f64,
    pub margin_pct: f64,
    pub members: f64,
    pub ltv: f64,
    pub impressions: f64,
    pub cpm: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoiResult {
    pub cost_total: f64,
    /// GMV × gross margin.
    pub benefit_direct: f64,
    /// New members × lifetime value.
    pub benefit_members: f64,
    /// Impressions / 1000 × CPM.
    pub benefit_brand: f64,
    pub benefit_total: f64,
    pub net_profit: f64,
    /// `None` when the total cost is 0: a ratio to nothing is undefined.
    pub roi: Option<f64>,
    pub roas: Option<f64>,
    /// The GMV at which ROI is 0 with the other benefits unchanged, never below 0;
    /// `None` when the margin is 0 and the other benefits do not cover the cost.
    pub breakeven_gmv: Option<f64>,
    /// 1 / margin: the ROAS at which margin alone pays back the cost.
    pub breakeven_roas: Option<f64>,
    /// Total cost / new members; `None` without new members.
    pub cost_per_member: Option<f64>,
}

pub fn evaluate(c: &Campaign) -> RoiResult {
    let cost_total: f64 = c.costs.iter().sum();
    // Multiplying before dividing keeps typed values exact (5,000,000 × 20 / 100).
    let benefit_direct = c.gmv * c.margin_pct / 100.0;
    let benefit_members = c.members * c.ltv;
    let benefit_brand = c.impressions * c.cpm / 1000.0;
    let benefit_total = benefit_direct + benefit_members + benefit_brand;
    let net_profit = benefit_total - cost_total;
    let positive_cost = (cost_total > 0.0).then_some(cost_total);
    let other = benefit_members + benefit_brand;
    let breakeven_gmv = if other >= cost_total {
        Some(0.0)
    } else if c.margin_pct > 0.0 {
        Some((cost_total - other) * 100.0 / c.margin_pct)
    } else {
        None
    };
    RoiResult {
        cost_total,
        benefit_direct,
        benefit_members,
        benefit_brand,
        benefit_total,
        net_profit,
        roi: positive_cost.map(|k| net_profit / k),
        roas: positive_cost.map(|k| c.gmv / k),
        breakeven_gmv,
        breakeven_roas: (c.margin_pct > 0.0).then(|| 100.0 / c.margin_pct),
        cost_per_member: (c.members > 0.0).then(|| cost_total / c.members),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn cost_per_member() {
        assert_eq!(evaluate(&super_brand_day()).cost_per_member, Some(200.0));
        assert_eq!(
            evaluate(&Campaign {
                members: 0.0,
                ..super_brand_day()
            })
            .cost_per_member,
            None
        );
    }

    pub fn super_brand_day() -> Campaign {
        Campaign {
            costs: vec![600_000.0, 200_000.0, 150_000.0, 50_000.0],
            gmv: 5_000_000.0,
            margin_pct: 20.0,
            members: 5_000.0,
            ltv: 200.0,
            impressions: 30_000_000.0,
            cpm: 30.0,
        }
    }

    #[test]
    fn super_brand_day_is_190_percent() {
        let r = evaluate(&super_brand_day());
        assert_eq!(r.cost_total, 1_000_000.0);
        assert_eq!(r.benefit_direct, 1_000_000.0);
        assert_eq!(r.benefit_members, 1_000_000.0);
        assert_eq!(r.benefit_brand, 900_000.0);
        assert_eq!(r.benefit_total, 2_900_000.0);
        assert_eq!(r.roi, Some(1.9));
        assert_eq!(r.roas, Some(5.0));
        // Members and brand already cover the cost: break-even needs no sales at all.
        assert_eq!(r.breakeven_gmv, Some(0.0));
        assert_eq!(r.breakeven_roas, Some(5.0));
    }

    #[test]
    fn breakeven_gmv_when_sales_must_pay() {
        let c = Campaign {
            members: 0.0,
            impressions: 0.0,
            ..super_brand_day()
        };
        let r = evaluate(&c);
        assert_eq!(r.breakeven_gmv, Some(5_000_000.0));
        assert_eq!(r.roi, Some(0.0));
        let at_breakeven = evaluate(&Campaign {
            gmv: 5_000_000.0,
            ..c
        });
        assert_eq!(at_breakeven.net_profit, 0.0);
    }

    #[test]
    fn zero_cost_and_zero_margin_are_undefined_not_nan() {
        let r = evaluate(&Campaign {
            costs: vec![0.0],
            ..super_brand_day()
        });
        assert_eq!(r.roi, None);
        assert_eq!(r.roas, None);
        let r = evaluate(&Campaign {
            margin_pct: 0.0,
            members: 0.0,
            impressions: 0.0,
            ..super_brand_day()
        });
        assert_eq!(r.breakeven_gmv, None);
        assert_eq!(r.breakeven_roas, None);
        assert_eq!(r.roi, Some(-1.0));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn campaign() -> impl Strategy<Value = Campaign> {
        (
            prop::collection::vec(0f64..1e7, 1..6),
            0f64..1e8,
            0f64..=100.0,
            0f64..1e5,
            0f64..1e4,
            0f64..1e9,
            0f64..200.0,
        )
            .prop_map(|(costs, gmv, margin_pct, members, ltv, impressions, cpm)| {
                Campaign {
                    costs,
                    gmv,
                    margin_pct,
                    members,
                    ltv,
                    impressions,
                    cpm,
                }
            })
    }

    proptest! {
        #[test]
        fn roi_rises_with_gmv_and_falls_with_cost(c in campaign(), more in 1f64..1e6) {
            let base = evaluate(&c);
            let richer = evaluate(&Campaign { gmv: c.gmv + more, ..c.clone() });
            let mut dearer_costs = c.costs.clone();
            dearer_costs.push(more);
            let dearer = evaluate(&Campaign { costs: dearer_costs, ..c.clone() });
            if let (Some(a), Some(b), Some(d)) = (base.roi, richer.roi, dearer.roi) {
                prop_assert!(b >= a);
                prop_assert!(d < a || (a <= -1.0 + 1e-12 && d <= -1.0 + 1e-12) || base.benefit_total == 0.0);
            }
        }

        #[test]
        fn breakeven_gmv_gives_zero_profit(c in campaign()) {
            let r = evaluate(&c);
            if let Some(g) = r.breakeven_gmv {
                prop_assert!(g >= 0.0);
                let at = evaluate(&Campaign { gmv: g, ..c.clone() });
                if g > 0.0 {
                    prop_assert!(at.net_profit.abs() <= 1e-6 * r.cost_total.max(1.0));
                } else {
                    prop_assert!(at.net_profit >= -1e-6 * r.cost_total.max(1.0));
                }
            }
        }
    }
}
