"""Hand-written renderings in the shape ground.rendered.read_renderings gives (render_spec §1), for the
rendered signals' tests: a commune's site www.ville.fr, its Matomo on stats.ville.fr."""
from __future__ import annotations

from datetime import datetime, timezone

from tests.checks.baseline import html, observations, page

HOME = "https://www.ville.fr/"
LEGAL = "https://www.ville.fr/mentions-legales"
CONTACT = "https://www.ville.fr/contact"
WHEN = "2026-12-06T10:00:00Z"
WHEN_TS = datetime(2026, 12, 6, 10, 0, tzinfo=timezone.utc).timestamp()
DOM = "<html lang=\"fr\"><head><title>Accueil</title></head><body><main><h1>Ville</h1></main></body></html>"
DAY = 86400


def parser(url: str = HOME) -> dict:
    return {"type": "parser", "url": url}


def by_script(url: str) -> dict:
    return {"type": "script", "url": url}


def req(url: str, initiator: dict | None, resource_type: str = "script", third_party: bool = False,
        status: int | None = 200, refused: str | None = None, failure: str | None = None,
        after_consent: bool = False) -> dict:
    return {"url": url, "method": "GET", "resource_type": resource_type, "frame_url": HOME,
            "initiator": initiator, "status": None if refused or failure else status, "failure": failure,
            "refused": refused, "third_party": third_party, "after_consent": after_consent}


def cookie(name: str, domain: str, days: float | None, third_party: bool = False) -> dict:
    """A cookie of the jar; `days`: its lifetime from the visit, None for a session cookie."""
    return {"name": name, "domain": domain, "path": "/", "expires": None if days is None else WHEN_TS + days * DAY,
            "http_only": False, "secure": True, "same_site": "Lax", "third_party": third_party}


def rendering(url: str = HOME, requests: list[dict] | None = None, cookies: list[dict] | None = None,
              local: list[str] | None = None, session: list[str] | None = None, visit: str = "first",
              error: str | None = None, dom: str = DOM, consent: dict | None = None, n: int = 1) -> dict:
    origin = "https://www.ville.fr"
    return {"url": url, "visit": visit, "rendered_at": WHEN, "final_url": url if dom else None,
            "status": 200 if dom else None, "error": error, "dom": dom, "dom_truncated": False,
            "requests": requests or [], "requests_dropped": 0, "cookies": cookies or [],
            "storage": {"origin": origin if dom else None, "localStorage": local or [], "sessionStorage": session or []},
            "consent": consent, "axe": None, "screenshot": None,
            "record_ids": {"facts": f"<urn:uuid:render-{visit}-{n}>", "dom": None, "screenshot": None, "axe": None},
            "sha256": {"facts": f"{n:064x}", "dom": None, "screenshot": None, "axe": None},
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) tnl-evidence", "viewport": [1280, 800],
            "browser": "chromium 120"}


def tarteaucitron_clicked(before: list[dict] | None = None) -> dict:
    return {"manager": "tarteaucitron", "selector": "#tarteaucitronPersonalize2", "clicked": True, "error": None,
            "cookies_before": before or [], "storage_before": {"origin": "https://www.ville.fr",
                                                                "localStorage": [], "sessionStorage": []}}


def obs_with(*renderings: dict, served: dict[str, str] | None = None, render: dict | None = None):
    """Observations of www.ville.fr holding these renderings; `served`: {url: head HTML} of the pages
    as the static crawl archived them."""
    served = served or {HOME: ""}
    pages = [page(html(head=head), url=url, homepage=url == HOME) for url, head in served.items()]
    obs = observations(pages, candidate={"websites": [HOME]})
    obs.renderings = list(renderings)
    obs.render = render or {}
    return obs

