//! Which findings already have an inline comment on a change request, so a finding is
//! never commented twice across pushes, and which of those comments were marked fixed.

use sqlx::Row;

use super::{Db, StoreError, now_ms, with_pool};

/// One posted inline comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedComment {
    pub fingerprint: String,
    /// Platform id of the comment (None when the platform did not report it back).
    pub comment_id: Option<String>,
    /// `open` or `fixed`.
    pub state: String,
}

/// Every comment recorded for change request `number`.
pub async fn list(
    db: &Db,
    platform: &str,
    repo: &str,
    number: u64,
) -> Result<Vec<PostedComment>, StoreError> {
    with_pool!(db, p => {
        let rows = sqlx::query(
            "SELECT fingerprint, comment_id, state FROM pr_comments WHERE platform = $1 AND repo = $2 AND number = $3 ORDER BY fingerprint",
        )
        .bind(platform)
        .bind(repo)
        .bind(number as i64)
        .fetch_all(p)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PostedComment {
                    fingerprint: r.try_get("fingerprint")?,
                    comment_id: r.try_get("comment_id")?,
                    state: r.try_get("state")?,
                })
            })
            .collect()
    })
}

/// Records a posted comment; a second record for the same finding is ignored.
pub async fn record(
    db: &Db,
    platform: &str,
    repo: &str,
    number: u64,
    fingerprint: &str,
    comment_id: Option<&str>,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "INSERT INTO pr_comments (platform, repo, number, fingerprint, comment_id, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'open', $6) ON CONFLICT DO NOTHING",
    )
    .bind(platform)
    .bind(repo)
    .bind(number as i64)
    .bind(fingerprint)
    .bind(comment_id)
    .bind(now_ms())
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Marks a comment's finding fixed in `commit`.
pub async fn mark_fixed(
    db: &Db,
    platform: &str,
    repo: &str,
    number: u64,
    fingerprint: &str,
    commit: &str,
) -> Result<(), StoreError> {
    with_pool!(db, p => sqlx::query(
        "UPDATE pr_comments SET state = 'fixed', fixed_in = $1 WHERE platform = $2 AND repo = $3 AND number = $4 AND fingerprint = $5",
    )
    .bind(commit)
    .bind(platform)
    .bind(repo)
    .bind(number as i64)
    .bind(fingerprint)
    .execute(p)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testdb;

    #[tokio::test]
    async fn record_is_idempotent_and_fix_sticks() {
        let (db, _d) = testdb::sqlite().await;
        record(&db, "github", "o/r", 5, "fp1", Some("11"))
            .await
            .unwrap();
        record(&db, "github", "o/r", 5, "fp1", Some("12"))
            .await
            .unwrap();
        mark_fixed(&db, "github", "o/r", 5, "fp1", "abc")
            .await
            .unwrap();
        let all = list(&db, "github", "o/r", 5).await.unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].comment_id.as_deref(), Some("11"));
        assert_eq!(all[0].state, "fixed");
        assert!(list(&db, "github", "o/r", 6).await.unwrap().is_empty());
    }
}
