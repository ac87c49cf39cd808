//! Every certificate fixture (`tests/fixtures/certs/`, its `generated/` folder, and the pinned PEMs in
//! `core/data/certs/`) through `check()`: kinds, root-CA status and its explanation, and every
//! certificate's role and SHA-1. A test also makes sure no fixture file is left out of the table.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use acs_check::evidence::InputKind::{self, *};
use acs_check::texts::tf;
use acs_check::{check, CertRole, DateStr, Input, Lang, Options, Report, RootCaStatus, Verdict};

const ROOT: &str = "F40042E2E5F7E8EF8189FED15519AECE42C3BFA2";
const ROOT_SHA256: &str = "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270";
const PCA: &str = "8E750F459DAF9A79D6370DB747AD2226866AD818";
const EOC01: &str = "01D7DAE83698CDF2F78096DB8B8FD5B39C689B55";
const EOC04: &str = "4FD41636DC2ACDFBD5A8C471186E43DF7DBFB384";
/// Placeholder for the generated look-alike's SHA-1 (read from `generated/lookalike-root.cer`).
const LOOK: &str = "LOOKALIKE";
/// Any SHA-1 (generated example roots).
const ANY: &str = "*";
/// A listing entry whose thumbprint the listing cut short (null).
const CUT: &str = "";

use CertRole::{AcsIntermediate as A, Lookalike as L, Other as O, RequiredRoot as R};
use RootCaStatus::{Absent, Lookalike, Present, Unknown as Unk};

struct Case {
    file: &'static str,
    kinds: &'static [InputKind],
    status: RootCaStatus,
    /// The `root.*` text key of `root_ca.detail`.
    detail: &'static str,
    line: Option<u32>,
    certs: &'static [(&'static str, CertRole)],
    /// One substring per expected error message.
    errors: &'static [&'static str],
}

const fn case(
    file: &'static str,
    kinds: &'static [InputKind],
    status: RootCaStatus,
    detail: &'static str,
    line: Option<u32>,
    certs: &'static [(&'static str, CertRole)],
    errors: &'static [&'static str],
) -> Case {
    Case { file, kinds, status, detail, line, certs, errors }
}

const TEN_OTHERS: [(&str, CertRole); 10] = [(ANY, O); 10];
const MANY_SST: [(&str, CertRole); 13] = [
    (ROOT, R),
    (PCA, A),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (ANY, O),
    (LOOK, L),
];
const ROOT_AND_TEN: [(&str, CertRole); 11] =
    [(ROOT, R), (ANY, O), (ANY, O), (ANY, O), (ANY, O), (ANY, O), (ANY, O), (ANY, O), (ANY, O), (ANY, O), (ANY, O)];
const ELEVEN_OTHERS: [(&str, CertRole); 11] = [(ANY, O); 11];

const UNRECOGNISED: &str = "Nothing in it was recognised";

#[rustfmt::skip]
const CASES: &[Case] = &[
    // tests/fixtures/certs (real outputs and derived files)
    case("certutil-store-en.txt", &[CertutilStore], Unk, "root.unknown_other_store", None, &[("FEE449EE0E3965A5246F000E87FDE2A065FD89D4", O), ("D559A586669B08F46A30A133F8A9ED3D038E2EA8", O), ("63C6CE5FC512933179D3C0A5E94ECBA98092F93D", O), ("2D3F56C65BA9DAE586111F826F9E5AB08A8CB6D8", O), ("F4231F8E13C7FA6F2214DD54598E10E4253A407A", O)], &[]),
    case("derived-acs-chain.p7b", &[Pkcs7], Present, "root.present_bytes", None, &[(ROOT, R), (PCA, A), (EOC04, A)], &[]),
    case("derived-acs-chain.p7b.pem", &[Pkcs7], Present, "root.present_bytes", Some(1), &[(ROOT, R), (PCA, A), (EOC04, A)], &[]),
    case("osslsigncode-verify.txt", &[Unknown], Unk, "root.unknown", None, &[], &[UNRECOGNISED]),
    case("powershell-cert-drive.txt", &[PowershellCerts], Absent, "root.absent_listing", Some(4), &[("DD47BFA8CC8F94AE5CC33914C5C10D8DEE748C99", O), ("CDD4EEAE6000AC7F40C3802C171E30148030C072", O), ("BE36A4562FB2EE05DBB3D32323ADF445084ED656", O), ("A43489159A520F0D93D032CCAF37E7FE20A8B419", O), ("92B46C76E13054E104F230517E6E504D43AB10B5", O), ("9AB6FFEA93ACA7E8911B02F84B2C37E90DC20A19", O), ("D4DE20D05E66FC53FE1A50882C78DB2852CAE474", O), ("DF3C24F9BFD666761B268073FE06D1CC8D4F82A4", O)], &[]),
    case("signtool-verify-acs.txt", &[Unknown], Unk, "root.unknown", None, &[], &[UNRECOGNISED]),
    case("synthetic-two-certs.sst", &[Sst], Present, "root.present_bytes", None, &[(ROOT, R), (PCA, A)], &[]),
    case("warp-ps1-sig.p7", &[Pkcs7], Unk, "root.unknown_signature", None,
         // The signature's certificates, then its RFC 3161 token's (the TSA leaf and the Timestamping CA).
         &[(ROOT, R), ("01C03DF703E8041E675E5FFE2CBF14108BE1E15B", O), (EOC01, A), (PCA, A),
           ("E6127D41945738E9C43879F7FA8988345968C327", O), ("27F0ABAC2877BA255F62B389B43FF539A0FB598E", A)], &[]),
    // The signature block alone (without its script) is verified as a script signature; its
    // certificates are listed like the DER copy's.
    case("warp-ps1-sigblock.txt", &[AuthenticodeScript], Unk, "root.unknown_signature", None,
         &[(ROOT, R), ("01C03DF703E8041E675E5FFE2CBF14108BE1E15B", O), (EOC01, A), (PCA, A),
           ("E6127D41945738E9C43879F7FA8988345968C327", O), ("27F0ABAC2877BA255F62B389B43FF539A0FB598E", A)], &[]),
    // tests/fixtures/certs/generated (synthetic)
    case("generated/lookalike-root.cer", &[CertificateDer], Lookalike, "root.lookalike", None, &[(LOOK, L)], &[]),
    case("generated/lookalike-root.pem", &[CertificatePem], Lookalike, "root.lookalike", Some(1), &[(LOOK, L)], &[]),
    case("generated/near-miss-name-root.cer", &[CertificateDer], Unk, "root.unknown_not_store", None, &[(ANY, O)], &[]),
    case("generated/example-roots-crlf.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &TEN_OTHERS, &[]),
    case("generated/many-roots.p7b", &[Pkcs7], Present, "root.present_bytes", None, &ROOT_AND_TEN, &[]),
    case("generated/roots-without-acs.p7b", &[Pkcs7], Absent, "root.absent_export", None, &ELEVEN_OTHERS, &[]),
    case("generated/many-certs.sst", &[Sst], Present, "root.present_bytes", None, &MANY_SST, &[]),
    case("generated/roots-without-acs.sst", &[Sst], Absent, "root.absent_export", None, &TEN_OTHERS, &[]),
    case("generated/lookalike-claims-root.sst", &[Sst], Lookalike, "root.lookalike_thumbprint", None, &[(LOOK, L)], &[]),
    case("generated/truncated.sst", &[Sst], Present, "root.present_bytes", None, &[(ROOT, R), (PCA, A)],
         &["At byte 3936: The serialized certificate store (.sst) is broken or cut off"]),
    case("generated/truncated-header.sst", &[Sst], Unk, "root.unknown", None, &[],
         &["element header at byte 8 needs 12 bytes, only 5 remain"]),
    case("generated/garbage.sst", &[Sst], Unk, "root.unknown", None, &[], &["the element at byte 8 announces"]),
    case("generated/truncated-root.cer", &[CertificateDer], Unk, "root.unknown", None, &[],
         &["cut off: the DER header at byte 0 announces 1484 bytes, but only 696 remain"]),
    case("generated/empty.cer", &[Unknown], Unk, "root.unknown", None, &[], &["The input is empty."]),
    case("generated/not-signed-data.p7", &[Pkcs7], Unk, "root.unknown", None, &[], &["1.2.840.113549.1.7.1 content"]),
    case("generated/authroot-with-root.reg", &[RegCertificates], Present, "root.present_bytes", Some(48),
         &[(ANY, O), (ROOT, R), (ANY, O)], &[]),
    case("generated/root-lookalike-claimed.reg", &[RegCertificates], Lookalike, "root.lookalike_thumbprint", Some(48),
         &[(ANY, O), (LOOK, L)], &[]),
    // A registry export can show the root, never its absence (Windows keeps downloaded roots in AuthRoot).
    case("generated/root-without-acs.reg", &[RegCertificates], Unk, "root.unknown_registry", None,
         &[(ANY, O), (ANY, O), (ANY, O)], &[]),
    case("generated/single-key-regedit4.reg", &[RegCertificates], Unk, "root.unknown_registry", None, &[(ANY, O)], &[]),
    case("generated/certutil-root-ja-found.cp932.txt", &[CertutilStore], Present, "root.present_listing", Some(3), &[(ROOT, R)], &[]),
    case("generated/certutil-root-ja-not-found.cp932.txt", &[CertutilStore], Absent, "root.absent_not_found", Some(3), &[], &[]),
    case("generated/certutil-ja-not-found-bare.txt", &[CertutilStore], Absent, "root.absent_not_found", Some(1), &[], &[]),
    case("generated/certutil-my-ja-not-found.txt", &[CertutilStore], Unk, "root.unknown_other_store", None, &[], &[]),
    case("generated/certutil-root-en-query-other.txt", &[CertutilStore], Unk, "root.unknown_other_store", None, &[], &[]),
    case("generated/certutil-authroot-en-spaced.txt", &[CertutilStore], Present, "root.present_listing", Some(15), &[("8F43288AD272F3103B6FB1428485EA3014C0BCFE", O), (ROOT, R)], &[]),
    case("generated/certutil-root-en-without.txt", &[CertutilStore], Absent, "root.absent_listing", Some(1), &[("8F43288AD272F3103B6FB1428485EA3014C0BCFE", O), ("3B1EFD3A66EA28B16697394703A72CA340A05BD5", O), ("CDD4EEAE6000AC7F40C3802C171E30148030C072", O)], &[]),
    case("generated/certutil-root-de-lookalike.txt", &[CertutilStore], Lookalike, "root.lookalike_listing", Some(2), &[("DA530F8EAD40CD8442BD31CA8333F64D2D5E0DAA", L)], &[]),
    case("generated/ps7-root-truncated.txt", &[PowershellCerts], Present, "root.present_listing", Some(10), &[("8F43288AD272F3103B6FB1428485EA3014C0BCFE", O), ("3B1EFD3A66EA28B16697394703A72CA340A05BD5", O), ("CDD4EEAE6000AC7F40C3802C171E30148030C072", O), (ROOT, R)], &[]),
    case("generated/ps7-root-thumbs-cut.txt", &[PowershellCerts], Unk, "root.unknown_partial", None, &[(CUT, O), (CUT, O), (CUT, O)], &[]),
    case("generated/ps-authroot-export.csv", &[PowershellCerts], Present, "root.present_listing", Some(5), &[("8F43288AD272F3103B6FB1428485EA3014C0BCFE", O), ("3B1EFD3A66EA28B16697394703A72CA340A05BD5", O), (ROOT, R)], &[]),
    case("generated/ps-root-export-without.csv", &[PowershellCerts], Absent, "root.absent_listing", Some(1), &[("8F43288AD272F3103B6FB1428485EA3014C0BCFE", O), ("3B1EFD3A66EA28B16697394703A72CA340A05BD5", O), ("CDD4EEAE6000AC7F40C3802C171E30148030C072", O)], &[]),
    case("generated/ps-root-not-found.txt", &[PowershellCerts], Absent, "root.absent_not_found_ps", Some(2), &[], &[]),
    case("generated/ps-fl-lookalike.txt", &[PowershellCerts], Lookalike, "root.lookalike_listing", Some(8), &[("DA530F8EAD40CD8442BD31CA8333F64D2D5E0DAA", L), ("8F43288AD272F3103B6FB1428485EA3014C0BCFE", O)], &[]),
    // core/data/certs (the pinned certificates)
    case("pinned:ms-identity-verification-root-2020.pem", &[CertificatePem], Present, "root.present_bytes", Some(1), &[(ROOT, R)], &[]),
    case("pinned:ms-id-verified-code-signing-pca-2021.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[(PCA, A)], &[]),
    case("pinned:ms-id-verified-cs-eoc-ca-01.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[(EOC01, A)], &[]),
    case("pinned:ms-id-verified-cs-eoc-ca-02.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("8BC0201379A2A31BA36EDD20223865C194A02174", A)], &[]),
    case("pinned:ms-id-verified-cs-eoc-ca-03.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("C1E16A2011AA98EAA598F759A13BDA2E742D8881", A)], &[]),
    case("pinned:ms-id-verified-cs-eoc-ca-04.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[(EOC04, A)], &[]),
    case("pinned:ms-id-verified-cs-aoc-ca-01.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("D7B1118AFBB879D9F2F8E98B9AC12F9367FACE88", A)], &[]),
    case("pinned:ms-id-verified-cs-aoc-ca-02.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("7BEE5EE49C8AC13A21A202BBC266A5547CD0265D", A)], &[]),
    case("pinned:ms-id-verified-cs-aoc-ca-03.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("06F826F5DDBB0A47AFC6BED6549B936461FFA7D0", A)], &[]),
    case("pinned:ms-id-verified-cs-aoc-ca-04.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("4C07413E5DA89A259A127E1D76F792AF239CD9D9", A)], &[]),
    case("pinned:ms-public-rsa-timestamping-ca-2020.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("27F0ABAC2877BA255F62B389B43FF539A0FB598E", A)], &[]),
    // Public roots trusted only at the top of a time-stamping authority's chain: other certificates here.
    case("pinned:digicert-assured-id-root-ca.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("0563B8630D62D75ABBC8AB1E4BDFB5A899B24D43", O)], &[]),
    case("pinned:digicert-trusted-root-g4.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("DDFB16CD4931C973A2037D3FC83A4D7D775D05E4", O)], &[]),
    case("pinned:usertrust-rsa-certification-authority.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("2B8F1B57330DBBA2D07A6C51F70EE90DDAB9AD8E", O)], &[]),
    case("pinned:globalsign-root-ca-r6.pem", &[CertificatePem], Unk, "root.unknown_not_store", None, &[("8094640EB5A7A1CA119C1FDDD59F810263A7FBD1", O)], &[]),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/certs")
}

fn path_of(file: &str) -> PathBuf {
    match file.strip_prefix("pinned:") {
        Some(f) => Path::new(env!("CARGO_MANIFEST_DIR")).join("data/certs").join(f),
        None => fixtures().join(file),
    }
}

fn read(file: &str) -> Vec<u8> {
    std::fs::read(path_of(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn name_of(file: &str) -> &str {
    file.rsplit(['/', ':']).next().unwrap_or(file)
}

fn options(lang: Lang) -> Options {
    Options { lang, today: DateStr::parse("2026-11-25"), ..Options::default() }
}

fn run(files: &[&str], lang: Lang) -> Report {
    let inputs: Vec<Input> = files.iter().map(|f| Input::bytes(name_of(f), read(f))).collect();
    check(&inputs, &options(lang))
}

fn lookalike_sha1() -> String {
    acs_check::certs::thumbprints(&read("generated/lookalike-root.cer")).0
}

#[test]
fn every_fixture_through_check() {
    let look = lookalike_sha1();
    for c in CASES {
        let r = run(&[c.file], Lang::En);
        let name = name_of(c.file);
        let ctx = format!("{}: {:#?}", c.file, (&r.inputs, &r.root_ca, &r.errors));
        assert_eq!(r.inputs[0].kinds, c.kinds, "kinds of {ctx}");
        assert_eq!(r.root_ca.status, c.status, "status of {ctx}");
        let decided = !matches!(c.status, Unk);
        assert_eq!(r.root_ca.evidence.as_deref(), decided.then_some(name), "evidence of {ctx}");
        assert_eq!(r.root_ca.line, c.line, "line of {ctx}");
        let expected_detail = tf(
            Lang::En,
            c.detail,
            &[("input", if c.detail == "root.unknown" { "" } else { name }), ("thumbprint", &look)],
        );
        assert_eq!(r.root_ca.detail, expected_detail, "detail of {ctx}");

        let got: Vec<(String, CertRole)> =
            r.certificates.iter().map(|x| (x.sha1.clone().unwrap_or_default(), x.role)).collect();
        assert_eq!(got.len(), c.certs.len(), "certificates of {}: {got:?}", c.file);
        for ((sha1, role), (want_sha1, want_role)) in got.iter().zip(c.certs) {
            assert_eq!(role, want_role, "{}: role of {sha1}", c.file);
            match *want_sha1 {
                ANY => assert_eq!(sha1.len(), 40),
                CUT => assert_eq!(sha1, "", "{}: a thumbprint the listing cuts is null", c.file),
                LOOK => assert_eq!(sha1, &look, "{}", c.file),
                s => assert_eq!(sha1, s, "{}", c.file),
            }
        }
        for cert in &r.certificates {
            assert_eq!(cert.source, name);
            match &cert.sha256 {
                // A certificate read from its bytes: every field.
                Some(sha256) => {
                    assert_eq!(sha256.len(), 64);
                    let (nb, na) = (cert.not_before.as_deref().unwrap(), cert.not_after.as_deref().unwrap());
                    assert!(nb.ends_with('Z') && na.len() == 20, "{}: {cert:?}", c.file);
                    assert!(cert.key.is_some() && cert.signature_algorithm.is_some());
                    assert!(cert.expired.is_some());
                    if cert.role == R {
                        assert_eq!(sha256, ROOT_SHA256);
                    }
                }
                // A certificate a store listing shows: what it shows, the rest null.
                None => {
                    assert!(cert.not_before.is_none() && cert.not_after.is_none() && cert.key.is_none(), "{cert:?}");
                    assert!(cert.expired.is_none() && cert.line.is_some(), "{cert:?}");
                    assert!(cert.note.as_deref().is_some_and(|n| n.contains("listing")), "{cert:?}");
                }
            }
        }

        assert_eq!(r.errors.len(), c.errors.len(), "errors of {ctx}");
        for (e, want) in r.errors.iter().zip(c.errors) {
            assert!(e.message.contains(want), "{}: error {:?} lacks {want:?}", c.file, e.message);
            assert_eq!(e.input, name);
        }
        // Hosts copy the status; certificate-only inputs describe no host.
        assert!(r.hosts.is_empty());
    }
}

/// Each file in the fixture folders (and each pinned PEM) has a case.
#[test]
fn no_fixture_is_left_out() {
    let mut on_disk = BTreeSet::new();
    for (dir, prefix) in [(fixtures(), ""), (fixtures().join("generated"), "generated/")] {
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let skip = [".gitattributes", "README.md", "make.sh", "make_stores.py"].contains(&name.as_str());
            if e.file_type().unwrap().is_file() && !skip {
                on_disk.insert(format!("{prefix}{name}"));
            }
        }
    }
    let pinned = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/certs");
    for e in std::fs::read_dir(pinned).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".pem") {
            on_disk.insert(format!("pinned:{name}"));
        }
    }
    let in_table: BTreeSet<String> = CASES.iter().map(|c| c.file.to_owned()).collect();
    assert_eq!(on_disk, in_table);
}

#[test]
fn pinned_table_hashes_are_reported() {
    let tsv = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/certs/pinned.tsv")).unwrap();
    let rows: Vec<Vec<&str>> =
        tsv.lines().filter(|l| !l.starts_with('#')).skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 15);
    for row in rows.into_iter().filter(|r| r[1] != "timestamp_root") {
        let r = run(&[&format!("pinned:{}", row[0])], Lang::En);
        let c = &r.certificates[0];
        assert_eq!((c.sha1.as_deref().unwrap(), c.sha256.as_deref().unwrap()), (row[5], row[6]), "{}", row[0]);
        assert_eq!((c.not_before.as_deref().unwrap(), c.not_after.as_deref().unwrap()), (row[3], row[4]), "{}", row[0]);
        assert!(
            c.subject.as_deref().unwrap().starts_with(&format!("CN={}, O=Microsoft Corporation, C=US", row[2])),
            "{}",
            row[0]
        );
        assert_eq!(
            (c.key.as_deref().unwrap(), c.signature_algorithm.as_deref().unwrap()),
            ("RSA 4096", "sha384WithRSAEncryption")
        );
        // 01/02 expired on 2026-04-13; the check runs "on" 2026-11-25.
        let expired = row[4] < "2026-11-25";
        assert_eq!(c.expired, Some(expired), "{}", row[0]);
        let note = c.note.as_deref().unwrap_or("");
        if row[1] == "acs_intermediate" {
            assert!(note.starts_with(row[2]), "{note}");
            assert_eq!(note.contains("expired on"), expired, "{note}");
        }
    }
}

#[test]
fn listings_prove_thumbprints_files_prove_bytes() {
    let listing = run(&["generated/ps7-root-truncated.txt"], Lang::En);
    assert!(listing.root_ca.detail.contains("a listing proves the thumbprint only"));
    let file = run(&["pinned:ms-identity-verification-root-2020.pem"], Lang::En);
    assert!(file.root_ca.detail.contains("byte-identical"));
    // Bytes win over a listing as the deciding evidence, whatever the order.
    let both = run(&["generated/ps7-root-truncated.txt", "derived-acs-chain.p7b"], Lang::En);
    assert_eq!((both.root_ca.status, both.root_ca.evidence.as_deref()), (Present, Some("derived-acs-chain.p7b")));
}

#[test]
fn precedence_across_inputs() {
    let status = |files: &[&str]| {
        let r = run(files, Lang::En);
        (r.root_ca.status, r.root_ca.evidence)
    };
    // present > lookalike > absent > unknown, whatever the order of the inputs.
    assert_eq!(status(&["generated/lookalike-root.cer", "synthetic-two-certs.sst"]).0, Present);
    assert_eq!(
        status(&["generated/certutil-ja-not-found-bare.txt", "generated/lookalike-root.pem"]),
        (Lookalike, Some("lookalike-root.pem".into()))
    );
    assert_eq!(
        status(&["certutil-store-en.txt", "powershell-cert-drive.txt"]),
        (Absent, Some("powershell-cert-drive.txt".into()))
    );
    // A signature's embedded root never makes the root present.
    assert_eq!(status(&["warp-ps1-sig.p7", "generated/roots-without-acs.sst"]).0, Absent);
    // A truncated store read up to the cut can prove presence, never absence.
    assert_eq!(status(&["generated/truncated-header.sst", "generated/roots-without-acs.sst"]).0, Absent);
}

#[test]
fn dedupe_is_per_input() {
    // The same root in two inputs is listed twice (once per source); the Warp signature's twice-listed
    // leaf once.
    let r = run(&["synthetic-two-certs.sst", "derived-acs-chain.p7b"], Lang::En);
    let roots: Vec<&str> = r.certificates.iter().filter(|c| c.role == R).map(|c| c.source.as_str()).collect();
    assert_eq!(roots, ["synthetic-two-certs.sst", "derived-acs-chain.p7b"]);
    let warp = run(&["warp-ps1-sig.p7"], Lang::En);
    let leaf =
        warp.certificates.iter().filter(|c| c.sha1.as_deref().is_some_and(|s| s.starts_with("01C03DF7"))).count();
    assert_eq!(leaf, 1);
    assert!(warp.certificates.iter().all(|c| c.note.as_deref().unwrap_or("").contains("inside a signature")));
}

#[test]
fn describe_fields_of_the_root() {
    let r = run(&["pinned:ms-identity-verification-root-2020.pem"], Lang::En);
    let c = &r.certificates[0];
    assert_eq!(
        c.subject.as_deref(),
        Some("CN=Microsoft Identity Verification Root Certificate Authority 2020, O=Microsoft Corporation, C=US")
    );
    assert_eq!(c.issuer, c.subject);
    assert_eq!(c.serial.as_deref(), Some("5498D2D1D45B1995481379C811C08799"));
    assert_eq!(
        (c.not_before.as_deref().unwrap(), c.not_after.as_deref().unwrap()),
        ("2020-04-16T18:36:16Z", "2045-04-16T18:44:40Z")
    );
    assert_eq!((c.sha1.as_deref().unwrap(), c.sha256.as_deref().unwrap()), (ROOT, ROOT_SHA256));
    assert_eq!(
        (c.key.as_deref().unwrap(), c.signature_algorithm.as_deref().unwrap()),
        ("RSA 4096", "sha384WithRSAEncryption")
    );
    assert_eq!(c.line, Some(1));
    let ec = run(&["generated/example-roots-crlf.pem"], Lang::En);
    assert_eq!(ec.certificates[1].key.as_deref(), Some("EC P-256"));
    assert_eq!(ec.certificates[1].subject.as_deref(), Some("CN=Example Root CA 02, O=Example Trust Services, C=XX"));
    // `grep -n BEGIN` puts the second block on line 22: CRLF is one line end, not two.
    assert_eq!(ec.certificates[1].line, Some(22));
}

#[test]
fn lookalike_notes_say_why() {
    let look = lookalike_sha1();
    let by_name = run(&["generated/lookalike-root.cer"], Lang::En);
    assert!(by_name.certificates[0].note.as_deref().unwrap().contains("Has the name"));
    let reg = run(&["generated/root-lookalike-claimed.reg"], Lang::En);
    let note = reg.certificates[1].note.clone().unwrap();
    assert!(
        note.contains(&format!(
            "The registry key name says thumbprint {ROOT}, but the certificate in its Blob has SHA-1 {look}"
        )),
        "{note}"
    );
    let sst = run(&["generated/lookalike-claims-root.sst"], Lang::Ja);
    assert!(sst.certificates[0].note.as_deref().unwrap().contains("一緒に保存されている SHA-1 プロパティは"));
}

#[test]
fn encodings_of_text_fixtures() {
    let enc = |f: &str| run(&[f], Lang::En).inputs[0].encoding.clone();
    assert_eq!(enc("generated/authroot-with-root.reg"), "utf-16le");
    assert_eq!(enc("generated/certutil-root-ja-found.cp932.txt"), "shift_jis");
    assert_eq!(enc("generated/single-key-regedit4.reg"), "utf-8");
}

#[test]
fn errors_in_japanese() {
    let r = run(&["generated/truncated-root.cer", "generated/garbage.sst", "generated/empty.cer"], Lang::Ja);
    let msgs: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(msgs[0].contains("途中で切れています") && msgs[0].contains("1484"), "{msgs:?}");
    assert!(msgs[1].contains("シリアル化された証明書ストア"), "{msgs:?}");
    assert_eq!(msgs[2], "入力が空です。");
    assert_eq!(acs_check::exit_code(&r), 2);
}

#[test]
fn host_reports_copy_the_root_status_and_act_on_it() {
    // `ver` of Windows 11 24H2 (native ACS support) describes the host.
    let ver = Input::text("ver.txt", "Microsoft Windows [Version 10.0.26100.1742]\n");
    let with = |f: &str| check(&[ver.clone(), Input::bytes(name_of(f), read(f))], &options(Lang::En));

    let absent = with("generated/certutil-root-en-without.txt");
    assert_eq!(absent.hosts.len(), 1);
    assert_eq!(absent.hosts[0].root_ca.status, Absent);
    assert_eq!(absent.hosts[0].verdict, Verdict::ActionNeeded);
    let texts: Vec<&str> = absent.hosts[0].actions.iter().map(|a| a.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("F40042E2E5F7E8EF8189FED15519AECE42C3BFA2")), "{texts:?}");
    assert!(absent.hosts[0]
        .actions
        .iter()
        .any(|a| a.command.as_deref().is_some_and(|c| c.starts_with("certutil -addstore Root"))));

    let present = with("generated/certutil-authroot-en-spaced.txt");
    assert_eq!((present.hosts[0].root_ca.status, present.hosts[0].verdict), (Present, Verdict::Ok));

    let look = with("generated/lookalike-root.cer");
    assert_eq!((look.hosts[0].root_ca.status, look.hosts[0].verdict), (Lookalike, Verdict::ActionNeeded));
}

#[test]
fn pasted_text_is_read_like_a_file() {
    let text = String::from_utf8(read("generated/certutil-root-en-without.txt")).unwrap();
    let r = check(&[Input::text("pasted text", text)], &options(Lang::En));
    assert_eq!((r.root_ca.status, r.root_ca.line), (Absent, Some(1)));
    // The product's own one-liner, answered by a Japanese host, pasted with other output.
    let paste = "C:\\>systeminfo & ver & certutil -store Root F40042E2E5F7E8EF8189FED15519AECE42C3BFA2\n\n\
                 Microsoft Windows [Version 10.0.17763.4010]\n\
                 Root \"信頼されたルート証明機関\"\n\
                 CertUtil: -store コマンドが失敗しました: 0x80092004 (-2146885628 CRYPT_E_NOT_FOUND)\n\
                 CertUtil: オブジェクトまたはプロパティが見つかりませんでした。\n";
    let r = check(&[Input::text("pasted text", paste)], &options(Lang::Ja));
    assert_eq!((r.root_ca.status, r.root_ca.line), (Absent, Some(5)));
    assert_eq!(r.inputs[0].kinds, [CertutilStore, Ver], "the certutil command line comes first");
}

/// A store listing's certificates are in `certificates[]`, with the fields the listing shows (the
/// others null, sha256 included) and their role by thumbprint (issue 9).
#[test]
fn a_root_listing_lists_its_certificates() {
    let r = run(&["generated/certutil-root-en-without.txt"], Lang::En);
    assert_eq!(r.certificates.len(), 3, "{:#?}", r.certificates);
    for c in &r.certificates {
        assert!(c.subject.as_deref().is_some_and(|s| s.starts_with("CN=")), "{c:?}");
        assert!(c.issuer.is_some() && c.serial.is_some(), "{c:?}");
        assert_eq!(c.sha1.as_deref().map(str::len), Some(40));
        assert_eq!((c.sha256.as_deref(), c.not_before.as_deref(), c.role), (None, None, O));
    }
    let found = run(&["generated/ps7-root-truncated.txt"], Lang::En);
    let root = found.certificates.iter().find(|c| c.role == R).expect("the root, by its thumbprint");
    assert_eq!((root.sha1.as_deref(), root.sha256.as_deref()), (Some(ROOT), None));
}
