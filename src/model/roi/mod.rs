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
    /// Share of GMV refunded, % (0 ≤ refund < 100).
    pub refund_pct: f64,
    /// Platform commission and payment fees, % of net GMV.
    pub fee_pct: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoiResult {
    pub cost_total: f64,
    /// GMV after refunds.
    pub net_gmv: f64,
    /// Net GMV × (gross margin − fees): refunded goods come back, so their margin is
    /// lost, not their cost.
    pub benefit_direct: f64,
    /// New members × lifetime value.
    pub benefit_members: f64,
    /// Impressions / 1000 × CPM.
    pub benefit_brand: f64,
    pub benefit_total: f64,
    pub net_profit: f64,
    /// `None` when the total cost is 0: a ratio to nothing is undefined.
    pub roi: Option<f64>,
    /// GMV / cost: the 投产比 ad platforms report, before refunds.
    pub roas: Option<f64>,
    /// Net GMV / cost.
    pub net_roas: Option<f64>,
    /// Cost / net GMV: 营销占比.
    pub spend_share: Option<f64>,
    /// The GMV at which ROI is 0 with the other benefits unchanged, never below 0;
    /// `None` when the margin is 0 and the other benefits do not cover the cost.
    pub breakeven_gmv: Option<f64>,
    /// 1 / ((1 − refund) × (margin − fee)): the 投产比 at which the direct margin
    /// alone pays the cost (保本投产比); `None` when fees take the whole margin.
    pub breakeven_roas: Option<f64>,
    /// Total cost / new members; `None` without new members.
    pub cost_per_member: Option<f64>,
}

pub fn evaluate(c: &Campaign) -> RoiResult {
    let cost_total: f64 = c.costs.iter().sum();
    // Multiplying before dividing keeps typed values exact (5,000,000 × 20 / 100);
    // with no refunds and no fees the factors are exactly 1 and the margin itself.
    let kept = 1.0 - c.refund_pct / 100.0;
    let net_gmv = c.gmv * kept;
    let margin_left = c.margin_pct - c.fee_pct;
    let benefit_direct = net_gmv * margin_left / 100.0;
    let benefit_members = c.members * c.ltv;
    let benefit_brand = c.impressions * c.cpm / 1000.0;
    let benefit_total = benefit_direct + benefit_members + benefit_brand;
    let net_profit = benefit_total - cost_total;
    let positive_cost = (cost_total > 0.0).then_some(cost_total);
    let other = benefit_members + benefit_brand;
    let breakeven_gmv = if other >= cost_total {
        Some(0.0)
    } else if margin_left > 0.0 && kept > 0.0 {
        Some((cost_total - other) * 100.0 / margin_left / kept)
    } else {
        None
    };
    RoiResult {
        cost_total,
        net_gmv,
        benefit_direct,
        benefit_members,
        benefit_brand,
        benefit_total,
        net_profit,
        roi: positive_cost.map(|k| net_profit / k),
        roas: positive_cost.map(|k| c.gmv / k),
        net_roas: positive_cost.map(|k| net_gmv / k),
        spend_share: (net_gmv > 0.0).then(|| cost_total / net_gmv),
        breakeven_gmv,
        breakeven_roas: (margin_left > 0.0 && kept > 0.0).then(|| 100.0 / margin_left / kept),
        cost_per_member: (c.members > 0.0).then(|| cost_total / c.members),
    }
}

/// What the margin on sales (the only benefit realised in the period) does on its
/// own, beside the estimated value of members and exposure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Realised {
    /// No estimated benefit: the ROI is all margin on sales.
    Only,
    /// The margin on sales covers the cost by more than the break-even band.
    Covers,
    /// The margin on sales is within ±2 % of the cost: any profit rests on the
    /// estimates.
    AboutCovers,
    /// The margin on sales falls short of the cost: only the estimates make it pay.
    FallsShort,
}

/// What the answer may say about a campaign: the ROI's sign on every benefit, what
/// the margin on sales does alone, and whether the Monte Carlo's chance of paying
/// off is too low to call it (`uncertain`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    pub realised: Realised,
    pub uncertain: bool,
}

/// Below this chance of ROI > 0 across the input ranges the page does not say the
/// campaign pays: one draw in five or more loses money.
pub const CONFIDENT_CHANCE: f64 = 0.8;

impl RoiResult {
    /// Estimated benefits: members' lifetime value and exposure priced at a CPM.
    pub fn benefit_estimated(&self) -> f64 {
        self.benefit_members + self.benefit_brand
    }

    /// The margin on sales minus the cost: what the period realised.
    pub fn realised_profit(&self) -> f64 {
        self.benefit_direct - self.cost_total
    }

    /// The verdict with the Monte Carlo's chance of ROI > 0 when it has run; `None`
    /// when the ROI is undefined.
    pub fn verdict(&self, chance_positive: Option<f64>) -> Option<Verdict> {
        let outcome = self.outcome()?;
        let realised = if self.benefit_estimated() == 0.0 {
            Realised::Only
        } else {
            let r = self.realised_profit() / self.cost_total;
            if r > NEAR_BREAK_EVEN {
                Realised::Covers
            } else if r >= -NEAR_BREAK_EVEN {
                Realised::AboutCovers
            } else {
                Realised::FallsShort
            }
        };
        // Uncertain when the draws do not back the likely value's sign four times in five.
        let uncertain = chance_positive.is_some_and(|c| match outcome {
            Outcome::Loses => c > 1.0 - CONFIDENT_CHANCE,
            _ => c < CONFIDENT_CHANCE,
        });
        Some(Verdict {
            outcome,
            realised,
            uncertain,
        })
    }
}

/// How far from break-even an ROI may sit before the page says the campaign pays or
/// loses: within ±2 % a small error in any input (a refund rate off by a point, a
/// margin rounded) can flip the sign, so the answer says it is too close to call.
pub const NEAR_BREAK_EVEN: f64 = 0.02;

/// What the one-sentence answer may claim about a campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// ROI above +2 %.
    Pays,
    /// ROI below −2 %.
    Loses,
    /// ROI within ±2 % but not 0: too close to say either way.
    NearBreakEven,
    /// Benefits exactly equal to the cost.
    BreaksEven,
}

impl RoiResult {
    /// `None` when the ROI is undefined (no cost).
    pub fn outcome(&self) -> Option<Outcome> {
        let roi = self.roi?;
        Some(if self.net_profit == 0.0 {
            Outcome::BreaksEven
        } else if roi > NEAR_BREAK_EVEN {
            Outcome::Pays
        } else if roi < -NEAR_BREAK_EVEN {
            Outcome::Loses
        } else {
            Outcome::NearBreakEven
        })
    }
}

/// For a target marketing-spend share (营销占比) `target` (a fraction): the lowest
/// acceptable 投产比 `1 / (target × (1 − refund))` and the spend the campaign's net
/// GMV affords.
pub fn target_spend(net_gmv: f64, refund_pct: f64, target: f64) -> (f64, f64) {
    (
        1.0 / (target * (1.0 - refund_pct / 100.0)),
        net_gmv * target,
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_worksheet_case_is_reproduced() {
        // Cost 10, GMV 130, refunds 40 %, margin 30 %, target share 16 %.
        let c = Campaign {
            costs: vec![10.0],
            gmv: 130.0,
            margin_pct: 30.0,
            members: 0.0,
            ltv: 0.0,
            impressions: 0.0,
            cpm: 0.0,
            refund_pct: 40.0,
            fee_pct: 0.0,
        };
        let r = evaluate(&c);
        let near = |a: Option<f64>, b: f64, tol: f64| a.is_some_and(|a| (a - b).abs() < tol);
        assert!(near(r.roas, 13.0, 1e-12));
        assert!(near(Some(r.net_gmv), 78.0, 1e-12));
        assert!(near(r.spend_share, 0.1282, 1e-4));
        let (min_roas, max_spend) = target_spend(r.net_gmv, 40.0, 0.16);
        assert!(near(Some(min_roas), 10.42, 1e-2));
        assert!(near(Some(max_spend), 12.48, 1e-12));
        assert!(near(r.breakeven_roas, 5.56, 1e-2));
        // The super brand day is unchanged with no refunds and no fees.
        let s = evaluate(&super_brand_day());
        assert_eq!(s.roi, Some(1.9));
        assert_eq!(s.benefit_direct, 1_000_000.0);
        assert_eq!(s.breakeven_roas, Some(5.0));
        assert_eq!(s.net_roas, s.roas);
        // Fees that take the whole margin leave no break-even 投产比.
        assert_eq!(
            evaluate(&Campaign {
                fee_pct: 30.0,
                ..c.clone()
            })
            .breakeven_roas,
            None
        );
    }

    #[test]
    fn the_answer_claims_a_profit_only_clear_of_break_even() {
        // The preset's cost is 1,000,000 at a 20 % margin; without its members and
        // brand exposure, GMV 5,000,000 breaks even exactly.
        let bare = |gmv: f64| {
            evaluate(&Campaign {
                gmv,
                members: 0.0,
                impressions: 0.0,
                ..super_brand_day()
            })
            .outcome()
        };
        assert_eq!(bare(5_000_000.0), Some(Outcome::BreaksEven));
        assert_eq!(bare(5_050_000.0), Some(Outcome::NearBreakEven)); // ROI +1 %
        assert_eq!(bare(4_950_000.0), Some(Outcome::NearBreakEven)); // ROI −1 %
        assert_eq!(bare(5_150_000.0), Some(Outcome::Pays)); // ROI +3 %
        assert_eq!(bare(4_850_000.0), Some(Outcome::Loses)); // ROI −3 %
        assert_eq!(evaluate(&super_brand_day()).outcome(), Some(Outcome::Pays));
        let free = evaluate(&Campaign {
            costs: vec![0.0],
            ..super_brand_day()
        });
        assert_eq!(free.outcome(), None);
    }

    #[test]
    fn cost_per_member_is_absent_without_members() {
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
            refund_pct: 0.0,
            fee_pct: 0.0,
        }
    }

    #[test]
    fn the_verdict_tells_the_realised_margin_from_the_estimates() {
        // The super brand day: the margin on sales exactly covers the cost.
        let v = evaluate(&super_brand_day()).verdict(None).unwrap();
        assert_eq!(
            (v.outcome, v.realised, v.uncertain),
            (Outcome::Pays, Realised::AboutCovers, false)
        );
        // 618: sales margin 720,000 against 1,200,000 of cost, ROI +1.67 % on estimates,
        // and the Monte Carlo's 45.6 % chance of paying off.
        let six_eighteen = Campaign {
            costs: vec![800_000.0, 300_000.0, 100_000.0],
            gmv: 6_000_000.0,
            margin_pct: 12.0,
            members: 2_000.0,
            ltv: 150.0,
            impressions: 10_000_000.0,
            cpm: 20.0,
            refund_pct: 0.0,
            fee_pct: 0.0,
        };
        let r = evaluate(&six_eighteen);
        assert!((r.realised_profit() + 480_000.0).abs() < 1e-6);
        let v = r.verdict(Some(0.456)).unwrap();
        assert_eq!(
            (v.outcome, v.realised, v.uncertain),
            (Outcome::NearBreakEven, Realised::FallsShort, true)
        );
        // KOL: ROI +63 % only with members and exposure (sales margin 315,000 < 380,000).
        let kol = Campaign {
            costs: vec![300_000.0, 80_000.0],
            gmv: 900_000.0,
            margin_pct: 35.0,
            members: 1_500.0,
            ltv: 120.0,
            impressions: 5_000_000.0,
            cpm: 25.0,
            refund_pct: 0.0,
            fee_pct: 0.0,
        };
        let v = evaluate(&kol).verdict(Some(0.93)).unwrap();
        assert_eq!(
            (v.outcome, v.realised, v.uncertain),
            (Outcome::Pays, Realised::FallsShort, false)
        );
        assert!(evaluate(&kol).verdict(Some(0.79)).unwrap().uncertain);
        // Sales alone: no estimates to tell apart; a clear loss stays a loss unless
        // the draws often pay.
        let bare = |gmv: f64| Campaign {
            gmv,
            members: 0.0,
            impressions: 0.0,
            ..super_brand_day()
        };
        let v = evaluate(&bare(7_000_000.0)).verdict(Some(0.99)).unwrap();
        assert_eq!(
            (v.outcome, v.realised, v.uncertain),
            (Outcome::Pays, Realised::Only, false)
        );
        let v = evaluate(&bare(4_000_000.0)).verdict(Some(0.1)).unwrap();
        assert_eq!((v.outcome, v.uncertain), (Outcome::Loses, false));
        assert!(
            evaluate(&bare(4_000_000.0))
                .verdict(Some(0.3))
                .unwrap()
                .uncertain
        );
        let covers = Campaign {
            gmv: 7_000_000.0,
            ..super_brand_day()
        };
        assert_eq!(
            evaluate(&covers).verdict(None).unwrap().realised,
            Realised::Covers
        );
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
                    refund_pct: 0.0,
                    fee_pct: 0.0,
                }
            })
    }

    proptest! {
        #[test]
        fn more_refunds_never_raise_roi(c in campaign(), r1 in 0f64..99.0, more in 0f64..50.0, fee in 0f64..=100.0) {
            let fee_pct = fee.min(c.margin_pct);
            let r2 = (r1 + more).min(99.9);
            let a = evaluate(&Campaign { refund_pct: r1, fee_pct, ..c.clone() });
            let b = evaluate(&Campaign { refund_pct: r2, fee_pct, ..c.clone() });
            let (Some(x), Some(y)) = (a.roi, b.roi) else { return Err(TestCaseError::reject("no ROI without a cost")) };
            prop_assert!(y <= x + 1e-12 * x.abs().max(1.0), "{} then {}", x, y);
        }

        #[test]
        fn breakeven_roas_is_where_direct_profit_is_zero(c in campaign(), refund in 0f64..95.0, fee in 0f64..100.0) {
            let c = Campaign { refund_pct: refund, fee_pct: fee.min(c.margin_pct * 0.99), ..c };
            let r = evaluate(&c);
            let Some(b) = r.breakeven_roas else { return Err(TestCaseError::reject("no break-even ROAS")) };
            let cost = r.cost_total;
            prop_assume!(cost > 0.0);
            let at = evaluate(&Campaign { gmv: b * cost, ..c.clone() });
            prop_assert!((at.benefit_direct - cost).abs() <= 1e-9 * cost, "{} vs {}", at.benefit_direct, cost);
        }

        #[test]
        fn roi_rises_with_gmv_and_falls_with_cost(c in campaign(), more in 1f64..1e6) {
            let base = evaluate(&c);
            let richer = evaluate(&Campaign { gmv: c.gmv + more, ..c.clone() });
            let mut dearer_costs = c.costs.clone();
            dearer_costs.push(more);
            let dearer = evaluate(&Campaign { costs: dearer_costs, ..c.clone() });
            let (Some(a), Some(b), Some(d)) = (base.roi, richer.roi, dearer.roi) else {
                return Err(TestCaseError::reject("no ROI without a cost"));
            };
            prop_assert!(b >= a);
            prop_assert!(d < a || (a <= -1.0 + 1e-12 && d <= -1.0 + 1e-12) || base.benefit_total == 0.0);
        }

        #[test]
        fn breakeven_gmv_gives_zero_profit(c in campaign()) {
            let r = evaluate(&c);
            let Some(g) = r.breakeven_gmv else { return Err(TestCaseError::reject("no break-even GMV")) };
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
