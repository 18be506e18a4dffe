"""Documentation is tested: a setting or command without its README entry fails here."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from copydesk.cli import main
from copydesk.settings import FIELDS, PREFIX

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [f.name for f in FIELDS])
def test_every_setting_is_in_the_readme_table(name: str) -> None:
    assert f"| `{PREFIX}{name.upper()}` |" in README


def _commands(group: click.Group, prefix: str = "copydesk") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
        else:
            found.append(path)
    return found


@pytest.mark.parametrize("path", _commands(main))
def test_every_command_is_in_the_readme(path: str) -> None:
    words = path.split()
    # "copydesk user list / user disable …" rows name sibling commands after the first.
    assert f"`{path}" in README or f"`{' '.join(words[1:])}" in README or (
        f"`copydesk {words[1]} " in README and f"{words[2]}" in README
    ), path


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == "bash scripts/test.sh"
    assert "bash scripts/test.sh" in README and "bash scripts/demo.sh" in README


def test_every_docs_page_is_linked_from_the_readme() -> None:
    for page in (ROOT / "docs").glob("*.md"):
        assert f"docs/{page.name}" in README, page.name
