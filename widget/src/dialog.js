// The lazily loaded part of the widget: the report dialog, the touch-screen
// "Report an error" button, the "report this paragraph" path and sending. The
// loader imports this module, and the strings of the page's language as
// `cfg.t` (an array, read as `t[T.key]`: see build.mjs), on first use and
// calls `open`, `paragraph`, `button`, `hide` or `flush`. Nothing is added to
// the page before one of them runs.

import { anchor } from "./anchor.js";
import { h } from "./dom.js";
import { flush, forget, newId, submit } from "./send.js";
import css from "./widget.css";

/* global T */

export { flush };

const d = document;
const style = getComputedStyle;
let host; // <copydesk-widget>, created on first use
let shadow;
let dlg; // the open <dialog>, if any
let fab; // the touch-screen button, if shown

// Is the page dark behind `el`? The first opaque background up the tree
// decides (by its luminance); without one, the page's `color-scheme` does.
function dark(el) {
  for (; el; el = el.parentElement) {
    const c = style(el).backgroundColor.match(/[\d.]+/g);
    // Relative luminance, roughly (weights 2:7:1), below the middle.
    if (c && !(c[3] < 0.5)) return c[0] * 2 + c[1] * 7 + +c[2] < 1280;
  }
  const s = style(d.documentElement).colorScheme;
  return /dark/.test(s) && !(/light/.test(s) && matchMedia("(prefers-color-scheme:light)").matches);
}

function setup(near) {
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
    for (const type of ["keydown", "keyup", "keypress"]) shadow.addEventListener(type, (e) => e.stopPropagation());
    d.documentElement.append(host);
  }
  host.classList.toggle("dk", dark(near));
}

/** Open the report dialog for `range` inside the article `root`; without a range, ask for a quote. */
export function open(cfg, range, root) {
  const a = range && anchor(range, root);
  if (dlg || (range && !a)) return;
  hide();
  setup(root);
  const t = cfg.t;
  const previous = d.activeElement;
  const report = {
    site: cfg.site,
    url: d.querySelector("link[rel~=canonical][href]")?.href || location.href.split("#")[0],
    title: d.title.slice(0, 500),
    lang: cfg.lang.slice(0, 35) || undefined,
  };
  if (a) for (const k of ["exact", "prefix", "suffix", "start", "end"]) report[k] = a[k];
  const initial = a ? a.exact.replace(/\s+/g, " ") : "";

  const area = (id, rows, more) => h("textarea", { id, rows, dir: "auto", ...more });
  const suggestion = area("s", 3, { maxlength: 1000 });
  suggestion.value = initial;
  suggestion.required = !a;
  const comment = area("c", 2, { maxlength: 2000 });
  // The honeypot: off screen, out of the tab order, hidden from assistive technology.
  const website = h("input", { class: "hp", name: "website", tabindex: -1, autocomplete: "off", "aria-hidden": "true" });
  const msg = h("p", { class: "msg", role: "status" });
  const cancel = h("button", { type: "button", onclick: dismiss });
  const send = h("button", { class: "pri" });
  const form = h(
    "form",
    { onsubmit: go },
    h("h2", { id: "h" }, t[T.title]),
    h(
      "div",
      { class: "f" },
      a && h("blockquote", { "aria-label": t[T.context], dir: "auto" }, a.before, h("mark", {}, a.exact), a.after),
      h("label", { for: "s" }, a ? t[T.suggestion] : t[T.quote]),
      suggestion,
      h("label", { for: "c" }, t[T.comment]),
      comment,
      website,
    ),
    msg,
    h("div", { class: "btns" }, cancel, send),
    h("p", { class: "hint" }, t[T.hint]),
  );
  // On pages with data-notify="on", notify.js adds the e-mail field; told the
  // code of a refused report, it says whether the address was why.
  const notify = t.f?.(form, report, state);

  // The state: "" (editing), "busy", "err" (Try again), "ask" (discard?), and
  // without the fields: "wait" (kept, sent later), "done", "no" (rejected).
  let now;
  let back; // the state (and message) "Keep editing" returns to
  let typed; // the suggestion and comment last sent
  function state(name, text = "") {
    now = name;
    const x = /wait|done|no/.test(name);
    form.className = name + (x ? " x" : "");
    msg.textContent = text;
    cancel.disabled = send.disabled = name == "busy";
    cancel.textContent = name == "ask" ? t[T.discard] : x ? t[T.close] : t[T.cancel];
    send.textContent = name == "ask" ? t[T.keep] : name == "err" ? t[T.retry] : t[T.send];
    (name == "err" ? send : cancel).focus();
  }

  function listen(res) {
    const k = res.k;
    const c = res.code; // undefined tests as "undefined": "rejected"
    if (dlg != self) return;
    if (k == "ok") state("done", t[T.sent]);
    else if (k == "down" || k == "offline") state("wait", t[k == "down" ? T.down : T.offline]);
    else if (k == "failed") state("err", t[T.failed]);
    // "in 2 min.", "через 2 хв.": when the reader may try again (whole minutes, rounded up).
    else if (k == "limited") state("err", t[T.limited].replace("%", Math.ceil((res.wait || 60) / 60)));
    else notify?.(c) || state("no", t[/allowed|site/.test(c) ? T.site : /long|large/.test(c) ? T.long : T.rejected]);
  }

  function go(e) {
    e.preventDefault();
    if (now == "ask") return state(...back);
    if (now && now != "err") return;
    const s = suggestion.value.trim();
    const c = comment.value.trim();
    // Trying again is the same report, with the same client_id, unless the reader
    // changed what it says: then it is a new one.
    if (typed != (typed = s + "\0" + c)) report.client_id = newId();
    const body = { ...report, website: website.value, time_on_page: Math.round(performance.now() - cfg.t0) };
    if (!a) body.exact = s;
    else if (s && s != initial) body.suggestion = s;
    if (c) body.comment = c;
    state("busy", t[T.sending]);
    submit(cfg.endpoint, body, listen);
  }

  // Cancel and Esc: ask first when the reader has typed something.
  function dismiss() {
    if ((!now || now == "err") && (suggestion.value != initial || comment.value.trim())) {
      back = [now, msg.textContent];
      state("ask", t[T.ask]);
    } else close();
  }

  function close() {
    dlg = 0;
    forget(report.client_id);
    self.remove();
    previous?.focus({ preventScroll: true });
  }

  function keydown(e) {
    const k = e.key;
    if (k == "Escape") {
      e.preventDefault();
      now == "ask" ? state(...back) : dismiss();
    } else if (k == "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
    // Tab: the modal dialog makes the page inert, so focus stays in the dialog
    // (or goes to the browser's own controls), never to the page behind it.
  }

  const self = h("dialog", { "aria-labelledby": "h", lang: cfg.code, dir: "ltr", onkeydown: keydown, oncancel: (e) => (e.preventDefault(), dismiss()) }, form);
  state("");
  dlg = self;
  shadow.append(self);
  // On touch screens focus the dialog itself, so no on-screen keyboard pops up
  // over it; elsewhere start in the suggestion field.
  const touch = matchMedia("(pointer:coarse)").matches;
  if (touch) self.setAttribute("autofocus", "");
  self.showModal();
  if (!touch) suggestion.focus();
}

const BLOCKS = "p,h1,h2,h3,li,blockquote,figcaption";

/**
 * The "Report an error" link: report the paragraph the link is in, else the
 * paragraph first met going down the middle of the viewport that is not in a
 * fixed or sticky bar, else ask the reader to quote the text.
 */
export function paragraph(cfg, link, rootOf) {
  const range = d.createRange();
  const ok = (b) => b && b.textContent.trim() && (range.selectNodeContents(b), rootOf(range));
  let root = ok(link.closest(BLOCKS));
  for (let y = 9; !root && y < innerHeight; y += 8) {
    const b = d.elementFromPoint(innerWidth / 2, y);
    let p = b;
    while (p && !/fixed|sticky/.test(style(p).position)) p = p.parentElement;
    if (b && !p) root = ok(b.closest(BLOCKS));
  }
  open(cfg, root && range, root);
}

/** Show the touch-screen button next to the selection. */
export function button(cfg, range, root) {
  if (dlg) return;
  if (!anchor(range, root)) return hide();
  setup(root);
  fab ||= h("button", {
    class: "fab",
    popover: "manual",
    // Keep the reader's selection when the button is pressed.
    onpointerdown: (e) => e.preventDefault(),
    onmousedown: (e) => e.preventDefault(),
    onclick: () => {
      const args = fab.args;
      hide();
      open(...args);
    },
  });
  fab.args = [cfg, range, root];
  fab.textContent = cfg.t[T.title];
  const r = range.getBoundingClientRect();
  // Below the selection, clear of the native selection handles.
  fab.style.top = r.bottom + scrollY + 28 + "px";
  fab.style.left = Math.max(8, Math.min(r.left, d.documentElement.clientWidth - 220)) + scrollX + "px";
  shadow.append(fab);
  try {
    fab.showPopover();
  } catch {
    // no Popover API (or already shown): the button is simply absolutely positioned
  }
}

/** Remove the touch-screen button. */
export function hide() {
  fab?.remove();
}
