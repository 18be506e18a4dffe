"""A :class:`~copydesk.notify.message.Message` in each channel's format, escaped for it.

- plain text (email): nothing to escape;
- HTML (email): :func:`html.escape` on every field and attribute;
- Telegram HTML: only ``&``, ``<``, ``>`` and ``"`` become entities (the only named
  entities the Bot API knows), and only tags Telegram allows are used (b, i, a,
  blockquote);
- Slack mrkdwn: ``&``, ``<``, ``>`` escaped, so ``<!channel>`` or ``<@U123>`` in reader
  text cannot ping anyone;
- Discord markdown: markdown characters backslash-escaped, ``@everyone``/``@here``
  broken with a zero-width space (and the payload says ``allowed_mentions: parse []``).

Line breaks in reader text never start a line of their own: one-line fields (title,
site, headline; the quote in Slack and Discord, where a quote block is one line) are
flattened to one line, and in many-line fields (quote, suggestion, comment, note)
every line after the first starts with a quote mark: ``  > `` in plain text,
``<br>&gt; `` in HTML, ``&gt; `` in Telegram, a ``> `` quote line in Slack and
Discord.  Separators other than ``\\n`` (``\\u2028``, ``\\x85``, …) are dropped on the
way, so no client can break a line where copydesk did not.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from copydesk.notify.message import Message, flat, is_web_url, lines

ZWSP = "\u200b"


def _quote_line(m: Message, mark: tuple[str, str]) -> str:
    return f"…{m.prefix}{mark[0]}{m.exact}{mark[1]}{m.suffix}…"


def _continued(value: str, escape: Callable[[str], str], joint: str) -> str:
    """``value`` escaped line by line, each line after the first after ``joint``."""
    return joint.join(escape(line) for line in lines(value))


# ------------------------------------------------------------------------ plain text


TEXT_JOINT = "\n  > "


def _t(value: str) -> str:
    return _continued(value, str, TEXT_JOINT)


def text(m: Message) -> str:
    out = [f"[{flat(m.site)}] {flat(m.headline)}", f"Article: {flat(m.title)}",
           flat(m.quote_url or m.url), ""]
    out.append(f"Quote: {_t(_quote_line(m, ('[', ']')))}")
    if m.suggestion:
        out.append(f"Suggestion: {_t(m.suggestion)}")
    if m.comment:
        out.append(f"Comment: {_t(m.comment)}")
    if m.note:
        out.append(f"Note: {_t(m.note)}")
    out.append(f"Readers: {m.reporters}")
    out += ["", f"Open in copydesk: {flat(m.dashboard_url)}"]
    return "\n".join(out) + "\n"


def subject(m: Message) -> str:
    title = " ".join(m.title.split())
    if len(title) > 80:
        title = title[:79] + "…"
    return f"[{m.site}] {m.headline}: {title}"


# ------------------------------------------------------------------------ HTML email


def _escape_html(value: str) -> str:
    return html.escape(value, quote=True)


def _h(value: str) -> str:
    return _continued(value, _escape_html, "<br>&gt; ")


def _h_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return _h(flat(label))
    return f'<a href="{_h(flat(url))}">{_h(flat(label))}</a>'


def email_html(m: Message) -> str:
    parts = [
        f"<p><strong>{_h(flat(m.headline))}</strong> · {_h(flat(m.site))}</p>",
        f"<p>{_h_link(m.quote_url or m.url, m.title)}</p>",
        f"<blockquote>…{_h(m.prefix)}<mark>{_h(m.exact)}</mark>{_h(m.suffix)}…</blockquote>",
    ]
    if m.suggestion:
        parts.append(f"<p>Suggestion: <strong>{_h(m.suggestion)}</strong></p>")
    if m.comment:
        parts.append(f"<p>Comment: <em>{_h(m.comment)}</em></p>")
    if m.note:
        parts.append(f"<p>Note: {_h(m.note)}</p>")
    parts.append(f"<p>Readers: {m.reporters}</p>")
    parts.append(f"<p>{_h_link(m.dashboard_url, 'Open in copydesk')}</p>")
    return "<!doctype html>\n<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


# ------------------------------------------------------------------------ Telegram


def tg_escape(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _tg(value: str) -> str:
    return _continued(value, tg_escape, "\n&gt; ")


def _tg_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return tg_escape(flat(label))
    return f'<a href="{tg_escape(flat(url))}">{tg_escape(flat(label))}</a>'


def telegram(m: Message) -> str:
    out = [
        f"<b>{tg_escape(flat(m.headline))}</b> · {tg_escape(flat(m.site))}",
        _tg_link(m.quote_url or m.url, m.title),
        f"<blockquote>…{_tg(m.prefix)}<b>{_tg(m.exact)}</b>{_tg(m.suffix)}…</blockquote>",
    ]
    if m.suggestion:
        out.append(f"Suggestion: <b>{_tg(m.suggestion)}</b>")
    if m.comment:
        out.append(f"Comment: <i>{_tg(m.comment)}</i>")
    if m.note:
        out.append(f"Note: {_tg(m.note)}")
    out.append(f"Readers: {m.reporters}")
    out.append(_tg_link(m.dashboard_url, "Open in copydesk"))
    return "\n".join(out)


# ------------------------------------------------------------------------ Slack


def slack_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: A new line that Slack and Discord both show as a quote (``>`` is escaped in reader
#: text, so only copydesk writes this mark).
CHAT_JOINT = "\n> "


def _slack(value: str) -> str:
    return _continued(value, slack_escape, CHAT_JOINT)


def _slack_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return slack_escape(flat(label))
    safe_url = slack_escape(flat(url)).replace("|", "%7C")
    return f"<{safe_url}|{slack_escape(flat(label))}>"


def slack(m: Message) -> str:
    out = [
        f"*{slack_escape(flat(m.headline))}* · {slack_escape(flat(m.site))}",
        _slack_link(m.quote_url or m.url, m.title),
        f"> …{slack_escape(flat(m.prefix))}*{slack_escape(flat(m.exact))}*"
        f"{slack_escape(flat(m.suffix))}…",
    ]
    if m.suggestion:
        out.append(f"Suggestion: {_slack(m.suggestion)}")
    if m.comment:
        out.append(f"Comment: {_slack(m.comment)}")
    if m.note:
        out.append(f"Note: {_slack(m.note)}")
    out.append(f"Readers: {m.reporters}")
    out.append(_slack_link(m.dashboard_url, "Open in copydesk"))
    return "\n".join(out)


# ------------------------------------------------------------------------ Discord

_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()<:-])")
_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)


def discord_escape(value: str) -> str:
    return _MENTION.sub(lambda m: f"@{ZWSP}{m.group(1)}", _MARKDOWN.sub(r"\\\1", value))


def _discord(value: str) -> str:
    return _continued(value, discord_escape, CHAT_JOINT)


def discord(m: Message) -> str:
    out = [
        f"**{discord_escape(flat(m.headline))}** · {discord_escape(flat(m.site))}",
        discord_escape(flat(m.title)),
        _discord_url(m.quote_url or m.url),
        f"> …{discord_escape(flat(m.prefix))}**{discord_escape(flat(m.exact))}**"
        f"{discord_escape(flat(m.suffix))}…",
    ]
    if m.suggestion:
        out.append(f"Suggestion: {_discord(m.suggestion)}")
    if m.comment:
        out.append(f"Comment: {_discord(m.comment)}")
    if m.note:
        out.append(f"Note: {_discord(m.note)}")
    out.append(f"Readers: {m.reporters}")
    out.append(f"Open in copydesk: {_discord_url(m.dashboard_url)}")
    return "\n".join(out)


def _discord_url(url: str) -> str:
    url = flat(url)
    if not is_web_url(url):
        return discord_escape(url)
    # <…> keeps Discord from embedding a preview; these characters would end it early.
    safe = url.replace(">", "%3E").replace(" ", "%20").replace("\n", "%0A")
    return f"<{_MENTION.sub(lambda m: f'%40{m.group(1)}', safe)}>"
