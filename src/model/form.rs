//! What every page's typed form is made of: the raw text of a field with what it
//! reads as, list rows checked one by one, and the `params!` macro that names a page's
//! URL parameters once.
//!
//! Each page has a `form` module in the model (`model::design::form`, …) whose `read`
//! turns the raw values of the URL into checked fields, cross-field checks included,
//! and into the model's input when everything it needs is valid. Components render
//! those fields and translate their errors; they never parse.

use super::input::{parse_bounded, split_list, Bounds, InputError};
use super::query::{Param, Values};

/// The shape every page's form follows: its parameters, how it reads them, the
/// model's input when the fields allow one, and which fields kept it from one.
pub trait PageForm: Sized {
    /// What the page's model takes.
    type Input;
    /// The page's URL parameters, as `params!` declares them.
    const PARAMS: &'static [Param];
    /// Reads the page from its raw values (never fails: errors stay in the fields).
    fn read(values: &Values) -> Self;
    /// The model's input, when every field it needs is valid.
    fn input(&self) -> Option<&Self::Input>;
    /// The parameters whose values keep the model from its input. Empty exactly when
    /// there is an input; an optional field left empty never blocks. Worked out from
    /// the fields, independently of how the input is built, so the two can be checked
    /// against each other.
    fn blocked(&self) -> Vec<&'static str>;
}

/// The parameters of `checks` whose condition is true, in order, each once.
pub fn blocking(checks: &[(bool, &'static str)]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for &(blocks, name) in checks {
        if blocks && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Why a field or a row cannot be used. Input errors come from the field alone; the
/// others from checks that need more than one field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldError {
    Input(InputError),
    /// A group has more conversions than visitors.
    ConversionsAboveVisitors {
        arm: usize,
    },
    /// Welch's test needs two units in a group.
    WelchNeedsTwo {
        arm: usize,
    },
    /// A what-if names a stage the funnel does not have.
    NoSuchStage {
        stages: usize,
    },
    /// A range whose low is above its likely value, or likely above high.
    RangeOrder,
    /// A group's ratio sums give no ratio (the sum at fault carries it).
    Sums(crate::model::analyze::ratio::SumsError),
}

impl From<InputError> for FieldError {
    fn from(e: InputError) -> Self {
        FieldError::Input(e)
    }
}

/// One row of a list parameter: its text and what it reads as.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Result<f64, FieldError>,
}

impl Cell {
    pub fn ok(&self) -> Option<f64> {
        self.value.as_ref().ok().copied()
    }

    pub fn error(&self) -> Option<FieldError> {
        self.value.as_ref().err().copied()
    }

    /// Sets a cross-field error unless the cell already has one of its own.
    pub fn refuse(&mut self, error: FieldError) {
        if self.value.is_ok() {
            self.value = Err(error);
        }
    }
}

/// The rows of list parameter `raw`, each checked against `bounds`, at least `min`
/// of them (missing rows read as empty).
pub fn cells(raw: &str, min: usize, bounds: Bounds) -> Vec<Cell> {
    let items = if raw.trim().is_empty() {
        Vec::new()
    } else {
        split_list(raw)
    };
    (0..items.len().max(min))
        .map(|i| {
            let text = items.get(i).copied().unwrap_or("").to_string();
            Cell {
                value: parse_bounded(&text, bounds).map_err(FieldError::from),
                text,
            }
        })
        .collect()
}

/// An optional field: `None` when left empty, otherwise what it reads as.
pub fn optional(raw: &str, bounds: Bounds) -> Option<Result<f64, InputError>> {
    (!raw.trim().is_empty()).then(|| parse_bounded(raw, bounds))
}

/// Declares a page's URL parameters once: a constant per name, and the list of
/// `Param`s (name and default, in the order links write them).
///
/// ```ignore
/// params! { PARAMS { P = "p": "5", MDE = "mde": "10" } }
/// ```
#[macro_export]
macro_rules! params {
    ($list:ident { $($(#[$meta:meta])* $konst:ident = $name:literal : $default:literal),* $(,)? }) => {
        $( $(#[$meta])* pub const $konst: &str = $name; )*
        pub const $list: &[$crate::model::query::Param] = &[
            $( $crate::model::query::Param { name: $name, default: $default }, )*
        ];
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_text_and_errors() {
        let rows = cells("5, x,", 4, Bounds::PERCENT);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].ok(), Some(5.0));
        assert_eq!(rows[1].text, "x");
        assert_eq!(
            rows[1].error(),
            Some(FieldError::Input(InputError::NotANumber))
        );
        assert_eq!(rows[2].error(), Some(FieldError::Input(InputError::Empty)));
        assert_eq!(rows[3].text, "");
        assert!(cells("", 0, Bounds::PERCENT).is_empty());
    }

    #[test]
    fn a_refusal_does_not_hide_the_cells_own_error() {
        let mut rows = cells("abc,5", 2, Bounds::COUNT);
        for r in &mut rows {
            r.refuse(FieldError::WelchNeedsTwo { arm: 1 });
        }
        assert_eq!(
            rows[0].error(),
            Some(FieldError::Input(InputError::NotANumber))
        );
        assert_eq!(rows[1].error(), Some(FieldError::WelchNeedsTwo { arm: 1 }));
    }

    #[test]
    fn blocking_names_each_failing_parameter_once() {
        assert_eq!(
            blocking(&[(true, "p"), (false, "mde"), (true, "p"), (true, "alpha")]),
            vec!["p", "alpha"]
        );
        assert!(blocking(&[(false, "p")]).is_empty());
    }

    #[test]
    fn an_empty_optional_field_is_none() {
        assert_eq!(optional("  ", Bounds::PERCENT), None);
        assert_eq!(optional("20", Bounds::PERCENT), Some(Ok(20.0)));
    }
}
