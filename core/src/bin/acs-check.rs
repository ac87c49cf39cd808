//! `acs-check [--json] [--lang ja|en] [--managed yes|no|unknown] [FILE…|-]`
//!
//! Argument parsing and printing only: the check itself is `acs_check::check`.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use acs_check::{
    check, exit_code, texts, AcsStatus, HostReport, Input, Lang, Managed, Options, Report, RootCaStatus, Verdict,
};

const USAGE: &str = "\
usage: acs-check [--json] [--lang ja|en] [--managed yes|no|unknown] [FILE…|-]

Checks Windows hosts for Azure Code Signing support (needed by ESET programs signed since
October 2023) and for the root \"Microsoft Identity Verification Root Certificate Authority 2020\".

Inputs: systeminfo output (any language, format, encoding), ver, reg query, Get-ComputerInfo,
Get-HotFix, wmic qfe, certutil / PowerShell certificate listings, certificate files.
Several files = several hosts (support triage). With no FILE, or '-', reads standard input.

  --json             print the report contract as JSON
  --lang ja|en       language of the report (default: ja; en when LANG starts with en)
  --managed M        is ESET managed by ESET PROTECT? yes | no | unknown (default: unknown)
  -h, --help         this help;  -V, --version  the version and the data date

Exit status: 0 every host ok, 1 a host needs action or is unsupported, 2 unknown or unreadable input.";

struct Args {
    json: bool,
    lang: Lang,
    managed: Managed,
    files: Vec<String>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let env_lang = std::env::var("LANG").unwrap_or_default();
    let mut args = Args {
        json: false,
        // Japanese first (the product's users); English when the locale says English.
        lang: if env_lang.starts_with("en") { Lang::En } else { Lang::Ja },
        managed: Managed::Unknown,
        files: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (a.clone(), None),
        };
        let mut value =
            |name: &str| inline.clone().or_else(|| it.next()).ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!(
                    "acs-check {} (update data as of {})",
                    env!("CARGO_PKG_VERSION"),
                    acs_check::windows::DATA_AS_OF
                );
                return Ok(None);
            }
            "--json" => args.json = true,
            "--lang" => {
                let v = value("--lang")?;
                args.lang = Lang::parse(&v).ok_or_else(|| format!("--lang must be ja or en, not {v:?}"))?;
            }
            "--managed" => {
                let v = value("--managed")?;
                args.managed =
                    Managed::parse(&v).ok_or_else(|| format!("--managed must be yes, no or unknown, not {v:?}"))?;
            }
            "--" => args.files.extend(it.by_ref()),
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown option {f}")),
            _ => args.files.push(a),
        }
    }
    Ok(Some(args))
}

fn today() -> Option<acs_check::DateStr> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    // `YYYY-MM-DD` of `YYYY-MM-DDTHH:MM:SSZ`.
    acs_check::DateStr::parse(acs_check::der::format_time(secs).get(..10)?)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("acs-check: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let options = Options { lang: args.lang, managed: args.managed, today: today() };
    let mut inputs = Vec::new();
    let files = if args.files.is_empty() { vec!["-".to_owned()] } else { args.files.clone() };
    for f in &files {
        if f == "-" {
            if io::stdin().is_terminal() && args.files.is_empty() {
                eprintln!("acs-check: reading standard input (paste, then Ctrl-D); --help for usage");
            }
            let mut buf = Vec::new();
            if let Err(e) = io::stdin().read_to_end(&mut buf) {
                eprintln!("acs-check: standard input: {e}");
                return ExitCode::from(2);
            }
            inputs.push(Input::bytes("standard input", buf));
        } else {
            match read_input(f, &options) {
                Ok(input) => inputs.push(input),
                Err(e) => {
                    eprintln!("acs-check: {f}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    let report = check(&inputs, &options);
    let mut out = io::stdout().lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::from).and_then(|_| writeln!(out))
    } else {
        out.write_all(human(&report).as_bytes())
    };
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("acs-check: {e}");
        }
    }
    ExitCode::from(exit_code(&report) as u8)
}

/// Files above this size that start like a PE or an MSI (installers) are verified by streaming them
/// through the signature verifier instead of reading them into memory.
const STREAM_ABOVE: u64 = 16 << 20;

/// One file as an input: its bytes, or for a large installer the result of streaming verification.
fn read_input(path: &str, options: &Options) -> io::Result<Input> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > STREAM_ABOVE {
        let mut head = [0u8; 8];
        let n = file.read(&mut head)?;
        if acs_check::signature::detect::kind_from_head(path, &head[..n], size).is_some() {
            let verify = acs_check::signature_options(options);
            let result = acs_check::signature::verify_reader(path, &mut file, &verify, |_| {})?;
            return Ok(Input::analysed(path, result));
        }
    }
    let mut bytes = Vec::with_capacity(size as usize);
    io::Seek::seek(&mut file, io::SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(Input::bytes(path, bytes))
}

fn verdict_word(lang: Lang, v: Verdict) -> &'static str {
    texts::t(
        lang,
        match v {
            Verdict::Ok => "verdict.ok",
            Verdict::ActionNeeded => "verdict.action_needed",
            Verdict::Unsupported => "verdict.unsupported",
            Verdict::Unknown => "verdict.unknown",
        },
    )
}

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "OK",
        Verdict::ActionNeeded => "!!",
        Verdict::Unsupported => "XX",
        Verdict::Unknown => "??",
    }
}

fn host_title(h: &HostReport, i: usize) -> String {
    let name = h.host_name.clone().unwrap_or_else(|| format!("#{}", i + 1));
    let os = h.os.product.clone().or(h.os.name.clone()).unwrap_or_else(|| "?".into());
    let build = match (h.os.build, h.os.revision) {
        (Some(b), Some(r)) => format!(" ({b}.{r})"),
        (Some(b), None) => format!(" ({b})"),
        _ => String::new(),
    };
    format!("{name} — {os}{build}")
}

/// The plain-text report: what a support engineer pastes into a ticket.
fn human(r: &Report) -> String {
    let lang = r.lang;
    let ja = lang == Lang::Ja;
    let mut s = String::new();
    let l = |ja_s: &'static str, en_s: &'static str| if ja { ja_s } else { en_s };
    if r.hosts.len() > 1 {
        s.push_str(l("ホスト一覧\n", "Hosts\n"));
        for (i, h) in r.hosts.iter().enumerate() {
            s.push_str(&format!(
                "  [{}] {:<14} {}\n",
                mark(h.verdict),
                verdict_word(lang, h.verdict),
                host_title(h, i)
            ));
        }
        s.push('\n');
    }
    for (i, h) in r.hosts.iter().enumerate() {
        s.push_str(&format!("== {} ==\n", host_title(h, i)));
        s.push_str(&format!("[{}] {}\n", mark(h.verdict), verdict_word(lang, h.verdict)));
        s.push_str(&format!("{}\n", h.summary));
        let acs = match h.acs.status {
            AcsStatus::Native => l("標準で対応", "native"),
            AcsStatus::Patched => l("更新プログラムで対応済み", "patched"),
            AcsStatus::NeedsUpdate => l("更新プログラムが必要", "needs update"),
            AcsStatus::EndOfSupport => l("ESET のサポート対象外", "end of support"),
            AcsStatus::Unknown => l("不明", "unknown"),
        };
        s.push_str(&format!("  {} {acs}", l("Windows の ACS 対応:", "Windows ACS support:")));
        if let Some(e) = &h.acs.evidence {
            s.push_str(&format!(" — {e}"));
            if let Some(at) = &h.acs.evidence_at {
                s.push_str(&format!(" ({}:{})", at.input, at.line));
            }
        }
        s.push_str(&format!("\n    {}\n", h.acs.explanation));
        let root = match h.root_ca.status {
            RootCaStatus::Present => l("あり", "present"),
            RootCaStatus::Absent => l("なし", "absent"),
            RootCaStatus::Lookalike => l("偽物のみ", "look-alike only"),
            RootCaStatus::Unknown => l("未確認", "not checked"),
        };
        s.push_str(&format!("  {} {root}\n", l("ルート証明書:", "Root certificate:")));
        if !h.hotfixes.is_empty() {
            let count = h.hotfix_count.map(|c| format!(" / {c}")).unwrap_or_default();
            s.push_str(&format!("  {} {}{count}\n", l("更新プログラム:", "Updates:"), h.hotfixes.len()));
        }
        for a in &h.alerts {
            let place = texts::t(
                lang,
                if a.place == acs_check::AlertPlace::Client { "alert.where.client" } else { "alert.where.console" },
            );
            s.push_str(&format!(
                "  {} {place}\n    「{}」\n    {}\n",
                l("表示されるアラート:", "Alert shown:"),
                a.title,
                a.body
            ));
            if a.translated {
                s.push_str(&format!("    ({})\n", texts::t(lang, "alert.translation_note")));
            }
        }
        if !h.actions.is_empty() {
            s.push_str(l("  対応:\n", "  What to do:\n"));
            for (n, a) in h.actions.iter().enumerate() {
                s.push_str(&format!("    {}. {}\n", n + 1, a.text));
                if let Some(c) = &a.command {
                    s.push_str(&format!("       > {c}\n"));
                }
                if let Some(u) = &a.url {
                    s.push_str(&format!("       {u}\n"));
                }
            }
        }
        for w in &h.warnings {
            s.push_str(&format!("  ⚠ {w}\n"));
        }
        s.push('\n');
    }
    if r.hosts.is_empty() {
        s.push_str(&format!("{} {}\n", l("ルート証明書:", "Root certificate:"), r.root_ca.detail));
    }
    for sig in &r.signatures {
        s.push_str(&format!("\n== {} ==\n{}\n", sig.input, sig.summary));
        for signer in &sig.signers {
            if signer.nested {
                s.push_str(&format!("  {}\n", l("入れ子の署名:", "Nested signature:")));
            }
            for step in &signer.steps {
                let mark = match step.status {
                    acs_check::signature::StepStatus::Passed => "✔",
                    acs_check::signature::StepStatus::Failed => "✘",
                    acs_check::signature::StepStatus::NotApplicable => "–",
                };
                s.push_str(&format!("  {mark} {}\n", step.detail));
            }
        }
    }
    if !r.certificates.is_empty() {
        s.push_str(l("\n証明書:\n", "\nCertificates:\n"));
        for c in &r.certificates {
            let role = acs_check::wire_name(&c.role);
            s.push_str(&format!("  [{role}] {}\n    SHA-1 {}  ({})\n", c.subject, c.sha1, c.source));
            if let Some(note) = &c.note {
                s.push_str(&format!("    {note}\n"));
            }
        }
    }
    for e in &r.errors {
        s.push_str(&format!("{} {}: {}\n", l("読み取れない入力:", "Unreadable input:"), e.input, e.message));
    }
    s.push_str(&format!("{} {}\n", l("更新プログラムのデータ:", "Update data as of:"), r.data_as_of));
    s
}
