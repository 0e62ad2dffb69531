//! "Copy link": the address that reopens this calculation, in the current language,
//! on the clipboard; the same link printed on paper; and "Export CSV", the inputs and
//! results as a file with that link in it.

use yew::prelude::*;

use crate::model::export;
use crate::ui::browser;
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;

#[derive(Clone, PartialEq)]
enum Copied {
    Not,
    Done,
    /// The clipboard refused (no permission, an old browser): show the link to copy by hand.
    Manual,
}

#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    pub form: QueryForm,
}

#[component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().app();
    let copied = use_state(|| Copied::Not);
    let link = props.form.link(lang);
    // A later edit makes the copied link stale: say nothing rather than "copied".
    {
        let copied = copied.clone();
        use_effect_with(link.clone(), move |_| copied.set(Copied::Not));
    }
    let onclick = {
        let (copied, link) = (copied.clone(), link.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, link) = (copied.clone(), link.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let ok = browser::copy_text(&link).await;
                copied.set(if ok { Copied::Done } else { Copied::Manual });
            });
        })
    };
    html! {
        <div class="share">
            <button type="button" class="secondary copy-link" data-testid="copy-link" {onclick}>
                <svg class="icon-link" viewBox="0 0 24 24" aria-hidden="true" width="16" height="16">
                    <path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1" />
                </svg>
                { t.copy_link }
            </button>
            <span class="share-status" role="status">
                { match *copied {
                    Copied::Done => html! { { t.link_copied } },
                    Copied::Manual => html! { <>
                        { t.copy_manual }{ " " }
                        <input type="text" readonly=true class="manual-link" value={link.clone()} aria-label={t.copy_link}
                            onfocus={Callback::from(|e: FocusEvent| {
                                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() { input.select(); }
                            })} />
                    </> },
                    Copied::Not => html! {},
                } }
            </span>
            <p class="print-link" data-testid="print-link">{ t.print_link }{ " " }<span class="url">{ link }</span></p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportCsvProps {
    pub form: QueryForm,
    /// The page's heading, the file's first line and name.
    pub title: AttrValue,
}

/// Downloads the page's inputs and every result it shows as CSV.
#[component]
pub fn ExportCsv(props: &ExportCsvProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().keep();
    let failed = use_state(|| false);
    let onclick = {
        let (form, title, failed) = (props.form.clone(), props.title.clone(), failed.clone());
        Callback::from(move |_: MouseEvent| {
            let link = form.link(lang);
            let now_ms = browser::now_ms();
            let now = browser::local_date_time(now_ms);
            let mut rows =
                crate::ui::export::input_rows(form.values.params(), |n| form.get(n).to_string());
            rows.extend(crate::ui::export::result_rows());
            let header = export::Header {
                title: &title,
                link_label: t.csv_link,
                link: &link,
                exported_label: t.csv_exported,
                exported: &now,
                columns: t.csv_columns,
                kinds: t.csv_kinds,
            };
            let text = export::csv(&header, &rows);
            let file = export::file_name(&title, &browser::local_date(now_ms), "csv");
            failed.set(!browser::download_text(
                &text,
                "text/csv;charset=utf-8",
                &file,
            ));
        })
    };
    html! {
        <div class="export">
            <button type="button" class="secondary" data-testid="export-csv" {onclick}>{ t.export_csv }</button>
            if *failed {
                <span class="field-error" role="alert">{ t.export_failed }</span>
            }
        </div>
    }
}
