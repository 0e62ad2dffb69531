//! Threshold promotions ("spend 200, save 30") and customer value (LTV and CAC).

/// A threshold discount, checked: amounts positive, shares as fractions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Promotion {
    pub aov: f64,
    pub margin: f64,
    /// Order value that unlocks the discount.
    pub threshold: f64,
    pub discount: f64,
    /// Share of orders that reach the threshold.
    pub share: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PromotionResult {
    /// Gross profit per order before the promotion.
    pub profit_per_order: f64,
    /// Average discount paid per order (share × discount).
    pub cost_per_order: f64,
    /// Discount as a share of the threshold: the deepest price cut a qualifying order gets.
    pub depth: f64,
    /// Extra orders (relative) needed for the promotion to pay for itself at the same
    /// order value; `None` when the discount eats the whole margin.
    pub orders_lift_needed: Option<f64>,
    /// Order value increase (relative) needed at the same number of orders.
    pub aov_lift_needed: f64,
}

impl Promotion {
    pub fn evaluate(&self) -> PromotionResult {
        let profit_per_order = self.aov * self.margin;
        let cost_per_order = self.share * self.discount;
        let left = profit_per_order - cost_per_order;
        PromotionResult {
            profit_per_order,
            cost_per_order,
            depth: self.discount / self.threshold,
            orders_lift_needed: (left > 0.0).then(|| profit_per_order / left - 1.0),
            aov_lift_needed: cost_per_order / (self.margin * self.aov),
        }
    }
}

/// Customer value, checked: ARPU per month and CAC non-negative, margin and monthly
/// churn as fractions, churn > 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CustomerValue {
    pub arpu: f64,
    pub margin: f64,
    pub churn: f64,
    pub cac: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CustomerValueResult {
    /// ARPU × margin / churn.
    pub ltv: f64,
    /// `None` when CAC is 0.
    pub ltv_to_cac: Option<f64>,
    /// Months of margin to earn back the CAC; `None` without margin.
    pub payback_months: Option<f64>,
    /// Expected lifetime in months, 1 / churn.
    pub lifetime_months: f64,
}

impl CustomerValue {
    pub fn evaluate(&self) -> CustomerValueResult {
        let monthly = self.arpu * self.margin;
        let ltv = monthly / self.churn;
        CustomerValueResult {
            ltv,
            ltv_to_cac: (self.cac > 0.0).then(|| ltv / self.cac),
            payback_months: (monthly > 0.0).then(|| self.cac / monthly),
            lifetime_months: 1.0 / self.churn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spend_200_save_30() {
        // Order value 180, margin 30 %, 40 % of orders reach 200 and save 30.
        let r = Promotion {
            aov: 180.0,
            margin: 0.3,
            threshold: 200.0,
            discount: 30.0,
            share: 0.4,
        }
        .evaluate();
        assert!((r.profit_per_order - 54.0).abs() < 1e-12);
        assert!((r.cost_per_order - 12.0).abs() < 1e-12);
        assert!((r.depth - 0.15).abs() < 1e-12);
        // 54 / 42 − 1 = 28.57 % more orders, or 12 / 54 = 22.2 % higher order value.
        assert!(r
            .orders_lift_needed
            .is_some_and(|l| (l - (54.0 / 42.0 - 1.0)).abs() < 1e-12));
        assert!((r.aov_lift_needed - 12.0 / 54.0).abs() < 1e-12);
        let hopeless = Promotion {
            share: 1.0,
            discount: 60.0,
            ..Promotion {
                aov: 180.0,
                margin: 0.3,
                threshold: 200.0,
                discount: 0.0,
                share: 0.0,
            }
        };
        assert_eq!(hopeless.evaluate().orders_lift_needed, None);
    }

    #[test]
    fn ltv_and_cac_follow_margin_over_churn() {
        let r = CustomerValue {
            arpu: 100.0,
            margin: 0.3,
            churn: 0.05,
            cac: 200.0,
        }
        .evaluate();
        assert!((r.ltv - 600.0).abs() < 1e-9);
        assert!(r.ltv_to_cac.is_some_and(|x| (x - 3.0).abs() < 1e-12));
        assert!(r
            .payback_months
            .is_some_and(|x| (x - 200.0 / 30.0).abs() < 1e-12));
        assert!((r.lifetime_months - 20.0).abs() < 1e-12);
        assert_eq!(
            CustomerValue {
                cac: 0.0,
                margin: 0.0,
                ..CustomerValue {
                    arpu: 1.0,
                    margin: 0.3,
                    churn: 0.1,
                    cac: 1.0
                }
            }
            .evaluate()
            .ltv_to_cac,
            None
        );
    }
}
