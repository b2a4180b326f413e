"""An asset's details as a form (label: value) instead of raw JSON: the fields a person looks for first, then
whatever else the provider sent, each escaped (names and metadata come from the server)."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QCoreApplication

from ..core.providers.base import AssetSummary
from . import locale_format
from .translations import fill

_SHOWN = {"id", "name", "size", "content_type", "upload_time", "checksum", "status"}


def _row(label: str, value: object) -> str:
    return f"<tr><th align='left' valign='top'>{html.escape(label)}</th><td>{html.escape(str(value))}</td></tr>"


def details_html(info: AssetSummary) -> str:
    size = ""
    if info.size is not None:
        size = fill(
            QCoreApplication.translate("AssetDetails", "%1 (%2 bytes)"),
            locale_format.size(info.size),
            locale_format.number(info.size),
        )
    fields = [
        (QCoreApplication.translate("AssetDetails", "Name"), info.name),
        (QCoreApplication.translate("AssetDetails", "Asset ID"), info.asset_id),
        (QCoreApplication.translate("AssetDetails", "Size"), size),
        (QCoreApplication.translate("AssetDetails", "Type"), info.content_type),
        (QCoreApplication.translate("AssetDetails", "Uploaded"), locale_format.api_time(info.uploaded)),
        (QCoreApplication.translate("AssetDetails", "Checksum"), info.checksum),
        (QCoreApplication.translate("AssetDetails", "Status"), info.status),
        (QCoreApplication.translate("AssetDetails", "Renditions"), ", ".join(info.renditions)),
    ]
    rows = [_row(label, value) for label, value in fields if value]
    others = [(k, v) for k, v in sorted(info.raw.items()) if k not in _SHOWN and v not in (None, "", [], {})]
    if others:
        more = html.escape(QCoreApplication.translate("AssetDetails", "More from the provider"))
        rows.append(f"<tr><td colspan='2'><b>{more}</b></td></tr>")
        for key, value in others:
            text = value if isinstance(value, str | int | float | bool) else json.dumps(value, ensure_ascii=False)
            rows.append(_row(key.replace("_", " ").capitalize(), text))
    return f"<table cellspacing='4'>{''.join(rows)}</table>"
