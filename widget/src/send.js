// Sending reports through an outbox kept in the host site's localStorage.
//
// Every report gets a `client_id` and is written to the outbox before it is
// sent; it leaves the outbox when the server has answered it for good (2xx, or
// a 4xx other than 429). After a network error, a 408 or any 5xx it is sent
// again, with the same `client_id`: after `Retry-After` seconds (plus up to
// 20 %) when the answer has one, else after 1 s, 2 s, 4 s … at most 5 min
// (each shortened by up to half, at random); on the `online` event; on the next page load. It is given
// up 7 days after it was first kept, or after 50 attempts. A 429 for a report
// whose dialog is open is the reader's to try again; one from an earlier page
// is kept and sent after `Retry-After`.

const KEY = "copydesk.outbox";
const now = Date.now;

/** A new report id: 16 random bytes in base64url (22 characters). */
export const newId = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .slice(0, 22);

/**
 * One attempt: {k, wait, code}. k is "ok", "offline" (the browser is offline),
 * "down" (network error, 408 or 5xx), "limited" (429) or "rejected" (any other
 * answer; `code` is the API's error code); `wait` is Retry-After in seconds.
 */
async function attempt(endpoint, body) {
  const offline = { k: "offline" };
  let r, code;
  try {
    if (navigator.onLine === false) return offline;
    r = await fetch(endpoint + "/api/v1/reports", {
      method: "POST",
      keepalive: true,
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify(body),
      credentials: "omit",
    });
  } catch {
    return navigator.onLine === false ? offline : { k: "down" };
  }
  if (r.ok) return { k: "ok" };
  try {
    code = (await r.json()).error.code;
  } catch {}
  const s = r.status;
  const wait = r.headers.get("Retry-After");
  return { k: s == 429 ? "limited" : s > 499 || s == 408 ? "down" : "rejected", wait: wait ? Math.min(+wait, 86400) : void 0, code };
}

let mem = []; // the outbox while localStorage cannot be used
const read = () => {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || [];
  } catch {
    return mem;
  }
};

// Change the outbox by client_id: drop `id`'s entry and add `item` (if any).
function put(id, item) {
  mem = read()
    .filter((x) => x.b.client_id != id)
    .concat(item || [])
    .slice(-20);
  try {
    mem[0] ? localStorage.setItem(KEY, JSON.stringify(mem)) : localStorage.removeItem(KEY);
  } catch {}
}

const listeners = {}; // client_id -> told each attempt's result
const inflight = {};
let timer;

/** Keep a report (its body has a client_id) and send it now; `listen` hears every outcome. */
export function submit(endpoint, body, listen) {
  listeners[body.client_id] = listen;
  put(body.client_id, { e: endpoint, b: body, n: 0, t: now(), a: 0 });
  flush();
}

/** Stop telling `id`'s listener (the dialog was closed); the report is still sent. */
export const forget = (id) => delete listeners[id];

/** Send every report that is due; then wake up when the next one is. */
export async function flush() {
  clearTimeout(timer);
  await Promise.all(
    read().map(async (item) => {
      const id = item.b.client_id;
      if (inflight[id] || item.a > now()) return;
      inflight[id] = 1;
      const res = await attempt(item.e, item.b);
      const k = res.k;
      const listen = listeners[id];
      const n = item.n + (k != "offline");
      const r = Math.random();
      // Offline reports wait for the `online` event, not for a timer.
      const a =
        k != "offline" &&
        now() + (res.wait >= 0 ? res.wait * 1e3 * (1 + r / 5) : Math.min(3e5, 1e3 * 2 ** (n - 1)) * (0.5 + r / 2));
      let keep = k == "down" || k == "offline" || (k == "limited" && !listen);
      if (keep && (n > 49 || now() - item.t > 6048e5)) keep = !(res.k = "failed");
      delete inflight[id];
      put(id, keep && { ...item, n, a });
      if (listen) listen(res);
    }),
  );
  const due = read()
    .map((x) => x.a)
    .filter((a) => a);
  if (due[0]) timer = setTimeout(flush, Math.min(...due) - now());
}
