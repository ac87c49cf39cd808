//! "What you will see": the ESET alert drawn as it shows, in the ESET program's status window on
//! the client (unmanaged) or as an entry of the ESET PROTECT console (managed). CSS only, no ESET
//! images; the words are the report's, verbatim.

use acs_check::{
    texts::{t, tf},
    wire_name, Alert, AlertPlace, Lang,
};
use leptos::either::Either;
use leptos::prelude::*;

use crate::model::split_url;

/// The body, with the web address in it (the console's link to the FAQ) as a link.
fn body_view(body: &str) -> impl IntoView {
    let (before, url, after) = split_url(body);
    view! {
        {before}
        {url.map(|u| { let text = u.clone(); view! { <a href=u rel="noopener noreferrer" target="_blank">{text}</a> } })}
        {after}
    }
}

fn meta(lang: Lang, a: &Alert) -> impl IntoView {
    view! {
        <p class="mock-meta">
            <span class="alert-id" translate="no">{tf(lang, "ui.alert.id", &[("id", &a.id)])}</span>
            <span class="alert-since">{tf(lang, "ui.alert.since", &[("date", &acs_check::texts::date(lang, &a.since))])}</span>
        </p>
    }
}

fn original(lang: Lang, a: &Alert) -> impl IntoView {
    a.translated.then(|| {
        view! {
            <div class="original">
                <p class="translated-note">{t(lang, "alert.translation_note")}</p>
                <p class="original-label">{t(lang, "ui.alert.original")}</p>
                <blockquote lang="ja">
                    <p class="original-title">{a.original_title.clone()}</p>
                    <p class="original-body">{a.original_body.as_deref().map(body_view)}</p>
                </blockquote>
            </div>
        }
    })
}

#[component]
pub fn AlertMock(alert: Alert, host: String) -> impl IntoView {
    let a = alert;
    let lang = a.lang;
    let place = wire_name(&a.place);
    let badge = a.translated.then(|| view! { <span class="badge">{t(lang, "ui.alert.translated")}</span> });
    let screen = match a.place {
        AlertPlace::Client => Either::Left(view! {
            <div class="win" aria-label=t(lang, "ui.alert.client_app")>
                <div class="win-bar" aria-hidden="true">
                    <span class="win-logo"></span>
                    <span class="win-app">"ESET"</span>
                    <span class="win-ctrls"></span>
                </div>
                <div class="win-body">
                    <div class="win-nav" aria-hidden="true"></div>
                    <div class="win-main">
                        <div class="win-status">
                            <span class="status-icon" aria-hidden="true">"!"</span>
                            <div class="status-text">
                                <p class="alert-title" lang=lang.code()>{a.title.clone()}{badge}</p>
                                <p class="alert-body" lang=lang.code()>{body_view(&a.body)}</p>
                            </div>
                        </div>
                        <div class="win-lines" aria-hidden="true"></div>
                    </div>
                </div>
            </div>
        }),
        AlertPlace::Console => Either::Right(view! {
            <div class="console" aria-label=t(lang, "ui.alert.console_app")>
                <div class="console-bar" aria-hidden="true">
                    <span class="console-logo"></span>
                    <span class="console-app">"ESET PROTECT"</span>
                    <span class="console-search"></span>
                </div>
                <div class="console-body">
                    <div class="console-nav" aria-hidden="true"></div>
                    <div class="console-main">
                        <p class="console-computer">
                            <span class="pc-icon" aria-hidden="true"></span>
                            {tf(lang, "ui.alert.computer", &[("host", &host)])}
                        </p>
                        <div class="console-entry">
                            <span class="tri-icon" aria-hidden="true"></span>
                            <div class="status-text">
                                <p class="alert-title" lang=lang.code()>{a.title.clone()}{badge}</p>
                                <p class="alert-body" lang=lang.code()>{body_view(&a.body)}</p>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
        }),
    };
    let where_key = match a.place {
        AlertPlace::Client => "alert.where.client",
        AlertPlace::Console => "alert.where.console",
    };
    view! {
        <figure class=format!("alert mock mock--{place}") data-where=place data-alert-id=a.id.clone()>
            <figcaption class="mock-where">{t(lang, where_key)}</figcaption>
            {screen}
            {meta(lang, &a)}
            {original(lang, &a)}
        </figure>
    }
}
