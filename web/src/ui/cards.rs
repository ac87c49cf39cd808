//! Cards for certificates and signed files.

use acs_check::{
    present::view::{self, SignatureCard as SignatureModel},
    texts::t,
    wire_name, CertificateReport, Lang,
};
use leptos::prelude::*;

fn row(label: String, value: String) -> impl IntoView {
    view! { <div class="kv"><dt>{label}</dt><dd>{value}</dd></div> }
}

#[component]
pub fn CertificateCard(cert: CertificateReport, lang: Lang) -> impl IntoView {
    let c = cert;
    let role = wire_name(&c.role);
    let role_word = view::role_word(lang, c.role);
    let tr = |k: &str| t(lang, k).to_owned();
    view! {
        <article class=format!("card-item cert cert--{role}") data-role=role.clone()>
            <p class="card-kicker">{role_word}</p>
            <h4 class="card-title">{c.subject.clone()}</h4>
            <dl>
                {row(tr("ui.cert.issuer"), c.issuer.clone())}
                {row(tr("ui.cert.validity"), view::validity(lang, &c.not_before, &c.not_after))}
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
    let class = if s.is_acs { "sig--acs" } else { "sig--other" };
    let tr = |k: &str| t(lang, k).to_owned();
    view! {
        <article class=format!("card-item sig {class}") data-status=wire_name(&s.status)
            data-signature-verdict=wire_name(&s.verdict)>
            <p class="card-kicker">{s.word}</p>
            <h4 class="card-title">{s.input.clone()}</h4>
            <p class="card-summary">{s.summary.clone()}</p>
            <dl>
                {s.signer.clone().map(|v| row(tr("ui.sig.signer"), v))}
                {s.publisher.clone().map(|v| row(tr("ui.sig.publisher"), v))}
                {s.program.clone().map(|v| row(tr("ui.sig.program"), v))}
                {s.timestamp.as_deref().map(|v| row(tr("ui.sig.timestamp"), acs_check::texts::date(lang, v)))}
            </dl>
            {(!s.chain.is_empty()).then(|| view! {
                <p class="chain-label">{tr("ui.sig.chain")}</p>
                <ol class="chain">{s.chain.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ol>
            })}
        </article>
    }
}
