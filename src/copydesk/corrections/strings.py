"""The words of the public corrections pages, in the site's language (en, uk, ru), and
dates written the way each language writes them (Babel's CLDR data, shipped with it)."""

from __future__ import annotations

from datetime import UTC, datetime

from babel.dates import format_date

LANGUAGES = ("en", "uk", "ru")
DEFAULT = "en"

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "corrections": "Corrections", "correction": "Correction",
        "clarification": "Clarification", "update": "Update",
        "editors_note": "Editor's note", "retraction": "Retraction",
        "published": "Published {date}", "updated": "Updated on {date}",
        "withdrawn": "Withdrawn on {date}", "policy": "Our corrections policy",
        "all_types": "All types", "type": "Type", "month": "Month", "filter": "Show",
        "none": "No corrections.", "next": "Older", "previous": "Newer",
        "page": "Page {page}", "article": "Article", "earlier": "Earlier wording",
        "notices": "Corrections and updates to this article",
        "earlier_said": "An earlier version of this article said “{wrong}”. It is “{right}”.",
        "rss": "RSS feed", "atom": "Atom feed", "pages": "Pages",
    },
    "uk": {
        "corrections": "Виправлення", "correction": "Виправлення",
        "clarification": "Уточнення", "update": "Оновлення",
        "editors_note": "Примітка редакції", "retraction": "Спростування",
        "published": "Опубліковано {date}", "updated": "Оновлено {date}",
        "withdrawn": "Відкликано {date}", "policy": "Наші правила виправлень",
        "all_types": "Усі типи", "type": "Тип", "month": "Місяць", "filter": "Показати",
        "none": "Виправлень немає.", "next": "Старіші", "previous": "Новіші",
        "page": "Сторінка {page}", "article": "Стаття", "earlier": "Попереднє формулювання",
        "notices": "Виправлення та оновлення цієї статті",
        "earlier_said": "У попередній версії цієї статті було сказано «{wrong}». "
                        "Правильно: «{right}».",
        "rss": "RSS-стрічка", "atom": "Atom-стрічка", "pages": "Сторінки",
    },
    "ru": {
        "corrections": "Исправления", "correction": "Исправление",
        "clarification": "Уточнение", "update": "Обновление",
        "editors_note": "Примечание редакции", "retraction": "Опровержение",
        "published": "Опубликовано {date}", "updated": "Обновлено {date}",
        "withdrawn": "Отозвано {date}", "policy": "Наши правила исправлений",
        "all_types": "Все типы", "type": "Тип", "month": "Месяц", "filter": "Показать",
        "none": "Исправлений нет.", "next": "Более ранние", "previous": "Более новые",
        "page": "Страница {page}", "article": "Статья", "earlier": "Прежняя формулировка",
        "notices": "Исправления и обновления этой статьи",
        "earlier_said": "В предыдущей версии этой статьи говорилось «{wrong}». "
                        "Правильно: «{right}».",
        "rss": "RSS-лента", "atom": "Atom-лента", "pages": "Страницы",
    },
}


def language(lang: str | None) -> str:
    """``lang`` when copydesk speaks it, else English."""
    return lang if lang in _STRINGS else DEFAULT


class Strings:
    """The strings and date format of one language; ``strings["key"]`` or
    ``strings.say("updated", date=…)``."""

    def __init__(self, lang: str | None) -> None:
        self.lang = language(lang)
        self._table = _STRINGS[self.lang]

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def say(self, key: str, **values: str) -> str:
        return self._table[key].format(**values)

    def date(self, value: datetime | None) -> str:
        """A day as the language writes it ("2 March 2026", "2 березня 2026 р.")."""
        if value is None:
            return ""
        day = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).date()
        return format_date(day, format="long", locale=self.lang)
