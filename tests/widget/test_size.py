"""Size budgets of the committed widget build, and that the build is current."""

from __future__ import annotations

import filecmp
import gzip
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDGET = ROOT / "widget"
BUILD = ROOT / "src" / "copydesk" / "static" / "widget"
FILES = ("widget.js", "dialog.js")
LOADER_BUDGET = 2000  # bytes gzipped: what every page view downloads
TOTAL_BUDGET = 6000  # bytes gzipped: loader plus the lazily loaded dialog


def gzipped(name: str) -> int:
    return len(gzip.compress((BUILD / name).read_bytes(), compresslevel=9, mtime=0))


def test_loader_budget() -> None:
    assert gzipped("widget.js") <= LOADER_BUDGET


def test_total_budget() -> None:
    assert sum(gzipped(name) for name in FILES) <= TOTAL_BUDGET


def test_build_is_current(tmp_path: Path) -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node and npm are needed to rebuild the widget (CI=true)")
        pytest.skip("node/npm not installed: cannot rebuild the widget to compare")
    if not (WIDGET / "node_modules" / "esbuild").is_dir():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=WIDGET, check=True, timeout=300,
        )
    subprocess.run([node, "build.mjs", str(tmp_path)], cwd=WIDGET, check=True, timeout=120)
    stale = [n for n in FILES if not filecmp.cmp(tmp_path / n, BUILD / n, shallow=False)]
    assert not stale, f"rebuild the widget (cd widget && npm ci && npm run build): {stale}"
