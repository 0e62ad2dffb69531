//! A threshold promotion (满减) and customer value (LTV from ARPU, margin and churn).

use super::*;
use crate::model::input::{parse_bounded, Bounds};
use crate::model::query::Values;
use crate::model::roi::promo::{CustomerValue, Promotion};

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
