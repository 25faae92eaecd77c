//! Findings lifecycle per repository and branch: ACTIVE when first seen, `last_seen`
//! moved on each scan, SUPPRESSED when an in-code or `.vigil.yml` suppression covers it,
//! CLOSED when a scan of that branch no longer sees it.

use std::collections::{HashMap, HashSet};

use sqlx::Row;
use vigil_core::{Finding, Status};

use super::{Db, StoreError, now_ms, with_pool};

/// What one scan changed in the lifecycle (fingerprints).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Lifecycle {
    /// Not seen on this branch before (or seen and closed, now back).
    pub opened: Vec<String>,
    /// Seen before and still there.
    pub still_open: Vec<String>,
    /// Seen before, gone now.
    pub closed: Vec<String>,
}

/// One stored finding row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFinding {
    pub fingerprint: String,
    pub rule_id: String,
    pub severity: String,
    pub path: String,
    pub line: i64,
    pub status: String,
    pub first_seen: i64,
    pub last_seen: i64,
    pub closed_in: Option<String>,
}

/// Records the findings of one scan of `branch` at `commit`.
pub async fn record_scan(
    db: &Db,
    platform: &str,
    repo: &str,
    branch: &str,
    commit: &str,
    findings: &[Finding],
) -> Result<Lifecycle, StoreError> {
    let now = now_ms();
    with_pool!(db, p => {
        let mut tx = p.begin().await?;
        let rows = sqlx::query("SELECT fingerprint, status FROM findings WHERE platform = $1 AND repo = $2 AND branch = $3")
            .bind(platform)
            .bind(repo)
            .bind(branch)
            .fetch_all(&mut *tx)
            .await?;
        let mut known: HashMap<String, String> = HashMap::new();
        for r in &rows {
            known.insert(r.try_get("fingerprint")?, r.try_get("status")?);
        }
        let mut out = Lifecycle::default();
        let mut seen = HashSet::new();
        for f in findings {
            if !seen.insert(f.fingerprint.clone()) {
                continue;
            }
            let status = if f.status == Status::Suppressed { "SUPPRESSED" } else { "ACTIVE" };
            match known.get(&f.fingerprint) {
                Some(old) if old != "CLOSED" => out.still_open.push(f.fingerprint.clone()),
                _ => out.opened.push(f.fingerprint.clone()),
            }
            sqlx::query(
                "INSERT INTO findings (platform, repo, branch, fingerprint, rule_id, severity, finding_type, path, line, title, status, first_seen, last_seen) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
                 ON CONFLICT (platform, repo, branch, fingerprint) DO UPDATE SET \
                 severity = excluded.severity, path = excluded.path, line = excluded.line, title = excluded.title, \
                 status = excluded.status, last_seen = excluded.last_seen, closed_at = NULL, closed_in = NULL",
            )
            .bind(platform)
            .bind(repo)
            .bind(branch)
            .bind(&f.fingerprint)
            .bind(&f.rule_id)
            .bind(f.severity.as_str())
            .bind(f.finding_type.as_str())
            .bind(&f.location.path)
            .bind(i64::from(f.location.start_line))
            .bind(&f.title)
            .bind(status)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        for (fp, status) in &known {
            if status != "CLOSED" && !seen.contains(fp) {
                sqlx::query(
                    "UPDATE findings SET status = 'CLOSED', closed_at = $1, closed_in = $2 \
                     WHERE platform = $3 AND repo = $4 AND branch = $5 AND fingerprint = $6",
                )
                .bind(now)
                .bind(commit)
                .bind(platform)
                .bind(repo)
                .bind(branch)
                .bind(fp)
                .execute(&mut *tx)
                .await?;
                out.closed.push(fp.clone());
            }
        }
        tx.commit().await?;
        out.opened.sort();
        out.still_open.sort();
        out.closed.sort();
        Ok(out)
    })
}

/// All stored findings of a branch, ordered by path and line.
pub async fn list(
    db: &Db,
    platform: &str,
    repo: &str,
    branch: &str,
) -> Result<Vec<StoredFinding>, StoreError> {
    with_pool!(db, p => {
        let rows = sqlx::query(
            "SELECT fingerprint, rule_id, severity, path, line, status, first_seen, last_seen, closed_in FROM findings \
             WHERE platform = $1 AND repo = $2 AND branch = $3 ORDER BY path, line, fingerprint",
        )
        .bind(platform)
        .bind(repo)
        .bind(branch)
        .fetch_all(p)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredFinding {
                    fingerprint: r.try_get("fingerprint")?,
                    rule_id: r.try_get("rule_id")?,
                    severity: r.try_get("severity")?,
                    path: r.try_get("path")?,
                    line: r.try_get("line")?,
                    status: r.try_get("status")?,
                    first_seen: r.try_get("first_seen")?,
                    last_seen: r.try_get("last_seen")?,
                    closed_in: r.try_get("closed_in")?,
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testdb;
    use vigil_core::{FindingType, Location, Severity};

    fn finding(fp: &str, status: Status) -> Finding {
        let mut f = Finding::new(
            FindingType::Secret,
            "secrets.aws",
            "AWS key",
            Severity::High,
            Location {
                path: "a.py".into(),
                start_line: 3,
                start_column: 1,
                end_line: 3,
                end_column: 5,
            },
        );
        f.fingerprint = fp.into();
        f.status = status;
        f
    }

    #[tokio::test]
    async fn open_still_open_closed_suppressed() {
        let (db, _d) = testdb::sqlite().await;
        let a = finding("a", Status::Active);
        let b = finding("b", Status::Active);
        let l1 = record_scan(&db, "github", "o/r", "main", "c1", &[a.clone(), b])
            .await
            .unwrap();
        assert_eq!(l1.opened, vec!["a", "b"]);
        let l2 = record_scan(
            &db,
            "github",
            "o/r",
            "main",
            "c2",
            &[a.clone(), finding("c", Status::Suppressed)],
        )
        .await
        .unwrap();
        assert_eq!(
            (l2.opened, l2.still_open, l2.closed),
            (
                vec!["c".to_string()],
                vec!["a".to_string()],
                vec!["b".to_string()]
            )
        );
        let rows = list(&db, "github", "o/r", "main").await.unwrap();
        let by: HashMap<_, _> = rows.iter().map(|r| (r.fingerprint.as_str(), r)).collect();
        assert_eq!(by["b"].status, "CLOSED");
        assert_eq!(by["b"].closed_in.as_deref(), Some("c2"));
        assert_eq!(by["c"].status, "SUPPRESSED");
        assert!(by["a"].last_seen >= by["a"].first_seen);
        // Another branch is independent.
        assert!(list(&db, "github", "o/r", "dev").await.unwrap().is_empty());
    }
}
