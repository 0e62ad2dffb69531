//! The static shell painted before the module has compiled (`www/shell.js`) takes its
//! words from `www/shell.json`, which this test writes from the language tables and
//! then keeps in step with them: after a change to a heading or the navigation, run
//! `UPDATE_SHELL=1 cargo test --test shell_texts` and commit the file.
#![cfg(not(target_arch = "wasm32"))]

use abkit::i18n::Lang;
use abkit::model::json::Value;
use abkit::ui::routes::{Section, PAGES};
use yew_router::Routable;

fn both(f: impl Fn(Lang) -> &'static str) -> Value {
    Value::Object(vec![
        ("en".into(), Value::String(f(Lang::En).into())),
        ("zh".into(), Value::String(f(Lang::Zh).into())),
    ])
}

/// Each route's heading and lead, as its page renders them, its section (the
/// first-visit module that holds it) and whether it is a calculator; the build
/// scripts and the browser tests take the list of pages from here.
fn routes() -> Value {
    Value::Object(
        PAGES
            .iter()
            .map(|page| {
                let words = |l: Lang| {
                    let (h, lead) = page.heading(l);
                    Value::Array(vec![Value::String(h.into()), Value::String(lead.into())])
                };
                (
                    page.path(),
                    Value::Object(vec![
                        ("en".into(), words(Lang::En)),
                        ("zh".into(), words(Lang::Zh)),
                        ("section".into(), Value::String(page.section.name().into())),
                        ("calculator".into(), Value::Bool(page.calculator)),
                    ]),
                )
            })
            .collect(),
    )
}

fn shell() -> Value {
    let nav = Section::ALL.iter().filter_map(|s| {
        let label = |l: Lang| Value::String(s.nav_label(l).unwrap_or_default().into());
        s.nav_label(Lang::En)?;
        Some(Value::Object(vec![
            ("path".into(), Value::String(s.route().to_path())),
            ("section".into(), Value::String(s.name().into())),
            (
                "label".into(),
                Value::Object(vec![
                    ("en".into(), label(Lang::En)),
                    ("zh".into(), label(Lang::Zh)),
                ]),
            ),
        ]))
    });
    Value::Object(vec![
        ("title".into(), both(|l| l.texts().app().title)),
        ("navLabel".into(), both(|l| l.texts().app().nav_label)),
        ("nav".into(), Value::Array(nav.collect())),
        ("switch".into(), both(|l| l.texts().app().switch_lang)),
        ("privacy".into(), both(|l| l.texts().app().privacy)),
        ("loading".into(), both(|l| l.texts().app().loading)),
        ("calcLoading".into(), both(|l| l.texts().app().calc_loading)),
        ("routes".into(), routes()),
    ])
}

#[test]
fn each_section_has_its_first_visit_module_and_no_module_lacks_a_section() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bin");
    let mut modules: Vec<String> = std::fs::read_dir(dir)
        .expect("src/bin")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".rs").map(String::from))
        .collect();
    modules.sort();
    let mut sections: Vec<String> = Section::ALL.iter().map(|s| s.name().to_string()).collect();
    sections.sort();
    assert_eq!(modules, sections);
}

#[test]
fn the_shell_speaks_as_the_tables_do() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/shell.json");
    let want = shell().to_json() + "\n";
    if std::env::var_os("UPDATE_SHELL").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "www/shell.json is not the language tables' words: run UPDATE_SHELL=1 cargo test --test shell_texts"
    );
}
