//! A first visit to the training room (lessons, cases, exercises, glossary, simulators) downloads only this.
abkit::module!(abkit::ui::LearnOnly);
