"""A site's newsroom dictionary: names, places and terms its editors have approved.

The spelling rule takes these as a plain set of words; the functions below keep them
in the ``site_words`` table and take an open SQLAlchemy ``Connection``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, select

from copydesk.storage.schema import site_words

MAX_WORD_LENGTH = 100


class DictionaryError(ValueError):
    """A word that cannot go into a dictionary."""


def normalise_word(word: str) -> str:
    """The stored form: NFC, trimmed, one word of at most 100 characters."""
    cleaned = unicodedata.normalize("NFC", word.strip())
    if not cleaned:
        raise DictionaryError("empty word")
    if any(char.isspace() for char in cleaned):
        raise DictionaryError(f"{cleaned!r} is more than one word; add each word on its own")
    if len(cleaned) > MAX_WORD_LENGTH:
        raise DictionaryError(f"{cleaned[:20]!r}… is longer than {MAX_WORD_LENGTH} characters")
    return cleaned


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(normalise_word(word) for word in words))


def add_words(conn: Connection, site_id: int, words: Iterable[str]) -> list[str]:
    """Add ``words`` to the site's dictionary; returns the ones that were new."""
    wanted = _unique(words)
    existing = set(list_words(conn, site_id))
    new = [word for word in wanted if word not in existing]
    if new:
        now = datetime.now(UTC)
        conn.execute(
            site_words.insert(),
            [{"site_id": site_id, "word": word, "created_at": now} for word in new],
        )
    return new


def list_words(conn: Connection, site_id: int) -> list[str]:
    """The site's words in alphabetical order."""
    query = select(site_words.c.word).where(site_words.c.site_id == site_id)
    return sorted((str(row[0]) for row in conn.execute(query)), key=str.casefold)


def remove_words(conn: Connection, site_id: int, words: Iterable[str]) -> int:
    """Remove ``words`` from the site's dictionary; returns how many were there."""
    wanted = _unique(words)
    if not wanted:
        return 0
    result = conn.execute(
        delete(site_words).where(site_words.c.site_id == site_id, site_words.c.word.in_(wanted))
    )
    return int(result.rowcount or 0)


def orthography_entry(conn: Connection, site_id: int) -> str | None:
    """The site's chosen Ukrainian orthography ("2019", "kharkiv"): its dictionary's
    ``orthography:`` entry; None when the site has none (the setting applies)."""
    from copydesk.proofread.orthography import MARKER, ORTHOGRAPHIES

    for word in list_words(conn, site_id):
        if word.startswith(MARKER) and word[len(MARKER) :] in ORTHOGRAPHIES:
            return word[len(MARKER) :]
    return None


def set_orthography(conn: Connection, site_id: int, chosen: str | None) -> None:
    """Make ``chosen`` ("2019", "kharkiv"; None: none, the setting applies) the site's
    one ``orthography:`` entry."""
    from copydesk.proofread.orthography import MARKER, ORTHOGRAPHIES

    if chosen is not None and chosen not in ORTHOGRAPHIES:
        raise ValueError(f"unknown orthography {chosen!r}")
    remove_words(conn, site_id, [w for w in list_words(conn, site_id) if w.startswith(MARKER)])
    if chosen is not None:
        add_words(conn, site_id, [MARKER + chosen])
