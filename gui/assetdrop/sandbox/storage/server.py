"""`StorageService`: the S3-compatible bucket on loopback, with its server, object store, keys, presigning and log.

Only what the Assetdrop client uses is implemented, the way S3 does it: browser POST uploads with SigV4 and V2
policies (`/<bucket>`), query-signed PUT/POST object uploads, presigned (or header-signed) GET/HEAD of objects with
Range and response-* overrides, and S3's XML errors for everything else. Uploads stream to disk; downloads go out
with `socket.sendfile`. The request handling lives in handler.py and the modules it routes to.
"""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from ..httpserver import BackgroundServer
from . import credentials, post_policy
from .handler import StorageHandler
from .objects import ObjectInfo, ObjectStore
from .request_log import RequestLog, RequestRecord

__all__ = ["RequestRecord", "StorageHandler", "StorageService"]


class StorageService(BackgroundServer):
    """An S3-compatible bucket on loopback, with its own generated credentials, persisted under `root`."""

    def __init__(
        self,
        root: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bucket: str = "assetdrop-sandbox",
        region: str = "us-east-1",
    ):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.bucket = bucket
        self.region = region
        self._store = ObjectStore(self.root)
        self.access_key, self.secret_key = credentials.load_or_create(self.root)
        self._requests = RequestLog()
        self._client = None
        self._client_lock = threading.Lock()
        self._public_endpoint: str | None = None
        super().__init__(StorageHandler, host, port)

    # -- identity -------------------------------------------------------------------------------------------------
    def _secret_for(self, access_key: str) -> str | None:
        return self.secret_key if access_key == self.access_key else None

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    @property
    def endpoint(self) -> str:
        """The address signed into presigned URLs: this server's, or `public_endpoint` when a proxy fronts it."""
        return self.public_endpoint or self.url

    @property
    def public_endpoint(self) -> str | None:
        return self._public_endpoint

    @public_endpoint.setter
    def public_endpoint(self, value: str | None) -> None:
        with self._client_lock:
            self._public_endpoint = value
            self._client = None  # re-created for the new address

    # -- presigning (botocore, exactly what AWS clients would produce) --------------------------------------------
    @property
    def client(self):
        with self._client_lock:
            if self._client is None:
                import botocore.config
                import botocore.session

                self._client = botocore.session.get_session().create_client(
                    "s3",
                    endpoint_url=self.endpoint,
                    region_name=self.region,
                    aws_access_key_id=self.access_key,
                    aws_secret_access_key=self.secret_key,
                    config=botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"}),
                )
            return self._client

    def presign_post(self, key: str, *, expires_in: int, max_size: int, min_size: int = 0) -> dict:
        return self.client.generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Fields={"key": key},
            Conditions=[{"bucket": self.bucket}, ["eq", "$key", key], ["content-length-range", min_size, max_size]],
            ExpiresIn=expires_in,
        )

    def presign_post_v2(
        self, key: str, *, expires_in: int, max_size: int, fields: dict[str, str] | None = None, min_size: int = 0
    ) -> dict:
        """A signature-V2 browser POST (`AWSAccessKeyId`, `policy`, `signature`), as Xvid's upload sessions send.

        Every given field is pinned in the policy with `eq`, so the client must send them back unchanged.
        """
        form = {"key": key, **(fields or {})}
        expiration = datetime.now(UTC).timestamp() + expires_in
        conditions = [
            {"bucket": self.bucket},
            *(["eq", f"${name}", value] for name, value in form.items()),
            ["content-length-range", min_size, max_size],
        ]
        policy = base64.b64encode(
            json.dumps(
                {
                    "expiration": datetime.fromtimestamp(expiration, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "conditions": conditions,
                }
            ).encode("utf-8")
        ).decode("ascii")
        form.update(
            {
                "AWSAccessKeyId": self.access_key,
                "policy": policy,
                "signature": post_policy.v2_signature(self.secret_key, policy),
            }
        )
        return {"url": f"{self.endpoint}/{self.bucket}/", "fields": form}

    def presign_upload(self, key: str, *, expires_in: int, method: str = "PUT") -> str:
        """A query-signed URL that accepts one upload of `key` by `method` (PUT raw body, or POST with `file`)."""
        return self.client.generate_presigned_url(
            "put_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=expires_in, HttpMethod=method.upper()
        )

    def presign_get(
        self, key: str, *, expires_in: int, content_disposition: str | None = None, content_type: str | None = None
    ) -> str:
        params = {"Bucket": self.bucket, "Key": key}
        if content_disposition is not None:
            params["ResponseContentDisposition"] = content_disposition
        if content_type is not None:
            params["ResponseContentType"] = content_type
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_in)

    # -- objects --------------------------------------------------------------------------------------------------
    def stat(self, key: str) -> ObjectInfo | None:
        return self._store.stat(key)

    def open(self, key: str):
        return self._store.open(key)

    def put_object(self, key: str, data: bytes, content_type: str) -> ObjectInfo:
        """Store an object the service itself makes (the API's renditions), as a finished upload would."""
        with self._store.new_upload() as upload:
            upload.write(bytes(data))
            return upload.commit(key, content_type)

    # -- request log ----------------------------------------------------------------------------------------------
    def _record(self, record: RequestRecord) -> None:
        self._requests.append(record)

    @property
    def received(self) -> list[RequestRecord]:
        return self._requests.snapshot()
