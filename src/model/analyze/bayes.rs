//! Bayesian view of a conversion test with Beta(1, 1) priors: each arm's rate has a
//! Beta(1 + conversions, 1 + non-conversions) posterior.
//!
//! P(B beats A) is Evan Miller's closed form, Σ_{i<α_B} B(α_A+i, β_A+β_B) /
//! ((β_B+i) B(1+i, β_B) B(α_A, β_A)). Its terms are the probabilities of a distribution
//! on i ≥ 0, so the sum is a CDF: it is summed from its end point towards the short
//! tail with the terms' ratio, stopping when terms no longer matter. Of the four equal
//! forms (the sum, its complement, and both for the rates' complements 1 − p), the one
//! whose end point lies nearest its tail is used, so counts of 10^7 cost about as many
//! steps as the posterior is wide, not as many as there are visitors.

use statrs::function::gamma::ln_gamma;

/// A Beta posterior.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Posterior {
    pub alpha: f64,
    pub beta: f64,
}

impl Posterior {
    /// Beta(1, 1) prior updated with `x` conversions out of `n`.
    pub fn from_counts(n: f64, x: f64) -> Posterior {
        Posterior {
            alpha: 1.0 + x,
            beta: 1.0 + n - x,
        }
    }

    pub fn mean(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    pub fn variance(&self) -> f64 {
        let s = self.alpha + self.beta;
        self.alpha * self.beta / (s * s * (s + 1.0))
    }

    pub fn ln_pdf(&self, x: f64) -> f64 {
        if !(0.0..=1.0).contains(&x) {
            return f64::NEG_INFINITY;
        }
        (self.alpha - 1.0) * x.ln() + (self.beta - 1.0) * (1.0 - x).ln()
            - ln_beta(self.alpha, self.beta)
    }

    fn reflected(&self) -> Posterior {
        Posterior {
            alpha: self.beta,
            beta: self.alpha,
        }
    }

    fn size_biased(&self) -> Posterior {
        Posterior {
            alpha: self.alpha + 1.0,
            beta: self.beta,
        }
    }
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

const NEGLIGIBLE: f64 = 1e-17;

/// Evan Miller's sum for P(X_b > X_a), with integer `b.alpha`: (steps it takes, value).
/// The value is `Σ_{i=0}^{c} t_i` with `c = b.alpha − 1`, summed downwards from `c`.
fn miller_sum(a: Posterior, b: Posterior) -> (f64, f64) {
    let (aa, ba, bb) = (a.alpha, a.beta, b.beta);
    let c = b.alpha - 1.0;
    let ln_t =
        |i: f64| ln_beta(aa + i, ba + bb) - (bb + i).ln() - ln_beta(1.0 + i, bb) - ln_beta(aa, ba);
    // t_{i+1} / t_i
    let ratio = |i: f64| (aa + i) * (bb + i) / ((aa + ba + bb + i) * (1.0 + i));
    let (mut sum, mut term, mut i) = (1.0f64, 1.0f64, c);
    while i > 0.0 {
        term /= ratio(i - 1.0);
        i -= 1.0;
        sum += term;
        if term < NEGLIGIBLE * sum || !term.is_finite() {
            break;
        }
    }
    (c - i, (ln_t(c) + sum.ln()).exp().min(1.0))
}

/// Where the terms of `miller_sum(a, b)` peak: summing down from far above this point
/// walks through the whole bulk.
fn miller_mode(a: Posterior, b: Posterior) -> f64 {
    ((a.alpha * b.beta - a.alpha - a.beta - b.beta) / (a.beta + 1.0)).max(0.0)
}

/// P(X_b > X_a) for two Beta posteriors with whole-number parameters.
pub fn prob_greater(a: Posterior, b: Posterior) -> f64 {
    // The four equal forms: (value is the sum, or 1 − the sum), with their arguments.
    let forms = [
        (false, a, b),
        (true, b, a),
        (false, b.reflected(), a.reflected()),
        (true, a.reflected(), b.reflected()),
    ];
    // Cost of each: how far its end point lies past the peak of its terms.
    let cost =
        |&(_, x, y): &(bool, Posterior, Posterior)| (y.alpha - 1.0 - miller_mode(x, y)).max(0.0);
    let best = forms.iter().min_by(|p, q| cost(p).total_cmp(&cost(q)));
    match best {
        Some(&(complement, x, y)) => {
            let (_, s) = miller_sum(x, y);
            if complement {
                (1.0 - s).clamp(0.0, 1.0)
            } else {
                s
            }
        }
        None => f64::NAN,
    }
}

/// Expected loss of choosing `arm` over `control`: E[max(p_control − p_arm, 0)].
/// By size-biasing, E[A·1{A>B}] = E[A]·P(A⁺ > B) with A⁺ ~ Beta(α+1, β).
pub fn expected_loss(control: Posterior, arm: Posterior) -> f64 {
    let gain = control.mean() * prob_greater(arm, control.size_biased());
    let cost = arm.mean() * prob_greater(arm.size_biased(), control);
    (gain - cost).max(0.0)
}

/// An approximate central credible interval for `p_arm − p_control` at level `1 − alpha`,
/// from a normal approximation to the posteriors (good once each arm has a few dozen
/// conversions and non-conversions).
pub fn lift_interval(control: Posterior, arm: Posterior, z: f64) -> (f64, f64) {
    let d = arm.mean() - control.mean();
    let sd = (arm.variance() + control.variance()).sqrt();
    (d - z * sd, d + z * sd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numerical_integration() {
        // scipy: quad(beta.pdf(x, 61, 941) * betainc(51, 951, x)) = 0.8356112648754598
        let a = Posterior {
            alpha: 51.0,
            beta: 951.0,
        };
        let b = Posterior {
            alpha: 61.0,
            beta: 941.0,
        };
        assert!((prob_greater(a, b) - 0.835_611_264_875_459_8).abs() < 1e-9);
        assert!((prob_greater(b, a) - (1.0 - 0.835_611_264_875_459_8)).abs() < 1e-9);
    }

    #[test]
    fn extreme_and_large_counts() {
        // All converted in control: F_A(t) = t^α, so P(B > A) = B(α_A + α_B, β_B) / B(α_B, β_B).
        let a = Posterior::from_counts(50.0, 50.0);
        let b = Posterior::from_counts(40.0, 39.0);
        let exact = (ln_beta(a.alpha + b.alpha, b.beta) - ln_beta(b.alpha, b.beta)).exp();
        assert!((prob_greater(a, b) - exact).abs() < 1e-12);
        // Ten million visitors per arm stays fast and in range.
        let a = Posterior::from_counts(1e7, 500_000.0);
        let b = Posterior::from_counts(1e7, 501_000.0);
        let p = prob_greater(a, b);
        assert!(p > 0.8 && p < 0.9, "{p}");
        assert!(expected_loss(a, b) >= 0.0);
    }
}
