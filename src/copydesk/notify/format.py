"""The lines every notification says, written once; each kind's :class:`Format` escapes.

:func:`render` lays a :class:`~copydesk.notify.message.Message` out::

    headline · site
    the article: its title, linked to the quote (a Text Fragment)
    …the quote in its context, the passage marked…
    Suggestion: …   Comment: …   Note: …      (each only when there is one)
    Readers: N
    the link to the group in the dashboard

A :class:`Format` says how one format writes them, and mostly differs from the others
only in :meth:`Format.escape`, how it escapes one line of reader text, and in its marks:
``joint`` starts every further line of many-line reader text, ``bold`` wraps the
headline, ``highlight`` the quoted passage, ``strong`` a suggestion, ``emphasis`` a
comment.  A format whose lines are laid out differently overrides the method of that
line; :class:`Markup` is the shape of HTML-like formats (links, a block quote).

Reader text never starts a line of its own: one-line fields (title, site, headline, the
quote in chat formats, where a quote is one line) go through :meth:`Format.one`
(:func:`~copydesk.notify.message.flat`, then escaped); many-line fields (quote,
suggestion, comment, note) through :meth:`Format.many`, which escapes
:func:`~copydesk.notify.message.lines` one by one and puts ``joint`` between them.
Separators other than ``\\n`` (``\\u2028``, ``\\x85``, …) are dropped on the way, so no
client can break a line where copydesk did not.
"""

from __future__ import annotations

from typing import ClassVar

from copydesk.notify.message import Message, flat, is_web_url, lines

Marks = tuple[str, str]
NO_MARKS: Marks = ("", "")
DASHBOARD_LABEL = "Open in copydesk"


def wrap(marks: Marks, text: str) -> str:
    return f"{marks[0]}{text}{marks[1]}"


class Format:
    """Plain lines; the chat formats' shape (a quote is one ``> `` line)."""

    joint: ClassVar[str] = "\n> "
    bold: ClassVar[Marks] = NO_MARKS
    highlight: ClassVar[Marks] = NO_MARKS
    strong: ClassVar[Marks] = NO_MARKS
    emphasis: ClassVar[Marks] = NO_MARKS

    def escape(self, value: str) -> str:
        """One line of reader text, made inert in this format."""
        return value

    def one(self, value: str) -> str:
        """Reader text on one line."""
        return self.escape(flat(value))

    def many(self, value: str) -> str:
        """Reader text whose every line after the first starts with ``joint``."""
        return self.joint.join(self.escape(line) for line in lines(value))

    def link(self, url: str, label: str) -> str:
        """``label`` linked to ``url`` (only a web URL becomes a link)."""
        return self.one(label)

    def block(self, text: str) -> str:
        """One line of the message as this format writes it (HTML: a paragraph)."""
        return text

    def headline(self, m: Message) -> str:
        return self.block(f"{wrap(self.bold, self.one(m.headline))} · {self.one(m.site)}")

    def article(self, m: Message) -> list[str]:
        return [self.block(self.link(m.quote_url or m.url, m.title))]

    def quote(self, m: Message) -> str:
        passage = wrap(self.highlight, self.one(m.exact))
        return f"> …{self.one(m.prefix)}{passage}{self.one(m.suffix)}…"

    def field(self, label: str, value: str, marks: Marks) -> str:
        return self.block(f"{label}: {wrap(marks, self.many(value))}")

    def dashboard(self, m: Message) -> list[str]:
        return [self.block(self.link(m.dashboard_url, DASHBOARD_LABEL))]

    def document(self, out: list[str]) -> str:
        return "\n".join(out)


class Markup(Format):
    """HTML-like formats: ``<a href>`` links and a ``<blockquote>`` whose lines continue."""

    def link(self, url: str, label: str) -> str:
        if not is_web_url(url):
            return self.one(label)
        return f'<a href="{self.one(url)}">{self.one(label)}</a>'

    def quote(self, m: Message) -> str:
        passage = wrap(self.highlight, self.many(m.exact))
        return f"<blockquote>…{self.many(m.prefix)}{passage}{self.many(m.suffix)}…</blockquote>"


def render(m: Message, fmt: Format) -> str:
    """``m`` in the format ``fmt``."""
    out = [fmt.headline(m), *fmt.article(m), fmt.quote(m)]
    fields = (("Suggestion", m.suggestion, fmt.strong), ("Comment", m.comment, fmt.emphasis),
              ("Note", m.note, NO_MARKS))
    out += [fmt.field(label, value, marks) for label, value, marks in fields if value]
    out.append(fmt.block(f"Readers: {m.reporters}"))
    out += fmt.dashboard(m)
    return fmt.document(out)
