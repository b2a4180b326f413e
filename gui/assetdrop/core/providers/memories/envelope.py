"""memories.ai's JSON error envelope `{code, msg, data, success, failed}`, sometimes sent with HTTP 200, and the
typed error each one stands for (docs/providers.md, "memories.ai")."""

from __future__ import annotations

from typing import Any

from ... import errors
from ...sentence import translate
from ..processing import AssetState, Readiness

LIMIT_MESSAGE = "Request has exceeded the limit."  # a 400 the vendor also sends for rate limiting


def envelope_error(payload: Any, status: int) -> errors.AssetdropError | None:
    """The typed error an envelope stands for, or None when it reports success / is no envelope."""
    if not isinstance(payload, dict) or not ({"code", "msg"} & payload.keys()):
        return None
    failed = payload.get("failed") is True or payload.get("success") is False
    code = payload.get("code")
    if not failed and str(code) in ("200", "0", "0000", "None"):
        return None
    if not failed and "success" not in payload and "failed" not in payload:
        return None
    message = str(payload.get("msg") or "memories.ai reported an error")
    detail = f"{message} (code {code})"
    numeric = int(str(code)) if str(code).isdigit() else status
    if numeric in (401, 403) or str(code) in ("0401", "0403"):
        return errors.AuthError(
            translate("providers.memories.envelope", "The server rejected the API key: {detail}.").format(
                detail=detail
            ),
            status=status,
            code=str(code),
        )
    if numeric == 429 or "exceeded the limit" in message.lower():
        return errors.RateLimited(
            translate("providers.memories.envelope", "memories.ai is limiting requests: {detail}.").format(
                detail=detail
            ),
            status=status,
            code=str(code),
        )
    if numeric >= 500:
        return errors.ServerError(
            translate("providers.memories.envelope", "memories.ai had a problem: {detail}.").format(detail=detail),
            status=status,
            code=str(code),
        )
    return errors.ClientRequestError(detail, status=status, code=str(code))


def state_from_envelope(payload: Any) -> AssetState | None:
    """`WAITING` / `UPLOADING` (processing), `SUCCESS` (ready), `FAILED`: from `data.upload_status` (the word the
    vendor's upload page uses) or `data.status`; None when the answer names no state this client knows."""
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, dict):
        return None
    status = str(data.get("upload_status") or data.get("status") or "").strip().upper()
    if status in ("WAITING", "UPLOADING"):
        return AssetState(Readiness.PROCESSING, status)
    if status == "SUCCESS":
        return AssetState(Readiness.READY, status)
    if status == "FAILED":
        message = data.get("message") or data.get("msg")
        return AssetState(Readiness.FAILED, status, str(message) if message else "memories.ai says to upload it again")
    return None
