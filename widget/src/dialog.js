// The lazily loaded part of the widget: the report dialog, the touch-screen
// "Report an error" button, sending and the offline outbox. The loader
// imports this module on first use and calls `open`, `button`, `hide` or
// `flush`. Nothing is added to the page before one of them runs.

import { anchor } from "./anchor.js";
import { activeElement, h } from "./dom.js";
import { language, strings } from "./i18n.js";
import { flush, post, queue } from "./send.js";
import css from "./widget.css";

export { flush };

const d = document;
let host; // <copydesk-widget>, created on first use
let shadow;
let dlg; // the open <dialog>, if any
let fab; // the touch-screen button, if shown

function setup() {
  if (host && host.isConnected) return;
  host = d.createElement("copydesk-widget");
  shadow = host.attachShadow({ mode: "open" });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    shadow.append(h("style", {}, css)); // browsers without constructable stylesheets
  }
  // Keys typed into the dialog must not trigger the host page's shortcuts.
  for (const type of ["keydown", "keyup", "keypress"]) {
    shadow.addEventListener(type, (e) => e.stopPropagation());
  }
  d.documentElement.append(host);
}

const pageLang = (cfg) => cfg.lang || d.documentElement.lang || "";

function canonicalUrl() {
  const link = d.querySelector("link[rel~=canonical][href]");
  return (link && link.href) || location.href.split("#")[0];
}

const squash = (s) => s.replace(/\s+/g, " ");

/** Open the report dialog for `range` inside the article `root`. */
export function open(cfg, range, root) {
  if (dlg) return;
  const a = anchor(range, root);
  if (!a) return;
  hide();
  setup();
  const t = strings(pageLang(cfg));
  const previous = activeElement();
  const report = {
    site: cfg.site,
    url: canonicalUrl(),
    title: d.title.slice(0, 500),
    lang: pageLang(cfg).slice(0, 35) || undefined,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    start: a.start,
    end: a.end,
  };
  const initial = squash(a.exact);

  const suggestion = h("textarea", { id: "s", rows: 3, maxlength: 1000 });
  suggestion.value = initial;
  const comment = h("textarea", { id: "c", rows: 2, maxlength: 2000 });
  const website = h("input", { id: "w", name: "website", tabindex: -1, autocomplete: "off" });
  const msg = h("p", { class: "msg", role: "status", "aria-live": "polite" });
  const cancel = h("button", { type: "button", onclick: close }, t.cancel);
  const send = h("button", { type: "submit", class: "pri" }, t.send);
  const form = h(
    "form",
    { onsubmit: submit },
    h("h2", { id: "h" }, t.title),
    h(
      "div",
      { class: "f" },
      h("p", { class: "lbl", id: "q" }, t.context),
      h(
        "blockquote",
        { "aria-labelledby": "q" },
        squash(a.before).trimStart(),
        h("mark", {}, squash(a.exact)),
        squash(a.after).trimEnd(),
      ),
      h("label", { for: "s" }, t.suggestion),
      suggestion,
      h("label", { for: "c" }, t.comment),
      comment,
      h("div", { class: "hp", "aria-hidden": "true" }, h("label", { for: "w" }, t.honeypot), website),
    ),
    msg,
    h("div", { class: "btns" }, cancel, send),
  );

  function state(name, text) {
    form.className = name;
    msg.textContent = text || "";
    cancel.disabled = send.disabled = name === "busy";
    cancel.textContent = name === "done" ? t.close : t.cancel;
    send.textContent = name === "err" ? t.retry : t.send;
    if (name === "done") cancel.focus();
    else if (name === "err") send.focus();
  }

  async function submit(e) {
    e.preventDefault();
    if (form.className === "busy" || form.className === "done") return;
    const body = { ...report };
    const s = suggestion.value.trim();
    if (s && s !== initial) body.suggestion = s;
    if (comment.value.trim()) body.comment = comment.value.trim();
    body.website = website.value;
    body.time_on_page = Math.round(performance.now() - cfg.t0);
    state("busy", t.sending);
    try {
      if (navigator.onLine === false) throw new Error("offline");
      const r = await post(cfg.endpoint, body);
      if (r.ok) state("done", t.sent);
      else state("err", r.status === 429 ? t.limited : r.status < 500 ? t.rejected : t.failed);
    } catch {
      queue(cfg.endpoint, body);
      state("done", t.offline);
    }
  }

  function close() {
    const el = dlg;
    if (el !== self) return;
    dlg = null;
    try {
      el.close();
    } catch {}
    el.remove();
    try {
      if (previous && previous.isConnected) previous.focus({ preventScroll: true });
    } catch {}
  }

  function keydown(e) {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    } else if (e.key === "Tab") {
      // Keep focus inside the dialog.
      const items = [...self.querySelectorAll("textarea,button")].filter(
        (x) => !x.disabled && x.getClientRects().length,
      );
      const first = items[0];
      const last = items[items.length - 1];
      const current = shadow.activeElement;
      const outside = !items.includes(current);
      if (e.shiftKey && (current === first || outside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (current === last || outside)) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  const self = h(
    "dialog",
    {
      role: "dialog",
      "aria-modal": "true",
      "aria-labelledby": "h",
      lang: language(pageLang(cfg)),
      onkeydown: keydown,
      oncancel: (e) => {
        e.preventDefault();
        close();
      },
    },
    form,
  );
  dlg = self;
  shadow.append(self);
  // On touch screens focus the dialog itself, so no on-screen keyboard pops up
  // over it; elsewhere start in the suggestion field.
  const touch = matchMedia("(pointer: coarse)").matches;
  if (touch) self.setAttribute("autofocus", "");
  try {
    self.showModal();
  } catch {
    self.setAttribute("open", "");
  }
  if (!touch) suggestion.focus();
}

/** Show the touch-screen button next to the selection. */
export function button(cfg, range, root) {
  if (dlg) return;
  if (!anchor(range, root)) return hide();
  setup();
  const t = strings(pageLang(cfg));
  if (!fab) {
    fab = h("button", {
      type: "button",
      class: "fab",
      popover: "manual",
      // Keep the reader's selection when the button is pressed.
      onpointerdown: (e) => e.preventDefault(),
      onmousedown: (e) => e.preventDefault(),
      onclick: () => {
        const args = fab.args;
        hide();
        if (args) open(...args);
      },
    });
  }
  fab.args = [cfg, range, root];
  fab.textContent = t.title;
  const r = range.getBoundingClientRect();
  const width = d.documentElement.clientWidth || innerWidth;
  // Below the selection, clear of the native selection handles.
  fab.style.top = Math.round(r.bottom + scrollY + 28) + "px";
  fab.style.left = Math.round(Math.max(8, Math.min(r.left, width - 220)) + scrollX) + "px";
  if (!fab.isConnected) shadow.append(fab);
  try {
    if (!fab.matches(":popover-open")) fab.showPopover();
  } catch {
    // no Popover API: the button is simply absolutely positioned
  }
}

/** Remove the touch-screen button. */
export function hide() {
  if (!fab) return;
  try {
    fab.hidePopover();
  } catch {}
  fab.remove();
  fab.args = null;
}
