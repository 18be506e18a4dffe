// Sending reports, and the offline outbox kept in the host site's localStorage.

export const OUTBOX = "copydesk.outbox";
const MAX_ITEMS = 20;
const MAX_TRIES = 5;
const MAX_AGE = 7 * 864e5;

/** POST one report. Resolves with the Response; rejects when the network fails. */
export function post(endpoint, body) {
  return fetch(endpoint + "/api/v1/reports", {
    method: "POST",
    keepalive: true,
    headers: { "Content-Type": "text/plain" },
    body: JSON.stringify(body),
    credentials: "omit",
    mode: "cors",
  });
}

function read() {
  try {
    const list = JSON.parse(localStorage.getItem(OUTBOX) || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function write(list) {
  try {
    if (list.length) localStorage.setItem(OUTBOX, JSON.stringify(list.slice(-MAX_ITEMS)));
    else localStorage.removeItem(OUTBOX);
  } catch {
    // Storage full or disabled: nothing more we can do.
  }
}

/** Keep a report for later. */
export function queue(endpoint, body) {
  const list = read();
  list.push({ id: Date.now() + "-" + Math.random(), e: endpoint, b: body, n: 0, t: Date.now() });
  write(list);
}

let busy = false;

/** Send what the outbox holds. Reports the server answered (other than 429/5xx) are dropped. */
export async function flush() {
  if (busy || navigator.onLine === false) return;
  busy = true;
  try {
    const done = new Set();
    const tried = new Set();
    for (const item of read()) {
      let keep = true;
      try {
        const r = await post(item.e, item.b);
        keep = r.status === 429 || r.status >= 500;
      } catch {
        // still offline, or the server is unreachable
      }
      if (!keep || item.n + 1 >= MAX_TRIES || Date.now() - item.t > MAX_AGE) done.add(item.id);
      else tried.add(item.id);
    }
    // Re-read: another report may have been queued meanwhile.
    write(
      read()
        .filter((x) => !done.has(x.id))
        .map((x) => (tried.has(x.id) ? { ...x, n: x.n + 1 } : x)),
    );
  } finally {
    busy = false;
  }
}
