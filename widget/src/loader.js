// The loader: the only part every page view downloads. It reads the <script>
// tag's attributes, registers listeners and finds the article root of a
// selection; everything else (the dialog, styles, sending) is in a chunk, and
// the reader's language's strings in another, imported on first use.
//
// <script src="https://copydesk.example/widget.js" data-site="KEY" async></script>

/* global __RELEASE__, __LANGS__ */
(() => {
  const w = window;
  const d = document;
  const mark = Symbol.for("copydesk.widget");
  if (w[mark]) return; // included twice
  w[mark] = 1;

  const t0 = performance.now();
  const script = d.currentScript || d.querySelector("script[data-site][src*=widget]");
  const data = script?.dataset;
  if (!data?.site) return;

  // Served as /widget.js or /widget/<hash>/widget.js, possibly under a path prefix.
  const src = script.src;
  const served = src.match(/\/widget(\/[\w-]+)?\/widget\.js([?#].*)?$/);
  const base = served ? src.slice(0, served.index) : new URL(src).origin;
  const dir = base + "/widget/" + __RELEASE__ + "/";
  const cfg = { site: data.site, t0, data, endpoint: (data.endpoint || base).replace(/\/+$/, "") };

  // The dialog chunk and the strings of the page's language, fetched together;
  // on pages that offer "Tell me when this is fixed" (data-notify="on"), also the
  // e-mail field with its strings in that language.
  let chunk;
  const load = () => {
    let code = (cfg.lang = data.lang || d.documentElement.lang || "").toLowerCase().split(/[-_]/)[0];
    if (!__LANGS__.includes(code)) code = "en";
    cfg.code = code;
    return (chunk ||= Promise.all([
      import(dir + "dialog.js"),
      import(dir + code + ".js"),
      data.notify == "on" && import(dir + "notify-" + code + ".js"),
    ]).then(
      ([m, s]) => ((cfg.t = s.default), m),
      (e) => {
        chunk = null;
        throw e;
      },
    ));
  };
  const use = (fn) => load().then(fn, () => {});

  // ---- The article root: docs/widget.md, "Which text is the article" ----
  const STORY = "[itemprop~=articleBody],article,[role=article]";
  const MAIN = "main,[role=main]";
  const NAV = "nav,[role=navigation]";
  const $$ = (s, q) => [...s.querySelectorAll(q)];
  // Not reportable: navigation, the site's forms and dialogs, editable
  // regions, [data-copydesk-ignore], a footer outside the story.
  const off = (n) => {
    const e = n.nodeType == 1 ? n : n.parentElement;
    const f = e && e.closest("footer");
    return e && (e.closest(NAV + ",form,dialog,[role=dialog],[data-copydesk-ignore]") || e.isContentEditable || (f && !f.closest(STORY + "," + MAIN)));
  };
  // Climb from `r` while the parent holds no other story and no navigation.
  const widen = (r, top) => {
    for (let p; r != top && (p = r.parentElement) != top && p && !$$(p, STORY + "," + NAV).some((x) => !r.contains(x)); ) r = p;
    return r;
  };
  // The main story: the first [itemprop~=articleBody], else the longest
  // article, else main, else everything; widened; then up to the last <h1>
  // before it unless it has its own.
  const story = (scope, top) => {
    let b = scope.querySelector("[itemprop~=articleBody]");
    let h;
    if (!b) for (const a of $$(scope, STORY)) if (!b || a.textContent.length > b.textContent.length) b = a;
    b = widen(b || scope.querySelector(MAIN) || top, top);
    for (const x of $$(scope, "h1")) if (x.compareDocumentPosition(b) & 4 && !off(x)) h = x;
    if (h && !b.querySelector("h1")) while (!b.contains(h)) b = b.parentNode;
    return b;
  };
  // The root for a node: data-root's match around it; else the main story
  // when it holds the node; else the node's own story, widened; else everything.
  const pick = (node) => {
    const scope = node.getRootNode();
    const top = scope.body || scope;
    if (data.root)
      try {
        return $$(scope, data.root).find((r) => r.contains(node));
      } catch {
        return;
      }
    const r = story(scope, top);
    const e = (node.nodeType == 1 ? node : node.parentElement) || r;
    const b = e.closest(STORY);
    return r.contains(node) ? r : b ? widen(b, top) : top;
  };
  const root = (g) => {
    const c = g.commonAncestorContainer;
    if (!off(c) && !off(g.startContainer) && !off(g.endContainer)) return pick(c);
  };

  // The current selection as [range, root] when it is non-empty and reportable.
  const selected = () => {
    const sel = getSelection();
    const g = sel?.rangeCount && sel.getRangeAt(0);
    const el = g && g.toString().trim() && root(g);
    if (el) return [g.cloneRange(), el];
  };

  // Capture phase on window: pages that stop keydown or click propagation still let us see them.
  w.addEventListener(
    "keydown",
    (e) => {
      let s;
      if (
        e.key == "Enter" &&
        (e.ctrlKey || e.metaKey) &&
        !(e.altKey || e.shiftKey || e.isComposing) &&
        !e.composedPath().some((n) => /^(INPUT|TEXTAREA|SELECT)$/.test(n.tagName) || n.isContentEditable) &&
        (s = selected())
      ) {
        e.preventDefault();
        use((m) => m.open(cfg, ...s));
      }
    },
    true,
  );

  // <a data-copydesk-report href="#"> or <button data-copydesk-report>: the
  // selection when there is one, else the current paragraph (the chunk finds it).
  w.addEventListener(
    "click",
    (e) => {
      const link = e.target.closest?.("[data-copydesk-report]");
      const s = link && selected();
      if (link) {
        e.preventDefault();
        use((m) => (s ? m.open(cfg, ...s) : m.paragraph(cfg, link, root)));
      }
    },
    true,
  );

  // Once the reader has selected text in the article, fetch the chunk (so the
  // dialog opens at once, even if the connection drops meanwhile). On touch
  // screens and narrow viewports, also show a button next to the selection.
  let timer;
  d.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const s = selected();
      if (s) use((m) => (matchMedia("(pointer:coarse)").matches || innerWidth <= 640) && m.button(cfg, ...s));
      else if (chunk) use((m) => m.hide());
    }, 300);
  });

  // Reports kept in the outbox are sent when the connection returns, or on the next page load.
  const flush = () => {
    try {
      if (localStorage.getItem("copydesk.outbox")) use((m) => m.flush());
    } catch {}
  };
  w.addEventListener("online", flush);
  (w.requestIdleCallback || setTimeout)(flush);

  // Correction notices, on pages that ask for them (data-notices): the chunk
  // asks the API and renders them. Other pages ask nothing.
  if ("notices" in data) import(dir + "notices.js").then((m) => m.show(cfg)).catch(() => {});
})();
