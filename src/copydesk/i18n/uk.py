"""The dashboard in Ukrainian: English msgid → translation; a plural maps each CLDR
category of Ukrainian (one, few, many, other) to its form (see :mod:`copydesk.i18n`)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, str | Mapping[str, str]] = {
    # Statuses, anchoring, history (copydesk.i18n)
    "new": "нова", "accepted": "прийнята", "fixed": "виправлена", "rejected": "відхилена",
    "duplicate": "дублікат", "spam": "спам", "all": "усі",
    "fixed (detected)": "виправлено (виявлено)", "changed": "змінено",
    "unchanged": "без змін", "orphaned": "втрачено", "not checked yet": "ще не перевірено",
    "any": "будь-який",
    "the quote is gone and the reader's suggestion stands in its place":
        "цитати вже немає, а на її місці — пропозиція читача",
    "the passage was found but changed otherwise": "уривок знайдено, але його змінено інакше",
    "the quote is still there": "цитата досі на місці",
    "the passage cannot be found in the article any more": "уривка в статті більше немає",
    "status": "статус", "reopen": "відкрити знову", "undo": "скасування",
    "assign": "призначення",
    "just now": "щойно",
    "Language and time zone saved.": "Мову й часовий пояс збережено.",
    # Messages after an action (web/dashboard: detail, listing, words)
    "Group #%(id)s reopened.": "Групу #%(id)s відкрито знову.",
    "Group #%(id)s marked %(status)s.": "Групу #%(id)s позначено: %(status)s.",
    "Undone: group #%(id)s is %(status)s again.": "Скасовано: група #%(id)s знову %(status)s.",
    "Select groups and an action.": "Виберіть групи й дію.",
    "%(count)s marked %(status)s": {
        "one": "%(count)s групу позначено: %(status)s",
        "few": "%(count)s групи позначено: %(status)s",
        "many": "%(count)s груп позначено: %(status)s",
        "other": "%(count)s групи позначено: %(status)s"},
    "; %(count)s unchanged": "; без змін: %(count)s",
    "Removed %(count)s word from the dictionary.": {
        "one": "Зі словника вилучено %(count)s слово.",
        "few": "Зі словника вилучено %(count)s слова.",
        "many": "Зі словника вилучено %(count)s слів.",
        "other": "Зі словника вилучено %(count)s слова."},
    "Already in the dictionary.": "Уже є в словнику.",
    "Added %(words)s to the dictionary.": "До словника додано: %(words)s.",
    # Confirmations of disabling (users.html, admin_channels.html)
    "Disable %(email)s? They are signed out and cannot sign in until enabled again.":
        ("Вимкнути %(email)s? Сеанси буде завершено, а ввійти не вдасться, доки "
         "обліковий запис знову не ввімкнуть."),
    "Disable this channel? Nothing is sent to it until it is enabled again.":
        "Вимкнути цей канал? Нічого не надсилатиметься, доки його знову не ввімкнуть.",
    # The script's words (dashboard.js)
    "Press u to undo.": "Натисніть u, щоб скасувати.",
    "Mark the selected groups as spam?": "Позначити вибрані групи як спам?",
    "{n} new — reload": "нових: {n} — оновіть",
    "Change {n} of {of}": "Зміна {n} з {of}",
    "That did not work.": "Не вдалося.",
    # Layout (base.html)
    "Skip to the content": "Перейти до змісту", "Queue": "Черга",
    "Silent edits": "Тихі правки", "Users": "Користувачі", "Sites": "Сайти",
    "Corrections": "Виправлення", "Standards": "Стандарти",
    "Audit log": "Журнал дій", "My notifications": "Мої сповіщення", "Password": "Пароль",
    "Language and time zone": "Мова й часовий пояс", "Log out": "Вийти",
    "Shortcuts": "Клавіші", "Undo": "Скасувати", "Keyboard shortcuts": "Клавіатурні скорочення",
    "next / previous group": "наступна / попередня група", "open the group": "відкрити групу",
    "accept (then the next group)": "прийняти (і до наступної групи)",
    "mark fixed": "позначити виправленою", "reject": "відхилити",
    "mark spam": "позначити як спам", "reopen (back to new)": "відкрити знову (знову нова)",
    "duplicate of… (group page)": "дублікат… (сторінка групи)",
    "assign to me (group page)": "призначити собі (сторінка групи)",
    "undo your last status change (10 minutes)":
        "скасувати свою останню зміну статусу (10 хвилин)",
    "back to the queue, at the same place": "назад до черги, на те саме місце",
    "open the article at the quote": "відкрити статтю на цитаті",
    "select for a bulk action": "вибрати для групової дії",
    "confirm a detected fix (group page)": "підтвердити виявлене виправлення (сторінка групи)",
    "next / previous change (diff page)": "наступна / попередня зміна (сторінка порівняння)",
    "this help (<kbd>Esc</kbd> closes)": "ця довідка (<kbd>Esc</kbd> закриває)",
    "Close": "Закрити", "Cancel": "Скасувати", "Yes, do it": "Так, зробити",
    # Login, password, errors
    "Log in": "Увійти", "Email": "Електронна пошта",
    "Wrong email or password.": "Неправильна адреса або пароль.",
    "Too many login attempts. Wait a minute and try again.":
        "Забагато спроб входу. Зачекайте хвилину й спробуйте знову.",
    "Too many password attempts. Wait a minute and try again.":
        "Забагато спроб введення пароля. Зачекайте хвилину й спробуйте знову.",
    "The current password is wrong.": "Поточний пароль неправильний.",
    "The new passwords differ.": "Нові паролі не збігаються.",
    "Change password": "Змінити пароль", "Change my password": "Зміна мого пароля",
    "Current password": "Поточний пароль",
    "New password (10 characters or more)": "Новий пароль (10 символів або більше)",
    "New password again": "Новий пароль ще раз",
    "Changing the password logs out every session, this one too.":
        "Зміна пароля завершує всі сеанси, і цей теж.",
    "The request cannot be used": "Цей запит не можна виконати", "Not allowed": "Заборонено",
    "This page is for admins only.": "Ця сторінка лише для адміністраторів.",
    "Not found": "Не знайдено", "That cannot be done now": "Зараз цього зробити не можна",
    "Too large": "Завелике", "Not a form": "Це не форма", "Cannot do that": "Так не можна",
    "There is nothing here, or it is not on one of your sites.":
        "Тут нічого немає, або це не на одному з ваших сайтів.",
    "Field": "Поле", "Code": "Код", "Back to the queue": "Назад до черги",
    # Account pages
    "Language": "Мова", "The browser's (%(name)s)": "Як у браузері (%(name)s)",
    "Time zone": "Часовий пояс",
    "The browser's (set once on the next page)":
        "Як у браузері (визначиться на наступній сторінці)",
    "Save": "Зберегти",
    "Times are shown in %(zone)s: now is %(time)s. Each time's exact value in UTC is kept "
    "in the page for scripts.":
        "Час показано в поясі %(zone)s: зараз %(time)s. Точне значення кожного часу в UTC "
        "лишається на сторінці для скриптів.",
    "E-mail to %(email)s, per site: each chosen event as it happens, or one daily digest.":
        "Листи на %(email)s для кожного сайту: кожна вибрана подія одразу або один щоденний "
        "підсумок.",
    "E-mail me about %(name)s": "Надсилати мені листи про %(name)s", "How": "Як",
    "each event as it happens": "кожну подію одразу", "a daily digest": "щоденний підсумок",
    "Events (as they happen)": "Події (одразу)",
    "You work on no site yet.": "Ви ще не працюєте з жодним сайтом.",
    # Queue
    "Filters": "Фільтри", "Site": "Сайт", "All my sites": "Усі мої сайти", "Status": "Статус",
    "Text in the article": "Текст у статті", "From": "Від", "To": "До", "Sort": "Порядок",
    "newest": "найновіші", "most reported": "найчастіше повідомлені",
    "has suggestion": "є пропозиція", "assigned to me": "призначені мені", "Search": "Пошук",
    "words in quotes, suggestions, comments": "слова в цитатах, пропозиціях, коментарях",
    "Filter": "Фільтрувати", "Export:": "Експорт:",
    "Web Annotations (JSON-LD)": "Вебанотації (JSON-LD)",
    "%(count)s group on this page of %(total)s in every status": {
        "one": "На цій сторінці %(count)s група з %(total)s в усіх статусах",
        "few": "На цій сторінці %(count)s групи з %(total)s в усіх статусах",
        "many": "На цій сторінці %(count)s груп з %(total)s в усіх статусах",
        "other": "На цій сторінці %(count)s групи з %(total)s в усіх статусах",
    },
    "%(count)s group on this page of %(total)s %(status)s": {
        "one": "На цій сторінці %(count)s група з %(total)s зі статусом «%(status)s»",
        "few": "На цій сторінці %(count)s групи з %(total)s зі статусом «%(status)s»",
        "many": "На цій сторінці %(count)s груп з %(total)s зі статусом «%(status)s»",
        "other": "На цій сторінці %(count)s групи з %(total)s зі статусом «%(status)s»",
    },
    "Filters in use:": "Діють фільтри:", "Clear the filter %(label)s": "Зняти фільтр %(label)s",
    "Clear all": "Зняти всі", "With the selected:": "З вибраними:",
    "mark %(status)s": "позначити: %(status)s", "note (optional)": "примітка (необов'язково)",
    "Note for the selected groups": "Примітка до вибраних груп", "Apply": "Застосувати",
    "%(count)s group": {
        "one": "%(count)s група", "few": "%(count)s групи", "many": "%(count)s груп",
        "other": "%(count)s групи",
    },
    "%(count)s reader": {
        "one": "%(count)s читач", "few": "%(count)s читачі", "many": "%(count)s читачів",
        "other": "%(count)s читача",
    },
    "select group #%(id)s": "вибрати групу №%(id)s", "Suggestion:": "Пропозиція:",
    "Pages": "Сторінки", "Previous page": "Попередня сторінка", "Next page": "Наступна сторінка",
    # Filter labels and empty states (web/dashboard/listing.py)
    "site": "сайт", "from": "від", "to": "до", "search": "пошук",
    "text in the article": "текст у статті", "sort": "порядок",
    "No more groups on this side: go back to the first page.":
        "Далі груп немає: поверніться на першу сторінку.",
    "No group matches these filters. Clear a filter to see more.":
        "Жодна група не відповідає цим фільтрам. Зніміть фільтр, щоб побачити більше.",
    "No new reports: the queue is clear.": "Нових повідомлень немає: черга порожня.",
    "No reports yet.": "Повідомлень ще немає.",
    "No accepted groups.": "Прийнятих груп немає.", "No fixed groups.": "Виправлених груп немає.",
    "No rejected groups.": "Відхилених груп немає.", "No duplicate groups.": "Дублікатів немає.",
    "No spam groups.": "Спаму немає.",
    # A group (group.html)
    "Group %(id)s": "Група %(id)s", "previous group": "попередня група",
    "next group": "наступна група", "article #%(id)s": "стаття №%(id)s",
    "group #%(id)s": "група №%(id)s", "Open the article at the quote": "Відкрити статтю на цитаті",
    "The paragraph from the article's latest version.": "Абзац з останньої версії статті.",
    "last report %(time)s": "останнє повідомлення %(time)s", "duplicate of": "дублікат",
    "assigned to %(who)s": "призначено: %(who)s", "In the article now": "У статті зараз",
    "checked against": "перевірено за", "version #%(id)s": "версією №%(id)s",
    "seen %(time)s": "від %(time)s", "what changed": "що змінилося",
    "Marked fixed, but the quote is still in version #%(id)s of the article.":
        "Позначено виправленою, але цитата досі є у версії №%(id)s статті.",
    "Confirm fix": "Підтвердити виправлення",
    "Not checked yet: no version of the article has arrived since the report.":
        "Ще не перевірено: після повідомлення не надійшло жодної версії статті.",
    "The article's versions": "Версії статті", "Write a correction": "Написати виправлення",
    "Note (optional)": "Примітка (необов'язково)", "Duplicate of group #": "Дублікат групи №",
    "Type a group number or words of its quote (<kbd>d</kbd>).":
        "Введіть номер групи або слова з її цитати (<kbd>d</kbd>).",
    "If rejected, tell the readers who asked why":
        "Якщо відхилено, пояснити читачам, які просили, чому",
    "(no mail)": "(без листа)", "not an error": "це не помилка",
    "a style choice": "так заведено в стилі",
    "already fixed": "уже виправлено", "out of scope": "поза нашою відповідальністю",
    "Mark group #%(id)s as spam? Its readers' reports leave the queue.":
        "Позначити групу №%(id)s як спам? Повідомлення її читачів зникнуть із черги.",
    "Assign to": "Призначити", "nobody": "нікому", "Assign": "Призначити",
    "Reports (%(count)s)": "Повідомлення (%(count)s)", "spam:": "спам:",
    "Sent from:": "Надіслано з:", "Proofreading findings": "Знахідки коректури",
    "readers reported this too": "читачі теж про це повідомили",
    "Add “%(word)s” to the dictionary of %(site)s? The spelling check will accept it on "
    "every article of the site.":
        "Додати «%(word)s» до словника %(site)s? Перевірка правопису прийматиме це слово "
        "в усіх статтях сайту.",
    "Add “%(word)s” to the dictionary…": "Додати «%(word)s» до словника…",
    "Readers' groups on this article": "Групи читачів до цієї статті",
    "Dictionary of this site": "Словник цього сайту", "History": "Історія",
    "No changes yet.": "Змін ще не було.",
    # The anchoring badge (_anchor.html)
    "in the article:": "у статті:",
    "marked fixed, but the quote is still in the article":
        "позначено виправленою, але цитата досі в статті",
    "quote still there": "цитата досі є",
    # Administration: users, sites, the audit log, reset links (users.html, sites.html,
    # audit.html, admin_reset_link.html, password_reset.html)
    "admin": "адміністратор", "editor": "редактор",
    "Role": "Роль", "disabled": "вимкнено", "Role of %(email)s": "Роль %(email)s",
    "Save role": "Зберегти роль", "all sites": "усі сайти", "Save sites": "Зберегти сайти",
    "Enable": "Увімкнути", "Disable": "Вимкнути",
    "Password reset link": "Посилання для зміни пароля", "Add a user": "Додати користувача",
    "Password (10 characters or more)": "Пароль (10 символів або більше)",
    "Sites (editors)": "Сайти (для редакторів)", "Add user": "Додати користувача",
    "Key:": "Ключ:", "Origins:": "Джерела:",
    "Settings, key, selectors, removal": "Налаштування, ключ, селектори, вилучення",
    "Channels": "Канали", "Newsroom dictionary": "Словник редакції",
    "Embed on article pages:": "Вставте на сторінки статей:", "No sites yet.": "Сайтів ще немає.",
    "Add a site": "Додати сайт", "Name": "Назва",
    "Origins (space separated, e.g. https://news.example https://*.news.example)":
        "Джерела (через пробіл, напр. https://news.example https://*.news.example)",
    "Key (optional; random when empty)": "Ключ (необов'язково; випадковий, якщо порожньо)",
    "Add site": "Додати сайт",
    "When": "Коли", "Who": "Хто", "Action": "Дія", "Group": "Група", "Change": "Зміна",
    "Note": "Примітка", "Nothing yet.": "Поки нічого.", "Older": "Старіші",
    "Reset link": "Посилання для зміни пароля",
    "Password reset link for %(email)s": "Посилання для зміни пароля %(email)s",
    "Pass this link on to %(email)s. It works once, for %(count)s hour, and is not shown "
    "again:": {
        "one": "Передайте це посилання %(email)s. Воно діє один раз, %(count)s годину, "
               "і більше не буде показане:",
        "few": "Передайте це посилання %(email)s. Воно діє один раз, %(count)s години, "
               "і більше не буде показане:",
        "many": "Передайте це посилання %(email)s. Воно діє один раз, %(count)s годин, "
                "і більше не буде показане:",
        "other": "Передайте це посилання %(email)s. Воно діє один раз, %(count)s години, "
                 "і більше не буде показане:",
    },
    "A new link replaces this one. Setting the password through it logs %(email)s out "
    "everywhere.":
        "Нове посилання замінює це. Зміна пароля за ним завершує всі сеанси %(email)s.",
    "Back to users": "Назад до користувачів",
    "Set a password": "Встановлення пароля", "Link not valid": "Посилання недійсне",
    "This link does not work: it was used already, it expired, or it was replaced.":
        "Це посилання не діє: його вже використали, строк минув або його замінили.",
    "Ask an admin for a new link.": "Попросіть адміністратора про нове посилання.",
    "Set a password for %(email)s": "Пароль для %(email)s",
    "Set the password": "Встановити пароль",
    "The link works once. Then log in with the new password.":
        "Посилання діє один раз. Потім увійдіть з новим паролем.",
    # The dictionary (words.html)
    "Dictionary of %(name)s": "Словник %(name)s",
    "Names, places and terms the spelling check accepts on this site's articles.":
        "Імена, назви місць і терміни, які перевірка правопису приймає в статтях цього сайту.",
    "Words to add (separated by spaces or commas)": "Слова, які додати (через пробіли або коми)",
    "Add": "Додати",
    "Remove “%(word)s” from the dictionary? The spelling check will flag it again.":
        "Вилучити «%(word)s» зі словника? Перевірка правопису знову позначатиме це слово.",
    "Remove %(word)s": "Вилучити %(word)s", "Remove…": "Вилучити…",
    "No words yet.": "Слів ще немає.",
    # Articles, diffs, silent edits (article.html, diff.html, silent.html)
    "Article %(id)s": "Стаття %(id)s", "Tracked since": "Відстежується з",
    "from a feed": "зі стрічки", "from a reader's report": "з повідомлення читача",
    "Last fetched": "Останнє завантаження", "never": "ніколи",
    "Next fetch": "Наступне завантаження", "not scheduled": "не заплановано",
    "Failures in a row": "Невдач поспіль", "Last error": "Остання помилка",
    "Recent fetch failures": "Останні невдалі завантаження",
    "Versions (%(count)s)": "Версії (%(count)s)", "Latest changes": "Останні зміни",
    "Version": "Версія", "Seen": "Побачено", "Headline": "Заголовок", "Byline": "Автор",
    "Extractor": "Видобування", "significant": "суттєва", "typography only": "лише типографіка",
    "first seen": "перша", "No version fetched yet.": "Жодної версії ще не завантажено.",
    "Readers' groups (%(count)s)": "Групи читачів (%(count)s)",
    "in version #%(id)s": "у версії №%(id)s",
    "No reports on this article.": "Повідомлень до цієї статті немає.",
    "Changes in article %(id)s": "Зміни в статті %(id)s", "removed:": "вилучено:",
    "added:": "додано:", "Changes: %(title)s": "Зміни: %(title)s", "Compare": "Порівняти",
    "Version #%(old)s (%(old_time)s) → version #%(new)s (%(new_time)s)":
        "Версія №%(old)s (%(old_time)s) → версія №%(new)s (%(new_time)s)",
    "%(count)s change": {
        "one": "%(count)s зміна", "few": "%(count)s зміни", "many": "%(count)s змін",
        "other": "%(count)s зміни",
    },
    "<kbd>n</kbd> / <kbd>p</kbd>: next / previous":
        "<kbd>n</kbd> / <kbd>p</kbd>: наступна / попередня",
    "Text": "Текст",
    "Only one version so far: nothing to compare.": "Поки лише одна версія: нема з чим порівняти.",
    "Significant changes to articles after they were first seen, with no correction. The "
    "newest %(count)s is listed.": {
        "one": "Суттєві зміни статей після першої появи, без виправлення. Показано "
               "найновішу %(count)s.",
        "few": "Суттєві зміни статей після першої появи, без виправлення. Показано "
               "найновіші %(count)s.",
        "many": "Суттєві зміни статей після першої появи, без виправлення. Показано "
                "найновіші %(count)s.",
        "other": "Суттєві зміни статей після першої появи, без виправлення. Показано "
                 "найновіші %(count)s.",
    },
    "Since": "Від", "Article": "Стаття", "Diff": "Порівняння",
    "No silent edits.": "Тихих правок немає.",
    # A site's settings and removal (admin_site.html, admin_site_remove.html)
    "All sites": "Усі сайти", "Name and origins": "Назва й джерела",
    "Origins (space separated)": "Джерела (через пробіл)", "Public key": "Публічний ключ",
    "The previous key <code>%(key)s</code> still works until %(until)s.":
        "Попередній ключ <code>%(key)s</code> діє до %(until)s.",
    "Keep the current key working for (days)": "Скільки днів ще діятиме поточний ключ",
    "Rotate the key": "Замінити ключ",
    "Pages that still carry the old <code>data-site</code> keep reporting until the overlap "
    "ends; replace the snippet on them before then.":
        "Сторінки зі старим <code>data-site</code> надсилають повідомлення, доки не скінчиться "
        "перехідний строк; замініть на них вставку до того.",
    "Exclude selectors": "Виключені селектори",
    "CSS selectors removed from the site's pages before their text is read, one a line":
        "CSS-селектори, які вилучаються зі сторінок сайту перед читанням тексту, по одному "
        "в рядку",
    "Proofreading": "Коректура",
    "English spelling": "Англійський правопис",
    "From the page or the text": "За сторінкою або текстом",
    "Save spelling": "Зберегти правопис",
    "English spelling: %(variant)s.": "Англійський правопис: %(variant)s.",
    "A spelling valid in the chosen variant is never flagged; one of another variant is a note.":
        "Написання, правильне у вибраному варіанті, ніколи не позначається; написання іншого "
        "варіанта — лише примітка.",
    "Ukrainian orthography": "Український правопис",
    "The server's setting (2019 unless changed)":
        "Як у налаштуваннях сервера (2019, якщо не змінено)",
    "2019": "2019",
    "Kharkiv (1928)": "Харківський (1928)",
    "Save orthography": "Зберегти правопис",
    "Ukrainian orthography: %(choice)s.": "Український правопис: %(choice)s.",
    "Save selectors": "Зберегти селектори", "Remove": "Вилучити",
    "Remove %(name)s…": "Вилучити %(name)s…",
    "%(groups)s groups, %(reports)s reports, %(channels)s channels":
        "груп: %(groups)s, повідомлень: %(reports)s, каналів: %(channels)s",
    "Remove %(name)s": "Вилучити %(name)s",
    "Removing the site deletes, and nothing brings back:":
        "Вилучення сайту видаляє, без змоги повернути:",
    "%(groups)s groups and their %(reports)s reports,":
        "групи (%(groups)s) і їхні повідомлення (%(reports)s),",
    "%(articles)s articles, their versions and findings,":
        "статті (%(articles)s), їхні версії та знахідки,",
    "%(channels)s channels and their queued notifications,":
        "канали (%(channels)s) і їхні сповіщення в черзі,",
    "the site's audit rows, its dictionary and its corrections.":
        "записи журналу дій сайту, його словник і його виправлення.",
    "Pages with its key (<code>%(key)s</code>) stop reporting at once.":
        "Сторінки з його ключем (<code>%(key)s</code>) одразу перестають надсилати повідомлення.",
    "Type the site's name, <strong>%(name)s</strong>, to confirm":
        "Введіть назву сайту, <strong>%(name)s</strong>, щоб підтвердити",
    "Remove the site and everything of it": "Вилучити сайт і все, що з ним пов'язано",
    "Keep it": "Залишити",
    # Corrections (corrections.html, correction.html, correction_new.html,
    # correction_fields.html, corrections_standards.html)
    "correction": "виправлення", "clarification": "уточнення", "update": "оновлення",
    "editor's note": "примітка редакції", "retraction": "спростування",
    "draft": "чернетка", "published": "опубліковано", "withdrawn": "відкликано",
    "top": "угорі", "bottom": "унизу", "minor": "незначне", "major": "суттєве",
    "Correction %(id)s": "Виправлення %(id)s",
    "Written by %(who)s %(time)s": "Написав %(who)s %(time)s",
    "published %(time)s": "опубліковано %(time)s", "withdrawn %(time)s": "відкликано %(time)s",
    "Public page": "Публічна сторінка", "Edit the draft": "Редагувати чернетку",
    "Edit (kept as a revision, shown as “updated on …”)":
        "Редагувати (зберігається як редакція, показується як «оновлено …»)",
    "Publish": "Опублікувати",
    "A standards editor of this site or an admin publishes it.":
        "Публікує редактор зі стандартів цього сайту або адміністратор.",
    "Why it is withdrawn (shown publicly)": "Чому відкликано (показується публічно)",
    "Withdraw": "Відкликати", "Revisions": "Редакції", "Type": "Тип",
    "Text (what was wrong, what is right)": "Текст (що було неправильно, як правильно)",
    "Placement": "Розміщення", "Severity": "Вага", "Corrects version": "Виправляє версію",
    "(any earlier)": "(будь-яку попередню)", "#%(id)s seen %(time)s": "№%(id)s від %(time)s",
    "typography": "типографіка", "Why late (if it is)": "Чому із запізненням (якщо так)",
    "Save draft": "Зберегти чернетку", "Publish now": "Опублікувати зараз",
    "Show": "Показати", "Public corrections page": "Публічна сторінка виправлень",
    "What lacks a notice": "Що без повідомлення",
    "You publish and withdraw this site's corrections.":
        "Ви публікуєте й відкликаєте виправлення цього сайту.",
    "You draft corrections; a standards editor of this site or an admin publishes them.":
        "Ви пишете чернетки виправлень; публікує їх редактор зі стандартів цього сайту "
        "або адміністратор.",
    "Published": "Опубліковано",
    "%(count)s edit": {
        "one": "%(count)s правка", "few": "%(count)s правки", "many": "%(count)s правок",
        "other": "%(count)s правки",
    },
    "No corrections yet.": "Виправлень ще немає.",
    "Public pages of this site": "Публічні сторінки цього сайту",
    "Corrections policy (address)": "Правила виправлень (адреса)",
    "Announce published corrections to the site's channels":
        "Оголошувати опубліковані виправлення в каналах сайту",
    "Significant changes with no published correction covering them.":
        "Суттєві зміни, яких не охоплює жодне опубліковане виправлення.",
    "Fixed, with no notice": "Виправлено, без повідомлення", "Quote": "Цитата",
    "Fixed": "Виправлено",
    "Every fixed group has its notice.": "Кожна виправлена група має своє повідомлення.",
    # A site's channels (admin_channels.html; each kind's own words stay English)
    "Channels of %(name)s": "Канали %(name)s", "Site settings": "Налаштування сайту",
    "Store this now": "Збережіть це зараз", "It is not shown again.": "Більше це не покажуть.",
    "Id": "Id", "Kind": "Вид", "Target": "Адресат", "State": "Стан",
    "own e-mail of %(who)s": "власна пошта %(who)s",
    "old secret also signs until %(until)s": "старий секрет теж підписує до %(until)s",
    "enabled": "увімкнено", "Send a test": "Надіслати пробне",
    "old secret signs for": "старий секрет підписує ще", "h": "год",
    "Rotate the secret": "Замінити секрет", "sure": "точно",
    "No channels: nothing is notified.": "Каналів немає: сповіщення нікуди не йдуть.",
    "Add a channel": "Додати канал", "Kind:": "Вид:", "required": "обов'язково",
    "Add %(kind)s channel": "Додати канал %(kind)s",
    # Sentences made in Python: refusals of the domain functions and of the dashboard's
    # input checks, channels' messages, the kinds' own words, proofreading findings
    # (copydesk.i18n.text, copydesk.i18n.sentences)
    '"%(first)s" and "%(second)s" give different figures.':
        '«%(first)s» і «%(second)s» дають різні числа.',
    '"%(token)s" is written "%(suggestion)s" elsewhere in this text.':
        '«%(token)s» деінде в цьому тексті написано як «%(suggestion)s».',
    '"%(word)s" is a common misspelling of "%(correction)s".':
        '«%(word)s» — поширена помилка в написанні «%(correction)s».',
    '"%(word)s" is not in the dictionary.':
        '«%(word)s» немає в словнику.',
    '"%(words)s" cannot stand together; one of the two words is probably left over from an edit.':
        '«%(words)s» не можуть стояти поруч; одне з двох слів, мабуть, лишилося після правки.',
    '%(date)s is a %(weekday)s: "%(right)s", not "%(given)s".':
        '%(date)s — це %(weekday)s: «%(right)s», а не «%(given)s».',
    '%(email)s is disabled; enable the account first':
        '%(email)s вимкнено; спершу ввімкніть обліковий запис',
    '%(email)s is not an email address':
        '%(email)s — не адреса електронної пошти',
    '%(email)s is the last active admin; make another admin first':
        '%(email)s — останній активний адміністратор; спершу призначте іншого',
    '%(field)s contains a NUL character':
        'поле %(field)s містить символ NUL',
    '%(field)s has at most %(max)s characters':
        'поле %(field)s має щонайбільше %(max)s символів',
    '%(field)s must be a date YYYY-MM-DD from %(min)s to %(max)s':
        'поле %(field)s має бути датою РРРР-ММ-ДД від %(min)s до %(max)s',
    '%(field)s must be a whole number from 1 to %(max)s':
        'поле %(field)s має бути цілим числом від 1 до %(max)s',
    '%(field)s must be one of: %(choices)s':
        'поле %(field)s має бути одним із: %(choices)s',
    '%(host)s has no address':
        '%(host)s не має адреси',
    '%(host)s resolves to a non-public address (%(what)s)':
        '%(host)s веде на непублічну адресу (%(what)s)',
    '%(kind)s channels need %(flag)s':
        'каналам %(kind)s потрібне %(flag)s',
    '%(quantity)s is %(expected)s as a difference, not %(given)s.':
        '%(quantity)s як різниця — це %(expected)s, а не %(given)s.',
    '%(quantity)s is %(expected)s, not %(given)s.':
        '%(quantity)s — це %(expected)s, а не %(given)s.',
    ('%(variant)s spelling in a %(article)s English article '
     '("%(counterpart)s" in %(article_again)s English).'):
        'Написання: %(variant)s, а стаття — %(article)s (там пишуть «%(counterpart)s»).',
    ('%(variant)s spelling in an %(article)s English article '
     '("%(counterpart)s" in %(article_again)s English).'):
        'Написання: %(variant)s, а стаття — %(article)s (там пишуть «%(counterpart)s»).',
    '%(word)s is more than one word; add each word on its own':
        '%(word)s — це більше ніж одне слово; додавайте кожне слово окремо',
    '%(word)s… is longer than %(max)s characters':
        '%(word)s… довше за %(max)s символів',
    '--chat must be a numeric chat id or @channelname':
        'chat має бути числовим id чату або @назвою_каналу',
    '--token does not look like a bot token (123456:ABC…)':
        'token не схожий на токен бота (123456:ABC…)',
    'American':
        'американська англійська',
    'Australian':
        'австралійська англійська',
    'British':
        'британська англійська',
    'Canadian':
        'канадська англійська',
    'Bot API base URL (self-hosted Bot API server).':
        'базова адреса Bot API (власний сервер Bot API).',
    'Channel %(id)s added: %(target)s':
        'Канал %(id)s додано: %(target)s',
    'Channel %(id)s disabled.':
        'Канал %(id)s вимкнено.',
    'Channel %(id)s enabled.':
        'Канал %(id)s увімкнено.',
    'Channel %(id)s removed.':
        'Канал %(id)s вилучено.',
    'Closing "%(mark)s" without an opening quote.':
        'Закривальна «%(mark)s» без відкривальної лапки.',
    'Doubled word "%(word)s".':
        'Подвоєне слово «%(word)s».',
    'Monday':
        'понеділок',
    'Tuesday':
        'вівторок',
    'Wednesday':
        'середа',
    'Thursday':
        'четвер',
    'Friday':
        "п'ятниця",
    'Saturday':
        'субота',
    'Sunday':
        'неділя',
    'Group #%(id)s confirmed fixed.':
        'Групу #%(id)s підтверджено як виправлену.',
    'New signing secret of channel %(id)s (shown once, store it now): %(secret)s':
        'Новий секрет підпису каналу %(id)s (показано один раз, збережіть його зараз): %(secret)s',
    'Opening "%(mark)s" is never closed in this paragraph.':
        'Відкривальну «%(mark)s» у цьому абзаці не закрито.',
    'Repeated "%(mark)s".':
        'Повторено «%(mark)s».',
    'Space before "%(mark)s".':
        'Пробіл перед «%(mark)s».',
    'Test message not delivered through channel %(id)s: %(why)s':
        'Пробне повідомлення не доставлено через канал %(id)s: %(why)s',
    'Test message sent through channel %(id)s.':
        'Пробне повідомлення надіслано через канал %(id)s.',
    'The old secret also signs every request for %(hours)s more hours.':
        'Старий секрет підписуватиме кожен запит ще %(hours)s год.',
    'The overlap is a whole number of hours.':
        'Перекриття — ціла кількість годин.',
    'There is no article here, or it is not on one of your sites.':
        'Тут немає статті, або вона не з ваших сайтів.',
    'There is no channel here, or it is not on one of your sites.':
        'Тут немає каналу, або він не з ваших сайтів.',
    'There is no correction here, or it is not on one of your sites.':
        'Тут немає виправлення, або воно не з ваших сайтів.',
    'There is no export here, or it is not on one of your sites.':
        'Тут немає експорту, або він не з ваших сайтів.',
    'There is no group here, or it is not on one of your sites.':
        'Тут немає групи, або вона не з ваших сайтів.',
    'There is no site here, or it is not on one of your sites.':
        'Тут немає сайту, або він не з ваших.',
    'Tick the box to confirm removing channel %(id)s.':
        'Позначте прапорець, щоб підтвердити вилучення каналу %(id)s.',
    'Unbalanced " in this paragraph.':
        'Непарна " у цьому абзаці.',
    'Unknown action.':
        'Невідома дія.',
    'Unknown status.':
        'Невідомий статус.',
    'Unmatched "%(mark)s" in this paragraph.':
        '«%(mark)s» без пари в цьому абзаці.',
    'a %(status)s group cannot become %(target)s':
        'група зі статусом «%(status)s» не може стати «%(target)s»',
    'a Discord webhook; mentions never ping':
        'вебхук Discord; згадки нікого не сповіщають',
    'a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat)':
        'вхідний вебхук, сумісний зі Slack (Slack, Mattermost, Rocket.Chat)',
    'a Telegram chat, group or channel, through a bot (Bot API sendMessage)':
        'чат, група чи канал Telegram через бота (Bot API sendMessage)',
    'a form has at most %(limit)s bytes':
        'форма має щонайбільше %(limit)s байтів',
    'a form has at most %(limit)s fields':
        'форма має щонайбільше %(limit)s полів',
    'a form is sent as %(type)s':
        'форму надсилають як %(type)s',
    'a group duplicates another group of the same site':
        'група може дублювати лише іншу групу того самого сайту',
    'a note has at most %(max)s characters':
        'примітка має щонайбільше %(max)s символів',
    'a password cannot contain NUL characters or lone surrogates':
        'пароль не може містити символів NUL чи самотніх сурогатів',
    'a password has at most %(max)s characters':
        'пароль має щонайбільше %(max)s символів',
    'a password needs at least %(min)s characters':
        'пароль має містити щонайменше %(min)s символів',
    'a reason goes with a rejection only':
        'причину вказують лише при відхиленні',
    'a selector has at most %(max)s characters':
        'селектор має щонайбільше %(max)s символів',
    'a site needs a name':
        'сайту потрібна назва',
    'a site needs at least one --origin':
        'сайту потрібне щонайменше одне джерело (origin)',
    'a site with key %(key)s exists already':
        'сайт із ключем %(key)s уже є',
    "a site's name has at most %(max)s characters":
        'назва сайту має щонайбільше %(max)s символів',
    'a user %(email)s exists already':
        'користувач %(email)s уже є',
    'also send a daily digest.':
        'також надсилати щоденний дайджест.',
    'at most %(limit)s values of %(field)s':
        'щонайбільше %(limit)s значень поля %(field)s',
    'at most %(max)s characters':
        'щонайбільше %(max)s символів',
    'at most %(max)s exclude selectors':
        'щонайбільше %(max)s селекторів винятків',
    'bot token from @BotFather.':
        'токен бота від @BotFather.',
    'chat id (negative for groups) or @channelname.':
        'id чату (від’ємний для груп) або @назва_каналу.',
    'choose at least one event, or the daily digest':
        'виберіть хоча б одну подію або щоденний дайджест',
    'cross-site request':
        'запит з іншого сайту',
    'e-mail through COPYDESK_SMTP_URL, text and HTML; optionally a daily digest':
        'електронна пошта через COPYDESK_SMTP_URL, текст і HTML; за бажання щоденний дайджест',
    'empty word':
        'порожнє слово',
    'group #%(id)s changed since: it is %(status)s now':
        'групу #%(id)s відтоді змінено: тепер вона «%(status)s»',
    'group #%(id)s: the group it duplicated is not known':
        'група #%(id)s: невідомо, яку групу вона дублювала',
    'group %(id)s is itself a duplicate':
        'група %(id)s сама є дублікатом',
    'missing or wrong CSRF token; reload the page':
        'немає токена CSRF або він хибний; перезавантажте сторінку',
    "no fix was detected in this group's article":
        'у статті цієї групи виправлення не виявлено',
    'no site with key %(key)s':
        'немає сайту з ключем %(key)s',
    'no user %(who)s':
        'немає користувача %(who)s',
    'not a CSS selector copydesk can use: %(selector)s (%(reason)s)':
        'це не CSS-селектор, який copydesk може використати: %(selector)s (%(reason)s)',
    'not an email address: %(value)s':
        'це не адреса електронної пошти: %(value)s',
    'nothing to undo: no status change of yours in the last %(minutes)s minutes':
        'нічого скасовувати: за останні %(minutes)s хв ви не змінювали статусів',
    'only http:// and https:// URLs with a host are allowed':
        'дозволено лише адреси http:// і https:// з хостом',
    'origin %(origin)s is not an http(s) origin like https://news.example':
        'джерело %(origin)s — не http(s)-джерело на кшталт https://news.example',
    'recipient address.':
        'адреса отримувача.',
    'refused URL: %(reason)s':
        'адресу відхилено: %(reason)s',
    'say which group this one duplicates':
        'укажіть, яку групу дублює ця',
    'signed JSON POSTs (Standard Webhooks) to your endpoint':
        'підписані JSON-запити POST (Standard Webhooks) на вашу адресу',
    'the URL must be http:// or https:// with a host':
        'адреса має бути http:// або https:// з хостом',
    "the assignee must be an active editor of the group's site":
        'призначити можна лише активного редактора сайту групи',
    'the endpoint URL.':
        'адреса призначення.',
    'the overlap is 0 to 365 days':
        'перекриття — від 0 до 365 днів',
    'the page cursor is not valid; start from the first page':
        'курсор сторінки недійсний; почніть з першої сторінки',
    'there is no group #%(id)s on your sites to be a duplicate of':
        'на ваших сайтах немає групи #%(id)s, дублікатом якої можна позначити цю',
    'unknown event %(event)s':
        'невідома подія %(event)s',
    'you do not work on that site':
        'ви не працюєте з цим сайтом',
    'by an admin':
        'адміністратором',
    # Messages of the admin pages after an action (admin.py, admin_sites.py, …)
    '%(count)s exclude selector(s) saved.':
        'Збережено селекторів винятків: %(count)s.',
    '%(email)s disabled.':
        '%(email)s вимкнено.',
    '%(email)s enabled.':
        '%(email)s увімкнено.',
    '%(email)s is now %(role)s.':
        '%(email)s тепер має роль «%(role)s».',
    '%(site)s: e-mail to %(email)s saved.':
        '%(site)s: листи на %(email)s збережено.',
    '%(site)s: no e-mail to you.':
        '%(site)s: листів вам не буде.',
    'Added %(email)s.':
        'Додано %(email)s.',
    'Added %(name)s: key %(key)s.':
        'Додано %(name)s: ключ %(key)s.',
    'Choose a role.':
        'Виберіть роль.',
    'New key %(key)s; the old key %(old)s works for %(days)s more days.':
        'Новий ключ %(key)s; старий ключ %(old)s працюватиме ще %(days)s дн.',
    'No site %(ids)s; nothing changed.':
        'Немає сайту %(ids)s; нічого не змінено.',
    'No such site.':
        'Такого сайту немає.',
    'No such user.':
        'Такого користувача немає.',
    'Saved %(name)s.':
        'Збережено %(name)s.',
    'Site removed.':
        'Сайт вилучено.',
    'Sites of %(email)s saved.':
        'Сайти %(email)s збережено.',
    'The overlap is a whole number of days.':
        'Перекриття — ціла кількість днів.',
    "Type the site's name exactly to remove it.":
        'Щоб вилучити сайт, точно введіть його назву.',
    'You cannot change your own role.':
        'Власну роль змінити не можна.',
    'You cannot disable yourself.':
        'Себе вимкнути не можна.',
    # Notifications page events, silent edits' summaries
    "a new report": "нове повідомлення",
    "a status change": "зміна статусу",
    "a fix detected in the article": "виявлене виправлення в статті",
    "a correction published": "опубліковане виправлення",
    "+%(added)s -%(removed)s words": "+%(added)s -%(removed)s слів",
    "headline changed": "заголовок змінено",
}
