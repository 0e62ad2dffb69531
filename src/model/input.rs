//! Parsing what people type (or paste, or put in a link) into checked numbers.
//!
//! Every field of every page goes through here, so that no model ever sees an
//! unchecked value and no input, however odd, can panic the page.

/// What a field accepts. Percent fields are typed as percent (`2.5` is 2.5 %) and
/// returned as typed; callers divide by 100.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub min_inclusive: bool,
    pub max: f64,
    pub max_inclusive: bool,
    pub whole: bool,
}

impl Bounds {
    /// A percentage strictly between 0 and 100 (a rate, alpha, power).
    pub const OPEN_PERCENT: Bounds = Bounds::range(0.0, false, 100.0, false);
    /// A percentage from 0 to 100 inclusive (a margin, a share).
    pub const PERCENT: Bounds = Bounds::range(0.0, true, 100.0, true);
    /// An amount of money or a count that may be zero, up to 10^15.
    pub const NON_NEGATIVE: Bounds = Bounds::range(0.0, true, 1e15, true);
    /// A strictly positive amount up to 10^15.
    pub const POSITIVE: Bounds = Bounds::range(0.0, false, 1e15, true);
    /// A whole count of people or events, up to ten billion: more than any shop's traffic,
    /// small enough that every derived sum stays exact in an `f64`.
    pub const COUNT: Bounds = Bounds {
        whole: true,
        ..Bounds::range(0.0, true, 1e10, true)
    };

    pub const fn range(min: f64, min_inclusive: bool, max: f64, max_inclusive: bool) -> Bounds {
        Bounds {
            min,
            min_inclusive,
            max,
            max_inclusive,
            whole: false,
        }
    }

    pub const fn whole(self) -> Bounds {
        Bounds {
            whole: true,
            ..self
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InputError {
    Empty,
    NotANumber,
    NotWhole,
    /// Below the minimum; `inclusive` says whether the minimum itself is allowed.
    TooSmall {
        min: f64,
        inclusive: bool,
    },
    TooLarge {
        max: f64,
        inclusive: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ListError {
    Empty,
    TooFew {
        min: usize,
    },
    TooMany {
        max: usize,
    },
    /// Item `index` (0-based) is not acceptable.
    Item {
        index: usize,
        error: InputError,
    },
}

/// Full-width digits and punctuation, as a Chinese input method types them, become ASCII.
fn normalize(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '，' => ',',
        '－' | '−' => '-',
        '＋' => '+',
        '％' => '%',
        _ => c,
    }
}

/// Reads one number. Accepts `1,234.5`, `1234.5`, `12%`, `5万`, `1.2亿`, `3e6`,
/// money marks (`¥1,200`, `￥300`, `5万元`), full-width digits and surrounding
/// spaces; rejects anything else.
pub fn parse_number(raw: &str) -> Result<f64, InputError> {
    let s: String = raw
        .chars()
        .map(normalize)
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err(InputError::Empty);
    }
    // Money as it is written: a leading ¥ (after a minus sign, if any) and a
    // trailing 元, as in `¥1,200`, `-¥300`, `5万元`.
    let s = s.strip_suffix('元').unwrap_or(&s);
    let (minus, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let unsigned = unsigned.strip_prefix(['¥', '￥']).unwrap_or(unsigned);
    let s = if minus {
        format!("-{unsigned}")
    } else {
        unsigned.to_string()
    };
    let s = s.strip_suffix('%').unwrap_or(&s);
    let (s, scale) = if let Some(rest) = s.strip_suffix('万') {
        (rest, 1e4)
    } else if let Some(rest) = s.strip_suffix('亿') {
        (rest, 1e8)
    } else {
        (s, 1.0)
    };
    let plain = strip_thousands(s).ok_or(InputError::NotANumber)?;
    // Only digits, one dot, a sign and an exponent: Rust's parser would also take
    // "inf" and "NaN", which are not numbers anybody means.
    if !plain
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        || !plain.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(InputError::NotANumber);
    }
    let x: f64 = plain.parse().map_err(|_| InputError::NotANumber)?;
    let x = x * scale;
    if x.is_finite() {
        Ok(x)
    } else {
        Err(InputError::NotANumber)
    }
}

/// `1,234,567.5` → `1234567.5`; commas must group by three or the text is refused,
/// so that `1,5` (a European decimal) is not silently read as 15.
fn strip_thousands(s: &str) -> Option<String> {
    if !s.contains(',') {
        return Some(s.to_string());
    }
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = int_part.trim_start_matches(['-', '+']);
    let sign = int_part.strip_suffix(digits).unwrap_or_default();
    let mut groups = digits.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut out = String::from(sign);
    out.push_str(first);
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Reads one number and checks it against `bounds`.
pub fn parse_bounded(raw: &str, bounds: Bounds) -> Result<f64, InputError> {
    let x = parse_number(raw)?;
    check(x, bounds)
}

pub fn check(x: f64, b: Bounds) -> Result<f64, InputError> {
    if x < b.min || (x == b.min && !b.min_inclusive) {
        return Err(InputError::TooSmall {
            min: b.min,
            inclusive: b.min_inclusive,
        });
    }
    if x > b.max || (x == b.max && !b.max_inclusive) {
        return Err(InputError::TooLarge {
            max: b.max,
            inclusive: b.max_inclusive,
        });
    }
    if b.whole && x.fract() != 0.0 {
        return Err(InputError::NotWhole);
    }
    Ok(x)
}

/// Splits a list field: commas (ASCII or full-width), semicolons, 、 or tabs.
pub fn split_list(raw: &str) -> Vec<&str> {
    raw.split([',', '，', ';', '；', '、', '\t'])
        .map(str::trim)
        .collect()
}

/// Reads a comma list of numbers, each within `bounds`, with `min..=max` items.
pub fn parse_list(
    raw: &str,
    bounds: Bounds,
    min: usize,
    max: usize,
) -> Result<Vec<f64>, ListError> {
    if raw.trim().is_empty() {
        return Err(ListError::Empty);
    }
    let items = split_list(raw);
    if items.len() < min {
        return Err(ListError::TooFew { min });
    }
    if items.len() > max {
        return Err(ListError::TooMany { max });
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            parse_bounded(item, bounds).map_err(|error| ListError::Item { index, error })
        })
        .collect()
}

const LIST_SEPARATORS: [char; 6] = [',', '，', ';', '；', '、', '\t'];

/// One item typed into a per-row field, made safe to store in a comma list: a grouped
/// number such as `10,000` becomes `10000`; any other separator becomes a space.
pub fn list_safe(text: &str) -> String {
    if !text.contains(LIST_SEPARATORS) {
        return text.to_string();
    }
    match parse_number(text) {
        Ok(v) => format!("{v}"),
        Err(_) => text.replace(LIST_SEPARATORS, " "),
    }
}

/// A comma list, or nothing when every item is empty (so links stay clean).
pub fn join_list(items: &[String]) -> String {
    if items.iter().all(|s| s.trim().is_empty()) {
        String::new()
    } else {
        items.join(",")
    }
}

fn items_of(raw: &str, len: usize) -> Vec<String> {
    let mut items: Vec<String> = if raw.trim().is_empty() {
        Vec::new()
    } else {
        split_list(raw).into_iter().map(String::from).collect()
    };
    if items.len() < len {
        items.resize(len, String::new());
    }
    items
}

/// The list `raw` (padded to `len` items) with item `i` replaced by `text`.
pub fn replace_item(raw: &str, len: usize, i: usize, text: &str) -> String {
    let mut items = items_of(raw, len.max(i + 1));
    if let Some(slot) = items.get_mut(i) {
        *slot = list_safe(text);
    }
    join_list(&items)
}

/// The list `raw` (padded to `len` items) with `text` appended.
pub fn push_item(raw: &str, len: usize, text: &str) -> String {
    let mut items = items_of(raw, len);
    items.push(list_safe(text));
    join_list(&items)
}

/// The list `raw` without item `i`.
pub fn remove_item(raw: &str, i: usize) -> String {
    let mut items = items_of(raw, 0);
    if i < items.len() {
        items.remove(i);
    }
    join_list(&items)
}

/// Reads one of a fixed set of words (`binary`, `continuous`, …).
pub fn parse_choice<T: Copy>(raw: &str, choices: &[(&str, T)]) -> Option<T> {
    let raw = raw.trim();
    choices
        .iter()
        .find(|(word, _)| word.eq_ignore_ascii_case(raw))
        .map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse_number("12"), Ok(12.0));
        assert_eq!(parse_number(" 2.5 "), Ok(2.5));
        assert_eq!(parse_number("2.5%"), Ok(2.5));
        assert_eq!(parse_number("1,234,567"), Ok(1_234_567.0));
        assert_eq!(parse_number("-1,234.5"), Ok(-1234.5));
        assert_eq!(parse_number("５万"), Ok(50_000.0));
        assert_eq!(parse_number("1.2亿"), Ok(120_000_000.0));
        assert_eq!(parse_number("１２．５％"), Ok(12.5));
        assert_eq!(parse_number("3e6"), Ok(3e6));
        assert_eq!(parse_number("¥1,200"), Ok(1200.0));
        assert_eq!(parse_number("￥300"), Ok(300.0));
        assert_eq!(parse_number("-¥300"), Ok(-300.0));
        assert_eq!(parse_number("5万元"), Ok(50_000.0));
        assert_eq!(parse_number("¥1.2亿元"), Ok(120_000_000.0));
        assert_eq!(parse_number("128 元"), Ok(128.0));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "abc", "NaN", "inf", "-inf", "1,5", "12,34", ",123", "1..2", "--1", "e5", "1e999", "%",
            "万", "元", "¥", "¥¥5", "5元元", "元5",
        ] {
            assert_eq!(parse_number(bad), Err(InputError::NotANumber), "{bad}");
        }
        assert_eq!(parse_number("   "), Err(InputError::Empty));
    }

    #[test]
    fn bounds_are_checked() {
        let rate = Bounds::OPEN_PERCENT;
        assert_eq!(
            parse_bounded("0", rate),
            Err(InputError::TooSmall {
                min: 0.0,
                inclusive: false
            })
        );
        assert_eq!(
            parse_bounded("100", rate),
            Err(InputError::TooLarge {
                max: 100.0,
                inclusive: false
            })
        );
        assert_eq!(
            parse_bounded("150", Bounds::PERCENT),
            Err(InputError::TooLarge {
                max: 100.0,
                inclusive: true
            })
        );
        assert_eq!(
            parse_bounded("-3", Bounds::NON_NEGATIVE),
            Err(InputError::TooSmall {
                min: 0.0,
                inclusive: true
            })
        );
        assert_eq!(
            parse_bounded("2.5", Bounds::COUNT),
            Err(InputError::NotWhole)
        );
        assert_eq!(
            parse_bounded("1e12", Bounds::COUNT),
            Err(InputError::TooLarge {
                max: 1e10,
                inclusive: true
            })
        );
        assert_eq!(parse_bounded("99.9", rate), Ok(99.9));
    }

    #[test]
    fn lists_read_chinese_separators_and_check_their_length() {
        assert_eq!(
            parse_list("10000,10000", Bounds::COUNT, 2, 10),
            Ok(vec![10000.0, 10000.0])
        );
        assert_eq!(
            parse_list("1， 2、3", Bounds::COUNT, 1, 10),
            Ok(vec![1.0, 2.0, 3.0])
        );
        assert_eq!(
            parse_list("5", Bounds::COUNT, 2, 10),
            Err(ListError::TooFew { min: 2 })
        );
        assert_eq!(parse_list("", Bounds::COUNT, 2, 10), Err(ListError::Empty));
        assert_eq!(
            parse_list("5,x", Bounds::COUNT, 2, 10),
            Err(ListError::Item {
                index: 1,
                error: InputError::NotANumber
            })
        );
        assert_eq!(
            parse_list("1,2,3", Bounds::COUNT, 1, 2),
            Err(ListError::TooMany { max: 2 })
        );
    }

    #[test]
    fn list_edits_keep_commas_out_of_items() {
        assert_eq!(list_safe("10,000"), "10000");
        assert_eq!(list_safe("a,b"), "a b");
        assert_eq!(replace_item("1,2", 3, 2, "9"), "1,2,9");
        assert_eq!(replace_item("", 2, 0, ""), "");
        assert_eq!(replace_item("", 2, 1, "x"), ",x");
        assert_eq!(push_item("1,2", 2, "3"), "1,2,3");
        assert_eq!(push_item("", 2, ""), "");
        assert_eq!(remove_item("1,2,3", 1), "1,3");
        assert_eq!(remove_item(",,", 0), "");
    }

    #[test]
    fn choices_read_case_blind_and_refuse_other_words() {
        let c = [("binary", 1), ("continuous", 2)];
        assert_eq!(parse_choice("Binary", &c), Some(1));
        assert_eq!(parse_choice("other", &c), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics_and_never_returns_non_finite(
            s in prop_oneof!["\\PC{0,24}", "-?[0-9]{1,12}(\\.[0-9]{0,6})?([eE][+-]?[0-9]{1,3})?[%万亿]?"],
        ) {
            prop_assert!(parse_number(&s).is_ok_and(f64::is_finite) || parse_number(&s).is_err());
            let _ = parse_list(&s, Bounds::COUNT, 1, 10);
        }

        #[test]
        fn display_round_trips(x in -1e12f64..1e12) {
            prop_assert_eq!(parse_number(&format!("{x}")), Ok(x));
        }

        #[test]
        fn grouped_integers_round_trip(n in 0u64..10_000_000_000) {
            prop_assert_eq!(parse_number(&crate::model::format::int(n)), Ok(n as f64));
        }
    }
}
