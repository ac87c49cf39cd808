// @generated from the Rust types of the report contract (core/src/report.rs) by
// `BLESS=1 cargo test -p acs-check --features ts --test typescript`. Do not edit.

export type Report = { schema: number, 
/**
 * The newest release date in the built-in update data.
 */
data_as_of: string, 
/**
 * The language of every sentence in this report.
 */
lang: Lang, managed: Managed, inputs: Array<InputReport>, root_ca: RootCaReport, hosts: Array<HostReport>, certificates: Array<CertificateReport>, errors: Array<InputError>, 
/**
 * Signed files (PE, MSI, PowerShell script) and detached signatures among the inputs, in
 * input order: is each really signed with Azure Code Signing?
 */
signatures: Array<SignatureReport>, };

export type Lang = "ja" | "en";

export type Managed = "yes" | "no" | "unknown";

export type InputReport = { 
/**
 * File name, or "pasted text".
 */
name: string, 
/**
 * What was recognised in it, in order of first appearance.
 */
kinds: Array<InputKind>, 
/**
 * `utf-8 | utf-16le | utf-16be | shift_jis | windows-1252 | ibm850 | ibm437 | gbk | euc-kr | ibm866 | binary`.
 */
encoding: string, 
/**
 * Number of lines (text inputs) or bytes (binary inputs).
 */
size: number, 
/**
 * What the input held beyond the checker's limits: counted, not listed ("and N more").
 */
omitted?: Omitted, };

export type InputKind = "systeminfo_list" | "systeminfo_csv" | "systeminfo_table" | "ver" | "get_computerinfo" | "get_hotfix" | "wmic_qfe" | "cim_operating_system" | "reg_currentversion" | "certutil_store" | "powershell_certs" | "certificate_der" | "certificate_pem" | "pkcs7" | "sst" | "reg_certificates" | "authenticode_pe" | "authenticode_msi" | "authenticode_script" | "unknown";

export type RootCaStatus = "present" | "absent" | "lookalike" | "unknown";

export type RootCaReport = { status: RootCaStatus, 
/**
 * The input that decided it; `None` when unknown.
 */
evidence: string | null, 
/**
 * The line in that input, when it is text.
 */
line?: number, 
/**
 * Why, in the report's language.
 */
detail: string, };

export type HostReport = { host_name: string | null, os: OsReport, hotfixes: Array<string>, hotfixes_truncated: boolean, 
/**
 * The count the input declares ("263 Hotfix(s) Installed."), when it does.
 */
hotfix_count: number | null, acs: AcsReport, root_ca: HostRootCa, verdict: Verdict, 
/**
 * Does ESET still support this OS with its ACS-era programs? `None` when the product is unclear.
 */
eset_supported: boolean | null, 
/**
 * One or two sentences in plain words: what this means for the host.
 */
summary: string, 
/**
 * Will this host show the ESET alert? `alerts` then holds what it shows (`yes`) or may show
 * (`unknown`); it is empty for `no`.
 */
alert_expected: AlertExpected, alerts: Array<Alert>, actions: Array<Action>, warnings: Array<string>, 
/**
 * Stable codes of `warnings`, same order.
 */
warning_codes: Array<string>, facts: Array<Fact>, sources: Array<HostSource>, };

export type OsReport = { 
/**
 * As written in the input (any language).
 */
name: string | null, 
/**
 * Normalised, English (e.g. "Windows Server 2019"); "A / B" when the input cannot tell client from server.
 */
product: string | null, kind: OsKind | null, build: number | null, 
/**
 * UBR; only when the input shows it (ver, reg, Get-ComputerInfo).
 */
revision: number | null, 
/**
 * When the inputs show no build: the KBs that identified `product` (the update table gives them to
 * that product family only). The product is then inferred, and the ACS result `likely` at best.
 */
inferred_from: Array<string>, };

export type OsKind = "client" | "server";

export type AcsReport = { status: AcsStatus, 
/**
 * The KB (or "build 17763.4010") that proves support; `None` otherwise.
 */
evidence: string | null, 
/**
 * Where that evidence is.
 */
evidence_at?: SourceRef, 
/**
 * The first update that brings support for this product; `None` when native or unknown, or when
 * no update exists (see `reason`).
 */
required: string | null, 
/**
 * `confirmed` for a table KB or a revision, `likely` for a KB newer than the data or a product
 * inferred from its KBs (no build number); `None` when the status is unknown.
 */
confidence: Confidence | null, reason: AcsReason, 
/**
 * The reason in plain words, in the report's language.
 */
explanation: string, };

export type AcsStatus = "native" | "patched" | "needs_update" | "end_of_support" | "unknown";

export type AcsReason = "native_build" | "qualifying_kb" | "qualifying_revision" | "newer_than_data" | "revision_too_low" | "no_qualifying_kb" | "no_update_exists" | "hotfix_list_incomplete" | "no_hotfix_list" | "no_build" | "unknown_build" | "data_incomplete" | "products_disagree";

export type Confidence = "confirmed" | "likely";

export type SourceRef = { input: string, line: number, };

export type HostRootCa = { status: RootCaStatus, };

export type Verdict = "ok" | "action_needed" | "unsupported" | "unknown";

export type AlertExpected = "yes" | "no" | "unknown";

export type Alert = { where: AlertPlace, title: string, body: string, lang: Lang, 
/**
 * The status id used to hide the alert ("MISSING ID: AzureCodeSigningEol" in some consoles).
 */
id: string, 
/**
 * Shown since this date (`YYYY-MM-DD`).
 */
since: string, 
/**
 * True when `title`/`body` are this project's translation, not ESET's wording.
 */
translated: boolean, 
/**
 * ESET's Japanese wording, verbatim, when `translated` is true.
 */
original_title?: string, original_body?: string, };

export type AlertPlace = "client" | "console";

export type Action = { text: string, url: string | null, 
/**
 * A command the user can copy, when the step is "run this".
 */
command?: string, };

export type Fact = { 
/**
 * `host_name | os_name | build | revision | product_type | hotfix_count | hotfix`.
 */
field: string, value: string, input: string, line: number, };

export type HostSource = { input: string, kind: InputKind, first_line: number, last_line: number, };

export type CertificateReport = { 
/**
 * The certificate's fields. A store listing (certutil, PowerShell) gives only what it shows (a
 * thumbprint and names, no dates in a readable form): the others are `null`, `sha256` included.
 */
subject: string | null, issuer: string | null, serial: string | null, not_before: string | null, not_after: string | null, sha1: string | null, sha256: string | null, role: CertRole, source: string, 
/**
 * `RSA 4096`, `EC P-256`, …
 */
key: string | null, 
/**
 * `sha384WithRSAEncryption`, … (or the dotted OID).
 */
signature_algorithm: string | null, 
/**
 * Whether `not_after` was before [`Options::today`]; `None` when the check was given no date, or
 * the input does not show the date.
 */
expired?: boolean, 
/**
 * What this certificate is, in the report's language (which ACS CA, expired or not, why it is a
 * look-alike, a thumbprint its container claims falsely, carried by a signature, seen in a listing).
 */
note?: string, 
/**
 * The line of its PEM block, registry key or listing entry, when the input is text.
 */
line?: number, };

export type CertRole = "required_root" | "acs_intermediate" | "lookalike" | "other";

export type InputError = { input: string, message: string, };

export type Summary = { 
/**
 * The most serious host verdict (unsupported > action_needed > unknown > ok); with no host, the
 * root-CA status decides (absent or look-alike: action_needed; present: ok; else unknown). An
 * input that could not be read makes an `ok` verdict `unknown` (as the CLI's exit code 2 does).
 */
verdict: Verdict, root_ca: RootCaStatus, hosts: Array<HostSummary>, 
/**
 * Each signed file's verdict (a check of installers has no host).
 */
signatures: Array<SignatureSummary>, data_as_of: string, };

export type HostSummary = { host_name: string | null, product: string | null, build: number | null, verdict: Verdict, acs_status: AcsStatus, root_ca_status: RootCaStatus, };

export type SignatureReport = { 
/**
 * The input's name.
 */
input: string, 
/**
 * `authenticode_pe | authenticode_msi | authenticode_script | pkcs7`.
 */
kind: InputKind, 
/**
 * `acs | signed_not_acs | invalid | unsigned | unreadable`.
 */
status: SignatureStatus, 
/**
 * Valid, and signed through the ACS hierarchy up to the pinned root. For a signature without its
 * file (`detached`), this describes the signature: the file it signs was not checked.
 */
is_acs_signed: boolean, 
/**
 * The answer first: `eset_acs | other_acs | signature_only | not_acs | invalid | unsigned | unreadable`.
 */
verdict: SignatureVerdict, 
/**
 * A signature given without its file (`.p7`, `.p7s`, `.cat`, a lone PowerShell signature block).
 */
detached: boolean, 
/**
 * The digest of the file the (primary) signature covers.
 */
signed_digest: SignedDigest | null, 
/**
 * One or two sentences in plain words.
 */
summary: string, 
/**
 * The primary signer's name (CN).
 */
signer: string | null, 
/**
 * Who signed, and whether it is ESET (only ever true for a verified ACS signature).
 */
publisher: Publisher | null, 
/**
 * The primary signature's timestamp (`YYYY-MM-DDTHH:MM:SSZ`) and its authority.
 */
timestamp: string | null, tsa: string | null, 
/**
 * The primary signature first, then nested ones.
 */
signers: Array<SignerReport>, 
/**
 * Nested signatures beyond the checker's limit, counted, not checked.
 */
signers_left_out: number, 
/**
 * Why the file could not be checked, when it could not.
 */
error: string | null, };

export type SignerReport = { nested: boolean, status: SignatureStatus, is_acs: boolean, 
/**
 * The signer certificate's subject and CN.
 */
signer: string | null, signer_name: string | null, program_name: string | null, digest_algorithm: DigestAlg | null, 
/**
 * Leaf first; each certificate's role (`required_root | acs_intermediate | lookalike | other`),
 * source (`embedded | pinned`) and validity at signing time.
 */
chain: Array<ChainEntry>, timestamp: TimestampInfo | null, steps: Array<StepReport>, };

export type StepReport = { 
/**
 * `file_digest | message_digest | signature | chain | timestamp | validity | eku`.
 */
id: StepId, 
/**
 * `passed | failed | not_applicable`.
 */
status: StepStatus, 
/**
 * A stable code for the reason (`chain_pinned`, `file_digest_mismatch`, …).
 */
code: string, 
/**
 * The reason in the report's language.
 */
detail: string, };

export type SignatureVerdict = "eset_acs" | "other_acs" | "signature_only" | "not_acs" | "invalid" | "unsigned" | "unreadable";

export type SignatureSummary = { input: string, verdict: SignatureVerdict, };

export type Omitted = { 
/**
 * Certificates beyond `certs::MAX_CERTIFICATES` (or the 64 a signature's list keeps).
 */
certificates: number, 
/**
 * Parts that could not be read beyond `certs::MAX_PROBLEMS`.
 */
problems: number, 
/**
 * Nested signatures beyond `signature::verify::MAX_SIGNATURES`.
 */
signers: number, 
/**
 * Host blocks beyond [`crate::MAX_HOSTS_PER_INPUT`].
 */
hosts: number, };

export type Publisher = { 
/**
 * The signer certificate's common name.
 */
name: string | null, 
/**
 * Its subject organisation (O).
 */
organization: string | null, 
/**
 * The signature is a valid Azure Code Signing signature, so Microsoft validated this identity.
 */
verified: boolean, 
/**
 * Verified, and the organisation is ESET's legal name (`data/publishers.tsv`).
 */
is_eset: boolean, };

export type SignedDigest = { algorithm: DigestAlg, 
/**
 * Upper-case hex.
 */
value: string, };

export type SignatureStatus = "acs" | "signed_not_acs" | "invalid" | "unsigned" | "unreadable";

export type StepId = "file_digest" | "message_digest" | "signature" | "chain" | "timestamp" | "validity" | "eku" | "algorithms";

export type StepStatus = "passed" | "failed" | "not_applicable";

export type ChainEntry = { subject: string, issuer: string, 
/**
 * Upper-case hex.
 */
serial: string, 
/**
 * `YYYY-MM-DDTHH:MM:SSZ`.
 */
not_before: string, not_after: string, sha1: string, sha256: string, role: CertRole, source: CertSource, 
/**
 * Valid at the signing time (the timestamp, or the given date); `None` when not evaluated.
 */
valid_at_signing: boolean | null, };

export type TimestampInfo = { kind: TimestampKind, 
/**
 * `YYYY-MM-DDTHH:MM:SSZ`, as the token states it (even when it did not verify).
 */
time: string | null, tsa: string | null, verified: boolean, 
/**
 * The TSA chain ends at the pinned root.
 */
pinned: boolean, chain: Array<ChainEntry>, };

export type CertSource = "embedded" | "pinned";

export type TimestampKind = "rfc3161" | "legacy";

export type DigestAlg = "sha1" | "sha256" | "sha384" | "sha512";
