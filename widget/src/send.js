// Sending reports through an outbox kept in the host site's localStorage.
//
// Every report gets a `client_id` and is written to the outbox before it is
// sent; it leaves the outbox when the server has answered it for good (2xx, or
// a 4xx other than 429). After a network error, a 408 or any 5xx it is sent
// again, with the same `client_id`, after 1 s, 2 s, 4 s … (at most 5 min,
// with jitter; `Retry-After` when the server gives one), on the `online`
// event and on the next page load. It is given up 7 days after it was first
// kept, or after 50 attempts.

export const OUTBOX = "copydesk.outbox";
const MAX_ITEMS = 20;
const MAX_TRIES = 50;
const MAX_AGE = 7 * 864e5;
const CAP = 3e5;

/** A new report id: 16 random bytes in base64url (22 characters). */
export const newId = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), or the error body. */
function retryAfter(r, body) {
  const h = r.headers.get("Retry-After");
  const s = h == null ? body && body.error && body.error.retry_after : /^\d+$/.test(h) ? +h : (Date.parse(h) - Date.now()) / 1e3;
  return s >= 0 ? Math.min(s, 86400) : undefined;
}

/**
 * One attempt. Resolves with {k, wait, code}: k is "ok", "offline" (the browser
 * is offline), "down" (network error, 408 or 5xx: try again later), "limited"
 * (429) or "rejected" (any other answer; `code` is the API's error code).
 */
export async function attempt(endpoint, body) {
  if (navigator.onLine === false) return { k: "offline" };
  let r;
  try {
    r = await fetch(endpoint + "/api/v1/reports", {
      method: "POST",
      keepalive: true,
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify(body),
      credentials: "omit",
      mode: "cors",
    });
  } catch {
    return { k: navigator.onLine === false ? "offline" : "down" };
  }
  if (r.ok) return { k: "ok" };
  let j;
  try {
    j = await r.json();
  } catch {}
  const wait = retryAfter(r, j);
  const s = r.status;
  return {
    k: s === 429 ? "limited" : s >= 500 || s === 408 ? "down" : "rejected",
    wait,
    code: j && j.error && j.error.code,
  };
}

let stored = true; // false once localStorage has failed
function read() {
  let raw;
  try {
    raw = localStorage.getItem(OUTBOX);
  } catch {
    stored = false;
  }
  try {
    const list = JSON.parse(raw || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

// Read, change and write back the outbox (another tab may have changed it meanwhile).
function edit(fn) {
  const list = fn(read()).slice(-MAX_ITEMS);
  try {
    if (list.length) localStorage.setItem(OUTBOX, JSON.stringify(list));
    else localStorage.removeItem(OUTBOX);
  } catch {
    stored = false; // storage full or disabled: reports live as long as the page
  }
}

const listeners = new Map(); // client_id -> told each attempt's result
const memory = new Map(); // this page's reports, used when localStorage is unavailable
const inflight = new Set();
let timer;

/** Keep a report (its body has a client_id) and send it now; `listen` hears every outcome. */
export function submit(endpoint, body, listen) {
  const item = { e: endpoint, b: body, n: 0, t: Date.now(), a: 0 };
  const id = body.client_id;
  memory.set(id, item);
  listeners.set(id, listen);
  edit((list) => [...list.filter((x) => x.b.client_id !== id), item]);
  return flush();
}

/** Stop telling `id`'s listener (the dialog was closed); the report is still sent. */
export const forget = (id) => listeners.delete(id);

const delay = (n, wait) =>
  wait != null ? wait * 1e3 * (1 + Math.random() / 5) : Math.min(CAP, 1e3 * 2 ** (n - 1)) * (0.5 + Math.random() / 2);

/** Send every report that is due; then wake up when the next one is. */
export async function flush() {
  clearTimeout(timer);
  const waits = [];
  const list = stored ? read() : [...memory.values()];
  await Promise.all(
    list.map(async (item) => {
      const id = item.b.client_id;
      if (inflight.has(id)) return;
      if (item.a > Date.now()) return waits.push(item.a);
      inflight.add(id);
      const res = await attempt(item.e, item.b);
      inflight.delete(id);
      const listen = listeners.get(id);
      const n = item.n + (res.k !== "offline");
      let keep = res.k === "down" || res.k === "offline" || (res.k === "limited" && !listen);
      if (keep && (n >= MAX_TRIES || Date.now() - item.t > MAX_AGE)) {
        keep = false;
        res.k = "failed";
      }
      // Offline reports wait for the `online` event, not for a timer.
      const next = { ...item, n, a: res.k === "offline" ? 0 : Date.now() + delay(n, res.wait) };
      if (keep) memory.set(id, next);
      else memory.delete(id);
      edit((rest) => [...rest.filter((x) => x.b.client_id !== id), ...(keep ? [next] : [])]);
      if (next.a && keep) waits.push(next.a);
      if (listen) listen(res, next.a - Date.now());
    }),
  );
  if (waits.length) timer = setTimeout(flush, Math.max(0, Math.min(...waits) - Date.now()));
}
