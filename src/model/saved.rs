//! Saved calculations: a name and the page's query, per tool, kept in the browser's
//! storage as one versioned JSON document. Reading tolerates anything the storage may
//! hold (nothing, damaged text, an older or a newer format) and says what it found;
//! writing never drops an entry it could not read.

use super::json::{self, Value};

/// The storage key of the document.
pub const STORAGE_KEY: &str = "abkit.saved";
/// Where the ROI page kept its scenarios before there was one store for all pages
/// (format 1: lines of `name<TAB>query`). Read once, moved into the document.
pub const LEGACY_ROI_KEY: &str = "abkit.v1.roi.scenarios";
/// Where a document that could not be read is moved before a new one replaces it.
pub const DAMAGED_KEY: &str = "abkit.saved.damaged";
/// The `format` member that marks the document as this kit's.
pub const FORMAT: &str = "abkit-saved";
/// Format 1 was the ROI page's tab-separated lines; 2 is this document.
pub const VERSION: u32 = 2;
pub const MAX_NAME_CHARS: usize = 80;
/// A link longer than this is not a calculation of this kit (the longest real ones,
/// a significance check with twenty arms, are a few thousand characters).
pub const MAX_QUERY_CHARS: usize = 20_000;
/// Per tool: the storage has room for far more, a list longer than this does not read.
pub const MAX_PER_TOOL: usize = 100;

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The page: `design`, `analyze`, `roi`, `funnel`, `peeking`, `power`.
    pub tool: String,
    pub name: String,
    /// The query that reopens the calculation, without `?`.
    pub query: String,
    /// When it was last saved, milliseconds since 1970; 0 when unknown (format 1).
    pub saved_ms: f64,
}

impl Entry {
    fn to_value(&self) -> Value {
        Value::Object(vec![
            ("tool".into(), Value::String(self.tool.clone())),
            ("name".into(), Value::String(self.name.clone())),
            ("query".into(), Value::String(self.query.clone())),
            ("saved".into(), Value::Number(self.saved_ms)),
        ])
    }

    fn from_value(v: &Value) -> Option<Entry> {
        let tool = v.get("tool")?.as_str()?;
        let name = clean_name(v.get("name")?.as_str()?);
        let query = v.get("query")?.as_str()?;
        let valid_tool =
            !tool.is_empty() && tool.len() <= 32 && tool.bytes().all(|b| b.is_ascii_lowercase());
        if !valid_tool || name.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
            return None;
        }
        let saved_ms = match v.get("saved") {
            None => 0.0,
            Some(s) => s.as_f64().filter(|x| *x >= 0.0)?,
        };
        Some(Entry {
            tool: tool.to_string(),
            name,
            query: query.to_string(),
            saved_ms,
        })
    }
}

/// What reading the storage found besides the entries.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The document is not JSON or not this kit's: nothing could be read. Before the
    /// next save replaces it, it is moved to `DAMAGED_KEY`.
    Unreadable,
    /// Written by a newer version of the kit: its entries are shown as far as they
    /// read, and nothing is written until this page is the newer version too.
    Newer { version: u32 },
    /// Some entries could not be read; they stay in the document untouched.
    Skipped { count: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    entries: Vec<Entry>,
    /// Entries that could not be read, written back as they were.
    unread: Vec<Value>,
    /// Set when the document came from a newer version: writing would lose what it knows.
    read_only: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub store: Store,
    pub problem: Option<Problem>,
    /// Format-1 scenarios were moved in: write the document, then remove the old key.
    pub migrated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    EmptyName,
    /// Rename onto a name this tool already uses.
    NameTaken,
    NotFound,
    /// The tool already keeps `MAX_PER_TOOL` calculations.
    Full,
    /// Storage holds a newer version's document.
    ReadOnly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    New,
    /// A calculation of this name existed and now holds the new query.
    Replaced,
}

/// A name as kept: control characters become spaces, ends trimmed, at most
/// `MAX_NAME_CHARS` characters.
pub fn clean_name(raw: &str) -> String {
    let spaced: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_NAME_CHARS * 2)
        .collect();
    spaced
        .trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Reads the document (`current`) and format-1 ROI scenarios (`legacy_roi`).
pub fn load(current: Option<&str>, legacy_roi: Option<&str>) -> Loaded {
    let (mut store, problem) = match current {
        None => (Store::empty(), None),
        Some(text) => read_document(text),
    };
    let mut migrated = false;
    if let Some(lines) = legacy_roi {
        if !store.read_only {
            for (name, query) in read_legacy(lines) {
                if store.find("roi", &name).is_none() {
                    store.entries.push(Entry {
                        tool: "roi".into(),
                        name,
                        query,
                        saved_ms: 0.0,
                    });
                }
            }
            migrated = true;
        }
    }
    Loaded {
        store,
        problem,
        migrated,
    }
}

fn read_legacy(lines: &str) -> Vec<(String, String)> {
    lines
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, q)| (clean_name(n), q.to_string()))
        .filter(|(n, q)| !n.is_empty() && q.chars().count() <= MAX_QUERY_CHARS)
        .collect()
}

fn read_document(text: &str) -> (Store, Option<Problem>) {
    let Ok(doc) = json::parse(text) else {
        return (Store::empty(), Some(Problem::Unreadable));
    };
    let version = doc
        .get("version")
        .and_then(Value::as_f64)
        .filter(|v| v.fract() == 0.0 && *v >= 1.0 && *v <= f64::from(u32::MAX));
    let (Some(FORMAT), Some(version), Some(items)) = (
        doc.get("format").and_then(Value::as_str),
        version,
        doc.get("entries").and_then(Value::as_array),
    ) else {
        return (Store::empty(), Some(Problem::Unreadable));
    };
    let version = version as u32;
    let mut store = Store::empty();
    for item in items {
        match Entry::from_value(item) {
            Some(e) if store.find(&e.tool, &e.name).is_none() => store.entries.push(e),
            _ => store.unread.push(item.clone()),
        }
    }
    let problem = if version > VERSION {
        store.read_only = true;
        Some(Problem::Newer { version })
    } else if store.unread.is_empty() {
        None
    } else {
        Some(Problem::Skipped {
            count: store.unread.len(),
        })
    };
    (store, problem)
}

impl Store {
    pub fn empty() -> Store {
        Store {
            entries: Vec::new(),
            unread: Vec::new(),
            read_only: false,
        }
    }

    pub fn writable(&self) -> bool {
        !self.read_only
    }

    /// This tool's calculations, most recently saved first.
    pub fn for_tool(&self, tool: &str) -> Vec<&Entry> {
        let mut list: Vec<&Entry> = self.entries.iter().filter(|e| e.tool == tool).collect();
        list.sort_by(|a, b| b.saved_ms.total_cmp(&a.saved_ms));
        list
    }

    fn find(&self, tool: &str, name: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.tool == tool && e.name == name)
    }

    /// Saves `query` under `name` (cleaned) for `tool`, replacing one of that name.
    pub fn save(
        &mut self,
        tool: &str,
        name: &str,
        query: &str,
        now_ms: f64,
    ) -> Result<Saved, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let name = clean_name(name);
        if name.is_empty() {
            return Err(SaveError::EmptyName);
        }
        let saved_ms = if now_ms.is_finite() {
            now_ms.max(0.0)
        } else {
            0.0
        };
        if let Some(i) = self.find(tool, &name) {
            if let Some(e) = self.entries.get_mut(i) {
                e.query = query.to_string();
                e.saved_ms = saved_ms;
            }
            return Ok(Saved::Replaced);
        }
        if self.for_tool(tool).len() >= MAX_PER_TOOL {
            return Err(SaveError::Full);
        }
        self.entries.push(Entry {
            tool: tool.to_string(),
            name,
            query: query.to_string(),
            saved_ms,
        });
        Ok(Saved::New)
    }

    pub fn rename(&mut self, tool: &str, from: &str, to: &str) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let to = clean_name(to);
        if to.is_empty() {
            return Err(SaveError::EmptyName);
        }
        let i = self.find(tool, from).ok_or(SaveError::NotFound)?;
        if to != from && self.find(tool, &to).is_some() {
            return Err(SaveError::NameTaken);
        }
        if let Some(e) = self.entries.get_mut(i) {
            e.name = to;
        }
        Ok(())
    }

    pub fn delete(&mut self, tool: &str, name: &str) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let i = self.find(tool, name).ok_or(SaveError::NotFound)?;
        self.entries.remove(i);
        Ok(())
    }

    /// The document to store: this version's entries, then the unread ones as read.
    pub fn to_json(&self) -> String {
        let items = self
            .entries
            .iter()
            .map(Entry::to_value)
            .chain(self.unread.iter().cloned())
            .collect();
        Value::Object(vec![
            ("format".into(), Value::String(FORMAT.into())),
            ("version".into(), Value::Number(f64::from(VERSION))),
            ("entries".into(), Value::Array(items)),
        ])
        .to_json()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn saved(store: &Store, tool: &str) -> Vec<(String, String)> {
        store
            .for_tool(tool)
            .iter()
            .map(|e| (e.name.clone(), e.query.clone()))
            .collect()
    }

    #[test]
    fn a_saved_calculation_reads_back_after_writing() {
        let mut s = load(None, None).store;
        assert_eq!(
            s.save("design", "Checkout", "p=5&mde=10", 1000.0),
            Ok(Saved::New)
        );
        assert_eq!(s.save("roi", "Checkout", "cost=1", 2000.0), Ok(Saved::New));
        assert_eq!(
            s.save("design", " Checkout ", "p=3", 3000.0),
            Ok(Saved::Replaced)
        );
        let back = load(Some(&s.to_json()), None);
        assert_eq!(back.problem, None);
        assert_eq!(
            saved(&back.store, "design"),
            [("Checkout".into(), "p=3".into())]
        );
        assert_eq!(
            saved(&back.store, "roi"),
            [("Checkout".into(), "cost=1".into())]
        );
        assert_eq!(back.store.for_tool("design")[0].saved_ms, 3000.0);
    }

    #[test]
    fn newest_first_rename_and_delete() {
        let mut s = Store::empty();
        s.save("funnel", "a", "1", 1.0).unwrap();
        s.save("funnel", "b", "2", 2.0).unwrap();
        assert_eq!(saved(&s, "funnel")[0].0, "b");
        assert_eq!(s.rename("funnel", "a", "b"), Err(SaveError::NameTaken));
        assert_eq!(s.rename("funnel", "a", "  "), Err(SaveError::EmptyName));
        assert_eq!(s.rename("funnel", "x", "y"), Err(SaveError::NotFound));
        assert_eq!(s.rename("funnel", "a", "c"), Ok(()));
        assert_eq!(s.delete("funnel", "b"), Ok(()));
        assert_eq!(saved(&s, "funnel"), [("c".into(), "1".into())]);
        assert_eq!(
            s.save("funnel", "\u{7}\n", "q", 0.0),
            Err(SaveError::EmptyName)
        );
    }

    #[test]
    fn damaged_text_is_unreadable_and_nothing_else_breaks() {
        for bad in [
            "{not json",
            "[]",
            "{\"format\":\"other\",\"version\":2,\"entries\":[]}",
            "{\"format\":\"abkit-saved\",\"entries\":[]}",
            "null",
            "\u{0}",
        ] {
            let l = load(Some(bad), None);
            assert_eq!(l.problem, Some(Problem::Unreadable), "{bad:?}");
            assert!(l.store.writable());
        }
    }

    #[test]
    fn unreadable_entries_are_kept_on_write() {
        let text = r#"{"format":"abkit-saved","version":2,"entries":[
            {"tool":"design","name":"ok","query":"p=5","saved":5},
            {"tool":"design","name":7,"query":"p=6"},
            "junk",
            {"tool":"design","name":"ok","query":"duplicate"}]}"#;
        let mut l = load(Some(text), None);
        assert_eq!(l.problem, Some(Problem::Skipped { count: 3 }));
        l.store.save("design", "new", "p=1", 9.0).unwrap();
        let again = load(Some(&l.store.to_json()), None);
        assert_eq!(again.problem, Some(Problem::Skipped { count: 3 }));
        assert_eq!(again.store.for_tool("design").len(), 2);
        assert!(l.store.to_json().contains("\"junk\""));
    }

    #[test]
    fn a_newer_format_is_shown_but_never_overwritten() {
        let text = r#"{"format":"abkit-saved","version":3,"entries":[
            {"tool":"roi","name":"kept","query":"a=1","extra":{"x":1}}]}"#;
        let mut l = load(Some(text), Some("old\tq=1"));
        assert_eq!(l.problem, Some(Problem::Newer { version: 3 }));
        assert!(!l.migrated);
        assert_eq!(saved(&l.store, "roi"), [("kept".into(), "a=1".into())]);
        assert_eq!(l.store.save("roi", "n", "q", 1.0), Err(SaveError::ReadOnly));
        assert_eq!(l.store.delete("roi", "kept"), Err(SaveError::ReadOnly));
    }

    #[test]
    fn format_one_scenarios_move_in_without_duplicates() {
        let current = {
            let mut s = Store::empty();
            s.save("roi", "Double 11", "cost=9", 1.0).unwrap();
            s.to_json()
        };
        let l = load(
            Some(&current),
            Some("Double 11\tcost=1\nPlan B\tcost=2\nno tab line\n\t\n"),
        );
        assert!(l.migrated);
        assert_eq!(l.problem, None);
        assert_eq!(
            saved(&l.store, "roi"),
            [
                ("Double 11".into(), "cost=9".into()),
                ("Plan B".into(), "cost=2".into())
            ]
        );
    }

    #[test]
    fn names_are_cleaned_and_bounded() {
        assert_eq!(clean_name("  a\tb\n "), "a b");
        assert_eq!(
            clean_name(&"长".repeat(500)).chars().count(),
            MAX_NAME_CHARS
        );
    }

    #[test]
    fn a_tool_keeps_at_most_its_share() {
        let mut s = Store::empty();
        for i in 0..MAX_PER_TOOL {
            s.save("power", &i.to_string(), "", 0.0).unwrap();
        }
        assert_eq!(s.save("power", "one more", "", 0.0), Err(SaveError::Full));
        assert_eq!(s.save("power", "7", "seed=2", 0.0), Ok(Saved::Replaced));
        assert_eq!(s.save("peeking", "other tool", "", 0.0), Ok(Saved::New));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Whatever the storage holds, reading gives a store, and saving into it then
        /// reading again keeps every entry that was there.
        #[test]
        fn any_stored_text_reads_and_saving_loses_nothing(
            text in prop_oneof![
                any::<String>(),
                "\\{\"format\":\"abkit-saved\",\"version\":[0-9],\"entries\":\\[.{0,40}\\]\\}",
            ],
            legacy in proptest::option::of(any::<String>()),
            name in any::<String>(),
        ) {
            let mut l = load(Some(&text), legacy.as_deref());
            let before: Vec<Entry> = l.store.entries.clone();
            let unread = l.store.unread.len();
            if l.store.save("design", &name, "p=5", 1.0).is_err() {
                return Err(TestCaseError::reject("a store that refuses saving (newer, full or no name)"));
            }
            let again = load(Some(&l.store.to_json()), None);
            for e in before.iter().filter(|e| !(e.tool == "design" && e.name == clean_name(&name))) {
                prop_assert!(again.store.entries.contains(e));
            }
            prop_assert_eq!(again.store.unread.len(), unread);
        }
    }
}
