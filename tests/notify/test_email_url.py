"""COPYDESK_SMTP_URL forms."""

from __future__ import annotations

import pytest

from copydesk.notify.smtp import SmtpServer, parse_smtp_url


def test_smtp_url_forms() -> None:
    assert parse_smtp_url("smtp://mail.example") == SmtpServer(
        "mail.example", 25, tls=False, starttls=False, username="", password="")
    assert parse_smtp_url("smtps://u%40x:p%2Fw@mail.example") == SmtpServer(
        "mail.example", 465, tls=True, starttls=False, username="u@x", password="p/w")
    assert parse_smtp_url("smtp://mail.example:587?starttls=1").starttls
    with pytest.raises(ValueError, match="smtp://"):
        parse_smtp_url("http://mail.example")
