//! Everything that computes: no Yew, no browser. Each page's model takes checked
//! inputs and returns results or typed errors; all of it is tested natively.

pub mod analyze;
pub mod chart;
pub mod design;
pub mod form;
pub mod format;
pub mod funnel;
pub mod input;
pub mod query;
pub mod roi;
pub mod stats;
