"""Proofreading each new version of an article.

:mod:`copydesk.versions.tracker` fetches articles on their schedule; for each new
version it stores, it calls the functions here:

1. :func:`name` gives the article the page's own title and language (what the page
   does not say keeps the first report's hint) and sets ``articles.named_by`` to
   ``page``, so no report changes them again;
2. :func:`check` runs the checker on the version's text in the article's language
   (:func:`language`; none for a language the checker lacks), with the site's newsroom
   dictionary, before the write transaction (it may take a while);
3. :func:`store_findings` stores the findings against the version, in the transaction
   that stores the version.

Failures are logged and never reach the reader or the ingest path.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, update

from copydesk.proofread.checker import DEFAULT_RULES, Checker
from copydesk.proofread.extract import PageNames
from copydesk.proofread.finding import Finding
from copydesk.proofread.lexicon import DictionaryMissingError
from copydesk.proofread.rule import LANGS, Lang
from copydesk.proofread.variants import Variant
from copydesk.storage import schema

log = logging.getLogger("copydesk.proofread")


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    url: str
    title: str
    lang: str
    named_by: str = "reader"


def language(tag: str) -> Lang | None:
    """The checker language for a BCP 47 tag ("en-GB" → "en"); None if unsupported."""
    primary = tag.strip().lower().replace("_", "-").split("-")[0] or "en"
    return next((lang for lang in LANGS if lang == primary), None)


def named(article: Article, names: PageNames) -> Article:
    """The article as the page names it; what the page lacks stays."""
    return Article(article.id, article.url, names.title or article.title,
                   names.lang or article.lang, "page")


def name(conn: Connection, article: Article, names: PageNames, now: datetime) -> Article:
    """Give the article the page's own title and language; what the page lacks stays."""
    new = named(article, names)
    values: dict[str, object] = {"named_by": "page"}
    if (new.title, new.lang) != (article.title, article.lang):
        values.update(title=new.title, lang=new.lang, updated_at=now)
    conn.execute(update(schema.articles).where(schema.articles.c.id == article.id)
                 .values(**values))
    return new


def check(text: str, lang: Lang, words: list[str], *, variant: Variant | None = None,
          published: date | None = None) -> list[Finding]:
    """The checker's findings in ``text``; without Hunspell, every rule but spelling.

    ``variant``: the site's English variant, else the page's (``lang`` like en-GB), else
    none (spelling tells it from the text); ``published``: the article's publication
    date, which dates weekdays written without a year."""
    try:
        return Checker(extra_words=words, suggest=True, variant=variant,
                       published=published).check(text, lang)
    except DictionaryMissingError as exc:
        log.warning("spelling not checked: %s", exc)
        rules = [name for name in DEFAULT_RULES if name != "spelling"]
        return Checker(rules=rules, published=published).check(text, lang)


def store_findings(conn: Connection, version_id: int, findings: list[Finding]) -> None:
    if findings:
        conn.execute(
            schema.findings.insert(),
            [{"version_id": version_id, **finding.to_dict()} for finding in findings],
        )
