//! Reading a trainee's answer and checking it against the computed one.
//!
//! People write the same number many ways: `25%`, `25`, `0.25`; `1,234` or `1234`;
//! `50万`, `¥5,000,000`, `500万元`; `2.4x`, `×2.4`, `2.4倍`; `14天`. The check accepts
//! each form that means the right value, within the exercise's tolerance.

use crate::model::format;
use crate::model::input::parse_number;

/// What kind of number an exercise asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A rate or share; the right value is a fraction (0.25), written 25 % or 0.25.
    Percent,
    /// An amount of money.
    Money,
    /// A count of people, orders or visitors.
    Count,
    /// A multiple or ratio (ROAS 5, LTV ×2.5).
    Ratio,
    /// A number of days.
    Days,
    /// A plain number (a z-value, a p-value).
    Number,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerError {
    Empty,
    NotANumber,
}

/// Decorations that do not change the value: currency, multiples, days, spaces.
const DECORATIONS: [&str; 16] = [
    "¥", "￥", "元", "rmb", "cny", "yuan", "×", "倍", "x", "天", "days", "day", "d", "人", "单",
    "次",
];

/// The numbers `raw` may mean, as a fraction when `unit` is a percent: `25%` means
/// 0.25 only; `25` and `0.25` both may mean 25 % (the check takes either).
pub fn readings(raw: &str, unit: Unit) -> Result<Vec<f64>, AnswerError> {
    // Every word looked for is ASCII or Chinese: ASCII case folding is enough.
    let mut text = raw.trim().to_ascii_lowercase();
    if text.is_empty() {
        return Err(AnswerError::Empty);
    }
    for word in ["个百分点", "百分点", "pp", "points", "point"] {
        text = text.replace(word, "%");
    }
    for d in DECORATIONS {
        text = text.replace(d, "");
    }
    let percent = text.contains('%') || text.contains('％');
    let x = parse_number(&text).map_err(|_| AnswerError::NotANumber)?;
    Ok(match (unit, percent) {
        (Unit::Percent, true) => vec![x / 100.0],
        (Unit::Percent, false) => vec![x / 100.0, x],
        // A percent sign on anything else is read as the percent it says.
        (_, true) => vec![x / 100.0],
        (_, false) => vec![x],
    })
}

/// How far an answer is from the right one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grade {
    /// Within the exercise's tolerance.
    Right,
    /// Outside it, but within `CLOSE_TOLERANCES` of it: a rounding or last-step slip.
    Close,
    /// Further off: a hint at the usual mistake, not "almost".
    Wrong,
}

/// "Close" is at most this many times the tolerance away: an answer ten times off
/// is not almost right.
pub const CLOSE_TOLERANCES: f64 = 3.0;

/// How `raw` answers `expected`, the tolerance being relative with an absolute floor
/// of a hundredth of a percentage point for rates near zero; of the readings of
/// `raw` (25 may mean 25 % or 25) the closest counts.
pub fn grade(raw: &str, unit: Unit, expected: f64, tolerance: f64) -> Result<Grade, AnswerError> {
    let floor = if unit == Unit::Percent { 1e-4 } else { 1e-9 };
    let allowed = tolerance * expected.abs() + floor;
    let off = readings(raw, unit)?
        .iter()
        .map(|x| (x - expected).abs())
        .fold(f64::INFINITY, f64::min);
    Ok(if off <= allowed {
        Grade::Right
    } else if off <= CLOSE_TOLERANCES * allowed {
        Grade::Close
    } else {
        Grade::Wrong
    })
}

/// Whether `raw` answers `expected` within `tolerance` (see `grade`).
pub fn check(raw: &str, unit: Unit, expected: f64, tolerance: f64) -> Result<bool, AnswerError> {
    Ok(grade(raw, unit, expected, tolerance)? == Grade::Right)
}

/// The right answer as the solution prints it, in the reader's language.
pub fn formatted(unit: Unit, x: f64, zh: bool) -> String {
    match unit {
        Unit::Percent => format::pct(x, 3),
        Unit::Money => format::money(x, zh),
        Unit::Count => format::count(x),
        Unit::Days => format::days(x, zh),
        Unit::Ratio | Unit::Number => format::sig(x, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_answers_check_as_right() {
        // What the solution prints must itself be accepted as the answer.
        for (unit, x) in [
            (Unit::Percent, 1.9),
            (Unit::Percent, 0.1426),
            (Unit::Money, 62.5),
            (Unit::Money, 900_000.0),
            (Unit::Count, 31_231.0),
            (Unit::Days, 13.0),
            (Unit::Ratio, 2.4),
            (Unit::Number, 0.0583),
        ] {
            for zh in [false, true] {
                let text = formatted(unit, x, zh);
                assert_eq!(check(&text, unit, x, 0.01), Ok(true), "{text}");
            }
        }
    }

    #[test]
    fn almost_is_only_a_few_tolerances_away() {
        // ROI 50 %, tolerance 1 % of it: 0.5 ± 0.005 is right, ± 0.015 close.
        let g = |raw: &str| grade(raw, Unit::Percent, 0.5, 0.01);
        assert_eq!(g("50%"), Ok(Grade::Right));
        assert_eq!(g("50.4%"), Ok(Grade::Right));
        assert_eq!(g("51%"), Ok(Grade::Close));
        assert_eq!(g("48.6%"), Ok(Grade::Close));
        assert_eq!(g("52%"), Ok(Grade::Wrong));
        // Ten times off, or GMV ÷ cost instead of ROI: a hint, never "almost".
        assert_eq!(g("5%"), Ok(Grade::Wrong));
        assert_eq!(g("600%"), Ok(Grade::Wrong));
        // The closest reading counts: 50 read as 50 % is right.
        assert_eq!(g("50"), Ok(Grade::Right));
        assert_eq!(g(""), Err(AnswerError::Empty));
    }

    fn ok(raw: &str, unit: Unit, expected: f64) -> bool {
        check(raw, unit, expected, 0.01) == Ok(true)
    }

    #[test]
    fn percents_in_every_usual_form() {
        for raw in ["190%", "190", "1.9", "190 %", "１９０％", "190.4%"] {
            assert!(ok(raw, Unit::Percent, 1.9), "{raw}");
        }
        assert!(!ok("19%", Unit::Percent, 1.9));
        assert!(!ok("0.019", Unit::Percent, 1.9));
        assert!(ok("12.82%", Unit::Percent, 0.1282));
        assert!(ok("0.1282", Unit::Percent, 0.1282));
        assert!(ok("2个百分点", Unit::Percent, 0.02));
        assert!(ok("2pp", Unit::Percent, 0.02));
    }

    #[test]
    fn money_counts_and_multiples() {
        for raw in ["62.5", "¥62.5", "62.5元", "62.50"] {
            assert!(ok(raw, Unit::Money, 62.5), "{raw}");
        }
        for raw in [
            "5000000",
            "5,000,000",
            "500万",
            "500万元",
            "0.05亿",
            "¥5,000,000",
        ] {
            assert!(ok(raw, Unit::Money, 5e6), "{raw}");
        }
        assert!(ok("31,234", Unit::Count, 31_234.0));
        assert!(ok("3.1万", Unit::Count, 31_234.0));
        for raw in ["2.4", "2.4x", "×2.4", "2.4倍", "x2.4"] {
            assert!(ok(raw, Unit::Ratio, 2.4), "{raw}");
        }
        assert!(ok("14天", Unit::Days, 14.0));
        assert!(ok("14 days", Unit::Days, 14.0));
        assert!(!ok("13", Unit::Days, 14.0));
    }

    #[test]
    fn unreadable_answers_are_typed_errors() {
        assert_eq!(check("", Unit::Money, 1.0, 0.01), Err(AnswerError::Empty));
        assert_eq!(check("  ", Unit::Money, 1.0, 0.01), Err(AnswerError::Empty));
        assert_eq!(
            check("abc", Unit::Money, 1.0, 0.01),
            Err(AnswerError::NotANumber)
        );
        assert_eq!(
            check("NaN", Unit::Number, 1.0, 0.01),
            Err(AnswerError::NotANumber)
        );
        assert_eq!(
            check("1e309", Unit::Number, 1.0, 0.01),
            Err(AnswerError::NotANumber)
        );
        assert_eq!(
            check("<b>5</b>", Unit::Number, 5.0, 0.01),
            Err(AnswerError::NotANumber)
        );
    }
}
