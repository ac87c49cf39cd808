//! Cards for certificates, signatures (the signature feature's report entries, read generically),
//! and any list a newer core adds to the report.

use acs_check::{
    texts::{t, tf},
    wire_name, CertificateReport, Lang,
};
use leptos::prelude::*;

use crate::model::SignatureCard as SignatureModel;

fn row(label: String, value: String) -> impl IntoView {
    view! { <div class="kv"><dt>{label}</dt><dd>{value}</dd></div> }
}

#[component]
pub fn CertificateCard(cert: CertificateReport, lang: Lang) -> impl IntoView {
    let c = cert;
    let role = wire_name(&c.role);
    let role_word = t(lang, &format!("ui.role.{role}"));
    let tr = |k: &str| t(lang, k).to_owned();
    view! {
        <article class=format!("card-item cert cert--{role}") data-role=role.clone()>
            <p class="card-kicker">{role_word}</p>
            <h4 class="card-title">{c.subject.clone()}</h4>
            <dl>
                {row(tr("ui.cert.issuer"), c.issuer.clone())}
                {row(tr("ui.cert.validity"), format!("{} – {}", c.not_before, c.not_after))}
                {row(tr("ui.cert.serial"), c.serial.clone())}
                {row(tr("ui.cert.sha1"), c.sha1.clone())}
                {row(tr("ui.cert.sha256"), c.sha256.clone())}
                {row(tr("ui.cert.source"), c.source.clone())}
            </dl>
        </article>
    }
}

#[component]
pub fn SignatureCard(sig: SignatureModel, lang: Lang) -> impl IntoView {
    let s = sig;
    let (class, word) = match s.is_acs {
        Some(true) => ("sig--acs", t(lang, "ui.sig.acs")),
        _ => ("sig--other", t(lang, "ui.sig.not_acs")),
    };
    let tr = |k: &str| t(lang, k).to_owned();
    view! {
        <article class=format!("card-item sig {class}") data-status=s.status.clone()>
            <p class="card-kicker">{word}</p>
            <h4 class="card-title">{s.input.clone()}</h4>
            <dl>
                {s.signer.clone().map(|v| row(tr("ui.sig.signer"), v))}
                {s.program.clone().map(|v| row("Program".to_owned(), v))}
                {s.timestamp.clone().map(|v| row(tr("ui.sig.timestamp"), v))}
            </dl>
            {(!s.chain.is_empty()).then(|| view! {
                <p class="chain-label">{tr("ui.sig.chain")}</p>
                <ol class="chain">{s.chain.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ol>
            })}
        </article>
    }
}

#[component]
pub fn ExtraList(name: String, items: Vec<crate::model::Rows>, lang: Lang) -> impl IntoView {
    view! {
        <section class="block extra" data-field=name.clone()>
            <h3>{tf(lang, "ui.more.heading", &[("name", &name)])}</h3>
            <div class="cards">
                {items.into_iter().map(|rows| view! {
                    <article class="card-item"><dl>{rows.into_iter().map(|(k, v)| row(k, v)).collect_view()}</dl></article>
                }).collect_view()}
            </div>
        </section>
    }
}
