"""A :class:`~copydesk.notify.message.Message` in each kind's format, by name.

The layout is :func:`copydesk.notify.format.render`; each format (its escaping and
marks) lives with its kind in :mod:`copydesk.notify.kinds`.
"""

from __future__ import annotations

from copydesk.notify.format import render
from copydesk.notify.kinds import discord as _discord
from copydesk.notify.kinds import email as _email
from copydesk.notify.kinds import slack as _slack
from copydesk.notify.kinds import telegram as _telegram
from copydesk.notify.message import Message

subject = _email.subject
telegram = _telegram.text
slack = _slack.text
discord = _discord.text


def text(m: Message) -> str:
    """Plain text (e-mail)."""
    return render(m, _email.TEXT)


def email_html(m: Message) -> str:
    """HTML (e-mail)."""
    return render(m, _email.HTML)
