#!/usr/bin/env bash
# Static checks, then every test. Called by `./dev test` (which installs first) and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
echo "== ruff"; ruff check .
echo "== ruff format"; ruff format --check .
echo "== mypy"; mypy
echo "== import contracts"; lint-imports
echo "== pytest"
exec python -m pytest -n 2 --dist loadgroup "$@"
