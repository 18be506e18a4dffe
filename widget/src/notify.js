// "Tell me when this is fixed": the report dialog's optional e-mail field, on
// pages whose script tag has data-notify (docs/widget.md). The build makes one
// chunk of this module per language, notify-<code>.js, with that language's
// strings as __NOTIFY__. The loader imports the page's one together with the
// dialog and its strings chunk; this module puts its function on those strings
// (`cfg.t.f`, the same module instance: "./lang.js" is left as an import of
// <code>.js), and the dialog calls it once per dialog, before showing it, as
// f(form, report, state).
//
// It puts the field under the comment: a label, the input, the consent text
// (the input's description). While the field holds an address, `report`
// (spread into every body the dialog sends) carries `notify_email` and
// `notify_consent: true`; while it is empty, neither. An address the server
// would refuse (copydesk.readers.address) is not sent: the input is invalid
// and the browser says why when the reader sends. It returns what the dialog
// asks when the server refused a report: true when the address was why, after
// saying so, with the dialog left open to correct the address or clear it.

/* global __NOTIFY__ */
import strings from "./lang.js";
import { newId } from "./send.js";

const t = __NOTIFY__;
const d = document;

// The server's rule: at most 64 ASCII atom characters with single dots between
// them, "@", two or more LDH labels, the last alphabetic or an IDNA xn-- label.
const ATOM = "[\\w!#$%&'*+/=?^`{|}~-]+";
const ADDRESS = new RegExp(`^(?=[^@]{1,64}@)${ATOM}(\\.${ATOM})*@([a-z\\d]([a-z\\d-]{0,61}[a-z\\d])?\\.)+([a-z]{2,63}|xn--[a-z\\d-]{1,59})$`, "i");

// An element with properties (text as textContent: never parsed as HTML).
const el = (tag, props) => Object.assign(d.createElement(tag), props);

strings.f = (form, report, state) => {
  const input = el("input", { id: "e", type: "email", autocomplete: "email", maxLength: 254 });
  const note = el("p", { id: "ec", textContent: t.consent });
  input.setAttribute("aria-describedby", "ec");
  // Like the textareas: the dialog's font, the full width (CSSOM, which a CSP allows).
  Object.assign(input.style, { font: "inherit", boxSizing: "border-box", width: "100%" });
  input.oninput = () => {
    const v = input.value; // an e-mail input's value has no white space at its ends
    input.setCustomValidity(!v || ADDRESS.test(v) ? "" : t.invalid);
    input.removeAttribute("aria-invalid");
    delete report.notify_email;
    delete report.notify_consent;
    // Sent only when the reader typed an address under the consent text.
    if (v) Object.assign(report, { notify_email: v, notify_consent: true });
    // Another address is another report, as another suggestion or comment is.
    if (report.client_id) report.client_id = newId();
  };
  form.querySelector(".hp").before(el("label", { htmlFor: "e", textContent: t.label }), input, note);
  return (code) => {
    if (code == "invalid_email") {
      state("err", t.invalid);
      input.setCustomValidity(t.invalid);
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return true;
    }
  };
};
