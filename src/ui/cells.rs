//! Per-row cells of a list parameter (cost lines, channels, funnel stages): each item
//! parsed on its own, with its localized error, so one bad row never hides the others.

use crate::i18n::Texts;
use crate::model::input::{parse_bounded, split_list, Bounds};

/// A per-row cell of a list parameter: the text and, if it does not parse, why.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Option<f64>,
    pub error: Option<String>,
}

/// The items of a list parameter, each checked against `bounds`; at least `min` rows.
pub fn cells(t: &Texts, raw: &str, min: usize, bounds: Bounds) -> Vec<Cell> {
    let items = if raw.trim().is_empty() {
        Vec::new()
    } else {
        split_list(raw)
    };
    (0..items.len().max(min))
        .map(|i| {
            let text = items.get(i).copied().unwrap_or("").to_string();
            let parsed = parse_bounded(&text, bounds);
            Cell {
                value: parsed.as_ref().ok().copied(),
                error: parsed.err().map(|e| t.input_error(&e)),
                text,
            }
        })
        .collect()
}
