"""``copydesk articles``: list, versions, diff and fetch against a local server."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from copydesk.cli import main

from .conftest import World
from .server import PARAGRAPHS, article


def test_articles_commands(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", world.settings.database_url)
    monkeypatch.setenv("COPYDESK_ALLOW_PRIVATE_TARGETS", "true")
    world.pages.set("/a", article())
    article_id, _ = world.report("/a")
    runner = CliRunner()
    first = runner.invoke(main, ["articles", "fetch", str(article_id)])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("new: version")
    world.pages.set("/a", article([PARAGRAPHS[0], PARAGRAPHS[1].replace("into to", "into"),
                                   *PARAGRAPHS[2:]]))
    assert runner.invoke(main, ["articles", "fetch", world.pages.url + "/a"]).exit_code == 0
    listed = runner.invoke(main, ["articles", "list"])
    assert listed.output.split("\t")[:2] == [str(article_id), "2"]
    versions = runner.invoke(main, ["articles", "versions", str(article_id)])
    assert [line.split("\t")[2] for line in versions.output.splitlines()] == ["edit", "edit"]
    diffed = runner.invoke(main, ["articles", "diff", str(article_id)])
    assert "drafted into [-to -]the army" in diffed.output
    assert "\x1b[" not in diffed.output
    missing = runner.invoke(main, ["articles", "versions", "999"])
    assert missing.exit_code != 0 and "no article 999" in missing.output
