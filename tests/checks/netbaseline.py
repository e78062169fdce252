"""Network observations for check tests: probes and DNS/WHOIS records of the baseline site."""
from __future__ import annotations

import json

from ground.observations import NetRecord, Probe
from tests.checks.baseline import SITE, WHEN, observations

HOST = "www.exemple-commune.fr"
DOMAIN = "exemple-commune.fr"


def probe(purpose: str, status: int | None, headers: dict | None = None, redirect_to: str | None = None,
          error: str | None = None) -> Probe:
    url = f"https://{HOST}/" if purpose == "https" else f"http://{HOST}/"
    return Probe(url=url, purpose=purpose, status=status, fetched_at=WHEN,
                 sha256="2" * 64 if status else None, record_id=f"<urn:uuid:{purpose}>" if status else None,
                 headers=headers or {}, redirect_to=redirect_to, error=error)


def dns(name: str, rtype: str, answers: list[dict] | None = None, rcode: str = "NOERROR",
        error: str | None = None) -> NetRecord:
    data = None if error else {"name": name, "type": rtype, "rcode": rcode, "answers": answers or []}
    return NetRecord(kind="dns", uri=f"dns:{name}?type={rtype}", fetched_at=WHEN,
                     sha256=None if error else "3" * 64, record_id=None if error else f"<urn:uuid:{name}{rtype}>",
                     data=json.loads(json.dumps(data)), error=error)


def mx(name: str, *exchanges: tuple[int, str]) -> NetRecord:
    return dns(name, "MX", [{"name": name, "type": "MX", "ttl": 3600, "data": f"{p} {h}.", "preference": p,
                             "exchange": h} for p, h in exchanges])


def whois(data: dict | None = None, error: str | None = None, domain: str = DOMAIN) -> NetRecord:
    return NetRecord(kind="whois", uri=f"whois:{domain}", fetched_at=WHEN, sha256=None if error else "4" * 64,
                     record_id=None if error else "<urn:uuid:whois>", data=data, error=error)


def net_observations(probes=(), netrecords=(), reachable: bool = True, **kw):
    obs = observations(reachable=reachable, **kw)
    obs.probes = list(probes)
    obs.netrecords = list(netrecords)
    obs.crawl = {"started_at": WHEN}
    return obs


__all__ = ["probe", "dns", "mx", "whois", "net_observations", "HOST", "DOMAIN", "SITE", "WHEN"]
