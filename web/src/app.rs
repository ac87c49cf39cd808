//! The page: paste text, see the verdict, the alert the host would show, and what to do.

use acs_check::{check_with, texts, Input, Lang, Managed, Options, Report, Verdict};
use leptos::prelude::*;

fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "verdict.ok",
        Verdict::ActionNeeded => "verdict.action_needed",
        Verdict::Unsupported => "verdict.unsupported",
        Verdict::Unknown => "verdict.unknown",
    }
}

use acs_check::wire_name as wire;

#[component]
pub fn App() -> impl IntoView {
    let (text, set_text) = signal(String::new());
    let (managed, set_managed) = signal(Managed::Unknown);
    let lang = Lang::Ja;
    let report = Memo::new(move |_| {
        let t = text.get();
        (!t.trim().is_empty()).then(|| {
            check_with(
                &[Input::text("pasted text", t)],
                &Options { lang, managed: managed.get(), today: None },
                &crate::codecs::BrowserCodecs,
            )
        })
    });
    view! {
        <main>
            <h1>"acs-check"</h1>
            <label for="input">"systeminfo"</label>
            <textarea id="input" rows="12" on:input=move |ev| set_text.set(event_target_value(&ev)) prop:value=text></textarea>
            <label for="managed">"ESET PROTECT"</label>
            <select id="managed" on:change=move |ev| {
                set_managed.set(Managed::parse(&event_target_value(&ev)).unwrap_or_default())
            }>
                <option value="unknown">"?"</option>
                <option value="yes">"yes"</option>
                <option value="no">"no"</option>
            </select>
            <section id="report" aria-live="polite">
                {move || report.get().map(|r| view! { <ReportView report=r/> })}
            </section>
        </main>
    }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let lang = report.lang;
    report
        .hosts
        .into_iter()
        .map(|h| {
            view! {
                <article class="host" data-verdict=wire(&h.verdict) data-acs-status=wire(&h.acs.status)
                    data-root-ca-status=wire(&h.root_ca.status)>
                    <h2 class="verdict">{texts::t(lang, verdict_key(h.verdict))}</h2>
                    <p class="summary">{h.summary.clone()}</p>
                    {h.alerts.into_iter().map(|a| view! {
                        <div class="alert" data-where=wire(&a.place)>
                            <strong>{a.title}</strong>
                            <p>{a.body}</p>
                        </div>
                    }).collect_view()}
                    <ol class="actions">
                        {h.actions.into_iter().map(|a| view! {
                            <li>{a.text}{a.url.map(|u| { let label = u.clone(); view! { " " <a href=u rel="noopener">{label}</a> } })}</li>
                        }).collect_view()}
                    </ol>
                </article>
            }
        })
        .collect_view()
}
