//! The full app: every page. The service worker caches it, and the loader uses it
//! once the page is offline-ready or the reader leaves the first page's section.
abkit::module!(abkit::ui::AllPages);
