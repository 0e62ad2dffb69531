//! A first visit to the A/B test design page downloads only this.
abkit::module!(abkit::ui::DesignOnly);
