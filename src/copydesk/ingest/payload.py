"""The report payload: its fields, limits and cleaning.

Text is NFC-normalised, ``\\r\\n`` folded to ``\\n``, and control characters other than
tab and newline removed (also from the limits' point of view: lengths are counted
after cleaning).  Validation errors become :class:`~copydesk.errors.APIError` with the
field at fault.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from copydesk.errors import APIError
from copydesk.readers import address as readers_address
from copydesk.urls import is_http_url

MAX_BODY = 16 * 1024
#: A report's id chosen by the client, the same on every resend of that report.
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
# C0 and C1 controls except \t and \n, plus bidi overrides and zero-width no-break junk
# that only serve to hide text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value.isprintable() and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        # Nothing to do (the usual case): no controls or format characters ("other"
        # categories, including \r, bidi overrides and U+FEFF), already NFC.
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", value))


Text = Annotated[str, BeforeValidator(clean)]


class ReportPayload(BaseModel):
    """A reader's report as the widget (or any client) sends it."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    site: Text = Field(min_length=1, max_length=64, description="The site's public key.")
    url: Text = Field(min_length=1, max_length=2048, description="The article's URL.")
    exact: Text = Field(min_length=1, max_length=1000, description="The selected text.")
    prefix: Text = Field("", max_length=200, description="Text just before the selection.")
    suffix: Text = Field("", max_length=200, description="Text just after the selection.")
    start: int | None = Field(None, ge=0, le=100_000_000, description="Offset of the quote.")
    end: int | None = Field(None, ge=0, le=100_000_000, description="End offset (exclusive).")
    suggestion: Text = Field("", max_length=1000, description="The reader's correction.")
    comment: Text = Field("", max_length=2000, description="The reader's comment.")
    title: Text = Field("", max_length=500, description="The document's title.")
    lang: Text = Field("", max_length=35, description="BCP 47 language tag of the page.")
    website: Text = Field("", max_length=500, description="Honeypot; humans leave it empty.")
    time_on_page: int | None = Field(
        None, ge=0, le=10**12, description="Milliseconds from page load to sending."
    )
    client_id: str | None = Field(
        None,
        description="The client's id of this report (16-64 characters of A-Z a-z 0-9 _ -); "
        "a resend of the same report carries the same id.",
    )
    notify_email: Annotated[Text, Field(max_length=254)] | None = Field(
        None, description="The reader's address, to be told once what became of the report "
        "(kept until the group is closed; see copydesk.readers). Needs notify_consent.",
    )
    notify_consent: bool = Field(
        False, description="The reader agreed to the consent text shown with notify_email.")


_CODES = {
    "missing": "missing",
    "string_too_short": "too_short",
    "string_too_long": "too_long",
    "too_long": "too_long",
    "greater_than_equal": "out_of_range",
    "less_than_equal": "out_of_range",
}


def parse(data: object) -> ReportPayload:
    """Validate decoded JSON into a payload, or raise the first problem as an APIError."""
    if not isinstance(data, dict):
        raise APIError(400, "not_an_object", "The request body must be a JSON object.")
    try:
        payload = ReportPayload.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        code = _CODES.get(first["type"], "invalid_type" if "type" in first["type"] else
                          "invalid_value")
        raise APIError(422, code, f"{field}: {first['msg']}", field) from None
    if not payload.exact.strip():
        raise APIError(422, "too_short", "exact: the selected text is empty.", "exact")
    if not is_http_url(payload.url):
        raise APIError(422, "invalid_url", "url: must be an http(s) URL.", "url")
    if (payload.start is None) != (payload.end is None):
        missing = "end" if payload.end is None else "start"
        raise APIError(422, "missing", f"{missing}: start and end go together.", missing)
    if payload.start is not None and payload.end is not None and payload.end <= payload.start:
        raise APIError(422, "invalid_range", "end: must be greater than start.", "end")
    if payload.client_id is not None and not CLIENT_ID.fullmatch(payload.client_id):
        raise APIError(422, "invalid_value",
                       "client_id: 16 to 64 characters of A-Z, a-z, 0-9, _ and -.", "client_id")
    return readers_address.checked(payload)
