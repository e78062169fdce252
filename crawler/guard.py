"""Refuse private, loopback and link-local targets unless allowed; apply the --resolve host map."""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from ground.hosts import is_reserved

REFUSED_PREFIX = "adresse privée refusée"


def _ip(address: str):
    """The address as an ipaddress object (IPv4-mapped IPv6 unwrapped), or None if not an IP."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    return ip.ipv4_mapped if ip.version == 6 and ip.ipv4_mapped else ip


def is_private(address: str) -> bool:
    """Loopback, private, link-local (cloud metadata 169.254.169.254), unique-local, reserved."""
    ip = _ip(address)
    return ip is not None and (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
                               or ip.is_multicast or ip.is_unspecified)


def is_link_local(address: str) -> bool:
    """169.254.0.0/16 and fe80::/10: cloud metadata services live there; never a target."""
    ip = _ip(address)
    return ip is not None and ip.is_link_local


class AddressGuardMiddleware:
    """Downloader middleware: every request and every redirect passes here before the network.

    `--allow-private` lets the crawl reach private or loopback addresses, but only for hosts the
    user named: the hosts of the candidates' start URLs and the hosts mapped with --resolve. A
    redirect or a link from a site to any other private address is an SSRF attempt: refused
    whatever the flags. Link-local addresses (cloud metadata) are always refused.
    """

    def __init__(self, allow_private: bool, host_map: dict[str, str], crawler=None) -> None:
        self.allow_private = allow_private
        self.host_map = {h.lower(): v for h, v in host_map.items()}
        self._resolved: dict[str, list[str]] = {}
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(s.getbool("TNL_ALLOW_PRIVATE"), dict(s.getdict("TNL_HOST_MAP")), crawler)

    def _declared(self, host: str) -> bool:
        """A host the user named: mapped with --resolve, or the host of a start URL."""
        if host in self.host_map:
            return True
        spider = getattr(self.crawler, "spider", None)
        declared = spider.declared_urls() if hasattr(spider, "declared_urls") else []
        return any((urlsplit(u).hostname or "").lower() == host for u in declared)

    def _addresses(self, host: str) -> list[str]:
        if host in self._resolved:
            return self._resolved[host]
        try:
            ipaddress.ip_address(host)
            addrs = [host]
        except ValueError:
            try:
                infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
                addrs = sorted({info[4][0] for info in infos})
            except (socket.gaierror, UnicodeError, OSError):
                addrs = []  # the download itself will fail and be indexed as a DNS error
        self._resolved[host] = addrs
        return addrs

    def process_request(self, request, spider=None):
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        mapped = self.host_map.get(host)
        if mapped:
            # The mapped address is an HTTP proxy: https goes through it with CONNECT (a TLS tunnel).
            if parts.scheme not in ("http", "https"):
                raise IgnoreRequest(f"{host} : --resolve ne prend en charge que http:// et https://")
            request.meta["proxy"] = f"http://{mapped}"
            addrs = [mapped.rsplit(":", 1)[0].strip("[]")]
        elif is_reserved(host) and host != "localhost":
            raise IgnoreRequest(f"{host} : nom introuvable (domaine réservé RFC 6761, jamais envoyé au DNS ; voir --resolve)")
        else:
            addrs = self._addresses(host)
        bad = [a for a in addrs if is_private(a)]
        if not bad:
            return None
        if any(is_link_local(a) for a in bad):
            raise IgnoreRequest(f"{REFUSED_PREFIX} : {host} → {bad[0]} (adresse lien-local, jamais autorisée)")
        if not self.allow_private:
            raise IgnoreRequest(f"{REFUSED_PREFIX} : {host} → {bad[0]} (voir --allow-private)")
        if not self._declared(host):
            raise IgnoreRequest(f"{REFUSED_PREFIX} : {host} → {bad[0]} (hôte non déclaré : redirection ou lien "
                                "vers le réseau interne)")
        return None
