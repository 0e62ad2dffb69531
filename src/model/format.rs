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
    let s = format!("{:.*}", decimals, x.abs());
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
    let s = pct(fraction, digits);
    if fraction > 0.0 && !s.starts_with('0') {
        format!("+{s}")
    } else {
        s
    }
}

/// A p-value: four decimals, or `< 0.0001`.
pub fn p_value(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".into()
    } else {
        num(p, 4)
    }
}

/// Money. English: grouped, cents only below 1,000. Chinese: 万 and 亿 above 10,000.
pub fn money(x: f64, zh: bool) -> String {
    let a = x.abs();
    if zh && a >= 1e8 {
        let mut s = num(x / 1e8, 2);
        s.push_str(" 亿");
        s
    } else if zh && a >= 1e4 {
        let mut s = num(x / 1e4, 2);
        s.push_str(" 万");
        s
    } else if a >= 1000.0 {
        num(x, 0)
    } else {
        num(x, 2)
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
        assert_eq!(num(-12.25, 1), "−12.2");
        assert_eq!(num(f64::NAN, 2), "–");
        assert_eq!(sig(0.0012345, 3), "0.00123");
        assert_eq!(sig(123456.7, 3), "123,457");
    }

    #[test]
    fn percents() {
        assert_eq!(pct(0.056, 3), "5.6%");
        assert_eq!(pct(1.9, 3), "190%");
        assert_eq!(signed_pct(0.12, 3), "+12%");
        assert_eq!(signed_pct(-0.12, 3), "−12%");
        assert_eq!(p_value(0.00001), "< 0.0001");
        assert_eq!(p_value(0.04567), "0.0457");
    }

    #[test]
    fn money_by_language() {
        assert_eq!(money(2_900_000.0, false), "2,900,000");
        assert_eq!(money(2_900_000.0, true), "290 万");
        assert_eq!(money(350_000_000.0, true), "3.5 亿");
        assert_eq!(money(12.5, true), "12.5");
    }

    #[test]
    fn contract_values_are_rust_display() {
        assert_eq!(contract_value(0.056), "0.056");
        assert_eq!(contract_value(1.9), "1.9");
        assert_eq!(contract_value(31231.0), "31231");
    }

    #[test]
    fn coordinates() {
        let mut s = String::new();
        push_coord(&mut s, -0.0001);
        s.push(' ');
        push_coord(&mut s, 12.34567);
        assert_eq!(s, "0 12.346");
    }
}
