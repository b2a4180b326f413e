"""Xvid endpoints: OAuth2 token, `/files/downloads/` (Bearer or HMAC-signed URL), three-step upload, file data.

The HMAC check is the vendor's (docs/providers.md), done independently of the client: the message is the request
target exactly as it arrived, up to `&signature=` (which must be last); key = base64-decoded client_secret;
HMAC-SHA256, hex.
Every request is recorded (`requests`) so tests can assert what arrived on the server side.

`/files/downloads/` answers as the vendor's page shows it: a flat `{"url": ...}` whose storage link sends no
Content-Disposition (its path ends in the file's name). Switches: `answer_shape = "wrapped"` gives the richer
`{"download": {file_id, name, expiry_time, url}}`, `link_disposition = True` storage links that name the file.
Answers are XML with `format=xml`, or with `Accept: application/xml` when no `format` is given.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import parse_qsl

from ..api import naming
from ..mounts import MountRequest, Reply
from . import render
from .render import INTERNAL, INVALID_TOKEN, NOT_FOUND, XvidError, invalid
from .state import XvidState, new_id, now_ms

log = logging.getLogger("assetdrop.sandbox.xvid")

PREFIX = "/v1/"
TOKEN_LIFETIME = 7200
UPLOAD_URL_EXPIRY = 86400
MAX_LINK_SECONDS = 7 * 24 * 3600  # the storage's presigned GETs cannot live longer
DEFAULT_LINK_SECONDS = 3600
_BOOL = {"true": True, "1": True, "false": False, "0": False}


class XvidApi:
    prefix = PREFIX

    def __init__(
        self,
        storage,
        data_dir: Path,
        *,
        client_id: str,
        client_secret: str,
        base_url=lambda: "",
        max_upload_size: int = 5 * 1024**3,
    ):
        self.storage = storage
        self.client_id = client_id
        self.client_secret = client_secret
        self.base_url = base_url  # callable: the API's URL once bound (for `file.uri`)
        self.max_upload_size = max_upload_size
        self.state = XvidState(Path(data_dir) / "xvid.json")
        self.requests: deque[dict] = deque(maxlen=1000)
        self._requests_lock = threading.Lock()
        self.force_error: tuple[int, str, str] | None = None  # switch: answer every API call with this error
        self.answer_shape = "flat"  # switch: "wrapped" answers {"download": {...}} (the sandbox's older shape)
        self.link_disposition = False  # switch: storage links send Content-Disposition with the file's name

    # -- switches for tests ----------------------------------------------------------------------------------
    def set_autograph(self, file_id: str, enabled: bool = True) -> None:
        with self.state.lock:
            self.state.files[file_id]["autograph"] = bool(enabled)
            self.state.save()

    def make_archive(self, name: str, file_ids: list[str]) -> str:
        for file_id in file_ids:
            if file_id not in self.state.files:
                raise KeyError(file_id)
        record = {
            "id": new_id(),
            "name": name,
            "type": "archive",
            "items": list(file_ids),
            "size": 0,
            "mime_type": "application/x-archive",
            "autograph": False,
            "created_at": now_ms(),
        }
        self.state.add_file(record)
        return record["id"]

    # -- mount interface -------------------------------------------------------------------------------------
    def error_reply(self, status: int, message: str) -> Reply:
        kind = {400: render.INVALID_INPUT, 403: INVALID_TOKEN, 404: NOT_FOUND}.get(status, INTERNAL)
        err = XvidError(kind)
        err.status, err.message = status, message
        return render.error_reply(err)

    def handle(self, req: MountRequest):
        query = req.query
        fmt = query.get("format") if query.get("format") in ("json", "xml") else _accepted(req)
        with self._requests_lock:
            self.requests.append(
                {
                    "method": req.method,
                    "target": req.target,
                    "path": req.path,
                    "query": query,
                    "headers": dict(req.headers.items()),
                }
            )
        try:
            if self.force_error is not None:
                raise XvidError(self.force_error)
            if "format" not in query:
                query["format"] = _accepted(req)  # format= overrides Accept
            return self._route(req, query)
        except XvidError as err:
            return render.error_reply(err, fmt)

    def _route(self, req: MountRequest, query: dict):
        path = req.path.rstrip("/")
        if path == "/v1/oauth2/token":
            return self._only(req, "POST") or self.token(req)
        if path == "/v1/files/downloads":
            return self._only(req, "GET") or self.downloads(req, query)
        if path == "/v1/files/uploads":
            self._bearer(req)
            return self._only(req, "POST") or self.create_upload(query)
        match = re.fullmatch(r"/v1/files/uploads/([^/]+)", path)
        if match:
            self._bearer(req)
            return self._only(req, "PUT") or self.finish_upload(match[1], req.body)
        if path == "/v1/files":
            self._bearer(req)
            return self._only(req, "GET") or self.list_files(query)
        match = re.fullmatch(r"/v1/files/([^/]+)", path)
        if match:
            self._bearer(req)
            return self._only(req, "GET") or render.render(
                {"file": self._file_data(self._file(match[1]))}, fmt=self._fmt(query), human=_bool(query, "human")
            )
        raise XvidError(NOT_FOUND, f"no endpoint at {path[:200]!r}")

    @staticmethod
    def _only(req: MountRequest, method: str):
        if req.method != method:
            raise invalid(f"{req.method[:10]} is not allowed here; use {method}")
        return None

    # -- auth ------------------------------------------------------------------------------------------------
    def token(self, req: MountRequest) -> Reply:
        form = dict(parse_qsl(req.body.decode("utf-8", "replace"), keep_blank_values=True))
        form = {**req.query, **form}
        if form.get("grant_type") != "client_credential":
            raise invalid("grant_type must be client_credential")
        given_id, given_secret = form.get("client_id", ""), form.get("client_secret", "")
        if not (
            hmac.compare_digest(given_id.encode(), self.client_id.encode())
            and hmac.compare_digest(given_secret.encode(), self.client_secret.encode())
        ):
            raise XvidError((403, "0x0000004", "Invalid client credentials"))
        lifetime = TOKEN_LIFETIME
        if form.get("expires_in"):
            lifetime = _int(form, "expires_in", lo=1, hi=30 * 86400)
        return render.render({"access_token": self.state.issue_token(lifetime), "expires_in": str(lifetime)})

    def _bearer(self, req: MountRequest) -> None:
        header = req.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token or not self.state.token_valid(token.strip()):
            raise XvidError(INVALID_TOKEN)

    def _hmac(self, req: MountRequest) -> None:
        target = req.target
        marker = target.rfind("&signature=")
        if marker < 0:
            raise XvidError(INVALID_TOKEN, "a signed URL needs a signature parameter")
        message, signature = target[:marker], target[marker + len("&signature=") :]
        if not re.fullmatch(r"[0-9a-fA-F]{64}", signature):
            raise XvidError(INVALID_TOKEN, "signature must be the last parameter, 64 hex digits")
        query = dict(parse_qsl(message.partition("?")[2], keep_blank_values=True))
        if query.get("client_id") != self.client_id:
            raise XvidError(INVALID_TOKEN, "unknown client_id")
        expiry = query.get("expiry_time", "")
        if not expiry.isdigit():
            raise XvidError(INVALID_TOKEN, "a signed URL needs expiry_time (epoch seconds)")
        try:
            key = base64.b64decode(self.client_secret, validate=True)
        except binascii.Error:
            raise XvidError(INTERNAL, "the sandbox's client_secret is not base64") from None
        expected = hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature.lower()):
            raise XvidError(INVALID_TOKEN, "signature does not match")
        if int(expiry) <= time.time():
            raise XvidError(INVALID_TOKEN, "the signed URL has expired")
        if query.get("multi_use", "true").lower() == "false" and not self.state.use_signature(expected):
            raise XvidError(INVALID_TOKEN, "this single-use link was already used")

    # -- downloads -------------------------------------------------------------------------------------------
    def downloads(self, req: MountRequest, query: dict):
        if "signature" in query:
            self._hmac(req)
        else:
            self._bearer(req)
        fmt, human = self._fmt(query), _bool(query, "human")
        redirect, streaming = _bool(query, "redirect"), _bool(query, "streaming")
        _bool(query, "anti_fraud"), _bool(query, "multi_use", True)
        if "ip" in query:
            _int(query, "ip", lo=0, hi=2**32 - 1)
        if "max_parallel_downloads" in query:
            _int(query, "max_parallel_downloads", lo=1, hi=1000)
        now = time.time()
        seconds = DEFAULT_LINK_SECONDS
        if "expiry_time" in query:
            expiry = _int(query, "expiry_time", lo=0, hi=2**63)
            if expiry <= now:
                raise invalid("expiry_time is in the past")
            seconds = max(1, min(MAX_LINK_SECONDS, int(expiry - now)))
        if query.get("file_id"):
            record = self._file(query["file_id"])
        elif query.get("object_key") and query.get("pipeline_id"):
            record = self.state.find(object_key=query["object_key"], pipeline_id=query["pipeline_id"])
            if record is None:
                raise XvidError(NOT_FOUND)
        else:
            raise invalid("file_id, or object_key with pipeline_id, is required")
        if "autograph_tag" in query and not record.get("autograph"):
            raise invalid("autograph_tag is only allowed for files with autograph enabled")
        answer = {"file_id": record["id"], "name": record["name"], "expiry_time": int(now + seconds)}
        if record.get("type") == "archive":
            if redirect:
                raise invalid("redirect is not possible for an archive (it has several URLs)")
            answer["urls"] = [self._link(self._file(item), seconds, streaming) for item in record["items"]]
        else:
            url = self._link(record, seconds, streaming)
            if redirect:
                return Reply(302, b"", {"Location": url})
            answer["url"] = url
        if self.answer_shape == "wrapped":
            return render.render({"download": answer}, fmt=fmt, human=human)
        flat = {key: answer[key] for key in ("url", "urls") if key in answer}
        return render.render(flat, fmt=fmt, human=human)

    def _link(self, record: dict, seconds: int, streaming: bool) -> str:
        if self.storage.stat(record["key"]) is None:
            raise XvidError(NOT_FOUND, f"the content of file {record['id']} is missing from storage")
        disposition = None
        if self.link_disposition:
            disposition = naming.content_disposition(record["name"], inline=streaming)
        return self.storage.presign_get(
            record["key"], expires_in=seconds, content_type=record["mime_type"], content_disposition=disposition
        )

    # -- uploads ---------------------------------------------------------------------------------------------
    def create_upload(self, query: dict) -> Reply:
        object_key, pipeline_id = query.get("object_key", ""), query.get("pipeline_id", "")
        if not object_key or not pipeline_id:
            raise invalid("object_key and pipeline_id are required")
        parts = object_key.split("/")
        if object_key.startswith("/") or any(p in ("", ".", "..") for p in parts) or len(object_key) > 900:
            raise invalid("object_key must be a relative path without empty, '.' or '..' segments")
        if "ip" in query:
            _int(query, "ip", lo=0, hi=2**32 - 1)
        if "expires_at" in query:
            _int(query, "expires_at", lo=0, hi=2**63)
        name = parts[-1]
        upload_id, file_id = new_id(), new_id()
        key = f"xvid/{naming.storage_name(pipeline_id)}/{upload_id}/{naming.link_name(name)}"
        post = self.storage.presign_post_v2(
            key,
            expires_in=UPLOAD_URL_EXPIRY,
            max_size=self.max_upload_size,
            fields={
                "name": name,
                "success_action_status": "201",
                "filename": "",
                "chunk": "0",
                "chunks": "1",
                "acl": "private",
            },
        )
        upload = {
            "form_post_params": post["fields"],
            "form_post_url": post["url"],
            "status": "UPLOADING",
            "nb_chunks": 0,
            "storage_type": "S3",
            "object_key": object_key,
            "pipeline": {"id": pipeline_id},
            "file": {"id": file_id},
            "id": upload_id,
        }
        with self.state.lock:
            self.state.uploads[upload_id] = {**upload, "key": key, "name": name}
            self.state.save()
        return render.render({"upload": upload})

    def finish_upload(self, upload_id: str, body: bytes) -> Reply:
        try:
            payload = json.loads(body.decode("utf-8"))
            nb_chunks = payload["upload"]["nb_chunks"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise invalid('body must be {"upload": {"nb_chunks": <int>}}') from None
        if isinstance(nb_chunks, bool) or not isinstance(nb_chunks, int) or nb_chunks < 1:
            raise invalid("nb_chunks must be a positive integer")
        with self.state.lock:
            upload = self.state.uploads.get(upload_id)
            if upload is None:
                raise XvidError(NOT_FOUND, f"no upload {upload_id[:64]!r}")
            info = self.storage.stat(upload["key"])
            if info is None:
                raise invalid("no bytes were stored for this upload")
            upload.update(status="COMPLETING", nb_chunks=nb_chunks)
            pipeline = upload["pipeline"]["id"]
            self.state.files[upload["file"]["id"]] = {
                "id": upload["file"]["id"],
                "name": upload["name"],
                "type": "file",
                "size": info.size,
                "md5_checksum": info.md5.lower(),
                "mime_type": naming.content_type(upload["name"]),
                "autograph": False,
                "pipeline_id": pipeline,
                "object_key": upload["object_key"],
                "key": upload["key"],
                "created_at": now_ms(),
            }
            self.state.save()
        public = {k: v for k, v in upload.items() if k not in ("key", "name")}
        return render.render({"upload": public})

    # -- files -----------------------------------------------------------------------------------------------
    def _file(self, file_id: str) -> dict:
        record = self.state.find(file_id=file_id)
        if record is None:
            raise XvidError(NOT_FOUND)
        return record

    def _file_data(self, record: dict) -> dict:
        created = record.get("created_at", 0)
        data = {
            "id": record["id"],
            "name": record["name"],
            "title": record["name"],
            "type": record.get("type"),
            "subtype": None,
            "size": record.get("size", 0),
            "md5_checksum": record.get("md5_checksum"),
            "mime_type": record.get("mime_type"),
            "autograph": bool(record.get("autograph")),
            "pipeline": {"id": record.get("pipeline_id")},
            "object_key": record.get("object_key"),
            "uri": f"{self.base_url()}/v1/files/downloads/?file_id={record['id']}",
            "created_at": created,
            "updated_at": created,
            "expires_at": None,
        }
        if record.get("type") == "archive":
            data["items"] = list(record.get("items", []))
        return data

    def list_files(self, query: dict) -> Reply:
        start = _int(query, "start", lo=0, hi=2**31) if "start" in query else 0
        limit = _int(query, "limit", lo=1, hi=5000) if "limit" in query else 1000
        with self.state.lock:
            records = sorted(self.state.files.values(), key=lambda r: r.get("created_at", 0), reverse=True)
        types = set(query["type"].split(",")) if query.get("type") else None
        records = [r for r in records if types is None or r.get("type") in types]
        page = [self._file_data(r) for r in records[start : start + limit]]
        return render.render(
            {"files": page, "total": len(records), "start": start, "limit": limit},
            fmt=self._fmt(query),
            human=_bool(query, "human"),
        )

    @staticmethod
    def _fmt(query: dict) -> str:
        """`format=` when given (it overrides Accept, as the vendor's manual says), else what Accept asked for."""
        fmt = query.get("format", "json")
        if fmt not in ("json", "xml"):
            raise invalid("format must be json or xml")
        return fmt


def _accepted(req: MountRequest) -> str:
    """ "xml" when the Accept header prefers XML to JSON, else "json"."""
    accept = req.headers.get("Accept", "").lower()
    xml, json_ = accept.find("xml"), accept.find("json")
    return "xml" if xml >= 0 and (json_ < 0 or xml < json_) else "json"


def _bool(query: dict, name: str, default: bool = False) -> bool:
    if name not in query:
        return default
    value = _BOOL.get(query[name].lower())
    if value is None:
        raise invalid(f"{name} must be true or false")
    return value


def _int(query: dict, name: str, *, lo: int, hi: int) -> int:
    raw = query[name]
    if not re.fullmatch(r"[0-9]{1,20}", raw) or not lo <= int(raw) <= hi:
        raise invalid(f"{name} must be an integer from {lo} to {hi}")
    return int(raw)
