"""A sentence made in Python that a dashboard page can say in the editor's language.

A domain function (``triage``, ``sites``, ``preferences``, ``channel_admin``) or the
dashboard's input checks raise their refusal with a :class:`Text`: an English ``str``
like any other (the CLI prints it, logs and JSON carry it as it is) that also keeps its
msgid and the values put into it::

    raise TriageError(Text(N_("a note has at most %(max)s characters"), max=NOTE_MAX))

The dashboard says it with :func:`copydesk.i18n.say`, which translates the msgid and
puts the values back; a value that is itself a :class:`Text` (a status's label) is
translated too.  The msgid is marked with ``N_`` so the catalogs' test finds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """``msgid % values`` in English, remembering ``msgid`` and ``values``."""

    msgid: str
    values: Mapping[str, Any]

    def __new__(cls, msgid: str, **values: Any) -> Text:
        made = super().__new__(cls, msgid % {k: str(v) for k, v in values.items()}
                               if values else msgid)
        made.msgid = msgid
        made.values = values
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.msgid, dict(self.values)))


def _rebuild(msgid: str, values: dict[str, Any]) -> Text:
    return Text(msgid, **values)
