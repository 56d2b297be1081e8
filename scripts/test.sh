#!/usr/bin/env bash
# The test command: lint, then every test (real files, the real CLI, the web UI in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f .venv/bin/activate ] && . .venv/bin/activate
export HF_HUB_OFFLINE=1 STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
ruff check src tests app.py scripts benchmarks
python -m pytest -q -rs "$@"
