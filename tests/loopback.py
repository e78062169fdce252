"""A small HTTP server on 127.0.0.1 for the tests that need one of their own (the fixture world has
its own in demo/server.py): a quiet handler with one way to answer, and a context that serves it."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HTML = "text/html; charset=utf-8"


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1, no log lines; `send(status, body, ctype)` answers with a Content-Length."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str = HTML) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def host_and_path(self) -> tuple[str, str]:
        """The host asked for (absolute URL through a proxy, else the Host header) and the path."""
        parts = urlsplit(self.path)
        return (parts.hostname or self.headers.get("Host", "").split(":")[0]).lower(), parts.path or "/"


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], quiet_errors: bool = False, **attributes) -> Iterator:
    """A ThreadingHTTPServer of `handler` on 127.0.0.1 (a free port), with `attributes` set on it, served
    in a daemon thread until the block ends. `quiet_errors`: connections a stopped client dropped are
    expected, not printed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if quiet_errors:
        server.handle_error = lambda *args: None
    for name, value in attributes.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
