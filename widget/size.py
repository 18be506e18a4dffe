#!/usr/bin/env python3
"""Print the raw, gzip and brotli sizes of the built widget, and check the budgets.

    python3 widget/size.py [BUILD_DIR]

"total" is everything one reader who reports downloads: the loader, the dialog chunk
and one language's strings -- the largest language chunk, so the budget holds for every
reader.  "notices" is what a page showing correction notices downloads: the loader,
notices.js and the largest notices-<lang>.js.  "notify" is what one reader who reports
on a page offering "Tell me when this is fixed" (data-notify="on") downloads: "total"
and the largest notify-<lang>.js.

gzip is level 9 (Python's gzip module); brotli is quality 11, from the `brotli`
module when installed, else from Node's zlib, else shown as "-".  Exits 1 when a
budget is exceeded.  tests/widget/test_size.py checks the same budgets.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent.parent / "src" / "copydesk" / "static" / "widget"
LOADER = "widget.js"
CHUNK = "dialog.js"
NOTICES = "notices.js"
LOADER_BUDGET_GZIP = 2000
TOTAL_BUDGET_GZIP = 6000
NOTICES_BUDGET_GZIP = 3000
NOTIFY_BUDGET_GZIP = 7000

_NODE_BROTLI = (
    "const z=require('zlib'),fs=require('fs');"
    "const out={};for(const f of process.argv.slice(1))"
    "out[f]=z.brotliCompressSync(fs.readFileSync(f),{params:{"
    "[z.constants.BROTLI_PARAM_QUALITY]:11}}).length;"
    "console.log(JSON.stringify(out))"
)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def brotli_sizes(paths: list[Path]) -> dict[str, int]:
    try:
        import brotli  # type: ignore[import-not-found]
    except ImportError:
        node = shutil.which("node")
        if node is None:
            return {}
        result = subprocess.run(  # noqa: S603 - fixed program and arguments
            [node, "-e", _NODE_BROTLI, *map(str, paths)],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            return {}
        sizes: dict[str, int] = json.loads(result.stdout)
        return {Path(k).name: v for k, v in sizes.items()}
    return {p.name: len(brotli.compress(p.read_bytes(), quality=11)) for p in paths}


def main(argv: list[str]) -> int:
    build = Path(argv[1]) if len(argv) > 1 else BUILD_DIR
    langs = sorted(p for p in build.glob("*.js")
                   if p.name not in (LOADER, CHUNK, NOTICES)
                   and not p.name.startswith(("notices-", "notify-")))
    notice_langs = sorted(build.glob("notices-*.js"))
    notify_langs = sorted(build.glob("notify-*.js"))
    paths = [build / LOADER, build / CHUNK, *langs, build / NOTICES, *notice_langs, *notify_langs]
    br = brotli_sizes(paths)
    rows: dict[str, tuple[str, int, int, int | None]] = {}
    for p in paths:
        data = p.read_bytes()
        rows[p.name] = (p.name, len(data), gzip_size(data), br.get(p.name))

    def path_total(label: str, names: list[str]) -> tuple[str, int, int, int | None]:
        counted = [rows[n] for n in names]
        return (f"{label} ({' + '.join(names)})", sum(r[1] for r in counted),
                sum(r[2] for r in counted),
                sum(r[3] or 0 for r in counted) if br else None)

    def largest(group: list[Path]) -> str:
        return max((rows[p.name] for p in group), key=lambda r: r[2])[0]

    total = path_total("total", [LOADER, CHUNK, largest(langs)])
    notices = path_total("notices", [LOADER, NOTICES, largest(notice_langs)])
    notify = path_total("notify", [LOADER, CHUNK, largest(langs), largest(notify_langs)])
    print(f"{'file':<17} {'raw':>7} {'gzip':>7} {'brotli':>7}")
    for name, raw, gz, b in [*rows.values(), total, notices, notify]:
        print(f"{name:<17} {raw:>7} {gz:>7} {b if b is not None else '-':>7}")
    loader_gz = rows[LOADER][2]
    ok = True
    if loader_gz > LOADER_BUDGET_GZIP:
        print(f"loader over budget: {loader_gz} > {LOADER_BUDGET_GZIP} bytes gzipped")
        ok = False
    if total[2] > TOTAL_BUDGET_GZIP:
        print(f"total over budget: {total[2]} > {TOTAL_BUDGET_GZIP} bytes gzipped")
        ok = False
    if notices[2] > NOTICES_BUDGET_GZIP:
        print(f"notices over budget: {notices[2]} > {NOTICES_BUDGET_GZIP} bytes gzipped")
        ok = False
    if notify[2] > NOTIFY_BUDGET_GZIP:
        print(f"notify over budget: {notify[2]} > {NOTIFY_BUDGET_GZIP} bytes gzipped")
        ok = False
    print(f"budgets: loader {LOADER_BUDGET_GZIP}, total {TOTAL_BUDGET_GZIP}, "
          f"notices {NOTICES_BUDGET_GZIP}, notify {NOTIFY_BUDGET_GZIP} bytes gzipped: "
          + ("ok" if ok else "EXCEEDED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
