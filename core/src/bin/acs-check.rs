//! `acs-check [--json] [--lang ja|en] [--managed yes|no|unknown] [FILE…|-]`
//!
//! Argument parsing, reading files and printing only: the check is `acs_check::check`, the
//! plain-text report `acs_check::present::text` (the page's "copy report as text").

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use acs_check::{check, exit_code, Input, Lang, Managed, Options};

const USAGE: &str = "\
usage: acs-check [--json] [--lang ja|en] [--managed yes|no|unknown] [FILE…|-]

Checks Windows hosts for Azure Code Signing support (needed by ESET programs signed since
October 2023) and for the root \"Microsoft Identity Verification Root Certificate Authority 2020\".

Inputs: systeminfo output (any language, format, encoding), ver, reg query, Get-ComputerInfo,
Get-HotFix, wmic qfe, certutil / PowerShell certificate listings, certificate files.
Several files at once (support triage): each systeminfo is a host; outputs of the same host
name and build are joined. With no FILE, or '-', reads standard input.

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
    acs_check::DateStr::parse(acs_check::util::format_time(secs).get(..10)?)
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
        out.write_all(acs_check::present::text(&report).as_bytes())
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
