"""The dashboard in Russian: English msgid → translation; a plural maps each CLDR
category of Russian (one, few, many, other) to its form (see :mod:`copydesk.i18n`)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, str | Mapping[str, str]] = {
    # Statuses, anchoring, history (copydesk.i18n)
    "new": "новая", "accepted": "принята", "fixed": "исправлена", "rejected": "отклонена",
    "duplicate": "дубликат", "spam": "спам", "all": "все",
    "fixed (detected)": "исправлено (обнаружено)", "changed": "изменено",
    "unchanged": "без изменений", "orphaned": "потеряно", "not checked yet": "ещё не проверено",
    "any": "любое",
    "the quote is gone and the reader's suggestion stands in its place":
        "цитаты больше нет, а на её месте — предложение читателя",
    "the passage was found but changed otherwise": "отрывок найден, но изменён иначе",
    "the quote is still there": "цитата всё ещё на месте",
    "the passage cannot be found in the article any more": "отрывка в статье больше нет",
    "status": "статус", "reopen": "открыть снова", "undo": "отмена",
    "assign": "назначение",
    "just now": "только что",
    "Language and time zone saved.": "Язык и часовой пояс сохранены.",
    # Messages after an action (web/dashboard: detail, listing, words)
    "Group #%(id)s reopened.": "Группа #%(id)s снова открыта.",
    "Group #%(id)s marked %(status)s.": "Группа #%(id)s отмечена: %(status)s.",
    "Undone: group #%(id)s is %(status)s again.": "Отменено: группа #%(id)s снова %(status)s.",
    "Select groups and an action.": "Выберите группы и действие.",
    "%(count)s marked %(status)s": {
        "one": "%(count)s группа отмечена: %(status)s",
        "few": "%(count)s группы отмечены: %(status)s",
        "many": "%(count)s групп отмечено: %(status)s",
        "other": "%(count)s группы отмечены: %(status)s"},
    "; %(count)s unchanged": "; без изменений: %(count)s",
    "Removed %(count)s word from the dictionary.": {
        "one": "Из словаря удалено %(count)s слово.",
        "few": "Из словаря удалено %(count)s слова.",
        "many": "Из словаря удалено %(count)s слов.",
        "other": "Из словаря удалено %(count)s слова."},
    "Already in the dictionary.": "Уже есть в словаре.",
    "Added %(words)s to the dictionary.": "В словарь добавлено: %(words)s.",
    # Confirmations of disabling (users.html, admin_channels.html)
    "Disable %(email)s? They are signed out and cannot sign in until enabled again.":
        ("Отключить %(email)s? Сеансы будут завершены, а войти не получится, пока "
         "учётную запись снова не включат."),
    "Disable this channel? Nothing is sent to it until it is enabled again.":
        "Отключить этот канал? Ничего не будет отправляться, пока его снова не включат.",
    # The script's words (dashboard.js)
    "Press u to undo.": "Нажмите u, чтобы отменить.",
    "Mark the selected groups as spam?": "Отметить выбранные группы как спам?",
    "{n} new — reload": "новых: {n} — обновите",
    "Change {n} of {of}": "Изменение {n} из {of}",
    "That did not work.": "Не получилось.",
    # Layout (base.html)
    "Skip to the content": "Перейти к содержимому", "Queue": "Очередь",
    "Silent edits": "Тихие правки", "Users": "Пользователи", "Sites": "Сайты",
    "Corrections": "Исправления", "Standards": "Стандарты",
    "Audit log": "Журнал действий", "My notifications": "Мои уведомления",
    "Password": "Пароль", "Language and time zone": "Язык и часовой пояс",
    "Log out": "Выйти", "Shortcuts": "Клавиши", "Undo": "Отменить",
    "Keyboard shortcuts": "Сочетания клавиш",
    "next / previous group": "следующая / предыдущая группа", "open the group": "открыть группу",
    "accept (then the next group)": "принять (и к следующей группе)",
    "mark fixed": "отметить исправленной", "reject": "отклонить",
    "mark spam": "отметить как спам", "reopen (back to new)": "открыть снова (снова новая)",
    "duplicate of… (group page)": "дубликат… (страница группы)",
    "assign to me (group page)": "назначить себе (страница группы)",
    "undo your last status change (10 minutes)":
        "отменить своё последнее изменение статуса (10 минут)",
    "back to the queue, at the same place": "назад к очереди, на то же место",
    "open the article at the quote": "открыть статью на цитате",
    "select for a bulk action": "выбрать для группового действия",
    "confirm a detected fix (group page)":
        "подтвердить обнаруженное исправление (страница группы)",
    "next / previous change (diff page)": "следующее / предыдущее изменение (страница сравнения)",
    "this help (<kbd>Esc</kbd> closes)": "эта справка (<kbd>Esc</kbd> закрывает)",
    "Close": "Закрыть", "Cancel": "Отмена", "Yes, do it": "Да, сделать",
    # Login, password, errors
    "Log in": "Войти", "Email": "Электронная почта",
    "Wrong email or password.": "Неверный адрес или пароль.",
    "Too many login attempts. Wait a minute and try again.":
        "Слишком много попыток входа. Подождите минуту и попробуйте снова.",
    "Too many password attempts. Wait a minute and try again.":
        "Слишком много попыток ввода пароля. Подождите минуту и попробуйте снова.",
    "The current password is wrong.": "Текущий пароль неверен.",
    "The new passwords differ.": "Новые пароли не совпадают.",
    "Change password": "Сменить пароль", "Change my password": "Смена моего пароля",
    "Current password": "Текущий пароль",
    "New password (10 characters or more)": "Новый пароль (10 символов или больше)",
    "New password again": "Новый пароль ещё раз",
    "Changing the password logs out every session, this one too.":
        "Смена пароля завершает все сеансы, и этот тоже.",
    "The request cannot be used": "Этот запрос нельзя выполнить", "Not allowed": "Запрещено",
    "This page is for admins only.": "Эта страница только для администраторов.",
    "Not found": "Не найдено", "That cannot be done now": "Сейчас этого сделать нельзя",
    "Too large": "Слишком большое", "Not a form": "Это не форма", "Cannot do that": "Так нельзя",
    "There is nothing here, or it is not on one of your sites.":
        "Здесь ничего нет, или это не на одном из ваших сайтов.",
    "Field": "Поле", "Code": "Код", "Back to the queue": "Назад к очереди",
    # Account pages
    "Language": "Язык", "The browser's (%(name)s)": "Как в браузере (%(name)s)",
    "Time zone": "Часовой пояс",
    "The browser's (set once on the next page)":
        "Как в браузере (определится на следующей странице)",
    "Save": "Сохранить",
    "Times are shown in %(zone)s: now is %(time)s. Each time's exact value in UTC is kept "
    "in the page for scripts.":
        "Время показано в поясе %(zone)s: сейчас %(time)s. Точное значение каждого времени "
        "в UTC остаётся на странице для скриптов.",
    "E-mail to %(email)s, per site: each chosen event as it happens, or one daily digest.":
        "Письма на %(email)s для каждого сайта: каждое выбранное событие сразу или одна "
        "ежедневная сводка.",
    "E-mail me about %(name)s": "Присылать мне письма о %(name)s", "How": "Как",
    "each event as it happens": "каждое событие сразу", "a daily digest": "ежедневная сводка",
    "Events (as they happen)": "События (сразу)",
    "You work on no site yet.": "Вы ещё не работаете ни с одним сайтом.",
    # Queue
    "Filters": "Фильтры", "Site": "Сайт", "All my sites": "Все мои сайты", "Status": "Статус",
    "Text in the article": "Текст в статье", "From": "С", "To": "По", "Sort": "Порядок",
    "newest": "самые новые", "most reported": "чаще всего сообщали",
    "has suggestion": "есть предложение", "assigned to me": "назначены мне", "Search": "Поиск",
    "words in quotes, suggestions, comments": "слова в цитатах, предложениях, комментариях",
    "Filter": "Фильтровать", "Export:": "Экспорт:",
    "Web Annotations (JSON-LD)": "Веб-аннотации (JSON-LD)",
    "%(count)s group on this page of %(total)s in every status": {
        "one": "На этой странице %(count)s группа из %(total)s во всех статусах",
        "few": "На этой странице %(count)s группы из %(total)s во всех статусах",
        "many": "На этой странице %(count)s групп из %(total)s во всех статусах",
        "other": "На этой странице %(count)s группы из %(total)s во всех статусах",
    },
    "%(count)s group on this page of %(total)s %(status)s": {
        "one": "На этой странице %(count)s группа из %(total)s со статусом «%(status)s»",
        "few": "На этой странице %(count)s группы из %(total)s со статусом «%(status)s»",
        "many": "На этой странице %(count)s групп из %(total)s со статусом «%(status)s»",
        "other": "На этой странице %(count)s группы из %(total)s со статусом «%(status)s»",
    },
    "Filters in use:": "Действуют фильтры:",
    "Clear the filter %(label)s": "Снять фильтр %(label)s",
    "Clear all": "Снять все", "With the selected:": "С выбранными:",
    "mark %(status)s": "отметить: %(status)s", "note (optional)": "примечание (необязательно)",
    "Note for the selected groups": "Примечание к выбранным группам", "Apply": "Применить",
    "%(count)s group": {
        "one": "%(count)s группа", "few": "%(count)s группы", "many": "%(count)s групп",
        "other": "%(count)s группы",
    },
    "%(count)s reader": {
        "one": "%(count)s читатель", "few": "%(count)s читателя",
        "many": "%(count)s читателей", "other": "%(count)s читателя",
    },
    "select group #%(id)s": "выбрать группу №%(id)s", "Suggestion:": "Предложение:",
    "Pages": "Страницы", "Previous page": "Предыдущая страница",
    "Next page": "Следующая страница",
    # Filter labels and empty states (web/dashboard/listing.py)
    "site": "сайт", "from": "с", "to": "по", "search": "поиск",
    "text in the article": "текст в статье", "sort": "порядок",
    "No more groups on this side: go back to the first page.":
        "Дальше групп нет: вернитесь на первую страницу.",
    "No group matches these filters. Clear a filter to see more.":
        "Ни одна группа не подходит под эти фильтры. Снимите фильтр, чтобы увидеть больше.",
    "No new reports: the queue is clear.": "Новых сообщений нет: очередь пуста.",
    "No reports yet.": "Сообщений пока нет.",
    "No accepted groups.": "Принятых групп нет.",
    "No fixed groups.": "Исправленных групп нет.",
    "No rejected groups.": "Отклонённых групп нет.", "No duplicate groups.": "Дубликатов нет.",
    "No spam groups.": "Спама нет.",
    # A group (group.html)
    "Group %(id)s": "Группа %(id)s", "previous group": "предыдущая группа",
    "next group": "следующая группа", "article #%(id)s": "статья №%(id)s",
    "group #%(id)s": "группа №%(id)s",
    "Open the article at the quote": "Открыть статью на цитате",
    "The paragraph from the article's latest version.": "Абзац из последней версии статьи.",
    "last report %(time)s": "последнее сообщение %(time)s", "duplicate of": "дубликат",
    "assigned to %(who)s": "назначено: %(who)s", "In the article now": "В статье сейчас",
    "checked against": "проверено по", "version #%(id)s": "версии №%(id)s",
    "seen %(time)s": "от %(time)s", "what changed": "что изменилось",
    "Marked fixed, but the quote is still in version #%(id)s of the article.":
        "Отмечено исправленной, но цитата всё ещё есть в версии №%(id)s статьи.",
    "Confirm fix": "Подтвердить исправление",
    "Not checked yet: no version of the article has arrived since the report.":
        "Ещё не проверено: после сообщения не пришло ни одной версии статьи.",
    "The article's versions": "Версии статьи", "Write a correction": "Написать исправление",
    "Note (optional)": "Примечание (необязательно)", "Duplicate of group #": "Дубликат группы №",
    "Type a group number or words of its quote (<kbd>d</kbd>).":
        "Введите номер группы или слова из её цитаты (<kbd>d</kbd>).",
    "If rejected, tell the readers who asked why":
        "Если отклонено, объяснить читателям, которые просили, почему",
    "(no mail)": "(без письма)", "not an error": "это не ошибка",
    "a style choice": "так принято в стиле", "already fixed": "уже исправлено",
    "out of scope": "вне нашей ответственности",
    "Mark group #%(id)s as spam? Its readers' reports leave the queue.":
        "Отметить группу №%(id)s как спам? Сообщения её читателей уйдут из очереди.",
    "Assign to": "Назначить", "nobody": "никому", "Assign": "Назначить",
    "Reports (%(count)s)": "Сообщения (%(count)s)", "spam:": "спам:",
    "Sent from:": "Отправлено с:", "Proofreading findings": "Находки корректуры",
    "readers reported this too": "читатели тоже об этом сообщили",
    "Add “%(word)s” to the dictionary of %(site)s? The spelling check will accept it on "
    "every article of the site.":
        "Добавить «%(word)s» в словарь %(site)s? Проверка орфографии будет принимать это "
        "слово во всех статьях сайта.",
    "Add “%(word)s” to the dictionary…": "Добавить «%(word)s» в словарь…",
    "Readers' groups on this article": "Группы читателей по этой статье",
    "Dictionary of this site": "Словарь этого сайта", "History": "История",
    "No changes yet.": "Изменений ещё не было.",
    # The anchoring badge (_anchor.html)
    "in the article:": "в статье:",
    "marked fixed, but the quote is still in the article":
        "отмечено исправленной, но цитата всё ещё в статье",
    "quote still there": "цитата всё ещё есть",
    # Administration: users, sites, the audit log, reset links (users.html, sites.html,
    # audit.html, admin_reset_link.html, password_reset.html)
    "admin": "администратор", "editor": "редактор",
    "Role": "Роль", "disabled": "отключён", "Role of %(email)s": "Роль %(email)s",
    "Save role": "Сохранить роль", "all sites": "все сайты", "Save sites": "Сохранить сайты",
    "Enable": "Включить", "Disable": "Отключить",
    "Password reset link": "Ссылка для смены пароля",
    "Add a user": "Добавить пользователя",
    "Password (10 characters or more)": "Пароль (10 символов или больше)",
    "Sites (editors)": "Сайты (для редакторов)", "Add user": "Добавить пользователя",
    "Key:": "Ключ:", "Origins:": "Источники:",
    "Settings, key, selectors, removal": "Настройки, ключ, селекторы, удаление",
    "Channels": "Каналы", "Newsroom dictionary": "Словарь редакции",
    "Embed on article pages:": "Вставьте на страницы статей:", "No sites yet.": "Сайтов пока нет.",
    "Add a site": "Добавить сайт", "Name": "Название",
    "Origins (space separated, e.g. https://news.example https://*.news.example)":
        "Источники (через пробел, напр. https://news.example https://*.news.example)",
    "Key (optional; random when empty)": "Ключ (необязательно; случайный, если пусто)",
    "Add site": "Добавить сайт",
    "When": "Когда", "Who": "Кто", "Action": "Действие", "Group": "Группа",
    "Change": "Изменение", "Note": "Примечание", "Nothing yet.": "Пока ничего.",
    "Older": "Более ранние",
    "Reset link": "Ссылка для смены пароля",
    "Password reset link for %(email)s": "Ссылка для смены пароля %(email)s",
    "Pass this link on to %(email)s. It works once, for %(count)s hour, and is not shown "
    "again:": {
        "one": "Передайте эту ссылку %(email)s. Она действует один раз, %(count)s час, "
               "и больше не будет показана:",
        "few": "Передайте эту ссылку %(email)s. Она действует один раз, %(count)s часа, "
               "и больше не будет показана:",
        "many": "Передайте эту ссылку %(email)s. Она действует один раз, %(count)s часов, "
                "и больше не будет показана:",
        "other": "Передайте эту ссылку %(email)s. Она действует один раз, %(count)s часа, "
                 "и больше не будет показана:",
    },
    "A new link replaces this one. Setting the password through it logs %(email)s out "
    "everywhere.":
        "Новая ссылка заменяет эту. Смена пароля по ней завершает все сеансы %(email)s.",
    "Back to users": "Назад к пользователям",
    "Set a password": "Установка пароля", "Link not valid": "Ссылка недействительна",
    "This link does not work: it was used already, it expired, or it was replaced.":
        "Эта ссылка не действует: её уже использовали, срок истёк или её заменили.",
    "Ask an admin for a new link.": "Попросите администратора о новой ссылке.",
    "Set a password for %(email)s": "Пароль для %(email)s",
    "Set the password": "Установить пароль",
    "The link works once. Then log in with the new password.":
        "Ссылка действует один раз. Затем войдите с новым паролем.",
    # The dictionary (words.html)
    "Dictionary of %(name)s": "Словарь %(name)s",
    "Names, places and terms the spelling check accepts on this site's articles.":
        "Имена, названия мест и термины, которые проверка орфографии принимает в статьях "
        "этого сайта.",
    "Words to add (separated by spaces or commas)":
        "Слова для добавления (через пробелы или запятые)",
    "Add": "Добавить",
    "Remove “%(word)s” from the dictionary? The spelling check will flag it again.":
        "Удалить «%(word)s» из словаря? Проверка орфографии снова будет отмечать это слово.",
    "Remove %(word)s": "Удалить %(word)s", "Remove…": "Удалить…",
    "No words yet.": "Слов пока нет.",
    # Articles, diffs, silent edits (article.html, diff.html, silent.html)
    "Article %(id)s": "Статья %(id)s", "Tracked since": "Отслеживается с",
    "from a feed": "из ленты", "from a reader's report": "из сообщения читателя",
    "Last fetched": "Последняя загрузка", "never": "никогда",
    "Next fetch": "Следующая загрузка", "not scheduled": "не запланирована",
    "Failures in a row": "Неудач подряд", "Last error": "Последняя ошибка",
    "Recent fetch failures": "Последние неудачные загрузки",
    "Versions (%(count)s)": "Версии (%(count)s)", "Latest changes": "Последние изменения",
    "Version": "Версия", "Seen": "Замечено", "Headline": "Заголовок", "Byline": "Автор",
    "Extractor": "Извлечение", "significant": "существенное",
    "typography only": "только типографика", "first seen": "первая",
    "No version fetched yet.": "Ни одной версии ещё не загружено.",
    "Readers' groups (%(count)s)": "Группы читателей (%(count)s)",
    "in version #%(id)s": "в версии №%(id)s",
    "No reports on this article.": "Сообщений по этой статье нет.",
    "Changes in article %(id)s": "Изменения в статье %(id)s", "removed:": "удалено:",
    "added:": "добавлено:", "Changes: %(title)s": "Изменения: %(title)s",
    "Compare": "Сравнить",
    "Version #%(old)s (%(old_time)s) → version #%(new)s (%(new_time)s)":
        "Версия №%(old)s (%(old_time)s) → версия №%(new)s (%(new_time)s)",
    "%(count)s change": {
        "one": "%(count)s изменение", "few": "%(count)s изменения",
        "many": "%(count)s изменений", "other": "%(count)s изменения",
    },
    "<kbd>n</kbd> / <kbd>p</kbd>: next / previous":
        "<kbd>n</kbd> / <kbd>p</kbd>: следующее / предыдущее",
    "Text": "Текст",
    "Only one version so far: nothing to compare.":
        "Пока только одна версия: сравнивать не с чем.",
    "Significant changes to articles after they were first seen, with no correction. The "
    "newest %(count)s is listed.": {
        "one": "Существенные изменения статей после первого появления, без исправления. "
               "Показано последнее %(count)s.",
        "few": "Существенные изменения статей после первого появления, без исправления. "
               "Показаны последние %(count)s.",
        "many": "Существенные изменения статей после первого появления, без исправления. "
                "Показаны последние %(count)s.",
        "other": "Существенные изменения статей после первого появления, без исправления. "
                 "Показаны последние %(count)s.",
    },
    "Since": "С", "Article": "Статья", "Diff": "Сравнение",
    "No silent edits.": "Тихих правок нет.",
    # A site's settings and removal (admin_site.html, admin_site_remove.html)
    "All sites": "Все сайты", "Name and origins": "Название и источники",
    "Origins (space separated)": "Источники (через пробел)", "Public key": "Публичный ключ",
    "The previous key <code>%(key)s</code> still works until %(until)s.":
        "Предыдущий ключ <code>%(key)s</code> действует до %(until)s.",
    "Keep the current key working for (days)": "Сколько дней ещё будет действовать текущий ключ",
    "Rotate the key": "Заменить ключ",
    "Pages that still carry the old <code>data-site</code> keep reporting until the overlap "
    "ends; replace the snippet on them before then.":
        "Страницы со старым <code>data-site</code> присылают сообщения, пока не кончится "
        "переходный срок; замените на них вставку до этого.",
    "Exclude selectors": "Исключённые селекторы",
    "CSS selectors removed from the site's pages before their text is read, one a line":
        "CSS-селекторы, которые убираются со страниц сайта перед чтением текста, по одному "
        "в строке",
    "Save selectors": "Сохранить селекторы", "Remove": "Удалить",
    "Remove %(name)s…": "Удалить %(name)s…",
    "%(groups)s groups, %(reports)s reports, %(channels)s channels":
        "групп: %(groups)s, сообщений: %(reports)s, каналов: %(channels)s",
    "Remove %(name)s": "Удалить %(name)s",
    "Removing the site deletes, and nothing brings back:":
        "Удаление сайта стирает без возможности вернуть:",
    "%(groups)s groups and their %(reports)s reports,":
        "группы (%(groups)s) и их сообщения (%(reports)s),",
    "%(articles)s articles, their versions and findings,":
        "статьи (%(articles)s), их версии и находки,",
    "%(channels)s channels and their queued notifications,":
        "каналы (%(channels)s) и их уведомления в очереди,",
    "the site's audit rows, its dictionary and its corrections.":
        "записи журнала действий сайта, его словарь и его исправления.",
    "Pages with its key (<code>%(key)s</code>) stop reporting at once.":
        "Страницы с его ключом (<code>%(key)s</code>) сразу перестают присылать сообщения.",
    "Type the site's name, <strong>%(name)s</strong>, to confirm":
        "Введите название сайта, <strong>%(name)s</strong>, чтобы подтвердить",
    "Remove the site and everything of it": "Удалить сайт и всё, что с ним связано",
    "Keep it": "Оставить",
    # Corrections (corrections.html, correction.html, correction_new.html,
    # correction_fields.html, corrections_standards.html)
    "correction": "исправление", "clarification": "уточнение", "update": "обновление",
    "editor's note": "примечание редакции", "retraction": "опровержение",
    "draft": "черновик", "published": "опубликовано", "withdrawn": "отозвано",
    "top": "вверху", "bottom": "внизу", "minor": "незначительное", "major": "существенное",
    "Correction %(id)s": "Исправление %(id)s",
    "Written by %(who)s %(time)s": "Написал %(who)s %(time)s",
    "published %(time)s": "опубликовано %(time)s", "withdrawn %(time)s": "отозвано %(time)s",
    "Public page": "Публичная страница", "Edit the draft": "Редактировать черновик",
    "Edit (kept as a revision, shown as “updated on …”)":
        "Редактировать (сохраняется как редакция, показывается как «обновлено …»)",
    "Publish": "Опубликовать",
    "A standards editor of this site or an admin publishes it.":
        "Публикует редактор по стандартам этого сайта или администратор.",
    "Why it is withdrawn (shown publicly)": "Почему отозвано (показывается публично)",
    "Withdraw": "Отозвать", "Revisions": "Редакции", "Type": "Тип",
    "Text (what was wrong, what is right)": "Текст (что было неверно, как правильно)",
    "Placement": "Размещение", "Severity": "Важность", "Corrects version": "Исправляет версию",
    "(any earlier)": "(любую предыдущую)", "#%(id)s seen %(time)s": "№%(id)s от %(time)s",
    "typography": "типографика", "Why late (if it is)": "Почему с опозданием (если так)",
    "Save draft": "Сохранить черновик", "Publish now": "Опубликовать сейчас",
    "Show": "Показать", "Public corrections page": "Публичная страница исправлений",
    "What lacks a notice": "Что без уведомления",
    "You publish and withdraw this site's corrections.":
        "Вы публикуете и отзываете исправления этого сайта.",
    "You draft corrections; a standards editor of this site or an admin publishes them.":
        "Вы пишете черновики исправлений; публикует их редактор по стандартам этого сайта "
        "или администратор.",
    "Published": "Опубликовано",
    "%(count)s edit": {
        "one": "%(count)s правка", "few": "%(count)s правки", "many": "%(count)s правок",
        "other": "%(count)s правки",
    },
    "No corrections yet.": "Исправлений пока нет.",
    "Public pages of this site": "Публичные страницы этого сайта",
    "Corrections policy (address)": "Правила исправлений (адрес)",
    "Announce published corrections to the site's channels":
        "Объявлять опубликованные исправления в каналах сайта",
    "Significant changes with no published correction covering them.":
        "Существенные изменения, которые не покрывает ни одно опубликованное исправление.",
    "Fixed, with no notice": "Исправлено, без уведомления", "Quote": "Цитата",
    "Fixed": "Исправлено",
    "Every fixed group has its notice.": "У каждой исправленной группы есть уведомление.",
    # A site's channels (admin_channels.html; each kind's own words stay English)
    "Channels of %(name)s": "Каналы %(name)s", "Site settings": "Настройки сайта",
    "Store this now": "Сохраните это сейчас", "It is not shown again.": "Больше это не покажут.",
    "Id": "Id", "Kind": "Вид", "Target": "Адресат", "State": "Состояние",
    "own e-mail of %(who)s": "личная почта %(who)s",
    "old secret also signs until %(until)s": "старый секрет тоже подписывает до %(until)s",
    "enabled": "включён", "Send a test": "Отправить пробное",
    "old secret signs for": "старый секрет подписывает ещё", "h": "ч",
    "Rotate the secret": "Заменить секрет", "sure": "точно",
    "No channels: nothing is notified.": "Каналов нет: уведомления никуда не уходят.",
    "Add a channel": "Добавить канал", "Kind:": "Вид:", "required": "обязательно",
    "Add %(kind)s channel": "Добавить канал %(kind)s",
}
