// Every visible string and accessible name of the widget, one table per
// language. To add a language, copy the `en` table, translate the values and
// add it under its ISO 639-1 code; nothing else needs to change.

const en = {
  title: "Report an error",
  context: "Selected text",
  suggestion: "Suggested correction",
  comment: "Comment",
  send: "Send",
  cancel: "Cancel",
  close: "Close",
  retry: "Try again",
  sending: "Sending…",
  sent: "Thank you! The editors will look at your report.",
  offline: "You are offline. The report is saved and will be sent when the connection is back.",
  failed: "The report could not be sent. Please try again.",
  limited: "Too many reports right now. Please try again later.",
  rejected: "The report was not accepted.",
  honeypot: "Leave this field empty",
};

const uk = {
  title: "Повідомити про помилку",
  context: "Виділений текст",
  suggestion: "Пропоноване виправлення",
  comment: "Коментар",
  send: "Надіслати",
  cancel: "Скасувати",
  close: "Закрити",
  retry: "Спробувати ще раз",
  sending: "Надсилання…",
  sent: "Дякуємо! Редактори розглянуть ваше повідомлення.",
  offline: "Немає з'єднання. Повідомлення збережено й буде надіслано, щойно зв'язок відновиться.",
  failed: "Не вдалося надіслати повідомлення. Спробуйте ще раз.",
  limited: "Забагато повідомлень. Спробуйте пізніше.",
  rejected: "Повідомлення не прийнято.",
  honeypot: "Залиште це поле порожнім",
};

const ru = {
  title: "Сообщить об ошибке",
  context: "Выделенный текст",
  suggestion: "Предлагаемое исправление",
  comment: "Комментарий",
  send: "Отправить",
  cancel: "Отмена",
  close: "Закрыть",
  retry: "Повторить",
  sending: "Отправка…",
  sent: "Спасибо! Редакторы рассмотрят ваше сообщение.",
  offline: "Нет соединения. Сообщение сохранено и будет отправлено, когда связь восстановится.",
  failed: "Не удалось отправить сообщение. Попробуйте ещё раз.",
  limited: "Слишком много сообщений. Попробуйте позже.",
  rejected: "Сообщение не принято.",
  honeypot: "Оставьте это поле пустым",
};

export const TABLES = { en, uk, ru };

/** The supported language for a BCP 47 tag such as "uk", "ru-RU" or "en-GB"; "en" otherwise. */
export function language(lang) {
  const code = String(lang || "").toLowerCase().split(/[-_]/)[0];
  return TABLES[code] ? code : "en";
}

/** The strings for a BCP 47 tag. */
export const strings = (lang) => TABLES[language(lang)];
