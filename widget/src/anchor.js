// Selection -> anchor (exact / prefix / suffix / start / end).
//
// Text model: the concatenated `data` of every Text node under the article
// root, in document order, skipping the contents of <script>, <style>,
// <noscript> and <template>. This is what `root.textContent` gives minus those
// elements. Offsets count Unicode code points (as Python's `len` does), not
// UTF-16 units, so `text[start:end] == exact` holds on the server too.

const SKIP = /^(script|style|noscript|template)$/i;
const CONTEXT = 32;
const MAX_EXACT = 1000;

/** Text nodes of the text model, in document order. */
export function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === 3
        ? NodeFilter.FILTER_ACCEPT
        : SKIP.test(n.nodeName)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP,
  });
  const out = [];
  for (let n; (n = walker.nextNode()); ) out.push(n);
  return out;
}

const isSpace = (c) => /\s/.test(c);
const points = (s) => Array.from(s);
const count = (s) => points(s).length;

/**
 * Locate `range` in the text model of `root`. Returns null when the range
 * holds no visible text. Surrounding whitespace is trimmed from the selection.
 */
export function anchor(range, root) {
  let text = "";
  let start = -1;
  let end = -1;
  for (const t of textNodes(root)) {
    if (start < 0) {
      if (t === range.startContainer) start = text.length + range.startOffset;
      else if (range.comparePoint(t, 0) >= 0) start = text.length;
    }
    if (end < 0) {
      if (t === range.endContainer) end = text.length + range.endOffset;
      else if (range.comparePoint(t, 0) > 0) end = text.length;
    }
    text += t.data;
  }
  if (start < 0) start = text.length;
  if (end < 0) end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (start >= end) return null;

  let exact = points(text.slice(start, end));
  if (exact.length > MAX_EXACT) exact = exact.slice(0, MAX_EXACT);
  exact = exact.join("");
  end = start + exact.length;

  const from = Math.max(0, start - 4 * CONTEXT);
  const to = end + 4 * CONTEXT;
  const before = text.slice(from, start);
  const after = text.slice(end, to);
  const cpStart = count(text.slice(0, start));
  return {
    exact,
    prefix: points(before).slice(-CONTEXT).join(""),
    suffix: points(after).slice(0, CONTEXT).join(""),
    start: cpStart,
    end: cpStart + count(exact),
    // Longer context for the dialog, cut at word boundaries, "…" where cut.
    before: from > 0 ? "…" + before.replace(/^\S*\s/, "") : before,
    after: to < text.length ? after.replace(/\s\S*$/, "") + "…" : after,
  };
}
