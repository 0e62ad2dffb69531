//! The static shell painted before the module has compiled (`www/shell.js`) takes its
//! words from `www/shell.json`, which this test writes from the language tables and
//! then keeps in step with them: after a change to a heading or the navigation, run
//! `UPDATE_SHELL=1 cargo test --test shell_texts` and commit the file.
#![cfg(not(target_arch = "wasm32"))]

use abkit::i18n::Lang;
use abkit::model::json::Value;

fn both(f: impl Fn(Lang) -> &'static str) -> Value {
    Value::Object(vec![
        ("en".into(), Value::String(f(Lang::En).into())),
        ("zh".into(), Value::String(f(Lang::Zh).into())),
    ])
}

type Words = fn(Lang) -> &'static str;
type Page = fn(Lang) -> (&'static str, &'static str);

/// Each route's heading and lead, as its page renders them.
const PAGES: [(&str, Page); 11] = [
    ("/", |l| (l.texts().home().heading, l.texts().home().intro)),
    ("/design", |l| {
        (l.texts().design().heading, l.texts().design().intro)
    }),
    ("/analyze", |l| {
        (l.texts().analyze().heading, l.texts().analyze().intro)
    }),
    ("/roi", |l| (l.texts().roi().heading, l.texts().roi().intro)),
    ("/funnel", |l| {
        (l.texts().funnel().heading, l.texts().funnel().intro)
    }),
    ("/learn", |l| {
        (l.texts().learn().heading, l.texts().learn().intro)
    }),
    ("/learn/cases", |l| {
        (
            l.texts().learn().cases_heading,
            l.texts().learn().cases_intro,
        )
    }),
    ("/learn/exercises", |l| {
        (
            l.texts().learn().exercises_heading,
            l.texts().learn().exercises_intro,
        )
    }),
    ("/learn/glossary", |l| {
        (
            l.texts().learn().glossary_heading,
            l.texts().learn().glossary_intro,
        )
    }),
    ("/learn/peeking", |l| {
        (
            l.texts().learn().peeking_heading,
            l.texts().learn().peeking_intro,
        )
    }),
    ("/learn/power", |l| {
        (
            l.texts().learn().power_heading,
            l.texts().learn().power_intro,
        )
    }),
];

fn routes() -> Value {
    Value::Object(
        PAGES
            .iter()
            .map(|(path, pick)| {
                let page = |l: Lang| {
                    let (h, lead) = pick(l);
                    Value::Array(vec![Value::String(h.into()), Value::String(lead.into())])
                };
                (
                    (*path).to_string(),
                    Value::Object(vec![
                        ("en".into(), page(Lang::En)),
                        ("zh".into(), page(Lang::Zh)),
                    ]),
                )
            })
            .collect(),
    )
}

fn shell() -> Value {
    let nav: [(&str, Words); 5] = [
        ("/design", |l| l.texts().app().nav_design),
        ("/analyze", |l| l.texts().app().nav_analyze),
        ("/roi", |l| l.texts().app().nav_roi),
        ("/funnel", |l| l.texts().app().nav_funnel),
        ("/learn", |l| l.texts().app().nav_learn),
    ];
    Value::Object(vec![
        ("title".into(), both(|l| l.texts().app().title)),
        ("navLabel".into(), both(|l| l.texts().app().nav_label)),
        (
            "nav".into(),
            Value::Array(
                nav.iter()
                    .map(|(path, label)| {
                        Value::Object(vec![
                            ("path".into(), Value::String((*path).into())),
                            ("label".into(), both(*label)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("switch".into(), both(|l| l.texts().app().switch_lang)),
        ("privacy".into(), both(|l| l.texts().app().privacy)),
        ("loading".into(), both(|l| l.texts().app().loading)),
        ("routes".into(), routes()),
    ])
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
