"""Host names: the host of a URL, its registered domain, and the special-use names never sent to DNS."""
from __future__ import annotations

import ipaddress
import re
import threading
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

from ground.memo import per_candidate

# Special-use names (RFC 6761 / RFC 2606): never sent to DNS; reachable only through --resolve.
RESERVED_TLDS = ("test", "example", "invalid", "localhost")

# suffix_list_urls=() : use the snapshot bundled with tldextract, never fetch it.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
# tldextract builds its suffix tables on first use (~5 MB) without a lock: candidates prepared at once,
# each in its thread, each built its own copy at the same time (peak RSS +80 MB with 16 candidates).
_EXTRACT_LOCK = threading.Lock()


@per_candidate(65536)  # every link of every page is looked at by several checks
def url_host(url: str) -> str:
    """The lower-case host name of a URL, without a trailing dot; "" if it has none."""
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def is_reserved(host: str) -> bool:
    """A special-use name (.test, .example, .invalid, .localhost): no DNS server is ever asked for it.

    The bare name `localhost` is one too; the system resolves it to loopback (RFC 6761 section 6.3),
    so the crawl's guard lets the system answer and refuses it as a loopback address instead."""
    return host.lower().rstrip(".").rsplit(".", 1)[-1] in RESERVED_TLDS


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


@lru_cache(maxsize=65536)
def registered_domain(host: str) -> str:
    """`www.ville.fr` -> `ville.fr`, `x.agglo.gouv.fr` -> `agglo.gouv.fr` (the public suffix list bundled
    with tldextract); IP literals stay as they are; unknown suffixes (.test) keep two labels."""
    host = host.lower().strip(".")
    if is_ip(host):
        return host
    with _EXTRACT_LOCK:
        ext = _EXTRACT(host)
    if ext.suffix and ext.domain:
        return f"{ext.domain}.{ext.suffix}"
    labels = host.split(".")
    return ".".join(labels[-2:])


def ascii_host(host: str) -> str:
    """A host name as DNS knows it: lower case, no trailing dot, an internationalised name in its
    ASCII form (`Mairie-Évian.FR.` -> `xn--mairie-vian-hbb.fr`); left lower-cased when not encodable."""
    host = host.strip().lower().strip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


_EMAIL = re.compile(r"^[^@\s]+@([^@\s.]+(?:\.[^@\s.]+)+)\.?$")


def email_domain(address: str | None) -> str | None:
    """The domain of an e-mail address, as ascii_host() writes it (`Mairie@Ville-X.FR.` -> `ville-x.fr`);
    None when `address` is not one (no @, spaces, no dot in the domain). A `mailto:` prefix is ignored."""
    text = (address or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    m = _EMAIL.match(text)
    return ascii_host(m.group(1)) if m else None
