"""The one exception type the API raises: it carries the HTTP status and the contract's error code.

Endpoints raise it anywhere; the handler turns it into `{"error": {"code", "message"}}` so every failure has the
same shape (docs/sandbox-contract.md, "Error body").
"""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message}}


def missing(*names: str) -> ApiError:
    return ApiError(
        400, "MISSING_MANDATORY_PARAMETERS", ", ".join(names) + (" is" if len(names) == 1 else " are") + " required"
    )


def invalid(message: str) -> ApiError:
    return ApiError(400, "INVALID_PARAMETER", message)


def asset_not_found(asset_id: str) -> ApiError:
    return ApiError(404, "ASSET_NOT_FOUND", f"asset {asset_id[:64]!r} not found")
