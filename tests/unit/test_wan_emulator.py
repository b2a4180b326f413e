"""The WAN emulator (tests/support/wan_emulator.py) adds the delay and holds the caps it is configured with.

These time the test tool, not the product: bench/wan.py's figures are only as good as the emulator. Tolerances are
wide for a loaded 2-core machine; a loaded machine only makes things slower, so the bounds that catch a broken
emulator (faster than the cap, less delay than configured, stop-and-wait) stay tight.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tests.support.wan_emulator import WanEmulator

KB = 1000


@pytest.fixture(scope="module")
def echo():
    """A real TCP server on loopback that sends back what it receives, or, after a first byte "s", sends
    the number of bytes named by the rest of that line and closes."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve(conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn:
            first = conn.recv(65536)
            if first.startswith(b"s"):
                size, block = int(first[1:].split(b"\n")[0]), b"x" * 65536
                while size > 0:
                    conn.sendall(block[: min(size, len(block))])
                    size -= len(block)
                return
            data = first
            while data:
                conn.sendall(data)
                data = conn.recv(65536)

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[:2]
    server.close()


def connect(route) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", route.port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def round_trip(sock: socket.socket) -> float:
    t0 = time.perf_counter()
    sock.sendall(b"p")
    assert sock.recv(16) == b"p"
    return time.perf_counter() - t0


def stream_rate(route, size: int) -> tuple[float, float]:
    """(bytes/s from the first byte to the last, seconds from the request to the last byte) of one download."""
    with connect(route) as sock:
        t0 = time.perf_counter()
        sock.sendall(b"s%d\n" % size)
        got, first = 0, None
        while data := sock.recv(1 << 20):
            if first is None:
                first, got = time.perf_counter(), -len(data)  # the first chunk marks the start
            got += len(data)
        end = time.perf_counter()
    return got / (end - first), end - t0


def test_round_trip_adds_the_configured_rtt_and_a_new_connection_one_more(echo):
    with WanEmulator(rtt=0.040) as wan:
        route = wan.front(echo)
        with connect(route) as sock:
            round_trip(sock)
            best = min(round_trip(sock) for _ in range(5))
        fresh = []
        for _ in range(3):
            t0 = time.perf_counter()
            with connect(route) as sock:
                round_trip(sock)
            fresh.append(time.perf_counter() - t0)
        assert route.connections == 4 and route.tls_handshakes == 0
    assert 0.039 <= best <= 0.055, f"established round trip {best * 1000:.1f} ms, configured 40"
    assert 0.079 <= min(fresh) <= 0.100, f"connect + first round trip {min(fresh) * 1000:.1f} ms: handshake + 1 RTT"

    with WanEmulator(rtt=0.040, handshake=False) as wan:
        route = wan.front(echo)
        t0 = time.perf_counter()
        with connect(route) as sock:
            round_trip(sock)
        assert 0.039 <= time.perf_counter() - t0 <= 0.060


def test_a_capped_stream_holds_the_cap_over_a_long_delay(echo):
    """40 Mbit/s at 100 ms RTT: 3 MB takes 0.6 s at the cap; stop-and-wait on 64 KiB chunks would take 4.6 s."""
    with WanEmulator(rtt=0.100, mbit=40) as wan:
        rate, seconds = stream_rate(wan.front(echo), 3_000 * KB)
    cap = 40e6 / 8
    assert 0.75 * cap <= rate <= 1.10 * cap, f"{rate * 8 / 1e6:.1f} Mbit/s against a 40 Mbit/s cap"
    assert seconds >= 0.1 + 3_000 * KB / cap * 0.9  # the request's round trip, then the bytes at the cap


def test_the_total_cap_is_shared_by_connections(echo):
    with WanEmulator(rtt=0.020, mbit=80, total_mbit=40) as wan:
        route = wan.front(echo)
        results: list[tuple[float, float]] = []
        threads = [threading.Thread(target=lambda: results.append(stream_rate(route, 1_500 * KB))) for _ in range(2)]
        t0 = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        total = 3_000 * KB / (time.perf_counter() - t0)
    cap = 40e6 / 8
    assert 0.75 * cap <= total <= 1.10 * cap, f"{total * 8 / 1e6:.1f} Mbit/s in all against a 40 Mbit/s total cap"
    assert all(rate <= 0.6 * cap for rate, _ in results), "one connection took more than its share"


def test_an_uncapped_stream_is_held_to_window_per_rtt(echo):
    """Bytes in flight are acknowledged one delay after delivery, as TCP's are: 256 KiB per 50 ms is 5.2 MB/s."""
    with WanEmulator(rtt=0.050, window=256 * 1024) as wan:
        rate, _ = stream_rate(wan.front(echo), 2_500 * KB)
    limit = 256 * 1024 / 0.050
    assert 0.75 * limit <= rate <= 1.10 * limit, f"{rate / 1e6:.2f} MB/s against window/RTT {limit / 1e6:.2f}"


def test_bytes_pass_unchanged_and_tls_handshakes_are_counted(echo):
    with WanEmulator(rtt=0.002) as wan:
        route = wan.front(echo)
        payload = bytes([0x16, 0x03, 0x01]) + bytes(range(256)) * 400  # starts as a TLS ClientHello record does
        with connect(route) as sock:
            sock.sendall(payload)
            back = b""
            while len(back) < len(payload):
                back += sock.recv(65536)
        assert back == payload
        assert (route.connections, route.tls_handshakes) == (1, 1)
        assert route.bytes_up == route.bytes_down == len(payload)
