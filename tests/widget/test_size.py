"""Size budgets of the committed widget build, and that the build is current."""

from __future__ import annotations

import filecmp
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDGET = ROOT / "widget"
BUILD = ROOT / "src" / "copydesk" / "static" / "widget"
LOADER_BUDGET = 2000  # bytes gzipped: what every page view downloads
TOTAL_BUDGET = 6000  # bytes gzipped: what one reader downloads (loader, dialog, a language)
NOTICES_BUDGET = 3000  # bytes gzipped: a page showing notices (loader, notices, a language)
NOTIFY_BUDGET = 7000  # bytes gzipped: a reader who reports on a data-notify="on" page


def files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("*.js"))


def languages() -> list[str]:
    return [n for n in files(BUILD)
            if n not in ("widget.js", "dialog.js", "notices.js")
            and not n.startswith(("notices-", "notify-"))]


def notice_languages() -> list[str]:
    return [n for n in files(BUILD) if n.startswith("notices-")]


def notify_languages() -> list[str]:
    return [n for n in files(BUILD) if n.startswith("notify-")]


def gzipped(name: str) -> int:
    return len(gzip.compress((BUILD / name).read_bytes(), compresslevel=9, mtime=0))


def test_loader_budget() -> None:
    assert gzipped("widget.js") <= LOADER_BUDGET


def test_total_budget() -> None:
    # A reader downloads the loader, the dialog chunk and one language's strings.
    assert {"en.js", "uk.js", "ru.js"} <= set(languages())
    for lang in languages():
        assert gzipped("widget.js") + gzipped("dialog.js") + gzipped(lang) <= TOTAL_BUDGET, lang


def test_notices_budget() -> None:
    # A page showing notices downloads the loader, the notices chunk and its strings.
    assert notice_languages() == [f"notices-{lang}" for lang in languages()]
    for lang in notice_languages():
        assert gzipped("widget.js") + gzipped("notices.js") + gzipped(lang) <= NOTICES_BUDGET, lang


def test_notify_budget() -> None:
    # A reader who reports on a page offering the e-mail field downloads the reporting
    # path and the field's chunk of the same language; the reporting path stays within
    # its own budget without it (test_total_budget).
    assert notify_languages() == [f"notify-{lang}" for lang in languages()]
    for lang in languages():
        path = ["widget.js", "dialog.js", lang, f"notify-{lang}"]
        assert sum(map(gzipped, path)) <= NOTIFY_BUDGET, lang


def test_size_script_counts_the_largest_language() -> None:
    largest = max(languages(), key=gzipped)
    total = gzipped("widget.js") + gzipped("dialog.js") + gzipped(largest)
    result = subprocess.run([sys.executable, str(WIDGET / "size.py")], capture_output=True,
                            text=True, check=False)
    assert f"total (widget.js + dialog.js + {largest})" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("total"))
    assert int(line.split()[-2]) == total
    largest_notices = max(notice_languages(), key=gzipped)
    notices = gzipped("widget.js") + gzipped("notices.js") + gzipped(largest_notices)
    line = next(x for x in result.stdout.splitlines() if x.startswith("notices ("))
    assert f"(widget.js + notices.js + {largest_notices})" in line
    assert int(line.split()[-2]) == notices
    largest_notify = max(notify_languages(), key=gzipped)
    notify = total + gzipped(largest_notify)
    line = next(x for x in result.stdout.splitlines() if x.startswith("notify ("))
    assert f"(widget.js + dialog.js + {largest} + {largest_notify})" in line
    assert int(line.split()[-2]) == notify
    within = total <= TOTAL_BUDGET and notices <= NOTICES_BUDGET and notify <= NOTIFY_BUDGET
    assert result.returncode == (0 if within else 1)


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
    assert files(tmp_path) == files(BUILD)
    stale = [n for n in files(BUILD) if not filecmp.cmp(tmp_path / n, BUILD / n, shallow=False)]
    assert not stale, f"rebuild the widget (cd widget && npm ci && npm run build): {stale}"
