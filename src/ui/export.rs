//! Reading a page for export: its results are the `data-testid` / `data-value`
//! outputs it rendered (so the file holds exactly the numbers on screen), labelled
//! with the text the reader sees beside them; its charts are the SVG drawn, with
//! the stylesheet's colours and the legend written into the file.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::model::export::{file_name, Kind, Row};
use crate::model::query::Param;
use crate::ui::browser::{self, document};

fn text_of(el: &Element) -> String {
    el.text_content()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The heading of a table cell's column.
fn column_heading(cell: &Element) -> Option<String> {
    let mut index = 0;
    let mut at = cell.previous_element_sibling();
    while let Some(prev) = at {
        index += 1;
        at = prev.previous_element_sibling();
    }
    cell.closest("table")
        .ok()
        .flatten()
        .and_then(|t| elements(&t, "thead th").into_iter().nth(index))
        .map(|h| text_of(&h))
}

/// A table cell's row heading (its row's first cell) and column heading, as
/// "GMV · Low"; a heading that is an input (a typed name) reads as its value.
fn cell_label(cell: &Element) -> String {
    let row_head = cell
        .closest("tr")
        .ok()
        .flatten()
        .and_then(|tr| tr.query_selector("th, td").ok().flatten())
        .filter(|head| head != cell)
        .map(|head| {
            let text = text_of(&head);
            if text.is_empty() {
                head.query_selector("input")
                    .ok()
                    .flatten()
                    .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default()
            } else {
                text
            }
        });
    [row_head, column_heading(cell)]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The label of parameter `name`, whose `f-<name>` field is `field` when it has
/// one: that field's `<label>`, or for a list edited in a
/// table (one input per row, all named after the parameter) the column heading.
fn field_label(name: &str, field: Option<&Element>) -> Option<String> {
    if let Some(field) = field {
        return field
            .closest(".field")
            .ok()
            .flatten()
            .and_then(|f| f.query_selector("label").ok().flatten())
            .map(|l| text_of(&l));
    }
    let main = document()?.query_selector("main").ok()??;
    let inputs = elements(&main, &format!("[name=\"{name}\"]"));
    let input = inputs.first()?;
    let cell = input.closest("td").ok().flatten();
    // One input per row (a list): the column names the whole list.
    let label = if inputs.len() > 1 {
        cell.and_then(|c| column_heading(&c))
    } else {
        cell.map(|c| cell_label(&c))
    };
    label
        .filter(|h| !h.is_empty())
        .or_else(|| input.get_attribute("aria-label"))
}

/// The label a reader sees for an output: a result card's label, or a table cell's
/// row and column headings.
fn label_of(output: &Element) -> String {
    if let Some(label) = output
        .closest(".result")
        .ok()
        .flatten()
        .and_then(|r| r.query_selector(".result-label").ok().flatten())
    {
        return text_of(&label);
    }
    if let Some(cell) = output.closest("td").ok().flatten() {
        return cell_label(&cell);
    }
    output
        .closest("section")
        .ok()
        .flatten()
        .and_then(|s| s.query_selector("h2, h3").ok().flatten())
        .map(|h| text_of(&h))
        .unwrap_or_default()
}

/// A list edited one input per row and left empty in the link (stage and cost-line
/// names the page takes from the language): the names as the page shows them.
fn list_as_shown(name: &str) -> Option<String> {
    let main = document()?.query_selector("main").ok()??;
    let names: Vec<String> = elements(&main, &format!("input[name=\"{name}\"][data-line]"))
        .into_iter()
        .filter_map(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| {
            let typed = i.value();
            if typed.trim().is_empty() {
                i.placeholder()
            } else {
                typed
            }
        })
        .collect();
    (!names.is_empty() && names.iter().any(|n| !n.trim().is_empty())).then(|| names.join(", "))
}

/// Every result on the page, in document order.
pub fn result_rows() -> Vec<Row> {
    let Some(main) = document().and_then(|d| d.query_selector("main").ok().flatten()) else {
        return Vec::new();
    };
    elements(&main, "[data-testid][data-value]")
        .into_iter()
        .map(|el| Row {
            kind: Kind::Result,
            id: el.get_attribute("data-testid").unwrap_or_default(),
            label: label_of(&el),
            value: el.get_attribute("data-value").unwrap_or_default(),
            shown: text_of(&el),
        })
        .collect()
}

/// The page's inputs: every parameter that has a field on the page or a value in
/// the link, with the field's label and, for a choice, the option's text.
pub fn input_rows(params: &[Param], get: impl Fn(&str) -> String) -> Vec<Row> {
    params
        .iter()
        .filter_map(|p| {
            let value = get(p.name);
            let field = browser::element_by_id(&format!("f-{}", p.name));
            let label = field_label(p.name, field.as_ref());
            if label.is_none() && value.is_empty() {
                return None;
            }
            let shown = field
                .and_then(|f| f.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.selected_options().item(0))
                .and_then(|o| o.dyn_into::<Element>().ok())
                .map(|o| text_of(&o))
                .filter(|s| !s.is_empty())
                .or_else(|| value.is_empty().then(|| list_as_shown(p.name)).flatten())
                .unwrap_or_default();
            Some(Row {
                kind: Kind::Input,
                id: p.name.to_string(),
                label: label.unwrap_or_default(),
                value,
                shown,
            })
        })
        .collect()
}

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// The computed properties that carry a chart's look; everything else is layout
/// the SVG already states.
const STYLE_PROPS: [&str; 14] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-opacity",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "display",
];

/// Copies the computed look onto the copy as presentation attributes (a style
/// attribute would be inline style, which the page's security policy refuses).
fn inline_style(from: &Element, to: &Element) {
    let Some(style) = browser::window().and_then(|w| w.get_computed_style(from).ok().flatten())
    else {
        return;
    };
    for p in STYLE_PROPS {
        if let Ok(v) = style.get_property_value(p) {
            if !v.is_empty() {
                let _ = to.set_attribute(p, &v);
            }
        }
    }
}

fn svg_element(doc: &web_sys::Document, name: &str, attrs: &[(&str, String)]) -> Option<Element> {
    let el = doc.create_element_ns(Some(SVG_NS), name).ok()?;
    for (k, v) in attrs {
        el.set_attribute(k, v).ok()?;
    }
    Some(el)
}

/// The chart in `figure` as a standalone SVG document, and its size in CSS pixels.
fn standalone_svg(figure: &Element) -> Option<(String, f64, f64)> {
    let doc = document()?;
    let svg = figure.query_selector("svg").ok()??;
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    inline_style(&svg, &copy);
    for (from, to) in elements(&svg, "*").iter().zip(elements(&copy, "*").iter()) {
        inline_style(from, to);
    }
    let view: Vec<f64> = svg
        .get_attribute("viewBox")?
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let (w, chart_h) = (*view.get(2)?, *view.get(3)?);
    // The title and units go above the drawing, which moves down under them.
    let title = svg.get_attribute("aria-label").unwrap_or_default();
    let units = figure.get_attribute("data-units").filter(|u| !u.is_empty());
    // (text, whether it is a title line): the title bold, the units line quiet.
    let mut lines: Vec<(String, bool)> = crate::model::chart::wrap_title(&title, w - 24.0, 15.0)
        .into_iter()
        .map(|line| (line, true))
        .collect();
    lines.extend(units.map(|u| (u, false)));
    let drawing = svg_element(&doc, "g", &[])?;
    while let Some(child) = copy.first_child() {
        drawing.append_child(&child).ok()?;
    }
    let mut top = 6.0;
    for (line, is_title) in &lines {
        let (size, weight, fill, height) = if *is_title {
            ("15px", "700", "#222", 20.0)
        } else {
            ("12px", "400", "#555", 17.0)
        };
        top += height;
        let text = svg_element(
            &doc,
            "text",
            &[
                ("x", "12".into()),
                ("y", top.to_string()),
                ("font-family", "sans-serif".into()),
                ("font-size", size.into()),
                ("font-weight", weight.into()),
                ("fill", fill.into()),
            ],
        )?;
        text.set_text_content(Some(line));
        copy.append_child(&text).ok()?;
    }
    top += 8.0;
    drawing
        .set_attribute("transform", &format!("translate(0 {top})"))
        .ok()?;
    copy.append_child(&drawing).ok()?;
    // The legend is HTML under the chart; the file carries it as SVG.
    let keys = elements(figure, ".legend .key");
    let mut x = 12.0;
    let mut y = top + chart_h + 8.0;
    let window = browser::window()?;
    for key in &keys {
        let label = text_of(key);
        let swatch = key.query_selector(".swatch").ok().flatten();
        let colour = swatch
            .and_then(|s| window.get_computed_style(&s).ok().flatten())
            .map(|st| {
                let bg = st
                    .get_property_value("background-color")
                    .unwrap_or_default();
                if bg.is_empty() || bg == "rgba(0, 0, 0, 0)" {
                    st.get_property_value("border-top-color")
                        .unwrap_or_default()
                } else {
                    bg
                }
            })
            .unwrap_or_else(|| "#555".into());
        let width = 22.0
            + label
                .chars()
                .map(|c| if c.is_ascii() { 7.0 } else { 13.0 })
                .sum::<f64>();
        if x + width > w && x > 12.0 {
            x = 12.0;
            y += 20.0;
        }
        let rect = svg_element(
            &doc,
            "rect",
            &[
                ("x", x.to_string()),
                ("y", y.to_string()),
                ("width", "12".into()),
                ("height", "12".into()),
                ("fill", colour),
            ],
        )?;
        let text = svg_element(
            &doc,
            "text",
            &[
                ("x", (x + 18.0).to_string()),
                ("y", (y + 10.5).to_string()),
                ("font-family", "sans-serif".into()),
                ("font-size", "13px".into()),
                ("fill", "#222".into()),
            ],
        )?;
        text.set_text_content(Some(&label));
        copy.append_child(&rect).ok()?;
        copy.append_child(&text).ok()?;
        x += width + 16.0;
    }
    let h = if keys.is_empty() {
        top + chart_h
    } else {
        y + 24.0
    };
    let view_box = format!("0 0 {w} {h}");
    copy.set_attribute("viewBox", &view_box).ok()?;
    copy.set_attribute("width", &w.to_string()).ok()?;
    copy.set_attribute("height", &h.to_string()).ok()?;
    copy.set_attribute("xmlns", SVG_NS).ok()?;
    // A white ground: a PNG pasted into a dark slide or a report stays legible.
    let ground = svg_element(
        &doc,
        "rect",
        &[
            ("width", "100%".into()),
            ("height", "100%".into()),
            ("fill", "#fff".into()),
        ],
    )?;
    copy.insert_before(&ground, copy.first_child().as_ref())
        .ok()?;
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    Some((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}"),
        w,
        h,
    ))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

/// Downloads the chart in `figure`, named after what it shows (its `aria-label`)
/// and the day; false when the browser could not make the file.
pub fn download_chart(figure: &Element, format: ChartFormat) -> bool {
    let Some((svg, w, h)) = standalone_svg(figure) else {
        return false;
    };
    let title = figure
        .query_selector("svg")
        .ok()
        .flatten()
        .and_then(|svg| svg.get_attribute("aria-label"))
        .unwrap_or_default();
    let day = browser::local_date(browser::now_ms());
    match format {
        ChartFormat::Svg => {
            browser::download_text(&svg, "image/svg+xml", &file_name(&title, &day, "svg"))
        }
        ChartFormat::Png => draw_png(&svg, w, h, file_name(&title, &day, "png")).is_some(),
    }
}

/// Draws the SVG onto a canvas at twice its size (sharp on slides and phones) and
/// downloads the picture once the image has decoded.
fn draw_png(svg: &str, w: f64, h: f64, file_name: String) -> Option<()> {
    let doc = document()?;
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let scale = 2.0;
    canvas.set_width((w * scale).round() as u32);
    canvas.set_height((h * scale).round() as u32);
    let on_load = {
        let (image, url) = (image.clone(), url.clone());
        Closure::once_into_js(move || {
            let done = || -> Option<()> {
                let ctx: web_sys::CanvasRenderingContext2d =
                    canvas.get_context("2d").ok()??.dyn_into().ok()?;
                ctx.draw_image_with_html_image_element_and_dw_and_dh(
                    &image,
                    0.0,
                    0.0,
                    w * scale,
                    h * scale,
                )
                .ok()?;
                let data = canvas.to_data_url_with_type("image/png").ok()?;
                browser::download_url(&data, &file_name).then_some(())
            };
            let _ = done();
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&url);
    Some(())
}
