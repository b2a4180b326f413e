"""Where a memories.ai upload stands: the asset the signed URL was for, once storage has taken every byte.

Saved by the queue with the item, so an attempt that is stopped while the asset is processed (a cancel, a quit,
a poll that fails) goes on waiting for the same asset rather than uploading the file a second time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...transfer.send import StoredUpload


@dataclass(frozen=True)
class MemoriesUploadState:
    asset_id: str = ""
    stored: StoredUpload | None = None

    @property
    def partial_file(self) -> str:
        return ""

    def to_json(self) -> dict[str, Any]:
        if self.stored is None:
            return {}
        return {"asset_id": self.asset_id, "stored": self.stored.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MemoriesUploadState:
        """The saved state; anything unreadable counts as nothing saved (the file is sent again)."""
        try:
            if not data.get("stored") or not data.get("asset_id"):
                return cls()
            return cls(str(data["asset_id"]), StoredUpload.from_json(data["stored"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            return cls()
