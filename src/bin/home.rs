//! A first visit to the home page downloads only this.
abkit::module!(abkit::ui::HomeOnly);
