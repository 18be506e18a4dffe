// A tiny element builder. Children are appended with `append`, so strings
// always become Text nodes: nothing here ever parses HTML.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const k in props) {
    const v = props[k];
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v != null && v !== false) el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.filter((c) => c != null && c !== false));
  return el;
}

/** The focused element, looking through open shadow roots. */
export function activeElement() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
