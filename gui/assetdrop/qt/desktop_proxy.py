"""The desktop's proxy setting, asked of Qt and handed to core as a plain mapping (core/proxy.py stays Qt-free).

QNetworkProxyFactory.systemProxyForQuery answers what the platform says (Windows' and macOS' settings, libproxy
or the proxy variables on Linux). Core asks it per URL scheme, not per host: a desktop's own exception list is not
carried over (NO_PROXY is). Only HTTP proxies are kept, as core speaks to no other kind.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtNetwork import QNetworkProxy, QNetworkProxyFactory, QNetworkProxyQuery

from ..core import proxy

PROBE_HOST = "assetdrop.invalid"  # a name no exception list holds, so the answer is the proxy for the internet


def desktop_proxies() -> dict[str, str]:
    """{"http": "http://host:port", "https": ...} for the schemes the desktop sends through an HTTP proxy."""
    found: dict[str, str] = {}
    for scheme in proxy.SCHEMES:
        answers = QNetworkProxyFactory.systemProxyForQuery(QNetworkProxyQuery(QUrl(f"{scheme}://{PROBE_HOST}/")))
        for answer in answers:
            if answer.type() == QNetworkProxy.ProxyType.NoProxy:
                break
            if answer.type() == QNetworkProxy.ProxyType.HttpProxy and answer.hostName():
                found[scheme] = f"http://{answer.hostName()}:{answer.port() or 8080}"
                break
    return found


def hand_to_core() -> dict[str, str]:
    """Ask once (the window calls this at start) and give core the answer."""
    found = desktop_proxies()
    proxy.set_desktop_proxies(found)
    return found
