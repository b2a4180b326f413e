"""memories.ai endpoints: signed-URL upload, the direct binary `GET /{asset_id}/download`, an asset's state.

Auth is the raw key in `Authorization` (no `Bearer`). Errors use the vendor envelope
`{code, msg, data: null, success: false, failed: true}` with the HTTP status equal to `code`, and "asset not found"
is a 400 as the vendor documents. Switch `error_with_status_200` makes errors arrive with HTTP 200, the case a
client must still tell apart from a file. The signed upload URL is the shared storage's query-signed URL for the
method in `upload_method` (the vendor's sample POSTs a form with `file`; GCS would expect PUT).

An asset goes through the vendor's states: `WAITING` until its bytes are stored, `UPLOADING` for
`processing_delay` seconds from when the sandbox first sees them, then `SUCCESS` (or `FAILED`, switch
`failure_message`); only a `SUCCESS` asset downloads (the `not_ready_download` switch can serve it anyway). The
state is read at `GET /{asset_id}/status`, a path the vendor's pages do not give (inferred, docs/providers.md).
Requests over `rate_limit` a second are refused with 429, or with the vendor's 400 "Request has exceeded the
limit." (switch `limit_status = 400`).
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
import time
from collections import deque
from pathlib import Path

from ..api import naming
from ..api.download import plan
from ..mounts import MountRequest, Reply
from ..ratelimit import RateLimit

PREFIX = "/serve/api/v2/"
SIGNED_URL_SECONDS = 93600
LIMIT_MESSAGE = "Request has exceeded the limit."


class MemoriesError(Exception):
    def __init__(self, status: int, msg: str):
        super().__init__(msg)
        self.status, self.msg = status, msg


def envelope(code: int, msg: str, data=None, ok: bool = False) -> dict:
    return {"code": code, "msg": msg, "data": data, "success": ok, "failed": not ok}


class MemoriesApi:
    prefix = PREFIX

    def __init__(self, storage, data_dir: Path, *, api_key: str, rate_limits: bool = True):
        self.storage = storage
        self.api_key = api_key
        self.path = Path(data_dir) / "memories.json"
        self.lock = threading.Lock()
        try:
            self.assets: dict[str, dict] = json.loads(self.path.read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            self.assets = {}
        self.requests: deque[dict] = deque(maxlen=1000)
        self.error_with_status_200 = False  # switch
        self.upload_method = "POST"  # switch: the method the signed upload URL is signed for
        self.processing_delay = 0.3  # switch: seconds an uploaded asset stays UPLOADING
        self.failure_message: str | None = None  # switch: assets first seen from now on end FAILED
        self.not_ready_download = "refuse"  # switch: "serve" downloads assets that are not SUCCESS (inferred)
        self.rate_limit = RateLimit(10, 1.0, enabled=rate_limits)  # the vendor documents no numbers
        self.limit_status = 429  # switch: 400 answers "Request has exceeded the limit." instead

    def error_reply(self, status: int, message: str) -> Reply:
        return self._json(status, envelope(status, message))

    def _json(self, status: int, payload: dict) -> Reply:
        if not payload.get("success", True) and self.error_with_status_200:
            status = 200
        return Reply(status, json.dumps(payload).encode("utf-8"), {"Content-Type": "application/json"})

    def handle(self, req: MountRequest):
        with self.lock:
            self.requests.append({"method": req.method, "target": req.target, "headers": dict(req.headers.items())})
        try:
            self._auth(req)
            if not self.rate_limit.allow("account"):
                raise MemoriesError(
                    int(self.limit_status), LIMIT_MESSAGE if int(self.limit_status) == 400 else "Too many requests"
                )
            tail = req.path[len(PREFIX) :].rstrip("/")
            if tail == "upload/signed-url":
                if req.method != "POST":
                    raise MemoriesError(405, "Method not allowed")
                return self.signed_url(req.body)
            match = re.fullmatch(r"([^/]+)/(download|status)", tail)
            if match:
                if req.method not in ("GET", "HEAD"):
                    raise MemoriesError(405, "Method not allowed")
                if match[2] == "status":
                    return self.status_reply(match[1])
                return self.download(match[1])
            raise MemoriesError(404, "Not found")
        except MemoriesError as err:
            return self._json(err.status, envelope(err.status, err.msg))

    def _auth(self, req: MountRequest) -> None:
        given = req.headers.get("Authorization", "")
        if not given or not hmac.compare_digest(given.encode("utf-8", "replace"), self.api_key.encode("utf-8")):
            raise MemoriesError(401, "Invalid API key" if given else "API key is required")

    def signed_url(self, body: bytes) -> Reply:
        try:
            name = json.loads(body.decode("utf-8"))["original_filename"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise MemoriesError(400, "original_filename is required") from None
        if not isinstance(name, str) or not name.strip() or len(name) > 1024:
            raise MemoriesError(400, "original_filename is required")
        asset_id = "re_" + str(secrets.randbelow(9 * 10**17) + 10**17)
        key = f"memories/{asset_id}/{naming.storage_name(name)}"
        url = self.storage.presign_upload(key, expires_in=SIGNED_URL_SECONDS, method=self.upload_method)
        with self.lock:
            self.assets[asset_id] = {"name": naming.base_name(name), "key": key, "created": time.time()}
            self._save()
        data = {"asset_id": asset_id, "signed_url": url, "expires_in": SIGNED_URL_SECONDS}
        return self._json(200, envelope(200, "success", data, ok=True))

    def _save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.assets), "utf-8")
        tmp.replace(self.path)

    def state(self, asset_id: str) -> str:
        """WAITING, UPLOADING, SUCCESS or FAILED; MemoriesError 400 for an unknown asset."""
        with self.lock:
            asset = self.assets.get(asset_id)
            if asset is None:
                raise MemoriesError(400, "Asset not found")
            if "seen" not in asset:
                if self.storage.stat(asset["key"]) is None:
                    return "WAITING"
                asset["seen"] = time.time()
                asset["outcome"] = "FAILED" if self.failure_message else "SUCCESS"
                asset["message"] = self.failure_message or ""
                self._save()
            if time.time() < asset["seen"] + float(self.processing_delay):
                return "UPLOADING"
            return asset.get("outcome", "SUCCESS")

    def status_reply(self, asset_id: str) -> Reply:
        status = self.state(asset_id)
        data = {"asset_id": asset_id, "upload_status": status}
        if status == "FAILED" and self.assets[asset_id].get("message"):
            data["message"] = self.assets[asset_id]["message"]
        return self._json(200, envelope(200, "success", data, ok=True))

    def download(self, asset_id: str):
        status = self.state(asset_id)
        asset = self.assets[asset_id]
        if status != "SUCCESS" and self.not_ready_download != "serve":
            raise MemoriesError(400, "Asset not found" if status == "WAITING" else f"Asset is not ready ({status})")
        info = self.storage.stat(asset["key"])
        if info is None:
            raise MemoriesError(400, "Asset not found")
        # The vendor documents no Range for this download (docs/providers.md): a Range or If-Range is ignored
        # (200, the whole file) and Accept-Ranges is not advertised, so clients see what the contract promises.
        answer = plan(
            info,
            range_header=None,
            content_type=naming.content_type(asset["name"]),
            disposition=naming.content_disposition(asset["name"]),
        )
        answer.headers.pop("Accept-Ranges", None)
        return answer
