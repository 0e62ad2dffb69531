//! The conversion funnel: GMV = visitors × each stage's conversion × order value.

/// Checked inputs: `rates` are fractions in [0, 1], one per stage after the entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Funnel {
    pub visitors: f64,
    pub rates: Vec<f64>,
    pub aov: f64,
}

/// A what-if: stage `stage` (0-based) converts at `to` instead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WhatIf {
    pub stage: usize,
    pub to: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunnelError {
    NoStages,
    StageOutOfRange { stages: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FunnelResult {
    /// People reaching each stage, entry first (`rates.len() + 1` values).
    pub people: Vec<f64>,
    pub overall_rate: f64,
    pub orders: f64,
    pub gmv: f64,
}

impl Funnel {
    pub fn evaluate(&self) -> Result<FunnelResult, FunnelError> {
        if self.rates.is_empty() {
            return Err(FunnelError::NoStages);
        }
        let mut people = Vec::with_capacity(self.rates.len() + 1);
        people.push(self.visitors);
        let mut reached = self.visitors;
        for r in &self.rates {
            reached *= r;
            people.push(reached);
        }
        let overall_rate = self.rates.iter().product();
        Ok(FunnelResult {
            people,
            overall_rate,
            orders: reached,
            gmv: reached * self.aov,
        })
    }

    /// The same funnel with one stage's rate replaced.
    pub fn with(&self, w: WhatIf) -> Result<Funnel, FunnelError> {
        let mut f = self.clone();
        let stages = f.rates.len();
        let slot = f
            .rates
            .get_mut(w.stage)
            .ok_or(FunnelError::StageOutOfRange { stages })?;
        *slot = w.to;
        Ok(f)
    }
}

/// GMV now and under the what-if, and the change.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIfResult {
    pub now: FunnelResult,
    pub after: FunnelResult,
    pub gmv_delta: f64,
    /// Delta / GMV now; `None` when GMV now is 0.
    pub gmv_delta_rel: Option<f64>,
}

pub fn what_if(f: &Funnel, w: WhatIf) -> Result<WhatIfResult, FunnelError> {
    let now = f.evaluate()?;
    let after = f.with(w)?.evaluate()?;
    let gmv_delta = after.gmv - now.gmv;
    let gmv_delta_rel = (now.gmv > 0.0).then(|| gmv_delta / now.gmv);
    Ok(WhatIfResult {
        now,
        after,
        gmv_delta,
        gmv_delta_rel,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> Funnel {
        Funnel {
            visitors: 50_000.0,
            rates: vec![0.4, 0.25, 0.5, 0.7],
            aov: 150.0,
        }
    }

    #[test]
    fn classic_shop() {
        let r = shop().evaluate();
        let r = r.as_ref().map(|r| (r.orders, r.gmv, r.people.len()));
        assert_eq!(r, Ok((1750.0, 262_500.0, 5)));
    }

    #[test]
    fn what_if_add_to_cart_from_25_to_30() {
        let r = what_if(&shop(), WhatIf { stage: 1, to: 0.3 });
        let r = r.map(|r| (r.after.orders, r.gmv_delta, r.gmv_delta_rel));
        let (orders, delta, rel) = r.unwrap_or_default();
        assert!((orders - 2100.0).abs() < 1e-9);
        assert!((delta - 52_500.0).abs() < 1e-6);
        assert!(rel.is_some_and(|x| (x - 0.2).abs() < 1e-12));
    }

    #[test]
    fn errors() {
        assert_eq!(
            Funnel {
                rates: vec![],
                ..shop()
            }
            .evaluate(),
            Err(FunnelError::NoStages)
        );
        assert_eq!(
            what_if(&shop(), WhatIf { stage: 4, to: 0.5 }).err(),
            Some(FunnelError::StageOutOfRange { stages: 4 })
        );
        let zero = Funnel {
            visitors: 0.0,
            ..shop()
        };
        assert_eq!(
            what_if(&zero, WhatIf { stage: 0, to: 0.5 }).map(|r| r.gmv_delta_rel),
            Ok(None)
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn gmv_is_linear_in_each_rate(visitors in 0f64..1e8, rates in prop::collection::vec(0f64..=1.0, 1..8),
                                      aov in 0f64..1e4, pick in 0usize..8, k in 0f64..=1.0) {
            let f = Funnel { visitors, rates, aov };
            let stage = pick % f.rates.len();
            let g = |r: f64| f.with(WhatIf { stage, to: r }).and_then(|x| x.evaluate()).map(|x| x.gmv).unwrap_or(f64::NAN);
            let (g0, g1, gk) = (g(0.0), g(1.0), g(k));
            prop_assert!(g0 == 0.0);
            prop_assert!((gk - k * g1).abs() <= 1e-9 * g1.abs().max(1.0));
        }

        #[test]
        fn no_stage_exceeds_the_one_before(visitors in 0f64..1e8, rates in prop::collection::vec(0f64..=1.0, 1..8)) {
            let r = Funnel { visitors, rates, aov: 1.0 }.evaluate();
            prop_assert!(r.is_ok());
            if let Ok(r) = r {
                prop_assert!(r.people.windows(2).all(|w| matches!(w, [a, b] if b <= a)));
            }
        }
    }
}
