"""The dashboard in English, Ukrainian and Russian, in each editor's time zone.

The language comes from the user's setting, else the browser's Accept-Language; plural
forms follow Babel's rules; dates are Babel's, in the user's zone, with ``<time
datetime>`` in UTC; every msgid of the templates is in every catalog.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from babel import Locale as BabelLocale
from sqlalchemy import Connection, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from copydesk import accounts, i18n, sites
from copydesk.models import Role, Site
from copydesk.storage import schema
from copydesk.web.dashboard import admin_users, auth, errorpage, listing
from copydesk.web.dashboard.templates import environment
from tests.browser import chromium
from tests.conftest import LiveServer
from tests.dashboard.conftest import ADMIN, EDITOR, PASSWORD, csrf_of, login, read, write

TEMPLATES = Path(i18n.__file__).parent.parent / "templates" / "dashboard"
#: The pages whose every visible word is marked for translation (the rest: English).
TRANSLATED = ("_anchor.html", "account.html", "admin_channels.html", "admin_reset_link.html",
              "admin_site.html",
              "admin_site_remove.html", "article.html", "correction.html",
              "correction_fields.html", "correction_new.html", "corrections.html",
              "corrections_standards.html",
              "audit.html", "base.html", "diff.html", "error.html", "group.html", "login.html",
              "password.html", "password_reset.html", "preferences.html", "queue.html",
              "silent.html", "sites.html", "users.html", "words.html")
T0 = datetime(2026, 3, 2, 14, 5, tzinfo=UTC)


def _article_of(app: Starlette, group_id: int) -> int:
    g = schema.report_groups
    return int(read(app, lambda c: c.execute(select(g.c.article_id)
                                             .where(g.c.id == group_id)).scalar_one()))


def _group(app: Starlette, site: Site, *, url: str, exact: str, at: datetime = T0,
           readers: int = 1) -> int:
    """A new group with one report, written straight to the database."""

    def run(conn: Connection) -> int:
        a, g = schema.articles, schema.report_groups
        article = conn.execute(select(a.c.id).where(a.c.site_id == site.id, a.c.url == url)
                               ).scalar()
        if article is None:
            article = conn.execute(a.insert().values(
                site_id=site.id, url=url, title="A story", lang="en", created_at=at,
                updated_at=at).returning(a.c.id)).scalar_one()
        gid = conn.execute(g.insert().values(
            site_id=site.id, article_id=article, status="new", exact=exact, prefix="In ",
            suffix=" end.", reporter_count=readers, has_suggestion=False, created_at=at,
            updated_at=at, last_reported_at=at).returning(g.c.id)).scalar_one()
        conn.execute(schema.reports.insert().values(
            site_id=site.id, article_id=article, group_id=gid, url=url, exact=exact,
            prefix="In ", suffix=" end.", suggestion="", comment="", title="A story",
            lang="en", ip_hash="", created_at=at))
        return int(gid)

    return int(write(app, run))


def _user_row(app: Starlette, email: str) -> Any:
    u = schema.users
    return read(app, lambda c: c.execute(select(u.c.language, u.c.time_zone)
                                         .where(u.c.email == email)).one())


def _set_locale(app: Starlette, email: str, language: str | None, zone: str | None) -> None:
    user = read(app, lambda c: accounts.by_email(c, email))
    write(app, lambda c: accounts.set_locale(c, user.id, language, zone))


# The mechanism, without a database


@pytest.mark.parametrize(("header", "expected"), [
    ("uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7", "uk"),
    ("de-DE, ru;q=0.5, en;q=0.4", "ru"),
    ("en;q=0.1, uk;q=0.9", "uk"),
    ("ru-RU", "ru"),
    ("de, fr;q=0.8", "en"),
    ("uk;q=0, ru;q=0", "en"),
    ("*", "en"),
    ("", "en"),
    ("uk;q=abc, ru", "ru"),
])
def test_accept_language_picks_one_of_ours(header: str, expected: str) -> None:
    assert i18n.pick(header) == expected


@pytest.mark.parametrize(("lang", "forms"), [
    ("uk", {1: "1 група", 2: "2 групи", 5: "5 груп", 11: "11 груп", 21: "21 група",
            22: "22 групи", 0: "0 груп"}),
    ("ru", {1: "1 группа", 2: "2 группы", 5: "5 групп", 11: "11 групп", 21: "21 группа",
            22: "22 группы", 0: "0 групп"}),
    ("en", {1: "1 group", 2: "2 groups", 5: "5 groups", 21: "21 groups", 0: "0 groups"}),
])
def test_plural_forms_follow_babel(lang: str, forms: dict[int, str]) -> None:
    template = environment().from_string(
        "{% trans count=n %}{{ count }} group{% pluralize %}{{ count }} groups{% endtrans %}")
    with i18n.using(i18n.Locale(lang)):
        assert {n: template.render(n=n) for n in forms} == forms


def test_an_untranslated_string_falls_back_to_english() -> None:
    template = environment().from_string(
        '{{ _("Queue") }} · {{ _("A phrase no catalog has") }} · '
        '{% trans n=3 %}{{ n }} things nobody translated{% endtrans %}')
    with i18n.using(i18n.Locale("uk")):
        assert template.render() == "Черга · A phrase no catalog has · 3 things nobody translated"
    with i18n.using(i18n.Locale("ru")):
        assert i18n.ngettext("%(count)s apple", "%(count)s apples", 5) == "%(count)s apples"


def test_translations_are_escaped_like_everything_else() -> None:
    template = environment().from_string("{% trans word=w %}Add “{{ word }}” to the "
                                         "dictionary…{% endtrans %}")
    with i18n.using(i18n.Locale("uk")):
        assert template.render(w="<script>") == "Додати «&lt;script&gt;» до словника…"


def test_dates_and_numbers_per_locale_and_zone() -> None:
    kyiv, york = "Europe/Kyiv", "America/New_York"
    cases = {
        i18n.Locale("en"): "2026-03-02 14:05 UTC",
        i18n.Locale("en", york): "2026-03-02 09:05 America/New_York",
        i18n.Locale("uk", kyiv): "2 бер. 2026\u202fр., 16:05 Europe/Kyiv",
        i18n.Locale("ru", kyiv): "2 мар. 2026\u202fг., 16:05 Europe/Kyiv",
    }
    for locale, expected in cases.items():
        with i18n.using(locale):
            assert i18n.when(T0) == expected
            assert i18n.when(T0.replace(tzinfo=None)) == expected  # naive means UTC
    now = T0 + timedelta(hours=3)
    with i18n.using(i18n.Locale("uk", kyiv)):
        assert i18n.ago(T0, now) == "3 години тому"
        assert i18n.ago(T0, T0 + timedelta(seconds=5)) == "щойно"
        assert i18n.ago(T0, T0 + timedelta(days=40)) == "2 бер. 2026\u202fр."
        assert i18n.number(1234567) == "1\xa0234\xa0567"
    with i18n.using(i18n.Locale("ru")):
        assert i18n.ago(T0, T0 + timedelta(minutes=5)) == "5 минут назад"
    with i18n.using(i18n.Locale("en")):
        assert i18n.ago(T0, T0 + timedelta(days=2)) == "2 days ago"
        assert i18n.number(1234567) == "1,234,567"
    # A day just after midnight in Kyiv is the next day there.
    with i18n.using(i18n.Locale("uk", kyiv)):
        assert i18n.day(datetime(2026, 3, 2, 23, 30, tzinfo=UTC)) == "3 бер. 2026\u202fр."


def test_unknown_zone_and_language_are_refused() -> None:
    assert i18n.zone("Europe/Kyiv") == "Europe/Kyiv"
    assert i18n.zone("UTC") == "UTC"
    assert i18n.zone("Mars/Olympus") is None
    assert i18n.zone("../../etc/passwd") is None
    assert i18n.language("uk") == "uk"
    assert i18n.language("de") is None


# The catalogs


def _template_msgids() -> dict[str, tuple[bool, str]]:
    """msgid → (is a plural, first template using it), over every dashboard template."""
    found: dict[str, tuple[bool, str]] = {}
    for path in sorted(TEMPLATES.glob("*.html")):
        for _line, _fn, message in environment().extract_translations(path.read_text()):
            if isinstance(message, str):
                found.setdefault(message, (False, path.name))
            elif message and message[0]:
                plural = len(message) > 1 and message[1] is not None
                found.setdefault(message[0], (plural, path.name))
    return found


SOURCE = Path(i18n.__file__).parent.parent


def _marked_msgids() -> dict[str, str]:
    """Every string given to ``N_`` (or straight to ``gettext``/``ngettext``) anywhere in
    ``src/copydesk`` → where: found in the source itself, so a msgid marked in a new
    module cannot be forgotten."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "N_":
                assert len(node.args) == 1 and isinstance(node.args[0], ast.Constant), (
                    f"{path}:{node.lineno}: N_ takes one string literal")
            if name in {"N_", "gettext", "ngettext"} and node.args \
                    and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.setdefault(node.args[0].value, f"{path.name}:{node.lineno}")
    return found


def _kind_msgids() -> set[str]:
    """The channel kinds' own words shown on the channels page (their summary, each
    option's help), kept in copydesk.notify and translated where shown."""
    from copydesk.notify import registry

    return {text for kind in registry.KINDS.values()
            for text in (kind.summary, *(o.help for o in kind.options))}


def _python_msgids() -> set[str]:
    """Text made in Python that the templates pass through ``translate``."""
    statuses = ("accepted", "fixed", "rejected", "duplicate", "spam")
    return {*i18n.PYTHON_MSGIDS, *_marked_msgids(), *_kind_msgids(),
            *errorpage.TITLES.values(), "Cannot do that",
            "There is nothing here, or it is not on one of your sites.",
            "This page is for admins only.", auth.FAILED, auth.LIMITED, auth.CHANGE_LIMITED,
            admin_users.GONE,
            "The current password is wrong.", "The new passwords differ.",
            *listing.FILTER_LABELS.values(),
            "No more groups on this side: go back to the first page.",
            "No group matches these filters. Clear a filter to see more.",
            "No new reports: the queue is clear.", "No reports yet.",
            *(f"No {s} groups." for s in statuses)}


def test_every_enum_value_shown_has_a_label() -> None:
    from copydesk.anchoring import State
    from copydesk.corrections.model import Kind, Placement, Severity
    from copydesk.corrections.model import Status as CorrectionStatus
    from copydesk.models import ReportStatus

    assert {s.value for s in ReportStatus} | {"all"} == set(i18n.STATUS_LABELS)
    assert {s.value for s in State} | {"unanchored", "any"} == set(i18n.ANCHOR_LABELS)
    assert {r.value for r in Role} == set(i18n.ROLE_LABELS)
    shown = {v.value for enum in (Kind, Placement, Severity, CorrectionStatus) for v in enum}
    assert shown == set(i18n.CORRECTION_LABELS)
    with i18n.using(i18n.Locale("ru")):
        assert [i18n.status_label(s) for s in ("new", "duplicate")] == ["новая", "дубликат"]
        assert i18n.anchor_label("orphaned") == "потеряно"
        assert i18n.correction_label("editors_note") == "примечание редакции"
        assert i18n.status_label("unknown") == "unknown"


def test_the_python_messages_listed_are_the_ones_the_pages_say() -> None:
    """The empty states listed above are listing.empty_reason's own words."""
    from copydesk.web.dashboard import queue as q

    said = {listing.empty_reason(q.QueueFilter(status=s), []) for s in q.STATUS_CHOICES}
    said.add(listing.empty_reason(q.QueueFilter(), [("search", "x", "/")]))
    said.add(listing.empty_reason(q.QueueFilter(after=("x", 1)), []))
    assert said <= _python_msgids()


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_msgid_is_in_the_catalog(lang: str) -> None:
    catalog = i18n.catalog(lang)
    categories = set(BabelLocale.parse(lang).plural_form.tags) | {"other"}
    missing = [f"{where}: {msgid}" for msgid, (_plural, where) in _template_msgids().items()
               if msgid not in catalog]
    missing += [f"python: {msgid}" for msgid in sorted(_python_msgids()) if msgid not in catalog]
    assert missing == []
    wrong_shape = [msgid for msgid, (plural, _where) in _template_msgids().items()
                   if plural != (not isinstance(catalog[msgid], str))
                   or (plural and set(catalog[msgid]) != categories)]  # type: ignore[arg-type]
    assert wrong_shape == []
    placeholder = re.compile(r"%\((\w+)\)s")
    for msgid, entry in catalog.items():
        forms = [entry] if isinstance(entry, str) else list(entry.values())
        for form in forms:
            assert set(placeholder.findall(form)) <= set(placeholder.findall(msgid)) | {
                "count"}, (msgid, form)
            assert "%" not in placeholder.sub("", form), (msgid, form)


_JINJA = re.compile(r"\{%-? *trans\b.*?\{%-? *endtrans *-?%\}|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}",
                    re.S)
_ATTRS = re.compile(r'\b(?:placeholder|aria-label|title|data-confirm|label|alt)="([^"]*)"')
#: Words a page may show as they are in every language.
_AS_IS = {"copydesk", "CSV", "JSON", "JSON-LD", "Esc", "Enter", "HTTP", "RSS", "Atom"}


@pytest.mark.parametrize("name", TRANSLATED)
def test_every_visible_word_of_a_translated_page_is_marked(name: str) -> None:
    source = (TEMPLATES / name).read_text()
    attributes = [_JINJA.sub(" ", value) for value in _ATTRS.findall(source)]
    text = re.sub(r"<[^>]*>", " ", _JINJA.sub(" ", source))
    words = {w for part in [text, *attributes] for w in re.findall(r"[A-Za-z][\w-]+", part)}
    assert sorted(words - _AS_IS - {"kbd"}) == []


# Pages


def test_the_login_page_speaks_the_browsers_language(client: TestClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.5"})
    assert '<html lang="uk">' in page.text
    assert "<h1>Увійти</h1>" in page.text and "Електронна пошта" in page.text
    russian = client.get("/login", headers={"Accept-Language": "ru"})
    assert '<html lang="ru">' in russian.text and "<h1>Войти</h1>" in russian.text
    other = client.get("/login", headers={"Accept-Language": "de-DE,fr;q=0.8"})
    assert '<html lang="en">' in other.text and "<h1>Log in</h1>" in other.text


def test_a_failed_login_says_so_in_the_browsers_language(client: TestClient,
                                                         users: object) -> None:
    client.get("/login")
    token = client.cookies.get("copydesk_login_csrf")
    answer = client.post("/login", data={"email": EDITOR, "password": "wrong password!",
                                         "csrf_token": token, "next": "/"},
                         headers={"Accept-Language": "ru"})
    assert answer.status_code == 400
    assert "Неверный адрес или пароль." in answer.text


def test_the_users_language_is_kept_and_beats_the_browsers(
        app: Starlette, client: TestClient, users: object) -> None:
    csrf = login(client, EDITOR)
    assert _user_row(app, EDITOR) == (None, None)
    assert "Черга" in client.get("/", headers={"Accept-Language": "uk"}).text
    page = client.get("/account", headers={"Accept-Language": "uk"})
    assert "Як у браузері (Українська)" in page.text
    saved = client.post("/account", data={"csrf_token": csrf, "language": "ru",
                                          "time_zone": "Europe/Kyiv"},
                        headers={"Accept-Language": "uk"})
    assert saved.status_code == 200  # followed to /account, with the message
    assert "Язык и часовой пояс сохранены." in saved.text
    assert _user_row(app, EDITOR) == ("ru", "Europe/Kyiv")
    queue = client.get("/", headers={"Accept-Language": "uk"}).text
    assert '<html lang="ru">' in queue and "Очередь" in queue and "Черга" not in queue
    assert "data-set-zone" not in queue
    # Back to the browser's: the header decides again.
    client.post("/account", data={"csrf_token": csrf, "language": "", "time_zone": ""})
    assert _user_row(app, EDITOR) == (None, None)
    assert '<html lang="uk">' in client.get("/", headers={"Accept-Language": "uk"}).text
    bad = client.post("/account", data={"csrf_token": csrf, "language": "de",
                                        "time_zone": ""})
    assert bad.status_code == 400
    bad_zone = client.post("/account", data={"csrf_token": csrf, "language": "",
                                             "time_zone": "Mars/Olympus"})
    assert bad_zone.status_code == 400 and _user_row(app, EDITOR) == (None, None)


def test_the_browsers_zone_is_set_once(app: Starlette, client: TestClient,
                                       users: object) -> None:
    csrf = login(client, EDITOR)
    assert "data-set-zone" in client.get("/").text
    first = client.post("/account/time-zone", data={"time_zone": "America/New_York"},
                        headers={"X-CSRF-Token": csrf})
    assert first.json() == {"time_zone": "America/New_York"}
    client.post("/account/time-zone", data={"time_zone": "Asia/Tokyo"},
                headers={"X-CSRF-Token": csrf})
    assert _user_row(app, EDITOR) == (None, "America/New_York")
    assert "data-set-zone" not in client.get("/").text
    refused = client.post("/account/time-zone", data={"time_zone": "Asia/Tokyo"})
    assert refused.status_code == 403  # no CSRF token


def test_an_unknown_browser_zone_is_kept_as_utc(app: Starlette, client: TestClient,
                                                users: object) -> None:
    csrf = login(client, EDITOR)
    client.post("/account/time-zone", data={"time_zone": "Nowhere/Land"},
                headers={"X-CSRF-Token": csrf})
    assert _user_row(app, EDITOR) == (None, "UTC")


@pytest.mark.parametrize(("lang", "expected"), [
    ("uk", ["1 група", "2 групи", "5 груп", "На цій сторінці 8 груп з 8 зі статусом «нова»",
            "Фільтри", "Експорт:", ">нова <span",
            "3 читачі", "1 читач"]),
    ("ru", ["1 группа", "2 группы", "5 групп",
            "На этой странице 8 групп из 8 со статусом «новая»", "Фильтры", "Экспорт:",
            ">новая <span", "3 читателя", "1 читатель"]),
    ("en", ["1 group ·", "2 groups", "5 groups", "8 groups on this page of 8 new",
            "Filters", "Export:", ">new <span", "3 readers", "1 reader"]),
])
def test_the_queue_in_each_language(app: Starlette, client: TestClient, users: object,
                                    site: Site, lang: str, expected: list[str]) -> None:
    for article, count in (("a", 1), ("b", 2), ("c", 5)):
        for n in range(count):
            _group(app, site, url=f"https://news.example/{article}", exact=f"w{article}{n}",
                   at=T0 + timedelta(minutes=count * 10 + n), readers=3 if n else 1)
    login(client, EDITOR)
    _set_locale(app, EDITOR, lang, "Europe/Kyiv")
    html = client.get("/?status=new").text
    for text in expected:
        assert text in html
    # The exact time in the zone named, the machine time in UTC.
    assert re.search(r'<time datetime="2026-03-02T14:15:00\+00:00" title="[^"]*Europe/Kyiv">',
                     html)


def test_the_group_page_in_ukrainian(app: Starlette, client: TestClient, users: object,
                                     site: Site) -> None:
    gid = _group(app, site, url="https://news.example/a", exact="teh", readers=2)
    csrf = login(client, EDITOR)
    _set_locale(app, EDITOR, "uk", "Europe/Kyiv")
    client.post(f"/groups/{gid}/status", data={"csrf_token": csrf, "status": "accepted",
                                               "note": ""})
    html = client.get(f"/groups/{gid}").text
    assert '<span class="badge status-accepted">прийнята</span>' in html
    assert "2 читачі" in html
    assert "останнє повідомлення 2 бер. 2026\u202fр., 16:05 Europe/Kyiv" in html
    assert "<h2>Історія</h2>" in html
    assert ": статус нова → прийнята" in html
    # Each time in the zone, named; its datetime attribute in UTC.
    assert re.search(r'<time datetime="2026-03-02T14:05:00\+00:00">2 бер\. 2026\u202fр\., 16:05 '
                     r'Europe/Kyiv</time>', html)
    assert re.search(r'<li><time datetime="[0-9T:-]+\+00:00">[^<]+ Europe/Kyiv</time> '
                     r'editor@news\.example: статус', html)
    assert 'value="fixed" data-status="fixed">виправлена</button>' in html
    assert ">відкрити знову</button>" in html
    assert "Ще не перевірено" in html and "Написати виправлення" in html


def test_the_group_page_in_russian(app: Starlette, client: TestClient, users: object,
                                   site: Site) -> None:
    gid = _group(app, site, url="https://news.example/a", exact="teh", readers=5)
    login(client, EDITOR)
    _set_locale(app, EDITOR, "ru", None)
    html = client.get(f"/groups/{gid}").text
    assert '<span class="badge status-new">новая</span>' in html
    assert "5 читателей" in html and "последнее сообщение 2 мар. 2026\u202fг., 14:05 UTC" in html
    assert "Изменений ещё не было." in html


def test_the_error_page_in_the_users_language(app: Starlette, client: TestClient,
                                              users: object) -> None:
    login(client, EDITOR)
    _set_locale(app, EDITOR, "uk", None)
    page = client.get("/groups/999999")
    assert page.status_code == 404
    assert "<h1>Не знайдено</h1>" in page.text and "Назад до черги" in page.text
    bad = client.get("/?status=nonsense")
    assert bad.status_code == 400 and "Цей запит не можна виконати" in bad.text


def test_admin_pages_and_the_reset_page_are_translated(
        app: Starlette, client: TestClient, users: object) -> None:
    login(client, ADMIN)
    _set_locale(app, ADMIN, "ru", None)
    html = client.get("/admin/users").text
    assert "<h1>Пользователи</h1>" in html and ">редактор</option>" in html
    assert "Журнал действий" in client.get("/admin/audit").text
    site_id = read(app, lambda c: c.execute(select(schema.sites.c.id)).scalars().first())
    settings = client.get(f"/admin/sites/{site_id}").text
    assert "Публичный ключ" in settings and "групп: 0, сообщений: 0, каналов: 0" in settings
    assert "Удалить сайт и всё, что с ним связано" in client.get(
        f"/admin/sites/{site_id}/remove").text
    assert "Каналов нет: уведомления никуда не уходят." in client.get(
        f"/admin/sites/{site_id}/channels").text
    gone = client.get("/password-reset/not-a-token", headers={"Accept-Language": "uk"})
    assert gone.status_code == 410
    assert "<h1>Посилання недійсне</h1>" in gone.text and "строк минув" in gone.text


def test_article_diff_and_silent_edits_pages_in_ukrainian(
        app: Starlette, client: TestClient, users: object, site: Site) -> None:
    gid = _group(app, site, url="https://news.example/a", exact="teh")
    article = _article_of(app, gid)
    login(client, EDITOR)
    _set_locale(app, EDITOR, "uk", "Europe/Kyiv")
    html = client.get(f"/articles/{article}").text
    assert "Відстежується з" in html and "2 бер. 2026\u202fр., 16:05 Europe/Kyiv" in html
    assert "Жодної версії ще не завантажено." in html and ">нова</span>" in html
    assert "Жодної версії ще не завантажено." in client.get(f"/articles/{article}/diff").text
    assert "Тихих правок немає." in client.get("/silent-edits").text
    draft = client.get(f"/corrections/new?group={gid}").text
    assert "<h1>Написати виправлення</h1>" in draft and ">примітка редакції</option>" in draft
    assert "Кожна виправлена група має своє повідомлення." in client.get("/standards").text


# In the browser


@pytest.fixture
def live(app: Starlette) -> Iterator[tuple[LiveServer, Site]]:
    with LiveServer(app) as server:
        ctx = app.state.ctx
        site = ctx.db.write_sync(lambda c: sites.create(c, "Daily", ["https://news.example"],
                                                        key="daily"))
        accounts.add_user(ctx.db, EDITOR, PASSWORD, Role.EDITOR, ["daily"])
        yield server, site


#: Per language: the browser's locale and zone (and the names its ICU may give the zone),
#: then what the pages say: the login heading, the articles' headings, the current tab,
#: the month and local time of the exact time (14:05 UTC), the badge after "a" and the
#: script's undo hint.
BROWSER_LANGUAGES = {
    "uk": ("uk-UA", "Europe/Kyiv", {"Europe/Kyiv", "Europe/Kiev"}, "Увійти",
           ["1 група · 1 читач", "2 групи · 2 читачі"], "нова", "бер.", "16:05", "прийнята",
           "Натисніть u, щоб скасувати."),
    "ru": ("ru-RU", "Europe/Moscow", {"Europe/Moscow"}, "Войти",
           ["1 группа · 1 читатель", "2 группы · 2 читателя"], "новая", "мар.", "17:05", "принята",
           "Нажмите u, чтобы отменить."),
}


@pytest.mark.browser
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the HTTP tests cover PostgreSQL
@pytest.mark.parametrize("lang", sorted(BROWSER_LANGUAGES))
def test_the_queue_in_chromium_in_each_language(app: Starlette, live: tuple[LiveServer, Site],
                                                lang: str) -> None:
    browser_locale, browser_zone, zone_names, login_heading, headings, tab, month, \
        local_time, accepted, undo_hint = BROWSER_LANGUAGES[lang]
    server, site = live
    _group(app, site, url="https://news.example/a", exact="teh")
    _group(app, site, url="https://news.example/b", exact="recieve")
    _group(app, site, url="https://news.example/b", exact="seperate")
    with chromium() as browser:
        context = browser.new_context(locale=browser_locale, timezone_id=browser_zone)
        context.set_default_timeout(10_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url + "/")
        assert page.locator("h1").inner_text() == login_heading
        page.fill("input[name=email]", EDITOR)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(server.url + "/")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("[data-row]").count() == 3
        assert sorted(page.locator("section.article h2 .count").all_inner_texts()) == headings
        assert page.locator("nav.tabs a.current").inner_text().startswith(tab)
        # The script stored the browser's zone once; the next page shows times in it.
        # (Chromium's ICU may still name Kyiv by its older IANA name, an alias of the same.)
        for _ in range(50):
            if _user_row(app, EDITOR).time_zone in zone_names:
                break
            page.wait_for_timeout(100)
        language, zone = _user_row(app, EDITOR)
        assert language is None and zone in zone_names
        page.reload()
        assert page.locator("body").get_attribute("data-set-zone") is None
        title = page.locator("time").first.get_attribute("title") or ""
        assert title.endswith(zone) and month in title and local_time in title
        # The script's own words come from the page: a status changed in place.
        page.keyboard.press("j")
        page.keyboard.press("a")
        done = page.wait_for_selector("[data-row].done")
        assert done.query_selector(".badge").inner_text() == accepted
        assert undo_hint in page.locator("body").inner_text()
        assert errors == []
        context.close()


def test_messages_after_an_action_are_in_the_editors_language(
    app: Starlette, client: TestClient, users: object, site: Site,
) -> None:
    """What a status change and a dictionary change say, flashed on the next page."""
    gid = _group(app, site, url="https://news.example/m", exact="teh")
    csrf = login(client, EDITOR)
    _set_locale(app, EDITOR, "uk", "Europe/Kyiv")
    changed = client.post(f"/groups/{gid}/status", data={
        "csrf_token": csrf, "status": "accepted", "note": ""})
    assert f"Групу #{gid} позначено: прийнята." in changed.text
    added = client.post(f"/sites/{site.id}/words", data={
        "csrf_token": csrf, "words": "Zelenskyy", "action": "add"})
    assert "До словника додано: " in added.text
    _set_locale(app, EDITOR, "ru", "Europe/Kyiv")
    again = client.post(f"/sites/{site.id}/words", data={
        "csrf_token": csrf, "words": "Zelenskyy", "action": "add"})
    assert "Уже есть в словаре." in again.text


# Sentences made in Python


#: Texts that make the proofreading rules speak (each rule's messages, as stored).
RULE_TEXTS = ("It was the the best. We recieve mail. The zqxwv came. The colour of the color.",
              "The road is 5 miles (10 km) long.",
              'He said , "hello. A (bracket. Stop!! «open. closing” here.',
              "The meeting was on Monday, March 3, 2026, in the hall.",
              "Volodymyr Zelensky spoke. Later Zelenskyy said more. Zelenskyy agreed.")


def test_every_finding_message_of_the_rules_is_said_in_each_language() -> None:
    """Each message the rules write (English, stored with the finding) matches a msgid
    of copydesk.i18n.sentences, so the group page says it in uk and ru; a rule that
    changes its wording fails here rather than falling back to English unseen."""
    from datetime import date

    from copydesk.i18n import sentences
    from copydesk.proofread.checker import Checker

    checker = Checker(rules=["doubled", "units", "spelling", "typography", "weekday",
                             "names"], published=date(2026, 3, 2))
    messages = {f.message for text in RULE_TEXTS
                for f in checker.check(text, "en", variant="en-US")}
    assert len({sentences.match(m)[0] for m in messages if sentences.match(m)}) >= 10
    assert [m for m in messages if sentences.match(m) is None] == []
    for lang in ("uk", "ru"):
        with i18n.using(i18n.Locale(lang)):
            said = {m: i18n.say(m) for m in messages}
        assert [m for m, s in said.items() if s == m] == [], lang
    with i18n.using(i18n.Locale("uk")):
        assert i18n.say('Doubled word "the".') == "Подвоєне слово «the»."
        assert i18n.say('2026-03-03 is a Tuesday: "Tuesday", not "Monday".') == \
            "2026-03-03 — це вівторок: «Tuesday», а не «Monday»."
        assert i18n.say("A sentence nobody made.") == "A sentence nobody made."
    with i18n.using(i18n.Locale("en")):
        assert i18n.say('Doubled word "the".') == 'Doubled word "the".'


def test_refusals_keep_english_for_the_cli_and_are_said_in_the_page() -> None:
    """A domain refusal is English ``str`` (what the CLI prints) that the dashboard
    says in the editor's language, its values (a status's label) translated too."""
    from copydesk import channel_admin, triage
    from copydesk.i18n import N_, Text
    from copydesk.notify import registry

    refusal = triage.TriageError(Text(N_("a %(status)s group cannot become %(target)s"),
                                      status=i18n.label("fixed"), target=i18n.label("spam")))
    assert str(refusal) == "a fixed group cannot become spam"
    with i18n.using(i18n.Locale("uk")):
        assert i18n.say(refusal) == "група зі статусом «виправлена» не може стати «спам»"
    with i18n.using(i18n.Locale("ru")):
        assert i18n.say(refusal) == "группа со статусом «исправлена» не может стать «спам»"
    # Each kind's refusals of bad values, said in Ukrainian (none left in English).
    bad = {"to": "not-an-address", "token": "nonsense", "chat": "?", "api_url": "ftp://x",
           "url": "ftp://x"}
    errors = [error for kind in registry.KINDS.values()
              for error in channel_admin.check(kind, bad, False).errors.values()]
    errors += channel_admin.check(registry.get("email"), {}, False).errors.values()
    assert errors
    with i18n.using(i18n.Locale("uk")):
        untranslated = [e for e in errors if i18n.say(e) == e]
    assert untranslated == []


def test_refusals_and_findings_on_the_pages_in_ukrainian(
        app: Starlette, client: TestClient, users: object, site: Site) -> None:
    from tests.dashboard.test_statements import TEXT
    from tests.dashboard.test_versions import version

    gid = _group(app, site, url="https://news.example/f", exact="teh")
    aid = _article_of(app, gid)
    vid = version(app, aid, TEXT)
    write(app, lambda c: c.execute(schema.findings.insert().values(
        version_id=vid, rule="doubled", message='Doubled word "the".', start=0, end=7,
        text="the the", suggestions=["the"], severity="warning")))
    csrf = login(client, EDITOR)
    _set_locale(app, EDITOR, "uk", None)
    assert "— Подвоєне слово «the»." in client.get(f"/groups/{gid}").text
    client.post(f"/groups/{gid}/status", data={"csrf_token": csrf, "status": "fixed"})
    refused = client.post(f"/groups/{gid}/status", data={"csrf_token": csrf,
                                                         "status": "spam"})
    assert refused.status_code == 409
    assert "Група зі статусом «виправлена» не може стати «спам»." in refused.text
    bad = client.get("/?until=2026-13-40")
    assert bad.status_code == 400
    assert "поле until має бути датою РРРР-ММ-ДД від 1970-01-01 до 2999-12-31" in bad.text
    missing = client.get("/articles/999999")
    assert missing.status_code == 404 and "Тут немає статті" in missing.text
    login(client, ADMIN)
    _set_locale(app, ADMIN, "ru", None)
    channels = client.get(f"/admin/sites/{site.id}/channels?kind=telegram").text
    assert "чат, группа или канал Telegram через бота" in channels
    assert "токен бота от @BotFather." in channels
    added = client.post(f"/admin/sites/{site.id}/channels", data={
        "csrf_token": csrf_of(client), "kind": "email", "to": "nobody"})
    assert added.status_code == 400 and "это не адрес электронной почты: " in added.text


def test_admin_messages_are_flashed_in_the_admins_language_never_in_the_url(
        app: Starlette, client: TestClient, users: object) -> None:
    csrf = login(client, ADMIN)
    _set_locale(app, ADMIN, "uk", None)
    added = client.post("/admin/sites", data={"csrf_token": csrf, "name": "Weekly",
                                              "origins": "ftp://weekly.example"},
                        follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/admin/sites"
    page = client.get("/admin/sites").text
    assert "Джерело &#39;ftp://weekly.example&#39; — не http(s)-джерело" in page
    # A message put in a link is not shown.
    assert "Call 555" not in client.get("/admin/sites?notice=Call+555").text
