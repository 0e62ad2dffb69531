//! The conversion funnel: GMV = visitors × each stage's conversion × order value.

pub mod form;

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
    scenario(
        f,
        &Scenario {
            rates: vec![w],
            ..Scenario::default()
        },
    )
}

/// Several what-ifs at once: new rates for some stages, and optionally new traffic and
/// a new order value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    pub rates: Vec<WhatIf>,
    pub visitors: Option<f64>,
    pub aov: Option<f64>,
}

impl Funnel {
    /// The funnel with every what-if of `s` applied.
    pub fn apply(&self, s: &Scenario) -> Result<Funnel, FunnelError> {
        let mut f = self.clone();
        for w in &s.rates {
            f = f.with(*w)?;
        }
        if let Some(v) = s.visitors {
            f.visitors = v;
        }
        if let Some(a) = s.aov {
            f.aov = a;
        }
        Ok(f)
    }
}

/// GMV now and with all the what-ifs.
pub fn scenario(f: &Funnel, s: &Scenario) -> Result<WhatIfResult, FunnelError> {
    let now = f.evaluate()?;
    let after = f.apply(s)?.evaluate()?;
    let gmv_delta = after.gmv - now.gmv;
    let gmv_delta_rel = (now.gmv > 0.0).then(|| gmv_delta / now.gmv);
    Ok(WhatIfResult {
        now,
        after,
        gmv_delta,
        gmv_delta_rel,
    })
}

/// What one stage is worth improving.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Leverage {
    pub stage: usize,
    /// GMV gained by +1 percentage point at this stage (capped at 100 %).
    pub per_point: f64,
    /// GMV gained by +10 % relative at this stage (capped at 100 %).
    pub per_tenth: f64,
}

impl Leverage {
    /// The gain per point net of refunds, when a share `kept` of GMV is kept.
    pub fn per_point_net(&self, kept: f64) -> f64 {
        self.per_point * kept
    }
}

/// The share of GMV kept when `refund_pct` percent of it is refunded.
pub fn kept_after_refunds(refund_pct: f64) -> f64 {
    1.0 - refund_pct / 100.0
}

/// Every stage's leverage, largest gain per point first. Because GMV is a product, one
/// point is a larger relative change on a low-rate stage, so the weakest stage
/// usually gains most per point, while +10 % relative is worth the same at every stage
/// (until a rate hits 100 %).
pub fn leverage(f: &Funnel) -> Result<Vec<Leverage>, FunnelError> {
    let now = f.evaluate()?.gmv;
    let mut rows = f
        .rates
        .iter()
        .enumerate()
        .map(|(stage, &r)| {
            let gain = |to: f64| {
                f.with(WhatIf {
                    stage,
                    to: to.min(1.0),
                })
                .and_then(|g| g.evaluate())
                .map(|g| g.gmv - now)
            };
            Ok(Leverage {
                stage,
                per_point: gain(r + 0.01)?,
                per_tenth: gain(r * 1.1)?,
            })
        })
        .collect::<Result<Vec<_>, FunnelError>>()?;
    rows.sort_by(|a, b| b.per_point.total_cmp(&a.per_point));
    Ok(rows)
}

/// What it takes to reach a GMV target by changing one thing.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetNeeds {
    pub visitors: Option<f64>,
    pub aov: Option<f64>,
    /// Per stage: the rate needed (may exceed 1, which is impossible).
    pub rates: Vec<Option<f64>>,
}

/// The traffic, order value or any single stage's rate that would bring GMV to `target`,
/// the rest unchanged. `None` where the current value is zero (no multiple of zero helps).
pub fn solve_target(f: &Funnel, target: f64) -> Result<TargetNeeds, FunnelError> {
    let now = f.evaluate()?;
    let ratio = (now.gmv > 0.0).then(|| target / now.gmv);
    Ok(TargetNeeds {
        visitors: ratio.map(|k| f.visitors * k),
        aov: ratio.map(|k| f.aov * k),
        rates: f.rates.iter().map(|r| ratio.map(|k| r * k)).collect(),
    })
}

/// One factor's share of a GMV change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Factor {
    Traffic,
    Stage(usize),
    OrderValue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecompositionError {
    /// The funnels have different numbers of stages.
    StagesDiffer,
    /// A factor is zero in one period: its logarithm does not exist.
    ZeroFactor,
    NoStages,
}

/// Splits the GMV change from `before` to `after` exactly into traffic, each stage's
/// rate and order value, by the logarithmic mean Divisia index (LMDI-I): with
/// GMV = Π x_k, each part is L(GMV₁, GMV₀) · ln(x_k₁ / x_k₀), where L(a, b) =
/// (a − b) / (ln a − ln b). The parts add up to GMV₁ − GMV₀ with no residual.
pub fn decompose(
    before: &Funnel,
    after: &Funnel,
) -> Result<Vec<(Factor, f64)>, DecompositionError> {
    if before.rates.is_empty() {
        return Err(DecompositionError::NoStages);
    }
    if before.rates.len() != after.rates.len() {
        return Err(DecompositionError::StagesDiffer);
    }
    let mut factors = vec![(Factor::Traffic, before.visitors, after.visitors)];
    factors.extend(
        before
            .rates
            .iter()
            .zip(&after.rates)
            .enumerate()
            .map(|(i, (a, b))| (Factor::Stage(i), *a, *b)),
    );
    factors.push((Factor::OrderValue, before.aov, after.aov));
    if factors.iter().any(|(_, a, b)| *a <= 0.0 || *b <= 0.0) {
        return Err(DecompositionError::ZeroFactor);
    }
    let g0: f64 = factors.iter().map(|(_, a, _)| a).product();
    let g1: f64 = factors.iter().map(|(_, _, b)| b).product();
    let weight = if (g1 - g0).abs() <= 1e-15 * g0.abs() {
        g0
    } else {
        (g1 - g0) / (g1.ln() - g0.ln())
    };
    Ok(factors
        .into_iter()
        .map(|(f, a, b)| (f, weight * (b / a).ln()))
        .collect())
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
    fn the_classic_shop_makes_1750_orders_and_262500_of_gmv() {
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
    fn several_what_ifs_at_once() {
        let s = Scenario {
            rates: vec![WhatIf { stage: 1, to: 0.3 }, WhatIf { stage: 3, to: 0.8 }],
            visitors: Some(60_000.0),
            aov: None,
        };
        let r = scenario(&shop(), &s).expect("scenario");
        assert!((r.after.orders - 60_000.0 * 0.4 * 0.3 * 0.5 * 0.8).abs() < 1e-9);
        assert!(scenario(
            &shop(),
            &Scenario {
                rates: vec![WhatIf { stage: 9, to: 0.1 }],
                ..Scenario::default()
            }
        )
        .is_err());
    }

    #[test]
    fn refunds_scale_the_leverage_and_the_target_down() {
        let kept = kept_after_refunds(10.0);
        assert!((kept - 0.9).abs() < 1e-15);
        let rows = leverage(&shop()).expect("valid funnel");
        let top = rows.first().expect("four stages");
        // Add to cart 25 % → 26 %: +10,500 of GMV, of which 90 % is kept.
        assert!((top.per_point_net(kept) - 9_450.0).abs() < 1e-6);
    }

    #[test]
    fn weakest_stage_wins_per_point() {
        let rows = leverage(&shop()).expect("leverage");
        // Add to cart (25 %) is the weakest stage, so a point there is worth most.
        assert_eq!(rows.first().map(|r| r.stage), Some(1));
        // +10 % relative is worth the same 10 % of GMV at every stage.
        assert!(rows.iter().all(|r| (r.per_tenth - 26_250.0).abs() < 1e-6));
        assert!((rows[0].per_point - 262_500.0 * (0.26 / 0.25 - 1.0)).abs() < 1e-6);
    }

    #[test]
    fn target_solving_round_trips() {
        let needs = solve_target(&shop(), 315_000.0).expect("solve");
        assert!(needs.visitors.is_some_and(|v| (v - 60_000.0).abs() < 1e-6));
        assert!(needs.aov.is_some_and(|a| (a - 180.0).abs() < 1e-9));
        let cart = needs.rates[1].expect("rate");
        assert!((cart - 0.3).abs() < 1e-12);
        let reached = shop()
            .with(WhatIf { stage: 1, to: cart })
            .and_then(|f| f.evaluate())
            .map(|r| r.gmv);
        assert!(reached.is_ok_and(|g| (g - 315_000.0).abs() < 1e-6));
        // Tripling GMV through the pay stage alone would need 210 %: impossible.
        let hard = solve_target(&shop(), 787_500.0).expect("solve");
        assert!(hard.rates[3].is_some_and(|r| r > 1.0));
    }

    #[test]
    fn sales_up_half_while_pay_conversion_fell() {
        // Traffic doubled and order value rose, but pay conversion fell from 8 % to 5 %.
        let before = Funnel {
            visitors: 100_000.0,
            rates: vec![0.3, 0.08],
            aov: 100.0,
        };
        let after = Funnel {
            visitors: 200_000.0,
            rates: vec![0.3, 0.05],
            aov: 120.0,
        };
        let parts = decompose(&before, &after).expect("decompose");
        let total: f64 = parts.iter().map(|(_, v)| v).sum();
        let (g0, g1) = (240_000.0, 360_000.0);
        assert!((total - (g1 - g0)).abs() < 1e-9 * g1);
        let pay = parts
            .iter()
            .find(|(f, _)| *f == Factor::Stage(1))
            .map(|p| p.1)
            .expect("pay");
        let traffic = parts
            .iter()
            .find(|(f, _)| *f == Factor::Traffic)
            .map(|p| p.1)
            .expect("traffic");
        assert!(pay < 0.0 && traffic > 0.0 && traffic > -pay);
        assert_eq!(
            parts
                .iter()
                .find(|(f, _)| *f == Factor::Stage(0))
                .map(|p| p.1),
            Some(0.0)
        );
        assert_eq!(
            decompose(
                &before,
                &Funnel {
                    rates: vec![0.3],
                    ..after.clone()
                }
            ),
            Err(DecompositionError::StagesDiffer)
        );
        assert_eq!(
            decompose(
                &before,
                &Funnel {
                    visitors: 0.0,
                    ..after
                }
            ),
            Err(DecompositionError::ZeroFactor)
        );
    }

    #[test]
    fn invalid_funnels_are_refused() {
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
        fn decomposition_sums_to_the_change(v0 in 1f64..1e7, v1 in 1f64..1e7, a0 in 0.01f64..1e4, a1 in 0.01f64..1e4,
                                           rates in prop::collection::vec((0.001f64..=1.0, 0.001f64..=1.0), 1..7)) {
            let before = Funnel { visitors: v0, rates: rates.iter().map(|r| r.0).collect(), aov: a0 };
            let after = Funnel { visitors: v1, rates: rates.iter().map(|r| r.1).collect(), aov: a1 };
            let (g0, g1) = (before.evaluate().map(|r| r.gmv).unwrap_or(f64::NAN), after.evaluate().map(|r| r.gmv).unwrap_or(f64::NAN));
            let parts = decompose(&before, &after);
            prop_assert!(parts.is_ok());
            let total: f64 = parts.map(|p| p.iter().map(|(_, v)| v).sum()).unwrap_or(f64::NAN);
            prop_assert!((total - (g1 - g0)).abs() <= 1e-9 * g0.abs().max(g1.abs()), "{} vs {}", total, g1 - g0);
        }

        #[test]
        fn target_solving_round_trips(visitors in 1f64..1e7, rates in prop::collection::vec(0.01f64..=1.0, 1..6),
                                      aov in 1f64..1e4, k in 0.1f64..3.0, pick in 0usize..6) {
            let f = Funnel { visitors, rates, aov };
            let now = f.evaluate().map(|r| r.gmv).unwrap_or(f64::NAN);
            let target = now * k;
            let needs = solve_target(&f, target);
            prop_assert!(needs.is_ok());
            let needs = needs.unwrap_or(TargetNeeds { visitors: None, aov: None, rates: vec![] });
            let stage = pick % f.rates.len();
            if let Some(Some(r)) = needs.rates.get(stage) {
                let g = f.with(WhatIf { stage, to: *r }).and_then(|x| x.evaluate()).map(|x| x.gmv).unwrap_or(f64::NAN);
                prop_assert!((g - target).abs() <= 1e-9 * target.abs().max(1.0));
            }
            let v = needs.visitors.unwrap_or(f64::NAN);
            let g = Funnel { visitors: v, ..f.clone() }.evaluate().map(|x| x.gmv).unwrap_or(f64::NAN);
            prop_assert!((g - target).abs() <= 1e-9 * target.abs().max(1.0));
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
