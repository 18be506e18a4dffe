"""The words of a reader's mail, and the reasons an editor can give for a rejection,
in English, Ukrainian and Russian (the languages of the public corrections pages).

The reason codes are what the dashboard offers and the audit log keeps; the reader
sees only their text.
"""

from __future__ import annotations

from enum import StrEnum

LANGUAGES = ("en", "uk", "ru")
DEFAULT = "en"


class Reason(StrEnum):
    """Why the editors left a reported passage as it was."""

    NOT_AN_ERROR = "not_an_error"
    STYLE_CHOICE = "style_choice"
    ALREADY_FIXED = "already_fixed"
    OUT_OF_SCOPE = "out_of_scope"


#: What an editor reads in the dashboard's select (English, like the dashboard).
LABELS: dict[Reason, str] = {
    Reason.NOT_AN_ERROR: "not an error",
    Reason.STYLE_CHOICE: "a style choice",
    Reason.ALREADY_FIXED: "already fixed",
    Reason.OUT_OF_SCOPE: "out of scope",
}

_REASONS: dict[str, dict[Reason, str]] = {
    "en": {
        Reason.NOT_AN_ERROR: "The passage is correct as it stands.",
        Reason.STYLE_CHOICE: "The wording follows our house style.",
        Reason.ALREADY_FIXED: "It had already been corrected when we looked at it.",
        Reason.OUT_OF_SCOPE: "It is not something we correct in the article (for example a "
                             "quotation, an opinion or a matter for another page).",
    },
    "uk": {
        Reason.NOT_AN_ERROR: "Цей фрагмент правильний у нинішньому вигляді.",
        Reason.STYLE_CHOICE: "Таке написання відповідає правилам нашої редакції.",
        Reason.ALREADY_FIXED: "Коли ми його переглянули, його вже було виправлено.",
        Reason.OUT_OF_SCOPE: "Це не те, що ми виправляємо в статті (наприклад, цитата, "
                             "думка або питання для іншої сторінки).",
    },
    "ru": {
        Reason.NOT_AN_ERROR: "Этот фрагмент верен в нынешнем виде.",
        Reason.STYLE_CHOICE: "Такое написание соответствует правилам нашей редакции.",
        Reason.ALREADY_FIXED: "Когда мы его просмотрели, он уже был исправлен.",
        Reason.OUT_OF_SCOPE: "Это не то, что мы исправляем в статье (например, цитата, "
                             "мнение или вопрос для другой страницы).",
    },
}

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "subject_fixed": "The error you reported has been corrected",
        "subject_rejected": "About the error you reported",
        "thanks": "Thank you for reporting an error in “{title}”.",
        "published": "The editors corrected it and published this notice:",
        "notice_page": "The correction: {url}",
        "fixed": "The editors corrected it.",
        "you_reported": "You reported: “{quote}”",
        "now_reads": "It now reads: “{fix}”",
        "rejected": "The editors looked at the passage you reported (“{quote}”) and left it "
                    "as it is:",
        "article": "The article: {url}",
        "why": "You get this one message because you asked to be told what became of "
               "your report. Your address has now been deleted: we will not write again.",
        "unsubscribe": "Unsubscribe: {url}",
        "page_title": "Unsubscribe",
        "page_ask": "Stop all mail about your error reports to this site and erase your "
                    "address?",
        "page_button": "Unsubscribe",
        "page_done": "Done: you will get no more mail from us about your reports, and your "
                     "address is erased.",
    },
    "uk": {
        "subject_fixed": "Помилку, про яку ви повідомили, виправлено",
        "subject_rejected": "Про помилку, про яку ви повідомили",
        "thanks": "Дякуємо, що повідомили про помилку в «{title}».",
        "published": "Редакція виправила її та опублікувала це повідомлення:",
        "notice_page": "Виправлення: {url}",
        "fixed": "Редакція її виправила.",
        "you_reported": "Ви повідомили: «{quote}»",
        "now_reads": "Тепер там написано: «{fix}»",
        "rejected": "Редакція переглянула фрагмент, про який ви повідомили («{quote}»), і "
                    "залишила його без змін:",
        "article": "Стаття: {url}",
        "why": "Ви отримали цей єдиний лист, бо просили повідомити, що сталося з вашим "
               "повідомленням. Вашу адресу вже видалено: більше ми не напишемо.",
        "unsubscribe": "Відписатися: {url}",
        "page_title": "Відписатися",
        "page_ask": "Припинити всі листи про ваші повідомлення про помилки на цьому сайті та "
                    "видалити вашу адресу?",
        "page_button": "Відписатися",
        "page_done": "Готово: ви більше не отримаєте від нас листів про ваші повідомлення, "
                     "а вашу адресу видалено.",
    },
    "ru": {
        "subject_fixed": "Ошибка, о которой вы сообщили, исправлена",
        "subject_rejected": "Об ошибке, о которой вы сообщили",
        "thanks": "Спасибо, что сообщили об ошибке в «{title}».",
        "published": "Редакция исправила её и опубликовала это уведомление:",
        "notice_page": "Исправление: {url}",
        "fixed": "Редакция её исправила.",
        "you_reported": "Вы сообщили: «{quote}»",
        "now_reads": "Теперь там написано: «{fix}»",
        "rejected": "Редакция просмотрела фрагмент, о котором вы сообщили («{quote}»), и "
                    "оставила его без изменений:",
        "article": "Статья: {url}",
        "why": "Вы получили это единственное письмо, потому что просили сообщить, что стало "
               "с вашим сообщением. Ваш адрес уже удалён: больше мы не напишем.",
        "unsubscribe": "Отписаться: {url}",
        "page_title": "Отписаться",
        "page_ask": "Прекратить все письма о ваших сообщениях об ошибках на этом сайте и "
                    "удалить ваш адрес?",
        "page_button": "Отписаться",
        "page_done": "Готово: вы больше не получите от нас писем о ваших сообщениях, "
                     "а ваш адрес удалён.",
    },
}


def language(tag: str, fallback: str = DEFAULT) -> str:
    """The mail's language for a page's BCP 47 tag (``uk-UA`` → ``uk``), else
    ``fallback`` (the site's public language), else English."""
    primary = tag.split("-")[0].split("_")[0].strip().lower()
    if primary in LANGUAGES:
        return primary
    return fallback if fallback in LANGUAGES else DEFAULT


def say(lang: str, key: str, **values: str) -> str:
    return _WORDS.get(lang, _WORDS[DEFAULT])[key].format(**values)


def reason_text(lang: str, reason: Reason) -> str:
    return _REASONS.get(lang, _REASONS[DEFAULT])[reason]
