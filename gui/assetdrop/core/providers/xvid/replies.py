"""How Xvid answers: JSON by default, XML with `format=xml` (or `Accept: application/xml`), and an
`{"error": {...}}` / `<error>` body that is an error even with status 200 (docs/providers.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import requests

from ... import errors
from ...responses import MAX_JSON_BYTES, json_error_fields, parse_json, read_limited, s3_error_fields
from ...sentence import translate
from ..base import AssetSummary


def raise_if_error(body: bytes, response: requests.Response) -> None:
    head = body.lstrip()[:200]
    code = message = None
    if head.startswith(b"{"):
        try:
            payload = parse_json(body, "Xvid", response.status_code)
        except errors.ProtocolError:
            return  # not an error envelope; the caller says what is wrong with it
        if isinstance(payload, dict) and isinstance(payload.get("error"), dict | str):
            code, message = json_error_fields(payload)
    elif head.startswith(b"<") and b"<error" in body[:400]:
        code, message = s3_error_fields(body)
    if code or message:
        raise errors.ClientRequestError(
            f"{message or 'Xvid reported an error'} (HTTP {response.status_code}{', ' + code if code else ''})",
            status=response.status_code,
            code=code,
        )


def json_payload(response: requests.Response) -> Any:
    body = read_limited(response, MAX_JSON_BYTES)
    raise_if_error(body, response)
    return parse_json(body, "Xvid", response.status_code)


def summary_from_file(data: Any) -> AssetSummary:
    if not isinstance(data, dict):
        raise errors.ProtocolError(translate("providers.xvid.replies", "The Xvid file answer is not a JSON object."))
    created = data.get("created_at")
    uploaded = ""
    if isinstance(created, int | float) and not isinstance(created, bool) and 0 < created < 1e15:  # epoch ms
        uploaded = datetime.fromtimestamp(created / 1000, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    size = data.get("size")
    return AssetSummary(
        asset_id=str(data.get("id", "")),
        name=str(data.get("name") or data.get("title") or ""),
        size=size if isinstance(size, int) and not isinstance(size, bool) else None,
        content_type=str(data.get("mime_type") or ""),
        uploaded=uploaded,
        checksum=str(data.get("md5_checksum") or ""),
        status=str(data.get("type") or ""),
        raw=data,
    )
