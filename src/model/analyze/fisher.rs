//! Fisher's exact test for a treatment arm against control, computed in log space and
//! only over the tails that matter, so that 10^7 visitors per arm take microseconds.
//!
//! The two-sided p-value follows scipy.stats.fisher_exact exactly: the probability of
//! every table at most as likely as the observed one (with scipy's relative tolerance
//! 1e-14), found with the same mode and the same binary search.

use statrs::function::gamma::ln_gamma;

/// The hypergeometric count of conversions in the treatment row, given the margins.
struct Hypergeometric {
    /// Treatment visitors (the row whose conversions are counted).
    n1: f64,
    /// Control visitors.
    n2: f64,
    /// Conversions in both arms (the draws).
    draws: f64,
}

fn ln_choose(n: f64, k: f64) -> f64 {
    ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0)
}

/// Terms smaller than this fraction of the running sum no longer change an f64.
const NEGLIGIBLE: f64 = 1e-17;
/// scipy's relative tolerance for "at most as likely as the observed table".
const GAMMA: f64 = 1.0 + 1e-14;

impl Hypergeometric {
    fn lo(&self) -> f64 {
        (self.draws - self.n2).max(0.0)
    }

    fn hi(&self) -> f64 {
        self.draws.min(self.n1)
    }

    fn ln_pmf(&self, k: f64) -> f64 {
        if k < self.lo() || k > self.hi() {
            return f64::NEG_INFINITY;
        }
        ln_choose(self.n1, k) + ln_choose(self.n2, self.draws - k)
            - ln_choose(self.n1 + self.n2, self.draws)
    }

    /// pmf(k + 1) / pmf(k).
    fn ratio_up(&self, k: f64) -> f64 {
        (self.n1 - k) * (self.draws - k) / ((k + 1.0) * (self.n2 - self.draws + k + 1.0))
    }

    /// ln Σ pmf(j) for j from `k` outwards (`up` or down) while terms matter.
    /// Meant for `k` on the far side of the mode, where terms only shrink.
    fn ln_tail(&self, k: f64, up: bool) -> f64 {
        if k < self.lo() || k > self.hi() {
            return f64::NEG_INFINITY;
        }
        let (mut sum, mut term, mut j) = (1.0f64, 1.0f64, k);
        loop {
            if up {
                if j >= self.hi() {
                    break;
                }
                term *= self.ratio_up(j);
                j += 1.0;
            } else {
                if j <= self.lo() {
                    break;
                }
                term /= self.ratio_up(j - 1.0);
                j -= 1.0;
            }
            sum += term;
            if term < NEGLIGIBLE * sum || !term.is_finite() {
                break;
            }
        }
        self.ln_pmf(k) + sum.ln()
    }

    /// P(X ≤ k) from the lower tail (for k at or below the mode).
    fn cdf(&self, k: f64) -> f64 {
        self.ln_tail(k, false).exp()
    }

    /// P(X ≥ k) from the upper tail (for k at or above the mode).
    fn sf_from(&self, k: f64) -> f64 {
        self.ln_tail(k, true).exp()
    }

    fn mode(&self) -> f64 {
        ((self.draws + 1.0) * (self.n1 + 1.0) / (self.n1 + self.n2 + 2.0)).floor()
    }
}

/// scipy's `_binary_search`: the `i` in `[lo, hi]` with `a(i) <= d < a(i + 1)` for an
/// ascending `a`.
fn binary_search(a: impl Fn(f64) -> f64, d: f64, mut lo: f64, mut hi: f64) -> f64 {
    while lo < hi {
        let mid = lo + ((hi - lo) / 2.0).floor();
        let v = a(mid);
        if v < d {
            lo = mid + 1.0;
        } else if v > d {
            hi = mid - 1.0;
        } else {
            return mid;
        }
    }
    if a(lo) <= d {
        lo
    } else {
        lo - 1.0
    }
}

/// Fisher's exact test of treatment (`x1` of `n1`) against control (`x0` of `n0`).
/// One-sided: the alternative that treatment converts better (odds ratio > 1).
pub fn fisher_exact(n0: f64, x0: f64, n1: f64, x1: f64, two_sided: bool) -> f64 {
    // A row or column of zeros: nothing to test, as in scipy.
    if n0 == 0.0 || n1 == 0.0 || x0 + x1 == 0.0 || x0 + x1 == n0 + n1 {
        return 1.0;
    }
    let h = Hypergeometric {
        n1,
        n2: n0,
        draws: x0 + x1,
    };
    let mode = h.mode();
    if !two_sided {
        // P(X ≥ x1), summed over whichever tail is short.
        return if x1 >= mode {
            h.sf_from(x1)
        } else {
            1.0 - h.cdf(x1 - 1.0)
        }
        .clamp(0.0, 1.0);
    }
    let ln_exact = h.ln_pmf(x1);
    let ln_mode = h.ln_pmf(mode);
    if (ln_exact - ln_mode).abs() <= 1e-14 {
        return 1.0;
    }
    let ln_limit = ln_exact + GAMMA.ln();
    let p = if x1 < mode {
        let lower = h.cdf(x1);
        if h.ln_pmf(h.draws) > ln_limit {
            lower
        } else {
            let guess = binary_search(|k| -h.ln_pmf(k), -ln_limit, mode, h.draws);
            lower + h.sf_from(guess + 1.0)
        }
    } else {
        let upper = h.sf_from(x1);
        if h.ln_pmf(0.0) > ln_limit {
            upper
        } else {
            let guess = binary_search(|k| h.ln_pmf(k), ln_limit, 0.0, mode);
            upper + h.cdf(guess)
        }
    };
    p.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        crate::model::testing::close(a, b, 1e-9)
    }

    #[test]
    fn fisher_exact_matches_scipy() {
        // scipy.stats.fisher_exact([[560, 9440], [500, 9500]])
        let p = fisher_exact(10000.0, 500.0, 10000.0, 560.0, true);
        assert!(close(p, 0.062_530_575_654_127_92), "{p}");
        // alternative="greater"
        let p = fisher_exact(10000.0, 500.0, 10000.0, 560.0, false);
        assert!(close(p, 0.031_265_287_827_063_96), "{p}");
        // A small table: [[3, 1], [1, 3]] → 0.48571428571428527
        assert!(close(
            fisher_exact(4.0, 1.0, 4.0, 3.0, true),
            0.485_714_285_714_285_65
        ));
        assert_eq!(fisher_exact(100.0, 0.0, 100.0, 0.0, true), 1.0);
        assert_eq!(fisher_exact(100.0, 100.0, 100.0, 100.0, true), 1.0);
    }
}
