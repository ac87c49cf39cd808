//! Words for signature results: a [`SignatureResult`] becomes the report's [`SignatureReport`] in the
//! report's language. Every sentence comes from `data/texts.tsv` (keys `sig.*`).

use crate::evidence::InputKind;
use crate::report::{Lang, SignatureReport, SignatureVerdict, SignerReport, StepReport};
use crate::signature::result::*;
use crate::signature::Publisher;
use crate::signature::SignatureError;
use crate::texts;

/// The report contract's input kind for a checked file.
pub fn input_kind(kind: Option<FileKind>) -> InputKind {
    match kind {
        Some(FileKind::Pe) => InputKind::AuthenticodePe,
        Some(FileKind::Msi) => InputKind::AuthenticodeMsi,
        Some(FileKind::Script) => InputKind::AuthenticodeScript,
        Some(FileKind::Pkcs7) => InputKind::Pkcs7,
        None => InputKind::Unknown,
    }
}

/// The serialised name of an enum value's variant (`"mismatch"`, or the key of `{"bad_key": {…}}`):
/// the code its words are keyed by.
fn code_of<T: serde::Serialize>(v: &T) -> String {
    crate::report::variant_name(v)
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    crate::report::wire_name(v)
}

fn crypto_text(lang: Lang, e: &CryptoError) -> String {
    let key = format!("sig.crypto.{}", code_of(e));
    match e {
        CryptoError::UnsupportedAlgorithm { oid } => {
            texts::tf(lang, &key, &[("algorithm", &crate::oids::described(oid))])
        }
        CryptoError::BadKey { reason } => texts::tf(lang, &key, &[("reason", reason)]),
        CryptoError::Mismatch => texts::t(lang, &key).to_owned(),
    }
}

fn timestamp_text(lang: Lang, p: &TimestampProblem) -> String {
    let key = format!("sig.ts.{}", code_of(p));
    match p {
        TimestampProblem::Malformed { detail } => texts::tf(lang, &key, &[("detail", detail)]),
        TimestampProblem::UnsupportedDigest { oid } => texts::tf(lang, &key, &[("oid", oid)]),
        TimestampProblem::SignatureInvalid { error } => texts::tf(lang, &key, &[("error", &crypto_text(lang, error))]),
        TimestampProblem::ChainInvalid { outcome } => texts::tf(lang, &key, &[("outcome", &code_of(outcome))]),
        TimestampProblem::TsaNotValidAtTime { subject } => texts::tf(lang, &key, &[("subject", subject)]),
        TimestampProblem::ImprintMismatch
        | TimestampProblem::MessageDigestMismatch
        | TimestampProblem::TsaCertificateMissing
        | TimestampProblem::NotATimestampingCertificate => texts::t(lang, &key).to_owned(),
    }
}

/// Where bytes the signature does not cover are, in words.
fn unsigned_text(lang: Lang, d: &UnsignedData) -> String {
    let key = format!("sig.unsigned.{}", code_of(d));
    match d {
        UnsignedData::DataAfterCertificateTable { offset, len }
        | UnsignedData::ExtraCertificateEntry { offset, len }
        | UnsignedData::CertificatePadding { offset, len }
        | UnsignedData::DataAfterLastSector { offset, len } => {
            texts::tf(lang, &key, &[("offset", &offset.to_string()), ("len", &len.to_string())])
        }
        UnsignedData::TextAfterSignatureBlock { line } => texts::tf(lang, &key, &[("line", &line.to_string())]),
    }
}

/// The words for a step's reason.
pub fn step_text(lang: Lang, reason: &StepReason) -> String {
    use StepReason as R;
    let key = format!("sig.step.{}", code_of(reason));
    // Dates and times in the report's language (the contract's own fields keep RFC 3339).
    let when = |iso: &str| texts::date(lang, iso);
    let args: Vec<(&str, String)> = match reason {
        R::FileDigestMatch { alg } => vec![("alg", alg.name().into())],
        R::UnsignedData { data } => vec![("what", unsigned_text(lang, data))],
        R::SignerCount { count } => vec![("count", count.to_string())],
        R::ValidAtDateTimestampNotTrusted { date, tsa } => vec![("date", when(date)), ("tsa", tsa.clone())],
        R::NotValidAtDateTimestampNotTrusted { subject, date, tsa } => {
            vec![("subject", subject.clone()), ("date", when(date)), ("tsa", tsa.clone())]
        }
        R::CaNotForCodeSigning { subject } => vec![("subject", subject.clone())],
        R::WeakAlgorithm { part, algorithm, subject } => vec![
            (
                "part",
                texts::tf(lang, &format!("sig.part.{}", snake(part)), &[("subject", subject.as_deref().unwrap_or(""))]),
            ),
            ("algorithm", algorithm.clone()),
        ],
        R::FileDigestMismatch { alg, signed, computed } => {
            vec![("alg", alg.name().into()), ("signed", signed.clone()), ("computed", computed.clone())]
        }
        R::WrongFileKind { signed_for, file } => vec![("signed_for", snake(signed_for)), ("file", snake(file))],
        R::UnsupportedDigest { oid } => vec![("oid", oid.clone())],
        R::SignatureInvalid { error } => vec![("error", crypto_text(lang, error))],
        R::ChainNotPinned { top } | R::ChainIssuerMissing { top } => vec![("top", top.clone())],
        R::ChainBrokenLink { child, parent, error } => {
            vec![("child", child.clone()), ("parent", parent.clone()), ("error", crypto_text(lang, error))]
        }
        R::ChainLookalikeRoot { sha256 } => vec![("sha256", sha256.clone())],
        R::ChainNotACa { subject } => vec![("subject", subject.clone())],
        R::TimestampValid { time, tsa } | R::TimestampValidNotPinned { time, tsa } => {
            vec![("time", when(time)), ("tsa", tsa.clone())]
        }
        R::TimestampInvalid { problem } => vec![("problem", timestamp_text(lang, problem))],
        R::ValidAtTimestamp { time } => vec![("time", when(time))],
        R::ValidAtDate { date } => vec![("date", when(date))],
        R::NotValidAtTimestamp { subject, time } => vec![("subject", subject.clone()), ("time", when(time))],
        R::NotValidAtDate { subject, date } => vec![("subject", subject.clone()), ("date", when(date))],
        R::Unreadable { detail } => vec![("detail", detail.clone())],
        R::Detached
        | R::MessageDigestMatch
        | R::MessageDigestMismatch
        | R::MessageDigestMissing
        | R::ContentTypeMismatch
        | R::ContentTypeMissing
        | R::SignedAttributesMissing
        | R::StrongAlgorithms
        | R::ContentAbsent
        | R::SignatureValid
        | R::SignerCertificateMissing
        | R::ChainPinned
        | R::ChainAmbiguousSigner
        | R::ChainTooLong
        | R::NoTimestamp
        | R::NoTimeToCheck
        | R::Skipped
        | R::AcsEku
        | R::CodeSigningNotAcs
        | R::NoCodeSigningEku => vec![],
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    texts::tf(lang, &key, &args)
}

/// The words for an error.
pub fn error_text(lang: Lang, e: &SignatureError) -> String {
    let key = format!("sig.error.{}", code_of(e));
    let size_s;
    let limit_s;
    let args: Vec<(&str, &str)> = match e {
        SignatureError::Truncated { what } | SignatureError::Malformed { what } => vec![("what", what)],
        SignatureError::TooLarge { what, size, limit } => {
            size_s = size.to_string();
            limit_s = limit.to_string();
            vec![("what", what), ("size", &size_s), ("limit", &limit_s)]
        }
        SignatureError::BadSignature { detail }
        | SignatureError::Driver { detail }
        | SignatureError::Internal { detail } => {
            vec![("detail", detail)]
        }
        SignatureError::Empty | SignatureError::NotRecognised | SignatureError::Unsigned { .. } => vec![],
    };
    texts::tf(lang, &key, &args)
}

/// The lead answer of a signature check, in one word for scripts and pages.
pub fn verdict(r: &SignatureResult, publisher: Option<&Publisher>) -> SignatureVerdict {
    match r.status {
        SignatureStatus::Acs | SignatureStatus::SignedNotAcs if r.detached => SignatureVerdict::SignatureOnly,
        SignatureStatus::Acs if publisher.is_some_and(|p| p.is_eset) => SignatureVerdict::EsetAcs,
        SignatureStatus::Acs => SignatureVerdict::OtherAcs,
        SignatureStatus::SignedNotAcs => SignatureVerdict::NotAcs,
        SignatureStatus::Invalid => SignatureVerdict::Invalid,
        SignatureStatus::Unsigned => SignatureVerdict::Unsigned,
        SignatureStatus::Unreadable => SignatureVerdict::Unreadable,
    }
}

/// The plain-language summary of a result.
pub fn summary(lang: Lang, input: &str, r: &SignatureResult) -> String {
    let primary = r.primary();
    let publisher = r.publisher();
    // Windows judges a file by its primary signature: names and time come from it.
    let signer = primary.and_then(|s| s.signer_name.clone()).unwrap_or_default();
    let organization = publisher.as_ref().and_then(|p| p.organization.clone()).unwrap_or_else(|| signer.clone());
    let nested = r.nested_acs().and_then(|s| s.organization.clone().or_else(|| s.signer_name.clone()));
    let time = primary
        .and_then(|s| s.timestamp.as_ref())
        .filter(|t| t.verified && t.pinned)
        .and_then(|t| t.time.as_deref())
        .map_or_else(|| texts::t(lang, "sig.time_unknown").to_owned(), |t| texts::date(lang, t));
    let first_failure = r
        .signers
        .iter()
        .find(|s| s.status == SignatureStatus::Invalid)
        .and_then(|s| s.steps.iter().find(|st| st.status == StepStatus::Failed))
        .map(|st| step_text(lang, &st.reason))
        .unwrap_or_default();
    let reason = r.error.as_ref().map(|e| error_text(lang, e)).unwrap_or(first_failure);
    let digest = primary.and_then(|s| s.signed_digest.as_ref());
    let (alg, value) = digest.map_or(("", String::new()), |d| (d.algorithm.name(), d.value.clone()));
    let catalog = primary.and_then(|s| s.signed_kind) == Some(SignedKind::Catalog);
    let key = match verdict(r, publisher.as_ref()) {
        SignatureVerdict::SignatureOnly if catalog => "sig.summary.catalog",
        SignatureVerdict::SignatureOnly if r.status == SignatureStatus::Acs => "sig.summary.acs_detached",
        SignatureVerdict::SignatureOnly => "sig.summary.detached_not_acs",
        SignatureVerdict::EsetAcs => "sig.summary.eset_acs",
        SignatureVerdict::OtherAcs => "sig.summary.acs",
        SignatureVerdict::NotAcs if nested.is_some() => "sig.summary.nested_acs_only",
        SignatureVerdict::NotAcs => "sig.summary.signed_not_acs",
        SignatureVerdict::Invalid => "sig.summary.invalid",
        SignatureVerdict::Unsigned => "sig.summary.unsigned",
        SignatureVerdict::Unreadable => "sig.summary.unreadable",
    };
    texts::tf(
        lang,
        key,
        &[
            ("input", input),
            ("signer", &signer),
            ("organization", &organization),
            ("time", &time),
            ("reason", &reason),
            ("alg", alg),
            ("digest", &value),
            ("nested", nested.as_deref().unwrap_or_default()),
        ],
    )
}

/// The report entry for one checked input.
pub fn report(lang: Lang, input: &str, r: &SignatureResult) -> SignatureReport {
    let primary = r.primary();
    let ts = primary.and_then(|s| s.timestamp.as_ref());
    let publisher = r.publisher();
    SignatureReport {
        input: input.to_owned(),
        kind: input_kind(r.kind),
        status: r.status,
        is_acs_signed: r.is_acs_signed,
        verdict: verdict(r, publisher.as_ref()),
        detached: r.detached,
        signed_digest: primary.and_then(|s| s.signed_digest.clone()),
        summary: summary(lang, input, r),
        signer: primary.and_then(|s| s.signer_name.clone()),
        publisher,
        timestamp: ts.and_then(|t| t.time.clone()),
        tsa: ts.and_then(|t| t.tsa.clone()),
        signers: r
            .signers
            .iter()
            .map(|s| SignerReport {
                nested: s.nested,
                status: s.status,
                is_acs: s.is_acs,
                signer: s.signer.clone(),
                signer_name: s.signer_name.clone(),
                program_name: s.program_name.clone(),
                digest_algorithm: s.digest_algorithm,
                chain: s.chain.clone(),
                timestamp: s.timestamp.clone(),
                steps: s
                    .steps
                    .iter()
                    .map(|st| StepReport {
                        id: st.id,
                        status: st.status,
                        code: code_of(&st.reason),
                        detail: step_text(lang, &st.reason),
                    })
                    .collect(),
            })
            .collect(),
        signers_left_out: r.signers_left_out,
        error: r.error.as_ref().map(|e| error_text(lang, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sample of every step reason. [`index`] matches every variant exhaustively, so a new reason
    /// does not compile until it has an index, and the test below fails until it has a sample here.
    fn every_reason() -> Vec<StepReason> {
        let s = || "x".to_string();
        let e = || CryptoError::Mismatch;
        let u = |data| StepReason::UnsignedData { data };
        vec![
            StepReason::FileDigestMatch { alg: DigestAlg::Sha256 },
            StepReason::FileDigestMismatch { alg: DigestAlg::Sha256, signed: s(), computed: s() },
            u(UnsignedData::DataAfterCertificateTable { offset: 1, len: 2 }),
            u(UnsignedData::ExtraCertificateEntry { offset: 1, len: 2 }),
            u(UnsignedData::CertificatePadding { offset: 1, len: 2 }),
            u(UnsignedData::TextAfterSignatureBlock { line: 3 }),
            u(UnsignedData::DataAfterLastSector { offset: 1, len: 2 }),
            StepReason::WrongFileKind { signed_for: SignedKind::Msi, file: FileKind::Pe },
            StepReason::Detached,
            StepReason::UnsupportedDigest { oid: s() },
            StepReason::MessageDigestMatch,
            StepReason::MessageDigestMismatch,
            StepReason::MessageDigestMissing,
            StepReason::ContentTypeMismatch,
            StepReason::ContentAbsent,
            StepReason::ContentTypeMissing,
            StepReason::SignatureValid,
            StepReason::SignatureInvalid {
                error: CryptoError::UnsupportedAlgorithm { oid: "1.2.840.10045.4.3.2".into() },
            },
            StepReason::SignerCertificateMissing,
            StepReason::SignerCount { count: 2 },
            StepReason::SignedAttributesMissing,
            StepReason::ChainPinned,
            StepReason::ChainNotPinned { top: s() },
            StepReason::ChainIssuerMissing { top: s() },
            StepReason::ChainBrokenLink { child: s(), parent: s(), error: CryptoError::BadKey { reason: s() } },
            StepReason::ChainLookalikeRoot { sha256: s() },
            StepReason::ChainNotACa { subject: s() },
            StepReason::ChainAmbiguousSigner,
            StepReason::ChainTooLong,
            StepReason::TimestampValid { time: s(), tsa: s() },
            StepReason::TimestampValidNotPinned { time: s(), tsa: s() },
            StepReason::TimestampInvalid { problem: TimestampProblem::Malformed { detail: s() } },
            StepReason::TimestampInvalid { problem: TimestampProblem::UnsupportedDigest { oid: s() } },
            StepReason::TimestampInvalid { problem: TimestampProblem::ImprintMismatch },
            StepReason::TimestampInvalid { problem: TimestampProblem::MessageDigestMismatch },
            StepReason::TimestampInvalid { problem: TimestampProblem::TsaCertificateMissing },
            StepReason::TimestampInvalid { problem: TimestampProblem::SignatureInvalid { error: e() } },
            StepReason::TimestampInvalid { problem: TimestampProblem::ChainInvalid { outcome: ChainOutcome::TooLong } },
            StepReason::TimestampInvalid { problem: TimestampProblem::NotATimestampingCertificate },
            StepReason::TimestampInvalid { problem: TimestampProblem::TsaNotValidAtTime { subject: s() } },
            StepReason::NoTimestamp,
            StepReason::ValidAtTimestamp { time: s() },
            StepReason::ValidAtDate { date: s() },
            StepReason::ValidAtDateTimestampNotTrusted { date: s(), tsa: s() },
            StepReason::NotValidAtTimestamp { subject: s(), time: s() },
            StepReason::NotValidAtDate { subject: s(), date: s() },
            StepReason::NotValidAtDateTimestampNotTrusted { subject: s(), date: s(), tsa: s() },
            StepReason::NoTimeToCheck,
            StepReason::Skipped,
            StepReason::Unreadable { detail: s() },
            StepReason::AcsEku,
            StepReason::CodeSigningNotAcs,
            StepReason::NoCodeSigningEku,
            StepReason::CaNotForCodeSigning { subject: s() },
            StepReason::StrongAlgorithms,
            StepReason::WeakAlgorithm { part: AlgorithmPart::FileDigest, algorithm: s(), subject: None },
            StepReason::WeakAlgorithm { part: AlgorithmPart::SignerDigest, algorithm: s(), subject: None },
            StepReason::WeakAlgorithm { part: AlgorithmPart::Certificate, algorithm: s(), subject: Some(s()) },
            StepReason::WeakAlgorithm { part: AlgorithmPart::Key, algorithm: s(), subject: Some(s()) },
        ]
    }

    /// Every variant, numbered (compile-time exhaustive).
    fn index(r: &StepReason) -> usize {
        use StepReason as R;
        match r {
            R::FileDigestMatch { .. } => 0,
            R::FileDigestMismatch { .. } => 1,
            R::UnsignedData { .. } => 2,
            R::WrongFileKind { .. } => 3,
            R::Detached => 4,
            R::UnsupportedDigest { .. } => 5,
            R::MessageDigestMatch => 6,
            R::MessageDigestMismatch => 7,
            R::MessageDigestMissing => 8,
            R::ContentTypeMismatch => 9,
            R::ContentAbsent => 10,
            R::ContentTypeMissing => 11,
            R::SignatureValid => 12,
            R::SignatureInvalid { .. } => 13,
            R::SignerCertificateMissing => 14,
            R::SignerCount { .. } => 15,
            R::SignedAttributesMissing => 16,
            R::ChainPinned => 17,
            R::ChainNotPinned { .. } => 18,
            R::ChainIssuerMissing { .. } => 19,
            R::ChainBrokenLink { .. } => 20,
            R::ChainLookalikeRoot { .. } => 21,
            R::ChainNotACa { .. } => 22,
            R::ChainAmbiguousSigner => 23,
            R::ChainTooLong => 24,
            R::TimestampValid { .. } => 25,
            R::TimestampValidNotPinned { .. } => 26,
            R::TimestampInvalid { .. } => 27,
            R::NoTimestamp => 28,
            R::ValidAtTimestamp { .. } => 29,
            R::ValidAtDate { .. } => 30,
            R::ValidAtDateTimestampNotTrusted { .. } => 31,
            R::NotValidAtTimestamp { .. } => 32,
            R::NotValidAtDate { .. } => 33,
            R::NotValidAtDateTimestampNotTrusted { .. } => 34,
            R::NoTimeToCheck => 35,
            R::Skipped => 36,
            R::Unreadable { .. } => 37,
            R::AcsEku => 38,
            R::CodeSigningNotAcs => 39,
            R::NoCodeSigningEku => 40,
            R::CaNotForCodeSigning { .. } => 41,
            R::StrongAlgorithms => 42,
            R::WeakAlgorithm { .. } => 43,
        }
    }

    /// The real ACS signature nested under a test-CA primary (adversarial corpus): the primary alone
    /// decides, the names are the primary's, and the nested ACS signer is named as what it is.
    #[cfg(feature = "x509")]
    #[test]
    fn a_nested_acs_signature_lends_the_file_nothing() {
        let p7 = include_bytes!("../../../tests/fixtures/adversarial/nested-acs-under-test-ca.p7");
        // 2026-12-03: inside the test CA's validity.
        let opts = crate::signature::VerifyOptions { now: Some(1_796_256_000) };
        let mut r = crate::signature::plan::verify_bytes("nested.p7", p7, &opts);
        assert_eq!(r.status, SignatureStatus::SignedNotAcs);
        assert!(r.signers.get(1).is_some_and(|s| s.is_acs), "the nested Warp signature verifies");
        let p = r.publisher().unwrap();
        assert!(!p.verified && !p.is_eset);
        assert_eq!(p.name.as_deref(), Some("acs-check Test Publisher"));
        let words = summary(Lang::En, "nested.p7", &r);
        assert!(words.contains("not an Azure Code Signing (ACS) one (signer: acs-check Test Publisher)"), "{words}");
        // Were the primary over a file (not detached), the words name the nested signer and say why
        // it does not count.
        r.detached = false;
        assert_eq!(verdict(&r, r.publisher().as_ref()), SignatureVerdict::NotAcs);
        let words = summary(Lang::En, "nested.exe", &r);
        assert!(words.contains("nested ACS signature (Denver Technologies"), "{words}");
        assert!(words.contains("judges a file by its first signature"), "{words}");
        assert!(summary(Lang::Ja, "nested.exe", &r).contains("最初の署名"));
    }

    #[test]
    fn every_reason_and_error_has_words_in_both_languages() {
        let reasons = every_reason();
        let covered: std::collections::BTreeSet<usize> = reasons.iter().map(index).collect();
        assert_eq!(covered, (0..=43).collect(), "every step reason needs a sample in every_reason()");
        let errors = [
            SignatureError::Empty,
            SignatureError::NotRecognised,
            SignatureError::Truncated { what: "x".into() },
            SignatureError::Malformed { what: "x".into() },
            SignatureError::TooLarge { what: "x".into(), size: 1, limit: 2 },
            SignatureError::Unsigned { kind: FileKind::Pe },
            SignatureError::BadSignature { detail: "x".into() },
            SignatureError::Driver { detail: "x".into() },
            SignatureError::Internal { detail: "x".into() },
        ];
        for lang in [Lang::Ja, Lang::En] {
            for r in &reasons {
                let t = step_text(lang, r);
                assert!(!t.contains("[missing text]") && !t.contains('{'), "{r:?}: {t}");
            }
            for e in &errors {
                let t = error_text(lang, e);
                assert!(!t.contains("[missing text]") && !t.contains('{'), "{e:?}: {t}");
            }
        }
    }
}
