// The lazily loaded part of the widget: the report dialog, the touch-screen
// "Report an error" button, the "report this paragraph" path and sending. The
// loader imports this module (with the strings of the page's language, as
// `cfg.t`) on first use and calls `open`, `paragraph`, `button`, `hide` or
// `flush`. Nothing is added to the page before one of them runs.

import { anchor } from "./anchor.js";
import { activeElement, h } from "./dom.js";
import { flush, forget, newId, submit } from "./send.js";
import css from "./widget.css";

export { flush };

const d = document;
let host; // <copydesk-widget>, created on first use
let shadow;
let dlg; // the open <dialog>, if any
let fab; // the touch-screen button, if shown

// The page's colours behind `el`: dark when the first opaque background up
// the tree is dark, else what the page's `color-scheme` says.
function dark(el) {
  for (; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor.match(/^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(, ([\d.]+))?/);
    if (c && (c[5] == null || c[5] > 0.5)) return 0.2126 * c[1] + 0.7152 * c[2] + 0.0722 * c[3] < 128;
  }
  const s = getComputedStyle(d.documentElement).colorScheme;
  return /dark/.test(s) && (!/light/.test(s) || matchMedia("(prefers-color-scheme: dark)").matches);
}

function setup(cfg, near) {
  if (!(host && host.isConnected)) {
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
    // data-accent / data-font on the script tag win over --copydesk-* set by the page.
    const { accent, font } = cfg.data;
    if (accent) host.style.setProperty("--copydesk-accent", accent);
    if (font) host.style.setProperty("--copydesk-font", font);
    d.documentElement.append(host);
  }
  host.classList.toggle("dk", dark(near));
}

function canonicalUrl() {
  const link = d.querySelector("link[rel~=canonical][href]");
  return (link && link.href) || location.href.split("#")[0];
}

const squash = (s) => s.replace(/\s+/g, " ");

// What each API error code tells the reader (anything else: "rejected").
const REASONS = {
  origin_not_allowed: "site",
  url_not_allowed: "site",
  unknown_site: "site",
  too_long: "long",
  body_too_large: "long",
};

/** "in 30 seconds", "через 2 хвилини": when a rate-limited reader may try again. */
function when(lang, s = 60) {
  const rtf = new Intl.RelativeTimeFormat(lang || "en", { numeric: "auto" });
  return s < 90 ? rtf.format(Math.max(1, Math.ceil(s)), "second") : s < 5400 ? rtf.format(Math.ceil(s / 60), "minute") : rtf.format(Math.ceil(s / 3600), "hour");
}

/** Open the report dialog for `range` inside the article `root`; without a range, ask for a quote. */
export function open(cfg, range, root) {
  if (dlg) return;
  const a = range && anchor(range, root);
  if (range && !a) return;
  hide();
  setup(cfg, root);
  const t = cfg.t;
  const previous = activeElement();
  const report = {
    site: cfg.site,
    url: canonicalUrl(),
    title: d.title.slice(0, 500),
    lang: cfg.lang.slice(0, 35) || undefined,
    client_id: newId(),
  };
  if (a) for (const k of ["exact", "prefix", "suffix", "start", "end"]) report[k] = a[k];
  const initial = a ? squash(a.exact) : "";

  const suggestion = h("textarea", { id: "s", rows: 3, maxlength: 1000, dir: "auto", required: !a });
  suggestion.value = initial;
  const comment = h("textarea", { id: "c", rows: 2, maxlength: 2000, dir: "auto" });
  const website = h("input", { id: "w", name: "website", tabindex: -1, autocomplete: "off" });
  const msg = h("p", { class: "msg", role: "status", "aria-live": "polite" });
  const cancel = h("button", { type: "button", onclick: dismiss }, t.cancel);
  const send = h("button", { type: "submit", class: "pri" }, t.send);
  const form = h(
    "form",
    { onsubmit: go },
    h("h2", { id: "h" }, t.title),
    h(
      "div",
      { class: "f" },
      a && h("p", { class: "lbl", id: "q" }, t.context),
      a &&
        h(
          "blockquote",
          { "aria-labelledby": "q", dir: "auto" },
          squash(a.before).trimStart(),
          h("mark", {}, squash(a.exact)),
          squash(a.after).trimEnd(),
        ),
      h("label", { for: "s" }, a ? t.suggestion : t.quote),
      suggestion,
      h("label", { for: "c" }, t.comment),
      comment,
      h("div", { class: "hp", "aria-hidden": "true" }, h("label", { for: "w" }, t.honeypot), website),
    ),
    msg,
    h("div", { class: "btns" }, cancel, send),
    h("p", { class: "hint" }, t.hint.replace("%", /Mac|iP/.test(navigator.platform) ? "⌘+Enter" : "Ctrl+Enter")),
  );

  let now = ""; // the state: "", "busy", "wait", "done", "err", "no" or "ask"
  let back = ["", ""]; // the state (and message) "Keep editing" returns to
  function state(name, text) {
    now = name;
    // "x": the fields and the Send button are hidden.
    form.className = name + (/wait|done|no/.test(name) ? " x" : "");
    msg.textContent = text || "";
    cancel.disabled = send.disabled = name === "busy";
    cancel.textContent = name === "ask" ? t.discard : form.className.endsWith("x") ? t.close : t.cancel;
    send.textContent = name === "ask" ? t.keep : name === "err" ? t.retry : t.send;
    if (name === "err") send.focus();
    else if (name !== "busy" && name) cancel.focus();
  }

  function listen(res) {
    if (dlg !== self) return;
    const k = res.k;
    if (k === "ok") state("done", t.sent);
    else if (k === "offline" || k === "down") state("wait", t[k]);
    else if (k === "limited") state("err", t.limited.replace("%", when(cfg.lang, res.wait)));
    else if (k === "failed") state("err", t.failed);
    else state("no", t[REASONS[res.code] || "rejected"]);
  }

  function go(e) {
    e.preventDefault();
    if (now === "ask") return state(...back);
    if (now && now !== "err") return;
    const body = { ...report };
    const s = suggestion.value.trim();
    if (!a) body.exact = s;
    else if (s && s !== initial) body.suggestion = s;
    if (comment.value.trim()) body.comment = comment.value.trim();
    body.website = website.value;
    body.time_on_page = Math.round(performance.now() - cfg.t0);
    state("busy", t.sending);
    submit(cfg.endpoint, body, listen);
  }

  // Cancel and Esc: ask first when the reader has typed something.
  function dismiss() {
    if (now === "ask" || (now !== "" && now !== "err")) return close();
    if (suggestion.value !== initial || comment.value.trim()) {
      back = [now, msg.textContent];
      state("ask", t.ask);
    } else close();
  }

  function close() {
    const el = dlg;
    if (el !== self) return;
    dlg = null;
    forget(report.client_id);
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
      if (now === "ask") state(...back);
      else dismiss();
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
      lang: cfg.code,
      dir: "ltr",
      onkeydown: keydown,
      oncancel: (e) => e.preventDefault(),
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

const BLOCKS = "p,h1,h2,h3,h4,h5,h6,li,blockquote,figcaption,pre,dd,dt,td,th";
const pinned = (el) => {
  for (; el; el = el.parentElement) if (/fixed|sticky/.test(getComputedStyle(el).position)) return true;
};

/**
 * The "Report an error" link: report the paragraph the link is in, else the
 * first paragraph of the article at the top of the viewport (not one covered
 * by, or inside, a fixed or sticky bar), else ask the reader to quote the text.
 */
export function paragraph(cfg, link, rootOf) {
  const range = d.createRange();
  const ok = (b) => {
    if (!b || !b.textContent.trim()) return;
    range.selectNodeContents(b);
    return rootOf(range);
  };
  let root = ok(link.closest(BLOCKS));
  if (!root)
    for (const b of d.querySelectorAll(BLOCKS)) {
      const r = b.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= innerHeight || !r.height) continue;
      const y = Math.max(r.top, 0) + Math.min(r.height, innerHeight) / 2;
      const hit = d.elementFromPoint(r.left + r.width / 2, Math.min(y, innerHeight - 1));
      if (hit && b.contains(hit) && !pinned(b) && (root = ok(b))) break;
    }
  open(cfg, root && range, root);
}

/** Show the touch-screen button next to the selection. */
export function button(cfg, range, root) {
  if (dlg) return;
  if (!anchor(range, root)) return hide();
  setup(cfg, root);
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
  fab.textContent = cfg.t.title;
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
