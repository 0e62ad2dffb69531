//! What the reference suites share: one reader for the CSV tables the Python scripts
//! write, and one closeness rule.
#![allow(dead_code, clippy::panic, clippy::indexing_slicing)]

/// One row of a reference table, cells read by column name.
pub struct Row {
    header: std::rc::Rc<[String]>,
    cells: Vec<String>,
}

impl Row {
    pub fn get(&self, name: &str) -> &str {
        let i = self
            .header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"));
        self.cells.get(i).map_or("", String::as_str)
    }

    pub fn f(&self, name: &str) -> f64 {
        self.get(name)
            .parse()
            .unwrap_or_else(|_| panic!("{name} = {:?}", self.get(name)))
    }

    pub fn u(&self, name: &str) -> u64 {
        self.get(name)
            .parse()
            .unwrap_or_else(|_| panic!("{name} = {:?}", self.get(name)))
    }

    /// An optional number: `None` for an empty cell.
    pub fn opt(&self, name: &str) -> Option<f64> {
        (!self.get(name).is_empty()).then(|| self.f(name))
    }

    /// The raw line, for failure messages.
    pub fn line(&self) -> String {
        self.cells.join(",")
    }
}

/// The rows of a CSV table whose first line names the columns (no quoting: the
/// reference tables hold numbers and plain words).
pub fn rows(text: &str) -> Vec<Row> {
    let mut lines = text.lines();
    let header: std::rc::Rc<[String]> = lines
        .next()
        .unwrap_or_else(|| panic!("no header"))
        .split(',')
        .map(String::from)
        .collect();
    lines
        .map(|l| Row {
            header: header.clone(),
            cells: l.split(',').map(String::from).collect(),
        })
        .collect()
}

/// `actual` within `rel` of `expected`, relatively, with a floor of 1e-15 for
/// expected values at or near zero.
pub fn close(actual: f64, expected: f64, rel: f64) -> bool {
    (actual - expected).abs() <= rel * expected.abs() + 1e-15
}

/// Fails unless `actual` is within `rel` of `expected`, printing both numbers and
/// the tolerance.
#[track_caller]
pub fn assert_close(
    actual: impl Into<Option<f64>>,
    expected: f64,
    rel: f64,
    what: impl std::fmt::Display,
) {
    let Some(actual) = actual.into() else {
        panic!("{what}: got nothing, expected {expected:e}");
    };
    assert!(
        close(actual, expected, rel),
        "{what}: got {actual:e}, expected {expected:e}, relative tolerance {rel:e} (off by {:e})",
        ((actual - expected) / expected).abs()
    );
}

/// The significance page for a link, as the page reads it: its form and the first
/// variant's comparison (the link must be valid).
pub fn analyze_page(
    query: &str,
) -> (
    abkit::model::analyze::form::AnalyzeForm,
    abkit::model::analyze::report::Comparison,
) {
    use abkit::model::analyze::form::{read, PARAMS};
    let form = read(&abkit::model::query::Values::from_query(PARAMS, query));
    let input = form
        .input
        .as_ref()
        .unwrap_or_else(|| panic!("not a valid link: {query}"));
    let report = abkit::model::analyze::report::analyze(input);
    let c = report
        .comparisons
        .get(1)
        .copied()
        .flatten()
        .unwrap_or_else(|| panic!("no comparison: {query}"));
    (form, c)
}
