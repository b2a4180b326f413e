"""Search: criteria parsed strictly, matched against registered assets, and kept as paged result sets.

Searching returns only ids, tied to a `search_result_id` the client pages through (docs/providers.md), so a
result set is a snapshot of ids held in memory; the newest 256 are kept, older ones answer `SEARCH_RESULT_NOT_FOUND`.
"""

from __future__ import annotations

import math
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from .assets import Asset
from .errors import ApiError, invalid
from .validate import as_int, parse_time

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_KEYWORDS = 40
SORT_FIELDS = {"upload_time_range": "upload_time", "file_size_range": "size", "file_name": "name"}


@dataclass
class Criteria:
    words: list[str] = field(default_factory=list)
    any_word: bool = False
    file_name: str | None = None
    content_types: list[str] = field(default_factory=list)
    creator_id: int | None = None
    time_range: tuple[float | None, float | None] = (None, None)
    size_range: tuple[int | None, int | None] = (None, None)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (attribute, descending)
    limit: int = DEFAULT_LIMIT

    def matches(self, asset: Asset) -> bool:
        name = asset.name.casefold()
        if self.words:
            hits = (word in name for word in self.words)
            if not (any(hits) if self.any_word else all(hits)):
                return False
        if self.file_name is not None:
            if self.file_name.endswith("*"):
                if not asset.name.startswith(self.file_name[:-1]):
                    return False
            elif asset.name != self.file_name:
                return False
        if self.content_types:
            ctype = asset.content_type.lower()
            if not any(ctype.startswith(p[:-1]) if p.endswith("*") else ctype == p for p in self.content_types):
                return False
        if self.creator_id is not None and self.creator_id != 1:
            return False
        return _within(asset.upload_time, self.time_range) and _within(asset.size, self.size_range)

    def order(self, assets: list[Asset]) -> list[Asset]:
        """Stable multi-key sort; default (and final tie-break) is newest upload first, then newest registration."""
        ordered = sorted(assets, key=lambda a: (a.upload_time, a.seq), reverse=True)
        for attribute, descending in reversed(self.sort):
            ordered.sort(key=lambda a: getattr(a, attribute), reverse=descending)
        return ordered


def _within(value, bounds) -> bool:
    lo, hi = bounds
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _range(value, name: str, convert) -> tuple:
    if not isinstance(value, dict):
        raise invalid(f"{name} must be an object with start and/or end")
    start, end = (None if value.get(k) is None else convert(value[k], f"{name}.{k}") for k in ("start", "end"))
    return start, end


def parse_criteria(body) -> Criteria:
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise invalid("search criteria must be a JSON object")
    crit = Criteria()
    keyword = body.get("keyword")
    if keyword is not None:
        if not isinstance(keyword, str):
            raise invalid("keyword must be a string")
        tokens = keyword.split()
        ops = {t for t in tokens if t in ("AND", "OR")}
        if len(ops) > 1:
            raise invalid("keyword may use OR or AND, not both")
        crit.any_word = ops == {"OR"}
        crit.words = [t.casefold() for t in tokens if t not in ("AND", "OR")]
        if len(crit.words) > MAX_KEYWORDS:
            raise invalid(f"keyword allows at most {MAX_KEYWORDS} words")
    file_name = body.get("file_name")
    if file_name is not None:
        if not isinstance(file_name, str) or not file_name:
            raise invalid("file_name must be a non-empty string")
        crit.file_name = file_name
    ctype = body.get("content_type")
    if ctype is not None:
        if not isinstance(ctype, str):
            raise invalid("content_type must be a string such as 'image* OR video*'")
        crit.content_types = [p.strip().lower() for p in ctype.split(" OR ") if p.strip()]
    if body.get("creator_id") is not None:
        crit.creator_id = as_int(body["creator_id"], "creator_id")
    if body.get("upload_time_range") is not None:
        crit.time_range = _range(
            body["upload_time_range"], "upload_time_range", lambda v, n: parse_time(v, n).timestamp()
        )
    if body.get("file_size_range") is not None:
        crit.size_range = _range(body["file_size_range"], "file_size_range", as_int)
    sort_by = body.get("sort_by")
    if sort_by is not None:
        if isinstance(sort_by, str):
            sort_by = [sort_by]
        if not isinstance(sort_by, list):
            raise invalid("sort_by must be a list such as ['upload_time_range_DESC']")
        for item in sort_by:
            fieldname, _, direction = item.rpartition("_") if isinstance(item, str) else ("", "", "")
            if fieldname not in SORT_FIELDS or direction not in ("ASC", "DESC"):
                raise invalid(f"sort_by entries are <{'|'.join(SORT_FIELDS)}>_<ASC|DESC>, not {str(item)[:80]!r}")
            crit.sort.append((SORT_FIELDS[fieldname], direction == "DESC"))
    if body.get("limit_per_page") is not None:
        crit.limit = as_int(body["limit_per_page"], "limit_per_page", lo=1, hi=MAX_LIMIT)
    return crit


@dataclass(frozen=True)
class ResultSet:
    id: str
    ids: list[str]
    limit: int

    @property
    def total_pages(self) -> int:
        return math.ceil(len(self.ids) / self.limit)

    def page(self, number: int) -> dict:
        """Page `number` (1-based). Page 1 of an empty result is an empty page, not an error."""
        if number < 1 or (number > self.total_pages and number != 1):
            raise ApiError(404, "PAGE_NOT_FOUND", f"page {number} not found; there are {self.total_pages} pages")
        start = (number - 1) * self.limit
        return {
            "result": self.ids[start : start + self.limit],
            "search_result_id": self.id,
            "total_pages": self.total_pages,
            "total_results": len(self.ids),
            "page": number,
            "limit_per_page": self.limit,
        }


class ResultSets:
    """The newest `capacity` result sets, thread-safe (LRU: reading a page refreshes a set)."""

    def __init__(self, capacity: int = 256):
        self._capacity = capacity
        self._sets: OrderedDict[str, ResultSet] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, criteria: Criteria, assets: list[Asset]) -> ResultSet:
        ids = [a.id for a in criteria.order([a for a in assets if criteria.matches(a)])]
        result = ResultSet(uuid.uuid4().hex, ids, criteria.limit)
        with self._lock:
            self._sets[result.id] = result
            while len(self._sets) > self._capacity:
                self._sets.popitem(last=False)
        return result

    def get(self, result_id: str) -> ResultSet:
        with self._lock:
            result = self._sets.get(result_id)
            if result is not None:
                self._sets.move_to_end(result_id)
        if result is None:
            raise ApiError(404, "SEARCH_RESULT_NOT_FOUND", f"search result {result_id[:64]!r} not found or expired")
        return result
