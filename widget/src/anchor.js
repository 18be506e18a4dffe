// Selection -> anchor (exact / prefix / suffix / start / end).
//
// Text model: the concatenated `data` of every Text node under the article
// root, in document order, skipping the contents of <script>, <style>,
// <noscript> and <template>. This is what `root.textContent` gives minus those
// elements. Offsets count Unicode code points (as Python's `len` does), not
// UTF-16 units, so `text[start:end] == exact` holds on the server too.

const points = (s) => [...s];

/**
 * Locate `range` in the text model of `root`. Returns nothing when the range
 * holds no visible text. Surrounding whitespace is trimmed from the selection.
 * `before` and `after` are up to 128 UTF-16 units of context for the dialog.
 */
export function anchor(range, root) {
  let text = "";
  let start;
  let end;
  // SHOW_ELEMENT | SHOW_TEXT; FILTER_ACCEPT text, FILTER_REJECT skipped elements, else FILTER_SKIP.
  const walker = document.createTreeWalker(root, 5, {
    acceptNode: (n) => (n.nodeType == 3 ? 1 : /^(script|style|noscript|template)$/i.test(n.nodeName) ? 2 : 3),
  });
  for (let t; (t = walker.nextNode()); text += t.data) {
    const at = range.comparePoint(t, 0);
    start ??= t == range.startContainer ? text.length + range.startOffset : at >= 0 ? text.length : start;
    end ??= t == range.endContainer ? text.length + range.endOffset : at > 0 ? text.length : end;
  }
  start ??= text.length;
  end ??= text.length;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start >= end) return;

  const exact = points(text.slice(start, end)).slice(0, 1000).join("");
  end = start + exact.length;
  const before = text.slice(Math.max(0, start - 128), start);
  const after = text.slice(end, end + 128);
  const s = points(text.slice(0, start)).length;
  return {
    exact,
    prefix: points(before).slice(-32).join(""),
    suffix: points(after).slice(0, 32).join(""),
    start: s,
    end: s + points(exact).length,
    // Cut at word boundaries, "…" where cut.
    before: start > 128 ? before.replace(/^\S*\s/, "…") : before,
    after: after[127] ? after.replace(/\s\S*$/, "…") : after,
  };
}
