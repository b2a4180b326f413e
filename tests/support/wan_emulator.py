"""A WAN in user space: a loopback TCP proxy that adds one-way delay, a bandwidth cap per connection and an optional
cap across connections, and counts the connections (and TLS handshakes) each target receives.

tc/netem is not available on these machines, so bench/wan.py puts this in front of the sandbox's API and storage.
toxiproxy does latency and per-connection bandwidth, but it is neither a Debian nor a PyPI package here and has no
cap across connections, so the emulator is ours (asyncio, one event loop on a background thread).

The model, for each connection and each direction:
- A chunk read from one side passes the per-connection token bucket, then the shared one, and is written to the
  other side `delay` seconds after it passed. Chunks are stamped with their due time and a second task delivers
  them, so a pipe holds a bandwidth-delay product of data in flight: throughput stays at the cap whatever the delay
  (no stop-and-wait).
- At most `window` bytes are in flight (read but not yet acknowledged); a chunk is acknowledged one `delay` after
  it was delivered, as a TCP ACK travels back, so one connection goes no faster than window / RTT.
- A new connection's first bytes leave one RTT late: the client's connect() to this proxy returns at once, but over
  a WAN the TCP handshake costs a round trip before the request can leave (`handshake=False` turns that off).

Not modelled: loss, TCP slow start and congestion control, the interplay of Nagle and delayed ACKs (each leg is a
loopback TCP connection of its own; the proxy sets TCP_NODELAY on both, so it adds no Nagle delay of its own).

    python -m tests.support.wan_emulator --target 127.0.0.1:8080 --rtt-ms 40 --mbit 100
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

MiB = 1024 * 1024
TLS_RECORD_HANDSHAKE = 0x16  # the first byte of a ClientHello (full or resumed TLS handshake)


class TokenBucket:
    """`rate` bytes per second with room for a `burst`-byte burst, shared by the coroutines of one event loop.

    A chunk larger than the tokens left goes through and its debt is waited out, so the average holds at `rate`
    for any chunk size, and a late timer wake-up is made good on the next chunk (tokens follow the clock).
    """

    def __init__(self, rate: float, burst: int = 64 * 1024):
        self.rate = float(rate)
        self.burst = burst
        self.tokens = float(burst)
        self.stamp: float | None = None

    async def take(self, n: int) -> None:
        now = asyncio.get_running_loop().time()
        if self.stamp is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        self.tokens -= n
        if self.tokens < 0:
            await asyncio.sleep(-self.tokens / self.rate)


@dataclass
class Route:
    """One listening address in front of one target, with what it has seen since the last `reset()`."""

    name: str
    listener: socket.socket
    target: tuple[str, int] | None  # may be set after the route listens (a server that needs the URL first)
    connections: int = 0  # TCP connections accepted
    tls_handshakes: int = 0  # connections whose first bytes were a TLS handshake record
    bytes_up: int = 0  # client to target
    bytes_down: int = 0  # target to client
    _open: int = field(default=0, repr=False)

    @property
    def port(self) -> int:
        return self.listener.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def open_connections(self) -> int:
        return self._open

    def reset(self) -> None:
        self.connections = self.tls_handshakes = self.bytes_up = self.bytes_down = 0


class WanEmulator:
    """Delay `rtt / 2` each way, `mbit` per connection per direction, `total_mbit` per direction over all
    connections of every route (None: no cap). Start on construction; `close()` (or `with`) stops it."""

    def __init__(
        self,
        *,
        rtt: float = 0.0,
        mbit: float | None = None,
        total_mbit: float | None = None,
        window: int = 4 * MiB,
        handshake: bool = True,
        chunk: int | None = None,
    ):
        self.delay = rtt / 2
        self.rtt = rtt
        self.rate = None if mbit is None else mbit * 1e6 / 8
        self.total_rate = None if total_mbit is None else total_mbit * 1e6 / 8
        self.window = window
        self.handshake = handshake
        # Small chunks keep a capped stream smooth (64 KiB is 5 ms at 100 Mbit/s); big ones cost less CPU.
        self.chunk = chunk or (64 * 1024 if self.rate or self.total_rate else 256 * 1024)
        self.routes: list[Route] = []
        self._total: dict[str, TokenBucket] = {}
        self._servers: list[asyncio.base_events.Server] = []
        # asyncio holds tasks weakly, and its stream protocol drops its connection task once the socket is lost:
        # without this set, a connection still being forwarded could be garbage-collected mid-flight.
        self._connections: set[asyncio.Task] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="wan-emulator", daemon=True)
        self._thread.start()
        self.thread_id = self._call(threading.get_native_id)  # for the bench to read this thread's CPU time

    # -- set-up ---------------------------------------------------------------------------------------------------
    def front(self, target: tuple[str, int] | None = None, name: str = "") -> Route:
        """A new listening port on loopback that forwards to `target` (which may be set later on the route)."""
        listener = socket.create_server(("127.0.0.1", 0), backlog=512)
        route = Route(name or f"route{len(self.routes)}", listener, target)
        self.routes.append(route)
        self._call_async(self._listen(route))
        return route

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._call_async(self._shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> WanEmulator:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _call(self, fn: Callable):
        async def run():
            return fn()

        return self._call_async(run())

    def _call_async(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=30)

    async def _listen(self, route: Route) -> None:
        if self.total_rate is not None and not self._total:
            self._total = {"up": TokenBucket(self.total_rate), "down": TokenBucket(self.total_rate)}

        def connected(reader, writer) -> None:
            task = asyncio.get_running_loop().create_task(self._serve(route, reader, writer))
            self._connections.add(task)
            task.add_done_callback(self._connections.discard)

        server = await asyncio.start_server(connected, sock=route.listener, limit=256 * 1024)
        self._servers.append(server)

    async def _shutdown(self) -> None:
        for server in self._servers:
            server.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- one connection -------------------------------------------------------------------------------------------
    async def _serve(self, route: Route, client_r, client_w) -> None:
        loop = asyncio.get_running_loop()
        accepted = loop.time()
        route.connections += 1
        route._open += 1
        upstream_w = None
        try:
            if route.target is None:
                return
            try:
                upstream_r, upstream_w = await asyncio.open_connection(*route.target, limit=256 * 1024)
            except OSError:
                return
            for writer in (client_w, upstream_w):
                writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            not_before = accepted + self.rtt if self.handshake else accepted
            up = asyncio.create_task(self._pump(route, client_r, upstream_w, "up", not_before))
            down = asyncio.create_task(self._pump(route, upstream_r, client_w, "down", accepted))
            done, pending = await asyncio.wait((up, down), return_when=asyncio.FIRST_EXCEPTION)
            failed = any(t.exception() is not None for t in done if not t.cancelled())
            for task in pending:
                if failed:
                    task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            if failed:  # a reset on one side resets the other
                for writer in (client_w, upstream_w):
                    writer.transport.abort()
        except asyncio.CancelledError:
            pass  # closing: asyncio's stream callback would log a cancelled connection task as an error
        finally:
            route._open -= 1
            for writer in (client_w, upstream_w):
                if writer is not None:
                    writer.close()

    async def _pump(self, route: Route, reader, writer, direction: str, not_before: float) -> None:
        """Read, pass the buckets, stamp with the due time; a second task delivers on time (see the module doc)."""
        loop = asyncio.get_running_loop()
        buckets = ([TokenBucket(self.rate)] if self.rate else []) + ([self._total[direction]] if self._total else [])
        line: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()
        inflight = 0
        room = asyncio.Event()

        def acknowledged(n: int) -> None:
            nonlocal inflight
            inflight -= n
            room.set()

        async def deliver() -> None:
            while True:
                due, data = await line.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()
                loop.call_later(self.delay, acknowledged, len(data))

        async def read() -> None:
            nonlocal inflight
            first = direction == "up"
            while True:
                while inflight >= self.window:
                    room.clear()
                    await room.wait()
                data = await reader.read(min(self.chunk, self.window - inflight))
                if not data:
                    break
                inflight += len(data)
                if first:
                    first = False
                    route.tls_handshakes += data[0] == TLS_RECORD_HANDSHAKE
                if direction == "up":
                    route.bytes_up += len(data)
                else:
                    route.bytes_down += len(data)
                wait = not_before - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                for bucket in buckets:
                    await bucket.take(len(data))
                line.put_nowait((loop.time() + self.delay, data))
            line.put_nowait((loop.time() + self.delay, b""))  # the FIN travels with the same delay

        # Either side failing (a reset, a peer gone) ends both at once, and the error reaches _serve.
        tasks = (asyncio.create_task(read()), asyncio.create_task(deliver()))
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                if task.exception() is not None:
                    raise task.exception()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="HOST:PORT to forward to")
    parser.add_argument("--rtt-ms", type=float, default=40.0)
    parser.add_argument("--mbit", type=float, help="cap per connection and direction (default: none)")
    parser.add_argument("--total-mbit", type=float, help="cap per direction across connections (default: none)")
    args = parser.parse_args()
    host, _, port = args.target.rpartition(":")
    with WanEmulator(rtt=args.rtt_ms / 1000, mbit=args.mbit, total_mbit=args.total_mbit) as wan:
        route = wan.front((host, int(port)))
        print(f"Forwarding {route.url} -> {args.target}", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        print(f"connections {route.connections}, TLS handshakes {route.tls_handshakes}", flush=True)


if __name__ == "__main__":
    main()
