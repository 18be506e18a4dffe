"""Sentences made by parts outside the dashboard, said in the editor's language.

Proofreading rules, channel kinds, accounts and the newsroom dictionary write their
messages in English as plain ``str`` (the CLI, the API and the proofreading tests read
them so, and a finding's message is stored that way).  The dashboard translates them
when it shows them, by matching the English sentence against the msgids here: each is
the sentence with its variable parts as placeholders (``'Doubled word "%(word)s".'``),
turned into a pattern once; a sentence that matches is said with the catalog's
translation and the parts it matched.  A placeholder listed in :data:`TRANSLATED_PARTS`
is a word from a closed set (a weekday, an English variant) and is translated itself;
every other part (a quoted word, a number, an address) is shown as it is.

A sentence no msgid matches is shown in English, so a rule or a kind that changes its
wording degrades to English, never to a wrong sentence; ``tests/dashboard/test_i18n.py``
runs the rules and kinds and fails when one of their sentences has no msgid here.
"""

from __future__ import annotations

import functools
import re

from copydesk.i18n.marker import N_

#: Proofreading findings' messages (copydesk.proofread: the rules' ``Finding.message``).
FINDINGS = (
    N_('Doubled word "%(word)s".'),
    N_('"%(word)s" is a common misspelling of "%(correction)s".'),
    N_('"%(word)s" is not in the dictionary.'),
    N_('%(variant)s spelling in a %(article)s English article ("%(counterpart)s" in '
       '%(article_again)s English).'),
    N_('%(variant)s spelling in an %(article)s English article ("%(counterpart)s" in '
       '%(article_again)s English).'),
    N_('%(date)s is a %(weekday)s: "%(right)s", not "%(given)s".'),
    N_("%(quantity)s is %(expected)s as a difference, not %(given)s."),
    N_("%(quantity)s is %(expected)s, not %(given)s."),
    N_('"%(token)s" is written "%(suggestion)s" elsewhere in this text.'),
    N_('"%(first)s" and "%(second)s" give different figures.'),
    N_('"%(words)s" cannot stand together; one of the two words is probably left over '
       'from an edit.'),
    N_('Unmatched "%(mark)s" in this paragraph.'),
    N_('Unbalanced " in this paragraph.'),
    N_('Closing "%(mark)s" without an opening quote.'),
    N_('Opening "%(mark)s" is never closed in this paragraph.'),
    N_('Space before "%(mark)s".'),
    N_('Repeated "%(mark)s".'),
)
#: Refusals of the channel kinds (copydesk.notify), accounts and the dictionary.
REFUSALS = (
    N_("not an email address: %(value)s"),
    N_("--token does not look like a bot token (123456:ABC…)"),
    N_("--chat must be a numeric chat id or @channelname"),
    N_("%(kind)s channels need %(flag)s"),
    N_("refused URL: %(reason)s"),
    N_("%(host)s has no address"),
    N_("%(host)s resolves to a non-public address (%(what)s)"),
    N_("the URL must be http:// or https:// with a host"),
    N_("only http:// and https:// URLs with a host are allowed"),
    N_("%(email)s is not an email address"),
    N_("a password needs at least %(min)s characters"),
    N_("a password has at most %(max)s characters"),
    N_("a password cannot contain NUL characters or lone surrogates"),
    N_("a user %(email)s exists already"),
    N_("no user %(who)s"),
    N_("%(email)s is the last active admin; make another admin first"),
    N_("%(email)s is disabled; enable the account first"),
    N_("no site with key %(key)s"),
    N_("empty word"),
    N_("%(word)s is more than one word; add each word on its own"),
    N_("%(word)s… is longer than %(max)s characters"),
)
#: The words that stand in the sentences above as parts of a closed set.
TRANSLATED_PARTS = frozenset({"variant", "article", "article_again", "weekday"})
PARTS = (N_("American"), N_("British"), N_("Australian"), N_("Canadian"),
         N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
         N_("Saturday"), N_("Sunday"))
MSGIDS = (*FINDINGS, *REFUSALS, *PARTS)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    made = []
    for msgid in (*FINDINGS, *REFUSALS):
        pieces = _PLACEHOLDER.split(msgid)  # text, name, text, name, …, text
        regex = "".join(re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
                        for i, piece in enumerate(pieces))
        made.append((re.compile(regex, re.S), msgid))
    return tuple(made)


def match(sentence: str) -> tuple[str, dict[str, str]] | None:
    """The msgid ``sentence`` was made from, and its parts; None when none matches."""
    for pattern, msgid in _patterns():
        found = pattern.fullmatch(sentence)
        if found:
            return msgid, found.groupdict()
    return None
