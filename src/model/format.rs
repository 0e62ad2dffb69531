//! Human formatting of numbers, and the contract's machine formatting.
//!
//! Both languages write digits the same way (`1,234.5`, `5.6%`); Chinese readers
//! additionally expect large money amounts in 万 / 亿, which `money` does for zh.

use std::fmt::Write;

/// The contract's `data-value`: Rust's `{}` of the `f64`, full precision.
pub fn contract_value(x: f64) -> String {
    format!("{x}")
}

/// Groups the digits of a whole number: `1234567` → `1,234,567`.
pub fn int(n: u64) -> String {
    group_digits(&n.to_string())
}

fn group_digits(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number with at most `decimals` decimals, trailing zeros removed, digits grouped.
pub fn num(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "–".into()
        } else if x > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    // Twelve significant digits first: 26,249.999999999996 (float noise from a
    // product of rates) and 26,250 are the same amount and must print the same.
    // Then half away from zero, as people round by hand (2.625 万 → 2.63 万), where
    // formatting alone rounds an exact half to even.
    let s = format!(
        "{:.*}",
        decimals,
        round_half_up(round_significant(x.abs(), 12), decimals)
    );
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (s.as_str(), ""),
    };
    let mut out = String::new();
    // "-0" after rounding is shown as 0.
    if x < 0.0 && (whole.bytes().any(|b| b != b'0') || !frac.is_empty()) {
        out.push('−');
    }
    out.push_str(&group_digits(whole));
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `x` (not negative) rounded to `decimals` decimals, an exact half upwards.
fn round_half_up(x: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(decimals.min(15) as i32);
    let scaled = x * scale;
    // Beyond 2^52 every value is a whole number already.
    if scaled.is_finite() && scaled < 4.5e15 {
        scaled.round() / scale
    } else {
        x
    }
}

/// `x` rounded to `digits` significant digits (finite, non-zero `x`).
fn round_significant(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(digits - 1 - magnitude);
    if scale.is_finite() && scale > 0.0 && (x * scale).is_finite() {
        (x * scale).round() / scale
    } else {
        x
    }
}

/// `sig` significant digits (at least the integer part), grouped: `0.0012345` → `0.00123`.
pub fn sig(x: f64, sig: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return num(x, 0);
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (sig as i32 - 1 - magnitude).clamp(0, 12) as usize;
    num(x, decimals)
}

/// A fraction shown as percent with `sig` significant digits: `0.05612` → `5.61%`.
pub fn pct(fraction: f64, digits: usize) -> String {
    let mut s = sig(fraction * 100.0, digits);
    s.push('%');
    s
}

/// A signed percent, for lifts: `+5.6%`, `−2%`.
pub fn signed_pct(fraction: f64, digits: usize) -> String {
    with_plus(fraction, pct(fraction, digits))
}

/// `shown`, the formatting of `x`, with its sign: every positive change carries a
/// "+" (`+0.83%`, `+8`); one that rounds to zero does not.
fn with_plus(x: f64, shown: String) -> String {
    if x > 0.0 && shown.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        format!("+{shown}")
    } else {
        shown
    }
}

/// A signed difference of means, `digits` significant: `+8`, `−1.25`.
pub fn signed_sig(x: f64, digits: usize) -> String {
    with_plus(x, sig(x, digits))
}

/// A difference of two rates (fractions) in signed percentage points, without the
/// unit: `0.006` → `+0.6`.
pub fn signed_points(fraction: f64) -> String {
    let points = sig(fraction * 100.0, 3);
    if fraction > 0.0 && points != "0" {
        format!("+{points}")
    } else {
        points
    }
}

/// A p-value: four decimals, two significant digits below 0.001 (`0.00015`, so
/// that a case can quote the number the page shows), or `< 0.0001`.
pub fn p_value(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".into()
    } else if p < 0.001 {
        sig(p, 2)
    } else {
        num(p, 4)
    }
}

/// A p-value as it reads in a sentence: `p = 0.0583`, or `p < 0.0001` (never
/// `p = < 0.0001`).
pub fn p_statement(p: f64) -> String {
    if p < 0.0001 {
        "p < 0.0001".into()
    } else {
        format!("p = {}", p_value(p))
    }
}

/// The unit a money amount (or a column of them) is written in. Chinese readers
/// expect 万 and 亿 above ten thousand; a column uses one unit for all its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyUnit {
    Yuan,
    Wan,
    Yi,
}

impl MoneyUnit {
    /// The unit for an amount of this size.
    pub fn for_amount(x: f64, zh: bool) -> MoneyUnit {
        let a = x.abs();
        if !zh || !a.is_finite() {
            MoneyUnit::Yuan
        } else if a >= 1e8 {
            MoneyUnit::Yi
        } else if a >= 1e4 {
            MoneyUnit::Wan
        } else {
            MoneyUnit::Yuan
        }
    }

    /// One unit for a column: the unit of its largest amount.
    pub fn for_column(values: impl IntoIterator<Item = f64>, zh: bool) -> MoneyUnit {
        let largest = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold(0.0_f64, |m, v| m.max(v.abs()));
        MoneyUnit::for_amount(largest, zh)
    }

    fn divisor(self) -> f64 {
        match self {
            MoneyUnit::Yuan => 1.0,
            MoneyUnit::Wan => 1e4,
            MoneyUnit::Yi => 1e8,
        }
    }
}

/// Decimals for a scaled amount: four significant digits, at most two decimals
/// (`1.24`, `26.25`, `163.4`, `1,235`).
fn money_decimals(scaled: f64) -> usize {
    let a = scaled.abs();
    if a < 100.0 {
        2
    } else if a < 1000.0 {
        1
    } else {
        0
    }
}

/// The digits of a money amount in `unit`, without a currency mark. Whole yuan from
/// 1,000 up; cents below.
fn money_digits(x: f64, unit: MoneyUnit) -> String {
    match unit {
        MoneyUnit::Yuan if x.abs() >= 1000.0 => num(x, 0),
        MoneyUnit::Yuan => num(x, 2),
        _ => {
            let scaled = x / unit.divisor();
            num(scaled, money_decimals(scaled))
        }
    }
}

/// Money in `unit`. English: `¥2,900,000`, `−¥1,200`, `¥12.5`. Chinese: `290 万元`,
/// `3.5 亿元`, `12.5 元`.
pub fn money_in(x: f64, zh: bool, unit: MoneyUnit) -> String {
    if !x.is_finite() {
        return num(x, 0);
    }
    let digits = money_digits(x, unit);
    if zh {
        let mark = match unit {
            MoneyUnit::Yuan => " 元",
            MoneyUnit::Wan => " 万元",
            MoneyUnit::Yi => " 亿元",
        };
        format!("{digits}{mark}")
    } else {
        match digits.strip_prefix('−') {
            Some(abs) => format!("−¥{abs}"),
            None => format!("¥{digits}"),
        }
    }
}

/// Money in the unit its size calls for.
pub fn money(x: f64, zh: bool) -> String {
    money_in(x, zh, MoneyUnit::for_amount(x, zh))
}

/// A change of money with its sign: `+¥52,500`, `−12.5 万元`.
pub fn signed_money_in(x: f64, zh: bool, unit: MoneyUnit) -> String {
    with_plus(x, money_in(x, zh, unit))
}

/// A change of money with its sign, in the unit its size calls for.
pub fn signed_money(x: f64, zh: bool) -> String {
    signed_money_in(x, zh, MoneyUnit::for_amount(x, zh))
}

/// Money for a chart axis, short: `¥5M`, `¥250k`; `500万`, `1.5亿`.
pub fn money_tick(x: f64, zh: bool) -> String {
    let a = x.abs();
    if zh {
        let unit = MoneyUnit::for_amount(x, true);
        let scaled = x / unit.divisor();
        let mark = match unit {
            MoneyUnit::Yuan => "",
            MoneyUnit::Wan => "万",
            MoneyUnit::Yi => "亿",
        };
        format!("{}{mark}", sig(scaled, 3))
    } else {
        let (scaled, mark) = if a >= 1e9 {
            (x / 1e9, "B")
        } else if a >= 1e6 {
            (x / 1e6, "M")
        } else if a >= 1e3 {
            (x / 1e3, "k")
        } else {
            (x, "")
        };
        let digits = sig(scaled, 3);
        match digits.strip_prefix('−') {
            Some(abs) => format!("−¥{abs}{mark}"),
            None => format!("¥{digits}{mark}"),
        }
    }
}

/// A whole count, rounded: orders and visitors are never fractional on the page.
pub fn count(x: f64) -> String {
    num(x.round(), 0)
}

/// A large count as the page's money is written: in Chinese 10 万 and up in 万 or
/// 亿 (`3,000 万`, `1.2 亿`), in English and below 10 万 in full (`30,000,000`).
pub fn big_count(x: f64, zh: bool) -> String {
    if !zh || !x.is_finite() || x.abs() < 100_000.0 {
        return count(x);
    }
    let unit = MoneyUnit::for_amount(x, true);
    let mark = match unit {
        MoneyUnit::Yuan => return count(x),
        MoneyUnit::Wan => "万",
        MoneyUnit::Yi => "亿",
    };
    format!("{} {mark}", money_digits(x, unit))
}

/// A signed whole count: `+49`, `−3`, `0`.
pub fn signed_count(x: f64) -> String {
    let s = count(x);
    if x.round() > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// A number of days with its unit: `7 天`; `1 day`, `7 days`.
pub fn days(n: f64, zh: bool) -> String {
    let digits = count(n);
    if zh {
        format!("{digits} 天")
    } else if n.round() == 1.0 {
        format!("{digits} day")
    } else {
        format!("{digits} days")
    }
}

/// Writes `x` with at most 3 decimals into `out`, for SVG coordinates.
pub fn push_coord(out: &mut String, x: f64) {
    let r = (x * 1000.0).round() / 1000.0;
    // `+ 0.0` turns -0 into 0.
    let _ = write!(out, "{}", r + 0.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1,000");
        assert_eq!(int(31231), "31,231");
        assert_eq!(int(1234567), "1,234,567");
    }

    #[test]
    fn numbers_trim_and_sign() {
        assert_eq!(num(1234.5, 2), "1,234.5");
        assert_eq!(num(-0.0001, 2), "0");
        // Halves round away from zero, as by hand (not to even, as `format!` would).
        assert_eq!(num(-12.25, 1), "−12.3");
        assert_eq!(num(f64::NAN, 2), "–");
        assert_eq!(sig(0.0012345, 3), "0.00123");
        assert_eq!(sig(123456.7, 3), "123,457");
    }

    #[test]
    fn percents_and_p_values_round_as_shown() {
        assert_eq!(pct(0.056, 3), "5.6%");
        assert_eq!(pct(1.9, 3), "190%");
        assert_eq!(signed_pct(0.12, 3), "+12%");
        assert_eq!(signed_pct(-0.12, 3), "−12%");
        assert_eq!(signed_pct(0.0083, 3), "+0.83%");
        assert_eq!(signed_pct(1e-16, 3), "0%");
        assert_eq!(signed_sig(8.0, 4), "+8");
        assert_eq!(signed_sig(-1.25, 4), "−1.25");
        assert_eq!(signed_sig(1e-9, 4), "+0.000000001");
        assert_eq!(signed_sig(0.0, 4), "0");
        assert_eq!(p_value(0.00001), "< 0.0001");
        assert_eq!(p_value(0.000148), "0.00015");
        assert_eq!(p_value(0.0583), "0.0583");
        assert_eq!(p_value(0.04567), "0.0457");
    }

    #[test]
    fn money_reads_in_each_language() {
        assert_eq!(money(2_900_000.0, false), "¥2,900,000");
        assert_eq!(money(-1_200.0, false), "−¥1,200");
        assert_eq!(money(12.5, false), "¥12.5");
        assert_eq!(money(2_900_000.0, true), "290 万元");
        assert_eq!(money(1_633_800.0, true), "163.4 万元");
        assert_eq!(money(1_900_000.0, true), "190 万元");
        assert_eq!(money(350_000_000.0, true), "3.5 亿元");
        assert_eq!(money(12.5, true), "12.5 元");
        assert_eq!(money(9_999.0, true), "9,999 元");
        assert_eq!(money(-125_000.0, true), "−12.5 万元");
    }

    #[test]
    fn money_keeps_four_significant_digits_in_wan() {
        // 26,250 and the same amount with float noise must print the same.
        assert_eq!(money(26_250.0, true), money(26_249.999_999_999_996, true));
        assert_eq!(num(2.624_999_999_999_999_6, 2), num(2.625, 2));
        assert_eq!(money(12_345.0, true), "1.23 万元");
        // An exact half rounds away from zero, as by hand: 26,250 元 is 2.625 万.
        assert_eq!(money(26_250.0, true), "2.63 万元");
        assert_eq!(big_count(30_000_000.0, true), "3,000 万");
        assert_eq!(big_count(120_000_000.0, true), "1.2 亿");
        assert_eq!(big_count(5_000.0, true), "5,000");
        assert_eq!(big_count(30_000_000.0, false), "30,000,000");
        assert_eq!(money(-26_250.0, true), "−2.63 万元");
        assert_eq!(money(9_999.0, true), "9,999 元");
        assert_eq!(money(123_456_789.0, true), "1.23 亿元");
        assert_eq!(money(12_345_678.0, true), "1,235 万元");
    }

    #[test]
    fn a_money_column_uses_one_unit() {
        let column = [105_000.0, 6_562.5, -900.0];
        let unit = MoneyUnit::for_column(column, true);
        assert_eq!(unit, MoneyUnit::Wan);
        assert_eq!(signed_money_in(105_000.0, true, unit), "+10.5 万元");
        assert_eq!(signed_money_in(6_562.5, true, unit), "+0.66 万元");
        assert_eq!(signed_money_in(-900.0, true, unit), "−0.09 万元");
        assert_eq!(MoneyUnit::for_column(column, false), MoneyUnit::Yuan);
        assert_eq!(signed_money(52_500.0, false), "+¥52,500");
        assert_eq!(signed_money(0.0, false), "¥0");
    }

    #[test]
    fn money_ticks_are_short() {
        assert_eq!(money_tick(5_000_000.0, false), "¥5M");
        assert_eq!(money_tick(250_000.0, false), "¥250k");
        assert_eq!(money_tick(-2_000.0, false), "−¥2k");
        assert_eq!(money_tick(5_000_000.0, true), "500万");
        assert_eq!(money_tick(150_000_000.0, true), "1.5亿");
        assert_eq!(money_tick(800.0, true), "800");
    }

    #[test]
    fn days_and_counts_are_whole() {
        assert_eq!(days(7.0, true), "7 天");
        assert_eq!(days(7.0, false), "7 days");
        assert_eq!(days(1.0, false), "1 day");
        assert_eq!(days(365.0, false), "365 days");
        assert_eq!(count(48.75), "49");
        assert_eq!(signed_count(48.75), "+49");
        assert_eq!(signed_count(-0.2), "0");
        assert_eq!(count(31_231.0), "31,231");
    }

    #[test]
    fn points_carry_their_sign() {
        assert_eq!(signed_points(0.006), "+0.6");
        assert_eq!(signed_points(-0.000213), "−0.0213");
        assert_eq!(signed_points(0.0), "0");
    }

    #[test]
    fn p_values_in_sentences() {
        assert_eq!(p_statement(0.058_257), "p = 0.0583");
        assert_eq!(p_statement(0.000_01), "p < 0.0001");
        assert_eq!(p_statement(1.0), "p = 1");
    }

    #[test]
    fn contract_values_are_rust_display() {
        assert_eq!(contract_value(0.056), "0.056");
        assert_eq!(contract_value(1.9), "1.9");
        assert_eq!(contract_value(31231.0), "31231");
    }

    #[test]
    fn coordinates_print_three_decimals_and_no_negative_zero() {
        let mut s = String::new();
        push_coord(&mut s, -0.0001);
        s.push(' ');
        push_coord(&mut s, 12.34567);
        assert_eq!(s, "0 12.346");
    }
}
