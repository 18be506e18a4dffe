from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from copydesk.cli import main

from .pages import ARTICLE_HTML, serve

pytestmark = pytest.mark.usefixtures("hunspell")

TEXT = (
    "Nighttime lows of 4 Celsius (4F) are expected.\n"
    "He was drafted into to the army and recieved a medal.\n"
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _json(output: str) -> list[dict[str, object]]:
    data = orjson.loads(output)
    assert isinstance(data, list)
    return data


def test_text_output_with_line_and_context(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "1:30: units [error] 4 Celsius is 39.2 F, not 4F."
    assert lines[1] == "    Nighttime lows of 4 Celsius (4F) are expected."
    assert lines[2] == "    " + " " * 29 + "^^"
    assert lines[3] == "    suggestions: '39F'"
    assert "2:16: collisions [error]" in result.stdout
    assert "2:37: spelling [error]" in result.stdout
    assert lines[-1] == "3 findings."


def test_json_output_offsets_index_the_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    findings = _json(result.stdout)
    assert [f["rule"] for f in findings] == ["units", "collisions", "spelling"]
    for finding in findings:
        assert set(finding) == {
            "rule",
            "message",
            "start",
            "end",
            "text",
            "suggestions",
            "severity",
        }
        assert TEXT[finding["start"] : finding["end"]] == finding["text"]  # type: ignore[misc]
        assert isinstance(finding["suggestions"], list)


def test_clean_stdin_exits_zero(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-"], input="All is well in the city today.\n")
    assert result.exit_code == 0
    assert result.stdout.strip() == "No findings."
    json_result = runner.invoke(main, ["check", "-", "--format", "json"], input="All is well.")
    assert json_result.exit_code == 0
    assert _json(json_result.stdout) == []


def test_stdin_with_findings(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-", "--rules", "doubled"], input="It was the the end.")
    assert result.exit_code == 1
    assert "doubled" in result.stdout


def test_rules_and_language(runner: CliRunner) -> None:
    result = runner.invoke(
        main,
        ["check", "-", "--lang", "uk", "--rules", "collisions,units", "--format", "json"],
        input="Він живе в у місті, де 4 °C (4 °F).",
    )
    assert result.exit_code == 1
    assert [f["text"] for f in _json(result.stdout)] == ["в у", "4 °F"]


def test_html_file_is_reduced_to_the_article(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    result = runner.invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    texts = [f["text"] for f in _json(result.stdout)]
    assert texts == ["4F", "into to"]  # the footer's "the the" is boilerplate


def test_url_on_loopback_with_allow_private(runner: CliRunner, base_url: str) -> None:
    result = runner.invoke(
        main, ["check", f"{base_url}/article.html", "--allow-private", "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    assert [f["text"] for f in _json(result.stdout)] == ["4F", "into to"]
    plain = runner.invoke(main, ["check", f"{base_url}/plain.txt", "--allow-private"])
    assert plain.exit_code == 0, plain.output


@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.0.1"])
def test_private_urls_are_refused_without_the_flag(
    runner: CliRunner, base_url: str, host: str
) -> None:
    url = base_url.replace("127.0.0.1", host) + "/article.html"
    result = runner.invoke(main, ["check", url])
    assert result.exit_code == 2
    assert "refusing to fetch" in result.output
    assert "--allow-private" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "/nonexistent/story.txt"], "no such file"),
        (["check", "-", "--rules", "grammar"], "unknown rule(s): grammar"),
        (["check", "-", "--lang", "de"], "Invalid value for '--lang'"),
        (["check", "-", "--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_errors_exit_two_without_traceback(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(main, args, input="text")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("path", "message"), [("/missing", "HTTP 404"), ("/image.png", "image/png")]
)
def test_unusable_url_exits_two(runner: CliRunner, base_url: str, path: str, message: str) -> None:
    result = runner.invoke(main, ["check", base_url + path, "--allow-private"])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
