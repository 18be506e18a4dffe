#!/usr/bin/env bash
# Quick start, command 2: set up and run the whole test suite (lint, types, tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/pytest "$@"
