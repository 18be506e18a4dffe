// The loader: the only part every page view downloads. It reads the <script>
// tag's attributes and registers listeners; everything else (the dialog,
// styles, translations, sending) is in a chunk imported on first use.
//
// <script src="https://copydesk.example/widget.js" data-site="KEY" async></script>

/* global __DIALOG_HASH__ */
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
  const cfg = {
    site: data.site,
    lang: data.lang,
    t0,
    endpoint: (data.endpoint || base).replace(/\/+$/, ""),
  };

  let chunk;
  const load = () =>
    (chunk ||= import(base + "/widget/" + __DIALOG_HASH__ + "/dialog.js").catch((e) => {
      chunk = null;
      throw e;
    }));
  const use = (fn) => load().then(fn, () => {});

  const root = () => {
    let el;
    try {
      el = data.root && d.querySelector(data.root);
    } catch {}
    return (
      el ||
      d.querySelector("[itemprop=articleBody]") ||
      d.querySelector("article") ||
      d.querySelector("main") ||
      d.body
    );
  };

  // The current selection as [range, root] when it is non-empty and inside the root.
  const selected = () => {
    const sel = getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    const el = root();
    if (el && el.contains(range.commonAncestorContainer) && range.toString().trim())
      return [range.cloneRange(), el];
  };

  const inField = (e) =>
    e.composedPath().some(
      (n) => n.nodeType === 1 && (/^(input|textarea|select)$/i.test(n.tagName) || n.isContentEditable),
    );

  d.addEventListener(
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

  // Reports kept while offline are sent when the connection returns, or on the next page load.
  const flush = () => {
    try {
      if (localStorage.getItem("copydesk.outbox")) use((m) => m.flush());
    } catch {}
  };
  w.addEventListener("online", flush);
  (w.requestIdleCallback || setTimeout)(flush);
})();
