"""Small data.gouv.fr API answers for the open_data check tests (shapes from the API v1 Swagger)."""
from __future__ import annotations

from tests.checks.baseline import api

API = "https://www.data.gouv.fr/api/1"
ORG = {"id": "5a1b2c3d4e5f6a7b8c9d0e1f", "name": "Ville d'Exemple", "slug": "ville-d-exemple",
       "business_number_id": "21380151700019", "page": "https://www.data.gouv.fr/fr/organizations/ville-d-exemple/",
       "badges": [{"kind": "public-service"}, {"kind": "certified"}]}


def ds(i: int, licence: str = "lov2", updated: str = "2026-10-01T08:00:00+00:00", schema: str | None = None,
       **extra) -> dict:
    res = {"id": f"r{i}", "format": "csv", "url": f"https://x/{i}.csv", "schema": {}}
    if schema:
        res["schema"] = {"name": schema, "version": "1.0.0"}
    return {"id": f"ds{i}", "title": f"Jeu {i}", "license": licence, "last_update": updated,
            "last_modified": updated, "resources": [res], **extra}


def answers(*datasets, org: dict = ORG) -> list:
    return [api(f"{API}/organizations/{org['slug']}/", "organization", org),
            api(f"{API}/datasets/?organization={org['id']}&page_size=100", "datasets",
                {"data": list(datasets), "page": 1, "page_size": 100, "total": len(datasets), "next_page": None})]


def not_found() -> list:
    return [api(f"{API}/organizations/?q=213801517&page_size=20", "organization_search", {"data": [], "total": 0}),
            api(f"{API}/organizations/?q=Exemple&page_size=20", "organization_search", {"data": [], "total": 0})]
