//! `#/learn/exercises`: questions with numbers, checked at once with the worked
//! solution; a trainer links to a topic (`?set=roi`), progress stays in this browser.

use yew::prelude::*;

use super::learn_nav;
use super::presenter::{present_button, Presenter};
use crate::i18n::Lang;
use crate::model::learn::answer::{formatted, AnswerError, Grade, Unit};
use crate::model::learn::exercises::{
    chosen, read_sets, Exercise, Progress, Set, AT, EXERCISES, PARAMS, PRESENT, SET, SETS,
};
use crate::model::learn::{position, presenting};
use crate::ui::browser;
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::Route;

const STORAGE_KEY: &str = "abkit.v1.exercises";

fn unit_hint(lang: Lang, unit: Unit) -> &'static str {
    let i = match unit {
        Unit::Percent => 0,
        Unit::Money => 1,
        Unit::Count => 2,
        Unit::Ratio => 3,
        Unit::Days => 4,
        Unit::Number => 5,
    };
    lang.texts()
        .learn()
        .unit_hints
        .get(i)
        .copied()
        .unwrap_or("")
}

/// A grade as the feedback's class and `data-grade` name it.
fn grade_name(g: Grade) -> &'static str {
    match g {
        Grade::Right => "right",
        Grade::Close => "close",
        Grade::Wrong => "wrong",
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    /// Index into `EXERCISES` (and the language tables' exercises).
    index: usize,
    /// Whether this browser's last answer was right, if there was one.
    status: Option<bool>,
    on_result: Callback<(&'static str, bool)>,
    /// In front of a class: the answer can be shown without an attempt.
    #[prop_or_default]
    presenting: bool,
}

/// One exercise: the question, the answer box, and after a check either the worked
/// solution (right) or first a hint at the usual mistake, the solution one click
/// further. "Almost" only within `CLOSE_TOLERANCES` of the tolerance.
#[component]
fn ExerciseCard(props: &CardProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().learn();
    let typed = use_state(String::new);
    let outcome = use_state(|| None::<Result<Grade, AnswerError>>);
    // The solution asked for: after a wrong answer, or by the presenter.
    let revealed = use_state(|| false);
    let Some(e) = EXERCISES.get(props.index) else {
        return html! {};
    };
    let answer = (e.answer)();
    let input_id = format!("answer-{}", e.id);
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |ev: InputEvent| {
            if let Some(input) = ev.target_dyn_into::<web_sys::HtmlInputElement>() {
                typed.set(input.value());
            }
        })
    };
    let onsubmit = {
        let (typed, outcome, revealed) = (typed.clone(), outcome.clone(), revealed.clone());
        let on_result = props.on_result.clone();
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            let result = e.grade(&typed);
            if let Ok(g) = result {
                on_result.emit((e.id, g == Grade::Right));
                if g != Grade::Right {
                    revealed.set(false);
                }
            }
            outcome.set(Some(result));
        })
    };
    let reveal = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(true))
    };
    let text = t.exercises.get(props.index);
    let zh = lang.is_zh();
    let colon = lang.colon();
    let shown_answer = formatted(e.unit, answer, zh);
    let status = props.status.map(|right| {
        html! { <span class={classes!("status", if right { "right" } else { "wrong" })}
        title={if right { t.right } else { t.wrong }}>{ if right { "✓" } else { "✗" } }</span> }
    });
    let solution = html! {
        <div class="solution-block" data-testid={format!("solution-{}", e.id)}>
            <p>{ t.the_answer.fill([&shown_answer]) }</p>
            <p class="solution"><span class="solution-label">{ t.solution_label }{ colon }</span>
                { text.map(|x| x.solution.fill([&shown_answer])).unwrap_or_default() }</p>
        </div>
    };
    let graded = match *outcome {
        Some(Ok(g)) => Some(g),
        _ => None,
    };
    let right = graded == Some(Grade::Right);
    // The solution button: after a miss, and always in front of a class (where it
    // is not an attempt).
    let offer = !right && !*revealed && (graded.is_some() || props.presenting);
    html! {
        <article class="exercise" data-testid={format!("exercise-{}", e.id)}>
            <p class="question">
                <span class="number">{ props.index + 1 }{ ". " }</span>
                { text.map_or("", |x| x.question) }{ " " }{ status }
            </p>
            <form class="answer-form" {onsubmit}>
                <label for={input_id.clone()}>{ t.answer_label }</label>
                <input id={input_id} name="answer" type="text" inputmode="decimal" autocomplete="off"
                    spellcheck="false" placeholder={unit_hint(lang, e.unit)}
                    value={(*typed).clone()} {oninput} />
                <button type="submit" data-testid={format!("check-{}", e.id)}>{ t.check }</button>
            </form>
            if let Some(Err(_)) = *outcome {
                <p class="field-error" role="alert">{ t.unreadable }</p>
            }
            if let Some(g) = graded {
                <div class={classes!("feedback", grade_name(g))}
                    data-testid={format!("feedback-{}", e.id)} data-correct={if right { "true" } else { "false" }}
                    data-grade={grade_name(g)}
                    data-answer={shown_answer.clone()} role="status">
                    { match g {
                        Grade::Right => html! { <p><strong>{ t.right }</strong></p> },
                        Grade::Close => html! { <p><strong>{ t.close }</strong></p> },
                        Grade::Wrong => html! {
                            <p><strong>{ t.wrong }</strong>{ " " }
                                <span class="hint" data-testid={format!("hint-{}", e.id)}>
                                    <span class="solution-label">{ t.hint_label }{ colon }</span>{ text.map_or("", |x| x.hint) }
                                </span></p>
                        },
                    } }
                    if right { { solution.clone() } }
                </div>
            }
            if offer {
                <p><button type="button" class="secondary" data-testid={format!("show-solution-{}", e.id)} onclick={reveal}>{ t.show_solution }</button></p>
            }
            if *revealed && !right { { solution } }
        </article>
    }
}

fn set_name(lang: Lang, set: Set) -> &'static str {
    lang.texts()
        .learn()
        .set_names
        .get(set.index())
        .copied()
        .unwrap_or("")
}

#[component]
pub fn ExercisesPage() -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().learn();
    let form = use_query_form(Route::LearnExercises, PARAMS, "");
    let sets = read_sets(form.get(SET));
    let shown = chosen(&sets);
    let progress =
        use_state(|| Progress::parse(&browser::storage_get(STORAGE_KEY).unwrap_or_default()));
    // Bumped by a reset, so every card forgets what was typed.
    let generation = use_state(|| 0u32);
    let on_result = {
        let progress = progress.clone();
        Callback::from(move |(id, right): (&'static str, bool)| {
            let mut next = (*progress).clone();
            next.record(id, right);
            browser::storage_set(STORAGE_KEY, &next.to_text());
            progress.set(next);
        })
    };
    let reset = {
        let (progress, generation) = (progress.clone(), generation.clone());
        Callback::from(move |_: MouseEvent| {
            browser::storage_set(STORAGE_KEY, "");
            progress.set(Progress::default());
            generation.set(*generation + 1);
        })
    };
    let in_front = presenting(form.get(PRESENT));
    let card = |&(index, exercise): &(usize, &'static Exercise)| {
        html! {
            <ExerciseCard key={format!("{}-{}", exercise.id, *generation)} {index}
                status={progress.get(exercise.id)} on_result={on_result.clone()} presenting={in_front} />
        }
    };
    if in_front {
        let at = position(form.get(AT), shown.len());
        return html! {
            <Presenter form={form.clone()} present_param={PRESENT} at_param={Some(AT)} heading={t.exercises_heading} count={shown.len()}>
                { for shown.get(at).map(card) }
            </Presenter>
        };
    }
    let (right, _) = progress.score(shown.iter().map(|(_, e)| e.id));
    let chip = |href: String, label: &'static str, active: bool| {
        html! {
            <a class={classes!("chip", active.then_some("active"))} href={href}
                aria-current={active.then_some("page")}>{ label }</a>
        }
    };
    html! {
        <div class="page learn exercises">
            <h1>{ t.exercises_heading }</h1>
            { learn_nav(lang, Route::LearnExercises) }
            <p class="lead">{ t.exercises_intro }</p>
            <nav class="presets" aria-label={t.sets_label}>
                <span>{ t.sets_label }{ if lang.is_zh() { "：" } else { ":" } }</span>
                { chip("#/learn/exercises".to_string(), t.all_sets, sets.is_empty()) }
                { for SETS.iter().map(|(code, set)| chip(
                    format!("#/learn/exercises?set={code}"),
                    set_name(lang, *set),
                    sets.len() == 1 && sets.contains(set),
                )) }
            </nav>
            <p class="progress-line">
                <span data-testid="progress-score">{ t.progress.fill([&right.to_string(), &shown.len().to_string()]) }</span>
                { " " }
                <button type="button" class="secondary" data-testid="reset-progress" onclick={reset}>{ t.reset }</button>
                { " " }
                { present_button(&form, PRESENT, Some(AT), t.present) }
            </p>
            { for shown.iter().map(card) }
        </div>
    }
}
