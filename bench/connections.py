"""New connections (each a TCP handshake, and over https a full TLS handshake) per 1,000 small uploads: direct
and through a real proxy (tinyproxy), over http and over https (TLS fronts with a CA made here, verified).

One worker uploads FILES x 16 KiB files (three steps each) to the sandbox, rate limits off; urllib3's "Starting new
HTTP(S) connection" log records are counted (the same counter as tests/integration/test_connections.py). Figures
go to docs/performance.md, "Connections". Prints figures, asserts nothing. Needs tinyproxy (make system-deps).
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the proxy and the TLS fronts live in tests/support/, where the tests use them too

from assetdrop.core.http import HttpClient  # noqa: E402
from assetdrop.core.providers.registry import connect  # noqa: E402
from assetdrop.core.proxy import MANUAL, NONE, ProxyChoice  # noqa: E402
from assetdrop.sandbox.server import Sandbox  # noqa: E402
from tests.conftest import write_file  # noqa: E402
from tests.support.malicious_server import TestPKI  # noqa: E402
from tests.support.proxy_servers import Tap, Tinyproxy  # noqa: E402

FILES = 200


class NewConnections(logging.Handler):
    count = 0

    def emit(self, record: logging.LogRecord) -> None:
        NewConnections.count += record.getMessage().startswith("Starting new HTTP")


def run(label: str, files: list[Path], url: str, key: str, **client: object) -> None:
    NewConnections.count = 0
    with HttpClient(**client) as http:  # type: ignore[arg-type]
        provider = connect("filespin", http, url, key)
        for path in files:
            provider.upload(path)
    per = NewConnections.count * 1000 / len(files)
    print(f"{label:<40} {NewConnections.count:>4} new connections for {len(files)} files = {per:.0f} per 1,000")


def main() -> None:
    logger = logging.getLogger("urllib3.connectionpool")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(NewConnections())
    folder = Path(tempfile.mkdtemp(prefix="assetdrop-connections-"))
    files = []
    for index in range(FILES):
        path = folder / f"small-{index}.bin"
        write_file(path, 16 * 1024, seed=index)
        files.append(path)
    pki = TestPKI(folder / "pki")
    leaf = pki.leaf("front")
    with Tinyproxy(folder / "tinyproxy") as proxy, Tap(tls=leaf) as api_front, Tap(tls=leaf) as storage_front:
        via_proxy = ProxyChoice(MANUAL, proxy.url)
        with Sandbox(folder / "https", storage_public_url=storage_front.url, rate_limits=False) as sandbox:
            sandbox.processing_delay = 0.0  # each upload ready at once: no readiness polls between files
            storage_front.target = ("127.0.0.1", sandbox.storage.port)
            api_front.target = ("127.0.0.1", int(sandbox.api_url.rsplit(":", 1)[1].split("/")[0]))
            tls = {"ca_bundle": str(pki.ca_bundle)}
            run("https, direct", files, api_front.url, sandbox.api_key, proxy=ProxyChoice(NONE), **tls)
            run("https, tinyproxy CONNECT tunnels", files, api_front.url, sandbox.api_key, proxy=via_proxy, **tls)
            handshakes = api_front.connections + storage_front.connections
            print(f"TLS handshakes the https fronts accepted in both runs: {handshakes}")
        with Sandbox(folder / "http", rate_limits=False) as sandbox:
            sandbox.processing_delay = 0.0
            run("http, direct", files, sandbox.api_url, sandbox.api_key, proxy=ProxyChoice(NONE))
            run("http, tinyproxy (plain proxy)", files, sandbox.api_url, sandbox.api_key, proxy=via_proxy)


if __name__ == "__main__":
    main()
