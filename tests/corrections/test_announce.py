"""``correction.published``: queued through the outbox to the site's channels only when
the site announces corrections; a typed event that says what was wrong and what is
right and links the article, escaped by each channel."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from starlette.applications import Starlette

from copydesk import events
from copydesk.notify.kinds import email, telegram
from copydesk.notify.message import from_event
from copydesk.storage import schema
from tests.corrections.conftest import Newsroom
from tests.dashboard.conftest import read, write

HOSTILE = "It said <i>5</i> & </script>; it is 6."


def _channel(app: Starlette, newsroom: Newsroom) -> int:
    ch = schema.channels
    site_id = newsroom.site.id
    return int(write(app, lambda conn: conn.execute(ch.insert().values(
        site_id=site_id, kind="webhook", config={"url": "https://hooks.example/x"},
        enabled=True, created_at=datetime.now(UTC),
    ).returning(ch.c.id)).scalar_one()))


def _queued(app: Starlette) -> list[tuple[str, dict[str, object]]]:
    o = schema.outbox
    return [(str(r.event_type), dict(r.payload)) for r in read(app, lambda conn: conn.execute(
        select(o.c.event_type, o.c.payload).where(o.c.event_type == "correction.published")
        .order_by(o.c.id)).all())]


def test_announced_only_when_the_site_opts_in(app: Starlette, newsroom: Newsroom) -> None:
    _channel(app, newsroom)
    aid = newsroom.article(url="https://news.example/budget", title="Budget")
    newsroom.published(aid, "Quiet correction.")
    assert _queued(app) == []  # off by default

    newsroom.set_site(announce_corrections=True)
    gid = newsroom.group(aid, exact="5", suggestion="6", status="fixed")
    cid = newsroom.published(aid, HOSTILE, group_id=gid)
    [(kind, payload)] = _queued(app)
    assert kind == "correction.published"
    event = events.parse(kind, payload)
    assert isinstance(event, events.CorrectionPublished)
    assert event.correction.id == cid and event.correction.text == HOSTILE
    assert event.correction.url == f"/c/daily-key/corrections/{cid}"
    assert event.article.url == "https://news.example/budget" and event.group.id == gid
    assert event.group.dashboard_url == f"/corrections/{cid}"

    message = from_event(kind, payload)
    assert message.headline == "Correction published (correction)"
    assert HOSTILE in message.note and message.url == "https://news.example/budget"
    html = telegram.text(message)
    assert "<i>" not in html and "&lt;i&gt;5&lt;/i&gt; &amp; &lt;/script&gt;" in html
    mail = email.mail(event)
    assert HOSTILE in mail.text and "</script>" not in mail.html
    assert 'href="https://news.example/budget' in mail.html


def test_no_channel_no_event(app: Starlette, newsroom: Newsroom) -> None:
    newsroom.set_site(announce_corrections=True)
    newsroom.published(newsroom.article())
    assert _queued(app) == []
