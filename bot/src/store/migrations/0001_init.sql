-- Webhook deliveries already accepted: a redelivery with the same id starts nothing.
CREATE TABLE deliveries (
    platform TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    event TEXT NOT NULL,
    received_at {INT} NOT NULL,
    PRIMARY KEY (platform, delivery_id)
);

-- The job queue: state queued -> running -> done | failed | cancelled.
CREATE TABLE jobs (
    id {ID},
    platform TEXT NOT NULL,
    scope TEXT NOT NULL,
    repo TEXT NOT NULL,
    supersede_key TEXT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts {INT} NOT NULL DEFAULT 0,
    max_attempts {INT} NOT NULL,
    run_after {INT} NOT NULL,
    lease_owner TEXT,
    lease_until {INT},
    superseded {INT} NOT NULL DEFAULT 0,
    check_id TEXT,
    last_error TEXT,
    created_at {INT} NOT NULL,
    updated_at {INT} NOT NULL
);
CREATE INDEX jobs_claim ON jobs (state, run_after);
CREATE INDEX jobs_supersede ON jobs (supersede_key, state);

-- Findings lifecycle per repository and branch.
CREATE TABLE findings (
    platform TEXT NOT NULL,
    repo TEXT NOT NULL,
    branch TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    finding_type TEXT NOT NULL,
    path TEXT NOT NULL,
    line {INT} NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    first_seen {INT} NOT NULL,
    last_seen {INT} NOT NULL,
    closed_at {INT},
    closed_in TEXT,
    PRIMARY KEY (platform, repo, branch, fingerprint)
);

-- Inline comments posted on a change request, so no finding is commented twice.
CREATE TABLE pr_comments (
    platform TEXT NOT NULL,
    repo TEXT NOT NULL,
    number {INT} NOT NULL,
    fingerprint TEXT NOT NULL,
    comment_id TEXT,
    state TEXT NOT NULL,
    created_at {INT} NOT NULL,
    fixed_in TEXT,
    PRIMARY KEY (platform, repo, number, fingerprint)
);

-- Scan status per repository (modelled on Amazon Inspector's ScanStatus).
CREATE TABLE repo_status (
    platform TEXT NOT NULL,
    repo TEXT NOT NULL,
    scope TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    updated_at {INT} NOT NULL,
    PRIMARY KEY (platform, repo)
)
