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
"""

from __future__ import annotations

import html
import re

from copydesk.notify.message import Message, is_web_url

ZWSP = "\u200b"


def _quote_line(m: Message, mark: tuple[str, str]) -> str:
    return f"…{m.prefix}{mark[0]}{m.exact}{mark[1]}{m.suffix}…"


# ------------------------------------------------------------------------ plain text


def text(m: Message) -> str:
    lines = [f"[{m.site}] {m.headline}", f"Article: {m.title}", m.quote_url or m.url, ""]
    lines.append(f"Quote: {_quote_line(m, ('[', ']'))}")
    if m.suggestion:
        lines.append(f"Suggestion: {m.suggestion}")
    if m.comment:
        lines.append(f"Comment: {m.comment}")
    if m.note:
        lines.append(f"Note: {m.note}")
    lines.append(f"Readers: {m.reporters}")
    lines += ["", f"Open in copydesk: {m.dashboard_url}"]
    return "\n".join(lines) + "\n"


def subject(m: Message) -> str:
    title = " ".join(m.title.split())
    if len(title) > 80:
        title = title[:79] + "…"
    return f"[{m.site}] {m.headline}: {title}"


# ------------------------------------------------------------------------ HTML email


def _h(value: str) -> str:
    return html.escape(value, quote=True)


def _h_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return _h(label)
    return f'<a href="{_h(url)}">{_h(label)}</a>'


def email_html(m: Message) -> str:
    parts = [
        f"<p><strong>{_h(m.headline)}</strong> · {_h(m.site)}</p>",
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


def _tg_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return tg_escape(label)
    return f'<a href="{tg_escape(url)}">{tg_escape(label)}</a>'


def telegram(m: Message) -> str:
    lines = [
        f"<b>{tg_escape(m.headline)}</b> · {tg_escape(m.site)}",
        _tg_link(m.quote_url or m.url, m.title),
        f"<blockquote>…{tg_escape(m.prefix)}<b>{tg_escape(m.exact)}</b>"
        f"{tg_escape(m.suffix)}…</blockquote>",
    ]
    if m.suggestion:
        lines.append(f"Suggestion: <b>{tg_escape(m.suggestion)}</b>")
    if m.comment:
        lines.append(f"Comment: <i>{tg_escape(m.comment)}</i>")
    if m.note:
        lines.append(f"Note: {tg_escape(m.note)}")
    lines.append(f"Readers: {m.reporters}")
    lines.append(_tg_link(m.dashboard_url, "Open in copydesk"))
    return "\n".join(lines)


# ------------------------------------------------------------------------ Slack


def slack_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(url: str, label: str) -> str:
    if not is_web_url(url):
        return slack_escape(label)
    safe_url = slack_escape(url).replace("|", "%7C")
    return f"<{safe_url}|{slack_escape(label)}>"


def slack(m: Message) -> str:
    lines = [
        f"*{slack_escape(m.headline)}* · {slack_escape(m.site)}",
        _slack_link(m.quote_url or m.url, m.title),
        f"> …{slack_escape(_flat(m.prefix))}*{slack_escape(_flat(m.exact))}*"
        f"{slack_escape(_flat(m.suffix))}…",
    ]
    if m.suggestion:
        lines.append(f"Suggestion: {slack_escape(m.suggestion)}")
    if m.comment:
        lines.append(f"Comment: {slack_escape(m.comment)}")
    if m.note:
        lines.append(f"Note: {slack_escape(m.note)}")
    lines.append(f"Readers: {m.reporters}")
    lines.append(_slack_link(m.dashboard_url, "Open in copydesk"))
    return "\n".join(lines)


def _flat(value: str) -> str:
    """One line (a quote block is one line in Slack and Discord), edges kept."""
    return re.sub(r"\s+", " ", value)


# ------------------------------------------------------------------------ Discord

_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]()<:-])")
_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)


def discord_escape(value: str) -> str:
    return _MENTION.sub(lambda m: f"@{ZWSP}{m.group(1)}", _MARKDOWN.sub(r"\\\1", value))


def discord(m: Message) -> str:
    lines = [
        f"**{discord_escape(m.headline)}** · {discord_escape(m.site)}",
        discord_escape(m.title),
        _discord_url(m.quote_url or m.url),
        f"> …{discord_escape(_flat(m.prefix))}**{discord_escape(_flat(m.exact))}**"
        f"{discord_escape(_flat(m.suffix))}…",
    ]
    if m.suggestion:
        lines.append(f"Suggestion: {discord_escape(m.suggestion)}")
    if m.comment:
        lines.append(f"Comment: {discord_escape(m.comment)}")
    if m.note:
        lines.append(f"Note: {discord_escape(m.note)}")
    lines.append(f"Readers: {m.reporters}")
    lines.append(f"Open in copydesk: {_discord_url(m.dashboard_url)}")
    return "\n".join(lines)


def _discord_url(url: str) -> str:
    if not is_web_url(url):
        return discord_escape(url)
    # <…> keeps Discord from embedding a preview; these characters would end it early.
    safe = url.replace(">", "%3E").replace(" ", "%20").replace("\n", "%0A")
    return f"<{_MENTION.sub(lambda m: f'%40{m.group(1)}', safe)}>"
