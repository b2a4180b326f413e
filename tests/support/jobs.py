"""A `Job` as the queue would give one to a provider: with saved state, and a list of what the provider saves."""

from __future__ import annotations

import json
from typing import Any

from assetdrop.core.transfer.job import Job


def resumable(state: dict[str, Any] | None = None, **kwargs: Any) -> tuple[Job, list[dict[str, Any]]]:
    saves: list[dict[str, Any]] = []
    job = Job(state=json.dumps(state) if state else "", save_state=lambda s: saves.append(s.to_json()), **kwargs)
    return job, saves
