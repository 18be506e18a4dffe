// The loader: the only part every page view downloads. It reads the <script>
// tag's attributes, registers listeners and finds the article root of a
// selection; everything else (the dialog, styles, sending) is in a chunk, and
// the reader's language's strings in another, imported on first use.
//
// <script src="https://copydesk.example/widget.js" data-site="KEY" async></script>

/* global __DIALOG_HASH__, __LANG_HASHES__ */
(() => {
  const w = window;
  const d = document;
  const mark = Symbol.for("copydesk.widget");
  if (w[mark]) return; // included twice
  w[mark] = 1;

  const t0 = performance.now();
  const script = d.currentScript || d.querySelector("script[data-site][src*=widget]");
  if (!script || !script.dataset.site) return;
  const data = script.dataset;

  // Served as /widget.js or /widget/<hash>/widget.js, possibly under a path prefix.
  const src = script.src;
  const served = src.match(/\/widget(\/[\w-]+)?\/widget\.js([?#].*)?$/);
  const base = served ? src.slice(0, served.index) : new URL(src).origin;
  const dir = base + "/widget/";
  const cfg = {
    site: data.site,
    t0,
    data,
    endpoint: (data.endpoint || base).replace(/\/+$/, ""),
  };

  // The dialog chunk and the strings of the page's language, fetched together.
  let chunk;
  const load = () => {
    const tag = (cfg.lang = data.lang || d.documentElement.lang || "");
    let code = tag.toLowerCase().split(/[-_]/)[0];
    if (!__LANG_HASHES__[code]) code = "en";
    cfg.code = code;
    return (chunk ||= Promise.all([
      import(dir + __DIALOG_HASH__ + "/dialog.js"),
      import(dir + __LANG_HASHES__[code] + "/" + code + ".js"),
    ]).then(
      ([m, s]) => ((cfg.t = s.default), m),
      (e) => {
        chunk = null;
        throw e;
      },
    ));
  };
  const use = (fn) => load().then(fn, () => {});

  // ---- The article root (docs/widget.md, "Which text is the article") ----
  const STORY = "[itemprop~=articleBody],article,[role=article]";
  const FENCE = "nav,[role=navigation]";
  const OFF =
    FENCE +
    ",[role=search],form,dialog,[role=dialog],[role=alertdialog],[aria-modal=true],button,select,textarea,input,copydesk-widget,[data-copydesk-ignore]";
  const within = "article,main,[role=main],[role=article],[itemprop~=articleBody]";
  const elementOf = (n) => (n.nodeType === 1 ? n : n.parentElement);
  // Navigation, the site's forms and dialogs, the page footer, the widget: not reportable.
  const off = (n) => {
    const el = elementOf(n);
    if (!el) return n.nodeType !== 11 && n.nodeType !== 3;
    const f = el.closest("footer");
    return !!(el.closest(OFF) || el.isContentEditable || (f && !f.closest(within)));
  };
  const all = (scope, sel) => [...scope.querySelectorAll(sel)];
  // Climb from `r` while the parent holds no other story and no navigation.
  const widen = (r, top) => {
    for (let p; (p = r.parentElement) && p !== top && p !== d.documentElement; r = p)
      if (all(p, STORY + "," + FENCE).some((x) => !r.contains(x))) break;
    return r;
  };
  const size = (el) => el.textContent.length;
  // The page's (or shadow tree's) main story, widened to its headline.
  const story = (scope, top) => {
    let b = scope.querySelector("[itemprop~=articleBody]");
    if (!b) for (const a of all(scope, STORY)) if (!b || size(a) > size(b)) b = a;
    let r = widen(b || scope.querySelector("main,[role=main]") || top, top);
    if (!r.querySelector("h1")) {
      let h;
      for (const x of all(scope, "h1")) if (x.compareDocumentPosition(r) & 4 && !off(x)) h = x;
      if (h) while (!r.contains(h) && r !== top) r = r.parentNode;
    }
    return r;
  };
  const pick = (node) => {
    const el = elementOf(node) || node;
    const scope = node.getRootNode();
    const top = scope.body || scope;
    if (data.root) {
      try {
        return all(scope, data.root).find((r) => r.contains(node));
      } catch {
        return;
      }
    }
    const main = story(scope, top);
    if (main.contains(node)) return main;
    const b = el.closest && el.closest(STORY);
    return b ? widen(b, top) : (el.closest && el.closest("main,[role=main]")) || top;
  };
  const root = (range) => {
    const c = range.commonAncestorContainer;
    if (off(c) || off(range.startContainer) || off(range.endContainer)) return;
    return pick(c);
  };

  // The current selection as [range, root] when it is non-empty and reportable.
  const selected = () => {
    const sel = getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    const el = range.toString().trim() && root(range);
    if (el) return [range.cloneRange(), el];
  };

  const inField = (e) =>
    e.composedPath().some(
      (n) => n.nodeType === 1 && (/^(input|textarea|select)$/i.test(n.tagName) || n.isContentEditable),
    );

  // Capture phase on window: pages that stop keydown or click propagation still let us see it.
  w.addEventListener(
    "keydown",
    (e) => {
      try {
        if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.isComposing)
          return;
        if (inField(e)) return;
        const s = selected();
        if (!s) return;
        e.preventDefault();
        use((m) => m.open(cfg, ...s));
      } catch {}
    },
    true,
  );

  // <a data-copydesk-report href="#"> or <button data-copydesk-report>: the
  // selection when there is one, else the current paragraph (the chunk finds it).
  w.addEventListener(
    "click",
    (e) => {
      try {
        const link = e.composedPath().find((n) => n.nodeType === 1 && n.hasAttribute("data-copydesk-report"));
        if (!link) return;
        e.preventDefault();
        const s = selected();
        use((m) => (s ? m.open(cfg, ...s) : m.paragraph(cfg, link, root)));
      } catch {}
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
      try {
        const touch = matchMedia("(pointer: coarse)").matches || innerWidth <= 640;
        const s = selected();
        if (s) use((m) => touch && m.button(cfg, ...s));
        else if (chunk) use((m) => m.hide());
      } catch {}
    }, 300);
  });

  // Reports kept in the outbox are sent when the connection returns, or on the next page load.
  const flush = () => {
    try {
      if (localStorage.getItem("copydesk.outbox")) use((m) => m.flush(cfg));
    } catch {}
  };
  w.addEventListener("online", flush);
  (w.requestIdleCallback || setTimeout)(flush);
})();
