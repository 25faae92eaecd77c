#!/usr/bin/env bash
# Webhook acknowledgement latency and throughput of `vigil serve` under sustained signed
# load on loopback (issue 6, BENCHMARKS.md). Every delivery is stored durably (SQLite WAL
# with synchronous=FULL, or PostgreSQL) before the 202. Workers are off so only the
# acknowledgement path is measured.
#
#   [PROFILE=release] bot/bench/webhook-load.sh [sqlite|postgres] [CONNECTIONS] [SECONDS] [RATE]
#   postgres needs VIGIL_BENCH_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test)
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-sqlite}; CONNS=${2:-100}; SECS=${3:-10}; RATE=${4:-500}
PROFILE=${PROFILE:-debug}
if [ "$PROFILE" = release ]; then flag=--release; else flag=; fi
cargo build -q $flag -p vigil --bin vigil --example webhook_load
BIN=${CARGO_TARGET_DIR:-target}/$PROFILE
tmp=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
openssl genrsa -traditional -out "$tmp/key.pem" 2048 2>/dev/null
export VIGIL_GITHUB_APP_ID=1 VIGIL_GITHUB_PRIVATE_KEY_PATH="$tmp/key.pem" \
       VIGIL_GITHUB_WEBHOOK_SECRET=bench-secret VIGIL_WORKERS=0 VIGIL_LISTEN=127.0.0.1:0 VIGIL_LOG=warn
if [ "$DB" = postgres ]; then
  export DATABASE_URL=${VIGIL_BENCH_POSTGRES_URL:?set VIGIL_BENCH_POSTGRES_URL}
  export VIGIL_DATABASE_SCHEMA="vigil_bench_$$"
else
  export DATABASE_URL="sqlite://$tmp/vigil.db"
fi
"$BIN/vigil" serve > "$tmp/out" 2> "$tmp/err" & pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/out" 2>/dev/null && break; sleep 0.1; done
addr=$(sed -n 's/^vigil: listening on //p' "$tmp/out")
echo "db=$DB $("$BIN/examples/webhook_load" "$addr" bench-secret "$CONNS" "$SECS" "$RATE")"
if [ "$DB" = postgres ] && command -v psql >/dev/null; then
  psql "$DATABASE_URL" -qc "DROP SCHEMA IF EXISTS $VIGIL_DATABASE_SCHEMA CASCADE" >/dev/null 2>&1 || true
fi
