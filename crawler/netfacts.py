"""DNS (A, AAAA, MX), WHOIS and TLS facts of a candidate's websites, archived as WARC resource records.

Gathered before the crawl, outside Scrapy: dnspython asks the system resolver or `--dns-server`,
python-whois asks its own choice of server or `--whois-server`. Every answer (NXDOMAIN, an empty
answer, a "not found" or rate-limit reply included) is a resource record; a lookup that got no
answer at all (timeout, refused server) is an index line with its error.
"""
from __future__ import annotations

import copy
import ipaddress
import json
import re
import socket
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dns.exception
import dns.rdatatype
import dns.resolver

from crawler import netcache
from crawler.guard import REFUSED_PREFIX, is_private
from crawler.https_probe import site_hosts
from ground import __version__
from ground.archive import ArchiveWriter, IndexEntry, utc_now
from ground.hosts import email_domain, is_reserved, registered_domain

DNS_TYPES = ("A", "AAAA", "MX")
DNS_LIFETIME = 5.0  # seconds per question, retries included: a slow resolver must not stall the crawl
WHOIS_TIMEOUT = 10
WHOIS_RAW_CAP = 20_000  # characters of a WHOIS reply kept in the record

# Replies that are not about the domain (RFC 3912 leaves their wording to each server).
RATE_LIMITED = re.compile(r"limit exceeded|rate limit|too many (?:requests|queries)|quota exceeded|"
                          r"try again later|excessive (?:querying|queries)|maximum (?:daily )?queries", re.I)
NOT_FOUND = re.compile(r"no entries found|^\s*not found|no match for|no data found|domain not found|"
                       r"^%% no entries", re.I | re.M)
# Registrant hidden by the registrar or registry (ICANN Temporary Specification, AFNIC anonymous holders).
REDACTED = re.compile(r"redacted|privacy|non-public|not disclosed|data protected|withheld|ano nymous|"
                      r"gdpr|statutory masking|please query the rdds", re.I)


class ServerError(ValueError):
    """A --dns-server / --whois-server value that is malformed or refused."""


def parse_server(value: str, allow_private: bool, option: str) -> tuple[str, int]:
    """`IP:PORT`, `[IPv6]:PORT` or `HOST:PORT` → (host, port); private targets refused unless allowed."""
    host, colon, port = value.strip().rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ServerError(f"{option} {value!r} : forme attendue ADRESSE:PORT")
    try:
        addrs = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addrs = sorted({i[4][0] for i in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})
        except (socket.gaierror, UnicodeError, OSError):
            raise ServerError(f"{option} {value!r} : nom introuvable") from None
    bad = [a for a in addrs if is_private(a)]
    if bad and not allow_private:
        raise ServerError(f"{option} : {REFUSED_PREFIX} : {host} → {bad[0]} (voir --allow-private)")
    return host, int(port)


# --- DNS -----------------------------------------------------------------------------------------


def make_resolver(server: tuple[str, int] | None) -> dns.resolver.Resolver:
    if server is None:
        resolver = dns.resolver.Resolver()
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [server[0]]
        resolver.port = server[1]
    resolver.lifetime = DNS_LIFETIME
    resolver.timeout = DNS_LIFETIME / 2
    return resolver


def _rr_json(rrset) -> list[dict[str, Any]]:
    out = []
    for rdata in rrset:
        item: dict[str, Any] = {"name": rrset.name.to_text().rstrip("."), "ttl": rrset.ttl,
                                "type": dns.rdatatype.to_text(rrset.rdtype), "data": rdata.to_text()}
        if rrset.rdtype == dns.rdatatype.MX:
            item["preference"] = rdata.preference
            item["exchange"] = rdata.exchange.to_text().rstrip(".").lower()
        out.append(item)
    return out


def lookup(resolver: dns.resolver.Resolver, name: str, rtype: str) -> dict[str, Any]:
    """One question; the answer as JSON (with `asked_at`). Raises dns.exception.DNSException when none came.

    Asked once per run and resolver (crawler/netcache.py): candidates of one registrable domain share
    the answer, and each archives its own copy of it."""
    nameserver = f"{resolver.nameservers[0]}:{resolver.port}" if resolver.nameservers else None
    answer = netcache.DNS.get((nameserver, name.lower(), rtype), lambda: _ask(resolver, name, rtype, nameserver))
    return copy.deepcopy(answer)


def _ask(resolver: dns.resolver.Resolver, name: str, rtype: str, nameserver: str | None) -> dict[str, Any]:
    return {**_answer(resolver, name, rtype, nameserver), "asked_at": utc_now()}


def _answer(resolver: dns.resolver.Resolver, name: str, rtype: str, nameserver: str | None) -> dict[str, Any]:
    try:
        answer = resolver.resolve(name, rtype, raise_on_no_answer=False, search=False)
    except dns.resolver.NXDOMAIN:
        return {"name": name, "type": rtype, "rcode": "NXDOMAIN", "answers": [], "nameserver": nameserver}
    response = answer.response
    answers = [a for rrset in response.answer for a in _rr_json(rrset)]
    return {"name": name, "type": rtype, "rcode": "NOERROR", "answers": answers, "nameserver": nameserver,
            "authority": [a for rrset in response.authority for a in _rr_json(rrset)]}


# --- WHOIS ---------------------------------------------------------------------------------------


def _client(port: int | None, family: int = socket.AF_INET, paces: dict[str, float] | None = None):
    from whois.whois import NICClient

    class PacedNICClient(NICClient):
        """python-whois's client, each query to a server at that server's pace (crawler/netcache.py:
        registries such as AFNIC throttle), referrals included; the WHOIS server of a top-level
        domain asked of IANA once per run."""

        def whois(self, query, hostname, flags, *args, **kwargs):  # same contract as NICClient.whois
            netcache.WHOIS_PACE.wait(hostname.lower(), netcache.whois_interval(hostname, paces, port is None))
            return super().whois(query, hostname, flags, *args, **kwargs)

        def findwhois_iana(self, tld):
            def ask():
                netcache.WHOIS_PACE.wait("whois.iana.org", netcache.whois_interval("whois.iana.org", paces, True))
                return NICClient.findwhois_iana(self, tld)

            return netcache.WHOIS_SERVERS.get(tld.lower(), ask, keep=bool)

    if port is None:
        return PacedNICClient()

    class PortedNICClient(PacedNICClient):
        """python-whois's client, told to use another port than 43 (its port is fixed)."""

        def get_socket(self):  # same contract as NICClient.get_socket
            class _Socket(socket.socket):
                def connect(self, address):
                    return super().connect((address[0], port))

            return _Socket(family, socket.SOCK_STREAM)

    return PortedNICClient()


def whois_text(domain: str, server: tuple[str, int] | None, paces: dict[str, float] | None = None) -> str:
    """The raw WHOIS reply; raises OSError when the server could not be reached."""
    return _whois(domain, server, paces)[0]


def _whois(domain: str, server: tuple[str, int] | None, paces: dict[str, float] | None) -> tuple[str, str]:
    """(raw reply, the server asked first, in words)."""
    if server is None:  # as NICClient.whois_lookup does, with the server it chose kept
        client = _client(None, paces=paces)
        chosen = client.choose_server(domain)
        text = "" if chosen is None else client.whois(domain, chosen, client.WHOIS_RECURSE, quiet=True,
                                                       ignore_socket_errors=False, timeout=WHOIS_TIMEOUT)
        return text, f"{chosen or '?'} (choix de python-whois)"
    client = _client(server[1], socket.AF_INET6 if ":" in server[0] else socket.AF_INET, paces)
    return (client.whois(domain, server[0], 0, quiet=True, ignore_socket_errors=False, timeout=WHOIS_TIMEOUT),
            f"{server[0]}:{server[1]}")


def whois_reply(domain: str, server: tuple[str, int] | None, paces: dict[str, float] | None = None) -> dict:
    """{"text", "server", "asked_at"}: asked once per run and server for a registrable domain
    (crawler/netcache.py), unless the reply says the server was rate-limiting; each candidate
    archives its own copy. Raises OSError when the server could not be reached."""
    def ask() -> dict:
        text, label = _whois(domain, server, paces)
        return {"text": text, "server": label, "asked_at": utc_now()}

    key = (f"{server[0]}:{server[1]}" if server else None, domain.lower())
    return netcache.WHOIS.get(key, ask, keep=lambda reply: not RATE_LIMITED.search(reply["text"]))


def _iso(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value) if value else None


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() if value else None


def _afnic_registrant(text: str) -> tuple[str | None, str | None, bool]:
    """(holder name, holder type, anonymous) from an AFNIC reply's holder-c contact block."""
    m = re.search(r"^holder-c:\s*(\S+)", text, re.M)
    if not m:
        return None, None, False
    for block in re.split(r"\n\s*\n", text):
        if re.search(rf"^nic-hdl:\s*{re.escape(m.group(1))}\s*$", block, re.M):
            contact = re.search(r"^contact:\s*(.+)$", block, re.M)
            kind = re.search(r"^type:\s*(.+)$", block, re.M)
            anonymous = bool(re.search(r"^anonymous:\s*yes", block, re.M | re.I))
            return (contact.group(1).strip() if contact else None,
                    kind.group(1).strip() if kind else None, anonymous)
    return None, None, False


def parse_whois(domain: str, text: str) -> dict[str, Any]:
    """The fields the checks read, parsed by python-whois (+ the AFNIC holder block it skips)."""
    from whois.parser import WhoisEntry, WhoisFr

    if RATE_LIMITED.search(text):
        return {"domain": domain, "status": "rate_limited"}
    if not text.strip() or NOT_FOUND.search(text):
        return {"domain": domain, "status": "not_found"}
    afnic = bool(re.search(r"^(?:holder-c|nic-hdl):", text, re.M))
    try:
        entry = WhoisFr(domain, text) if afnic else WhoisEntry.load(domain, text)
    except Exception:  # noqa: BLE001 - python-whois raises many kinds on odd replies; the raw text stays
        entry = {}
    if afnic:
        registrant, kind, anonymous = _afnic_registrant(text)
    else:
        registrant, kind, anonymous = _first(entry.get("org")) or _first(entry.get("name")), None, False
    redacted = anonymous or not registrant or bool(REDACTED.search(registrant or ""))
    return {
        "domain": domain, "status": "ok",
        "registrant": None if redacted else registrant, "registrant_type": kind,
        "registrant_as_written": registrant, "redacted": redacted,
        "registrar": _first(entry.get("registrar")),
        "creation_date": _iso(entry.get("creation_date")),
        "updated_date": _iso(entry.get("updated_date")),
        "expiration_date": _iso(entry.get("expiration_date")),
        "format": "afnic" if afnic else "generique",
    }


# --- gathering -----------------------------------------------------------------------------------


def _server(value: str | None, allow_private: bool, option: str) -> tuple[tuple[str, int] | None, str | None]:
    if not value:
        return None, None
    try:
        return parse_server(value, allow_private, option), None
    except ServerError as exc:
        return None, str(exc)


def gather(candidate: dict, directory: Path, options) -> None:
    """Look up the candidate's website hosts and registered domains; archive every answer."""
    allow_private = bool(getattr(options, "allow_private", False))
    dns_server, dns_refused = _server(getattr(options, "dns_server", None), allow_private, "--dns-server")
    whois_server, whois_refused = _server(getattr(options, "whois_server", None), allow_private, "--whois-server")
    hosts = site_hosts(candidate)
    site_of = {}
    for url in candidate.get("websites", []):
        site_of.setdefault((urlsplit(url).hostname or "").lower(), url)
    names: list[tuple[str, str]] = []  # (name, its website)
    domains: list[tuple[str, str]] = []
    for host in hosts:
        domain = registered_domain(host)
        for name in (host, domain):
            if name not in [n for n, _ in names]:
                names.append((name, site_of[host]))
        if domain not in [d for d, _ in domains]:
            domains.append((domain, site_of[host]))
    # The official e-mail's domain (checks/official_email.py): its MX too, when no website name covers it.
    mail_domain = email_domain(candidate.get("email"))
    mx_only = [mail_domain] if mail_domain and mail_domain not in [n for n, _ in names] else []
    if not names and not mx_only:
        return
    writer = ArchiveWriter(directory, software=f"tnl-evidence/{__version__}")
    try:
        resolver = make_resolver(dns_server) if not dns_refused else None
        for name, site in names + [(n, None) for n in mx_only]:
            for rtype in ("MX",) if name in mx_only else DNS_TYPES:
                entry = IndexEntry(url=f"dns:{name}?type={rtype}", kind="dns", site=site,
                                   extra={"name": name, "type": rtype})
                if dns_refused:
                    entry.error = dns_refused
                elif dns_server is None and is_reserved(name):
                    entry.error = f"{name} : domaine réservé (RFC 6761), jamais envoyé au DNS ; voir --dns-server"
                else:
                    try:
                        data = lookup(resolver, name, rtype)
                    except dns.exception.DNSException as exc:
                        entry.error = f"{exc.__class__.__name__}: {exc}"[:500]
                    else:
                        writer.write_resource(entry, content_type="application/json",
                                              payload=json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
                        continue
                writer.write_index(entry)
        for domain, site in domains:
            entry = IndexEntry(url=f"whois:{domain}", kind="whois", site=site, extra={"domain": domain})
            if whois_refused:
                entry.error = whois_refused
            elif whois_server is None and is_reserved(domain):
                entry.error = f"{domain} : domaine réservé (RFC 6761), sans WHOIS ; voir --whois-server"
            else:
                try:
                    reply = whois_reply(domain, whois_server, getattr(options, "whois_pace", None))
                except (OSError, UnicodeError) as exc:
                    entry.error = f"{exc.__class__.__name__}: {exc}"[:500]
                else:
                    text = reply["text"]
                    data = parse_whois(domain, text)
                    data["server"], data["asked_at"] = reply["server"], reply["asked_at"]
                    data["raw"] = text[:WHOIS_RAW_CAP]
                    writer.write_resource(entry, content_type="application/json",
                                          payload=json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
                    continue
            writer.write_index(entry)
        for host in hosts:
            _tls_fact(writer, host, site_of[host], options, allow_private)
    finally:
        writer.close()


def _tls_fact(writer: ArchiveWriter, host: str, site: str, options, allow_private: bool) -> None:
    """The certificate of host:443, verified (crawler/tlsfacts.py): a resource, or an index line."""
    from crawler.tlsfacts import NoAnswer, verify

    entry = IndexEntry(url=f"tls:{host}", kind="tls", site=site, extra={"host": host})
    try:
        data = verify(host, {h.lower(): v for h, v in (getattr(options, "host_map", None) or {}).items()},
                      allow_private, float(getattr(options, "timeout", 30.0) or 30.0),
                      getattr(options, "ca_file", None))
    except NoAnswer as exc:
        entry.error = str(exc)[:500]
        writer.write_index(entry)
        return
    if data.get("tls") is False:  # the crawl does not ask it over https again (crawler/reachability.py)
        netcache.remember_no_tls(host, str(data.get("error") or "pas de TLS"))
    writer.write_resource(entry, content_type="application/json",
                          payload=json.dumps(data, ensure_ascii=False, sort_keys=True).encode())
