//! The query string inside the hash (`#/design?p=20&mde=5`) ⇄ a page's raw field values.
//!
//! Pages keep every field as the text the user typed, so that a malformed value in a
//! link is shown back with its error instead of being dropped or crashing the page.

/// A parameter of a page: its name in the URL and its default text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub default: &'static str,
}

/// The raw values of a page's parameters, travelling with the page's `Param` list so
/// that a value is looked up by its name alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Values {
    params: &'static [Param],
    values: Vec<String>,
}

impl Values {
    pub fn defaults(params: &'static [Param]) -> Values {
        Values {
            params,
            values: params.iter().map(|p| p.default.to_string()).collect(),
        }
    }

    /// The page's parameter list these values belong to.
    pub fn params(&self) -> &'static [Param] {
        self.params
    }

    /// Values from a query string; a parameter that is missing takes its default,
    /// unknown parameters are ignored, a repeated parameter keeps its last value.
    pub fn from_query(params: &'static [Param], query: &str) -> Values {
        let mut values = Values::defaults(params);
        for (key, value) in parse_pairs(query) {
            if let Some(i) = params.iter().position(|p| p.name == key) {
                if let Some(slot) = values.values.get_mut(i) {
                    *slot = value;
                }
            }
        }
        values
    }

    /// As `from_query`, but a query that names none of `params` (an empty one, or only
    /// `lang=`) gives the worked example `example`, so that no page opens blank.
    pub fn from_query_or_example(params: &'static [Param], query: &str, example: &str) -> Values {
        let names_a_param = parse_pairs(query)
            .iter()
            .any(|(k, _)| params.iter().any(|p| p.name == k));
        Values::from_query(params, if names_a_param { query } else { example })
    }

    /// The text of parameter `name` ("" for a name the page does not have).
    pub fn get(&self, name: &str) -> &str {
        self.params
            .iter()
            .position(|p| p.name == name)
            .and_then(|i| self.values.get(i))
            .map_or("", String::as_str)
    }

    pub fn set(&mut self, name: &str, value: String) {
        if let Some(slot) = self
            .params
            .iter()
            .position(|p| p.name == name)
            .and_then(|i| self.values.get_mut(i))
        {
            *slot = value;
        }
    }

    /// The query string for these values: every parameter whose text differs from its
    /// default, in the page's order, so links stay short and read like the contract.
    pub fn to_query(&self) -> String {
        let mut out = String::new();
        for (p, v) in self.params.iter().zip(&self.values) {
            if v != p.default {
                if !out.is_empty() {
                    out.push('&');
                }
                out.push_str(p.name);
                out.push('=');
                encode_into(&mut out, v);
            }
        }
        out
    }
}

/// The link that reopens a page: the address before its `#`, the route, the page's
/// query and the language (`lang=`), so whoever opens it sees the same numbers in the
/// same language. `page_url` may carry an old hash, which is dropped.
pub fn share_link(page_url: &str, route_path: &str, query: &str, lang_code: &str) -> String {
    let base = page_url.split('#').next().unwrap_or(page_url);
    let mut out = format!("{base}#{route_path}?");
    if !query.is_empty() {
        out.push_str(query);
        out.push('&');
    }
    out.push_str("lang=");
    encode_into(&mut out, lang_code);
    out
}

/// Appends `name=value` to a query string (`&` first unless it is empty), the value
/// percent-encoded.
pub fn push_pair(query: &mut String, name: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(name);
    query.push('=');
    encode_into(query, value);
}

/// `a=1&b=x%20y` → `[("a","1"), ("b","x y")]`. `+` is a space, as in forms.
pub fn parse_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// One value of a query string, or `None` when absent.
pub fn find(query: &str, name: &str) -> Option<String> {
    parse_pairs(query)
        .into_iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Percent-decoding that never fails: a broken escape is kept as typed, and bytes that
/// are not UTF-8 become U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes everything but letters, digits and `-._~,` (commas keep lists readable).
pub fn encode_into(out: &mut String, s: &str) {
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b',') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 15));
        }
    }
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).map_or('0', |c| c.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAMS: &[Param] = &[
        Param {
            name: "p",
            default: "5",
        },
        Param {
            name: "mde",
            default: "10",
        },
        Param {
            name: "cost_label",
            default: "",
        },
    ];

    #[test]
    fn pairs_append_encoded() {
        let mut q = String::new();
        push_pair(&mut q, "case", "sales-up");
        push_pair(&mut q, "lang", "zh");
        push_pair(&mut q, "stages", "Product page,Paid");
        // Commas stay: list parameters are comma-separated.
        assert_eq!(q, "case=sales-up&lang=zh&stages=Product%20page,Paid");
        assert_eq!(find(&q, "stages").as_deref(), Some("Product page,Paid"));
    }

    #[test]
    fn share_links_keep_the_language() {
        assert_eq!(
            share_link(
                "https://example.com/kit/#/design?p=3",
                "/design",
                "p=5&mde=10",
                "zh"
            ),
            "https://example.com/kit/#/design?p=5&mde=10&lang=zh"
        );
        assert_eq!(
            share_link("http://127.0.0.1:8080/", "/roi", "", "en"),
            "http://127.0.0.1:8080/#/roi?lang=en"
        );
    }

    #[test]
    fn missing_take_defaults_unknown_ignored() {
        let v = Values::from_query(PARAMS, "mde=5&zzz=1&p=20");
        assert_eq!(v.values, vec!["20", "5", ""]);
        assert_eq!(v.get("mde"), "5");
        assert_eq!(v.get("nope"), "");
    }

    #[test]
    fn writes_only_what_differs() {
        let mut v = Values::defaults(PARAMS);
        assert_eq!(v.to_query(), "");
        v.set("mde", "5".into());
        v.set("cost_label", "流量,KOL & 达人".into());
        let q = v.to_query();
        assert_eq!(
            q,
            "mde=5&cost_label=%E6%B5%81%E9%87%8F,KOL%20%26%20%E8%BE%BE%E4%BA%BA"
        );
        assert_eq!(Values::from_query(PARAMS, &q), v);
    }

    #[test]
    fn example_only_when_no_parameter_is_given() {
        let ex = "p=3&mde=18";
        assert_eq!(
            Values::from_query_or_example(PARAMS, "", ex).values,
            vec!["3", "18", ""]
        );
        assert_eq!(
            Values::from_query_or_example(PARAMS, "lang=zh", ex).values,
            vec!["3", "18", ""]
        );
        assert_eq!(
            Values::from_query_or_example(PARAMS, "mde=2", ex).values,
            vec!["5", "2", ""]
        );
    }

    #[test]
    fn malformed_escapes_do_not_fail() {
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(find("?lang=zh&x=1", "lang").as_deref(), Some("zh"));
        assert_eq!(find("x=1", "lang"), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_values_survive_a_round_trip(a in "\\PC{0,20}", b in "\\PC{0,20}", c in "\\PC{0,20}") {
            let mut v = Values::defaults(tests_params());
            v.set("p", a);
            v.set("mde", b);
            v.set("cost_label", c);
            let q = v.to_query();
            prop_assert_eq!(Values::from_query(tests_params(), &q), v);
        }

        #[test]
        fn decoding_never_panics(s in "\\PC{0,40}") {
            let _ = Values::from_query(tests_params(), &s);
        }
    }

    fn tests_params() -> &'static [Param] {
        &[
            Param {
                name: "p",
                default: "5",
            },
            Param {
                name: "mde",
                default: "10",
            },
            Param {
                name: "cost_label",
                default: "",
            },
        ]
    }
}
