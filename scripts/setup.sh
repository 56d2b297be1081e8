#!/usr/bin/env bash
# Sets up a fresh machine: system packages for browser/LibreOffice tests (Debian), a virtual
# environment, and clausecheck with its test extras. Idempotent; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]} (browser and LibreOffice tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi
# axe-core for the browser accessibility audit (tests/test_webui.py), fetched once from npm while
# the registry is reachable; the tests run offline from this copy.
AXE_VERSION=4.10.3
if [ ! -f .cache/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    tmp=$(mktemp -d)
    if (cd "$tmp" && npm pack --silent "axe-core@${AXE_VERSION}" >/dev/null 2>&1 && tar xzf "axe-core-${AXE_VERSION}.tgz"); then
      mkdir -p .cache/axe-core && cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" .cache/axe-core/
    else
      echo "setup: could not fetch axe-core from npm; the accessibility audit test will be skipped" >&2
    fi
    rm -rf "$tmp"
  else
    echo "setup: npm not found; the accessibility audit test (axe-core) will be skipped" >&2
  fi
fi
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test]"
# Build the reader's run-time model (ONNX, int8) into the user cache now, so the first check is warm.
# Skipped (with a note) while no trained adapter is committed.
if [ -f models/reader-adapter.npz ]; then
  clausecheck model build --quiet || echo "setup: the reader model could not be built (see above)" >&2
fi
