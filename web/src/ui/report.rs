//! Section 4: the report. A summary table when there are several hosts, then one section per host:
//! verdict banner, checklist, the ESET alert, what to do, details. Then certificates, signatures and
//! inputs that could not be read. The rows and words are the core's view models
//! (`acs_check::present::view`), the same as the plain-text report's.

use acs_check::{
    present::view::{self, CheckRow},
    texts::{t, tf},
    wire_name, HostReport, Lang, Report,
};
use leptos::either::Either;
use leptos::prelude::*;

use super::alerts::AlertMock;
use super::cards::{CertificateCard, SignatureCard};
use super::common::Command;
use crate::model;

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
            let root = view::root_row(lang, &report, h.root_ca.status);
            view! { <HostView host=h.clone() index=i lang=lang root=root data_as_of=report.data_as_of.clone()/> }
        })
        .collect_view();
    // Signed files without a host: the signatures' verdicts come first; the host part is a hint
    // (or the root-certificate result, when other inputs tell it).
    let lead = view::leads_with_signatures(&report).then(|| view! { <SignatureVerdicts report=report.clone()/> });
    let no_host = if view::shows_no_host(&report) {
        Some(Either::Left(view! { <NoHost report=report.clone()/> }))
    } else if lead.is_some() {
        Some(Either::Right(view! { <p class="host-hint">{t(lang, "ui.sig.host_hint")}</p> }))
    } else {
        None
    };
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
    let sigs = view::signature_cards(&report);
    let sigs = (!sigs.is_empty()).then(|| {
        view! {
            <section class="block sigs" aria-labelledby="sigs-h">
                <h3 id="sigs-h">{tf(lang, "ui.sigs.heading", &[("count", &sigs.len().to_string())])}</h3>
                <div class="cards">{sigs.into_iter().map(|s| view! { <SignatureCard sig=s lang=lang/> }).collect_view()}</div>
            </section>
        }
    });
    let errors = (!report.errors.is_empty()).then(|| {
        view! {
            <section class="block errors" aria-labelledby="errors-h">
                <h3 id="errors-h">{t(lang, "ui.errors.heading")}</h3>
                <ul>
                    {report.errors.iter().map(|e| view! { <li><strong>{view::input_name(lang, &e.input)}</strong>": "{e.message.clone()}</li> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <div class="report" lang=lang.code()>
            {lead}
            {summary}
            {hosts}
            {more}
            {no_host}
            {certs}
            {sigs}
            {errors}
            <p class="as-of">{tf(lang, "ui.data_as_of", &[("date", &acs_check::texts::date(lang, &report.data_as_of))])}</p>
        </div>
    }
}

#[component]
fn HostsTable(report: Report) -> impl IntoView {
    let lang = report.lang;
    let rows = view::summary_rows(&report);
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
                        {rows.into_iter().enumerate().map(|(i, r)| view! {
                            <tr data-verdict=wire_name(&r.verdict)>
                                <th scope="row">{(i < MAX_HOST_SECTIONS).then(|| view! { <a href=format!("#{}", model::host_anchor(i))>{r.host.clone()}</a> })}{(i >= MAX_HOST_SECTIONS).then(|| r.host.clone())}</th>
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
                    <li class=format!("check check--{}", model::mark_class(r.mark)) data-check=r.id>
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
fn HostView(host: HostReport, index: usize, lang: Lang, root: CheckRow, data_as_of: String) -> impl IntoView {
    let h = host;
    let anchor = model::host_anchor(index);
    let heading_id = format!("{anchor}-h");
    let labelled_by = heading_id.clone();
    let label = view::host_label(lang, &h, index);
    let host_line = format!("{} · {} · {}", label, view::os_label(&h), view::build_label(&h));
    let rows = vec![view::update_row(lang, &h), root];
    let alert_host = h.host_name.clone().unwrap_or_else(|| t(lang, "ui.alert.this_computer").to_owned());
    // What the host shows, may show or does not show, as sure as the report is (`alert_expected`).
    let section = view::alert_section(lang, &h);
    let alert_heading = section.heading;
    let alerts = if section.alerts.is_empty() {
        Either::Left(view! { <p class="no-alert">{section.lead}</p> })
    } else {
        Either::Right(view! {
            <p class="alert-lead">{section.lead}</p>
            <p class="illustration">{t(lang, "ui.alert.illustration")}</p>
            <div class="mocks">
                {section.alerts.into_iter().map(|a| view! { <AlertMock alert=a host=alert_host.clone()/> }).collect_view()}
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
    let facts = view::fact_rows(lang, &h);
    let sources = view::source_lines(lang, &h);
    let hotfixes = view::hotfix_items(&h);
    let details = (!facts.is_empty() || !hotfixes.is_empty()).then(|| {
        let hotfix_block = (!hotfixes.is_empty()).then(|| {
            view! {
                <h5>{tf(lang, "ui.hotfixes.heading", &[("count", &hotfixes.len().to_string())])}</h5>
                {view::hotfixes_truncated(lang, &h).map(|cut| view! { <p class="check-line">{cut}</p> })}
                {hotfixes.iter().any(|k| k.key).then(|| view! { <p class="legend"><span class="kb kb--key">"KB"</span>" "{t(lang, "ui.hotfixes.legend")}</p> })}
                <ul class="kbs">
                    {hotfixes.into_iter().map(|k| view! {
                        <li class=if k.key { "kb kb--key" } else { "kb" }>{k.kb}</li>
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
                                {facts.into_iter().map(|f| view! { <tr><th scope="row">{f.label}</th><td>{f.value}</td><td class="where">{f.place}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
                {hotfix_block}
                {(!sources.is_empty()).then(|| view! {
                    <h5>{t(lang, "ui.sources.heading")}</h5>
                    <ul class="sources">{sources.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                })}
                <p class="as-of">{tf(lang, "ui.data_as_of", &[("date", &acs_check::texts::date(lang, &data_as_of))])}</p>
            </details>
        }
    });
    view! {
        <article class="host" id=anchor aria-labelledby=labelled_by
            data-verdict=wire_name(&h.verdict) data-acs-status=wire_name(&h.acs.status)
            data-root-ca-status=wire_name(&h.root_ca.status) data-alert-expected=wire_name(&h.alert_expected)
            data-confidence=h.acs.confidence.map(|c| wire_name(&c))>
            <Banner verdict=wire_name(&h.verdict) word=view::host_verdict_word(lang, &h) host=host_line
                summary=h.summary.clone() heading_id=heading_id/>
            <div class="host-grid">
                <Checklist rows=rows lang=lang/>
                <section class="block alerts-block" data-alert-expected=wire_name(&h.alert_expected)>
                    <h4>{alert_heading}</h4>
                    {alerts}
                </section>
            </div>
            <Actions actions=h.actions.clone() lang=lang/>
            {warnings}
            {details}
        </article>
    }
}

/// The verdict of each signed file, as a banner: what a user dropping an installer asked.
#[component]
fn SignatureVerdicts(report: Report) -> impl IntoView {
    view::signature_cards(&report)
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let tone = wire_name(&view::signature_tone(s.verdict));
            let id = format!("sig-verdict-{i}-h");
            let labelled_by = id.clone();
            view! {
                <article class="host sig-verdict" aria-labelledby=labelled_by
                    data-signature-verdict=wire_name(&s.verdict) data-status=wire_name(&s.status)>
                    <Banner verdict=tone word=s.word host=s.input.clone() summary=s.summary.clone() heading_id=id/>
                </article>
            }
        })
        .collect_view()
}

/// No host in the inputs (only certificates, or nothing recognised): the root-certificate result.
#[component]
fn NoHost(report: Report) -> impl IntoView {
    let lang = report.lang;
    let n = view::no_host(&report);
    let status = wire_name(&report.root_ca.status);
    view! {
        <article class="host no-host" id="host-none" aria-labelledby="host-none-h"
            data-verdict=wire_name(&n.verdict) data-acs-status="unknown" data-root-ca-status=status>
            <Banner verdict=wire_name(&n.verdict) word=view::verdict_word(lang, n.verdict) host=String::new()
                summary=t(lang, "ui.report.no_host").to_owned() heading_id="host-none-h".to_owned()/>
            <Checklist rows=vec![n.root] lang=lang/>
            <Actions actions=n.actions lang=lang/>
        </article>
    }
}
