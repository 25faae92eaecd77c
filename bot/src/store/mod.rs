//! The database: SQLite by default, PostgreSQL when the URL says `postgres://`. One schema
//! for both, applied by embedded migrations; the queue, the findings lifecycle, PR comment
//! bookkeeping and repository scan status all live here.

pub mod comments;
pub mod findings;
pub mod status;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// Database failures; the message never carries the connection password.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("database URL {0:?}: expected sqlite://… or postgres://…")]
    Url(String),
    #[error("database schema name {0:?}: only a-z, 0-9 and _ are allowed")]
    Schema(String),
    #[error("database: {0}")]
    Batch(String),
    #[error("stored job {id}: {message}")]
    BadRow { id: i64, message: String },
}

/// A connection pool of either kind; `with_pool!` runs the same query code on both.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool (the query text is shared).
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::store::Db::Sqlite($pool) => $body,
            $crate::store::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Milliseconds since the Unix epoch: every timestamp column uses it.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// One migration: version and SQL with `{ID}` / `{INT}` placeholders filled per dialect.
const MIGRATIONS: &[(i64, &str)] = &[(1, include_str!("migrations/0001_init.sql"))];

impl Db {
    /// Connects and brings the schema up to date; SQLite fsyncs every commit.
    pub async fn connect(url: &str, schema: Option<&str>) -> Result<Db, StoreError> {
        Db::connect_with(url, schema, true).await
    }

    /// Like [`Db::connect`]; `sqlite_full_sync = false` selects SQLite `synchronous=NORMAL`
    /// (WAL): commits survive a process crash but the last ones may be lost on power loss,
    /// in exchange for several times the webhook throughput (BENCHMARKS.md).
    pub async fn connect_with(
        url: &str,
        schema: Option<&str>,
        sqlite_full_sync: bool,
    ) -> Result<Db, StoreError> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?;
            if let Some(s) = schema {
                if s.is_empty()
                    || !s
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    return Err(StoreError::Schema(s.to_string()));
                }
                let one = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(opts.clone())
                    .await?;
                // Concurrent CREATE SCHEMA IF NOT EXISTS can still collide: serialise it.
                let mut tx = one.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(7349250)")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "CREATE SCHEMA IF NOT EXISTS {s}"
                )))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                one.close().await;
            }
            let opts = match schema {
                Some(s) => opts.options([("search_path", s)]),
                None => opts,
            };
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Db::Postgres(pool)
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(if sqlite_full_sync {
                    SqliteSynchronous::Full
                } else {
                    SqliteSynchronous::Normal
                })
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(opts)
                .await?;
            Db::Sqlite(pool)
        } else {
            return Err(StoreError::Url(crate::config::redact_url(url)));
        };
        db.migrate().await?;
        Ok(db)
    }

    /// `sqlite` or `postgres`, for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A cheap round trip, for `/readyz`.
    pub async fn ping(&self) -> Result<(), StoreError> {
        with_pool!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ()))?;
        Ok(())
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let (id, int) = match self {
            Db::Sqlite(_) => ("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER"),
            Db::Postgres(_) => ("BIGSERIAL PRIMARY KEY", "BIGINT"),
        };
        with_pool!(self, p => {
            let mut tx = p.begin().await?;
            if matches!(self, Db::Postgres(_)) {
                // Several processes may start at once against one database.
                sqlx::query("SELECT pg_advisory_xact_lock(7349251)").execute(&mut *tx).await?;
            }
            sqlx::query("CREATE TABLE IF NOT EXISTS vigil_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)")
                .execute(&mut *tx)
                .await?;
            for (version, sql) in MIGRATIONS {
                let done: Option<(i64,)> = sqlx::query_as("SELECT version FROM vigil_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
                if done.is_some() {
                    continue;
                }
                let sql = sql.replace("{ID}", id).replace("{INT}", int);
                for stmt in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                    sqlx::query(sqlx::AssertSqlSafe(stmt.to_string())).execute(&mut *tx).await?;
                }
                sqlx::query("INSERT INTO vigil_migrations (version, applied_at) VALUES ($1, $2)")
                    .bind(*version)
                    .bind(now_ms())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok::<(), StoreError>(())
        })
    }
}

#[cfg(test)]
pub(crate) mod testdb {
    use super::Db;

    /// A fresh SQLite database in a temp dir (kept alive by the returned guard).
    pub async fn sqlite() -> (Db, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        (Db::connect(&url, None).await.unwrap(), dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_are_idempotent() {
        let (db, dir) = testdb::sqlite().await;
        db.ping().await.unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let again = Db::connect(&url, None).await.unwrap();
        assert_eq!(again.kind(), "sqlite");
    }

    #[tokio::test]
    async fn rejects_unknown_urls_and_bad_schemas() {
        assert!(matches!(
            Db::connect("mysql://x", None).await,
            Err(StoreError::Url(_))
        ));
        assert!(matches!(
            Db::connect("postgres://127.0.0.1:1/x", Some("a;drop")).await,
            Err(StoreError::Schema(_))
        ));
    }
}
