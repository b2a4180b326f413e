"""The sandbox's FileSpin API (docs/sandbox-contract.md): a local stand-in for app.filespin.io.

`ApiService` serves it over HTTP next to the S3-compatible StorageService; `assetdrop.sandbox.server.Sandbox`
runs both together.
"""

from .errors import ApiError
from .service import ApiService

__all__ = ["ApiError", "ApiService"]
