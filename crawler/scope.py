"""Which URLs belong to a website: same registered domain (public suffix list bundled, no download)."""
from __future__ import annotations

from urllib.parse import urlsplit

from ground.hosts import is_ip, registered_domain  # noqa: F401 - the crawler's scope is the registered domain


def site_key(url: str) -> str:
    """The scope of a URL: its registered domain (plus the port for IP literals)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    key = registered_domain(host)
    if key == host and parts.port and is_ip(host):
        key = f"{host}:{parts.port}"
    return key


