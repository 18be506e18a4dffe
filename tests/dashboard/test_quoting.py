"""Text Fragment links, word diffs, safe links, and annotations (pure functions)."""

from __future__ import annotations

from copydesk import annotations as anno
from copydesk.web.dashboard import quoting


def test_text_fragment_encodes_directive_characters() -> None:
    url = quoting.text_fragment_url("https://news.example/a?b=1#top", "to-do, a & b",
                                    "one two three four", "five six seven eight")
    assert url == ("https://news.example/a?b=1#:~:text=two%20three%20four-,"
                   "to%2Ddo%2C%20a%20%26%20b,-five%20six%20seven")


def test_text_fragment_without_context_and_bad_urls() -> None:
    assert quoting.text_fragment_url("https://n.example/", "word") == \
        "https://n.example/#:~:text=word"
    assert quoting.text_fragment_url("javascript:alert(1)", "word") == ""
    assert quoting.text_fragment_url("https://n.example/", "  ") == "https://n.example/"


def test_safe_href_allows_http_only() -> None:
    assert quoting.safe_href("https://news.example/x") == "https://news.example/x"
    assert quoting.safe_href("HTTP://news.example/x") == "HTTP://news.example/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "/relative",
                "java\nscript:alert(1)", "https://", "vbscript:x"):
        assert quoting.safe_href(bad) == "", bad


def test_word_diff() -> None:
    pieces = quoting.word_diff("He was drafted into to the army", "He was drafted into the army")
    assert [(p.kind, p.text) for p in pieces if p.kind != "same"] == [("del", "to ")]
    assert "".join(p.text for p in pieces if p.kind != "ins") == \
        "He was drafted into to the army"
    assert "".join(p.text for p in pieces if p.kind != "del") == "He was drafted into the army"


def test_finding_overlap_by_quote_and_context() -> None:
    # The extracted text and the page lay out whitespace differently, and their
    # offsets differ: the reader's group carries page offsets that must be ignored.
    text = "Intro.\n\nHe was drafted into to the army. Later he went into to town."
    start = text.index("into to")
    finding = {"start": start, "end": start + 7, "text": "into to"}
    reader = {"start": 400, "end": 407, "exact": "into to",
              "prefix": "He was\n   drafted ", "suffix": " the army. Later"}
    elsewhere = {"start": 9, "end": 16, "exact": "into to",
                 "prefix": "Later he went ", "suffix": " town."}
    wider = {"start": None, "end": None, "exact": "drafted into to the",
             "prefix": "He was ", "suffix": " army."}
    assert quoting.overlaps(finding, [reader], text)
    assert quoting.overlaps(finding, [wider], text)
    assert not quoting.overlaps(finding, [elsewhere], text)
    assert not quoting.overlaps(finding, [{"exact": "army", "prefix": "into to the ",
                                           "suffix": "."}], text)


def test_annotation_shape() -> None:
    row = {"id": 7, "created_at": "2026-01-01T00:00:00+00:00", "article_url": "https://n.example/a",
           "url": "https://n.example/a?utm=1", "exact": "teh", "prefix": "in ", "suffix": " end",
           "start": 3, "end": 6, "suggestion": "the", "comment": "typo", "lang": "en"}
    item = anno.annotation(row, "https://cd.example/")
    assert item["@context"] == anno.CONTEXT
    assert item["id"] == "https://cd.example/annotations/reports/7"
    assert item["motivation"] == "editing"
    assert item["target"]["source"] == "https://n.example/a"
    quote, position = item["target"]["selector"]
    assert quote == {"type": "TextQuoteSelector", "exact": "teh", "prefix": "in ",
                     "suffix": " end"}
    assert position == {"type": "TextPositionSelector", "start": 3, "end": 6}
    editing, comment = item["body"]
    assert (editing["purpose"], editing["value"], editing["language"]) == ("editing", "the", "en")
    assert (comment["purpose"], comment["value"]) == ("commenting", "typo")
    bare = anno.annotation({**row, "start": None, "suggestion": "", "comment": ""})
    assert bare["target"]["selector"]["type"] == "TextQuoteSelector"
    assert "body" not in bare
    assert bare["id"] == "urn:copydesk:report:7"
