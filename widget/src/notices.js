// The correction notices of the article, on pages that ask for them: the
// script tag's `data-notices` makes the loader import this chunk, and the page
// places an element where they go, <div data-copydesk-notices="top"> (or
// "bottom"; no value: every notice). `show` waits for the document to be
// parsed, asks the API for the article's notices and, only when there are
// some, fetches the strings of the page's language and appends to each
// element one <copydesk-notices> holding its notices in a shadow root: once,
// with everything in it; nothing is reserved before. Every text from the
// server is inserted as text.

/* global __LANGS__ */
import { h, url } from "./dom.js";
import css from "./notices.css";

const d = document;
let sheet;

/** Show the article's notices in the page's [data-copydesk-notices] elements. */
export async function show(cfg) {
  if (d.readyState == "loading") await new Promise((go) => d.addEventListener("DOMContentLoaded", go));
  const spots = d.querySelectorAll("[data-copydesk-notices]");
  if (!spots[0]) return;
  const q = new URLSearchParams({ site: cfg.site, article: url() });
  const list = (await (await fetch(cfg.endpoint + "/api/v1/corrections?" + q, { credentials: "omit" })).json()).corrections;
  if (!list[0]) return;
  let code = (cfg.data.lang || d.documentElement.lang || "").toLowerCase().split(/[-_]/)[0];
  if (!__LANGS__.includes(code)) code = "en";
  const t = (await import(new URL("notices-" + code + ".js", import.meta.url))).default;
  const date = new Intl.DateTimeFormat(code, { dateStyle: "long", timeZone: "UTC" });
  // "Published March 2, 2026", a <time> of the instant.
  const when = (key, at) => h("time", { datetime: at }, t[key].replace("%", date.format(new Date(at))));
  let n = 0;
  for (const spot of spots) {
    const where = spot.dataset.copydeskNotices;
    const mine = list.filter((c) => !where || c.placement == where);
    if (!mine[0]) continue;
    const host = d.createElement("copydesk-notices");
    const root = host.attachShadow({ mode: "open" });
    try {
      if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(h("style", {}, css)); // browsers without constructable stylesheets
    }
    for (const c of mine) {
      const id = "n" + n++;
      const edit = c.revisions?.at(-1);
      root.append(
        h(
          "aside",
          { "aria-labelledby": id, class: c.status, lang: code },
          h("h2", { id }, t[c.type] || c.type),
          h("p", { dir: "auto" }, c.text),
          h("p", { class: "d" }, when("published", c.published_at), edit && " · ", edit && when("updated", edit.at)),
          c.status == "withdrawn" && h("p", {}, h("strong", {}, when("withdrawn", c.withdrawn_at)), c.withdrawal_note && ": " + c.withdrawal_note),
        ),
      );
    }
    spot.append(host);
  }
}
