"""Baseline observations for check tests: a reachable site with one neutral page; change one fact."""
from __future__ import annotations

import hashlib

from ground.html import parse_html
from ground.observations import ApiResponse, Document, Link, Observations, Page, SiteStatus

SITE = "https://www.exemple-commune.fr/"
WHEN = "2026-11-25T10:00:00.000000Z"


def page(html: str, url: str = SITE, homepage: bool | None = None, headers: dict | None = None,
         cookies: list[str] | None = None, depth: int = 0) -> Page:
    """A Page built by the real parser from HTML, as observe.build would."""
    body = html.encode("utf-8")
    fields = parse_html(body, url, "utf-8")
    return Page(url=url, site=SITE, depth=depth, status=200, fetched_at=WHEN,
                sha256=hashlib.sha256(body).hexdigest(), record_id=f"<urn:uuid:{url}>",
                is_homepage=(url == SITE) if homepage is None else homepage,
                headers=headers or {}, cookies=cookies or [], **fields)


def html(body: str = "<p>Bienvenue à Exemple.</p>", head: str = "", lang: str = "fr") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Accueil</title>{head}'
            f"</head><body>{body}</body></html>")


def document(url: str, fmt: str, fetched: bool = True, producer: str | None = None,
             linked_from: str = SITE) -> Document:
    return Document(url=url, format=fmt, linked_from=linked_from, fetched=fetched,
                    status=200 if fetched else None, fetched_at=WHEN if fetched else None,
                    sha256="0" * 64 if fetched else None, record_id="<urn:uuid:d>" if fetched else None,
                    size=1000 if fetched else None, producer=producer)


def api(url: str, purpose: str, data, status: int = 200) -> ApiResponse:
    return ApiResponse(url=url, status=status, fetched_at=WHEN, sha256="1" * 64, record_id="<urn:uuid:a>",
                       purpose=purpose, data=data)


def observations(pages: list[Page] | None = None, documents: list[Document] | None = None,
                 api_responses: list[ApiResponse] | None = None, reachable: bool = True,
                 candidate: dict | None = None, index=None) -> Observations:
    if pages is None:
        pages = [page(html())] if reachable else []
    cand = {"id": "exemple", "name": "Exemple", "kind": "commune", "siren": "213801517",
            "websites": [SITE], "opendata": []}
    cand.update(candidate or {})
    site = SiteStatus(url=SITE, reachable=reachable, status=200 if reachable else None,
                      error=None if reachable else "DNSLookupError: nom introuvable",
                      pages=len(pages))
    return Observations(candidate=cand, crawl={}, index=index or [], pages=pages,
                        documents=documents or [], api=api_responses or [], sites=[site])


__all__ = ["page", "html", "document", "api", "observations", "Link", "SITE", "WHEN"]
