//! Assembles a running service from the config: database, queue, platforms, workers and
//! (for `serve`) the HTTP server. Shared by `vigil serve` and `vigil worker`.

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use crate::config::ServerConfig;
use crate::metrics::Metrics;
use crate::platform::Platforms;
use crate::platform::github::GithubPlatform;
use crate::platform::gitlab::GitlabPlatform;
use crate::queue::Queue;
use crate::server::{AppState, GithubHook, GitlabHook, router};
use crate::worker::{WorkerCtx, spawn_workers};

/// Errors starting the service.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Github(#[from] crate::platform::github::GithubSetupError),
    #[error(transparent)]
    Gitlab(#[from] crate::platform::gitlab::GitlabSetupError),
    #[error("cannot listen on {addr}: {error}")]
    Bind { addr: String, error: std::io::Error },
    #[error("server: {0}")]
    Serve(std::io::Error),
}

struct Parts {
    queue: Queue,
    metrics: Arc<Metrics>,
    wake: Arc<Notify>,
    alive: Arc<AtomicUsize>,
    ctx: Arc<WorkerCtx>,
    gitlab: Option<Arc<GitlabPlatform>>,
}

async fn parts(cfg: &ServerConfig) -> Result<Parts, AppError> {
    let db = crate::store::Db::connect_with(
        &cfg.database_url,
        cfg.database_schema.as_deref(),
        cfg.sqlite_sync == "full",
    )
    .await?;
    tracing::info!(database = db.kind(), "database ready");
    let queue = Queue::new(db, cfg.queue.clone());
    let metrics = Arc::new(Metrics::default());
    let mut platforms = Platforms::default();
    if let Some(gh) = &cfg.github {
        let max_wait = Duration::from_secs(cfg.limits.max_rate_limit_wait_secs);
        platforms.insert(Arc::new(GithubPlatform::new(
            gh,
            metrics.clone(),
            max_wait,
        )?));
    }
    let gitlab = if cfg.gitlab.is_empty() {
        None
    } else {
        let max_wait = Duration::from_secs(cfg.limits.max_rate_limit_wait_secs);
        let p = Arc::new(GitlabPlatform::new(&cfg.gitlab, metrics.clone(), max_wait)?);
        platforms.insert(p.clone());
        Some(p)
    };
    let wake = Arc::new(Notify::new());
    {
        let db = queue.db().clone();
        let wake = wake.clone();
        tokio::spawn(async move { crate::queue::listen_for_jobs(&db, wake).await });
    }
    let alive = Arc::new(AtomicUsize::new(0));
    let ctx = Arc::new(WorkerCtx {
        queue: queue.clone(),
        platforms,
        limits: cfg.limits.clone(),
        metrics: metrics.clone(),
        wake: wake.clone(),
        alive: alive.clone(),
        poll: Duration::from_millis(cfg.queue.poll_ms.max(10)),
        lease: Duration::from_secs(cfg.queue.lease_secs.max(1)),
        scan_threads: 0,
    });
    Ok(Parts {
        queue,
        metrics,
        wake,
        alive,
        ctx,
        gitlab,
    })
}

/// Resolves when SIGINT or SIGTERM arrives.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// `vigil serve`: HTTP server plus `cfg.workers` workers until a signal arrives.
pub async fn serve(cfg: ServerConfig) -> Result<(), AppError> {
    let p = parts(&cfg).await?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let workers = spawn_workers(p.ctx.clone(), cfg.workers, stop_rx);
    let state = Arc::new(AppState {
        queue: p.queue.clone(),
        metrics: p.metrics.clone(),
        wake: p.wake.clone(),
        alive: p.alive.clone(),
        expected_workers: cfg.workers,
        github: cfg.github.as_ref().map(|g| GithubHook {
            secret: g.webhook_secret.as_bytes().to_vec(),
            web_base: g.web_base(),
        }),
        gitlab: (!cfg.gitlab.is_empty()).then(|| GitlabHook {
            entries: cfg
                .gitlab
                .iter()
                .map(|g| (g.name.clone(), g.webhook_secret.as_bytes().to_vec()))
                .collect(),
            platform: p.gitlab.clone(),
        }),
    });
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .map_err(|error| AppError::Bind {
            addr: cfg.listen.clone(),
            error,
        })?;
    let addr = listener.local_addr().map_err(AppError::Serve)?;
    // Tests and scripts read this line to learn the port when listening on :0.
    println!("vigil: listening on {addr}");
    tracing::info!(%addr, workers = cfg.workers, "serving");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(AppError::Serve)?;
    let _ = stop_tx.send(true);
    for w in workers {
        let _ = w.await;
    }
    Ok(())
}

/// `vigil worker`: workers only (several processes can share one PostgreSQL database).
pub async fn worker(cfg: ServerConfig) -> Result<(), AppError> {
    let p = parts(&cfg).await?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let workers = spawn_workers(p.ctx.clone(), cfg.workers.max(1), stop_rx);
    println!("vigil: {} workers running", cfg.workers.max(1));
    shutdown_signal().await;
    let _ = stop_tx.send(true);
    for w in workers {
        let _ = w.await;
    }
    Ok(())
}

/// `vigil status`: every repository's scan status.
pub async fn status(cfg: ServerConfig) -> Result<Vec<crate::store::status::RepoStatus>, AppError> {
    let db = crate::store::Db::connect(&cfg.database_url, cfg.database_schema.as_deref()).await?;
    Ok(crate::store::status::list(&db).await?)
}
