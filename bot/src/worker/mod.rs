//! Workers: claim a job, fetch the code, run `vigil_core::scan` with the registry's
//! analyzers, sort findings into new / pre-existing / fixed against the base, record the
//! lifecycle, and report through the job's platform. Nothing here names a platform.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use vigil_core::{Finding, RepoConfig, ScanOptions, ScanReport, Status};

use crate::checkout::{self, CheckoutError, Want};
use crate::config::Limits;
use crate::metrics::Metrics;
use crate::platform::{
    ChangedLines, CheckReport, Conclusion, InlineComment, Platform, PlatformError, Platforms,
    RepoCtx,
};
use crate::queue::{AfterFailure, Claimed, Queue, Target};
use crate::report::{self, Classified};
use crate::store::status::ScanStatus;
use crate::store::{StoreError, comments, findings, status};

/// Shared state of the workers of one process.
pub struct WorkerCtx {
    pub queue: Queue,
    pub platforms: Platforms,
    pub limits: Limits,
    pub metrics: Arc<Metrics>,
    /// Webhooks notify this so idle workers start at once.
    pub wake: Arc<Notify>,
    /// Workers currently running their loop (for `/readyz`).
    pub alive: Arc<AtomicUsize>,
    pub poll: Duration,
    pub lease: Duration,
    /// Threads per scan (0 = one per CPU).
    pub scan_threads: usize,
}

/// Why a job did not complete normally.
#[derive(Debug, thiserror::Error)]
enum JobError {
    #[error(transparent)]
    Platform(#[from] PlatformError),
    #[error(transparent)]
    Checkout(#[from] CheckoutError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Config(String),
    #[error("scan failed: {0}")]
    Scan(String),
    #[error("no platform {0:?} is configured")]
    NoPlatform(String),
    #[error("superseded by a newer event")]
    Superseded,
    #[error("{0}")]
    NotAllowed(String),
}

impl JobError {
    /// Status recorded for the repository when the job ends with this error.
    fn status(&self) -> ScanStatus {
        match self {
            JobError::Platform(PlatformError::Denied(_))
            | JobError::Checkout(CheckoutError::AccessDenied(_)) => ScanStatus::AccessDenied,
            JobError::Checkout(CheckoutError::CloneFailed(_)) => ScanStatus::CloneFailed,
            JobError::Checkout(CheckoutError::SizeLimit(_)) => ScanStatus::SizeLimitExceeded,
            JobError::Checkout(CheckoutError::Timeout(_)) => ScanStatus::Timeout,
            JobError::Config(_) => ScanStatus::ExcludedByConfig,
            _ => ScanStatus::InternalError,
        }
    }

    /// Transient errors go back to the queue.
    fn retry_after(&self) -> Option<Option<Duration>> {
        match self {
            JobError::Platform(PlatformError::Transient { retry_after, .. }) => Some(*retry_after),
            JobError::Checkout(CheckoutError::CloneFailed(_) | CheckoutError::Io(_)) => Some(None),
            JobError::Store(_) => Some(None),
            _ => None,
        }
    }
}

/// The check created for a job, so failures can still complete it.
#[derive(Default)]
struct Progress {
    check: Option<(String, String)>,
}

/// Starts `n` workers; they stop when `shutdown` turns true.
pub fn spawn_workers(
    ctx: Arc<WorkerCtx>,
    n: usize,
    shutdown: watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    (0..n)
        .map(|i| {
            let ctx = ctx.clone();
            let shutdown = shutdown.clone();
            tokio::spawn(async move { worker_loop(ctx, i, shutdown).await })
        })
        .collect()
}

async fn worker_loop(ctx: Arc<WorkerCtx>, idx: usize, mut shutdown: watch::Receiver<bool>) {
    let owner = format!(
        "pid{}-w{idx}-{:x}",
        std::process::id(),
        crate::store::now_ms()
    );
    ctx.alive.fetch_add(1, Ordering::SeqCst);
    tracing::info!(worker = %owner, "worker started");
    loop {
        if *shutdown.borrow() {
            break;
        }
        match ctx.queue.claim(&owner).await {
            Ok(Some(job)) => run_job(&ctx, job, &owner).await,
            Ok(None) => {
                tokio::select! {
                    _ = ctx.wake.notified() => {}
                    _ = tokio::time::sleep(ctx.poll) => {}
                    _ = shutdown.changed() => {}
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "claiming a job failed");
                tokio::time::sleep(ctx.poll).await;
            }
        }
    }
    ctx.alive.fetch_sub(1, Ordering::SeqCst);
}

/// Runs one claimed job to a final (or retry) state, keeping its lease alive meanwhile.
async fn run_job(ctx: &WorkerCtx, job: Claimed, owner: &str) {
    let started = Instant::now();
    tracing::info!(job = job.id, repo = %job.spec.repo, attempt = job.attempts, "job started");
    let hb = {
        let q = ctx.queue.clone();
        let owner = owner.to_string();
        let every = (ctx.lease / 3).max(Duration::from_millis(200));
        let id = job.id;
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                match q.heartbeat(id, &owner).await {
                    Ok(true) => {}
                    Ok(false) => {
                        tracing::warn!(job = id, "lease lost");
                        break;
                    }
                    Err(e) => tracing::warn!(job = id, error = %e, "heartbeat failed"),
                }
            }
        })
    };
    let mut progress = Progress::default();
    let timeout = Duration::from_secs(ctx.limits.scan_timeout_secs.max(1));
    let result = match tokio::time::timeout(timeout, process(ctx, &job, &mut progress)).await {
        Ok(r) => r,
        Err(_) => Err(JobError::Checkout(CheckoutError::Timeout(
            ctx.limits.scan_timeout_secs,
        ))),
    };
    hb.abort();
    let outcome = finish(ctx, &job, owner, result, &progress).await;
    ctx.metrics.add(
        "vigil_scan_duration_seconds_sum",
        &[],
        started.elapsed().as_secs_f64(),
    );
    ctx.metrics.inc("vigil_scan_duration_seconds_count", &[]);
    ctx.metrics
        .inc("vigil_jobs_finished_total", &[("outcome", outcome)]);
    tracing::info!(
        job = job.id,
        outcome,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "job finished"
    );
}

/// Records the job's end state; returns the outcome label.
async fn finish(
    ctx: &WorkerCtx,
    job: &Claimed,
    owner: &str,
    result: Result<(), JobError>,
    progress: &Progress,
) -> &'static str {
    let spec = &job.spec;
    let err = match result {
        Ok(()) => {
            if let Err(e) = ctx.queue.complete(job.id, owner).await {
                tracing::error!(job = job.id, error = %e, "could not mark job done");
            }
            return "done";
        }
        Err(e) => e,
    };
    let platform = ctx.platforms.get(&spec.platform);
    let repo_ctx = RepoCtx {
        scope: spec.scope.clone(),
        repo: spec.repo.clone(),
    };
    let close_check = |conclusion: Conclusion, title: String, summary: String| {
        let platform = platform.clone();
        let repo_ctx = repo_ctx.clone();
        async move {
            if let (Some(p), Some((sha, id))) = (platform, &progress.check) {
                let report = CheckReport {
                    conclusion,
                    title,
                    summary,
                    annotations: Vec::new(),
                };
                if let Err(e) = p.finish_check(&repo_ctx, sha, id, &report).await {
                    tracing::warn!(error = %e, "could not complete the check");
                }
            }
        }
    };
    if matches!(err, JobError::Superseded) {
        close_check(
            Conclusion::Cancelled,
            "Superseded".into(),
            "A newer push replaced this scan.".into(),
        )
        .await;
        let _ = ctx
            .queue
            .cancel(job.id, owner, "superseded by a newer event")
            .await;
        return "superseded";
    }
    if let JobError::NotAllowed(reason) = &err {
        tracing::info!(job = job.id, reason = %reason, "request refused");
        let _ = ctx.queue.complete(job.id, owner).await;
        return "refused";
    }
    let reason = err.to_string();
    if let Some(retry_after) = err.retry_after() {
        match ctx
            .queue
            .retry_or_fail(job, owner, &reason, retry_after)
            .await
        {
            Ok(AfterFailure::Retrying(ms)) => {
                tracing::warn!(job = job.id, error = %reason, retry_in_ms = ms, "job will be retried");
                return "retrying";
            }
            Ok(AfterFailure::Failed) => {}
            Err(e) => {
                tracing::error!(job = job.id, error = %e, "could not requeue job");
                return "error";
            }
        }
    } else {
        let _ = ctx.queue.fail(job.id, owner, &reason).await;
    }
    tracing::warn!(job = job.id, error = %reason, "job failed");
    let st = err.status();
    let _ = status::set(
        ctx.queue.db(),
        &spec.platform,
        &spec.repo,
        &spec.scope,
        st,
        Some(&reason),
    )
    .await;
    close_check(
        Conclusion::Neutral,
        format!("Scan could not run: {}", st.as_str()),
        format!("vigil could not complete this scan: {reason}"),
    )
    .await;
    "failed"
}

/// The head scan (with its config) and, for change requests, the base scan.
struct Scanned {
    config: RepoConfig,
    head: ScanReport,
    base: Option<ScanReport>,
}

/// Scans `head` and optionally `base` on a blocking thread. Both use the head's
/// `.vigil.yml` and the analyzers built from the head's tree (its rule folders), so the
/// two sides are judged by the same rules.
async fn scan_trees(
    head: PathBuf,
    base: Option<PathBuf>,
    threads: usize,
) -> Result<Scanned, JobError> {
    tokio::task::spawn_blocking(move || {
        let config = RepoConfig::load(&head)
            .map_err(|e| JobError::Config(strip_tmp(&e.to_string(), &head)))?;
        let analyzers = crate::registry::analyzers(&head, &config)
            .map_err(|e| JobError::Config(strip_tmp(&e.to_string(), &head)))?;
        let opts = ScanOptions {
            threads,
            progress: None,
        };
        let head_report = vigil_core::scan(&head, &config, &analyzers, &opts)
            .map_err(|e| JobError::Scan(strip_tmp(&e.to_string(), &head)))?;
        let base_report = match base {
            Some(b) => Some(
                vigil_core::scan(&b, &config, &analyzers, &opts)
                    .map_err(|e| JobError::Scan(strip_tmp(&e.to_string(), &b)))?,
            ),
            None => None,
        };
        Ok(Scanned {
            config,
            head: head_report,
            base: base_report,
        })
    })
    .await
    .map_err(|e| JobError::Scan(format!("scan task ended abnormally: {e}")))?
}

/// Error texts name files relative to the repository, not the temporary directory.
fn strip_tmp(msg: &str, dir: &Path) -> String {
    let d = dir.display().to_string();
    msg.replace(&format!("{d}/"), "").replace(&d, ".")
}

fn is_active(f: &Finding) -> bool {
    f.status == Status::Active
}

async fn process(ctx: &WorkerCtx, job: &Claimed, progress: &mut Progress) -> Result<(), JobError> {
    let spec = &job.spec;
    let platform = ctx
        .platforms
        .get(&spec.platform)
        .ok_or_else(|| JobError::NoPlatform(spec.platform.clone()))?;
    let repo = RepoCtx {
        scope: spec.scope.clone(),
        repo: spec.repo.clone(),
    };
    let db = ctx.queue.db();
    status::set(
        db,
        &spec.platform,
        &spec.repo,
        &spec.scope,
        ScanStatus::InProgress,
        None,
    )
    .await?;
    match &spec.target {
        Target::RescanRequest {
            number,
            requested_by,
        } => {
            if !platform.can_request_rescan(&repo, requested_by).await? {
                return Err(JobError::NotAllowed(format!(
                    "{requested_by} may not request a rescan of {}",
                    spec.repo
                )));
            }
            let cr = platform.change_request(&repo, *number).await?;
            let target = Target::ChangeRequest {
                number: cr.number,
                head_sha: cr.head_sha,
                head_ref: cr.head_ref,
                base_sha: cr.base_sha,
                base_ref: cr.base_ref,
            };
            change_request(ctx, job, platform.as_ref(), &repo, &target, progress).await
        }
        // The event did not name the base commit (GitLab's merge request hook carries
        // none): the platform knows it.
        Target::ChangeRequest {
            number,
            head_sha,
            base_sha,
            ..
        } if base_sha.is_empty() => {
            let cr = platform.change_request(&repo, *number).await?;
            let target = Target::ChangeRequest {
                number: cr.number,
                head_sha: if head_sha.is_empty() {
                    cr.head_sha
                } else {
                    head_sha.clone()
                },
                head_ref: cr.head_ref,
                base_sha: cr.base_sha,
                base_ref: cr.base_ref,
            };
            change_request(ctx, job, platform.as_ref(), &repo, &target, progress).await
        }
        Target::ChangeRequest { .. } => {
            change_request(ctx, job, platform.as_ref(), &repo, &spec.target, progress).await
        }
        Target::Branch { branch, sha } => {
            branch_scan(
                ctx,
                job,
                platform.as_ref(),
                &repo,
                branch,
                sha.as_deref(),
                progress,
            )
            .await
        }
    }
}

async fn start_check(
    ctx: &WorkerCtx,
    job: &Claimed,
    platform: &dyn Platform,
    repo: &RepoCtx,
    sha: &str,
    progress: &mut Progress,
) -> Result<String, JobError> {
    let id = match &job.check_id {
        Some(id) => id.clone(),
        None => {
            let id = platform.start_check(repo, sha).await?;
            ctx.queue.set_check_id(job.id, &id).await?;
            id
        }
    };
    progress.check = Some((sha.to_string(), id.clone()));
    Ok(id)
}

async fn fetch(
    ctx: &WorkerCtx,
    platform: &dyn Platform,
    repo: &RepoCtx,
    url: &str,
    wants: Vec<Want>,
) -> Result<checkout::Checkout, JobError> {
    let auth = platform.fetch_auth(repo).await?;
    let limits = ctx.limits.clone();
    let url = url.to_string();
    tokio::task::spawn_blocking(move || checkout::checkout(&url, auth.as_ref(), &wants, &limits))
        .await
        .map_err(|e| JobError::Scan(format!("checkout task ended abnormally: {e}")))?
        .map_err(JobError::from)
}

fn count_findings(metrics: &Metrics, fs: &[&Finding]) {
    for f in fs {
        metrics.inc("vigil_findings_total", &[("severity", f.severity.as_str())]);
    }
}

fn notes(report: &ScanReport) -> Vec<String> {
    let mut n = Vec::new();
    if report.summary.files_scanned == 0 {
        n.push("No files were scanned (nothing supported in this commit).".to_string());
    }
    if !report.summary.diagnostics.is_empty() {
        n.push(format!(
            "{} file(s) could not be analysed; see the check run for details.",
            report.summary.diagnostics.len()
        ));
    }
    n
}

async fn change_request(
    ctx: &WorkerCtx,
    job: &Claimed,
    platform: &dyn Platform,
    repo: &RepoCtx,
    target: &Target,
    progress: &mut Progress,
) -> Result<(), JobError> {
    let Target::ChangeRequest {
        number,
        head_sha,
        head_ref,
        base_sha,
        base_ref,
    } = target
    else {
        return Err(JobError::Scan("not a change request".into()));
    };
    let spec = &job.spec;
    let number = *number;
    start_check(ctx, job, platform, repo, head_sha, progress).await?;
    // The diff first: the base side only needs the files the change request touches
    // (a finding in an untouched file is the same on both sides).
    let changed = platform.changed_lines(repo, number).await?;
    let base_paths = (changed.files() < ChangedLines::LISTING_CAP).then(|| changed.paths());
    let wants = vec![
        Want {
            name: "head",
            sources: vec![
                head_sha.clone(),
                format!("refs/pull/{number}/head"),
                format!("refs/heads/{head_ref}"),
            ],
            paths: None,
        },
        Want {
            name: "base",
            sources: vec![base_sha.clone(), format!("refs/heads/{base_ref}")],
            paths: base_paths.clone(),
        },
    ];
    let co = fetch(ctx, platform, repo, &spec.clone_url, wants).await?;
    let (head_dir, base_dir) = match (co.tree("head"), co.tree("base")) {
        (Some(h), Some(b)) => (h.dir.clone(), b.dir.clone()),
        _ => return Err(JobError::Scan("checkout lacks head or base".into())),
    };
    let scanned = scan_trees(head_dir, Some(base_dir), ctx.scan_threads).await?;
    drop(co);
    let config = scanned.config;
    let head_report = scanned.head;
    let base_findings = scanned.base.map(|b| b.findings).unwrap_or_default();
    let in_diff = |path: &str| {
        base_paths
            .as_ref()
            .is_none_or(|p| p.iter().any(|x| x == path))
    };

    let head_active: HashSet<&str> = head_report
        .findings
        .iter()
        .filter(|f| is_active(f))
        .map(|f| f.fingerprint.as_str())
        .collect();
    let base_active: HashSet<&str> = base_findings
        .iter()
        .filter(|f| is_active(f))
        .map(|f| f.fingerprint.as_str())
        .collect();
    let mut c = Classified::default();
    for f in &head_report.findings {
        if !is_active(f) {
            c.suppressed += 1;
        } else if !in_diff(&f.location.path) || base_active.contains(f.fingerprint.as_str()) {
            // Untouched files are identical on both sides.
            c.existing.push(f);
        } else {
            c.new.push(f);
        }
    }
    c.fixed = base_findings
        .iter()
        .filter(|f| is_active(f) && !head_active.contains(f.fingerprint.as_str()))
        .collect();

    if ctx.queue.is_superseded(job.id).await? {
        return Err(JobError::Superseded);
    }
    let db = ctx.queue.db();
    findings::record_scan(
        db,
        &spec.platform,
        &spec.repo,
        head_ref,
        head_sha,
        &head_report.findings,
    )
    .await?;

    // Inline comments: new findings on changed lines, never twice for one finding.
    let posted = comments::list(db, &spec.platform, &spec.repo, number).await?;
    let already: HashSet<&str> = posted.iter().map(|p| p.fingerprint.as_str()).collect();
    let inline: Vec<InlineComment> = c
        .new
        .iter()
        .filter(|f| {
            changed.contains(&f.location.path, f.location.start_line)
                && !already.contains(f.fingerprint.as_str())
        })
        .map(|f| InlineComment {
            fingerprint: f.fingerprint.clone(),
            path: f.location.path.clone(),
            line: f.location.start_line,
            body: report::inline_body(f),
        })
        .collect();
    if !inline.is_empty() {
        let posted = platform
            .post_inline_comments(
                repo,
                number,
                head_sha,
                &report::review_body(inline.len()),
                &inline,
            )
            .await;
        let done = match posted {
            Ok(d) => d,
            // The platform refused the review (a line it no longer counts as part of the
            // diff, say): the findings still reach the check and the summary.
            Err(PlatformError::Invalid(e)) => {
                tracing::warn!(job = job.id, error = %e, "inline comments rejected; reporting in the check and summary only");
                Vec::new()
            }
            Err(e) => return Err(e.into()),
        };
        for p in &done {
            comments::record(
                db,
                &spec.platform,
                &spec.repo,
                number,
                &p.fingerprint,
                p.comment_id.as_deref(),
            )
            .await?;
        }
    }
    // Comments whose finding is gone: say so.
    let short = &head_sha[..head_sha.len().min(12)];
    for p in posted
        .iter()
        .filter(|p| p.state == "open" && !head_active.contains(p.fingerprint.as_str()))
    {
        if let Some(id) = &p.comment_id {
            platform.mark_comment_fixed(repo, number, id, short).await?;
        }
        comments::mark_fixed(
            db,
            &spec.platform,
            &spec.repo,
            number,
            &p.fingerprint,
            head_sha,
        )
        .await?;
    }

    let fail_on = config.fail_on;
    let link = |path: &str, line: u32| platform.file_url(&spec.clone_url, head_sha, path, line);
    let summary = report::summary(&c, head_sha, fail_on, &notes(&head_report), &link);
    let open: Vec<&Finding> = c.new.iter().chain(&c.existing).copied().collect();
    count_findings(&ctx.metrics, &open);
    let check = CheckReport {
        conclusion: report::conclusion(&c, fail_on),
        title: report::title(&c),
        summary: summary.clone(),
        annotations: report::annotations(&open),
    };
    // The summary comment first: a completed check means everything is reported.
    platform
        .upsert_summary(
            repo,
            number,
            report::SUMMARY_MARKER,
            &report::summary_comment(&summary),
        )
        .await?;
    if let Some((sha, id)) = &progress.check {
        platform.finish_check(repo, sha, id, &check).await?;
    }
    let st = if head_report.summary.files_scanned == 0 {
        ScanStatus::NoSupportedFiles
    } else {
        ScanStatus::Successful
    };
    status::set(db, &spec.platform, &spec.repo, &spec.scope, st, None).await?;
    Ok(())
}

async fn branch_scan(
    ctx: &WorkerCtx,
    job: &Claimed,
    platform: &dyn Platform,
    repo: &RepoCtx,
    branch: &str,
    sha: Option<&str>,
    progress: &mut Progress,
) -> Result<(), JobError> {
    let spec = &job.spec;
    if let Some(sha) = sha {
        start_check(ctx, job, platform, repo, sha, progress).await?;
    }
    let mut sources: Vec<String> = sha.map(str::to_string).into_iter().collect();
    sources.push(if branch.is_empty() {
        "HEAD".into()
    } else {
        format!("refs/heads/{branch}")
    });
    let co = fetch(
        ctx,
        platform,
        repo,
        &spec.clone_url,
        vec![Want {
            name: "head",
            sources,
            paths: None,
        }],
    )
    .await?;
    let tree = co
        .tree("head")
        .ok_or_else(|| JobError::Scan("checkout lacks head".into()))?
        .clone();
    let branch = if branch.is_empty() {
        tree.default_branch
            .clone()
            .or_else(|| spec.default_branch.clone())
            .unwrap_or_else(|| "HEAD".into())
    } else {
        branch.to_string()
    };
    if progress.check.is_none() {
        start_check(ctx, job, platform, repo, &tree.sha, progress).await?;
    }
    let scanned = scan_trees(tree.dir.clone(), None, ctx.scan_threads).await?;
    let config = scanned.config;
    let head_report = scanned.head;
    drop(co);
    if ctx.queue.is_superseded(job.id).await? {
        return Err(JobError::Superseded);
    }
    let db = ctx.queue.db();
    let life = findings::record_scan(
        db,
        &spec.platform,
        &spec.repo,
        &branch,
        &tree.sha,
        &head_report.findings,
    )
    .await?;
    let opened: HashSet<&str> = life.opened.iter().map(String::as_str).collect();
    let mut c = Classified::default();
    for f in &head_report.findings {
        if !is_active(f) {
            c.suppressed += 1;
        } else if opened.contains(f.fingerprint.as_str()) {
            c.new.push(f);
        } else {
            c.existing.push(f);
        }
    }
    let fail_on = config.fail_on;
    let link = |path: &str, line: u32| platform.file_url(&spec.clone_url, &tree.sha, path, line);
    let mut summary = report::summary(&c, &tree.sha, fail_on, &notes(&head_report), &link);
    if !life.closed.is_empty() {
        summary.push_str(&format!(
            "\n{} finding(s) closed since the last scan of `{branch}`.\n",
            life.closed.len()
        ));
    }
    let open: Vec<&Finding> = c.new.iter().chain(&c.existing).copied().collect();
    count_findings(&ctx.metrics, &open);
    // A branch state fails on any active finding at the threshold, not only new ones.
    let conclusion = if open.iter().any(|f| f.severity >= fail_on) {
        Conclusion::Failure
    } else {
        Conclusion::Success
    };
    let check = CheckReport {
        conclusion,
        title: format!("{} open finding(s) on {branch}", open.len()),
        summary,
        annotations: report::annotations(&open),
    };
    if let Some((sha, id)) = &progress.check {
        platform.finish_check(repo, sha, id, &check).await?;
    }
    let st = if head_report.summary.files_scanned == 0 {
        ScanStatus::NoSupportedFiles
    } else {
        ScanStatus::Successful
    };
    status::set(db, &spec.platform, &spec.repo, &spec.scope, st, None).await?;
    Ok(())
}
