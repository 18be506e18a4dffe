"""Admin: a site's channels — list, add (a form generated from the kind's options,
checked by the kind), test message, enable/disable, webhook secret rotation, remove.

A new channel's secrets (a webhook's signing secret: the kind's ``shown_once``) and a
rotated secret are shown once, on the page that answers the action, and never again:
listings show the kind's ``describe``, which masks them.  Every change is audited.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection
from starlette.responses import Response

from copydesk import channel_admin, i18n, preferences, sites, webhook_secrets
from copydesk.i18n import N_, Text
from copydesk.notify import channels, registry
from copydesk.notify.kind import ChannelError, Kind
from copydesk.web.dashboard import errorpage, params
from copydesk.web.dashboard.admin_common import audit, back
from copydesk.web.dashboard.security import Visit, page
from copydesk.web.dashboard.templates import render

#: The overlap offered by default after a webhook secret rotation, in hours.
SECRET_OVERLAP_HOURS = 24
#: Option names whose values are secrets: typed into password fields.
SECRET_OPTIONS = frozenset({"token", "secret", "password"})


def _path(site_id: int) -> str:
    return f"/admin/sites/{site_id}/channels"


def _kind(raw: str) -> Kind:
    name = params.choice(raw, "kind", sorted(registry.KINDS), next(iter(registry.KINDS)))
    return registry.get(name)


def _listing(conn: Connection, site_id: int) -> dict[str, Any]:
    site = sites.by_id(conn, site_id)
    if site is None:
        raise errorpage.not_found("site")
    rows = channel_admin.of_site(conn, site_id)
    return {"site": site, "channels": rows,
            "owners": preferences.owners(conn, [r.id for r in rows])}


def _page(visit: Visit, values: dict[str, Any], kind: Kind, *, status_code: int = 200,
          errors: dict[str, str] | None = None, form: dict[str, str] | None = None,
          shown_once: list[str] | None = None) -> Response:
    return render("dashboard/admin_channels.html",
                  flash=visit.flash, status_code=status_code, user=visit.user,
                  csrf_token=visit.session.csrf_token, kinds=list(registry.KINDS.values()),
                  kind=kind, errors=errors or {}, form=form or {},
                  shown_once=shown_once or [], secret_options=SECRET_OPTIONS,
                  overlap_hours=SECRET_OVERLAP_HOURS,
                  **values)


@page(admin=True)
async def channels_page(visit: Visit) -> Response:
    site_id = params.path_id(visit.request, "site_id")
    kind = _kind(visit.request.query_params.get("kind", ""))
    values = await visit.ctx.db.read(lambda conn: _listing(conn, site_id))
    return _page(visit, values, kind)


@page(admin=True)
async def add_channel(visit: Visit) -> Response:
    site_id = params.path_id(visit.request, "site_id")
    kind = _kind(visit.form.get("kind"))
    given = {o.name: params.text(visit.form.get(o.name), o.name) for o in kind.options}
    checked = channel_admin.check(kind, given, visit.ctx.settings.allow_private_targets)
    user = visit.user

    def run(conn: Connection) -> int | None:
        if sites.by_id(conn, site_id) is None:
            return None
        channel_id = channels.create(conn, site_id, kind.name, checked.config)
        audit(conn, user, "channel.add", site_id=site_id, to_value=f"{kind.name} {channel_id}",
              note=kind.describe(checked.config))
        return channel_id

    if checked.errors:
        values = await visit.ctx.db.read(lambda conn: _listing(conn, site_id))
        return _page(visit, values, kind, status_code=400, errors=checked.errors, form=given)
    channel_id = await visit.ctx.db.write(run)
    if channel_id is None:
        raise errorpage.not_found("site")
    values = await visit.ctx.db.read(lambda conn: _listing(conn, site_id))
    once = kind.shown_once(checked.config)
    if not once:
        return back(visit, _path(site_id), Text(N_("Channel %(id)s added: %(target)s"),
                                                id=channel_id,
                                                target=kind.describe(checked.config)))
    return _page(visit, values, kind, shown_once=once)


@page(admin=True)
async def change_channel(visit: Visit) -> Response:
    """``action``: ``test``, ``enable``, ``disable``, ``rotate`` (hours), ``remove``
    (with ``confirm``)."""
    channel_id = params.path_id(visit.request, "channel_id")
    form, user, ctx = visit.form, visit.user, visit.ctx
    action = params.choice(form.get("action"), "action",
                           ("test", "enable", "disable", "rotate", "remove"), "")
    found = await ctx.db.read(lambda conn: channels.load(conn, channel_id))
    if found is None:
        raise errorpage.not_found("channel")
    kind, config, site_id = found
    path = _path(site_id)
    if action == "test":
        site = await ctx.db.read(lambda conn: sites.by_id(conn, site_id))
        assert site is not None
        failure = await channel_admin.send_test(ctx.settings, kind, config, site.key, site.name)

        def record(conn: Connection) -> None:
            audit(conn, user, "channel.test", site_id=site_id, to_value=str(channel_id),
                  note=failure or "delivered")

        await ctx.db.write(record)
        return back(visit, path, Text(N_("Test message not delivered through channel %(id)s: "
                                  "%(why)s"), id=channel_id, why=failure)
                    if failure else Text(N_("Test message sent through channel %(id)s."),
                                         id=channel_id))
    if action == "remove" and form.get("confirm") != "yes":
        return back(visit, path, Text(N_("Tick the box to confirm removing channel %(id)s."),
                               id=channel_id))
    hours_text = form.get("hours", str(SECRET_OVERLAP_HOURS)).strip()
    if action == "rotate" and not (hours_text.isascii() and hours_text.isdigit()):
        return back(visit, path, Text(N_("The overlap is a whole number of hours.")))

    def run(conn: Connection) -> str:
        if action in {"enable", "disable"}:
            channel_admin.set_enabled(conn, channel_id, action == "enable")
            audit(conn, user, f"channel.{action}", site_id=site_id, to_value=str(channel_id))
            return Text(N_("Channel %(id)s enabled.") if action == "enable"
                        else N_("Channel %(id)s disabled."), id=channel_id)
        if action == "remove":
            channels.remove(conn, channel_id)
            audit(conn, user, "channel.remove", site_id=site_id, from_value=str(channel_id),
                  note=f"{kind} {registry.KINDS[kind].describe(config)}"
                  if kind in registry.KINDS else kind)
            return Text(N_("Channel %(id)s removed."), id=channel_id)
        if action == "rotate":
            secret = webhook_secrets.rotate(conn, channel_id, int(hours_text))
            audit(conn, user, "channel.secret_rotate", site_id=site_id,
                  to_value=str(channel_id), note=f"old secret signs for {int(hours_text)} h")
            return secret
        return ""

    try:
        result = await ctx.db.write(run)
    except ChannelError as exc:
        return back(visit, path, i18n.say(exc))
    if action != "rotate":
        return back(visit, path, result or Text(N_("Unknown action.")))
    values = await ctx.db.read(lambda conn: _listing(conn, site_id))
    once = [i18n.say(Text(N_("New signing secret of channel %(id)s (shown once, store it "
                             "now): %(secret)s"), id=channel_id, secret=result)),
            i18n.say(Text(N_("The old secret also signs every request for %(hours)s more "
                             "hours."), hours=int(hours_text)))]
    return _page(visit, values, registry.get(kind), shown_once=once)
