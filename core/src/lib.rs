//! acs-check core: does a Windows host support Azure Code Signing, is the Microsoft Identity
//! Verification root trusted, and which ESET alert will it show?
//!
//! One check is a pure function, [`check`]: inputs in, one [`Report`] out (the report contract). The
//! CLI, the web page and the JavaScript package all call it and only present its result.
//!
//! ```
//! use acs_check::{check, Input, Options};
//! let text = "OS Name:    Microsoft Windows Server 2019 Standard\nOS Version: 10.0.17763 N/A Build 17763\n\
//!             \nMicrosoft Windows [Version 10.0.17763.4010]\n";
//! let report = check(&[Input::text("pasted text", text)], &Options::default());
//! assert_eq!(report.hosts[0].acs.status, acs_check::AcsStatus::Patched);
//! ```

pub mod asn1;
pub mod certs;
#[cfg(feature = "x509")]
pub mod cms;
pub mod decode;
pub mod evidence;
pub mod hosts;
pub mod inputs;
pub mod judge;
pub mod oids;
pub mod present;
pub mod report;
pub mod signature;
pub mod tables;
pub mod texts;
pub mod util;
pub mod windows;

pub use report::*;

use evidence::{Finding, InputKind};

/// The contract's name of a pasted input (the page's paste, the JavaScript package's strings). Faces
/// show it in the report's language ([`present::view::input_name`]).
pub const PASTED_TEXT: &str = "pasted text";

/// One thing the user gave: pasted text or a file's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// File name, or [`PASTED_TEXT`].
    pub name: String,
    pub content: Content,
    /// What the certificate and signature readers found in it, when they ran elsewhere: a build
    /// without the `x509` feature (the page's engine) gets it from one with it (the verifier module,
    /// [`analyse`]). `None`: the readers run here, when this build has them.
    pub analysis: Option<Box<Analysis>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Text that is already a string (a paste).
    Text(String),
    /// A file's bytes, in any encoding or binary format. Signed files (PE, MSI, PowerShell scripts,
    /// detached PKCS#7 signatures) are verified in memory.
    Bytes(Vec<u8>),
    /// A signed file already verified by the range-reading driver ([`signature::Verifier`]), for
    /// files too large to pass as bytes. Keeps [`check`] pure and synchronous.
    Analysed(Box<signature::SignatureResult>),
}

impl Input {
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input { name: name.into(), content: Content::Text(text.into()), analysis: None }
    }

    pub fn bytes(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Input {
        Input { name: name.into(), content: Content::Bytes(bytes.into()), analysis: None }
    }

    /// A signed file verified by the range-reading driver.
    pub fn analysed(name: impl Into<String>, result: signature::SignatureResult) -> Input {
        Input { name: name.into(), content: Content::Analysed(Box::new(result)), analysis: None }
    }

    /// The same input with what the certificate and signature readers found in it.
    pub fn with_analysis(mut self, analysis: Analysis) -> Input {
        self.analysis = Some(Box::new(analysis));
        self
    }

    /// [`with_analysis`](Self::with_analysis) when there is one.
    pub fn with_analysis_opt(mut self, analysis: Option<Box<Analysis>>) -> Input {
        self.analysis = analysis;
        self
    }
}

/// A certificate finding, as the x509 readers hand it over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertFinding {
    Certificates(certs::CertificateSet),
    StoreListing(certs::StoreListing),
}

impl From<CertFinding> for Finding {
    fn from(f: CertFinding) -> Finding {
        match f {
            CertFinding::Certificates(c) => Finding::Certificates(c),
            CertFinding::StoreListing(l) => Finding::StoreListing(l),
        }
    }
}

#[cfg(feature = "x509")]
impl CertFinding {
    fn from_finding(f: Finding) -> Option<CertFinding> {
        match f {
            Finding::Certificates(c) => Some(CertFinding::Certificates(c)),
            Finding::StoreListing(l) => Some(CertFinding::StoreListing(l)),
            Finding::Host(_) => None,
        }
    }
}

/// What the certificate and signature readers (x509-parser, CMS, RSA: the `x509` feature) find in one
/// input. Data only, no words: made where those readers are ([`analyse`]), judged and worded by
/// [`check`] wherever it runs.
///
/// It crosses from the verifier module to the engine module as bytes ([`Analysis::to_bytes`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Analysis {
    /// A signed file (or one that looks like it): its verification.
    Signature { result: Box<signature::SignatureResult> },
    /// A binary certificate file (DER, PKCS#7, `.sst`): its certificates, or why it cannot be read.
    CertificateFile { found: Result<CertFinding, certs::BytesError> },
    /// The certificates of a text (PEM blocks, registry exports); the text itself is read by [`check`].
    TextCertificates { found: Vec<CertFinding> },
    /// Nothing for these readers.
    Nothing,
}

/// The first bytes of an [`Analysis`] as bytes: the format and the version of the build that made them.
/// The engine and the verifier always come from one build (one content-hashed directory); bytes from
/// any other build are refused rather than misread.
const ANALYSIS_MAGIC: &[u8] = concat!("acs-check analysis ", env!("CARGO_PKG_VERSION"), "\n").as_bytes();

/// Why bytes are not an [`Analysis`] of this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnalysisBytesError {
    /// They do not start with this build's marker: not an analysis, or one of another version.
    NotThisBuild,
    /// The marker is there, the rest does not decode (cut short, or changed).
    Malformed(String),
}

impl std::fmt::Display for AnalysisBytesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnalysisBytesError::NotThisBuild => {
                write!(f, "not an analysis made by acs-check {}", env!("CARGO_PKG_VERSION"))
            }
            AnalysisBytesError::Malformed(e) => write!(f, "the analysis does not decode: {e}"),
        }
    }
}

impl std::error::Error for AnalysisBytesError {}

impl Analysis {
    /// The analysis as the verifier module hands it to the engine module: postcard (a compact serde
    /// format) after [`ANALYSIS_MAGIC`]. Postcard writes every field, so the engine reads exactly the
    /// values the verifier found.
    pub fn to_bytes(&self) -> Result<Vec<u8>, AnalysisBytesError> {
        postcard::to_extend(self, ANALYSIS_MAGIC.to_vec()).map_err(|e| AnalysisBytesError::Malformed(e.to_string()))
    }

    /// Reads [`Analysis::to_bytes`]'s bytes; anything else is an error, never a panic (the bytes
    /// cross a module boundary, and a caller may hand in anything).
    pub fn from_bytes(bytes: &[u8]) -> Result<Analysis, AnalysisBytesError> {
        let body = bytes.strip_prefix(ANALYSIS_MAGIC).ok_or(AnalysisBytesError::NotThisBuild)?;
        match postcard::take_from_bytes::<Analysis>(body) {
            Ok((analysis, [])) => Ok(analysis),
            Ok((_, rest)) => Err(AnalysisBytesError::Malformed(format!("{} bytes after its end", rest.len()))),
            Err(e) => Err(AnalysisBytesError::Malformed(e.to_string())),
        }
    }
}

/// True when an input holds something only the certificate and signature readers read: a build
/// without the `x509` feature must get its [`Analysis`] from one with it. Errs on the side of yes
/// (the cost of a yes is loading the verifier).
pub fn needs_analysis(input: &Input) -> bool {
    match &input.content {
        Content::Analysed(_) => false,
        Content::Text(t) => text_needs_analysis(t),
        Content::Bytes(b) => bytes_need_analysis(&input.name, b),
    }
}

/// [`needs_analysis`] for a text (a paste): PEM blocks and registry exports of certificate stores.
pub fn text_needs_analysis(text: &str) -> bool {
    certs::text_has_certificates(text)
}

/// [`needs_analysis`] for a file's bytes: signed files, binary certificate files, and text (UTF-8 or
/// UTF-16LE) with the markers of [`text_needs_analysis`].
pub fn bytes_need_analysis(name: &str, bytes: &[u8]) -> bool {
    let markers = |b: &[u8]| {
        let has = |n: &str| {
            let utf16: Vec<u8> = n.encode_utf16().flat_map(u16::to_le_bytes).collect();
            b.windows(n.len()).any(|w| w == n.as_bytes()) || b.windows(utf16.len()).any(|w| w == utf16.as_slice())
        };
        certs::CERTIFICATE_TEXT_MARKERS.iter().any(|m| has(m))
    };
    signature::detect::may_be_signed(name, bytes) || certs::looks_like_certificate_file(bytes) || markers(bytes)
}

/// Runs the certificate and signature readers on one input (the verifier's half of a check).
#[cfg(feature = "x509")]
pub fn analyse(input: &Input, options: &Options) -> Analysis {
    let text_certificates = |text: &str| Analysis::TextCertificates {
        found: certs::certificates_in_text(text).into_iter().filter_map(CertFinding::from_finding).collect(),
    };
    match &input.content {
        Content::Analysed(r) => Analysis::Signature { result: r.clone() },
        Content::Text(t) => text_certificates(t),
        Content::Bytes(b) => {
            if signature::detect::kind_from_bytes(&input.name, b).is_some() {
                let result = signature::verify_bytes(&input.name, b, &signature_options(options));
                return Analysis::Signature { result: Box::new(result) };
            }
            if let Some(found) = certs::read_bytes(b) {
                return Analysis::CertificateFile {
                    found: found.map(|f| CertFinding::from_finding(f).expect("a certificate finding")),
                };
            }
            // PEM blocks and registry hex are ASCII: the code page of the rest does not matter here.
            match decode::decode_ascii_content(b) {
                Ok(d) => text_certificates(&d.text),
                Err(_) => Analysis::Nothing,
            }
        }
    }
}

/// What one input turned into.
struct Recognised {
    report: InputReport,
    findings: Vec<Finding>,
    /// Why the input (or a part of it) could not be read.
    errors: Vec<String>,
    /// The verification of a signed file.
    signature: Option<signature::SignatureResult>,
}

/// The messages of the parts of certificate evidence that could not be read (a bad PEM block, a
/// broken SST element, a registry Blob that is no certificate).
fn cert_problems(findings: &[Finding], lang: Lang) -> Vec<String> {
    findings
        .iter()
        .filter_map(|f| match f {
            Finding::Certificates(set) => Some(set.problems.iter().map(move |p| present::errors::problem(p, lang))),
            _ => None,
        })
        .flatten()
        .collect()
}

/// "Now" for signature validity without a timestamp: noon UTC of `Options::today`. Callers that run
/// the range-reading verifier themselves (the CLI on a large file, the page) pass these options.
#[cfg(feature = "x509")]
pub fn signature_options(options: &Options) -> signature::VerifyOptions {
    signature::VerifyOptions { now: options.today.and_then(|d| util::noon_of(d.as_str())) }
}

/// The report entry of a signed file: unsigned files are reported, not errors; unreadable ones are
/// also input errors.
fn recognised_signature(input: &Input, result: signature::SignatureResult, lang: Lang) -> Recognised {
    let errors = match &result.error {
        None | Some(signature::SignatureError::Unsigned { .. }) => Vec::new(),
        Some(e) => vec![present::signatures::error_text(lang, e)],
    };
    let kind = present::signatures::input_kind(result.kind);
    // The certificates the signature carries go into the report's certificate list (never into the
    // root-CA status: a signature's copy of the root proves nothing about the host).
    let carried = certs::CertificateSet::from_signature(kind, &result.certificates);
    Recognised {
        report: InputReport {
            name: input.name.clone(),
            kinds: vec![kind],
            encoding: "binary".into(),
            size: result.size,
            omitted: None,
        },
        findings: if carried.certs.is_empty() { Vec::new() } else { vec![Finding::Certificates(carried)] },
        errors,
        signature: Some(result),
    }
}

/// Host blocks kept per input (a paste of many `systeminfo` outputs): more are counted only.
pub const MAX_HOSTS_PER_INPUT: usize = 200;

/// Applies the per-input limits: hosts beyond [`MAX_HOSTS_PER_INPUT`] are dropped and counted, and
/// what every part left out is recorded in the input's `omitted` (with "and N more" for problems).
fn bounded(mut r: Recognised, lang: Lang) -> Recognised {
    let mut o = Omitted::default();
    let mut hosts = 0usize;
    r.findings.retain(|f| {
        if f.as_host().is_none() {
            return true;
        }
        hosts += 1;
        hosts <= MAX_HOSTS_PER_INPUT
    });
    o.hosts = hosts.saturating_sub(MAX_HOSTS_PER_INPUT) as u64;
    for f in &r.findings {
        if let Finding::Certificates(set) = f {
            o.certificates += set.certs_left_out as u64;
            o.problems += set.problems_left_out as u64;
        }
    }
    if let Some(sig) = &r.signature {
        o.signers += sig.signers_left_out as u64;
        o.certificates += sig.certificates_left_out as u64;
    }
    if o.problems > 0 {
        r.errors.push(texts::tf(lang, "error.more_problems", &[("count", &o.problems.to_string())]));
    }
    r.report.omitted = o.nonzero();
    r
}

fn recognise(input: &Input, options: &Options, codecs: &dyn decode::Codecs) -> Recognised {
    let lang = options.lang;
    let analysis: std::borrow::Cow<Analysis> = match &input.analysis {
        Some(a) => std::borrow::Cow::Borrowed(a),
        #[cfg(feature = "x509")]
        None => std::borrow::Cow::Owned(analyse(input, options)),
        #[cfg(not(feature = "x509"))]
        None if needs_analysis(input) => {
            return Recognised {
                report: InputReport {
                    name: input.name.clone(),
                    kinds: vec![InputKind::Unknown],
                    encoding: "binary".into(),
                    size: 0,
                    omitted: None,
                },
                findings: Vec::new(),
                signature: None,
                errors: vec![texts::t(lang, "error.needs_verifier").to_owned()],
            }
        }
        #[cfg(not(feature = "x509"))]
        None => std::borrow::Cow::Owned(Analysis::Nothing),
    };
    let mut text_certificates: Vec<Finding> = Vec::new();
    match analysis.as_ref() {
        Analysis::Signature { result } => return recognised_signature(input, (**result).clone(), lang),
        Analysis::CertificateFile { found } => {
            let size = match &input.content {
                Content::Bytes(b) => b.len() as u64,
                _ => 0,
            };
            let binary = |kinds: Vec<InputKind>| InputReport {
                name: input.name.clone(),
                kinds,
                encoding: "binary".into(),
                size,
                omitted: None,
            };
            return match found {
                Ok(f) => {
                    let findings: Vec<Finding> = vec![f.clone().into()];
                    Recognised {
                        report: binary(vec![findings[0].kind()]),
                        errors: cert_problems(&findings, lang),
                        findings,
                        signature: None,
                    }
                }
                Err(e) => Recognised {
                    report: binary(vec![e.kind]),
                    findings: Vec::new(),
                    errors: vec![present::errors::cert_error(&e.error, lang)],
                    signature: None,
                },
            };
        }
        Analysis::TextCertificates { found } => text_certificates = found.iter().cloned().map(Finding::from).collect(),
        Analysis::Nothing => {}
    }
    let (decoded, size) = match &input.content {
        Content::Text(t) => (Ok(decode::from_text(t)), None),
        // A range-verified file always has a signature analysis (above).
        Content::Analysed(r) => return recognised_signature(input, (**r).clone(), lang),
        Content::Bytes(b) => (decode::decode_with(b, codecs), Some(b.len() as u64)),
    };
    match decoded {
        Err(e) => Recognised {
            report: InputReport {
                name: input.name.clone(),
                kinds: vec![InputKind::Unknown],
                encoding: if e == decode::DecodeError::Binary { "binary".into() } else { "utf-8".into() },
                size: size.unwrap_or(0),
                omitted: None,
            },
            findings: Vec::new(),
            signature: None,
            errors: vec![
                texts::t(lang, if e == decode::DecodeError::Empty { "error.empty" } else { "error.binary" }).to_owned()
            ],
        },
        Ok(d) => {
            let mut findings = inputs::recognise_text(&d.text);
            findings.extend(text_certificates);
            inputs::sort_by_line(&mut findings);
            let mut kinds: Vec<InputKind> = Vec::new();
            for f in &findings {
                if !kinds.contains(&f.kind()) {
                    kinds.push(f.kind());
                }
            }
            let mut errors = cert_problems(&findings, lang);
            if kinds.is_empty() {
                kinds.push(InputKind::Unknown);
                if !d.text.trim().is_empty() {
                    errors.push(texts::t(lang, "error.unrecognised").to_owned());
                }
            }
            let lines = d.text.lines().count() as u64;
            Recognised {
                report: InputReport {
                    name: input.name.clone(),
                    kinds,
                    encoding: d.encoding.into(),
                    size: size.unwrap_or(lines),
                    omitted: None,
                },
                findings,
                errors,
                signature: None,
            }
        }
    }
}

/// Runs one check over all inputs, decoding legacy multi-byte code pages with the built-in codecs
/// (encoding_rs with the default `native-codecs` feature).
pub fn check(inputs: &[Input], options: &Options) -> Report {
    check_with(inputs, options, &decode::BuiltinCodecs)
}

/// [`check`] with the caller's decoders for multi-byte legacy code pages (a browser passes its
/// `TextDecoder`).
pub fn check_with(inputs: &[Input], options: &Options, codecs: &dyn decode::Codecs) -> Report {
    let lang = options.lang;
    let recognised: Vec<Recognised> =
        inputs.iter().map(|i| bounded(recognise(i, options, codecs), options.lang)).collect();
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();

    let cert_findings: Vec<(usize, &Finding)> = recognised
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.findings.iter().filter(|f| f.as_host().is_none()).map(move |f| (i, f)))
        .collect();
    let root = certs::root_status(&cert_findings);
    let root_input = root.input.and_then(|i| names.get(i).cloned());
    let about = root.input.or(root.about).and_then(|i| names.get(i).map(String::as_str)).unwrap_or("");
    let root_ca = RootCaReport {
        status: root.status,
        evidence: root_input.clone(),
        line: root.line,
        detail: present::certificates::root_detail(lang, root.detail, about, root.thumbprint.as_deref()),
    };
    let per_input: Vec<(&str, &[Finding])> =
        recognised.iter().map(|r| (r.report.name.as_str(), r.findings.as_slice())).collect();
    let certificates = present::certificates::certificate_reports(&per_input, lang, options.today);

    let blocks: Vec<hosts::Block> = recognised
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.findings.iter().filter_map(Finding::as_host).map(move |h| hosts::Block { input: i, evidence: h.clone() })
        })
        .collect();
    let cx = hosts::Context { lang, managed: options.managed, root: root.status, input_names: &names };
    let hosts: Vec<HostReport> = hosts::group(blocks).iter().map(|g| hosts::report(g, &cx)).collect();

    let signatures: Vec<SignatureReport> = recognised
        .iter()
        .filter_map(|r| r.signature.as_ref().map(|s| present::signatures::report(lang, &r.report.name, s)))
        .collect();

    Report {
        schema: SCHEMA,
        data_as_of: windows::DATA_AS_OF.to_owned(),
        lang,
        managed: options.managed,
        errors: recognised
            .iter()
            .flat_map(|r| {
                r.errors.iter().map(|message| InputError { input: r.report.name.clone(), message: message.clone() })
            })
            .collect(),
        inputs: recognised.into_iter().map(|r| r.report).collect(),
        root_ca,
        hosts,
        certificates,
        signatures,
    }
}

/// The CLI's exit code for a report: 0 when every host is ok, 1 when any needs action or is
/// unsupported, 2 when a result is unknown or an input could not be read.
/// A check of certificate inputs only (no host) is judged by its root-CA status alone.
pub fn exit_code(report: &Report) -> i32 {
    let root_bad = matches!(report.root_ca.status, RootCaStatus::Absent | RootCaStatus::Lookalike);
    if root_bad || report.hosts.iter().any(|h| matches!(h.verdict, Verdict::ActionNeeded | Verdict::Unsupported)) {
        1
    } else if !report.errors.is_empty()
        || report.hosts.iter().any(|h| h.verdict == Verdict::Unknown)
        || report.hosts.is_empty() && report.root_ca.status != RootCaStatus::Present
    {
        2
    } else {
        0
    }
}
