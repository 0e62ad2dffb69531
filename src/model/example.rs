//! A worked example, then the user's own numbers. An example brings parts set for
//! its numbers alone (the ROI page's low and high ranges, the funnel's what-if and
//! earlier period); once the user types their own numbers those parts would keep
//! shaping the answer ("chance the campaign pays", "+36 % with the what-if") for a
//! case they were never meant for. The first edit of the example's own numbers takes
//! them off, with the edits that put them back.

use crate::model::query::Values;

/// Which parameters of a page are an example's own numbers and which are the parts
/// that only fit them.
pub struct ExampleParts {
    /// The worked examples, as queries.
    pub examples: &'static [&'static str],
    /// The numbers a user replaces with their own. Names (cost lines, stages) are not
    /// among them: the examples take them from the language.
    pub own: &'static [&'static str],
    /// The parts that fit the example's numbers only.
    pub fitted: &'static [&'static str],
}

/// An example's fitted parts taken off the page: which example, and the edits that
/// clear and restore them.
#[derive(Clone, Debug, PartialEq)]
pub struct Cleared {
    pub example: usize,
    pub clear: Vec<(&'static str, String)>,
    pub undo: Vec<(&'static str, String)>,
}

impl ExampleParts {
    /// The example whose numbers and fitted parts `values` holds exactly.
    pub fn shown(&self, values: &Values) -> Option<usize> {
        self.examples.iter().position(|q| {
            let example = Values::from_query(values.params(), q);
            self.own
                .iter()
                .chain(self.fitted)
                .all(|p| example.get(p) == values.get(p))
        })
    }

    /// When `before` is an example as loaded and `after` changes one of its own
    /// numbers while a fitted part is still set: the edits that clear the fitted
    /// parts, and those that undo the clearing. A later edit, a link that is not an
    /// example, an edit of a fitted part itself and opening another example clear
    /// nothing.
    pub fn to_clear(&self, before: &Values, after: &Values) -> Option<Cleared> {
        let example = self.shown(before)?;
        let own_changed = self.own.iter().any(|p| before.get(p) != after.get(p));
        let defaults = Values::defaults(after.params());
        let fitted_set = self.fitted.iter().any(|p| after.get(p) != defaults.get(p));
        (own_changed && fitted_set && self.shown(after).is_none()).then(|| Cleared {
            example,
            clear: self
                .fitted
                .iter()
                .map(|p| (*p, defaults.get(p).to_string()))
                .collect(),
            undo: self
                .fitted
                .iter()
                .map(|p| (*p, before.get(p).to_string()))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Param;

    const PARAMS: &[Param] = &[
        Param {
            name: "n",
            default: "",
        },
        Param {
            name: "name",
            default: "",
        },
        Param {
            name: "lo",
            default: "",
        },
        Param {
            name: "mode",
            default: "a",
        },
    ];
    const PARTS: ExampleParts = ExampleParts {
        examples: &["n=5&lo=4&mode=b", "n=9&lo=8"],
        own: &["n"],
        fitted: &["lo", "mode"],
    };

    fn values(q: &str) -> Values {
        Values::from_query(PARAMS, q)
    }

    #[test]
    fn the_first_own_edit_clears_the_fitted_parts_to_their_defaults() {
        let example = values("n=5&lo=4&mode=b&name=x");
        assert_eq!(PARTS.shown(&example), Some(0));
        let typed = values("n=50&lo=4&mode=b&name=x");
        let c = PARTS.to_clear(&example, &typed).expect("cleared");
        assert_eq!(c.example, 0);
        assert_eq!(c.clear, vec![("lo", String::new()), ("mode", "a".into())]);
        assert_eq!(c.undo, vec![("lo", "4".into()), ("mode", "b".into())]);
        // Nothing to clear when the fitted parts are already at their defaults.
        let bare = values("n=9&lo=8");
        let mut emptied = values("n=10&lo=");
        assert_eq!(PARTS.to_clear(&bare, &emptied), None);
        emptied.set("lo", "8".into());
        assert!(PARTS.to_clear(&bare, &emptied).is_some());
    }

    #[test]
    fn names_fitted_edits_later_edits_and_other_examples_clear_nothing() {
        let example = values("n=5&lo=4&mode=b");
        assert_eq!(
            PARTS.to_clear(&example, &values("n=5&lo=4&mode=b&name=y")),
            None
        );
        assert_eq!(PARTS.to_clear(&example, &values("n=5&lo=3&mode=b")), None);
        assert_eq!(PARTS.to_clear(&example, &values("n=9&lo=8")), None);
        let own = values("n=6&lo=4&mode=b");
        assert_eq!(PARTS.shown(&own), None);
        assert_eq!(PARTS.to_clear(&own, &values("n=7&lo=4&mode=b")), None);
    }
}
