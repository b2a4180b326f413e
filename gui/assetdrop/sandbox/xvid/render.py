"""Xvid answers as JSON or XML (`format=`), pretty when `human=true`, and the `{"error": {...}}` shape.

The codes are the ones the vendor documents (docs/providers.md); the XML layout is the sandbox's choice (the
vendor's is not documented): the JSON object's keys become elements, lists repeat their singular element
(`urls` -> `url`), and an answer that is not one object (the flat `{"url": ...}`) sits in `<response>`.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from ..mounts import Reply

INVALID_INPUT = (400, "0x0230001", "Invalid Input")
INVALID_TOKEN = (403, "0x0000003", "Invalid access token")
NOT_FOUND = (404, "0x0230002", "Requested file does not exist")
INTERNAL = (500, "0x0000001", "Internal Error")


class XvidError(Exception):
    def __init__(self, kind: tuple[int, str, str], detail: str = ""):
        status, code, message = kind
        super().__init__(message)
        self.status, self.code = status, code
        self.message = f"{message}: {detail}" if detail else message


def invalid(detail: str) -> XvidError:
    return XvidError(INVALID_INPUT, detail)


def _xml(name: str, value) -> str:
    if isinstance(value, dict):
        return f"<{name}>" + "".join(_xml(k, v) for k, v in value.items()) + f"</{name}>"
    if isinstance(value, list):
        item = name[:-1] if name.endswith("s") else "item"
        return f"<{name}>" + "".join(_xml(item, v) for v in value) + f"</{name}>"
    if value is None:
        return f"<{name}/>"
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return f"<{name}>{escape(text)}</{name}>"


def render(payload: dict, *, fmt: str = "json", human: bool = False, status: int = 200) -> Reply:
    if fmt == "xml":
        single = len(payload) == 1 and isinstance(next(iter(payload.values())), dict)
        ((root, inner),) = payload.items() if single else (("response", payload),)
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + _xml(root, inner)
        if human:
            body = body.replace("><", ">\n<")
        return Reply(status, body.encode("utf-8"), {"Content-Type": "application/xml; charset=utf-8"})
    text = json.dumps(
        payload, ensure_ascii=False, indent=2 if human else None, separators=None if human else (",", ":")
    )
    return Reply(status, text.encode("utf-8"), {"Content-Type": "application/json; charset=utf-8"})


def error_reply(err: XvidError, fmt: str = "json") -> Reply:
    return render({"error": {"error_code": err.code, "error_message": err.message}}, fmt=fmt, status=err.status)
