"""English variants: each variant's spellings pass in its own articles, another
variant's are a low-severity inconsistency, and the variant is read from the text."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from copydesk.cli import main
from copydesk.proofread.checker import Checker
from copydesk.proofread.finding import Severity
from copydesk.proofread.lexicon import ENGLISH_DICTIONARIES, dictionaries_installed
from copydesk.proofread.spelling import Spelling
from copydesk.proofread.variants import Variant, parse_variant, variant_of

pytestmark = pytest.mark.usefixtures("hunspell", "english_variants")

BRITISH = ["scrutinised", "neutralise", "harbourside", "colonised", "fulfilment",
           "catalogued", "channelling", "misbehaviour"]  # fmt: skip
AMERICAN = ["color", "center", "traveling", "analyze", "defense", "cataloged"]


@pytest.fixture
def english_variants() -> None:
    missing = [n for n in ENGLISH_DICTIONARIES.values() if not dictionaries_installed("en", n)]
    if missing:
        pytest.skip(f"Hunspell dictionaries {', '.join(missing)} not installed "
                    "(apt-get install hunspell-en-gb hunspell-en-au hunspell-en-ca)")


def _sentence(word: str) -> str:
    return f"Officials said the {word} plan was announced on Monday."


@pytest.mark.parametrize("word", BRITISH)
@pytest.mark.parametrize("variant", ["en-GB", "en-AU"])
def test_british_words_pass_in_a_british_article(word: str, variant: Variant) -> None:
    assert Spelling(suggest=False, variant=variant).check(_sentence(word), "en") == []


@pytest.mark.parametrize("word", BRITISH)
def test_british_words_in_an_american_article_are_an_inconsistency(word: str) -> None:
    (finding,) = Spelling(suggest=False, variant="en-US").check(_sentence(word), "en")
    assert finding.text == word
    assert finding.severity is Severity.INFO
    assert finding.message.startswith("British spelling in an American English article")
    assert "not in the dictionary" not in finding.message
    assert finding.suggestions and finding.suggestions[0] != word


@pytest.mark.parametrize("word", AMERICAN)
def test_american_words_in_a_british_site_are_an_inconsistency(word: str) -> None:
    checker = Checker(rules=["spelling"], suggest=False, variant="en-GB")
    (finding,) = checker.check(_sentence(word), "en")
    assert (finding.text, finding.severity) == (word, Severity.INFO)
    assert finding.message.startswith("American spelling in a British English article")


@pytest.mark.parametrize("word", AMERICAN)
def test_american_words_pass_in_an_american_article(word: str) -> None:
    assert Spelling(suggest=False, variant="en-US").check(_sentence(word), "en") == []


def test_site_choice_wins_over_the_page() -> None:
    spelling = Spelling(suggest=False, variant="en-GB")
    found = spelling.check("The color was odd.", "en", variant="en-US")
    assert [f.text for f in found] == ["color"]


def test_page_variant_is_used_without_a_site_choice() -> None:
    spelling = Spelling(suggest=False)
    assert [f.text for f in spelling.check("The color was odd.", "en", variant="en-GB")] == [
        "color"
    ]
    assert spelling.check("The color was odd.", "en", variant="en-US") == []


def test_variant_is_detected_from_the_text() -> None:
    british = ("The council organised a programme for the harbour. Its favourite colour "
               "was chosen at the centre, and one color was rejected.")
    spelling = Spelling(suggest=False)
    assert spelling.article_variant(british) == "en-GB"
    found = spelling.check(british, "en")
    assert [(f.text, f.severity) for f in found] == [("color", Severity.INFO)]
    american = "The center organized a program on the color of the harbor and its behavior."
    assert spelling.article_variant(american) == "en-US"
    assert spelling.check(american, "en") == []


def test_without_a_variant_every_spelling_is_accepted() -> None:
    mixed = "The colour and the color; the centre and the center."
    spelling = Spelling(suggest=False)
    assert spelling.article_variant(mixed) is None
    assert spelling.check(mixed, "en") == []


def test_misspellings_are_still_misspellings_in_every_variant() -> None:
    for variant in ("en-US", "en-GB", "en-AU", "en-CA"):
        found = Spelling(suggest=False, variant=variant).check(  # type: ignore[arg-type]
            "We did not recieve the colur chart; they wantd it.", "en"
        )
        assert [(f.text, f.severity) for f in found] == [
            ("recieve", Severity.ERROR), ("colur", Severity.WARNING), ("wantd", Severity.WARNING),
        ]


def test_names_are_not_variant_findings() -> None:
    text = "Labour and the Harbour Street committee met."
    assert Spelling(suggest=False, variant="en-US").check(text, "en") == []


@pytest.mark.parametrize(
    ("tag", "variant"),
    [("en-GB", "en-GB"), ("en_gb", "en-GB"), ("en-UK", "en-GB"), ("en-US", "en-US"),
     ("en-AU", "en-AU"), ("EN-ca", "en-CA"), ("en", None), ("fr-CA", None), ("", None)],
)  # fmt: skip
def test_page_tags(tag: str, variant: str | None) -> None:
    assert variant_of(tag) == variant


def test_parse_variant() -> None:
    assert parse_variant("GB") == "en-GB"
    with pytest.raises(ValueError, match="known: en-US"):
        parse_variant("en-XX")


@pytest.fixture
def runner(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("COPYDESK_SECRET_KEY", "cli-secret")
    return CliRunner()


def test_site_variant_in_the_cli(runner: CliRunner) -> None:
    added = runner.invoke(main, ["site", "add", "Daily", "--origin", "https://d.example",
                                 "--variant", "en-GB"])
    assert added.exit_code == 0, added.output
    key = added.output.strip()
    assert runner.invoke(main, ["site", "variant", key]).output.strip() == "en-GB"
    assert runner.invoke(main, ["site", "variant", key, "ca"]).exit_code == 0
    assert runner.invoke(main, ["site", "variant", key]).output.strip() == "en-CA"
    assert runner.invoke(main, ["site", "variant", key, "auto"]).exit_code == 0
    assert runner.invoke(main, ["site", "variant", key]).output.strip() == "auto"
    bad = runner.invoke(main, ["site", "variant", key, "en-XX"])
    assert bad.exit_code != 0 and "unknown English variant" in bad.output
    listed = json.loads(runner.invoke(main, ["site", "list", "--json"]).output)
    assert [site["key"] for site in listed] == [key]
