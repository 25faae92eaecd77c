//! Scan status per repository with a reason code, modelled on Amazon Inspector's ScanStatus.

use sqlx::Row;

use super::{Db, StoreError, now_ms, with_pool};

/// Where a repository's scanning stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanStatus {
    PendingInitialScan,
    InProgress,
    Successful,
    AccessDenied,
    CloneFailed,
    SizeLimitExceeded,
    Timeout,
    ExcludedByConfig,
    NoSupportedFiles,
    InternalError,
    /// The App was uninstalled or the repository removed from the installation.
    Uninstalled,
}

impl ScanStatus {
    /// The stored and printed name.
    pub fn as_str(self) -> &'static str {
        match self {
            ScanStatus::PendingInitialScan => "PENDING_INITIAL_SCAN",
            ScanStatus::InProgress => "IN_PROGRESS",
            ScanStatus::Successful => "SUCCESSFUL",
            ScanStatus::AccessDenied => "ACCESS_DENIED",
            ScanStatus::CloneFailed => "CLONE_FAILED",
            ScanStatus::SizeLimitExceeded => "SIZE_LIMIT_EXCEEDED",
            ScanStatus::Timeout => "TIMEOUT",
            ScanStatus::ExcludedByConfig => "EXCLUDED_BY_CONFIG",
            ScanStatus::NoSupportedFiles => "NO_SUPPORTED_FILES",
            ScanStatus::InternalError => "INTERNAL_ERROR",
            ScanStatus::Uninstalled => "UNINSTALLED",
        }
    }
}

/// One row of `vigil status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoStatus {
    pub platform: String,
    pub repo: String,
    pub status: String,
    pub reason: Option<String>,
    pub updated_at: i64,
}

/// Sets the status of a repository.
pub async fn set(
    db: &Db,
    platform: &str,
    repo: &str,
    scope: &str,
    status: ScanStatus,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO repo_status (platform, repo, scope, status, reason, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (platform, repo) DO UPDATE SET scope = excluded.scope, status = excluded.status, \
         reason = excluded.reason, updated_at = excluded.updated_at",
    )
    .bind(platform)
    .bind(repo)
    .bind(scope)
    .bind(status.as_str())
    .bind(reason)
    .bind(now_ms())
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Sets the status of every repository of an installation.
pub async fn set_scope(
    db: &Db,
    platform: &str,
    scope: &str,
    status: ScanStatus,
    reason: &str,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "UPDATE repo_status SET status = $1, reason = $2, updated_at = $3 WHERE platform = $4 AND scope = $5",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(now_ms())
    .bind(platform)
    .bind(scope)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Every repository's status, ordered by name.
pub async fn list(db: &Db) -> Result<Vec<RepoStatus>, StoreError> {
    with_pool!(db, p => {
        let rows = sqlx::query("SELECT platform, repo, status, reason, updated_at FROM repo_status ORDER BY platform, repo")
            .fetch_all(p)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RepoStatus {
                    platform: r.try_get("platform")?,
                    repo: r.try_get("repo")?,
                    status: r.try_get("status")?,
                    reason: r.try_get("reason")?,
                    updated_at: r.try_get("updated_at")?,
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testdb;

    #[tokio::test]
    async fn set_then_scope_wide_update() {
        let (db, _d) = testdb::sqlite().await;
        set(
            &db,
            "github",
            "o/a",
            "7",
            ScanStatus::PendingInitialScan,
            None,
        )
        .await
        .unwrap();
        set(&db, "github", "o/b", "7", ScanStatus::Successful, None)
            .await
            .unwrap();
        set(
            &db,
            "github",
            "o/a",
            "7",
            ScanStatus::Timeout,
            Some("checkout took over 300 s"),
        )
        .await
        .unwrap();
        let l = list(&db).await.unwrap();
        assert_eq!(l[0].status, "TIMEOUT");
        set_scope(
            &db,
            "github",
            "7",
            ScanStatus::Uninstalled,
            "installation deleted",
        )
        .await
        .unwrap();
        assert!(
            list(&db)
                .await
                .unwrap()
                .iter()
                .all(|r| r.status == "UNINSTALLED")
        );
    }
}
