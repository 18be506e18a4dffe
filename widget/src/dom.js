// A tiny element builder. Children are appended with `append`, so strings
// always become Text nodes: nothing here ever parses HTML.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const k in props) {
    const v = props[k];
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  el.append(...children.filter((c) => c)); // no false, null or empty children
  return el;
}

/** The article's address: its canonical link, else the page's without the fragment. */
export const url = () => document.querySelector("link[rel~=canonical][href]")?.href || location.href.split("#")[0];
