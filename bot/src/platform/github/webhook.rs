//! GitHub webhooks: `X-Hub-Signature-256` verified in constant time over the raw body
//! before anything is parsed, then the event mapped to platform-neutral jobs.

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::platform::{WebhookAction, WebhookError};
use crate::queue::{JobSpec, Target};

/// The platform name stored with jobs and deliveries.
pub const PLATFORM: &str = "github";

/// Checks `sha256=<hex>` against HMAC-SHA256(secret, body) in constant time.
pub fn verify_signature(
    secret: &[u8],
    body: &[u8],
    header: Option<&str>,
) -> Result<(), WebhookError> {
    let hex_sig = header
        .and_then(|h| h.trim().strip_prefix("sha256="))
        .ok_or(WebhookError::Unauthorized)?;
    let sig = hex::decode(hex_sig).map_err(|_| WebhookError::Unauthorized)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| WebhookError::Unauthorized)?;
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&sig)
        .map_err(|_| WebhookError::Unauthorized)
}

/// `sha256=<hex>` for `body`: what GitHub sends (used by tests and benchmarks).
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn s<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str()
}

fn n(v: &Value, path: &[&str]) -> Option<u64> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_u64()
}

fn need<'a>(v: Option<&'a str>, what: &str) -> Result<&'a str, WebhookError> {
    v.ok_or_else(|| WebhookError::BadRequest(format!("payload lacks {what}")))
}

/// Maps a verified GitHub event to what vigil should do. `web_base` builds clone URLs
/// for installation events, whose repository objects carry none.
pub fn parse_event(
    event: &str,
    body: &[u8],
    web_base: &str,
) -> Result<WebhookAction, WebhookError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| WebhookError::BadRequest(format!("malformed JSON payload: {e}")))?;
    if !v.is_object() {
        return Err(WebhookError::BadRequest(
            "payload is not a JSON object".into(),
        ));
    }
    let action = s(&v, &["action"]).unwrap_or_default();
    let scope = || {
        n(&v, &["installation", "id"])
            .map(|i| i.to_string())
            .ok_or_else(|| {
                WebhookError::BadRequest(
                    "payload lacks installation.id (is this an App webhook?)".into(),
                )
            })
    };
    let repo_spec = |target: Target| -> Result<JobSpec, WebhookError> {
        Ok(JobSpec {
            platform: PLATFORM.into(),
            scope: scope()?,
            repo: need(s(&v, &["repository", "full_name"]), "repository.full_name")?.to_string(),
            clone_url: need(s(&v, &["repository", "clone_url"]), "repository.clone_url")?
                .to_string(),
            default_branch: s(&v, &["repository", "default_branch"]).map(str::to_string),
            target,
        })
    };
    let scan = |jobs: Vec<JobSpec>| {
        Ok(WebhookAction::Scan {
            jobs,
            initial: false,
        })
    };
    match event {
        "ping" => Ok(WebhookAction::Ping),
        "pull_request" => match action {
            "opened" | "synchronize" | "reopened" | "ready_for_review" => {
                let pr = v
                    .get("pull_request")
                    .ok_or_else(|| WebhookError::BadRequest("payload lacks pull_request".into()))?;
                let target = Target::ChangeRequest {
                    number: n(pr, &["number"])
                        .or_else(|| n(&v, &["number"]))
                        .ok_or_else(|| {
                            WebhookError::BadRequest("payload lacks pull_request.number".into())
                        })?,
                    head_sha: need(s(pr, &["head", "sha"]), "pull_request.head.sha")?.into(),
                    head_ref: need(s(pr, &["head", "ref"]), "pull_request.head.ref")?.into(),
                    base_sha: need(s(pr, &["base", "sha"]), "pull_request.base.sha")?.into(),
                    base_ref: need(s(pr, &["base", "ref"]), "pull_request.base.ref")?.into(),
                };
                scan(vec![repo_spec(target)?])
            }
            "closed" => {
                let number = n(&v, &["number"]).or_else(|| n(&v, &["pull_request", "number"]));
                let repo = s(&v, &["repository", "full_name"]);
                match (number, repo) {
                    (Some(number), Some(repo)) => Ok(WebhookAction::DropChangeRequest {
                        supersede_key: format!("{PLATFORM}:{repo}#{number}"),
                    }),
                    _ => Err(WebhookError::BadRequest(
                        "payload lacks number or repository".into(),
                    )),
                }
            }
            other => Ok(WebhookAction::Ignore(format!(
                "pull_request action {other:?}"
            ))),
        },
        "push" => {
            let git_ref = s(&v, &["ref"]).unwrap_or_default();
            let default = s(&v, &["repository", "default_branch"]).unwrap_or_default();
            let after = s(&v, &["after"]).unwrap_or_default();
            let deleted = v.get("deleted").and_then(Value::as_bool).unwrap_or(false);
            let Some(branch) = git_ref.strip_prefix("refs/heads/") else {
                return Ok(WebhookAction::Ignore(format!(
                    "push to {git_ref:?} is not a branch"
                )));
            };
            if deleted || after.chars().all(|c| c == '0') {
                return Ok(WebhookAction::Ignore("branch deleted".into()));
            }
            if branch != default {
                return Ok(WebhookAction::Ignore(format!(
                    "push to {branch:?}, not the default branch"
                )));
            }
            scan(vec![repo_spec(Target::Branch {
                branch: branch.to_string(),
                sha: Some(after.to_string()),
            })?])
        }
        "check_suite" | "check_run" if action == "rerequested" => {
            let suite = if event == "check_suite" {
                v.get("check_suite")
            } else {
                v.get("check_run").and_then(|c| c.get("check_suite"))
            }
            .ok_or_else(|| WebhookError::BadRequest(format!("payload lacks {event}")))?;
            let prs = suite
                .get("pull_requests")
                .and_then(Value::as_array)
                .filter(|a| !a.is_empty())
                .or_else(|| {
                    v.get("check_run")
                        .and_then(|c| c.get("pull_requests"))
                        .and_then(Value::as_array)
                });
            let jobs = match prs.and_then(|a| a.first()) {
                Some(pr) => vec![repo_spec(Target::ChangeRequest {
                    number: n(pr, &["number"]).ok_or_else(|| {
                        WebhookError::BadRequest("pull request lacks number".into())
                    })?,
                    head_sha: need(s(pr, &["head", "sha"]), "pull request head.sha")?.into(),
                    head_ref: need(s(pr, &["head", "ref"]), "pull request head.ref")?.into(),
                    base_sha: need(s(pr, &["base", "sha"]), "pull request base.sha")?.into(),
                    base_ref: need(s(pr, &["base", "ref"]), "pull request base.ref")?.into(),
                })?],
                None => {
                    let branch = s(suite, &["head_branch"])
                        .or_else(|| s(&v, &["repository", "default_branch"]))
                        .unwrap_or_default();
                    vec![repo_spec(Target::Branch {
                        branch: branch.to_string(),
                        sha: s(suite, &["head_sha"]).map(str::to_string),
                    })?]
                }
            };
            scan(jobs)
        }
        "installation" | "installation_repositories" => {
            let scope = scope()?;
            let list_key = match (event, action) {
                ("installation", "created") => "repositories",
                ("installation_repositories", "added") => "repositories_added",
                ("installation", "deleted" | "suspend") => {
                    return Ok(WebhookAction::Drop { scope, repos: None });
                }
                ("installation_repositories", "removed") => {
                    let repos = v
                        .get("repositories_removed")
                        .and_then(Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|r| s(r, &["full_name"]).map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    return Ok(WebhookAction::Drop {
                        scope,
                        repos: Some(repos),
                    });
                }
                _ => return Ok(WebhookAction::Ignore(format!("{event} action {action:?}"))),
            };
            let jobs = v
                .get(list_key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|r| s(r, &["full_name"]))
                        .map(|full| JobSpec {
                            platform: PLATFORM.into(),
                            scope: scope.clone(),
                            repo: full.to_string(),
                            clone_url: format!("{}/{full}.git", web_base.trim_end_matches('/')),
                            default_branch: None,
                            // Empty branch: the remote's default branch (HEAD).
                            target: Target::Branch {
                                branch: String::new(),
                                sha: None,
                            },
                        })
                        .collect()
                })
                .unwrap_or_default();
            Ok(WebhookAction::Scan {
                jobs,
                initial: true,
            })
        }
        "issue_comment" => {
            let body = s(&v, &["comment", "body"]).unwrap_or_default();
            let is_pr = v.get("issue").and_then(|i| i.get("pull_request")).is_some();
            if action != "created" || !is_pr || !body.trim_start().starts_with("/vigil rescan") {
                return Ok(WebhookAction::Ignore(
                    "comment is not a /vigil rescan on a pull request".into(),
                ));
            }
            if s(&v, &["comment", "user", "type"]) == Some("Bot") {
                return Ok(WebhookAction::Ignore("comment by a bot".into()));
            }
            let number = n(&v, &["issue", "number"])
                .ok_or_else(|| WebhookError::BadRequest("payload lacks issue.number".into()))?;
            let user = need(s(&v, &["comment", "user", "login"]), "comment.user.login")?;
            scan(vec![repo_spec(Target::RescanRequest {
                number,
                requested_by: user.to_string(),
            })?])
        }
        other => Ok(WebhookAction::Ignore(format!(
            "event {other:?} with action {action:?}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/github/");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIX}webhooks/{name}")).unwrap()
    }

    #[test]
    fn official_signature_vector() {
        let d: Value =
            serde_json::from_slice(&std::fs::read(format!("{FIX}webhook-delivery.json")).unwrap())
                .unwrap();
        let tv = &d["hmac_test_vector"];
        let secret = tv["secret"].as_str().unwrap().as_bytes();
        let payload = tv["payload"].as_str().unwrap().as_bytes();
        let header = tv["X-Hub-Signature-256"].as_str().unwrap();
        assert_eq!(sign(secret, payload), header);
        assert_eq!(verify_signature(secret, payload, Some(header)), Ok(()));
        assert_eq!(
            verify_signature(secret, b"Hello, World?", Some(header)),
            Err(WebhookError::Unauthorized)
        );
        assert_eq!(
            verify_signature(b"other", payload, Some(header)),
            Err(WebhookError::Unauthorized)
        );
        assert_eq!(
            verify_signature(secret, payload, None),
            Err(WebhookError::Unauthorized)
        );
        assert_eq!(
            verify_signature(secret, payload, Some("sha1=abc")),
            Err(WebhookError::Unauthorized)
        );
        assert_eq!(
            verify_signature(secret, payload, Some("sha256=zz")),
            Err(WebhookError::Unauthorized)
        );
    }

    #[test]
    fn pull_request_opened_becomes_a_pr_job() {
        let a = parse_event(
            "pull_request",
            &fixture("pull_request.opened.json"),
            "https://github.com",
        )
        .unwrap();
        let WebhookAction::Scan {
            jobs,
            initial: false,
        } = a
        else {
            panic!("{a:?}")
        };
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].repo, "Codertocat/Hello-World");
        assert_eq!(jobs[0].scope, "1");
        assert!(matches!(
            &jobs[0].target,
            Target::ChangeRequest { number: 2, .. }
        ));
    }

    #[test]
    fn synchronize_and_reopened_scan_closed_drops() {
        for f in [
            "pull_request.synchronize.json",
            "pull_request.reopened.json",
        ] {
            assert!(matches!(
                parse_event("pull_request", &fixture(f), "").unwrap(),
                WebhookAction::Scan { .. }
            ));
        }
        assert!(matches!(
            parse_event("pull_request", &fixture("pull_request.closed.json"), "").unwrap(),
            WebhookAction::DropChangeRequest { .. }
        ));
    }

    #[test]
    fn push_only_on_default_branch() {
        // A tag deletion.
        assert!(matches!(
            parse_event("push", &fixture("push.with-installation.json"), "").unwrap(),
            WebhookAction::Ignore(_)
        ));
        let mut v: Value = serde_json::from_slice(&fixture("push.with-new-branch.json")).unwrap();
        let default = v["repository"]["default_branch"]
            .as_str()
            .unwrap()
            .to_string();
        v["ref"] = format!("refs/heads/{default}").into();
        v["created"] = false.into();
        v["before"] = "1111111111111111111111111111111111111111".into();
        let a = parse_event("push", &serde_json::to_vec(&v).unwrap(), "").unwrap();
        let WebhookAction::Scan { jobs, .. } = a else {
            panic!("{a:?}")
        };
        assert!(
            matches!(&jobs[0].target, Target::Branch { branch, sha: Some(_) } if *branch == default)
        );
        v["ref"] = "refs/heads/feature".into();
        assert!(matches!(
            parse_event("push", &serde_json::to_vec(&v).unwrap(), "").unwrap(),
            WebhookAction::Ignore(_)
        ));
    }

    #[test]
    fn rerequested_checks_rescan() {
        let a = parse_event("check_suite", &fixture("check_suite.rerequested.json"), "").unwrap();
        let WebhookAction::Scan { jobs, .. } = a else {
            panic!("{a:?}")
        };
        assert!(matches!(
            &jobs[0].target,
            Target::ChangeRequest { number: 2, .. }
        ));
        let a = parse_event("check_run", &fixture("check_run.rerequested.json"), "").unwrap();
        let WebhookAction::Scan { jobs, .. } = a else {
            panic!("{a:?}")
        };
        assert_eq!(jobs.len(), 1);
        assert!(matches!(
            parse_event("check_suite", &fixture("check_suite.requested.json"), "").unwrap(),
            WebhookAction::Ignore(_)
        ));
    }

    #[test]
    fn installation_events() {
        let a = parse_event(
            "installation",
            &fixture("installation.created.json"),
            "https://ghe.corp",
        )
        .unwrap();
        let WebhookAction::Scan {
            jobs,
            initial: true,
        } = a
        else {
            panic!("{a:?}")
        };
        assert_eq!(
            jobs[0].clone_url,
            "https://ghe.corp/Codertocat/Hello-World.git"
        );
        let a = parse_event(
            "installation_repositories",
            &fixture("installation_repositories.added.json"),
            "x",
        )
        .unwrap();
        assert!(matches!(a, WebhookAction::Scan { initial: true, .. }));
        let a = parse_event("installation", &fixture("installation.deleted.json"), "x").unwrap();
        assert!(matches!(a, WebhookAction::Drop { repos: None, .. }));
        let a = parse_event(
            "installation_repositories",
            &fixture("installation_repositories.removed.json"),
            "x",
        )
        .unwrap();
        assert!(matches!(a, WebhookAction::Drop { repos: Some(r), .. } if !r.is_empty()));
    }

    #[test]
    fn rescan_comment() {
        let mut v: Value = serde_json::from_slice(&fixture("pull_request.opened.json")).unwrap();
        v["action"] = "created".into();
        v["issue"] = serde_json::json!({"number": 2, "pull_request": {"url": "x"}});
        v["comment"] = serde_json::json!({"body": "/vigil rescan please", "user": {"login": "octo", "type": "User"}});
        let a = parse_event("issue_comment", &serde_json::to_vec(&v).unwrap(), "").unwrap();
        let WebhookAction::Scan { jobs, .. } = a else {
            panic!("{a:?}")
        };
        assert!(
            matches!(&jobs[0].target, Target::RescanRequest { number: 2, requested_by } if requested_by == "octo")
        );
        v["comment"]["body"] = "looks good".into();
        assert!(matches!(
            parse_event("issue_comment", &serde_json::to_vec(&v).unwrap(), "").unwrap(),
            WebhookAction::Ignore(_)
        ));
    }

    #[test]
    fn malformed_and_unknown() {
        assert!(matches!(
            parse_event("push", b"{not json", ""),
            Err(WebhookError::BadRequest(_))
        ));
        assert!(matches!(
            parse_event("push", b"[1]", ""),
            Err(WebhookError::BadRequest(_))
        ));
        assert!(matches!(
            parse_event("star", b"{}", "").unwrap(),
            WebhookAction::Ignore(_)
        ));
        assert_eq!(
            parse_event("ping", &fixture("ping.json"), "").unwrap(),
            WebhookAction::Ping
        );
    }
}
