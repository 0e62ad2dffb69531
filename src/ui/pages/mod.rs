//! One folder per page.

pub mod analyze;
pub mod design;
pub mod funnel;
pub mod home;
pub mod learn;
pub mod not_found;
pub mod roi;
