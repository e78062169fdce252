"""Loopback doubles of the demo world's DNS and WHOIS, speaking the real wire protocols.

The DNS double (dnslib, UDP) answers from the zone files ``sites/<host>/_dns.zone`` (master-file
syntax, RFC 1035 §5); the WHOIS double (TCP, RFC 3912: one query line, one answer, close)
answers from ``sites/<host>/_whois.txt`` for the host's registered domain. Both bind 127.0.0.1 on
free ports, so the crawler's real dnspython and python-whois client code runs against them.

    python -m demo.netdoubles
"""
from __future__ import annotations

import socketserver
import sys
import threading
import time
from pathlib import Path

from dnslib import QTYPE, RCODE, RR
from dnslib.server import BaseResolver, DNSLogger, DNSServer

from demo import WORLD_DIR
from ground.hosts import registered_domain

ZONE_FILE = "_dns.zone"
WHOIS_FILE = "_whois.txt"
# What AFNIC's server says for a name it does not hold.
WHOIS_NOT_FOUND = "%%\n%% This is the AFNIC Whois server.\n%%\n\n%% No entries found in the AFNIC Database.\n"


def load_zones(world_dir: Path = WORLD_DIR) -> list[RR]:
    records: list[RR] = []
    for path in sorted((Path(world_dir) / "sites").glob(f"*/{ZONE_FILE}")):
        records.extend(RR.fromZone(path.read_text("utf-8")))
    return records


def load_whois(world_dir: Path = WORLD_DIR) -> dict[str, str]:
    return {registered_domain(path.parent.name): path.read_text("utf-8")
            for path in sorted((Path(world_dir) / "sites").glob(f"*/{WHOIS_FILE}"))}


class ZoneResolver(BaseResolver):
    """Authoritative answers from a list of records: NXDOMAIN for unknown names, SOA when no data."""

    def __init__(self, records: list[RR]) -> None:
        self.records = records
        self.soas = [rr for rr in records if rr.rtype == QTYPE.SOA]
        self.queries: list[tuple[float, str, str]] = []  # (monotonic time, name, type): what was asked

    def resolve(self, request, handler):
        self.queries.append((time.monotonic(), str(request.q.qname).rstrip(".").lower(), QTYPE[request.q.qtype]))
        reply = request.reply()
        reply.header.aa = 1
        qname, qtype = request.q.qname, request.q.qtype
        named = [rr for rr in self.records if rr.rname == qname]
        for rr in named:
            if rr.rtype == qtype or qtype == QTYPE.ANY:
                reply.add_answer(rr)
        if not reply.rr:
            if not named:
                reply.header.rcode = RCODE.NXDOMAIN
            soa = next((s for s in self.soas if qname.matchSuffix(s.rname)), None)
            if soa is not None:
                reply.add_auth(soa)
        return reply


class DnsDouble:
    def __init__(self, records: list[RR]) -> None:
        self.resolver = ZoneResolver(records)
        self.server = DNSServer(self.resolver, port=0, address="127.0.0.1",
                                logger=DNSLogger(logf=lambda _line: None))
        self.address = ""

    @property
    def queries(self) -> list[tuple[float, str, str]]:
        """Every question received, in order: (time.monotonic(), name, type)."""
        return list(self.resolver.queries)

    def start(self) -> "DnsDouble":
        self.server.start_thread()
        self.address = "127.0.0.1:%d" % self.server.server.server_address[1]
        return self

    def stop(self) -> None:
        self.server.stop()
        self.server.server.server_close()


class _WhoisHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        query = self.rfile.readline(512).decode("utf-8", "replace").strip().lower().rstrip(".")
        self.server.queries.append((time.monotonic(), query))  # type: ignore[attr-defined]
        text = self.server.answers.get(query, WHOIS_NOT_FOUND)  # type: ignore[attr-defined]
        self.wfile.write(text.encode("utf-8"))


class _WhoisServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class WhoisDouble:
    def __init__(self, answers: dict[str, str]) -> None:
        self.server = _WhoisServer(("127.0.0.1", 0), _WhoisHandler)
        self.server.answers = {k.lower(): v for k, v in answers.items()}  # type: ignore[attr-defined]
        self.server.queries = []  # type: ignore[attr-defined]
        self.address = "127.0.0.1:%d" % self.server.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def queries(self) -> list[tuple[float, str]]:
        """Every query line received, in order: (time.monotonic() on arrival, the domain asked)."""
        return list(self.server.queries)  # type: ignore[attr-defined]

    def start(self) -> "WhoisDouble":
        self._thread = threading.Thread(target=self.server.serve_forever, name="tnl-whois-double", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class NetDoubles:
    """Both doubles for a world, as one context manager."""

    def __init__(self, world_dir: Path = WORLD_DIR) -> None:
        self.dns = DnsDouble(load_zones(world_dir))
        self.whois = WhoisDouble(load_whois(world_dir))

    @property
    def dns_address(self) -> str:
        return self.dns.address

    @property
    def whois_address(self) -> str:
        return self.whois.address

    def start(self) -> "NetDoubles":
        self.dns.start()
        self.whois.start()
        return self

    def stop(self) -> None:
        self.dns.stop()
        self.whois.stop()

    def __enter__(self) -> "NetDoubles":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    with NetDoubles() as doubles:
        print(f"DNS sur {doubles.dns_address} (UDP), WHOIS sur {doubles.whois_address} (TCP)")
        sys.stdout.flush()
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
