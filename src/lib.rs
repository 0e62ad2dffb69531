//! Experiment Kit: A/B test design, significance checks, campaign ROI and funnel
//! what-ifs for e-commerce operations, running entirely in the browser.
//!
//! `model` and `i18n` are pure and tested natively; `ui` is the Yew front end.

pub mod i18n;
pub mod model;
pub mod ui;
