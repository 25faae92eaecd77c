//! GitLab webhooks (project, group and system hooks): the `X-Gitlab-Token` secret is
//! compared in constant time against every configured entry before the body is parsed,
//! the delivery gets a stable id for deduplication, and the event is mapped to
//! platform-neutral jobs.

use serde_json::Value;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::platform::{WebhookAction, WebhookError};
use crate::queue::{JobSpec, Target};

/// The platform name stored with jobs and deliveries.
pub const PLATFORM: &str = "gitlab";
/// The comment that asks for a rescan.
pub const RESCAN_COMMAND: &str = "/vigil rescan";

/// Finds the entry whose webhook secret equals `token`. Every secret is compared (no early
/// exit), each in constant time, so timing reveals neither the secret nor which matched.
pub fn match_token<'a>(entries: &'a [(String, Vec<u8>)], token: Option<&str>) -> Option<&'a str> {
    let token = token?.as_bytes();
    if token.is_empty() {
        return None;
    }
    let mut found = None;
    for (name, secret) in entries {
        let eq: bool = secret.as_slice().ct_eq(token).into();
        if eq && found.is_none() {
            found = Some(name.as_str());
        }
    }
    found
}

/// The id a delivery is deduplicated by, scoped to the entry: `Idempotency-Key` (stable
/// across GitLab's retries, 17.4+), else `X-Gitlab-Event-UUID` (14.8+, with the event name
/// since recursive hooks share it), else a hash of the body (older GitLab).
pub fn delivery_id(
    entry: &str,
    idempotency_key: Option<&str>,
    event_uuid: Option<&str>,
    event: &str,
    body: &[u8],
) -> String {
    let ok = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty() && v.len() <= 128 && v.chars().all(|c| c.is_ascii_graphic()))
            .map(str::to_string)
    };
    let key = if let Some(k) = ok(idempotency_key) {
        format!("idem:{k}")
    } else if let Some(u) = ok(event_uuid) {
        format!("event:{u}:{}", event.chars().take(40).collect::<String>())
    } else {
        format!("body:{}", hex::encode(Sha256::digest(body)))
    };
    format!("{}:{key}", entry.chars().take(60).collect::<String>())
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
    v.filter(|s| !s.is_empty())
        .ok_or_else(|| WebhookError::BadRequest(format!("payload lacks {what}")))
}

/// The job for `project` (a payload's project object) of entry `scope`.
fn spec(scope: &str, project: &Value, target: Target) -> Result<JobSpec, WebhookError> {
    let repo = need(
        s(project, &["path_with_namespace"]),
        "project.path_with_namespace",
    )?;
    let clone_url = need(
        s(project, &["git_http_url"]).or_else(|| s(project, &["http_url"])),
        "project.git_http_url",
    )?;
    Ok(JobSpec {
        platform: PLATFORM.into(),
        scope: scope.to_string(),
        repo: repo.to_string(),
        clone_url: clone_url.to_string(),
        default_branch: s(project, &["default_branch"]).map(str::to_string),
        target,
    })
}

fn scan(jobs: Vec<JobSpec>) -> Result<WebhookAction, WebhookError> {
    Ok(WebhookAction::Scan {
        jobs,
        initial: false,
    })
}

/// Maps a verified GitLab delivery to what vigil should do. `event` is `X-Gitlab-Event`;
/// `scope` the name of the entry whose secret matched.
pub fn parse_event(event: &str, body: &[u8], scope: &str) -> Result<WebhookAction, WebhookError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| WebhookError::BadRequest(format!("malformed JSON payload: {e}")))?;
    if !v.is_object() {
        return Err(WebhookError::BadRequest(
            "payload is not a JSON object".into(),
        ));
    }
    // System hooks name the event in the body; project/group hooks in the header.
    let kind = match event {
        "Push Hook" => "push",
        "Merge Request Hook" => "merge_request",
        "Note Hook" => "note",
        "System Hook" => s(&v, &["object_kind"])
            .or_else(|| s(&v, &["event_name"]))
            .unwrap_or_default(),
        other => return Ok(WebhookAction::Ignore(format!("event {other:?}"))),
    };
    match kind {
        "push" => push(&v, scope),
        "merge_request" => merge_request(&v, scope),
        "note" => note(&v, scope),
        other => Ok(WebhookAction::Ignore(format!("{event} of kind {other:?}"))),
    }
}

fn push(v: &Value, scope: &str) -> Result<WebhookAction, WebhookError> {
    let git_ref = s(v, &["ref"]).unwrap_or_default();
    let Some(branch) = git_ref.strip_prefix("refs/heads/") else {
        return Ok(WebhookAction::Ignore(format!(
            "push to {git_ref:?} is not a branch"
        )));
    };
    let after = s(v, &["after"]).unwrap_or_default();
    if after.is_empty() || after.chars().all(|c| c == '0') {
        return Ok(WebhookAction::Ignore("branch deleted".into()));
    }
    let project = v
        .get("project")
        .ok_or_else(|| WebhookError::BadRequest("payload lacks project".into()))?;
    let default = s(project, &["default_branch"]).unwrap_or_default();
    if branch != default {
        return Ok(WebhookAction::Ignore(format!(
            "push to {branch:?}, not the default branch"
        )));
    }
    let sha = s(v, &["checkout_sha"])
        .filter(|c| !c.is_empty())
        .unwrap_or(after);
    scan(vec![spec(
        scope,
        project,
        Target::Branch {
            branch: branch.to_string(),
            sha: Some(sha.to_string()),
        },
    )?])
}

/// The project a merge request event belongs to (the target project).
fn mr_project(v: &Value) -> Result<&Value, WebhookError> {
    v.get("project")
        .filter(|p| p.get("path_with_namespace").is_some())
        .or_else(|| v.get("object_attributes").and_then(|o| o.get("target")))
        .ok_or_else(|| WebhookError::BadRequest("payload lacks project".into()))
}

fn merge_request(v: &Value, scope: &str) -> Result<WebhookAction, WebhookError> {
    let oa = v
        .get("object_attributes")
        .ok_or_else(|| WebhookError::BadRequest("payload lacks object_attributes".into()))?;
    let action = s(oa, &["action"]).unwrap_or_default();
    let project = mr_project(v)?;
    let iid = n(oa, &["iid"])
        .ok_or_else(|| WebhookError::BadRequest("payload lacks object_attributes.iid".into()))?;
    match action {
        "open" | "reopen" => {}
        // Only pushes (and applied suggestions) carry oldrev; label/title edits do not.
        "update" if s(oa, &["oldrev"]).is_some_and(|r| !r.is_empty()) => {}
        "update" => {
            return Ok(WebhookAction::Ignore(
                "merge request update without new commits".into(),
            ));
        }
        "merge" | "close" => {
            let repo = need(
                s(project, &["path_with_namespace"]),
                "project.path_with_namespace",
            )?;
            return Ok(WebhookAction::DropChangeRequest {
                supersede_key: format!("{PLATFORM}:{repo}#{iid}"),
            });
        }
        other => {
            return Ok(WebhookAction::Ignore(format!(
                "merge request action {other:?}"
            )));
        }
    }
    let target = Target::ChangeRequest {
        number: iid,
        head_sha: need(
            s(oa, &["last_commit", "id"]),
            "object_attributes.last_commit.id",
        )?
        .to_string(),
        head_ref: need(s(oa, &["source_branch"]), "object_attributes.source_branch")?.to_string(),
        // The hook does not carry the merge base: the worker asks the platform for it.
        base_sha: String::new(),
        base_ref: need(s(oa, &["target_branch"]), "object_attributes.target_branch")?.to_string(),
    };
    scan(vec![spec(scope, project, target)?])
}

fn note(v: &Value, scope: &str) -> Result<WebhookAction, WebhookError> {
    let oa = v
        .get("object_attributes")
        .ok_or_else(|| WebhookError::BadRequest("payload lacks object_attributes".into()))?;
    let text = s(oa, &["note"]).unwrap_or_default();
    let on_mr = s(oa, &["noteable_type"]) == Some("MergeRequest");
    let edited = s(oa, &["action"]) == Some("update");
    let system = oa.get("system").and_then(Value::as_bool).unwrap_or(false);
    if !on_mr || edited || system || !text.trim_start().starts_with(RESCAN_COMMAND) {
        return Ok(WebhookAction::Ignore(
            "note is not a new /vigil rescan on a merge request".into(),
        ));
    }
    let iid = n(v, &["merge_request", "iid"])
        .ok_or_else(|| WebhookError::BadRequest("payload lacks merge_request.iid".into()))?;
    let user = need(s(v, &["user", "username"]), "user.username")?;
    // The id lets the platform look the membership up without another call.
    let requested_by = match n(v, &["user", "id"]) {
        Some(id) => format!("{user}#{id}"),
        None => user.to_string(),
    };
    let project = v
        .get("project")
        .ok_or_else(|| WebhookError::BadRequest("payload lacks project".into()))?;
    scan(vec![spec(
        scope,
        project,
        Target::RescanRequest {
            number: iid,
            requested_by,
        },
    )?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/gitlab/");

    fn fixture(name: &str) -> Value {
        serde_json::from_slice(&std::fs::read(format!("{FIX}webhooks/{name}")).unwrap()).unwrap()
    }

    fn parse(event: &str, v: &Value) -> WebhookAction {
        parse_event(event, &serde_json::to_vec(v).unwrap(), "corp").unwrap()
    }

    #[test]
    fn token_matching_picks_the_entry() {
        let entries = vec![
            ("a".to_string(), b"secret-a".to_vec()),
            ("b".to_string(), b"secret-b".to_vec()),
        ];
        assert_eq!(match_token(&entries, Some("secret-b")), Some("b"));
        assert_eq!(match_token(&entries, Some("secret-a")), Some("a"));
        assert_eq!(match_token(&entries, Some("secret-")), None);
        assert_eq!(match_token(&entries, Some("")), None);
        assert_eq!(match_token(&entries, None), None);
    }

    #[test]
    fn delivery_ids_prefer_the_idempotency_key() {
        let h: Value = serde_json::from_slice(
            &std::fs::read(format!("{FIX}webhooks/delivery-headers.json")).unwrap(),
        )
        .unwrap();
        let ex = &h["example_request_headers"][0];
        let id = delivery_id(
            "corp",
            ex["Idempotency-Key"].as_str(),
            ex["X-Gitlab-Event-UUID"].as_str(),
            "Push Hook",
            b"{}",
        );
        assert_eq!(id, "corp:idem:a5461c4d-9c7f-4af9-add6-cddebe3c426f");
        let id = delivery_id(
            "corp",
            None,
            ex["X-Gitlab-Event-UUID"].as_str(),
            "Push Hook",
            b"{}",
        );
        assert_eq!(
            id,
            "corp:event:9cebe914-4827-408f-b014-cfa23a47a35f:Push Hook"
        );
        let a = delivery_id("corp", None, None, "Push Hook", b"{\"a\":1}");
        assert_eq!(
            a,
            delivery_id("corp", None, None, "Push Hook", b"{\"a\":1}")
        );
        assert_ne!(
            a,
            delivery_id("corp", None, None, "Push Hook", b"{\"a\":2}")
        );
        // Hostile header values fall through to the next source.
        let id = delivery_id("corp", Some("x\ny"), None, "Push Hook", b"{}");
        assert!(id.starts_with("corp:body:"), "{id}");
    }

    #[test]
    fn merge_request_open_reopen_and_pushes_scan() {
        let mut v = fixture("merge_request.json");
        let WebhookAction::Scan {
            jobs,
            initial: false,
        } = parse("Merge Request Hook", &v)
        else {
            panic!()
        };
        assert_eq!(jobs[0].repo, "gitlabhq/gitlab-test");
        assert_eq!(jobs[0].scope, "corp");
        assert_eq!(
            jobs[0].clone_url,
            "http://example.com/gitlabhq/gitlab-test.git"
        );
        assert_eq!(
            jobs[0].target,
            Target::ChangeRequest {
                number: 1,
                head_sha: "da1560886d4f094c3e6c9ef40349f7d38b5d27d7".into(),
                head_ref: "ms-viewport".into(),
                base_sha: String::new(),
                base_ref: "master".into(),
            }
        );
        v["object_attributes"]["action"] = json!("reopen");
        assert!(matches!(
            parse("Merge Request Hook", &v),
            WebhookAction::Scan { .. }
        ));
        // A label or title edit: no oldrev, no scan.
        v["object_attributes"]["action"] = json!("update");
        assert!(matches!(
            parse("Merge Request Hook", &v),
            WebhookAction::Ignore(_)
        ));
        v["object_attributes"]["oldrev"] = json!("95790bf891e76fee5e1747ab589903a6a1f80f22");
        assert!(matches!(
            parse("Merge Request Hook", &v),
            WebhookAction::Scan { .. }
        ));
        v["object_attributes"]["action"] = json!("approved");
        assert!(matches!(
            parse("Merge Request Hook", &v),
            WebhookAction::Ignore(_)
        ));
    }

    #[test]
    fn merge_and_close_drop_pending_jobs() {
        let mut v = fixture("merge_request.json");
        for a in ["merge", "close"] {
            v["object_attributes"]["action"] = json!(a);
            assert_eq!(
                parse("Merge Request Hook", &v),
                WebhookAction::DropChangeRequest {
                    supersede_key: "gitlab:gitlabhq/gitlab-test#1".into()
                }
            );
        }
    }

    #[test]
    fn push_only_on_the_default_branch() {
        let mut v = fixture("push.json");
        let WebhookAction::Scan { jobs, .. } = parse("Push Hook", &v) else {
            panic!()
        };
        assert_eq!(jobs[0].repo, "mike/diaspora");
        assert_eq!(
            jobs[0].target,
            Target::Branch {
                branch: "master".into(),
                sha: Some("da1560886d4f094c3e6c9ef40349f7d38b5d27d7".into())
            }
        );
        v["ref"] = json!("refs/heads/feature");
        assert!(matches!(parse("Push Hook", &v), WebhookAction::Ignore(_)));
        v["ref"] = json!("refs/heads/master");
        v["after"] = json!("0000000000000000000000000000000000000000");
        assert!(matches!(parse("Push Hook", &v), WebhookAction::Ignore(_)));
        assert!(matches!(
            parse("Tag Push Hook", &fixture("tag_push.json")),
            WebhookAction::Ignore(_)
        ));
    }

    #[test]
    fn system_hooks_are_dispatched_by_body() {
        let v = fixture("push.json");
        assert!(matches!(
            parse("System Hook", &v),
            WebhookAction::Scan { .. }
        ));
        let v = fixture("merge_request.json");
        assert!(matches!(
            parse("System Hook", &v),
            WebhookAction::Scan { .. }
        ));
        let v = json!({"event_name": "project_create", "name": "x"});
        assert!(matches!(parse("System Hook", &v), WebhookAction::Ignore(_)));
    }

    #[test]
    fn rescan_note() {
        let mut v = fixture("note.merge_request.json");
        assert!(matches!(parse("Note Hook", &v), WebhookAction::Ignore(_)));
        v["object_attributes"]["note"] = json!("  /vigil rescan please");
        let WebhookAction::Scan { jobs, .. } = parse("Note Hook", &v) else {
            panic!()
        };
        assert_eq!(jobs[0].repo, "gitlab-org/gitlab-test");
        assert_eq!(
            jobs[0].target,
            Target::RescanRequest {
                number: 1,
                requested_by: "root#1".into()
            }
        );
        v["object_attributes"]["action"] = json!("update");
        assert!(matches!(parse("Note Hook", &v), WebhookAction::Ignore(_)));
        let mut c = fixture("note.commit.json");
        c["object_attributes"]["note"] = json!("/vigil rescan");
        assert!(matches!(parse("Note Hook", &c), WebhookAction::Ignore(_)));
    }

    #[test]
    fn malformed_and_unknown() {
        assert!(matches!(
            parse_event("Push Hook", b"{nope", "x"),
            Err(WebhookError::BadRequest(_))
        ));
        assert!(matches!(
            parse_event("Push Hook", b"[]", "x"),
            Err(WebhookError::BadRequest(_))
        ));
        assert!(matches!(
            parse_event("Pipeline Hook", b"{}", "x").unwrap(),
            WebhookAction::Ignore(_)
        ));
        // A push to the default branch without a project is malformed, not a panic.
        assert!(matches!(
            parse_event(
                "Push Hook",
                br#"{"ref":"refs/heads/main","after":"ab"}"#,
                "x"
            ),
            Err(WebhookError::BadRequest(_))
        ));
        let mut v = fixture("merge_request.json");
        v["object_attributes"]["last_commit"] = json!(null);
        assert!(matches!(
            parse_event("Merge Request Hook", &serde_json::to_vec(&v).unwrap(), "x"),
            Err(WebhookError::BadRequest(_))
        ));
    }
}
