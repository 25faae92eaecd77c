#!/usr/bin/env bash
# Assembles the benchmark tree from package registries (PyPI sdists, npm tarballs) into
# bench/work/corpus. Re-running reuses what is already there. Versions are pinned so every
# run measures the same bytes.
set -euo pipefail
cd "$(dirname "$0")"
W=work; C=$W/corpus; D=$W/downloads
mkdir -p "$C/python" "$C/javascript" "$D"

PYPI=(Django==5.1.4 Flask==3.1.0 SQLAlchemy==2.0.36 ansible-core==2.18.1 requests==2.32.3
      Jinja2==3.1.5 Werkzeug==3.1.3 pyyaml==6.0.2 paramiko==3.5.0 fastapi==0.115.6
      sympy==1.13.3 boto3==1.35.90 botocore==1.35.90 salt==3007.1)
NPM=(express@4.21.2 lodash@4.17.21 webpack@5.97.1 typescript@5.7.2 react-dom@19.0.0
     axios@1.7.9 moment@2.30.1 three@0.171.0 mongoose@8.9.2 eslint@9.17.0 rxjs@7.8.1)

for spec in "${PYPI[@]}"; do
  name=${spec%%==*}
  [ -d "$C/python/$name" ] && continue
  python3 -m pip download -q --no-deps --no-binary :all: --no-build-isolation "$spec" -d "$D/pypi-$name" 2>/dev/null \
    || python3 -m pip download -q --no-deps "$spec" -d "$D/pypi-$name"
  mkdir -p "$C/python/$name"
  for f in "$D/pypi-$name"/*; do
    case "$f" in
      *.tar.gz) tar -xzf "$f" -C "$C/python/$name" ;;
      *.zip|*.whl) python3 -m zipfile -e "$f" "$C/python/$name" ;;
    esac
  done
done
for spec in "${NPM[@]}"; do
  name=${spec%%@*}
  [ -d "$C/javascript/$name" ] && continue
  (cd "$D" && npm pack -q "$spec" >/dev/null 2>&1)
  mkdir -p "$C/javascript/$name"
  tar -xzf "$D"/"${name}"-*.tgz -C "$C/javascript/$name"
done
echo "corpus: $(find "$C" -type f | wc -l) files, $(du -sh "$C" | cut -f1)"
echo "python lines: $(find "$C/python" -name '*.py' -print0 | xargs -0 cat | wc -l)"
echo "js/ts lines:  $(find "$C/javascript" \( -name '*.js' -o -name '*.ts' -o -name '*.mjs' -o -name '*.cjs' \) -print0 | xargs -0 cat | wc -l)"
echo "all lines:    $(find "$C" -type f -print0 | xargs -0 cat | wc -l)"
