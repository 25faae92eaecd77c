#!/usr/bin/env bash
# Secrets benchmark: `vigil scan` (secrets analyzer only) vs `detect-secrets scan`, same
# tree, same run. Prints a Markdown table row per tool: wall time, files/s, MB/s, peak RSS.
#
#   bench/fetch-corpus.sh                      # once: assemble the tree from PyPI and npm
#   cargo build --release -p vigil
#   python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install detect-secrets
#   DETECT_SECRETS=/tmp/bench-venv/bin/detect-secrets bench/secrets.sh
#
# Both tools see every file: vigil's size limit is raised so it skips only binaries, like
# detect-secrets. vigil runs with one thread per core (2 here); detect-secrets with its
# default multiprocessing.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-bench/work/corpus}
VIGIL=${VIGIL:-target/release/vigil}
DS=${DETECT_SECRETS:-detect-secrets}
OUT=bench/work/out; mkdir -p "$OUT"
[ -d "$CORPUS" ] || { echo "run bench/fetch-corpus.sh first" >&2; exit 2; }

files=$(find "$CORPUS" -type f | wc -l)
bytes=$(du -sb "$CORPUS" | cut -f1)
lines=$(find "$CORPUS" -type f -print0 | xargs -0 cat | wc -l)
echo "tree: $files files, $((bytes / 1048576)) MiB, $lines lines; $(nproc) cores"

cat > "$OUT/secrets-only.yml" <<'YML'
analyzers: { secrets: true, sast: false, sca: false, iac: false }
max-file-size: 1GiB
fail-on: critical
YML

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" || true
  read -r secs kb < <(tail -n1 "$OUT/$name.time")
  awk -v n="$name" -v s="$secs" -v kb="$kb" -v f="$files" -v b="$bytes" -v l="$lines" 'BEGIN {
    printf "| %s | %.2f s | %.0f files/s | %.1f MB/s | %.0f lines/s | %.0f MB |\n", n, s, f/s, b/1e6/s, l/s, kb/1024 }'
}

echo "| tool | wall | files/s | MB/s | lines/s | peak RSS |"
echo "|---|---|---|---|---|---|"
measure vigil "$VIGIL" scan "$CORPUS" --config "$OUT/secrets-only.yml" --format json --output "$OUT/vigil.json"
measure detect-secrets "$DS" scan --all-files "$CORPUS"
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
v = json.load(open(f"{out}/vigil.json"))
ds = json.load(open(f"{out}/detect-secrets.stdout"))
n_ds = sum(len(x) for x in ds["results"].values())
print(f"\nvigil: {len(v['findings'])} findings in {v['summary']['files_scanned']} files; "
      f"detect-secrets: {n_ds} findings in {len(ds['results'])} files")
PY
