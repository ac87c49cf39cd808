//! Section 5: for support staff. Copy the report as text, download the JSON (the contract), print.

use acs_check::{
    texts::{t, tf},
    Report,
};
use leptos::prelude::*;

use super::common::CopyButton;

#[component]
pub fn SupportBar(report: Report) -> impl IntoView {
    let lang = report.lang;
    let text = acs_check::present::text(&report);
    let schema = report.schema;
    let stored = StoredValue::new(report);
    // The contract, exactly as the CLI's --json prints it.
    let download = move |_| {
        let json = stored.with_value(|r| serde_json::to_string_pretty(r).unwrap_or_default());
        let _ = crate::dom::download("acs-check-report.json", "application/json", &json);
    };
    view! {
        <section class="support" aria-labelledby="support-h">
            <h3 id="support-h">{t(lang, "ui.support.heading")}</h3>
            <p class="hint">{tf(lang, "ui.support.hint", &[("schema", &schema.to_string())])}</p>
            <div class="support-buttons">
                <CopyButton text=text label=t(lang, "ui.support.copy_text").to_owned() lang=lang
                    caption=t(lang, "ui.support.copy_text").to_owned() id="copy-report" class="button"/>
                <button type="button" class="button" id="download-json" on:click=download>{t(lang, "ui.support.download_json")}</button>
                <button type="button" class="button" id="print" on:click=|_| crate::dom::print()>{t(lang, "ui.support.print")}</button>
            </div>
        </section>
    }
}
