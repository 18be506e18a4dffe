// copydesk dashboard: keyboard shortcuts and small enhancements.  Every action also
// works without this script (plain forms and links).
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf") || "";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row]"));
  var current = -1;
  var help = document.getElementById("help");
  var KEYS = { a: "accepted", f: "fixed", r: "rejected", s: "spam" };
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
    if (where) where.textContent = "Change " + (change + 1) + " of " + changes.length;
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

  function say(text) {
    var box = document.querySelector(".notice");
    if (!box) {
      box = document.createElement("p");
      box.className = "notice";
      box.setAttribute("role", "status");
      document.querySelector("main").before(box);
    }
    box.textContent = text;
  }

  function setStatus(target, status) {
    var id = target.getAttribute("data-id");
    var body = new URLSearchParams();
    body.set("status", status);
    body.set("csrf_token", csrf);
    return fetch("/groups/" + encodeURIComponent(id) + "/status", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf,
                 "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          say((data.error && (data.error.message || data.error)) || "Could not change the status.");
          return;
        }
        if (target.tagName !== "LI") { window.location.reload(); return; }
        var badge = target.querySelector(".badge");
        if (badge) badge.textContent = status;
        target.classList.add("done");
        say("Group " + id + " marked " + status + ".");
        select(current + 1);
      });
    });
  }

  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
  }

  document.addEventListener("click", function (event) {
    var t = event.target;
    if (!(t instanceof Element)) return;
    if (t.closest("[data-help]")) toggleHelp(true);
    else if (t.closest("[data-help-close]") || t === help) toggleHelp(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t instanceof Element && t.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key;
    if (key === "Escape") { toggleHelp(false); return; }
    if (key === "?") { toggleHelp(); event.preventDefault(); return; }
    if (help && !help.hidden) return;
    var r;
    if (key === "j") { select(current + 1); }
    else if (key === "k") { select(current - 1); }
    else if (key === "Enter" && (r = row()) && r.tagName === "LI") {
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
    } else if (KEYS[key] && (r = row())) {
      setStatus(r, KEYS[key]);
    } else {
      return;
    }
    event.preventDefault();
  });
})();
