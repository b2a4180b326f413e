"""Xvid's link options for `GET /files/downloads/` as plain data, and the two answer formats it parses.

The options are the spec's (xvid/__init__.py); `XvidLinkOptions.from_config` gathers them and `query()` turns
them into the contract's parameters (the dotted IPv4 address becomes the 32-bit integer, booleans `true`/`false`,
expiry absolute epoch seconds UTC).
`parse_answer` reads the JSON or XML answer defensively (the vendor's shape is not documented): one URL, or a
list of URLs for an archive.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree

from ... import errors
from ...responses import find_url, is_url, parse_json
from ...sentence import translate
from ..spec import ProviderConfig

FORMATS = ("json", "xml")


@dataclass
class XvidLinkOptions:
    """Every query option of `/files/downloads/`. `None`/False means "not sent" (the server's default)."""

    object_key: str | None = None  # with pipeline_id, instead of a file_id
    pipeline_id: str | None = None
    expiry_time: int | None = None  # absolute, epoch seconds UTC
    redirect: bool = False  # 302 to the file instead of JSON; followed without credentials
    format: str = "json"  # json | xml; both are parsed
    human: bool = False
    streaming: bool = False
    ip: str | None = None  # dotted IPv4, sent as a 32-bit integer
    autograph_tag: str | None = None  # only for files with autograph: true (checked before asking)
    anti_fraud: bool = False
    max_parallel_downloads: int | None = None  # also the client's own limit for archive items

    def validate(self) -> None:
        if self.format not in FORMATS:
            raise errors.ConfigError(
                translate("providers.xvid.links", "Link format must be json or xml, not {format!r}.").format(
                    format=self.format
                )
            )
        if bool(self.object_key) != bool(self.pipeline_id):
            raise errors.ConfigError(
                translate("providers.xvid.links", "An object key needs a pipeline ID, and a pipeline ID an object key.")
            )
        if self.ip:
            ip_to_int(self.ip)
        if self.max_parallel_downloads is not None and self.max_parallel_downloads < 1:
            raise errors.ConfigError(
                translate("providers.xvid.links", "Maximum parallel downloads must be at least 1.")
            )
        if self.expiry_time is not None and self.expiry_time <= 0:
            raise errors.ConfigError(
                translate("providers.xvid.links", "The link expiry must be a moment in the future (epoch seconds).")
            )

    def query(self, file_id: str | None = None, *, include_expiry: bool = True) -> list[tuple[str, str]]:
        """The contract's parameters in a stable order (what is signed is what is sent).

        HMAC signing places `expiry_time` itself (xvid_signing.sign_url), hence `include_expiry=False` there.
        """
        self.validate()
        pairs: list[tuple[str, str]] = []
        if self.object_key:
            pairs += [("object_key", self.object_key), ("pipeline_id", str(self.pipeline_id))]
        elif file_id:
            pairs.append(("file_id", file_id))
        else:
            raise errors.ConfigError(
                translate("providers.xvid.links", "Say which file: a file ID, or an object key with a pipeline ID.")
            )
        if self.format != "json":
            pairs.append(("format", self.format))
        for name in ("human", "streaming", "anti_fraud"):
            if getattr(self, name):
                pairs.append((name, "true"))
        if self.autograph_tag:
            pairs.append(("autograph_tag", self.autograph_tag))
        if self.ip:
            pairs.append(("ip", str(ip_to_int(self.ip))))
        if self.max_parallel_downloads is not None:
            pairs.append(("max_parallel_downloads", str(int(self.max_parallel_downloads))))
        if self.redirect:
            pairs.append(("redirect", "true"))
        if include_expiry and self.expiry_time is not None:
            pairs.append(("expiry_time", str(int(self.expiry_time))))
        return pairs

    @classmethod
    def from_config(cls, config: ProviderConfig) -> XvidLinkOptions:
        """The profile's (or the command line's) link options: the spec's `link_*` and flag options."""
        parallel = config.values.get("max_parallel_downloads")
        expiry = config.values.get("expiry_time")
        return cls(
            object_key=config.text("object_key") or None,
            pipeline_id=config.text("link_pipeline_id") or None,
            expiry_time=expiry if isinstance(expiry, int) and not isinstance(expiry, bool) else None,
            redirect=config.flag("redirect"),
            format=config.text("format") or "json",
            human=config.flag("human"),
            streaming=config.flag("streaming"),
            ip=config.text("ip") or None,
            autograph_tag=config.text("autograph_tag") or None,
            anti_fraud=config.flag("anti_fraud"),
            max_parallel_downloads=parallel if isinstance(parallel, int) and not isinstance(parallel, bool) else None,
        )


def ip_to_int(text: str) -> int:
    """Dotted IPv4 -> unsigned 32-bit integer (ip2long). IPv6 has no form in the contract."""
    try:
        return int(ipaddress.IPv4Address(text.strip()))
    except ValueError:
        raise errors.ConfigError(
            translate(
                "providers.xvid.links", "{text!r} is not an IPv4 address like 192.0.2.10 (Xvid takes IPv4 only)."
            ).format(text=text)
        ) from None


def int_to_ip(value: int) -> str:
    return str(ipaddress.IPv4Address(value))


def parse_expiry(text: str, *, now: float | None = None) -> int:
    """Epoch seconds from `1735689600`, `+3600` (seconds from now) or ISO-8601 (UTC when no zone is given)."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,12}", text):
        return int(text)
    if re.fullmatch(r"\+[0-9]{1,9}", text):
        return int((now if now is not None else datetime.now(UTC).timestamp()) + int(text[1:]))
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise errors.ConfigError(
            translate(
                "providers.xvid.links", "Expiry {text!r}: give epoch seconds, +SECONDS, or an ISO-8601 time."
            ).format(text=text)
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


@dataclass
class DownloadAnswer:
    urls: list[str]
    archive: bool
    name: str | None = None


_URL_KEYS = ("url", "uri", "link", "download_url")


def parse_answer(body: bytes, content_type: str = "") -> DownloadAnswer:
    """A `/files/downloads/` answer (JSON or XML) -> its URL(s)."""
    head = body.lstrip()[:1]
    if "xml" in content_type.lower() or head == b"<":
        return _from_xml(body)
    try:
        payload = parse_json(body, "Xvid", 200)
    except errors.ProtocolError as exc:
        if "not valid JSON" not in exc.message:
            raise
        raise errors.ProtocolError(
            translate("providers.xvid.links", "The Xvid download answer is neither JSON nor XML.")
        ) from None
    return _from_json(payload)


def _from_json(payload: Any) -> DownloadAnswer:
    if isinstance(payload, list):
        return DownloadAnswer([u for u in payload if is_url(u)], True)
    if isinstance(payload, dict) and len(payload) == 1 and isinstance(next(iter(payload.values())), dict):
        payload = next(iter(payload.values()))  # {"download": {...}} / {"file": {...}}
    if not isinstance(payload, dict):
        raise errors.ProtocolError(translate("providers.xvid.links", "The Xvid download answer holds no link."))
    name = payload.get("name") if isinstance(payload.get("name"), str) else None
    for key in ("urls", "links", "files", "items"):
        if isinstance(payload.get(key), list):
            urls = [u if isinstance(u, str) else _first_url(u) for u in payload[key]]
            return DownloadAnswer([u for u in urls if u is not None and is_url(u)], True, name)
    url = _first_url(payload)
    if url is None:
        raise errors.ProtocolError(translate("providers.xvid.links", "The Xvid download answer holds no link."))
    return DownloadAnswer([url], False, name)


def _first_url(value: Any) -> str | None:
    return find_url(value, _URL_KEYS)


def _from_xml(body: bytes) -> DownloadAnswer:
    if re.search(rb"<!(DOCTYPE|ENTITY)", body[:4096], re.I):
        raise errors.ProtocolError(translate("providers.xvid.links", "The Xvid XML answer declares a DTD; refused."))
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise errors.ProtocolError(
            translate("providers.xvid.links", "The Xvid download answer is not well-formed XML.")
        ) from None
    name = root.findtext(".//name")
    lists = [el for el in root.iter() if el.tag in ("urls", "links", "items")]
    if lists:
        urls = [(el.text or "").strip() for el in lists[0].iter() if el is not lists[0]]
        return DownloadAnswer([u for u in urls if is_url(u)], True, name)
    for el in root.iter():
        text = (el.text or "").strip()
        if el.tag in _URL_KEYS and is_url(text):
            return DownloadAnswer([text], False, name)
    urls = [(el.text or "").strip() for el in root.iter() if is_url((el.text or "").strip())]
    if not urls:
        raise errors.ProtocolError(translate("providers.xvid.links", "The Xvid download answer holds no link."))
    return DownloadAnswer(urls[:1], False, name)
