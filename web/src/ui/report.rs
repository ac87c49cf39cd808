//! Section 4: the report. A summary table when there are several hosts, then one section per host:
//! verdict banner, checklist, the ESET alert, what to do, details. Then certificates, signatures,
//! anything newer cores add, and inputs that could not be read.

use acs_check::{
    texts::{t, tf},
    wire_name, AcsStatus, HostReport, Lang, Report, RootCaStatus,
};
use leptos::either::Either;
use leptos::prelude::*;

use super::alerts::AlertMock;
use super::cards::{CertificateCard, ExtraList, SignatureCard};
use super::common::Command;
use crate::model::{self, CheckRow};

/// Host sections drawn in full; a check of more hosts (a log with hundreds of banners) lists the
/// rest in the summary table only, so that the page stays responsive.
pub const MAX_HOST_SECTIONS: usize = 50;

#[component]
pub fn ReportView(report: Report) -> impl IntoView {
    let lang = report.lang;
    let multi = report.hosts.len() > 1;
    let summary = multi.then(|| view! { <HostsTable report=report.clone()/> });
    let more = report.hosts.len().saturating_sub(MAX_HOST_SECTIONS);
    let more = (more > 0)
        .then(|| view! { <p class="more-hosts">{tf(lang, "ui.hosts.more", &[("count", &more.to_string())])}</p> });
    let hosts = report
        .hosts
        .iter()
        .take(MAX_HOST_SECTIONS)
        .enumerate()
        .map(|(i, h)| {
            let root = model::root_row(lang, &report, h.root_ca.status);
            view! { <HostView host=h.clone() index=i lang=lang root=root/> }
        })
        .collect_view();
    let no_host = report.hosts.is_empty().then(|| view! { <NoHost report=report.clone()/> });
    let certs = (!report.certificates.is_empty()).then(|| {
        view! {
            <section class="block certs" aria-labelledby="certs-h">
                <h3 id="certs-h">{tf(lang, "ui.certs.heading", &[("count", &report.certificates.len().to_string())])}</h3>
                <div class="cards">
                    {report.certificates.iter().map(|c| view! { <CertificateCard cert=c.clone() lang=lang/> }).collect_view()}
                </div>
            </section>
        }
    });
    let value = model::report_value(&report);
    let sigs = model::signature_cards(&value);
    let sigs = (!sigs.is_empty()).then(|| {
        view! {
            <section class="block sigs" aria-labelledby="sigs-h">
                <h3 id="sigs-h">{tf(lang, "ui.sigs.heading", &[("count", &sigs.len().to_string())])}</h3>
                <div class="cards">{sigs.into_iter().map(|s| view! { <SignatureCard sig=s lang=lang/> }).collect_view()}</div>
            </section>
        }
    });
    let extras = model::extra_lists(&value)
        .into_iter()
        .map(|(name, items)| view! { <ExtraList name=name items=items lang=lang/> })
        .collect_view();
    let errors = (!report.errors.is_empty()).then(|| {
        view! {
            <section class="block errors" aria-labelledby="errors-h">
                <h3 id="errors-h">{t(lang, "ui.errors.heading")}</h3>
                <ul>
                    {report.errors.iter().map(|e| view! { <li><strong>{model::input_name(lang, &e.input)}</strong>": "{e.message.clone()}</li> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <div class="report" lang=lang.code()>
            {summary}
            {hosts}
            {more}
            {no_host}
            {certs}
            {sigs}
            {extras}
            {errors}
            <p class="as-of">{tf(lang, "ui.data_as_of", &[("date", &report.data_as_of)])}</p>
        </div>
    }
}

#[component]
fn HostsTable(report: Report) -> impl IntoView {
    let lang = report.lang;
    let rows = model::summary_rows(&report);
    view! {
        <section class="block hosts-summary" aria-labelledby="hosts-h">
            <h3 id="hosts-h">{tf(lang, "ui.hosts.heading", &[("count", &rows.len().to_string())])}</h3>
            <div class="table-scroll">
                <table class="hosts">
                    <caption>{t(lang, "ui.hosts.caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "ui.col.host")}</th>
                            <th scope="col">{t(lang, "ui.col.os")}</th>
                            <th scope="col">{t(lang, "ui.col.build")}</th>
                            <th scope="col">{t(lang, "ui.col.verdict")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-verdict=wire_name(&r.verdict)>
                                <th scope="row">{r.linked.then(|| view! { <a href=format!("#{}", r.anchor)>{r.host.clone()}</a> })}{(!r.linked).then(|| r.host.clone())}</th>
                                <td>{r.os}</td>
                                <td class="mono">{r.build}</td>
                                <td><span class=format!("pill pill--{}", wire_name(&r.verdict))>{r.verdict_word}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The verdict banner: the verdict word, the host, and the summary in plain words.
#[component]
fn Banner(verdict: String, word: &'static str, host: String, summary: String, heading_id: String) -> impl IntoView {
    view! {
        <div class=format!("banner banner--{verdict}")>
            <span class="banner-icon" aria-hidden="true"></span>
            <div class="banner-text">
                <p class="banner-host">{host}</p>
                <h3 class="verdict" id=heading_id>{word}</h3>
                <p class="summary">{summary}</p>
            </div>
        </div>
    }
}

#[component]
fn Checklist(rows: Vec<CheckRow>, lang: Lang) -> impl IntoView {
    view! {
        <section class="block checklist">
            <h4>{t(lang, "ui.check.heading")}</h4>
            <ul>
                {rows.into_iter().map(|r| view! {
                    <li class=format!("check check--{}", r.mark.class()) data-check=r.id>
                        <span class="mark" aria-hidden="true">{r.mark.symbol()}</span>
                        <div class="check-body">
                            <p class="check-title">
                                <span class="sr-only">{r.mark.word(lang)}": "</span>
                                {r.title}
                            </p>
                            <p class="check-status">{r.status}</p>
                            {r.lines.into_iter().map(|l| view! { <p class="check-line">{l}</p> }).collect_view()}
                            {r.not_checked.map(|n| view! { <p class="check-line not-checked">{n}</p> })}
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Actions(actions: Vec<acs_check::Action>, lang: Lang) -> impl IntoView {
    view! {
        <section class="block actions">
            <h4>{t(lang, "ui.actions.heading")}</h4>
            {if actions.is_empty() {
                Either::Left(view! { <p class="none">{t(lang, "ui.actions.none")}</p> })
            } else {
                Either::Right(view! {
                    <ol class="action-list">
                        {actions.into_iter().map(|a| view! {
                            <li>
                                <p>{a.text}</p>
                                {a.command.map(|c| view! { <Command command=c lang=lang/> })}
                                {a.url.map(|u| {
                                    let text = model::link_label(lang, &u);
                                    view! { <p class="link"><a href=u.clone() title=u rel="noopener noreferrer" target="_blank">{text}<span class="ext" aria-hidden="true">" ↗"</span><span class="sr-only">" ("{t(lang, "ui.link.new_tab")}")"</span></a></p> }
                                })}
                            </li>
                        }).collect_view()}
                    </ol>
                })
            }}
        </section>
    }
}

#[component]
fn HostView(host: HostReport, index: usize, lang: Lang, root: CheckRow) -> impl IntoView {
    let h = host;
    let anchor = model::host_anchor(index);
    let heading_id = format!("{anchor}-h");
    let labelled_by = heading_id.clone();
    let label = model::host_label(lang, &h, index);
    let host_line = format!("{} · {} · {}", label, model::os_label(&h), model::build_label(&h));
    let rows = vec![model::update_row(lang, &h), root];
    let alert_host = h.host_name.clone().unwrap_or_else(|| t(lang, "ui.alert.this_computer").to_owned());
    let alerts = if h.alerts.is_empty() {
        Either::Left(view! { <p class="no-alert">{t(lang, "ui.alert.none")}</p> })
    } else {
        Either::Right(view! {
            <p class="illustration">{t(lang, "ui.alert.illustration")}</p>
            <div class="mocks">
                {h.alerts.iter().map(|a| view! { <AlertMock alert=a.clone() host=alert_host.clone()/> }).collect_view()}
            </div>
        })
    };
    let warnings = (!h.warnings.is_empty()).then(|| {
        view! {
            <section class="block warnings">
                <h4>{t(lang, "ui.warnings.heading")}</h4>
                <ul>
                    {h.warnings.iter().zip(h.warning_codes.iter().map(Some).chain(std::iter::repeat(None))).map(|(w, c)| view! {
                        <li data-code=c.cloned()>{w.clone()}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let facts = model::fact_rows(lang, &h);
    let sources = model::source_lines(lang, &h);
    let hotfixes = model::hotfix_items(&h);
    let details = (!facts.is_empty() || !hotfixes.is_empty()).then(|| {
        let hotfix_block = (!hotfixes.is_empty()).then(|| {
            view! {
                <h5>{tf(lang, "ui.hotfixes.heading", &[("count", &hotfixes.len().to_string())])}</h5>
                {h.hotfixes_truncated.then(|| view! {
                    <p class="check-line">{tf(lang, "ui.hotfixes.truncated", &[("declared", &h.hotfix_count.map(|c| c.to_string()).unwrap_or_else(|| "?".into()))])}</p>
                })}
                {hotfixes.iter().any(|(_, k)| *k).then(|| view! { <p class="legend"><span class="kb kb--key">"KB"</span>" "{t(lang, "ui.hotfixes.legend")}</p> })}
                <ul class="kbs">
                    {hotfixes.into_iter().map(|(kb, key)| view! {
                        <li class=if key { "kb kb--key" } else { "kb" }>{kb}</li>
                    }).collect_view()}
                </ul>
            }
        });
        view! {
            <details class="block details">
                <summary><h4>{t(lang, "ui.details.heading")}</h4></summary>
                {(!facts.is_empty()).then(|| view! {
                    <h5>{t(lang, "ui.facts.heading")}</h5>
                    <div class="table-scroll">
                        <table class="facts">
                            <thead><tr>
                                <th scope="col">{t(lang, "ui.facts.field")}</th>
                                <th scope="col">{t(lang, "ui.facts.value")}</th>
                                <th scope="col">{t(lang, "ui.facts.source")}</th>
                            </tr></thead>
                            <tbody>
                                {facts.into_iter().map(|(f, v, w)| view! { <tr><th scope="row">{f}</th><td>{v}</td><td class="where">{w}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
                {hotfix_block}
                {(!sources.is_empty()).then(|| view! {
                    <h5>{t(lang, "ui.sources.heading")}</h5>
                    <ul class="sources">{sources.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                })}
            </details>
        }
    });
    view! {
        <article class="host" id=anchor aria-labelledby=labelled_by
            data-verdict=wire_name(&h.verdict) data-acs-status=wire_name(&h.acs.status)
            data-root-ca-status=wire_name(&h.root_ca.status)>
            <Banner verdict=wire_name(&h.verdict) word=model::verdict_word(lang, h.verdict) host=host_line
                summary=h.summary.clone() heading_id=heading_id/>
            <div class="host-grid">
                <Checklist rows=rows lang=lang/>
                <section class="block alerts-block">
                    <h4>{t(lang, "ui.alert.heading")}</h4>
                    {alerts}
                </section>
            </div>
            <Actions actions=h.actions.clone() lang=lang/>
            {warnings}
            {details}
        </article>
    }
}

/// No host in the inputs (only certificates, or nothing recognised): the root-certificate result.
#[component]
fn NoHost(report: Report) -> impl IntoView {
    let lang = report.lang;
    let status = report.root_ca.status;
    let verdict = acs_check::judge::verdict(AcsStatus::Unknown, status);
    let root = model::root_row(lang, &report, status);
    let mut actions = Vec::new();
    if matches!(status, RootCaStatus::Absent | RootCaStatus::Lookalike) {
        actions.push(acs_check::Action {
            text: t(lang, "action.install_root").into(),
            url: Some(acs_check::hosts::PKI_REPOSITORY_URL.into()),
            command: Some(acs_check::hosts::ROOT_INSTALL_COMMAND.into()),
        });
        actions.push(acs_check::Action { text: t(lang, "action.root_why").into(), url: None, command: None });
    }
    actions.push(acs_check::Action {
        text: t(lang, "action.provide_systeminfo").into(),
        url: None,
        command: Some(acs_check::hosts::COLLECT_COMMAND.into()),
    });
    view! {
        <article class="host no-host" id="host-none" aria-labelledby="host-none-h"
            data-verdict=wire_name(&verdict) data-acs-status="unknown" data-root-ca-status=wire_name(&status)>
            <Banner verdict=wire_name(&verdict) word=model::verdict_word(lang, verdict) host=String::new()
                summary=t(lang, "ui.report.no_host").to_owned() heading_id="host-none-h".to_owned()/>
            <Checklist rows=vec![root] lang=lang/>
            <Actions actions=actions lang=lang/>
        </article>
    }
}
