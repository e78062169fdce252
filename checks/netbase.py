"""Helpers shared by the network checks (https, ipv6, mail_provider, domain_registration)."""
from __future__ import annotations

from urllib.parse import urlsplit

from checks.base import parse_datetime
from ground.model import Evidence, truncate
from ground.observations import NetRecord, Observations, Probe


def website_hosts(obs: Observations) -> list[tuple[str, str]]:
    """(host, website URL) of each website of the candidate, in their listed order."""
    out: list[tuple[str, str]] = []
    for url in obs.candidate.get("websites", []):
        host = (urlsplit(url).hostname or "").lower()
        if host and host not in [h for h, _ in out]:
            out.append((host, url))
    return out


def records(obs: Observations, kind: str) -> dict[str, NetRecord]:
    """Net records of one kind by URI; the last one wins when a lookup was repeated."""
    return {r.uri: r for r in obs.netrecords if r.kind == kind}


def record_evidence(record: NetRecord, snippet: str) -> Evidence:
    return Evidence(url=record.uri, fetched_at=record.fetched_at, http_status=None, snippet=truncate(snippet),
                    sha256=record.sha256, record_id=record.record_id)


def probe_evidence(probe: Probe, snippet: str) -> Evidence:
    return Evidence(url=probe.url, fetched_at=probe.fetched_at, http_status=probe.status,
                    snippet=truncate(snippet), sha256=probe.sha256, record_id=probe.record_id)


parse_time = parse_datetime  # DNS/WHOIS dates and the crawl date, as aware UTC datetimes
