//! A page's inputs and results as a CSV file that Excel and WPS open correctly in
//! Chinese: UTF-8 with a byte-order mark, CRLF line ends, one row per value with the
//! unformatted number in its own column and the text as the page showed it beside it.

use super::input::parse_number;

/// Excel reads a CSV without this mark in the system code page (GBK on Chinese
/// Windows) and shows the Chinese as mojibake.
pub const BOM: char = '\u{FEFF}';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Input,
    Result,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub kind: Kind,
    /// The link parameter or the result's `data-testid`.
    pub id: String,
    pub label: String,
    /// For results the contract's `data-value`; for inputs the text as typed.
    pub value: String,
    /// As shown on the page (a result's formatted text); empty for inputs.
    pub shown: String,
}

/// The words of the file, in the reader's language.
pub struct Header<'a> {
    pub title: &'a str,
    pub link_label: &'a str,
    pub link: &'a str,
    pub exported_label: &'a str,
    pub exported: &'a str,
    /// Column names: kind, id, label, value, shown.
    pub columns: [&'a str; 5],
    /// What the kind column says for inputs and for results.
    pub kinds: [&'a str; 2],
}

/// The value column of an input: a number typed with grouping or in 万 (`1,234` →
/// `1234`) is written plain; a list, a choice or text with `%` stays as typed.
fn plain_number(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.contains('%') {
        return None;
    }
    parse_number(trimmed)
        .ok()
        .filter(|x| x.is_finite())
        .map(|x| format!("{x}"))
}

/// One field: quoted when it holds a separator, a quote, a line break or edge
/// spaces; text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// CR first) is prefixed with `'` so it is shown, not evaluated.
fn field(text: &str, numeric: bool, out: &mut String) {
    let guarded = !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = guarded
        || text.contains([',', '"', '\n', '\r'])
        || text.starts_with(' ')
        || text.ends_with(' ');
    if quote {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// Whether `text` is a signed amount as this kit formats it (`+20%`, `+¥52,500`,
/// `+5.25 万元`, `+0.6 pp`): a spreadsheet may read it as the number it is, and
/// nothing in it can run, so the "shown" column writes it without the `'` that
/// Excel would display.
fn signed_amount(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('+') else {
        return false;
    };
    let rest = rest
        .strip_prefix('¥')
        .or_else(|| rest.strip_prefix('￥'))
        .unwrap_or(rest);
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(digits_end);
    const UNITS: [&str; 12] = [
        "",
        "%",
        "pp",
        "个百分点",
        "元",
        "万元",
        "亿元",
        "万",
        "亿",
        "天",
        "day",
        "days",
    ];
    number.starts_with(|c: char| c.is_ascii_digit()) && UNITS.contains(&unit.trim_start())
}

fn line(fields: &[(&str, bool)], out: &mut String) {
    for (i, (text, numeric)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(text, *numeric, out);
    }
    out.push_str("\r\n");
}

pub fn csv(header: &Header, rows: &[Row]) -> String {
    let mut out = String::new();
    out.push(BOM);
    line(&[(header.title, false)], &mut out);
    line(
        &[(header.link_label, false), (header.link, false)],
        &mut out,
    );
    line(
        &[(header.exported_label, false), (header.exported, false)],
        &mut out,
    );
    out.push_str("\r\n");
    let columns: Vec<(&str, bool)> = header.columns.iter().map(|c| (*c, false)).collect();
    line(&columns, &mut out);
    for row in rows {
        let kind = match row.kind {
            Kind::Input => header.kinds[0],
            Kind::Result => header.kinds[1],
        };
        let number = match row.kind {
            Kind::Result => row.value.parse::<f64>().ok().map(|_| row.value.clone()),
            Kind::Input => plain_number(&row.value),
        };
        let (value, numeric) = match &number {
            Some(n) => (n.as_str(), true),
            None => (row.value.as_str(), false),
        };
        // A result's text is the kit's own formatting: a signed amount stays as shown.
        let shown_safe = row.kind == Kind::Result && signed_amount(&row.shown);
        line(
            &[
                (kind, false),
                (&row.id, false),
                (&row.label, false),
                (value, numeric),
                (&row.shown, shown_safe),
            ],
            &mut out,
        );
    }
    out
}

/// A file name from a page name and a date, without characters file systems refuse.
pub fn file_name(page: &str, date: &str, extension: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_control() || "\\/:*?\"<>|".contains(c) {
                    '-'
                } else {
                    c
                }
            })
            .take(60)
            .collect::<String>()
            .trim()
            .to_string()
    };
    let page = clean(page);
    let page = if page.is_empty() {
        "abkit".into()
    } else {
        page
    };
    format!("{page}-{}.{extension}", clean(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header<'static> {
        Header {
            title: "A/B 测试设计",
            link_label: "链接",
            link: "https://x/#/design?p=5&mde=10",
            exported_label: "导出时间",
            exported: "2026-12-01 18:40",
            columns: ["类型", "编号", "名称", "数值", "显示"],
            kinds: ["输入", "结果"],
        }
    }

    /// A reader as strict as a spreadsheet's: fields split on commas outside quotes.
    fn read(text: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut cell = String::new();
        let mut quoted = false;
        let mut chars = text.trim_start_matches(BOM).chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(std::mem::take(&mut cell)),
                ('\r', false) => {}
                ('\n', false) => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (c, _) => cell.push(c),
            }
        }
        rows
    }

    #[test]
    fn starts_with_the_bom_and_keeps_numbers_plain() {
        let rows = vec![
            Row {
                kind: Kind::Input,
                id: "daily".into(),
                label: "每天访客".into(),
                value: "1,234".into(),
                shown: String::new(),
            },
            Row {
                kind: Kind::Input,
                id: "timing".into(),
                label: "时点".into(),
                value: "25, 50, 100".into(),
                shown: String::new(),
            },
            Row {
                kind: Kind::Result,
                id: "n-control".into(),
                label: "对照组".into(),
                value: "31234".into(),
                shown: "31,234".into(),
            },
            Row {
                kind: Kind::Result,
                id: "lift".into(),
                label: "提升".into(),
                value: "-0.0125".into(),
                shown: "-1.25%".into(),
            },
        ];
        let text = csv(&header(), &rows);
        assert!(text.starts_with('\u{FEFF}'));
        assert!(text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        let cells = read(&text);
        assert_eq!(cells[1], ["链接", "https://x/#/design?p=5&mde=10"]);
        assert_eq!(cells[4], ["类型", "编号", "名称", "数值", "显示"]);
        assert_eq!(cells[5], ["输入", "daily", "每天访客", "1234", ""]);
        assert_eq!(cells[6][3], "25, 50, 100");
        assert_eq!(cells[7], ["结果", "n-control", "对照组", "31234", "31,234"]);
        // A negative number is a number, not a formula.
        assert_eq!(cells[8][3], "-0.0125");
        assert_eq!(cells[8][4], "'-1.25%");
    }

    #[test]
    fn a_signed_result_is_shown_without_an_apostrophe() {
        let result = |id: &str, shown: &str| Row {
            kind: Kind::Result,
            id: id.into(),
            label: "x".into(),
            value: "1".into(),
            shown: shown.into(),
        };
        let rows = vec![
            result("gmv-delta-rel", "+20%"),
            result("gmv-delta", "+¥52,500"),
            result("gmv-delta-zh", "+5.25 万元"),
            result("lift-abs", "+0.6 pp"),
            result("lift-abs-zh", "+0.6 个百分点"),
            // Anything else that starts like a formula keeps its guard.
            result("odd", "+A1"),
            result("dde", "+cmd|' /C calc'!A0"),
        ];
        let cells = read(&csv(&header(), &rows));
        let shown: Vec<&str> = cells[5..].iter().map(|r| r[4].as_str()).collect();
        assert_eq!(
            shown,
            [
                "+20%",
                "+¥52,500",
                "+5.25 万元",
                "+0.6 pp",
                "+0.6 个百分点",
                "'+A1",
                "'+cmd|' /C calc'!A0"
            ]
        );
        // Typed text is guarded as before, even when it looks like an amount.
        let typed = vec![Row {
            kind: Kind::Input,
            id: "names".into(),
            label: "x".into(),
            value: "+20%".into(),
            shown: "+20%".into(),
        }];
        assert_eq!(read(&csv(&header(), &typed))[5][4], "'+20%");
    }

    #[test]
    fn typed_text_cannot_become_a_formula_or_break_the_columns() {
        let rows = vec![Row {
            kind: Kind::Input,
            id: "cost_names".into(),
            label: "x".into(),
            value: "=HYPERLINK(\"http://evil\",\"a,b\")\n@SUM".into(),
            shown: String::new(),
        }];
        let cells = read(&csv(&header(), &rows));
        assert_eq!(cells[5].len(), 5);
        assert_eq!(cells[5][3], "'=HYPERLINK(\"http://evil\",\"a,b\")\n@SUM");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("A/B 测试", "2026-12-01", "csv"),
            "A-B 测试-2026-12-01.csv"
        );
        assert_eq!(file_name("", "d", "svg"), "abkit-d.svg");
    }
}
