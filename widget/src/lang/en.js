// English strings. Every visible string and accessible name of the widget is
// in one such file per language (docs/widget.md, "Languages").
export default {
  title: "Report an error",
  context: "Selected text",
  quote: "Text with the error",
  suggestion: "Suggested correction",
  comment: "Comment (optional)",
  send: "Send",
  cancel: "Cancel",
  close: "Close",
  retry: "Try again",
  hint: "Ctrl+Enter sends the report.",
  sending: "Sending…",
  sent: "Thank you! The editors will look at your report.",
  offline: "You are offline. The report is kept and will be sent when you are back online.",
  down: "The server cannot be reached. The report is kept and will be sent automatically.",
  failed: "The report could not be sent.",
  limited: "Too many reports right now. Please try again in % min.",
  site: "This site is not set up to send reports.",
  long: "The report is too long. Please shorten it.",
  rejected: "The report was not accepted: it is not valid.",
  ask: "Discard what you typed?",
  discard: "Discard",
  keep: "Keep editing",
};

// The correction notices (notices.js): each type's name, and the dates ("%" is the day).
export const notices = {
  correction: "Correction",
  clarification: "Clarification",
  update: "Update",
  editors_note: "Editor's note",
  retraction: "Retraction",
  published: "Published %",
  updated: "Updated on %",
  withdrawn: "Withdrawn on %",
};

// "Tell me when this is fixed" (notify.js, pages with data-notify="on"): the
// field's label, the consent text under it, and what a refused address gets.
export const notify = {
  label: "Your e-mail (optional)",
  consent: "E-mail me once when this is fixed. We keep the address only until then.",
  invalid: "This e-mail address cannot be used. Correct it or leave the field empty.",
};
