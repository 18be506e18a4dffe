"""The one check of a reader's address: strict, so that what is stored is something an
SMTP server takes as a plain ``local@domain`` and that cannot add a header or a second
recipient.

ASCII only (no SMTPUTF8: many servers refuse it): a local part of RFC 5322 atom
characters with single dots between them (no quoted strings, no comments), at most 64
characters; a domain of at least two LDH labels (letters, digits, hyphens inside), each
at most 63, the last one alphabetic or an IDNA ``xn--`` label; 254 in all.  The domain
is kept lower-cased, the local part as it was written.  No DNS is asked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copydesk.errors import APIError

if TYPE_CHECKING:
    from copydesk.ingest.payload import ReportPayload

MAX = 254

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


class InvalidAddress(ValueError):
    """Not an address copydesk sends to."""


def check(value: str) -> str:
    """The address, its domain lower-cased; :class:`InvalidAddress` otherwise."""
    if len(value) > MAX:
        raise InvalidAddress(f"at most {MAX} characters")
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        raise InvalidAddress("an address is local-part@domain")
    if len(local) > 64 or not _LOCAL.fullmatch(local):
        raise InvalidAddress("the part before @ has characters an address cannot have")
    domain = domain.lower()
    labels = domain.split(".")
    if (len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels)
            or not _TOP.fullmatch(labels[-1])):
        raise InvalidAddress("the domain is not a domain name")
    return f"{local}@{domain}"


def key(address: str) -> str:
    """What two spellings of one address share (case is not told apart)."""
    return address.lower()


def checked(payload: ReportPayload) -> ReportPayload:
    """The payload with its ``notify_email`` checked (422 ``invalid_email``) and
    consented to (422 ``consent_required``); an empty one is no address.  No message
    repeats the address."""
    if payload.notify_email is None:
        return payload
    given = payload.notify_email.strip()
    if not given:
        return payload.model_copy(update={"notify_email": None})
    try:
        value = check(given)
    except InvalidAddress as exc:
        raise APIError(422, "invalid_email", f"notify_email: not an address ({exc}).",
                       "notify_email") from None
    if payload.notify_consent is not True:
        raise APIError(422, "consent_required",
                       "notify_consent: an address is kept only with the reader's consent "
                       "(notify_consent: true).", "notify_consent")
    return payload.model_copy(update={"notify_email": value})
