"""The editors' dashboard: server-rendered pages behind a login.

``routes`` is added to the app in :func:`copydesk.app.create_app`.  Every page goes
through :func:`copydesk.web.dashboard.security.page` (session, role, CSRF); every route
answers with the headers of :class:`~copydesk.web.dashboard.headers.SecurityHeaders`.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from copydesk.web.dashboard import (
    account,
    admin,
    admin_channels,
    admin_preferences,
    admin_sites,
    admin_users,
    articles,
    assets,
    auth,
    corrections,
    detail,
    listing,
    silent,
    standards,
    words,
)
from copydesk.web.dashboard.headers import SecurityHeaders
from copydesk.web.dashboard.language import Localised

routes: list[BaseRoute] = [
    Route("/", listing.queue_page, methods=["GET"]),
    Route("/queue", listing.queue_page, methods=["GET"]),
    Route("/queue/new.json", listing.new_count, methods=["GET"]),
    Route("/undo", detail.undo, methods=["POST"]),
    Route("/groups/{group_id}/candidates.json", detail.candidates, methods=["GET"]),
    Route("/groups/bulk", listing.bulk, methods=["POST"]),
    Route("/export.{fmt}", listing.export_page, methods=["GET"]),
    Route("/groups/{group_id}", detail.group_page, methods=["GET"]),
    Route("/groups/{group_id}/status", detail.change_status, methods=["POST"]),
    Route("/groups/{group_id}/assign", detail.assign, methods=["POST"]),
    Route("/groups/{group_id}/confirm-fix", detail.confirm_fix, methods=["POST"]),
    Route("/articles/{article_id}", articles.article_page, methods=["GET"]),
    Route("/articles/{article_id}/diff", articles.diff_page, methods=["GET"]),
    Route("/silent-edits", silent.silent_edits_page, methods=["GET"]),
    Route("/corrections", corrections.list_page, methods=["GET"]),
    Route("/corrections/settings", corrections.site_settings, methods=["POST"]),
    Route("/corrections/new", corrections.new_page, methods=["GET"]),
    Route("/corrections/new", corrections.create, methods=["POST"]),
    Route("/corrections/{correction_id}", corrections.correction_page, methods=["GET"]),
    Route("/corrections/{correction_id}", corrections.update, methods=["POST"]),
    Route("/corrections/{correction_id}/publish", corrections.publish, methods=["POST"]),
    Route("/corrections/{correction_id}/withdraw", corrections.withdraw, methods=["POST"]),
    Route("/standards", standards.standards_page, methods=["GET"]),
    Route("/login", auth.login_form, methods=["GET"]),
    Route("/login", auth.login, methods=["POST"]),
    Route("/logout", auth.logout, methods=["POST"]),
    Route("/account", account.account_page, methods=["GET"]),
    Route("/account", account.save, methods=["POST"]),
    Route("/account/time-zone", account.browser_zone, methods=["POST"]),
    Route("/account/password", auth.password_form, methods=["GET"]),
    Route("/account/password", auth.change_password, methods=["POST"]),
    Route("/admin/users", admin.users_page, methods=["GET"]),
    Route("/admin/users", admin.add_user, methods=["POST"]),
    Route("/admin/users/{user_id}", admin.update_user, methods=["POST"]),
    Route("/admin/sites", admin.sites_page, methods=["GET"]),
    Route("/admin/sites", admin.add_site, methods=["POST"]),
    Route("/admin/audit", admin.audit_page, methods=["GET"]),
    Route("/admin/sites/{site_id}", admin_sites.site_page, methods=["GET"]),
    Route("/admin/sites/{site_id}", admin_sites.change_site, methods=["POST"]),
    Route("/admin/sites/{site_id}/remove", admin_sites.remove_page, methods=["GET"]),
    Route("/admin/sites/{site_id}/remove", admin_sites.remove, methods=["POST"]),
    Route("/admin/sites/{site_id}/channels", admin_channels.channels_page, methods=["GET"]),
    Route("/admin/sites/{site_id}/channels", admin_channels.add_channel, methods=["POST"]),
    Route("/admin/channels/{channel_id}", admin_channels.change_channel, methods=["POST"]),
    Route("/admin/users/{user_id}/reset", admin_users.reset_link, methods=["POST"]),
    Route("/password-reset/{token}", admin_users.reset_form, methods=["GET"]),
    Route("/password-reset/{token}", admin_users.reset, methods=["POST"]),
    Route("/account/notifications", admin_preferences.preferences_page, methods=["GET"]),
    Route("/account/notifications", admin_preferences.save_preferences, methods=["POST"]),
    Route("/sites/{site_id}/words", words.words_page, methods=["GET"]),
    Route("/sites/{site_id}/words", words.change_words, methods=["POST"]),
    assets.mount(),
]
# The security headers on every answer of every dashboard route (headers.py), and the
# browser's language (language.py).
for _route in routes:
    if isinstance(_route, Route):
        _route.app = SecurityHeaders(Localised(_route.app))
