"""One's own dashboard settings (``/account``): the language and the time zone.

Both may be left to the browser (stored as NULL): the language is then taken from
``Accept-Language`` on every request, and the zone is set once by the dashboard's script
(``POST /account/time-zone`` with the browser's IANA name, kept only while none is set).
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.responses import JSONResponse, Response

from copydesk import accounts, i18n
from copydesk.web.dashboard import params
from copydesk.web.dashboard.language import locale_of
from copydesk.web.dashboard.security import Visit, page

PATH = "/account"


@page()
async def account_page(visit: Visit) -> Response:
    browser = i18n.pick(visit.request.headers.get("accept-language"))
    return visit.render("dashboard/account.html", languages=i18n.NAMES,
                        browser_language=browser, zones=sorted(i18n.zones()),
                        now=datetime.now(UTC))


@page()
async def save(visit: Visit) -> Response:
    form, user = visit.form, visit.user
    lang = params.choice(form.get("language"), "language", i18n.LANGUAGES, "") or None
    raw_zone = params.text(form.get("time_zone"), "time_zone", 64)
    zone = i18n.zone(raw_zone) if raw_zone else None
    if raw_zone and zone is None:
        raise params.InputError(400, "invalid_choice", "time_zone is not a known time zone",
                                "time_zone")
    await visit.ctx.db.write(lambda conn: accounts.set_locale(conn, user.id, lang, zone))
    # The message in the language just chosen.
    chosen = accounts.User(user.id, user.email, user.role, user.disabled, user.site_ids,
                           lang, zone)
    with i18n.using(locale_of(visit.request, chosen)):
        text = i18n.gettext("Language and time zone saved.")
    return visit.redirect(PATH, text)


@page()
async def browser_zone(visit: Visit) -> Response:
    """The script's one call: the browser's zone, or UTC when it names none we know."""
    zone = i18n.zone(params.text(visit.form.get("time_zone"), "time_zone", 64)) \
        or i18n.DEFAULT_ZONE
    user_id = visit.user.id
    await visit.ctx.db.write(lambda conn: accounts.set_time_zone_once(conn, user_id, zone))
    return JSONResponse({"time_zone": zone})
