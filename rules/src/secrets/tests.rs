//! Per-detector tests with true and false examples. Every live-looking value is built at
//! test time from a seeded generator, so the repository itself holds no such string.

use super::*;

const UPPER32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX: &str = "0123456789abcdef";
const URLSAFE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Deterministic pseudo-random string over `alphabet` (xorshift; no dependency needed).
fn fake(alphabet: &str, len: usize, seed: u64) -> String {
    let chars: Vec<char> = alphabet.chars().collect();
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chars[(x % chars.len() as u64) as usize]
        })
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    let a = SecretsAnalyzer::builtin();
    a.scan_text("f.txt", text)
        .into_iter()
        .map(|f| f.rule_id)
        .collect()
}

fn assert_found(rule: &str, text: &str) {
    let found = ids(text);
    assert!(
        found.iter().any(|r| r == rule),
        "{rule} not found in {text:?}: {found:?}"
    );
}

fn assert_not_found(rule: &str, text: &str) {
    let found = ids(text);
    assert!(
        !found.iter().any(|r| r == rule),
        "{rule} wrongly found in {text:?}"
    );
}

#[test]
fn aws_access_key_id() {
    let key = format!("AKIA{}", fake(UPPER32, 16, 1));
    assert_found("aws-access-key-id", &format!("aws_access_key_id = {key}\n"));
    assert_found(
        "aws-access-key-id",
        &format!("{{\"k\": \"ASIA{}\"}}", fake(UPPER32, 16, 2)),
    );
    assert_not_found("aws-access-key-id", "key = AKIAIOSFODNN7EXAMPLE");
    assert_not_found(
        "aws-access-key-id",
        &format!("AKIA{}", fake(UPPER32, 10, 3)),
    ); // too short
    assert_not_found(
        "aws-access-key-id",
        &format!("XAKIA{}", fake(UPPER32, 16, 4)),
    ); // no boundary
}

#[test]
fn aws_secret_access_key() {
    let sk = fake(B64, 40, 5);
    assert_found(
        "aws-secret-access-key",
        &format!("aws_secret_access_key = {sk}\n"),
    );
    assert_found(
        "aws-secret-access-key",
        &format!("AWS_SECRET_KEY: \"{sk}\""),
    );
    assert_not_found(
        "aws-secret-access-key",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    assert_not_found("aws-secret-access-key", &format!("checksum = {sk}")); // no AWS context
    assert_not_found(
        "aws-secret-access-key",
        &format!("aws_secret_key = {}", "a".repeat(40)),
    ); // entropy
}

#[test]
fn github_tokens() {
    assert_found(
        "github-pat-classic",
        &format!("token: ghp_{}", fake(ALNUM, 36, 6)),
    );
    assert_found(
        "github-pat-fine-grained",
        &format!(
            "GH=github_pat_{}_{}",
            fake(ALNUM, 22, 7),
            fake(ALNUM, 59, 8)
        ),
    );
    assert_found("github-oauth-token", &format!("gho_{}", fake(ALNUM, 36, 9)));
    assert_found(
        "github-app-token",
        &format!("x = 'ghs_{}'", fake(ALNUM, 36, 10)),
    );
    assert_found(
        "github-app-token",
        &format!("x = 'ghu_{}'", fake(ALNUM, 36, 11)),
    );
    assert_found("github-app-token", &format!("ghr_{}", fake(ALNUM, 76, 12)));
    assert_not_found(
        "github-pat-classic",
        &format!("ghp_{}", fake(ALNUM, 20, 13)),
    );
    assert_not_found(
        "github-pat-classic",
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    );
}

#[test]
fn gitlab_tokens() {
    assert_found(
        "gitlab-personal-access-token",
        &format!("glpat-{}", fake(URLSAFE, 20, 14)),
    );
    assert_found(
        "gitlab-deploy-token",
        &format!("password: gldt-{}", fake(URLSAFE, 20, 15)),
    );
    assert_found(
        "gitlab-runner-token",
        &format!("glrt-{}", fake(URLSAFE, 20, 16)),
    );
    assert_found(
        "gitlab-runner-token",
        &format!("glptt-{}", fake(HEX, 40, 17)),
    );
    assert_not_found("gitlab-personal-access-token", "glpat-short");
}

#[test]
fn slack() {
    assert_found(
        "slack-token",
        &format!(
            "xoxb-{}-{}-{}",
            fake("0123456789", 12, 18),
            fake("0123456789", 12, 19),
            fake(ALNUM, 24, 20)
        ),
    );
    assert_found(
        "slack-webhook-url",
        &format!(
            "url = 'https://hooks.slack.com/services/T{}/B{}/{}'",
            fake(UPPER32, 10, 21),
            fake(UPPER32, 10, 22),
            fake(ALNUM, 24, 23)
        ),
    );
    assert_not_found("slack-token", "xoxb-not-a-token");
    assert_not_found(
        "slack-webhook-url",
        "see https://hooks.slack.com/services/ for docs",
    );
}

#[test]
fn stripe_google_twilio_sendgrid() {
    assert_found(
        "stripe-secret-key",
        &format!("sk_live_{}", fake(ALNUM, 24, 24)),
    );
    assert_found(
        "stripe-secret-key",
        &format!("rk_test_{}", fake(ALNUM, 30, 25)),
    );
    assert_not_found(
        "stripe-secret-key",
        &format!("pk_live_{}", fake(ALNUM, 24, 26)),
    ); // publishable
    assert_found(
        "google-api-key",
        &format!("key=AIza{}", fake(URLSAFE, 35, 27)),
    );
    assert_not_found(
        "google-api-key",
        &format!("key=AIza{}", fake(URLSAFE, 20, 28)),
    );
    assert_found(
        "twilio-api-key",
        &format!("# twilio\nTWILIO_KEY = 'SK{}'", fake(HEX, 32, 29)),
    );
    assert_not_found("twilio-api-key", &format!("commit SK{}", fake(HEX, 32, 30))); // no twilio keyword
    assert_found(
        "twilio-auth-token",
        &format!("twilio_auth_token = \"{}\"", fake(HEX, 32, 31)),
    );
    assert_found(
        "sendgrid-api-key",
        &format!("SG.{}.{}", fake(URLSAFE, 22, 32), fake(URLSAFE, 43, 33)),
    );
    assert_not_found("sendgrid-api-key", "SG.short.value");
}

#[test]
fn npm_and_pypi() {
    assert_found(
        "npm-access-token",
        &format!(
            "//registry.npmjs.org/:_authToken=npm_{}",
            fake(ALNUM, 36, 34)
        ),
    );
    assert_found(
        "npm-access-token",
        &format!("_authToken={}", fake(ALNUM, 32, 35)),
    );
    assert_not_found("npm-access-token", "_authToken=${NPM_TOKEN}");
    assert_found(
        "pypi-upload-token",
        &format!("password = pypi-AgEIcHlwaS5vcmc{}", fake(URLSAFE, 60, 36)),
    );
    assert_not_found("pypi-upload-token", "pypi-AgEIcHlwaS5vcmc");
}

#[test]
fn private_keys() {
    for kind in ["RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "] {
        let body: Vec<String> = (0..4).map(|i| fake(B64, 64, 40 + i)).collect();
        let pem = format!(
            "-----BEGIN {kind}PRIVATE KEY-----\n{}\n-----END {kind}PRIVATE KEY-----\n",
            body.join("\n")
        );
        assert_found("private-key", &pem);
    }
    let pgp = format!(
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n{}\n-----END PGP PRIVATE KEY BLOCK-----",
        fake(B64, 64, 50)
    );
    assert_found("private-key", &pgp);
    assert_not_found(
        "private-key",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----",
    );
    assert_not_found(
        "private-key",
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
    );
}

#[test]
fn jwt_and_database_urls() {
    let jwt = format!(
        "eyJ{}.eyJ{}.{}",
        fake(URLSAFE, 20, 51),
        fake(URLSAFE, 40, 52),
        fake(URLSAFE, 43, 53)
    );
    assert_found("jwt", &format!("Authorization: Bearer {jwt}"));
    assert_not_found("jwt", "eyJhbGciOi.eyJ.x");
    assert_found(
        "database-url-password",
        &format!(
            "DATABASE_URL=postgres://app:{}@db.internal:5432/app",
            fake(ALNUM, 9, 70)
        ),
    );
    assert_found(
        "database-url-password",
        &format!(
            "mongodb+srv://svc:{}@cluster0.mongodb.net/db",
            fake(URLSAFE, 8, 71)
        ),
    );
    assert_not_found(
        "database-url-password",
        "postgres://app:password@localhost/app",
    );
    assert_not_found(
        "database-url-password",
        "postgres://app:${DB_PASS}@localhost/app",
    );
    assert_not_found("database-url-password", "postgres://localhost:5432/app");
}

#[test]
fn generic_assignments_need_entropy_and_no_placeholder() {
    assert_found(
        "generic-secret-assignment",
        "DB_PASSWORD = \"Xk29!pLq7vRz\"",
    );
    assert_found(
        "generic-secret-assignment",
        &format!("  client_secret: 'a8F3{}'", fake(ALNUM, 12, 72)),
    );
    assert_not_found(
        "generic-secret-assignment",
        "\"output_token\": \"DistributionList.NextMarker\"",
    );
    assert_not_found("generic-secret-assignment", "token = \"NoDigitsAtAllHere\"");
    assert_found(
        "generic-secret-assignment",
        "const apiKey = \"Rk7hQ2mZ9xPl4tWb\";",
    );
    assert_not_found("generic-secret-assignment", "password = \"aaaaaaaaaa\"");
    assert_not_found("generic-secret-assignment", "password = \"changeme123\"");
    assert_not_found("generic-secret-assignment", "password = \"${DB_PASSWORD}\"");
    assert_not_found(
        "generic-secret-assignment",
        "token_url = \"https://example.org/token\"",
    );
    assert_not_found(
        "generic-secret-assignment",
        "password_field = \"password_input\"",
    );
    assert_not_found(
        "generic-secret-assignment",
        "SECRET_KEY = \"your-secret-key-here\"",
    );
    assert_not_found("generic-secret-assignment", "password = \"<PASSWORD>\"");
}

#[test]
fn secret_is_redacted_everywhere_and_position_is_exact() {
    let key = format!("ghp_{}", fake(ALNUM, 36, 60));
    let text = format!("# config\nTOKEN = \"{key}\"  # deploy\n");
    let fs = SecretsAnalyzer::builtin().scan_text("app/.env", &text);
    let f = fs
        .iter()
        .find(|f| f.rule_id == "github-pat-classic")
        .unwrap();
    assert_eq!((f.location.start_line, f.location.start_column), (2, 10));
    assert_eq!(f.location.end_column, 10 + 40);
    assert_eq!(f.snippet, "TOKEN = \"ghp_****\"  # deploy");
    let json = serde_json::to_string(&f).unwrap();
    assert!(!json.contains(&key[4..]), "secret leaked into {json}");
    assert_eq!(f.match_key, key);
}

#[test]
fn long_minified_lines_are_cut_around_the_match() {
    let key = format!("AKIA{}", fake(UPPER32, 16, 61));
    let text = format!("{}{key}{}", "x=1;".repeat(500), ";y=2".repeat(500));
    let fs = SecretsAnalyzer::builtin().scan_text("min.js", &text);
    assert_eq!(fs.len(), 1);
    assert!(fs[0].snippet.chars().count() <= MAX_SNIPPET + 2);
    assert!(fs[0].snippet.contains("AKIA****"));
}

#[test]
fn entropy_and_redaction_helpers() {
    assert_eq!(shannon_entropy("aaaa"), 0.0);
    assert!((shannon_entropy("ab") - 1.0).abs() < 1e-9);
    assert!(shannon_entropy(&fake(ALNUM, 40, 62)) > 4.5);
    assert_eq!(redact(&format!("AKIA{}", "ABCDEFGHIJKLMNOP")), "AKIA****");
    assert_eq!(redact("abc"), "****");
    assert_eq!(redact("abcdefgh"), "a****");
}
