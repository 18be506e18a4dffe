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
    "Proofreading": "Корректура",
    "English spelling": "Английская орфография",
    "From the page or the text": "По странице или тексту",
    "Save spelling": "Сохранить орфографию",
    "English spelling: %(variant)s.": "Английская орфография: %(variant)s.",
    "A spelling valid in the chosen variant is never flagged; one of another variant is a note.":
        "Написание, верное в выбранном варианте, никогда не отмечается; написание другого "
        "варианта — только примечание.",
    "Ukrainian orthography": "Украинское правописание",
    "The server's setting (2019 unless changed)":
        "Как в настройках сервера (2019, если не изменено)",
    "2019": "2019",
    "Kharkiv (1928)": "Харьковское (1928)",
    "Save orthography": "Сохранить правописание",
    "Ukrainian orthography: %(choice)s.": "Украинское правописание: %(choice)s.",
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
    # Sentences made in Python: refusals of the domain functions and of the dashboard's
    # input checks, channels' messages, the kinds' own words, proofreading findings
    # (copydesk.i18n.text, copydesk.i18n.sentences)
    '"%(first)s" and "%(second)s" give different figures.':
        '«%(first)s» и «%(second)s» дают разные числа.',
    '"%(token)s" is written "%(suggestion)s" elsewhere in this text.':
        '«%(token)s» в другом месте этого текста написано как «%(suggestion)s».',
    '"%(word)s" is a common misspelling of "%(correction)s".':
        '«%(word)s» — частая ошибка в написании «%(correction)s».',
    '"%(word)s" is not in the dictionary.':
        '«%(word)s» нет в словаре.',
    '"%(words)s" cannot stand together; one of the two words is probably left over from an edit.':
        '«%(words)s» не могут стоять рядом; одно из двух слов, видимо, осталось после правки.',
    '%(date)s is a %(weekday)s: "%(right)s", not "%(given)s".':
        '%(date)s — это %(weekday)s: «%(right)s», а не «%(given)s».',
    '%(email)s is disabled; enable the account first':
        '%(email)s отключён; сначала включите учётную запись',
    '%(email)s is not an email address':
        '%(email)s — не адрес электронной почты',
    '%(email)s is the last active admin; make another admin first':
        '%(email)s — последний активный администратор; сначала назначьте другого',
    '%(field)s contains a NUL character':
        'поле %(field)s содержит символ NUL',
    '%(field)s has at most %(max)s characters':
        'в поле %(field)s не больше %(max)s символов',
    '%(field)s must be a date YYYY-MM-DD from %(min)s to %(max)s':
        'поле %(field)s должно быть датой ГГГГ-ММ-ДД от %(min)s до %(max)s',
    '%(field)s must be a whole number from 1 to %(max)s':
        'поле %(field)s должно быть целым числом от 1 до %(max)s',
    '%(field)s must be one of: %(choices)s':
        'поле %(field)s должно быть одним из: %(choices)s',
    '%(host)s has no address':
        'у %(host)s нет адреса',
    '%(host)s resolves to a non-public address (%(what)s)':
        '%(host)s ведёт на непубличный адрес (%(what)s)',
    '%(kind)s channels need %(flag)s':
        'каналам %(kind)s нужно %(flag)s',
    '%(quantity)s is %(expected)s as a difference, not %(given)s.':
        '%(quantity)s как разница — это %(expected)s, а не %(given)s.',
    '%(quantity)s is %(expected)s, not %(given)s.':
        '%(quantity)s — это %(expected)s, а не %(given)s.',
    ('%(variant)s spelling in a %(article)s English article '
     '("%(counterpart)s" in %(article_again)s English).'):
        'Написание: %(variant)s, а статья — %(article)s (там пишут «%(counterpart)s»).',
    ('%(variant)s spelling in an %(article)s English article '
     '("%(counterpart)s" in %(article_again)s English).'):
        'Написание: %(variant)s, а статья — %(article)s (там пишут «%(counterpart)s»).',
    '%(word)s is more than one word; add each word on its own':
        '%(word)s — это больше одного слова; добавляйте каждое слово отдельно',
    '%(word)s… is longer than %(max)s characters':
        '%(word)s… длиннее %(max)s символов',
    '--chat must be a numeric chat id or @channelname':
        'chat должен быть числовым id чата или @именем_канала',
    '--token does not look like a bot token (123456:ABC…)':
        'token не похож на токен бота (123456:ABC…)',
    'American':
        'американский английский',
    'Australian':
        'австралийский английский',
    'British':
        'британский английский',
    'Canadian':
        'канадский английский',
    'Bot API base URL (self-hosted Bot API server).':
        'базовый адрес Bot API (собственный сервер Bot API).',
    'Channel %(id)s added: %(target)s':
        'Канал %(id)s добавлен: %(target)s',
    'Channel %(id)s disabled.':
        'Канал %(id)s отключён.',
    'Channel %(id)s enabled.':
        'Канал %(id)s включён.',
    'Channel %(id)s removed.':
        'Канал %(id)s удалён.',
    'Closing "%(mark)s" without an opening quote.':
        'Закрывающая «%(mark)s» без открывающей кавычки.',
    'Doubled word "%(word)s".':
        'Повторённое слово «%(word)s».',
    'Monday':
        'понедельник',
    'Tuesday':
        'вторник',
    'Wednesday':
        'среда',
    'Thursday':
        'четверг',
    'Friday':
        'пятница',
    'Saturday':
        'суббота',
    'Sunday':
        'воскресенье',
    'Group #%(id)s confirmed fixed.':
        'Группа #%(id)s подтверждена как исправленная.',
    'New signing secret of channel %(id)s (shown once, store it now): %(secret)s':
        'Новый секрет подписи канала %(id)s (показан один раз, сохраните его сейчас): %(secret)s',
    'Opening "%(mark)s" is never closed in this paragraph.':
        'Открывающая «%(mark)s» в этом абзаце не закрыта.',
    'Repeated "%(mark)s".':
        'Повторено «%(mark)s».',
    'Space before "%(mark)s".':
        'Пробел перед «%(mark)s».',
    'Test message not delivered through channel %(id)s: %(why)s':
        'Пробное сообщение не доставлено через канал %(id)s: %(why)s',
    'Test message sent through channel %(id)s.':
        'Пробное сообщение отправлено через канал %(id)s.',
    'The old secret also signs every request for %(hours)s more hours.':
        'Старый секрет будет подписывать каждый запрос ещё %(hours)s ч.',
    'The overlap is a whole number of hours.':
        'Перекрытие — целое число часов.',
    'There is no article here, or it is not on one of your sites.':
        'Здесь нет статьи, или она не с ваших сайтов.',
    'There is no channel here, or it is not on one of your sites.':
        'Здесь нет канала, или он не с ваших сайтов.',
    'There is no correction here, or it is not on one of your sites.':
        'Здесь нет исправления, или оно не с ваших сайтов.',
    'There is no export here, or it is not on one of your sites.':
        'Здесь нет экспорта, или он не с ваших сайтов.',
    'There is no group here, or it is not on one of your sites.':
        'Здесь нет группы, или она не с ваших сайтов.',
    'There is no site here, or it is not on one of your sites.':
        'Здесь нет сайта, или он не из ваших.',
    'Tick the box to confirm removing channel %(id)s.':
        'Отметьте флажок, чтобы подтвердить удаление канала %(id)s.',
    'Unbalanced " in this paragraph.':
        'Непарная " в этом абзаце.',
    'Unknown action.':
        'Неизвестное действие.',
    'Unknown status.':
        'Неизвестный статус.',
    'Unmatched "%(mark)s" in this paragraph.':
        '«%(mark)s» без пары в этом абзаце.',
    'a %(status)s group cannot become %(target)s':
        'группа со статусом «%(status)s» не может стать «%(target)s»',
    'a Discord webhook; mentions never ping':
        'вебхук Discord; упоминания никого не уведомляют',
    'a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat)':
        'входящий вебхук, совместимый со Slack (Slack, Mattermost, Rocket.Chat)',
    'a Telegram chat, group or channel, through a bot (Bot API sendMessage)':
        'чат, группа или канал Telegram через бота (Bot API sendMessage)',
    'a form has at most %(limit)s bytes':
        'в форме не больше %(limit)s байт',
    'a form has at most %(limit)s fields':
        'в форме не больше %(limit)s полей',
    'a form is sent as %(type)s':
        'форму отправляют как %(type)s',
    'a group duplicates another group of the same site':
        'группа может дублировать только другую группу того же сайта',
    'a note has at most %(max)s characters':
        'в примечании не больше %(max)s символов',
    'a password cannot contain NUL characters or lone surrogates':
        'пароль не может содержать символы NUL или одиночные суррогаты',
    'a password has at most %(max)s characters':
        'в пароле не больше %(max)s символов',
    'a password needs at least %(min)s characters':
        'в пароле должно быть не меньше %(min)s символов',
    'a reason goes with a rejection only':
        'причину указывают только при отклонении',
    'a selector has at most %(max)s characters':
        'в селекторе не больше %(max)s символов',
    'a site needs a name':
        'сайту нужно название',
    'a site needs at least one --origin':
        'сайту нужен хотя бы один источник (origin)',
    'a site with key %(key)s exists already':
        'сайт с ключом %(key)s уже есть',
    "a site's name has at most %(max)s characters":
        'в названии сайта не больше %(max)s символов',
    'a user %(email)s exists already':
        'пользователь %(email)s уже есть',
    'also send a daily digest.':
        'также присылать ежедневную сводку.',
    'at most %(limit)s values of %(field)s':
        'не больше %(limit)s значений поля %(field)s',
    'at most %(max)s characters':
        'не больше %(max)s символов',
    'at most %(max)s exclude selectors':
        'не больше %(max)s селекторов исключений',
    'bot token from @BotFather.':
        'токен бота от @BotFather.',
    'chat id (negative for groups) or @channelname.':
        'id чата (отрицательный для групп) или @имя_канала.',
    'choose at least one event, or the daily digest':
        'выберите хотя бы одно событие или ежедневную сводку',
    'cross-site request':
        'запрос с другого сайта',
    'e-mail through COPYDESK_SMTP_URL, text and HTML; optionally a daily digest':
        'электронная почта через COPYDESK_SMTP_URL, текст и HTML; по желанию ежедневная сводка',
    'empty word':
        'пустое слово',
    'group #%(id)s changed since: it is %(status)s now':
        'группа #%(id)s с тех пор изменилась: теперь она «%(status)s»',
    'group #%(id)s: the group it duplicated is not known':
        'группа #%(id)s: неизвестно, какую группу она дублировала',
    'group %(id)s is itself a duplicate':
        'группа %(id)s сама дубликат',
    'missing or wrong CSRF token; reload the page':
        'нет токена CSRF или он неверный; перезагрузите страницу',
    "no fix was detected in this group's article":
        'в статье этой группы исправление не обнаружено',
    'no site with key %(key)s':
        'нет сайта с ключом %(key)s',
    'no user %(who)s':
        'нет пользователя %(who)s',
    'not a CSS selector copydesk can use: %(selector)s (%(reason)s)':
        'это не CSS-селектор, который copydesk может использовать: %(selector)s (%(reason)s)',
    'not an email address: %(value)s':
        'это не адрес электронной почты: %(value)s',
    'nothing to undo: no status change of yours in the last %(minutes)s minutes':
        'нечего отменять: за последние %(minutes)s мин вы не меняли статусов',
    'only http:// and https:// URLs with a host are allowed':
        'разрешены только адреса http:// и https:// с хостом',
    'origin %(origin)s is not an http(s) origin like https://news.example':
        'источник %(origin)s — не http(s)-источник вроде https://news.example',
    'recipient address.':
        'адрес получателя.',
    'refused URL: %(reason)s':
        'адрес отклонён: %(reason)s',
    'say which group this one duplicates':
        'укажите, какую группу дублирует эта',
    'signed JSON POSTs (Standard Webhooks) to your endpoint':
        'подписанные JSON-запросы POST (Standard Webhooks) на ваш адрес',
    'the URL must be http:// or https:// with a host':
        'адрес должен быть http:// или https:// с хостом',
    "the assignee must be an active editor of the group's site":
        'назначить можно только активного редактора сайта группы',
    'the endpoint URL.':
        'адрес назначения.',
    'the overlap is 0 to 365 days':
        'перекрытие — от 0 до 365 дней',
    'the page cursor is not valid; start from the first page':
        'курсор страницы недействителен; начните с первой страницы',
    'there is no group #%(id)s on your sites to be a duplicate of':
        'на ваших сайтах нет группы #%(id)s, дубликатом которой можно отметить эту',
    'unknown event %(event)s':
        'неизвестное событие %(event)s',
    'you do not work on that site':
        'вы не работаете с этим сайтом',
    'by an admin':
        'администратором',
    # Messages of the admin pages after an action (admin.py, admin_sites.py, …)
    '%(count)s exclude selector(s) saved.':
        'Сохранено селекторов исключений: %(count)s.',
    '%(email)s disabled.':
        '%(email)s отключён.',
    '%(email)s enabled.':
        '%(email)s включён.',
    '%(email)s is now %(role)s.':
        'У %(email)s теперь роль «%(role)s».',
    '%(site)s: e-mail to %(email)s saved.':
        '%(site)s: письма на %(email)s сохранены.',
    '%(site)s: no e-mail to you.':
        '%(site)s: писем вам не будет.',
    'Added %(email)s.':
        'Добавлен %(email)s.',
    'Added %(name)s: key %(key)s.':
        'Добавлен %(name)s: ключ %(key)s.',
    'Choose a role.':
        'Выберите роль.',
    'New key %(key)s; the old key %(old)s works for %(days)s more days.':
        'Новый ключ %(key)s; старый ключ %(old)s будет работать ещё %(days)s дн.',
    'No site %(ids)s; nothing changed.':
        'Нет сайта %(ids)s; ничего не изменено.',
    'No such site.':
        'Такого сайта нет.',
    'No such user.':
        'Такого пользователя нет.',
    'Saved %(name)s.':
        'Сохранено: %(name)s.',
    'Site removed.':
        'Сайт удалён.',
    'Sites of %(email)s saved.':
        'Сайты %(email)s сохранены.',
    'The overlap is a whole number of days.':
        'Перекрытие — целое число дней.',
    "Type the site's name exactly to remove it.":
        'Чтобы удалить сайт, точно введите его название.',
    'You cannot change your own role.':
        'Свою роль изменить нельзя.',
    'You cannot disable yourself.':
        'Себя отключить нельзя.',
    # Notifications page events, silent edits' summaries
    "a new report": "новое сообщение",
    "a status change": "смена статуса",
    "a fix detected in the article": "обнаруженное исправление в статье",
    "a correction published": "опубликованное исправление",
    "+%(added)s -%(removed)s words": "+%(added)s -%(removed)s слов",
    "headline changed": "заголовок изменён",
}
