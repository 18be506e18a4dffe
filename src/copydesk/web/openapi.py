"""The OpenAPI document of the public API, built from the payload model."""

from __future__ import annotations

from typing import Any

from copydesk import __version__
from copydesk.corrections import apidoc
from copydesk.ingest.payload import MAX_BODY, ReportPayload

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "field"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "field": {"type": ["string", "null"]},
            },
        }
    },
}


_HEALTH = {
    "type": "object",
    "required": ["status", "database"],
    "properties": {
        "status": {"enum": ["ok", "degraded", "error"]},
        "database": {"enum": ["ok", "unreachable", "full", "not writable"]},
        "committer": {"enum": ["connected", "unreachable (storing in-process)"]},
        "redis": {"enum": ["connected", "unreachable (per-process limits)"]},
    },
}


def _unavailable(description: str) -> dict[str, Any]:
    answer = _error(description)
    answer["headers"] = {"Retry-After": {
        "description": "Seconds to wait before sending again.",
        "schema": {"type": "integer", "minimum": 1},
    }}
    return answer


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def document() -> dict[str, Any]:
    schema = ReportPayload.model_json_schema()
    body_schema = {"$ref": "#/components/schemas/Report"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "copydesk",
            "version": __version__,
            "description": "Reader error reports. Bodies are JSON, sent as application/json "
            f"or text/plain (no CORS preflight), at most {MAX_BODY} bytes.",
        },
        "paths": {
            "/api/v1/reports": {
                "post": {
                    "operationId": "createReport",
                    "summary": "Send a reader's error report.",
                    "parameters": [{
                        "name": "Idempotency-Key", "in": "header", "required": False,
                        "description": (
                            "The report's id (like the body's client_id): a report sent "
                            "again with it is answered with the first result, not "
                            "stored again."),
                        "schema": {"type": "string", "pattern": "^\"?[A-Za-z0-9_-]{16,64}\"?$"},
                    }],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": body_schema},
                            "text/plain": {"schema": body_schema},
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "Stored (committed).",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Created"}
                                }
                            },
                        },
                        "400": _error("The body is not a JSON object, or the "
                                      "Idempotency-Key is malformed or disagrees with "
                                      "client_id."),
                        "403": _error("Origin or url not allowed for the site."),
                        "404": _error("Unknown site key."),
                        "413": _error("Body larger than 16 KiB."),
                        "415": _error("Not application/json or text/plain."),
                        "422": _error("A field is missing or invalid, or the client_id "
                                      "was used for a different report."),
                        "429": _error("Rate limited; see Retry-After."),
                        "503": _unavailable(
                            "Not stored; send it again after Retry-After seconds. Codes: "
                            "store_interrupted (the report may have been stored: it was "
                            "in flight when the committer was lost), storage_full, "
                            "storage_unavailable (the database cannot be reached or "
                            "cannot commit), limits_unavailable."),
                    },
                }
            },
            "/api/v1/corrections": apidoc.PATH,
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "responses": {
                        "200": {
                            "description": "Reports are taken: the database answers and "
                                           "a write commits. status is degraded while "
                                           "the committer or Redis is unreachable.",
                            "content": {"application/json": {
                                "schema": {"$ref": "#/components/schemas/Health"}}},
                        },
                        "503": {
                            "description": "Reports cannot be stored: database is "
                                           "unreachable, full or not writable.",
                            "content": {"application/json": {
                                "schema": {"$ref": "#/components/schemas/Health"}}},
                        },
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Report": schema,
                "Created": {
                    "type": "object",
                    "required": ["id", "group", "duplicate"],
                    "properties": {
                        "id": {"type": "integer"},
                        "group": {"type": "integer"},
                        "duplicate": {"type": "boolean"},
                    },
                },
                "Error": _ERROR,
                "Health": _HEALTH,
                **apidoc.SCHEMAS,
            }
        },
    }
