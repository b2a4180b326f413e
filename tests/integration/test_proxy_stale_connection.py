"""A proxy that closes a kept-alive connection between two requests (tinyproxy does, now and then) must not turn
the next upload into a hang: urllib3 sends the request again on a new connection, and the body must start again
from its first byte (MultipartBody and HashingReader answer tell/seek for that).

The proxy here is scripted (a real one closes idle connections only by chance, so the race could not be forced):
its first connection answers one request and then closes without saying so; its second reads a whole request,
body included, and answers it. Without seek(0) the second request carries headers and no body and the proxy
waits for bytes that never come (the read timeout)."""

from __future__ import annotations

import socket
import threading

from assetdrop.core.http import HttpClient
from assetdrop.core.proxy import MANUAL, ProxyChoice
from assetdrop.core.transfer.hashing_reader import HashingReader
from assetdrop.core.transfer.job import Job
from assetdrop.core.transfer.multipart_body import MultipartBody
from assetdrop.core.transfer.progress import Meter, Phase

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")), 0
    )
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class ClosingProxy:
    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.requests: list[bytes] = []
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        first, _ = self.server.accept()
        self.requests.append(_read_request(first))
        first.sendall(OK)  # kept alive, as far as the client knows ...
        first.recv(65536)  # ... the next request's first bytes arrive, and the proxy hangs up without an answer
        first.close()
        second, _ = self.server.accept()
        self.requests.append(_read_request(second))
        second.sendall(OK)
        second.close()


def test_an_upload_sent_again_on_a_new_connection_sends_its_whole_body(tmp_path):
    proxy = ClosingProxy()
    source = tmp_path / "body.bin"
    payload = bytes(range(256)) * 4096  # 1 MiB
    source.write_bytes(payload)
    with HttpClient(timeout=(3, 3), proxy=ProxyChoice(MANUAL, f"http://127.0.0.1:{proxy.port}")) as http:
        http.request("GET", "http://storage.invalid/first")
        with open(source, "rb", buffering=0) as handle:
            job = Job()
            reader = HashingReader(handle, len(payload), Meter(Phase.UPLOADING, len(payload), None), job)
            body = MultipartBody([("key", "k")], "file", "body.bin", "application/octet-stream", reader)
            try:
                http.request(
                    "POST", "http://storage.invalid/bucket", data=body, headers={"Content-Type": body.content_type}
                )
            finally:
                reader.close()
    assert len(proxy.requests) == 2
    sent = proxy.requests[1]
    assert sent.startswith(b"POST http://storage.invalid/bucket ") and payload in sent
    assert reader.md5.hexdigest() == __import__("hashlib").md5(payload).hexdigest()  # hashed once, not twice
