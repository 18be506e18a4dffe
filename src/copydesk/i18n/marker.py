"""``N_``: the marker of a msgid defined in Python (kept apart so that any module can
import it without the rest of :mod:`copydesk.i18n`)."""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a msgid defined in Python; translated where it is shown.  Every string
    given to it in ``src/copydesk`` must be in both catalogs (tests/dashboard/test_i18n.py
    finds them in the source)."""
    return message
