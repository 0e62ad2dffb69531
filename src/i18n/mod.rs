//! Every user-visible string, one static table per language.
//!
//! The tables are plain structs, so a string missing from either language is a
//! compile error, and lookups cost nothing at run time. `Entries` walks every
//! string so tests can check that the Chinese table is complete and translated.

use crate::model::form::FieldError;
use crate::model::format;
use crate::model::input::{InputError, ListError};

mod en;
mod zh;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &en::TEXTS,
            Lang::Zh => &zh::TEXTS,
        }
    }

    /// The code used in `lang=` and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// Reads `zh`, `zh-CN`, `zh-Hans`, `en`, `en-US`, … ; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let lower = code.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") || lower.starts_with("zh_") {
            Some(Lang::Zh)
        } else if lower == "en" || lower.starts_with("en-") || lower.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language for this visit: a `lang=` in the link wins, then the stored
    /// choice, then the browser's language, then English.
    pub fn pick(query: Option<&str>, stored: Option<&str>, browser: Option<&str>) -> Lang {
        query
            .and_then(Lang::from_code)
            .or_else(|| stored.and_then(Lang::from_code))
            .or_else(|| browser.and_then(Lang::from_code))
            .unwrap_or(Lang::En)
    }

    pub fn is_zh(self) -> bool {
        self == Lang::Zh
    }

    /// Money in this language's usual form.
    pub fn money(self, x: f64) -> String {
        format::money(x, self.is_zh())
    }
}

pub type Str = &'static str;

/// A term and its explanation, for the glossary.
#[derive(Clone, Copy, Debug)]
pub struct Term {
    pub term: Str,
    pub meaning: Str,
}

/// Walks every string of a table, with a dotted path for messages.
pub trait Entries {
    fn push_entries(&self, path: &str, out: &mut Vec<(String, Str)>);

    fn entries(&self) -> Vec<(String, Str)> {
        let mut out = Vec::new();
        self.push_entries("", &mut out);
        out
    }
}

impl Entries for Str {
    fn push_entries(&self, path: &str, out: &mut Vec<(String, Str)>) {
        out.push((path.to_string(), self));
    }
}

impl<const N: usize> Entries for [Term; N] {
    fn push_entries(&self, path: &str, out: &mut Vec<(String, Str)>) {
        for (i, t) in self.iter().enumerate() {
            out.push((format!("{path}[{i}].term"), t.term));
            out.push((format!("{path}[{i}].meaning"), t.meaning));
        }
    }
}

impl<const N: usize> Entries for [Str; N] {
    fn push_entries(&self, path: &str, out: &mut Vec<(String, Str)>) {
        for (i, s) in self.iter().enumerate() {
            out.push((format!("{path}[{i}]"), s));
        }
    }
}

macro_rules! table {
    ($(#[$meta:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        pub struct $name { $(pub $field: $ty,)* }
        impl Entries for $name {
            fn push_entries(&self, path: &str, out: &mut Vec<(String, Str)>) {
                $( self.$field.push_entries(&format!("{path}.{}", stringify!($field)), out); )*
            }
        }
    };
}

table!(
    /// All strings of one language.
    Texts {
        app: AppTexts,
        errors: ErrorTexts,
        home: HomeTexts,
        learn: LearnTexts,
        design: DesignTexts,
        analyze: AnalyzeTexts,
        roi: RoiTexts,
        funnel: FunnelTexts,
    }
);

table!(DesignTexts {
    heading: Str,
    intro: Str,
    metric_heading: Str,
    metric: Str,
    metric_binary: Str,
    metric_continuous: Str,
    mean: Str,
    sd: Str,
    baseline: Str,
    mde: Str,
    mde_mode: Str,
    mde_rel: Str,
    mde_abs: Str,
    points_unit: Str,
    test_heading: Str,
    alpha: Str,
    power: Str,
    sides: Str,
    two_sided: Str,
    one_sided: Str,
    arms: Str,
    correction: Str,
    correction_auto: Str,
    bonferroni: Str,
    sidak: Str,
    no_correction: Str,
    ratio: Str,
    ratio_hint: Str,
    method: Str,
    method_names: [Str; 4],
    method_continuous: Str,
    traffic_heading: Str,
    daily: Str,
    share: Str,
    results_heading: Str,
    n_control: Str,
    n_treatment: Str,
    n_total: Str,
    days: Str,
    method_prefix: Str,
    power_chart_label: Str,
    power_axis: Str,
    days_axis: Str,
    target_marker: Str,
    metric_revenue: Str,
    aov: Str,
    aov_sd: Str,
    rpv_note: Str,
    rpv_mean: Str,
    rpv_sd: Str,
    presets_heading: Str,
    presets: [Str; 3],
    days_recommended: Str,
    days_recommended_note: Str,
    warn_eight_weeks: Str,
    warn_year: Str,
    solve_heading: Str,
    solve_intro: Str,
    run_days: Str,
    run_days_hint: Str,
    run_n: Str,
    run_n_hint: Str,
    mde_abs_label: Str,
    mde_rel_label: Str,
    run_col: Str,
    visitors_col: Str,
    mde_abs_col: Str,
    mde_rel_col: Str,
    one_week: Str,
    n_weeks: Str,
    not_detectable: Str,
    compare_heading: Str,
    compare_intro: Str,
    method_col: Str,
    per_group_col: Str,
    why_col: Str,
    method_why: [Str; 4],
    current_method: Str,
    math_heading: Str,
    math_alpha: [Str; 3],
    math_z_alpha: [Str; 2],
    math_z_beta: Str,
    math_effect_binary: Str,
    math_effect_continuous: Str,
    math_a: [Str; 5],
    math_b: [Str; 5],
    math_d: [Str; 2],
    math_raw: Str,
    math_round: Str,
    math_days: Str,
    rate_out_of_range: Str,
    zero_effect: Str,
    power_not_above_alpha: Str,
    too_large: Str,
    answer_equal: Str,
    answer_unequal: Str,
    answer_no_traffic: Str,
});

table!(AnalyzeTexts {
    heading: Str,
    intro: Str,
    data_heading: Str,
    metric: Str,
    metric_binary: Str,
    metric_continuous: Str,
    n: Str,
    mean: Str,
    sd: Str,
    x: Str,
    test_heading: Str,
    alpha: Str,
    sides: Str,
    two_sided: Str,
    one_sided: Str,
    correction: Str,
    correction_auto: Str,
    holm: Str,
    bonferroni: Str,
    no_correction: Str,
    split: Str,
    split_hint: Str,
    results_heading: Str,
    srm_label: Str,
    srm_alarm: Str,
    srm_ok: Str,
    arm: Str,
    rate: Str,
    lift_abs: Str,
    lift_rel: Str,
    p: Str,
    p_adj: Str,
    df: Str,
    control: Str,
    variant: Str,
    baseline_row: Str,
    method_binary: Str,
    method_continuous: Str,
    more_conversions_than_visitors: Str,
    welch_needs_two: Str,
    arms_heading: Str,
    names_label: Str,
    visitors_col: Str,
    conversions_col: Str,
    units_col: Str,
    add_arm: Str,
    remove_arm: Str,
    ci_col: Str,
    rel_ci_col: Str,
    p_fisher: Str,
    prob_beat: Str,
    loss: Str,
    credible: Str,
    freq_heading: Str,
    bayes_heading: Str,
    verdict_heading: Str,
    verdict_better: Str,
    verdict_worse: Str,
    verdict_none: Str,
    verdict_undefined: Str,
    verdict_adjusted: Str,
    verdict_interval: Str,
    verdict_interval_one: Str,
    verdict_mde: Str,
    verdict_bayes: Str,
    srm_causes_heading: Str,
    srm_causes: [Str; 5],
    misreadings_heading: Str,
    misreadings: [Str; 5],
    forest_label: Str,
    posterior_label: Str,
    rate_axis: Str,
    density_axis: Str,
    lift_axis: Str,
    paste_heading: Str,
    paste_hint: Str,
    paste_button: Str,
    paste_result: Str,
    paste_none: Str,
    rejected_line: Str,
    problem_missing: Str,
    problem_whole: Str,
    problem_negative: Str,
    problem_above: Str,
    problem_no_visitors: Str,
    problem_date: Str,
    column_names: [Str; 7],
    daily_heading: Str,
    daily_hint: Str,
    daily_result: Str,
    cumulative_label: Str,
    day_axis: Str,
    too_many_arms: Str,
    file_error: Str,
    test_two_sided: Str,
    test_one_sided: Str,
    points_suffix: Str,
    answer_srm: Str,
    answer_better: Str,
    answer_worse: Str,
    answer_none: Str,
    answer_undefined: Str,
    forest_significant: Str,
    forest_not: Str,
    band_label: Str,
    paste_refused: Str,
    paste_too_many: Str,
    problem_rate: Str,
    problem_rate_column: Str,
    paste_one: Str,
    difference_axis: Str,
    verdict_bayes_agrees: Str,
});

table!(RoiTexts {
    heading: Str,
    intro: Str,
    costs_heading: Str,
    gmv: Str,
    margin: Str,
    members: Str,
    ltv: Str,
    impr: Str,
    cpm: Str,
    results_heading: Str,
    roi: Str,
    net_profit: Str,
    roas: Str,
    breakeven_gmv: Str,
    breakeven_roas: Str,
    cost_total: Str,
    benefit_direct: Str,
    benefit_members: Str,
    benefit_brand: Str,
    benefit_total: Str,
    roi_undefined: Str,
    cost_line: Str,
    chart_label: Str,
    method: Str,
    breakeven_marker: Str,
    presets_heading: Str,
    presets: [Str; 3],
    preset_cost_labels: [Str; 3],
    cost_name_col: Str,
    amount_col: Str,
    add_cost: Str,
    remove_cost: Str,
    use_benefit: Str,
    cost_per_member: Str,
    stacked_label: Str,
    cost_bar: Str,
    benefit_bar: Str,
    sens_heading: Str,
    sens_intro: Str,
    swing: Str,
    sens_top: Str,
    sens_none: Str,
    tornado_label: Str,
    input_names: [Str; 6],
    mc_heading: Str,
    mc_intro: Str,
    low: Str,
    likely: Str,
    high: Str,
    dist: Str,
    dist_pert: Str,
    dist_tri: Str,
    seed: Str,
    mc_none: Str,
    mc_running: Str,
    mc_done: Str,
    p_positive: Str,
    roi_p: Str,
    profit_p: Str,
    hist_label: Str,
    range_error: Str,
    mc_method: Str,
    scen_heading: Str,
    scen_intro: Str,
    scen_name: Str,
    scen_save: Str,
    scen_empty: Str,
    scen_compare: Str,
    scen_delete: Str,
    scen_open: Str,
    scen_max: Str,
    scen_default_name: Str,
    ch_heading: Str,
    ch_intro: Str,
    ch_name: Str,
    ch_spend: Str,
    ch_cpv: Str,
    ch_conv: Str,
    ch_aov: Str,
    ch_margin: Str,
    ch_orders: Str,
    ch_gmv: Str,
    ch_cpo: Str,
    ch_profit: Str,
    ch_roi: Str,
    ch_total: Str,
    ch_default_names: [Str; 2],
    ch_add: Str,
    ch_remove: Str,
    move_heading: Str,
    move_amount: Str,
    move_from: Str,
    move_to: Str,
    move_result: Str,
    move_same: Str,
    move_too_much: Str,
    ch_note: Str,
    promo_heading: Str,
    promo_intro: Str,
    promo_aov: Str,
    promo_margin: Str,
    promo_threshold: Str,
    promo_discount: Str,
    promo_share: Str,
    promo_cost: Str,
    promo_depth: Str,
    promo_orders: Str,
    promo_aov_needed: Str,
    promo_impossible: Str,
    ltv_heading: Str,
    ltv_intro: Str,
    arpu: Str,
    ltv_margin: Str,
    churn: Str,
    cac: Str,
    ltv_value: Str,
    ltv_cac: Str,
    payback: Str,
    lifetime: Str,
    ltv_method: Str,
    answer_pays: Str,
    answer_loses: Str,
    answer_even: Str,
    breakeven_covered: Str,
    tornado_down: Str,
    tornado_up: Str,
    hist_y: Str,
    hist_bars: Str,
    hist_zero: Str,
    ch_n: Str,
});

table!(FunnelTexts {
    heading: Str,
    intro: Str,
    funnel_heading: Str,
    visitors: Str,
    rates: Str,
    aov: Str,
    what_if_heading: Str,
    stage: Str,
    to: Str,
    results_heading: Str,
    gmv: Str,
    orders: Str,
    overall_rate: Str,
    gmv_whatif: Str,
    gmv_delta: Str,
    gmv_delta_rel: Str,
    chart_label: Str,
    method: Str,
    default_stages: [Str; 4],
    stage_n: Str,
    stage_out_of_range: Str,
    presets_heading: Str,
    presets: [Str; 4],
    preset_stages: [Str; 4],
    stage_col: Str,
    rate_col: Str,
    add_stage: Str,
    remove_stage: Str,
    move_up: Str,
    move_down: Str,
    period: Str,
    period_hint: Str,
    what_if_intro: Str,
    add_what_if: Str,
    remove_what_if: Str,
    visitors_to: Str,
    aov_to: Str,
    orders_whatif: Str,
    leverage_heading: Str,
    leverage_intro: Str,
    per_point_col: Str,
    per_tenth_col: Str,
    leverage_top: Str,
    experiment_heading: Str,
    experiment_intro: Str,
    change_col: Str,
    daily_col: Str,
    n_col: Str,
    days_col: Str,
    open_design: Str,
    design_link: Str,
    experiment_note: Str,
    not_testable: Str,
    target_heading: Str,
    target_intro: Str,
    target: Str,
    need_visitors: Str,
    need_aov: Str,
    need_rate_col: Str,
    impossible: Str,
    target_none: Str,
    compare_heading: Str,
    compare_intro: Str,
    before_visitors: Str,
    before_rates: Str,
    before_aov: Str,
    factor_col: Str,
    effect_col: Str,
    traffic: Str,
    order_value: Str,
    gmv_before: Str,
    gmv_after: Str,
    waterfall_label: Str,
    biggest_driver: Str,
    compare_zero: Str,
    compare_stages_differ: Str,
    compare_none: Str,
    no_stages: Str,
    answer: Str,
    answer_whatif: Str,
    waterfall_total: Str,
    waterfall_gain: Str,
    waterfall_loss: Str,
});

table!(AppTexts {
    title: Str,
    nav_label: Str,
    nav_design: Str,
    nav_analyze: Str,
    nav_roi: Str,
    nav_funnel: Str,
    nav_learn: Str,
    switch_lang: Str,
    switch_lang_label: Str,
    skip_to_content: Str,
    privacy: Str,
    not_found_title: Str,
    not_found_body: Str,
    back_home: Str,
    cannot_compute: Str,
    copy_link: Str,
    link_copied: Str,
    copy_manual: Str,
    print_link: Str,
});

table!(ErrorTexts {
    empty: Str,
    not_a_number: Str,
    not_whole: Str,
    greater_than: Str,
    at_least: Str,
    less_than: Str,
    at_most: Str,
    list_empty: Str,
    list_too_few: Str,
    list_too_many: Str,
    list_item: Str,
});

table!(HomeTexts {
    heading: Str,
    intro: Str,
    design_title: Str,
    design_body: Str,
    analyze_title: Str,
    analyze_body: Str,
    roi_title: Str,
    roi_body: Str,
    funnel_title: Str,
    funnel_body: Str,
    learn_title: Str,
    learn_body: Str,
    open: Str,
    principles_heading: Str,
    principles: [Str; 3],
});

table!(LearnTexts {
    heading: Str,
    intro: Str,
    glossary_heading: Str,
    glossary: [Term; 18],
    formulas_heading: Str,
    formulas: [Term; 6],
    filter_label: Str,
    filter_placeholder: Str,
    no_match: Str,
});

fn cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn latin_start(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '−' | '¥' | '-')
}

fn latin_end(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '%'
}

/// Whether Chinese typesetting puts a space between `before` and `after`.
fn needs_space(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => (cjk(a) && latin_start(b)) || (latin_end(a) && cjk(b)),
        _ => false,
    }
}

/// Replaces `{0}`, `{1}`, … in a template with the arguments.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    // `split_once` rather than index slicing: no panic path (and its formatting
    // code) in the page for a split that cannot fail.
    while let Some((before, tail)) = rest.split_once('{') {
        out.push_str(before);
        let close = tail.find('}');
        let index = close
            .and_then(|c| tail.get(..c))
            .and_then(|d| d.parse::<usize>().ok());
        match (index.and_then(|i| args.get(i)), close) {
            (Some(arg), Some(c)) => {
                rest = tail.get(c + 1..).unwrap_or("");
                // Chinese typesetting: one space where a filled-in value meets the
                // template between a Chinese character and a Latin letter or digit
                // ("实验组 B 胜过", "而 5% 的"), and none anywhere else.
                if needs_space(out.chars().next_back(), arg.chars().next()) {
                    out.push(' ');
                }
                out.push_str(arg);
                if needs_space(arg.chars().next_back(), rest.chars().next()) {
                    out.push(' ');
                }
            }
            _ => {
                out.push('{');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Texts {
    pub fn input_error(&self, e: &InputError) -> String {
        let e2 = &self.errors;
        match *e {
            InputError::Empty => e2.empty.into(),
            InputError::NotANumber => e2.not_a_number.into(),
            InputError::NotWhole => e2.not_whole.into(),
            InputError::TooSmall { min, inclusive } => fill(
                if inclusive {
                    e2.at_least
                } else {
                    e2.greater_than
                },
                &[&format::sig(min, 6)],
            ),
            InputError::TooLarge { max, inclusive } => fill(
                if inclusive { e2.at_most } else { e2.less_than },
                &[&format::sig(max, 6)],
            ),
        }
    }

    /// Why a field or row cannot be used; `group` names the group a check is about.
    pub fn field_error(&self, e: &FieldError, group: &dyn Fn(usize) -> String) -> String {
        match *e {
            FieldError::Input(ref e) => self.input_error(e),
            FieldError::ConversionsAboveVisitors { arm } => {
                fill(self.analyze.more_conversions_than_visitors, &[&group(arm)])
            }
            FieldError::WelchNeedsTwo { arm } => {
                fill(self.analyze.welch_needs_two, &[&(arm + 1).to_string()])
            }
            FieldError::NoVisitors => self.analyze.problem_no_visitors.into(),
            FieldError::NoSuchStage { stages } => {
                fill(self.funnel.stage_out_of_range, &[&stages.to_string()])
            }
            FieldError::RangeOrder => self.roi.range_error.into(),
        }
    }

    pub fn list_error(&self, e: &ListError) -> String {
        let e2 = &self.errors;
        match *e {
            ListError::Empty => e2.list_empty.into(),
            ListError::TooFew { min } => fill(e2.list_too_few, &[&min.to_string()]),
            ListError::TooMany { max } => fill(e2.list_too_many, &[&max.to_string()]),
            ListError::Item { index, ref error } => fill(
                e2.list_item,
                &[&(index + 1).to_string(), &self.input_error(error)],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings exempt from the "translated into Chinese" check, with the reason.
    /// The switch names the language it switches to, in that language.
    const SAME_IN_BOTH: &[&str] = &[".app.switch_lang"];

    #[test]
    fn tables_have_the_same_shape() {
        let en: Vec<String> = Lang::En
            .texts()
            .entries()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let zh: Vec<String> = Lang::Zh
            .texts()
            .entries()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(en, zh);
        assert!(
            en.len() > 50,
            "expected a real table, found {} strings",
            en.len()
        );
    }

    #[test]
    fn no_string_is_empty_and_chinese_is_translated() {
        let en = Lang::En.texts().entries();
        let zh = Lang::Zh.texts().entries();
        for ((key, e), (_, z)) in en.iter().zip(&zh) {
            assert!(!e.trim().is_empty(), "empty English string at {key}");
            assert!(!z.trim().is_empty(), "empty Chinese string at {key}");
            if !SAME_IN_BOTH.contains(&key.as_str()) {
                assert_ne!(e, z, "Chinese string at {key} is the English one");
                assert!(
                    z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "Chinese string at {key} has no Chinese characters: {z}"
                );
            }
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        let en = Lang::En.texts().entries();
        let zh = Lang::Zh.texts().entries();
        for ((key, e), (_, z)) in en.iter().zip(&zh) {
            for i in 0..4 {
                let ph = format!("{{{i}}}");
                assert_eq!(
                    e.contains(&ph),
                    z.contains(&ph),
                    "placeholder {ph} differs at {key}"
                );
            }
        }
    }

    #[test]
    fn picks_language_in_order() {
        assert_eq!(Lang::pick(Some("zh"), Some("en"), Some("en-US")), Lang::Zh);
        assert_eq!(Lang::pick(Some("xx"), Some("en"), Some("zh-CN")), Lang::En);
        assert_eq!(Lang::pick(None, None, Some("zh-Hans-CN")), Lang::Zh);
        assert_eq!(Lang::pick(None, None, Some("fr")), Lang::En);
        assert_eq!(Lang::pick(None, None, None), Lang::En);
    }

    #[test]
    fn fills_templates() {
        assert_eq!(
            fill("Value {0}: {1}", &["2", "not a number"]),
            "Value 2: not a number"
        );
        assert_eq!(fill("{0}{9}{x}{", &["a"]), "a{9}{x}{");
    }

    #[test]
    fn filled_values_are_spaced_the_chinese_way() {
        assert_eq!(fill("{0}胜过对照组", &["实验组 B"]), "实验组 B 胜过对照组");
        assert_eq!(
            fill("而{0}要求", &["5% 的双侧检验"]),
            "而 5% 的双侧检验要求"
        );
        assert_eq!(fill("“{0}”最关键", &["成本 1"]), "“成本 1”最关键");
        assert_eq!(fill("{0}胜过对照组", &["新版首页"]), "新版首页胜过对照组");
        assert_eq!(fill("变化{0}", &["+1.2 万元"]), "变化 +1.2 万元");
        assert_eq!(fill("{0} beats {1}", &["B", "A"]), "B beats A");
        assert_eq!(fill("（{0}）", &["p = 0.05"]), "（p = 0.05）");
    }

    #[test]
    fn errors_read_naturally() {
        let t = Lang::En.texts();
        assert_eq!(
            t.input_error(&InputError::TooSmall {
                min: 0.0,
                inclusive: false
            }),
            "Must be greater than 0"
        );
        assert_eq!(
            t.list_error(&ListError::Item {
                index: 1,
                error: InputError::NotANumber
            }),
            "Value 2: Not a number"
        );
        let z = Lang::Zh.texts();
        assert_eq!(
            z.input_error(&InputError::TooLarge {
                max: 100.0,
                inclusive: true
            }),
            "不能超过 100"
        );
    }
}
