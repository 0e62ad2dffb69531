//! Everything that computes: no Yew, no browser. Each page's model takes checked
//! inputs and returns results or typed errors; all of it is tested natively.

pub mod analyze;
pub mod chart;
pub mod design;
pub mod dunnett;
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

/// What the unit tests share: one closeness rule.
#[cfg(test)]
pub(crate) mod testing {
    /// `actual` within `rel` of `expected`, relatively, with a floor of 1e-15 for
    /// expected values at or near zero.
    pub fn close(actual: f64, expected: f64, rel: f64) -> bool {
        (actual - expected).abs() <= rel * expected.abs() + 1e-15
    }
}
