#!/usr/bin/env bash
# Quick start, command 1: set up and run copydesk with a demo site on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh demo
exec .venv/bin/copydesk demo "$@"
