"""What an Xvid download is called when its storage link sends no Content-Disposition (the vendor's documented
answer is a bare link such as `https://cdn…/test1.mp4?Expires=…`): the link's own file name, else the name the
API gives the file, else its ID. `save_response` prefers Content-Disposition over all of these."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import requests

from ...filenames import filename_from_content_disposition, safe_filename

_FILE_NAME = re.compile(r".*[^.]\.[A-Za-z0-9]{1,10}")  # a name with an extension: `test1.mp4`, not `download`


def name_in_url(url: str) -> str | None:
    """The last path segment of `url` when it looks like a file name (it has an extension), else None."""
    segment = unquote(urlsplit(url or "").path.rsplit("/", 1)[-1], errors="replace")
    name = safe_filename(segment, "")
    return name if name and _FILE_NAME.fullmatch(name) else None


def fallback_name(response: requests.Response, api_name: Callable[[], str | None], last: str) -> str:
    """The name to save under when Content-Disposition gives none; `api_name` is asked only when needed."""
    if filename_from_content_disposition(response.headers.get("content-disposition")):
        return last  # save_response takes the header's name
    found = name_in_url(response.url)
    if found:
        return found
    named = api_name()
    return safe_filename(named, last) if named and named.strip() else last
