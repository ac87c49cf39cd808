//! Section 3: is the host managed by ESET PROTECT? (Decides where the alert shows.)

use acs_check::Managed;
use leptos::prelude::*;

use crate::app::Page;
use crate::texts::t;

#[component]
pub fn ManagedChoice() -> impl IntoView {
    let page = expect_context::<Page>();
    let lang = page.lang;
    let choices = [
        (Managed::No, "no", "ui.managed.no"),
        (Managed::Yes, "yes", "ui.managed.yes"),
        (Managed::Unknown, "unknown", "ui.managed.unknown"),
    ];
    view! {
        <fieldset class="managed">
            <legend class="sr-only">{move || t(lang.get(), "ui.options.heading")}</legend>
            <p class="hint" id="managed-hint">{move || t(lang.get(), "ui.options.hint")}</p>
            <div class="segmented">
                {choices.into_iter().map(|(value, code, key)| view! {
                    <label class="seg">
                        <input type="radio" name="managed" value=code id=format!("managed-{code}")
                            aria-describedby="managed-hint"
                            prop:checked=move || page.managed.get() == value
                            on:change=move |_| page.managed.set(value)/>
                        <span>{move || t(lang.get(), key)}</span>
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}
