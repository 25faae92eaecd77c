#!/usr/bin/env bash
# SCA benchmark (release build): synthesise 300,000 OSV advisories (the real exports are not
# reachable from the benchmark machine), time `db update --from` on them, then match 10,000
# packages against the result; plus parsing a 50,000-package npm lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${W:-/tmp/vigil-sca-bench}; mkdir -p "$W"
run() { cargo run -q --release -p vigil-sca --example sca_bench -- "$@"; }
run gen "$W/osv.zip" 300000
run import "$W/osv.zip" "$W/data"
run match "$W/data" 10000
