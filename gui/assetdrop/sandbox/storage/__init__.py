"""The sandbox's own S3-compatible storage: browser POST uploads (SigV4 and V2), presigned PUT/POST object uploads
and presigned GETs with ranges and conditions, verified the way S3 does.

No server on offer was both light and strict (docs/sandbox-contract.md, Storage), so this one is ours; its behaviour is
checked case by case against LocalStack in tests/integration/test_s3_conformance.py.
"""

from .objects import ObjectInfo
from .server import RequestRecord, StorageService

__all__ = ["ObjectInfo", "RequestRecord", "StorageService"]
