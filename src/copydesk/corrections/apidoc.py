"""``GET /api/v1/corrections`` in the OpenAPI document (:mod:`copydesk.web.openapi`
adds :data:`PATH` and :data:`SCHEMAS`)."""

from __future__ import annotations

from typing import Any

from copydesk.corrections.model import Kind, Placement

_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
_WHEN = {"type": ["string", "null"], "format": "date-time"}

PATH: dict[str, Any] = {
    "get": {
        "operationId": "listCorrections",
        "summary": "A site's public corrections, or one article's.",
        "description": "Published and withdrawn corrections (never drafts), newest first "
                       "for a site, oldest first for an article. Cacheable: ETag, "
                       "Cache-Control public, max-age=300; 304 on If-None-Match.",
        "parameters": [
            {"name": "site", "in": "query", "required": True,
             "schema": {"type": "string", "minLength": 1, "maxLength": 64},
             "description": "The site's public key."},
            {"name": "article", "in": "query", "required": False,
             "schema": {"type": "string", "maxLength": 2048},
             "description": "An article id, or the article's address (normalised as "
                            "reports' addresses are)."},
            {"name": "page", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": 10000},
             "description": "Page of 20 (a site's list)."},
        ],
        "responses": {
            "200": {"description": "The corrections.", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Corrections"}}}},
            "304": {"description": "Not modified (If-None-Match)."},
            "400": {"description": "site missing, or a parameter that cannot be used.",
                    "content": _ERROR},
            "404": {"description": "Unknown site key (unknown_site).", "content": _ERROR},
        },
    }
}

SCHEMAS: dict[str, Any] = {
    "Correction": {
        "type": "object",
        "required": ["id", "type", "text", "placement", "status", "published_at",
                     "updated_at", "withdrawn_at", "withdrawal_note", "revisions",
                     "article", "url"],
        "properties": {
            "id": {"type": "integer"},
            "type": {"enum": [k.value for k in Kind]},
            "text": {"type": "string"},
            "placement": {"enum": [p.value for p in Placement]},
            "status": {"enum": ["published", "withdrawn"]},
            "published_at": _WHEN, "updated_at": _WHEN, "withdrawn_at": _WHEN,
            "withdrawal_note": {"type": ["string", "null"]},
            "revisions": {"type": "array", "items": {
                "type": "object", "required": ["at", "text_before", "text_after"],
                "properties": {"at": _WHEN, "text_before": {"type": "string"},
                               "text_after": {"type": "string"}}}},
            "article": {"type": "object", "required": ["id", "url", "title"],
                        "properties": {"id": {"type": "integer"}, "url": {"type": "string"},
                                       "title": {"type": "string"}}},
            "url": {"type": "string", "description": "The correction's public page."},
        },
    },
    "Corrections": {
        "type": "object",
        "required": ["site", "article", "page", "has_next", "corrections"],
        "properties": {
            "site": {"type": "string"},
            "article": {"oneOf": [
                {"type": "null"},
                {"type": "object", "required": ["id", "url", "title"],
                 "properties": {"id": {"type": "integer"}, "url": {"type": "string"},
                                "title": {"type": "string"}}}]},
            "page": {"type": "integer"},
            "has_next": {"type": "boolean"},
            "corrections": {"type": "array",
                            "items": {"$ref": "#/components/schemas/Correction"}},
        },
    },
}
