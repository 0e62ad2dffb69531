//! A/B test design: sample size per arm and test duration.
//!
//! The formulas, their names and the rounding are fixed by the link contract
//! (`#/design`); each binary method is the one a well-known tool uses, which is
//! why public calculators disagree on the same inputs.

use super::dunnett;
use super::stats::{normal_cdf, z_quantile};

pub mod form;
pub mod plan;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Both arms' own variances: welpo, Spotify's confidence.
    Unpooled,
    /// Null variance from the baseline only: Evan Miller's calculator.
    Baseline,
    /// Null variance from the pooled rate: R `power.prop.test`.
    Pooled,
    /// Cohen's h, arcsine transform: R `pwr`, statsmodels.
    Arcsine,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Unpooled,
        Method::Baseline,
        Method::Pooled,
        Method::Arcsine,
    ];
    pub const CHOICES: [(&'static str, Method); 4] = [
        ("unpooled", Method::Unpooled),
        ("baseline", Method::Baseline),
        ("pooled", Method::Pooled),
        ("arcsine", Method::Arcsine),
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Correction {
    None,
    Bonferroni,
    Sidak,
    /// The many-to-one critical value (`model::dunnett`), exact for the arms' sizes.
    Dunnett,
}

/// What the test is to show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hypothesis {
    /// That the treatment differs from control (or is better, one-sided).
    Superiority,
    /// That the treatment is not worse than control by more than `margin` (absolute:
    /// a rate difference or metric units); one-sided.
    NonInferiority { margin: f64 },
    /// That the two differ by less than `margin`: two one-sided tests.
    Equivalence { margin: f64 },
}

impl Correction {
    pub const CHOICES: [(&'static str, Correction); 4] = [
        ("none", Correction::None),
        ("bonferroni", Correction::Bonferroni),
        ("sidak", Correction::Sidak),
        ("dunnett", Correction::Dunnett),
    ];

    /// The per-comparison alpha that keeps the family-wise rate at `alpha` over `k` comparisons.
    pub fn per_comparison_alpha(self, alpha: f64, k: u32) -> f64 {
        let k = f64::from(k.max(1));
        match self {
            Correction::None => alpha,
            Correction::Bonferroni => alpha / k,
            // Dunnett's depends on the arms' sizes too: `Design::z_values` computes it.
            Correction::Sidak | Correction::Dunnett => 1.0 - (1.0 - alpha).powf(1.0 / k),
        }
    }
}

/// What is being compared.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Metric {
    /// A conversion rate: the baseline and the rate to detect, fractions in (0, 1).
    Binary { p1: f64, p2: f64, method: Method },
    /// A mean: the baseline mean (for relative effects), the standard deviation and
    /// the absolute difference to detect.
    Continuous { mean: f64, sd: f64, delta: f64 },
}

/// Checked design inputs; alpha and power are fractions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Design {
    pub metric: Metric,
    pub alpha: f64,
    pub power: f64,
    pub two_sided: bool,
    pub arms: u32,
    pub correction: Correction,
    /// Each treatment arm's size relative to control.
    pub ratio: f64,
    /// What the test shows: a difference, or no worse / no different by a margin.
    pub hypothesis: Hypothesis,
    /// `1 − ρ²` with CUPED (the pre-period metric's correlation ρ); 1 without.
    pub variance_factor: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DesignError {
    /// Baseline plus effect leaves (0, 1).
    RateOutOfRange,
    /// No effect up to a rate of 100 % is detectable with this many units.
    NotDetectable,
    ZeroEffect,
    PowerNotAboveAlpha,
    /// The sizes exceed what can be counted (an effect far too small to detect).
    TooLarge,
    /// Non-inferiority with `expected + margin ≤ 0`, or equivalence with
    /// `|expected| ≥ margin`: no sample can show it.
    MarginTooSmall,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    /// Control's size before rounding.
    pub raw: f64,
    pub alpha_used: f64,
    pub z_alpha: f64,
    pub z_beta: f64,
    pub n_control: u64,
    /// Each treatment arm.
    pub n_treatment: u64,
    pub n_total: u64,
}

/// Largest size reported; beyond it no shop could run the test anyway.
pub const MAX_N: f64 = 1e15;

/// Rounds up, treating a value within 1e-9 (relative) above an integer as that
/// integer, so floating-point noise in the last digit never adds a unit.
pub fn ceil_clean(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-9 * x.abs().max(1.0) {
        r
    } else {
        x.ceil()
    }
}

impl Design {
    /// The usual two-group test of conversion rates `p1` → `p2` (fractions): the
    /// unpooled z-test, 5 % two-sided, 80 % power, equal groups, no correction, no
    /// margin, no CUPED: what the funnel's experiment table and the exercises size.
    pub fn two_rates(p1: f64, p2: f64) -> Design {
        Design {
            metric: Metric::Binary {
                p1,
                p2,
                method: Method::Unpooled,
            },
            alpha: 0.05,
            power: 0.8,
            two_sided: true,
            arms: 2,
            correction: Correction::None,
            ratio: 1.0,
            hypothesis: Hypothesis::Superiority,
            variance_factor: 1.0,
        }
    }

    pub fn z_values(&self) -> (f64, f64, f64) {
        let k = self.arms.saturating_sub(1);
        // Non-inferiority and equivalence are one-sided tests at alpha.
        let two_sided = self.two_sided && self.hypothesis == Hypothesis::Superiority;
        let (a, z_alpha) = if self.correction == Correction::Dunnett && k >= 1 {
            let load = (self.ratio / (1.0 + self.ratio)).sqrt();
            let c = dunnett::critical_value(&vec![load; k as usize], self.alpha, two_sided);
            (dunnett::alpha_of(c, two_sided), c)
        } else {
            let a = self.correction.per_comparison_alpha(self.alpha, k);
            (
                a,
                z_quantile(if two_sided { 1.0 - a / 2.0 } else { 1.0 - a }),
            )
        };
        let z_beta = match self.hypothesis {
            // Both one-sided tests must succeed: each gets half the miss rate.
            Hypothesis::Equivalence { .. } => z_quantile(1.0 - (1.0 - self.power) / 2.0),
            _ => z_quantile(self.power),
        };
        (a, z_alpha, z_beta)
    }

    /// Every formula of the contract has the form `n = (z_a·A + z_b·B)² / D`: `A` is the
    /// standard deviation under no effect, `B` under the effect, `D` the squared effect
    /// (on the arcsine scale for `arcsine`). Sizes and power both come from these terms,
    /// so one inverts the other exactly.
    pub fn terms(&self) -> Result<(f64, f64, f64), DesignError> {
        let r = self.ratio;
        if let Hypothesis::NonInferiority { margin } | Hypothesis::Equivalence { margin } =
            self.hypothesis
        {
            // Chow, Shao & Wang: the variance at the assumed true difference, and the
            // distance from it to the margin.
            let v = self.margin_variance()?;
            let expected = self.effect();
            let distance = match self.hypothesis {
                Hypothesis::NonInferiority { .. } => expected + margin,
                _ => margin - expected.abs(),
            };
            if distance.is_nan() || distance <= 0.0 {
                return Err(DesignError::MarginTooSmall);
            }
            return Ok((v.sqrt(), v.sqrt(), distance * distance));
        }
        match self.metric {
            Metric::Binary { p1, p2, method } => {
                if !(p2 > 0.0 && p2 < 1.0) {
                    return Err(DesignError::RateOutOfRange);
                }
                let delta = p2 - p1;
                if delta == 0.0 {
                    return Err(DesignError::ZeroEffect);
                }
                let (q1, q2) = (1.0 - p1, 1.0 - p2);
                let alt = (p1 * q1 + p2 * q2 / r).sqrt();
                Ok(match method {
                    Method::Unpooled => (alt, alt, delta * delta),
                    Method::Baseline => ((p1 * q1 * (1.0 + 1.0 / r)).sqrt(), alt, delta * delta),
                    Method::Pooled => {
                        let pbar = (p1 + r * p2) / (1.0 + r);
                        (
                            (pbar * (1.0 - pbar) * (1.0 + 1.0 / r)).sqrt(),
                            alt,
                            delta * delta,
                        )
                    }
                    Method::Arcsine => {
                        let h = 2.0 * p2.sqrt().asin() - 2.0 * p1.sqrt().asin();
                        let s = (1.0 + 1.0 / r).sqrt();
                        (s, s, h * h)
                    }
                })
            }
            Metric::Continuous { sd, delta, .. } => {
                if delta == 0.0 {
                    return Err(DesignError::ZeroEffect);
                }
                let s = sd * (1.0 + 1.0 / r).sqrt();
                Ok((s, s, delta * delta))
            }
        }
    }

    /// Per-control-unit variance of the difference at the assumed true difference
    /// (non-inferiority and equivalence; the variance method does not apply).
    fn margin_variance(&self) -> Result<f64, DesignError> {
        let r = self.ratio;
        match self.metric {
            Metric::Binary { p1, p2, .. } => {
                if !(p2 > 0.0 && p2 < 1.0) {
                    return Err(DesignError::RateOutOfRange);
                }
                Ok(p1 * (1.0 - p1) + p2 * (1.0 - p2) / r)
            }
            Metric::Continuous { sd, .. } => Ok(sd * sd * (1.0 + 1.0 / r)),
        }
    }

    /// Power with `n_control` units in control (and `ratio` times that per treatment arm):
    /// the contract's formula solved for `z_b`, then `Φ(z_b)`.
    pub fn power_at(&self, n_control: f64) -> Result<f64, DesignError> {
        let (a, b, d) = self.terms()?;
        let (_, za, _) = self.z_values();
        let n = n_control / self.variance_factor;
        let one = normal_cdf(((n * d).sqrt() - za * a) / b);
        Ok(match self.hypothesis {
            // Both one-sided tests of equivalence must reject.
            Hypothesis::Equivalence { .. } => (2.0 * one - 1.0).max(0.0),
            _ => one,
        })
    }

    /// Control's size before rounding, from the contract's formula for the metric and method.
    pub fn raw_n(&self) -> Result<f64, DesignError> {
        if self.power <= self.alpha {
            return Err(DesignError::PowerNotAboveAlpha);
        }
        let (_, za, zb) = self.z_values();
        let (a, b, d) = self.terms()?;
        let raw = (za * a + zb * b).powi(2) / d * self.variance_factor;
        if raw.is_finite() && raw * self.ratio.max(1.0) * f64::from(self.arms) < MAX_N {
            Ok(raw)
        } else {
            Err(DesignError::TooLarge)
        }
    }

    pub fn sizes(&self) -> Result<Sizes, DesignError> {
        let raw = self.raw_n()?;
        let (alpha_used, z_alpha, z_beta) = self.z_values();
        // Within MAX_N, so the casts are exact.
        let n_control = ceil_clean(raw) as u64;
        let n_treatment = ceil_clean(self.ratio * raw) as u64;
        let n_total = n_control + u64::from(self.arms.saturating_sub(1)) * n_treatment;
        Ok(Sizes {
            raw,
            alpha_used,
            z_alpha,
            z_beta,
            n_control,
            n_treatment,
            n_total,
        })
    }
}

impl Sizes {
    /// The same design with `factor` times the raw size (a sequential plan's maximum).
    pub fn inflated(&self, factor: f64, ratio: f64, arms: u32) -> Sizes {
        let raw = self.raw * factor;
        let n_control = ceil_clean(raw) as u64;
        let n_treatment = ceil_clean(ratio * raw) as u64;
        Sizes {
            raw,
            n_control,
            n_treatment,
            n_total: n_control + u64::from(arms.saturating_sub(1)) * n_treatment,
            ..*self
        }
    }
}

impl Design {
    /// The absolute effect being designed for.
    pub fn effect(&self) -> f64 {
        match self.metric {
            Metric::Binary { p1, p2, .. } => p2 - p1,
            Metric::Continuous { delta, .. } => delta,
        }
    }

    /// The baseline an effect is relative to: the rate or the mean.
    pub fn baseline(&self) -> f64 {
        match self.metric {
            Metric::Binary { p1, .. } => p1,
            Metric::Continuous { mean, .. } => mean,
        }
    }

    /// The same design aimed at another absolute effect.
    pub fn with_effect(&self, effect: f64) -> Design {
        let metric = match self.metric {
            Metric::Binary { p1, method, .. } => Metric::Binary {
                p1,
                p2: p1 + effect,
                method,
            },
            Metric::Continuous { mean, sd, .. } => Metric::Continuous {
                mean,
                sd,
                delta: effect,
            },
        };
        Design { metric, ..*self }
    }

    /// The smallest positive absolute effect detectable with `n_control` units in control
    /// (and `ratio` times that per treatment arm): the same formula inverted exactly, in
    /// closed form where one exists (arcsine, continuous) and otherwise by bisection to
    /// the last bit, which the formula's monotone fall in the effect makes safe.
    pub fn mde_at(&self, n_control: f64) -> Result<f64, DesignError> {
        if self.power <= self.alpha {
            return Err(DesignError::PowerNotAboveAlpha);
        }
        if !(n_control > 0.0 && n_control.is_finite()) {
            return Err(DesignError::NotDetectable);
        }
        let (_, za, zb) = self.z_values();
        if let Hypothesis::NonInferiority { .. } | Hypothesis::Equivalence { .. } = self.hypothesis
        {
            // The smallest margin the run can show, at the assumed difference.
            let reach =
                (za + zb) * (self.margin_variance()? * self.variance_factor / n_control).sqrt();
            let expected = self.effect();
            return Ok(match self.hypothesis {
                Hypothesis::NonInferiority { .. } => (reach - expected).max(0.0),
                _ => reach + expected.abs(),
            });
        }
        let n_control = n_control / self.variance_factor;
        match self.metric {
            Metric::Continuous { sd, .. } => {
                Ok((za + zb) * sd * ((1.0 + 1.0 / self.ratio) / n_control).sqrt())
            }
            Metric::Binary {
                p1,
                method: Method::Arcsine,
                ..
            } => {
                let h = (za + zb) * ((1.0 + 1.0 / self.ratio) / n_control).sqrt();
                let angle = p1.sqrt().asin() + h / 2.0;
                if angle >= std::f64::consts::FRAC_PI_2 {
                    return Err(DesignError::NotDetectable);
                }
                Ok(angle.sin().powi(2) - p1)
            }
            Metric::Binary { p1, .. } => {
                let needs = |effect: f64| self.with_effect(effect).raw_n_unchecked();
                let (mut lo, mut hi) = (0.0, 1.0 - p1);
                // At the largest possible effect the test must already be big enough.
                if needs(hi * (1.0 - 1e-12)).is_none_or(|n| n > n_control) {
                    return Err(DesignError::NotDetectable);
                }
                for _ in 0..200 {
                    let mid = 0.5 * (lo + hi);
                    if mid <= lo || mid >= hi {
                        break;
                    }
                    match needs(mid) {
                        Some(n) if n <= n_control => hi = mid,
                        _ => lo = mid,
                    }
                }
                Ok(hi)
            }
        }
    }

    /// `raw_n` without the size cap, for root finding; `None` where undefined.
    fn raw_n_unchecked(&self) -> Option<f64> {
        let (_, za, zb) = self.z_values();
        let (a, b, d) = self.terms().ok()?;
        let n = (za * a + zb * b).powi(2) / d;
        n.is_finite().then_some(n)
    }
}

/// Revenue per visitor from orders: with conversion rate `p` and order values of mean
/// `aov` and standard deviation `aov_sd`, a visitor's revenue has mean `p·aov` and
/// variance `p·aov_sd² + p(1−p)·aov²` (a zero for non-buyers, an order value otherwise).
pub fn revenue_per_visitor(p: f64, aov: f64, aov_sd: f64) -> (f64, f64) {
    (
        p * aov,
        (p * aov_sd * aov_sd + p * (1.0 - p) * aov * aov).sqrt(),
    )
}

/// Days to reach `n_total` at `daily` eligible visitors with `share` (fraction) in the test.
pub fn days(n_total: u64, daily: f64, share: f64) -> Option<u64> {
    let per_day = daily * share;
    let d = ceil_clean(n_total as f64 / per_day);
    (per_day > 0.0 && d.is_finite() && d < MAX_N).then_some(d as u64)
}

/// The run to plan for a test that needs `days`: whole weeks, at least one, because
/// weekday and weekend shoppers differ.
pub fn whole_week_days(days: u64) -> u64 {
    days.max(1).div_ceil(7) * 7
}

/// Control's share of the traffic in the test: 1 part control, `ratio` per treatment arm.
pub fn control_share(arms: u32, ratio: f64) -> f64 {
    1.0 / (1.0 + f64::from(arms.saturating_sub(1)) * ratio)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binary(p1: f64, p2: f64, method: Method) -> Design {
        Design {
            metric: Metric::Binary { p1, p2, method },
            ..Design::two_rates(p1, p2)
        }
    }

    #[test]
    fn sizes_match_the_public_calculators() {
        // Evan Miller's 20 % → 25 %: raw 1030.2, rounded up.
        let s = binary(0.2, 0.25, Method::Baseline).sizes();
        assert_eq!(s.map(|s| s.n_control), Ok(1031));
        // 5 % baseline, +10 % relative, unpooled.
        let s = binary(0.05, 0.055, Method::Unpooled).sizes();
        assert_eq!(
            s.map(|s| (s.n_control, s.n_treatment, s.n_total)),
            Ok((31231, 31231, 62462))
        );
    }

    #[test]
    fn r_power_prop_test_and_pwr() {
        // R power.prop.test(p1=.2, p2=.25, power=.8): n = 1093.739
        let raw = binary(0.2, 0.25, Method::Pooled).raw_n();
        assert!(
            raw.is_ok_and(|n| (n / 1_093.739_045_766_164_7 - 1.0).abs() < 1e-12),
            "{raw:?}"
        );
        // Cohen's h closed form, (z_a + z_b)² · 2 / h². statsmodels' solve_power gives
        // 1091.896 because its root-finder also counts the opposite tail's power.
        let raw = binary(0.2, 0.25, Method::Arcsine).raw_n();
        assert!(
            raw.is_ok_and(|n| (n / 1_091.898_833_207_884_3 - 1.0).abs() < 1e-12),
            "{raw:?}"
        );
    }

    #[test]
    fn bad_designs_are_errors() {
        assert_eq!(
            binary(0.2, 0.2, Method::Unpooled).raw_n(),
            Err(DesignError::ZeroEffect)
        );
        assert_eq!(
            binary(0.9, 1.0, Method::Unpooled).raw_n(),
            Err(DesignError::RateOutOfRange)
        );
        let weak = Design {
            power: 0.04,
            ..binary(0.2, 0.25, Method::Unpooled)
        };
        assert_eq!(weak.raw_n(), Err(DesignError::PowerNotAboveAlpha));
        assert_eq!(
            binary(0.2, 0.2 + 1e-9, Method::Unpooled).raw_n(),
            Err(DesignError::TooLarge)
        );
    }

    #[test]
    fn corrections_split_alpha_and_days_round_up() {
        assert!(
            (Correction::Sidak.per_comparison_alpha(0.05, 2) - 0.025320565519103666).abs() < 1e-15
        );
        assert_eq!(Correction::Bonferroni.per_comparison_alpha(0.05, 4), 0.0125);
        assert_eq!(days(62462, 10000.0, 1.0), Some(7));
        assert_eq!(days(62462, 10000.0, 0.5), Some(13));
        assert_eq!(days(100, 0.0, 1.0), None);
        assert_eq!(ceil_clean(1031.0000000000002), 1031.0);
        assert_eq!(ceil_clean(1030.2), 1031.0);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn design() -> impl Strategy<Value = Design> {
        (
            0.005f64..0.9,
            0.01f64..1.0,
            0usize..5,
            0.01f64..0.2,
            0.5f64..0.99,
            any::<bool>(),
            2u32..=10,
            0.25f64..4.0,
        )
            .prop_map(|(p1, rel, m, alpha, power, two_sided, arms, ratio)| {
                let p2 = (p1 * (1.0 + rel)).min(0.999);
                let metric = match Method::ALL.get(m) {
                    Some(&method) => Metric::Binary { p1, p2, method },
                    None => Metric::Continuous {
                        mean: 100.0,
                        sd: 150.0,
                        delta: 100.0 * rel,
                    },
                };
                Design {
                    metric,
                    alpha,
                    power: power.max(alpha + 0.01),
                    two_sided,
                    arms,
                    correction: Correction::Bonferroni,
                    ratio,
                    hypothesis: Hypothesis::Superiority,
                    variance_factor: 1.0,
                }
            })
    }

    proptest! {
        #[test]
        fn power_at_the_raw_size_is_the_target(d in design()) {
            let Ok(raw) = d.raw_n() else { return Err(TestCaseError::reject("no size for this design")) };
            let p = d.power_at(raw);
            prop_assert!(p.is_ok_and(|p| (p - d.power).abs() < 1e-9), "{:?} vs {}", p, d.power);
        }

        #[test]
        fn sizes_are_finite_and_grow_with_power_and_arms(d in design()) {
            let Ok(s) = d.sizes() else { return Err(TestCaseError::reject("no size for this design")) };
            prop_assert!(s.raw.is_finite() && s.raw > 0.0);
            prop_assert!(s.n_total >= s.n_control);
            let stronger = Design { power: (d.power + 1.0) / 2.0, ..d };
            prop_assert!(stronger.raw_n().is_ok_and(|n| n > s.raw));
            if d.arms < 10 {
                let more = Design { arms: d.arms + 1, ..d };
                prop_assert!(more.raw_n().is_ok_and(|n| n >= s.raw));
            }
        }

        #[test]
        fn larger_effects_need_fewer_units(p1 in 0.01f64..0.5, rel in 0.02f64..0.5, m in 0usize..4) {
            let method = Method::ALL.get(m).copied().unwrap_or(Method::Unpooled);
            let at = |rel: f64| Design {
                metric: Metric::Binary { p1, p2: p1 * (1.0 + rel), method },
                alpha: 0.05, power: 0.8, two_sided: true, arms: 2, correction: Correction::None, ratio: 1.0,
                hypothesis: Hypothesis::Superiority, variance_factor: 1.0,
            }.raw_n();
            prop_assert!(matches!((at(rel), at(rel * 1.5)), (Ok(a), Ok(b)) if b < a));
        }

        #[test]
        fn power_rises_with_sample_size(d in design(), n in 10f64..1e6) {
            let (Ok(a), Ok(b)) = (d.power_at(n), d.power_at(n * 1.5)) else {
                return Err(TestCaseError::reject("no power for this design"));
            };
            prop_assert!(b >= a && (0.0..=1.0).contains(&a));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod inversion {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// n → MDE → n: the effect found for the designed size needs exactly that size.
        #[test]
        fn mde_inverts_the_sample_size(p1 in 0.005f64..0.8, rel in 0.02f64..0.6, m in 0usize..5,
                                       ratio in 0.3f64..3.0, two_sided in any::<bool>(), arms in 2u32..=5) {
            let metric = match Method::ALL.get(m) {
                Some(&method) => Metric::Binary { p1, p2: (p1 * (1.0 + rel)).min(0.995), method },
                None => Metric::Continuous { mean: 100.0, sd: 150.0, delta: 100.0 * rel },
            };
            let d = Design { metric, alpha: 0.05, power: 0.8, two_sided, arms, correction: Correction::Sidak, ratio, hypothesis: Hypothesis::Superiority, variance_factor: 1.0 };
            let Ok(raw) = d.raw_n() else { return Err(TestCaseError::reject("no size for this design")) };
            let mde = d.mde_at(raw);
            prop_assert!(mde.is_ok_and(|e| ((e - d.effect()) / d.effect()).abs() < 1e-9), "{:?} vs {}", mde, d.effect());
        }
    }

    #[test]
    fn revenue_per_visitor_variance() {
        let (mean, sd) = revenue_per_visitor(0.03, 150.0, 220.0);
        assert!((mean - 4.5).abs() < 1e-12);
        assert!((sd * sd - (0.03 * 220.0 * 220.0 + 0.03 * 0.97 * 150.0 * 150.0)).abs() < 1e-9);
    }

    #[test]
    fn too_few_units_detect_nothing() {
        let d = Design::two_rates(0.5, 0.55);
        assert_eq!(d.mde_at(2.0), Err(DesignError::NotDetectable));
        assert_eq!(
            d.with_effect(0.0).mde_at(0.0),
            Err(DesignError::NotDetectable)
        );
        let arcsine = Design {
            metric: Metric::Binary {
                p1: 0.5,
                p2: 0.55,
                method: Method::Arcsine,
            },
            ..d
        };
        assert_eq!(arcsine.mde_at(1.0), Err(DesignError::NotDetectable));
    }
}

#[cfg(test)]
mod margins_and_cuped {
    use super::*;

    fn binary(p1: f64, p2: f64, hypothesis: Hypothesis) -> Design {
        Design {
            hypothesis,
            ..Design::two_rates(p1, p2)
        }
    }

    #[test]
    fn chow_shao_wang_sizes() {
        // TwoSampleProportion.NIS: (z(1−α) + z(1−β))² (p1q1 + p2q2/κ) / (ε − δ)², with
        // the true difference ε = 0 and the margin δ = −0.5 points.
        let (za, zb) = (z_quantile(0.95), z_quantile(0.8));
        let ni = binary(0.05, 0.05, Hypothesis::NonInferiority { margin: 0.005 });
        let want = (za + zb).powi(2) * (2.0 * 0.05 * 0.95) / 0.005f64.powi(2);
        assert!((ni.raw_n().unwrap_or(0.0) - want).abs() < 1e-6 * want);
        // TwoSampleProportion.Equivalence: (z(1−α) + z(1−β/2))² V / (δ − |ε|)², here
        // with ε = +0.2 points and δ = 1 point.
        let eq = binary(0.05, 0.052, Hypothesis::Equivalence { margin: 0.01 });
        let v = 0.05 * 0.95 + 0.052 * 0.948;
        let want = (za + z_quantile(0.9)).powi(2) * v / 0.008f64.powi(2);
        assert!((eq.raw_n().unwrap_or(0.0) - want).abs() < 1e-6 * want);
        // Means: TwoSampleMean.NIS with σ = 220, margin 10.
        let mean = Design {
            metric: Metric::Continuous {
                mean: 150.0,
                sd: 220.0,
                delta: 0.0,
            },
            hypothesis: Hypothesis::NonInferiority { margin: 10.0 },
            ..ni
        };
        let want = (za + zb).powi(2) * 2.0 * 220.0f64.powi(2) / 100.0;
        assert!((mean.raw_n().unwrap_or(0.0) - want).abs() < 1e-6 * want);
        // No sample shows equivalence within a margin the difference already exceeds.
        let out = binary(0.05, 0.065, Hypothesis::Equivalence { margin: 0.01 });
        assert_eq!(out.raw_n(), Err(DesignError::MarginTooSmall));
        let worse = binary(0.05, 0.04, Hypothesis::NonInferiority { margin: 0.005 });
        assert_eq!(worse.raw_n(), Err(DesignError::MarginTooSmall));
    }

    #[test]
    fn wider_margins_never_need_more_and_cuped_shrinks_by_one_minus_rho_squared() {
        for hypothesis in [
            |m| Hypothesis::NonInferiority { margin: m },
            |m| Hypothesis::Equivalence { margin: m },
        ] {
            let mut last = f64::INFINITY;
            for m in [0.003, 0.005, 0.01, 0.02, 0.05] {
                let n = binary(0.05, 0.051, hypothesis(m))
                    .raw_n()
                    .expect("a margin wider than the true difference has a size");
                assert!(n <= last, "{m}: {n} > {last}");
                last = n;
            }
        }
        let plain = binary(0.05, 0.055, Hypothesis::Superiority);
        for rho in [0.0, 0.3, 0.6, 0.9] {
            let cuped = Design {
                variance_factor: 1.0 - rho * rho,
                ..plain
            };
            let ratio = cuped.raw_n().unwrap_or(0.0) / plain.raw_n().unwrap_or(1.0);
            assert!((ratio - (1.0 - rho * rho)).abs() < 1e-12, "{rho}: {ratio}");
            // Power and detectable effects follow the smaller variance.
            let n = cuped.raw_n().unwrap_or(0.0);
            assert!((cuped.power_at(n).unwrap_or(0.0) - 0.8).abs() < 1e-9);
            assert!((cuped.mde_at(n).unwrap_or(0.0) - 0.005).abs() < 1e-9);
        }
        assert_eq!(
            Design {
                variance_factor: 1.0,
                ..plain
            }
            .sizes(),
            plain.sizes()
        );
    }

    #[test]
    fn dunnett_sits_between_no_correction_and_bonferroni() {
        for arms in 3..=10u32 {
            let d = |correction| Design {
                arms,
                correction,
                ..binary(0.05, 0.055, Hypothesis::Superiority)
            };
            let (none, bonf, dun) = (
                d(Correction::None).z_values().1,
                d(Correction::Bonferroni).z_values().1,
                d(Correction::Dunnett).z_values().1,
            );
            assert!(none < dun && dun < bonf, "{arms}: {none} {dun} {bonf}");
        }
        // Published: 3 treatments, equal groups, two-sided 5 %: 2.349.
        let d = Design {
            arms: 4,
            correction: Correction::Dunnett,
            ..binary(0.05, 0.055, Hypothesis::Superiority)
        };
        assert!((d.z_values().1 - 2.349).abs() < 1e-3);
    }
}
