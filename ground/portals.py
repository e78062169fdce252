"""Open-data portals: which links point to one, and which public API answers reveal its software.

Shared by the crawler (crawler/portal_probe.py sends the probes) and the checks (opendata_portal and
website_links_opendata judge the archived answers): pure functions, no I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from ground.memo import per_candidate
from ground.text import fold, squash

# Host names of local portals usually start with one of these labels (data.grandlyon.com,
# opendata.paris.fr, donnees.roubaix.fr, open-data.ville.fr).
HOST_PREFIXES = ("data.", "opendata.", "open-data.", "donnees.", "donneesouvertes.")
# Hosted platforms: <client>.opendatasoft.com (OpenDataSoft's SaaS), <client>.data4citizen.com.
HOSTED_SUFFIXES = (".opendatasoft.com", ".data4citizen.com")
# National and European catalogues, and other sites that are never a collectivité's own portal.
NATIONAL_HOSTS = ("data.gouv.fr", "www.data.gouv.fr", "schema.data.gouv.fr", "data.europa.eu", "data.gouv.test",
                  "www.data.gouv.test", "data.culture.gouv.fr", "data.economie.gouv.fr", "data.education.gouv.fr")
# Link wording that announces a portal (folded: lower case, no accents).
LINK_TEXT = re.compile(r"\b(open ?data|donnees (publiques )?ouvertes|portail (des |de )?donnees|opendata)\b")


def _link_words(text: str) -> str:
    """A link's text as LINK_TEXT reads it: folded, hyphens as spaces, spaces squashed."""
    return squash(fold(text or "").replace("-", " "))


def is_national(hostname: str) -> bool:
    return any(hostname == h or hostname.endswith("." + h) for h in NATIONAL_HOSTS)


@per_candidate(65536)  # menus repeat the same links on every page; the checks ask several times
def portal_root(url: str, text: str, page_host: str) -> str | None:
    """The root URL of the open-data portal a link points to, or None if it does not look like one.

    A link counts when its host looks like a portal (data.…, opendata.…, a hosted platform) or
    when its wording says "open data" / "données ouvertes" and it leaves the page's own host.
    """
    parts = urlsplit(url)
    h = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not h or is_national(h):
        return None
    by_host = h.startswith(HOST_PREFIXES) or h.endswith(HOSTED_SUFFIXES)
    by_text = h != page_host and bool(LINK_TEXT.search(_link_words(text)))
    if not (by_host or by_text):
        return None
    netloc = h if parts.port is None else f"{h}:{parts.port}"
    return f"{parts.scheme}://{netloc}/"


# --- software fingerprints from public API answers ----------------------------------------------


@dataclass(frozen=True)
class ApiProbe:
    path: str
    software: str  # udata | ckan | opendatasoft | datafair | dcat
    matches: Callable[[Any, str], bool]  # (JSON data or None, body text) -> does it answer like this software?
    note: str  # French: what the answer shows


def _udata_site(data, text):
    return isinstance(data, dict) and "id" in data and "title" in data and "metrics" in data


def _udata_datasets(data, text):
    return isinstance(data, dict) and isinstance(data.get("data"), list) and "page_size" in data and "next_page" in data


def _ckan(data, text):
    return isinstance(data, dict) and data.get("success") is True and "result" in data and "help" in data


def _ods_v21(data, text):
    return isinstance(data, dict) and "total_count" in data and isinstance(data.get("results"), list)


def _ods_v2(data, text):
    return isinstance(data, dict) and "total_count" in data and isinstance(data.get("datasets"), list)


def _datafair(data, text):
    return isinstance(data, dict) and "count" in data and isinstance(data.get("results"), list)


def _dcat(data, text):
    if isinstance(data, dict):
        graph = data.get("@graph") if isinstance(data.get("@graph"), list) else [data]
        types = " ".join(str(n.get("@type", "")) for n in graph if isinstance(n, dict))
        return "dcat:Catalog" in types or "Catalog" in types.split() or "dcat" in str(data.get("@context", ""))
    return "dcat:Catalog" in text[:20000] or "http://www.w3.org/ns/dcat#Catalog" in text[:20000]


def _data_json(data, text):
    return isinstance(data, dict) and isinstance(data.get("dataset"), list) and "conformsTo" in data


API_PROBES: tuple[ApiProbe, ...] = (
    ApiProbe("/api/1/site/", "udata", _udata_site, "API udata /api/1/site/"),
    ApiProbe("/api/1/datasets/?page_size=1", "udata", _udata_datasets, "API udata /api/1/datasets/"),
    ApiProbe("/api/3/action/status_show", "ckan", _ckan, "API CKAN status_show"),
    ApiProbe("/api/3/action/package_list", "ckan", _ckan, "API CKAN package_list"),
    ApiProbe("/api/explore/v2.1/catalog/datasets?limit=1", "opendatasoft", _ods_v21, "API Explore v2.1 d'OpenDataSoft"),
    ApiProbe("/api/v2/catalog/datasets", "opendatasoft", _ods_v2, "API v2 d'OpenDataSoft"),
    ApiProbe("/data-fair/api/v1/datasets?size=1", "datafair", _datafair, "API Data Fair"),
    ApiProbe("/catalog.jsonld", "dcat", _dcat, "catalogue DCAT (JSON-LD)"),
    ApiProbe("/catalog.rdf", "dcat", _dcat, "catalogue DCAT (RDF/XML)"),
    ApiProbe("/data.json", "dcat", _data_json, "catalogue DCAT-US data.json"),
)

# Software names shown to the reader, and whether each is free software (its licence).
SOFTWARE: dict[str, dict[str, Any]] = {
    "udata": {"label": "udata", "free": True, "licence": "AGPL-3.0"},
    "ckan": {"label": "CKAN", "free": True, "licence": "AGPL-3.0"},
    "datafair": {"label": "Data Fair", "free": True, "licence": "AGPL-3.0"},
    "opendatasoft": {"label": "OpenDataSoft", "free": False, "licence": "propriétaire (SaaS)"},
    "dcat": {"label": "catalogue DCAT (logiciel non identifié)", "free": None, "licence": None},
}
PURPOSE_PREFIX = "portal:"


def purpose(probe: ApiProbe) -> str:
    return f"{PURPOSE_PREFIX}{probe.software}"


def probe_for(url: str, purpose_: str) -> ApiProbe | None:
    """The ApiProbe an archived probe URL was sent for (by its path, query included)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return next((p for p in API_PROBES if p.path == path and purpose(p) == purpose_), None)
