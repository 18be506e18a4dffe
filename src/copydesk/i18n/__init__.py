"""The dashboard's languages (English, Ukrainian, Russian) and its editors' time zones.

**Mechanism.** Templates mark their words for Jinja2's i18n extension
(``jinja2.ext.i18n``: ``{{ _("Queue") }}``, ``{% trans count=n %}…{% pluralize %}…
{% endtrans %}``).  The catalogs are not gettext ``.mo`` files (they would need a
compile step the src layout does not have) but one Python dict per language,
:mod:`copydesk.i18n.uk` and :mod:`copydesk.i18n.ru`, imported once on first use: the
key is the English text (the msgid, placeholders ``%(name)s`` included), the value its
translation, or for a plural a dict from CLDR plural category to form
(``{"one": …, "few": …, "many": …, "other": …}``), the category of a number being
Babel's plural rule of the language (``babel.Locale.parse("uk").plural_form``).
English is the msgids themselves; a msgid missing from a catalog is shown in English.
``tests/dashboard/test_i18n.py`` checks that every msgid of the templates and every
string marked ``N_`` in Python is in both catalogs.

**Sentences made in Python.** A refusal of a domain function or of the dashboard's
input checks is a :class:`~copydesk.i18n.text.Text` (English for the CLI, with its msgid
and values kept) and :func:`say` translates it where a page shows it; sentences of
parts that stay English-only (proofreading findings, channel kinds, accounts, the
dictionary) are matched against msgids with placeholders (:mod:`.sentences`) when
shown.

**Which language and zone.** A request's :class:`Locale` is a context variable, set by
the dashboard (``web/dashboard/language.py``) from the user's own setting or else the
browser's ``Accept-Language``, and the gettext callables installed into the Jinja2
environment read it when called, so imported macros translate too.

**Dates and numbers** are written by Babel (CLDR data): :func:`when` (date and time in
the user's zone, the zone named; English keeps the ISO-like ``2026-03-02 14:05 UTC``),
:func:`ago` ("3 hours ago", ``format_timedelta``), :func:`number`
(``format_decimal``).  ``<time datetime>`` keeps UTC ISO (``templates._iso``).
"""

from __future__ import annotations

import contextvars
import functools
import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale as BabelLocale
from babel.dates import format_date, format_skeleton, format_timedelta
from babel.numbers import format_decimal

from copydesk.i18n.marker import N_
from copydesk.i18n.text import Text

__all__ = ["N_", "Text"]

LANGUAGES = ("en", "uk", "ru")
DEFAULT_LANGUAGE = "en"
DEFAULT_ZONE = "UTC"
#: Each language named in itself (the account page's choices).
NAMES = {"en": "English", "uk": "Українська", "ru": "Русский"}

Entry = str | Mapping[str, str]
Catalog = Mapping[str, Entry]



#: Labels of the enums the dashboard shows (a group's status, the queue's "all").
STATUS_LABELS = {
    "new": N_("new"), "accepted": N_("accepted"), "fixed": N_("fixed"),
    "rejected": N_("rejected"), "duplicate": N_("duplicate"), "spam": N_("spam"),
    "all": N_("all"),
}
ROLE_LABELS = {"admin": N_("admin"), "editor": N_("editor")}
#: A correction's type, status, placement and severity (copydesk.corrections.model).
CORRECTION_LABELS = {
    "correction": N_("correction"), "clarification": N_("clarification"),
    "update": N_("update"), "editors_note": N_("editor's note"),
    "retraction": N_("retraction"), "draft": N_("draft"), "published": N_("published"),
    "withdrawn": N_("withdrawn"), "top": N_("top"), "bottom": N_("bottom"),
    "minor": N_("minor"), "major": N_("major"),
}
#: Where a group's quote stands in the article's latest version (copydesk.anchoring).
ANCHOR_LABELS = {
    "fixed": N_("fixed (detected)"), "changed": N_("changed"),
    "unchanged": N_("unchanged"), "orphaned": N_("orphaned"),
    "unanchored": N_("not checked yet"), "any": N_("any"),
}
ANCHOR_HINTS = {
    "fixed": N_("the quote is gone and the reader's suggestion stands in its place"),
    "changed": N_("the passage was found but changed otherwise"),
    "unchanged": N_("the quote is still there"),
    "orphaned": N_("the passage cannot be found in the article any more"),
}
#: The events an editor may choose on the notifications page (copydesk.preferences).
EVENT_LABELS = {
    "report.created": N_("a new report"), "report.status_changed": N_("a status change"),
    "group.fix_detected": N_("a fix detected in the article"),
    "correction.published": N_("a correction published"),
}
#: The actions of a group's history (``audit_log.action``, written by copydesk.triage).
HISTORY_ACTIONS = (N_("status"), N_("reopen"), N_("undo"), N_("assign"))
#: The words dashboard.js writes itself ({n}, {of}: numbers it fills in), given to it
#: translated in the page (``data-words`` on ``<body>``, :func:`script_words`).
SCRIPT_WORDS = (N_("Press u to undo."), N_("Mark the selected groups as spam?"),
                N_("{n} new — reload"), N_("Change {n} of {of}"), N_("That did not work."))
#: Every msgid defined in Python, for the catalogs' completeness test.
PYTHON_MSGIDS = (*STATUS_LABELS.values(), *ROLE_LABELS.values(), *CORRECTION_LABELS.values(),
                 *ANCHOR_LABELS.values(), *EVENT_LABELS.values(),
                 *ANCHOR_HINTS.values(),
                 *HISTORY_ACTIONS, *SCRIPT_WORDS, N_("just now"),
                 N_("Language and time zone saved."))


@dataclass(frozen=True)
class Locale:
    """One request's language and time zone (an IANA name)."""

    language: str = DEFAULT_LANGUAGE
    zone: str = DEFAULT_ZONE

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.zone)


_DEFAULT = Locale()
_current: contextvars.ContextVar[Locale | None] = contextvars.ContextVar(
    "copydesk_locale", default=None)


def current() -> Locale:
    return _current.get() or _DEFAULT


def use(locale: Locale) -> contextvars.Token[Locale | None]:
    """Make ``locale`` the current one (until :func:`restore` with the token)."""
    return _current.set(locale)


def restore(token: contextvars.Token[Locale | None]) -> None:
    _current.reset(token)


@contextmanager
def using(locale: Locale) -> Iterator[Locale]:
    token = use(locale)
    try:
        yield locale
    finally:
        restore(token)


def language(value: str | None) -> str | None:
    """``value`` when it is a language of the dashboard, else None."""
    return value if value in LANGUAGES else None


@functools.cache
def zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {DEFAULT_ZONE}


def zone(value: str | None) -> str | None:
    """``value`` when it names an IANA time zone, else None."""
    return value if value and value in zones() else None


_TAG = re.compile(r"^\s*([A-Za-z]{1,8}|\*)(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def pick(accept_language: str | None) -> str:
    """The language the browser prefers among ours (``Accept-Language``), else English."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "")[:1000].split(",")):
        found = _TAG.match(part)
        if not found:
            continue
        try:
            weight = float(found.group(2)) if found.group(2) else 1.0
        except ValueError:
            continue
        tag = found.group(1).lower()
        if weight > 0 and tag in LANGUAGES:
            ranked.append((-weight, index, tag))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


@functools.cache
def catalog(lang: str) -> Catalog:
    """The translations of ``lang`` (empty for English), loaded once."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return {}
    module = importlib.import_module(f"copydesk.i18n.{lang}")
    messages: Catalog = module.MESSAGES
    return messages


@functools.cache
def _plural(lang: str) -> Callable[[float], str]:
    rule: Callable[[float], str] = BabelLocale.parse(lang).plural_form
    return rule


def gettext(message: str) -> str:
    found = catalog(current().language).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    lang = current().language
    found = catalog(lang).get(singular)
    if isinstance(found, Mapping):
        form = found.get(_plural(lang)(abs(n))) or found.get("other")
        if form:
            return form
    return singular if n == 1 else plural


def say(message: object) -> str:
    """``message`` in the current language: a :class:`Text` by its msgid, its values put
    back (a value that is a :class:`Text` said too); an exception by its message; any
    other text by the catalog, else by the sentences made outside the dashboard
    (:mod:`copydesk.i18n.sentences`), else as it is."""
    if isinstance(message, BaseException):
        message = message.args[0] if len(message.args) == 1 else str(message)
    if isinstance(message, Text):
        if not message.values:
            return gettext(message.msgid)
        return gettext(message.msgid) % {
            key: say(value) if isinstance(value, Text) else value
            for key, value in message.values.items()}
    text = str(message)
    if current().language == DEFAULT_LANGUAGE or not text:
        return text
    found = catalog(current().language).get(text)
    if isinstance(found, str):
        return found
    from copydesk.i18n import sentences  # the patterns, compiled on first use

    matched = sentences.match(text)
    if matched is None:
        return text
    msgid, parts = matched
    said = gettext(msgid)
    if said == msgid:
        return text
    return said % {key: gettext(value) if key in sentences.TRANSLATED_PARTS else value
                   for key, value in parts.items()}


def message(exc: BaseException) -> str:
    """The message ``exc`` carries, not yet said (a :class:`Text` kept as it is): what a
    database job returns, since it runs on the writer's thread, outside the request's
    language; the page says it with :func:`say`."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


def label(value: str) -> Text:
    """A status's label as a :class:`Text` value of a sentence (said in the page's
    language)."""
    return Text(STATUS_LABELS.get(value, value))


def status_label(status: str) -> str:
    return gettext(STATUS_LABELS.get(status, status))


def event_label(event: str) -> str:
    return gettext(EVENT_LABELS.get(event, event))


def role_label(role: str) -> str:
    return gettext(ROLE_LABELS.get(role, role))


def correction_label(value: str) -> str:
    return gettext(CORRECTION_LABELS.get(value, value))


def anchor_label(state: str) -> str:
    return gettext(ANCHOR_LABELS.get(state, state))


def anchor_hint(state: str) -> str:
    hint = ANCHOR_HINTS.get(state)
    return gettext(hint) if hint else ""


def script_words() -> dict[str, str]:
    """The script's words and the status labels, in the current language (English: none,
    the script has them)."""
    if current().language == DEFAULT_LANGUAGE:
        return {}
    words = {message: gettext(message) for message in SCRIPT_WORDS}
    words.update({status: status_label(status) for status in STATUS_LABELS})
    return words


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def when(value: datetime | None) -> str:
    """A date and time in the current zone, the zone named: ``2026-03-02 14:05 UTC``,
    ``2 бер. 2026 р., 16:05 Europe/Kyiv``."""
    if value is None or not hasattr(value, "astimezone"):
        return ""
    locale = current()
    local = _utc(value).astimezone(locale.tzinfo)
    if locale.language == DEFAULT_LANGUAGE:
        text = local.strftime("%Y-%m-%d %H:%M")
    else:
        pattern = str(BabelLocale.parse(locale.language).datetime_formats["medium"])
        text = pattern.replace("{1}", format_date(local, "medium", locale=locale.language)) \
            .replace("{0}", format_skeleton("Hm", local, locale=locale.language))
    return f"{text} {locale.zone}"


def day(value: datetime | None) -> str:
    """A date alone, in the current zone ("Mar 2, 2026", "2 бер. 2026 р.")."""
    if value is None:
        return ""
    locale = current()
    return format_date(_utc(value).astimezone(locale.tzinfo), "medium", locale=locale.language)


def ago(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago, in the largest unit ("just now", "5 minutes ago", "3 години тому"),
    then, after 30 days, the date."""
    if value is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - _utc(value)).total_seconds()
    if seconds < 60:
        return gettext("just now")
    if seconds >= 30 * 86400:
        return day(value)
    return format_timedelta(timedelta(seconds=-seconds), threshold=1, add_direction=True,
                            locale=current().language)


def number(value: int | float | None) -> str:
    """A number with the language's grouping ("1,234", "1 234")."""
    return "" if value is None else format_decimal(value, locale=current().language)
