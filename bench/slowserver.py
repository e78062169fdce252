"""Bench server with a network delay: the synthetic territory served on loopback as real sites answer,
after a fixed time to first byte (python -m bench.slowserver SITES_DIR PORT LATENCY_MS).

Loopback answers in microseconds, so a crawler that waits on nothing but its own CPU is measured there;
real collectivité sites take 100 ms to a second to answer, which is why a crawler runs requests side
by side. This asyncio server (one process, keep-alive, virtual hosts by Host header or absolute-form
request line, files read from the page cache) waits LATENCY_MS before each answer without holding a
thread, so hundreds of requests can wait at once; `bench.run` measures it alone, as it does nginx.
"""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {".html": "text/html", ".pdf": "application/pdf", ".odt": "application/vnd.oasis.opendocument.text",
         ".txt": "text/plain"}


def _resolve(sites: Path, host: str, path: str) -> Path | None:
    base = (sites / host).resolve()
    target = (base / unquote(path).lstrip("/")).resolve()
    if base not in target.parents and target != base:
        return None  # ../ out of the site
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


# BENCH_REQUEST_LOG=FILE: one line per request received (method, host, path, Upgrade-Insecure-Requests).
_LOG = open(os.environ["BENCH_REQUEST_LOG"], "a", buffering=1, encoding="utf-8") \
    if os.environ.get("BENCH_REQUEST_LOG") else None


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, sites: Path, latency: float) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            parts = urlsplit(target)
            host = (parts.hostname or headers.get("host", "")).split(":")[0]
            if method == "CONNECT":
                host = target.rsplit(":", 1)[0].strip("[]").lower()
            if _LOG is not None:  # bench.national counts what each candidate asked for
                _LOG.write(f"{method}\t{host}\t{parts.path if method != 'CONNECT' else ''}\t"
                           f"{headers.get('upgrade-insecure-requests', '')}\n")
            if latency:
                await asyncio.sleep(latency)
            path = _resolve(sites, host, parts.path or "/")
            if path is None:
                body, status, ctype = b"not found", "404 Not Found", "text/plain"
            else:
                body, status, ctype = path.read_bytes(), "200 OK", TYPES.get(path.suffix, "application/octet-stream")
            writer.write(f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n"
                         .encode("latin-1") + (b"" if method == "HEAD" else body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main(sites: Path, port: int, latency_ms: float) -> None:
    server = await asyncio.start_server(lambda r, w: _serve(r, w, sites, latency_ms / 1000), "127.0.0.1", port,
                                        backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])))
