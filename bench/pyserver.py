"""Fallback bench server when nginx is absent: virtual hosts by Host header, absolute-form request lines."""
from __future__ import annotations

import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        host = (parts.hostname or self.headers.get("Host", "")).split(":")[0]
        self.directory = str(Path(self.server.sites) / host)
        return super().translate_path(parts.path or "/")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), Handler)
    server.sites = sys.argv[1]
    server.serve_forever()
