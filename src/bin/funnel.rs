//! A first visit to the funnel what-ifs downloads only this.
abkit::module!(abkit::ui::FunnelOnly);
