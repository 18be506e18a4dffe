"""A reference point: the least a Starlette route can do with a report.

Reads the body, parses the JSON and answers 201 with a small JSON body, under the same
server and worker count as copydesk: no validation, no limits, no storage.  What
copydesk adds on top of this is its own cost; what this costs over the bare app is the
framework's.
"""

from __future__ import annotations

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


async def create(request: Request) -> Response:
    orjson.loads(await request.body())
    return Response(orjson.dumps({"id": 1, "group": 1, "duplicate": False}), status_code=201,
                    media_type="application/json")


app = Starlette(routes=[Route("/api/v1/reports", create, methods=["POST"])])
