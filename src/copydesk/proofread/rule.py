"""The interface every proofreading rule implements."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from copydesk.proofread.finding import Finding

Lang = Literal["en", "uk", "ru"]
LANGS: tuple[Lang, ...] = ("en", "uk", "ru")


@runtime_checkable
class Rule(Protocol):
    """A rule looks at plain text in one language and reports findings.

    ``name`` is the stable identifier used in ``--rules`` and in stored findings.
    Offsets in the findings index into the very ``text`` passed to ``check``.
    """

    name: str

    def check(self, text: str, lang: Lang) -> list[Finding]: ...
