//! A first visit to the significance check downloads only this.
abkit::module!(abkit::ui::AnalyzeOnly);
