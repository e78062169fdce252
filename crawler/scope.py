"""Which URLs belong to a website: same registered domain (public suffix list bundled, no download)."""
from __future__ import annotations

import ipaddress
import threading
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() : use the snapshot bundled with tldextract, never fetch it.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
# tldextract builds its suffix tables on first use (~5 MB) without a lock: candidates prepared at once,
# each in its thread, each built its own copy at the same time (peak RSS +80 MB with 16 candidates).
_EXTRACT_LOCK = threading.Lock()


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """`www.ville.fr` -> `ville.fr`; IP literals stay as they are; unknown suffixes keep 2 labels."""
    host = host.lower().strip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    with _EXTRACT_LOCK:
        ext = _EXTRACT(host)
    if ext.suffix and ext.domain:
        return f"{ext.domain}.{ext.suffix}"
    labels = host.split(".")
    return ".".join(labels[-2:])


def site_key(url: str) -> str:
    """The scope of a URL: its registered domain (plus the port for IP literals)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    key = registered_domain(host)
    if key == host and parts.port and _is_ip(host):
        key = f"{host}:{parts.port}"
    return key


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False
