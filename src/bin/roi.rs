//! A first visit to the campaign ROI model downloads only this.
abkit::module!(abkit::ui::RoiOnly);
