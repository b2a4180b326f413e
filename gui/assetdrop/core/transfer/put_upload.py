"""Upload one file as the raw body of a PUT to a signed URL (GCS-style), streamed from disk and hashed in one pass.

The signed-URL style of memories.ai uploads when the profile's upload method is PUT; the URL carries its own
signature, so no credential is sent.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from .. import errors
from ..http import HttpClient
from .hashing_reader import HashingReader
from .progress import CancelToken, Meter, Phase, ProgressCallback, report
from .upload import StoredUpload, finish_stored, open_source


def put_file(http: HttpClient, url: str, path: Path, *, progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None, content_type: str = "application/octet-stream") -> StoredUpload:
    path = Path(path)
    with open_source(path) as handle:
        before = os.fstat(handle.fileno())
        meter = Meter(Phase.UPLOADING, before.st_size, progress)
        reader = HashingReader(handle, before.st_size, meter, cancel)
        started = datetime.now(timezone.utc)
        report(progress, Phase.UPLOADING, 0, before.st_size)
        try:
            response = http.request("PUT", url, data=reader, source="storage",
                                    headers={"Content-Type": content_type, "Content-Length": str(before.st_size)})
        except OSError as exc:
            raise errors.LocalFileError(f"Reading {path.name} failed: {exc.strerror or exc}.") from exc
        finally:
            reader.close()  # the hashing thread ends with the request, whatever happened
        response.close()
        return finish_stored(path, handle, before, reader, meter, started, response)
