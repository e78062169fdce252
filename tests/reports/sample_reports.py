"""Baseline report.json dicts for the renderer tests (a valid report; each test changes one fact)."""
from __future__ import annotations

from typing import Any

SITE = "http://www.libreville-isere.test/"
HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

DOMAINS = [
    ("strategie", "Stratégie et mutualisation"),
    ("interop_accessibilite", "Interopérabilité et accessibilité"),
    ("logiciels_libres", "Logiciels et systèmes libres"),
    ("communication", "Communication et écosystème du libre"),
    ("open_data", "Ouverture des données publiques"),
]


def evidence(path: str = "", snippet: str = "Accessibilité : partiellement conforme", n: int = 0) -> dict[str, Any]:
    return {
        "url": SITE + path,
        "fetched_at": f"2026-11-25T21:00:{n % 60:02d}.123456Z",
        "http_status": 200,
        "snippet": snippet,
        "sha256": HASH,
        "record_id": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
    }


def signal(sid: str, domain: str, assessment: str = "favorable", display: str = "oui", **extra: Any) -> dict[str, Any]:
    data = {
        "id": sid,
        "domain": domain,
        "title": f"Titre du signal {sid}",
        "description": f"Ce que mesure {sid} et pourquoi cela compte pour le label.",
        "value": display,
        "display": display,
        "assessment": assessment,
        "reason": None,
        "details": {},
        "evidence": [evidence(sid, n=1)],
    }
    data.update(extra)
    return data


def make_report(cid: str = "libreville-isere", name: str = "Libreville-sur-Isère") -> dict[str, Any]:
    signals = [
        signal("strategy_mentions", "strategie", display="2 mentions", value=2),
        signal(
            "a11y_mention", "interop_accessibilite", display="partiellement conforme",
            title="Mention d'accessibilité sur la page d'accueil",
        ),
        signal(
            "open_formats", "interop_accessibilite", assessment="defavorable", display="3 ODT sur 7 documents",
            details={"counts": {"odt": 3, "pdf": 4}, "share_open": 0.43},
        ),
        signal("cms", "logiciels_libres", assessment="neutre", display="WordPress", value="wordpress"),
        signal(
            "analytics", "logiciels_libres", assessment="inconnu", display="inconnu", value=None,
            reason="Page d'accueil inaccessible", evidence=[],
        ),
        signal("free_software_mentions", "communication", display="4 mentions", value=4),
        signal("fediverse", "communication", assessment="defavorable", display="aucun compte", value=[]),
        signal(
            "datagouv_datasets", "open_data", display="2 jeux de données", value=2,
            details={"datasets": [
                {"title": "Budget 2025", "url": "https://www.data.gouv.fr/fr/datasets/budget-2025/", "resources": 3},
                {"title": "Équipements", "url": "https://www.data.gouv.fr/fr/datasets/equipements/", "resources": 1},
            ]},
        ),
    ]
    domains = []
    for did, title in DOMAINS:
        mine = [s for s in signals if s["domain"] == did]
        counts = {a: sum(s["assessment"] == a for s in mine) for a in ("favorable", "defavorable", "neutre", "inconnu")}
        domains.append({"id": did, "title": title, "counts": counts, "signals": [s["id"] for s in mine]})
    return {
        "schema": "tnl-evidence/report",
        "schema_version": 1,
        "tool": {"name": "tnl-evidence", "version": "0.1.0"},
        "generated_at": "2026-11-25T21:00:00Z",
        "candidate": {
            "id": cid, "name": name, "kind": "commune", "siren": "213801514", "insee": "38999",
            "websites": [SITE], "opendata": [], "datagouv_organization": "libreville-sur-isere",
        },
        "crawl": {
            "started_at": "2026-11-25T20:58:00Z", "finished_at": "2026-11-25T21:00:00Z",
            "user_agent": "tnl-evidence/0.1.0 (+https://adullact.org)", "max_pages": 200, "max_depth": 4,
            "datagouv_api": "https://www.data.gouv.fr/api/1",
            "sites": [{"url": SITE, "reachable": True, "status": 200, "error": None, "pages": 24, "documents": 12}],
            "counts": {"urls_tried": 60, "pages": 40, "documents": 12, "api_responses": 4, "errors": 1},
        },
        "domains": domains,
        "signals": signals,
        "errors": [{
            "url": SITE + "absent.pdf", "site": SITE, "kind": "document",
            "fetched_at": "2026-11-25T20:59:00Z", "status": 404, "error": "HTTP 404",
        }],
    }
