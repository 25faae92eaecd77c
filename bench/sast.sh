#!/usr/bin/env bash
# SAST benchmark: `vigil scan` (SAST analyzer only, built-in packs) vs `semgrep` running the
# SAME rule files (rules/packs/python + rules/packs/javascript: Semgrep-format, validated
# with `semgrep --test`), and `bandit -r` on the Python part. Same tree, same run.
#
#   bench/fetch-corpus.sh                      # once
#   cargo build --release -p vigil
#   python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install semgrep bandit
#   SEMGREP=/tmp/bench-venv/bin/semgrep BANDIT=/tmp/bench-venv/bin/bandit bench/sast.sh
#
# Reports wall time, CPU time (user+sys: steadier than wall on a shared machine), files/s,
# lines/s and peak RSS, and findings per 100k lines.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-bench/work/corpus}
VIGIL=${VIGIL:-target/release/vigil}
SEMGREP=${SEMGREP:-semgrep}
BANDIT=${BANDIT:-bandit}
OUT=bench/work/out; mkdir -p "$OUT"
TREE=bench/work/sast-tree
PY=(Django Flask SQLAlchemy ansible-core requests Jinja2 Werkzeug fastapi paramiko pyyaml boto3)
JS=(express lodash webpack axios mongoose eslint moment rxjs)
if [ ! -d "$TREE" ]; then
  mkdir -p "$TREE/python" "$TREE/javascript"
  for p in "${PY[@]}"; do cp -al "$CORPUS/python/$p" "$TREE/python/"; done
  for p in "${JS[@]}"; do cp -al "$CORPUS/javascript/$p" "$TREE/javascript/"; done
fi
code_files() { find "$1" -type f \( -name '*.py' -o -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' -o -name '*.ts' -o -name '*.tsx' \) "${@:2}"; }
files=$(code_files "$TREE" | wc -l)
lines=$(code_files "$TREE" -print0 | xargs -0 cat | wc -l)
pyfiles=$(code_files "$TREE/python" | wc -l)
pylines=$(code_files "$TREE/python" -print0 | xargs -0 cat | wc -l)
echo "tree: $files code files, $lines lines (Python: $pyfiles files, $pylines lines); $(nproc) cores"

cat > "$OUT/sast-only.yml" <<'YML'
analyzers: { secrets: false, sast: true, sca: false, iac: false }
max-file-size: 1MiB
fail-on: critical
YML

measure() { # name, files, lines, command...
  local name=$1 f=$2 l=$3; shift 3
  local t=/tmp/vigil-bench-$$.time
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/tmp/vigil-bench-$$.stdout 2>/tmp/vigil-bench-$$.stderr || true
  read -r secs user sys kb < <(tail -n1 "$t")
  awk -v n="$name" -v s="$secs" -v u="$user" -v y="$sys" -v kb="$kb" -v f="$f" -v l="$l" 'BEGIN {
    printf "| %s | %.1f s | %.1f s | %.0f files/s | %.0f lines/s | %.0f MB |\n", n, s, u+y, f/s, l/s, kb/1024 }'
}

echo "| tool | wall | CPU | files/s | lines/s | peak RSS |"
echo "|---|---|---|---|---|---|"
measure vigil "$files" "$lines" "$VIGIL" scan "$TREE" --config "$OUT/sast-only.yml" --format json --output "$OUT/vigil-sast.json"
measure "vigil (Python only)" "$pyfiles" "$pylines" "$VIGIL" scan "$TREE/python" --config "$OUT/sast-only.yml" --format json --output "$OUT/vigil-sast-py.json"
measure "bandit (Python only)" "$pyfiles" "$pylines" "$BANDIT" -r -q -f json -o "$OUT/bandit.json" "$TREE/python"
if [ -z "${SKIP_SEMGREP:-}" ]; then
  # Semgrep skips files git does not track and, without a .semgrepignore, tests/ and
  # vendored folders: an empty .semgrepignore and --no-git-ignore make it read the same
  # files vigil reads.
  : > "$TREE/.semgrepignore"
  here=$PWD
  (cd "$TREE" && measure semgrep "$files" "$lines" "$SEMGREP" scan --metrics=off --disable-version-check -j 2 --timeout 30 \
    --no-git-ignore --config "$here/rules/packs/python" --config "$here/rules/packs/javascript" --json --output "$here/$OUT/semgrep.json" .)
fi
python3 - "$OUT" "$lines" "$pylines" <<'PY'
import json, sys, collections, os
out, lines, pylines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
v = json.load(open(f"{out}/vigil-sast.json"))
n = len(v["findings"])
py = json.load(open(f"{out}/vigil-sast-py.json"))
print(f"\nvigil: {n} findings = {n * 1e5 / lines:.1f} per 100k lines; counters: {v['summary']['counters']}")
print("  by rule:", collections.Counter(f["rule_id"] for f in v["findings"]).most_common(15))
if os.path.exists(f"{out}/semgrep.json"):
    s = json.load(open(f"{out}/semgrep.json"))
    print(f"semgrep: {len(s['results'])} findings = {len(s['results']) * 1e5 / lines:.1f} per 100k lines, "
          f"{len(s['paths'].get('scanned', []))} files scanned, {len(s.get('errors', []))} errors")
print(f"vigil (Python only): {len(py['findings'])} findings = {len(py['findings']) * 1e5 / pylines:.1f} per 100k Python lines")
b = json.load(open(f"{out}/bandit.json"))
print(f"bandit: {len(b['results'])} findings = {len(b['results']) * 1e5 / pylines:.1f} per 100k Python lines")
PY
