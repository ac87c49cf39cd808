//! Small shared pieces: a copy button and a command line with its copy button.

use std::time::Duration;

use acs_check::Lang;
use leptos::prelude::*;

use crate::texts::{t, tf};

#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// A button that copies `text`; the result is announced in a status line beside it. `label` names
/// the button for assistive technology; `caption` is its visible text (default "Copy").
#[component]
pub fn CopyButton(
    text: String,
    label: String,
    lang: Lang,
    #[prop(optional)] caption: Option<String>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(default = "copy")] class: &'static str,
) -> impl IntoView {
    let (state, set_state) = signal(CopyState::Idle);
    let text = StoredValue::new(text);
    let copy = move |_| {
        let txt = text.get_value();
        leptos::task::spawn_local(async move {
            let ok = crate::dom::copy_text(&txt).await;
            set_state.set(if ok { CopyState::Copied } else { CopyState::Failed });
            set_timeout(move || set_state.set(CopyState::Idle), Duration::from_millis(2500));
        });
    };
    let caption = caption.unwrap_or_else(|| t(lang, "ui.copy").to_owned());
    let aria = (label != caption).then(|| label.clone());
    view! {
        <span class="copy-wrap">
            <button type="button" class=class id=id aria-label=aria title=label on:click=copy>{caption}</button>
            <span class="copy-status" role="status">
                {move || match state.get() {
                    CopyState::Idle => "",
                    CopyState::Copied => t(lang, "ui.copied"),
                    CopyState::Failed => t(lang, "ui.copy_failed"),
                }}
            </span>
        </span>
    }
}

/// A command line as the user types it, with a copy button.
#[component]
pub fn Command(command: String, lang: Lang) -> impl IntoView {
    let label = tf(lang, "ui.copy_label", &[("command", &command)]);
    view! {
        <div class="cmd">
            <code translate="no">{command.clone()}</code>
            <CopyButton text=command label=label lang=lang/>
        </div>
    }
}

/// A container whose content is built anew (never diffed in place) each time `source` changes.
/// Large sections that change as a whole (the report, the how-to in another language) then carry no
/// in-place "rebuild" code for their view types, which roughly halves their share of the page's size.
pub fn fresh<T, V>(
    id: &'static str,
    source: impl Fn() -> T + 'static,
    render: impl Fn(T) -> V + Clone + 'static,
) -> impl IntoView
where
    T: 'static,
    V: IntoView + 'static,
{
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |previous: Option<Option<Box<dyn std::any::Any>>>| {
        // Unmount the old content first (its reactive owner goes with it).
        drop(previous);
        let value = source();
        let element = node.get()?;
        let render = render.clone();
        let parent: web_sys::HtmlElement = element.into();
        let handle = leptos::mount::mount_to(parent, move || render(value));
        Some(Box::new(handle) as Box<dyn std::any::Any>)
    });
    view! { <div id=id node_ref=node></div> }
}
