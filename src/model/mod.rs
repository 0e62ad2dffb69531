//! Everything that computes: no Yew, no browser. Each page's model takes checked
//! inputs and returns results or typed errors; all of it is tested natively.

pub mod analyze;
pub mod chart;
pub mod design;
pub mod dunnett;
pub mod example;
pub mod export;
pub mod form;
pub mod format;
pub mod funnel;
pub mod input;
pub mod json;
pub mod learn;
pub mod query;
pub mod random;
pub mod roi;
pub mod saved;
pub mod sequential;
pub mod stats;

/// Work done in parts (the simulators), so that a page can let the browser paint
/// and take input between them; the result does not depend on how it is split.
pub trait Chunked {
    fn done(&self) -> usize;
    fn total(&self) -> usize;
    fn advance(&mut self, count: usize);
}

/// What the unit tests share: one closeness rule, and assertions that print both
/// numbers and the tolerance when they fail.
#[cfg(test)]
pub(crate) mod testing {
    use std::fmt::Display;

    /// `actual` within `rel` of `expected`, relatively, with a floor of 1e-15 for
    /// expected values at or near zero.
    pub fn close(actual: f64, expected: f64, rel: f64) -> bool {
        (actual - expected).abs() <= rel * expected.abs() + 1e-15
    }

    /// Fails unless `actual` is within `rel` of `expected` (relatively).
    #[track_caller]
    pub fn assert_close(
        actual: impl Into<Option<f64>>,
        expected: f64,
        rel: f64,
        what: impl Display,
    ) {
        let Some(actual) = actual.into() else {
            panic!("{what}: got nothing, expected {expected:e}");
        };
        assert!(
            close(actual, expected, rel),
            "{what}: got {actual:e}, expected {expected:e}, relative tolerance {rel:e} (off by {:e})",
            ((actual - expected) / expected).abs()
        );
    }

    /// Fails unless `actual` is within `abs` of `expected` (absolutely).
    #[track_caller]
    pub fn assert_near(actual: f64, expected: f64, abs: f64, what: impl Display) {
        assert!(
            (actual - expected).abs() <= abs,
            "{what}: got {actual:e}, expected {expected:e}, absolute tolerance {abs:e} (off by {:e})",
            (actual - expected).abs()
        );
    }
}
