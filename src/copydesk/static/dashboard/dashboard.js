// copydesk dashboard: keyboard shortcuts and small enhancements.  Every action also
// works without this script (plain forms and links).
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf") || "";
  // The page's language: its words for the English ones below ({n}, {of} filled in).
  var words = {};
  try { words = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (e) { words = {}; }
  function t(text, values) {
    var said = words[text] || text;
    for (var name in values || {}) said = said.split("{" + name + "}").join(values[name]);
    return said;
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  var current = -1;
  var help = document.getElementById("help");
  var KEYS = { a: "accepted", f: "fixed", r: "rejected", s: "spam", n: "new" };
  var confirmBox = document.getElementById("confirm");
  var detail = document.querySelector("article.detail");
  var lastFocus = null;
  var QUEUE_PLACE = "copydesk.queue.place";
  var changes = Array.prototype.slice.call(document.querySelectorAll("[data-change]"));
  var change = -1;

  function goToChange(index) {  // n / p on a diff page
    if (!changes.length) return;
    index = Math.max(0, Math.min(changes.length - 1, index));
    if (change >= 0) changes[change].classList.remove("current");
    change = index;
    var el = changes[change];
    el.classList.add("current");
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    var where = document.getElementById("change-position");
    if (where) where.textContent = t("Change {n} of {of}", { n: change + 1, of: changes.length });
  }

  function select(index) {
    if (!rows.length) return;
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (current >= 0 && rows[current]) rows[current].classList.remove("current");
    current = index;
    var row = rows[current];
    row.classList.add("current");
    if (row.tagName === "LI") row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function row() {
    if (current < 0 && rows.length === 1) select(0);
    return current >= 0 ? rows[current] : null;
  }

  function say(text, error) {
    var box = document.querySelector("[data-flash]");
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-flash", "");
      document.querySelector("main").before(box);
    }
    box.className = "flash " + (error ? "flash-error" : "flash-ok");
    box.setAttribute("role", error ? "alert" : "status");
    box.textContent = text;
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields || {});
    body.set("csrf_token", csrf);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf,
                 "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          throw new Error((data.error && (data.error.message || data.error)) || t("That did not work."));
        }
        return data;
      });
    });
  }

  // A confirmation in a modal <dialog>; resolves true when confirmed.
  function ask(text, then) {
    if (!confirmBox || !confirmBox.showModal) { if (window.confirm(text)) then(); return; }
    document.getElementById("confirm-text").textContent = text;
    var before = document.activeElement;
    confirmBox.returnValue = "";
    confirmBox.addEventListener("close", function onClose() {
      confirmBox.removeEventListener("close", onClose);
      if (before && before.focus) before.focus();
      if (confirmBox.returnValue === "ok") then();
    });
    confirmBox.showModal();
    confirmBox.querySelector("[data-confirm-ok]").focus();
  }

  function remember() {  // where the queue was, for Esc / q on a group page
    try {
      sessionStorage.setItem(QUEUE_PLACE, JSON.stringify({ url: location.pathname + location.search, index: current }));
    } catch (e) { /* private mode */ }
  }

  function restore() {
    try {
      var place = JSON.parse(sessionStorage.getItem(QUEUE_PLACE) || "null");
      if (place && place.url === location.pathname + location.search && rows.length) select(place.index);
    } catch (e) { /* nothing kept */ }
  }

  function goBack() {
    if (!detail) return false;
    window.location.href = detail.getAttribute("data-back") || "/";
    return true;
  }

  function undo() {
    post("/undo", {}).then(function (data) {
      if (detail) { window.location.href = "/groups/" + data.id + "?back=" + encodeURIComponent(detail.getAttribute("data-back") || "/"); return; }
      remember();
      window.location.reload();
    }, function (error) { say(error.message, true); });
  }

  function setStatus(target, status) {
    var id = target.getAttribute("data-id");
    var fields = { status: status };
    if (detail) {
      var note = detail.querySelector("textarea[name=note]");
      if (note) fields.note = note.value;
    }
    return post("/groups/" + encodeURIComponent(id) + "/status", fields).then(function (data) {
      if (detail) {  // on to the next group of the queue, or back to it
        try { sessionStorage.setItem("copydesk.flash", data.message + " " + t("Press u to undo.")); } catch (e) { /* */ }
        window.location.href = detail.getAttribute("data-next") || detail.getAttribute("data-back") || "/";
        return;
      }
      var badge = target.querySelector(".badge");
      if (badge) badge.textContent = t(status);
      target.classList.add("done");
      say(data.message + " " + t("Press u to undo."));
      select(current + 1);
    }, function (error) { say(error.message, true); });
  }

  function assignToMe() {
    var form = document.querySelector(".assign-form");
    var me = detail && detail.getAttribute("data-me");
    if (!form || !me) return;
    post(form.getAttribute("action"), { assignee_id: me }).then(function () {
      window.location.reload();
    }, function (error) { say(error.message, true); });
  }

  function toggleHelp(show) {
    if (!help || !help.showModal) return;
    var open = help.open;
    if (show === undefined) show = !open;
    if (show && !open) { lastFocus = document.activeElement; help.showModal(); help.querySelector("[data-help-close]").focus(); }
    else if (!show && open) help.close();
  }

  if (help) help.addEventListener("close", function () {
    if (lastFocus && lastFocus.focus) lastFocus.focus();
    lastFocus = null;
  });

  document.addEventListener("click", function (event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    if (t.closest("[data-help]")) toggleHelp(true);
    else if (t === help) toggleHelp(false);
  });

  // Risky buttons and forms ask first (spam, dictionary changes, removals).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method === "dialog") return;
    var button = event.submitter;
    var text = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (form.id === "bulk" && form.elements.status.value === "spam") {
      text = t("Mark the selected groups as spam?");
    }
    if (!text || form.hasAttribute("data-confirmed")) return;
    event.preventDefault();
    ask(text, function () {
      form.setAttribute("data-confirmed", "");
      form.requestSubmit(button || undefined);
    });
  });

  // The "duplicate of" picker: the datalist follows what is typed.
  var dup = document.getElementById("duplicate-of");
  var dupTimer = null;
  if (dup) dup.addEventListener("input", function () {
    clearTimeout(dupTimer);
    dupTimer = setTimeout(function () {
      var q = dup.value.trim();
      if (!q) return;
      fetch(dup.getAttribute("data-candidates") + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (r) { return r.ok ? r.json() : []; }).then(function (found) {
        var list = document.getElementById("duplicate-candidates");
        list.textContent = "";
        found.forEach(function (g) {
          var option = document.createElement("option");
          option.value = String(g.id);
          option.label = "#" + g.id + " " + g.status + ": " + g.quote + " (" + g.article + ")";
          list.appendChild(option);
        });
      });
    }, 200);
  });

  // New reports while the queue is open: a badge, checked every 30 s.
  var badge = document.querySelector("[data-new-reports]");
  if (badge) setInterval(function () {
    var url = "/queue/new.json?since=" + encodeURIComponent(badge.getAttribute("data-since")) +
      "&" + badge.getAttribute("data-query");
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (!data || !data.new) return;
        badge.textContent = t("{n} new — reload", { n: data.new });
        badge.hidden = false;
      });
  }, 30000);

  try {  // the message of a status change made with a key on the group page before
    var kept = sessionStorage.getItem("copydesk.flash");
    if (kept) { sessionStorage.removeItem("copydesk.flash"); say(kept); }
  } catch (e) { /* */ }
  restore();

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t instanceof Element && t.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key;
    if ((help && help.open) || (confirmBox && confirmBox.open)) return;  // the dialog's own keys
    if (key === "?") { toggleHelp(); event.preventDefault(); return; }
    var r;
    if (key === "Escape" || key === "q") { if (!goBack()) return; }
    else if (key === "u") { undo(); }
    else if (key === "j") { if (detail && detail.getAttribute("data-next")) window.location.href = detail.getAttribute("data-next"); else select(current + 1); }
    else if (key === "k") { if (detail && detail.getAttribute("data-prev")) window.location.href = detail.getAttribute("data-prev"); else select(current - 1); }
    else if (key === "d" && dup) { dup.focus(); }
    else if (key === "m" && detail) { assignToMe(); }
    else if (key === "Enter" && t instanceof Element && t.closest("a, button")) { return; }
    else if (key === "Enter" && (r = row()) && r.tagName === "LI") {
      remember();
      window.location.href = r.getAttribute("data-url");
    } else if (key === "x" && (r = row())) {
      var box = r.querySelector("input[type=checkbox]");
      if (box) box.checked = !box.checked;
    } else if (key === "o" && (r = row())) {
      var url = r.getAttribute("data-fragment");
      if (url) window.open(url, "_blank", "noopener,noreferrer");
    } else if (key === "n" && changes.length) {
      goToChange(change + 1);
    } else if (key === "p" && changes.length) {
      goToChange(change - 1);
    } else if (key === "c" && document.querySelector("form[data-confirm-fix]")) {
      document.querySelector("form[data-confirm-fix]").requestSubmit();
    } else if (KEYS[key] && !(key === "n" && changes.length) && (r = row())) {
      setStatus(r, KEYS[key]);
    } else {
      return;
    }
    event.preventDefault();
  });
})();

// The editor's time zone, once: while none is stored the page carries data-set-zone, and
// the browser's IANA zone is sent (the server keeps it only if still unset; UTC if unknown).
(function () {
  var body = document.body;
  if (!body.hasAttribute("data-set-zone") || !window.fetch) return;
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  var form = new URLSearchParams();
  form.set("time_zone", zone);
  form.set("csrf_token", body.getAttribute("data-csrf") || "");
  fetch("/account/time-zone", {
    method: "POST", credentials: "same-origin", body: form,
    headers: { "Accept": "application/json" }
  }).catch(function () {});
})();
