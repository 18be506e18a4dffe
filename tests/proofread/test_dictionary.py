from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine

from copydesk import sites
from copydesk.cli import main
from copydesk.proofread.dictionary import (
    DictionaryError,
    add_words,
    list_words,
    normalise_word,
    remove_words,
)


def test_add_list_remove(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        site = sites.create(conn, "Daily", ["https://daily.example"])
        other = sites.create(conn, "Other", ["https://other.example"])
        assert add_words(conn, site.id, ["Kovalenko", "Zhytomyr", "Kovalenko"]) == [
            "Kovalenko",
            "Zhytomyr",
        ]
        assert add_words(conn, site.id, ["Zhytomyr", "flowbus"]) == ["flowbus"]
        assert list_words(conn, site.id) == ["flowbus", "Kovalenko", "Zhytomyr"]
        assert list_words(conn, other.id) == []
        assert remove_words(conn, site.id, ["flowbus", "absent"]) == 1
        assert list_words(conn, site.id) == ["Kovalenko", "Zhytomyr"]
    engine.dispose()


@pytest.mark.parametrize("word", ["", "   ", "two words", "x" * 101])
def test_bad_words_are_refused(word: str) -> None:
    with pytest.raises(DictionaryError):
        normalise_word(word)


def test_words_are_normalised() -> None:
    assert normalise_word("  Cafe\u0301 ") == "Café"


@pytest.mark.usefixtures("hunspell")
def test_cli_words_and_check_with_site(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "cli-secret")
    runner = CliRunner()
    added = runner.invoke(
        main, ["site", "add", "Daily", "--origin", "https://daily.example", "--key", "daily"]
    )
    assert added.exit_code == 0, added.output
    text = "The flowbus stopped at Kovalenko Square."

    before = runner.invoke(main, ["check", "-", "--site", "daily"], input=text)
    assert before.exit_code == 1
    assert '"flowbus" is not in the dictionary' in before.stdout

    result = runner.invoke(main, ["words", "add", "daily", "flowbus", "Kovalenko"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "added 2 words"
    listed = runner.invoke(main, ["words", "list", "daily"])
    assert listed.stdout.splitlines() == ["flowbus", "Kovalenko"]
    assert runner.invoke(main, ["words", "list", "daily", "--json"]).stdout.strip() == (
        '["flowbus","Kovalenko"]'
    )

    after = runner.invoke(main, ["check", "-", "--site", "daily"], input=text)
    assert after.exit_code == 0, after.output

    removed = runner.invoke(main, ["words", "remove", "daily", "flowbus"])
    assert removed.stdout.strip() == "removed 1 word"
    assert runner.invoke(main, ["check", "-", "--site", "daily"], input=text).exit_code == 1


def test_cli_unknown_site(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", db_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "cli-secret")
    runner = CliRunner()
    words = runner.invoke(main, ["words", "add", "nope", "word"])
    assert words.exit_code == 1
    assert "no site with key 'nope'" in words.output
    check = runner.invoke(main, ["check", "-", "--site", "nope"], input="text")
    assert check.exit_code == 2
    assert "no site with key 'nope'" in check.output
    bad = runner.invoke(main, ["words", "add", "nope", "two words"])
    assert bad.exit_code == 1
    assert "Traceback" not in bad.output
