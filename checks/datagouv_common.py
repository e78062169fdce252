"""Shared reading of the archived data.gouv.fr API answers: which organisation, how found, which datasets."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from checks.base import api_evidence, parse_datetime
from ground.model import Evidence
from ground.observations import ApiResponse, Observations

# How the crawler found the organisation (crawler/spiders/candidate.py: slug, then SIREN, then name).
FOUND_BY_LABELS = {"slug": "identifiant indiqué dans le fichier des candidats",
                   "siren": "recherche par SIREN (business_number_id)",
                   "name": "recherche par nom"}


@dataclass
class DatagouvView:
    """What the archived API answers say about one candidate's organisation and its datasets."""

    answered: list[ApiResponse]
    org_id: str | None = None
    organisation: dict | None = None
    org_response: ApiResponse | None = None
    found_by: str | None = None  # slug | siren | name
    dataset_pages: list[ApiResponse] = field(default_factory=list)
    datasets: dict[str, dict] = field(default_factory=dict)  # id -> dataset, first seen kept
    dataset_response: dict[str, ApiResponse] = field(default_factory=dict)  # id -> the page that listed it
    searches: list[ApiResponse] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return (self.organisation or {}).get("name") or self.org_id

    def search_evidence(self) -> list[Evidence]:
        return [api_evidence(r, f"recherche : {urlsplit(r.url).query} → "
                                f"{len((r.data or {}).get('data') or [])} résultat(s)") for r in self.searches]

    def dataset_evidence(self, dataset_id: str, snippet: str) -> Evidence | None:
        resp = self.dataset_response.get(dataset_id)
        return api_evidence(resp, snippet) if resp is not None else None


def unanswered_reason(obs: Observations) -> str | None:
    """Why the API could not be read at all, or None when at least one answer was archived."""
    if any(r.status is not None for r in obs.api):
        return None
    errors = [e.error for e in obs.index if e.kind == "api" and e.error]
    return "API data.gouv.fr non consultée ou injoignable" + (f" : {errors[-1]}" if errors else "")


def _search_query(resp: ApiResponse) -> str:
    return (parse_qs(urlsplit(resp.url).query).get("q") or [""])[0]


def view(obs: Observations) -> DatagouvView:
    """The organisation the crawler settled on (the one whose datasets it listed) and its datasets."""
    answered = [r for r in obs.api if r.status is not None]
    out = DatagouvView(answered=answered)
    out.searches = [r for r in answered if r.purpose == "organization_search" and isinstance(r.data, dict)]
    out.dataset_pages = [r for r in answered if r.purpose == "datasets" and r.status == 200
                         and isinstance(r.data, dict)]
    if out.dataset_pages:
        out.org_id = parse_qs(urlsplit(out.dataset_pages[0].url).query).get("organization", [None])[0]
    for r in answered:
        if r.purpose == "organization" and r.status == 200 and isinstance(r.data, dict) \
                and r.data.get("id") == out.org_id:
            out.organisation, out.org_response, out.found_by = r.data, r, "slug"
        elif r.purpose == "organization_search" and isinstance(r.data, dict) and out.organisation is None:
            for org in r.data.get("data") or []:
                if isinstance(org, dict) and org.get("id") == out.org_id and out.org_id:
                    out.organisation, out.org_response = org, r
                    query = "".join(_search_query(r).split())
                    out.found_by = "siren" if query.isdigit() else "name"
                    break
    for r in out.dataset_pages:
        for ds in r.data.get("data") or []:
            if isinstance(ds, dict) and ds.get("id") and ds["id"] not in out.datasets:
                out.datasets[ds["id"]] = ds
                out.dataset_response[ds["id"]] = r
    return out


parse_date = parse_datetime  # API dates are ISO 8601, with or without a zone


def nothing_to_judge(dg) -> str:
    """The display of a dataset signal when there is no dataset to look at (French)."""
    why = "aucune organisation trouvée" if dg.org_id is None else "aucun jeu de données publié"
    return f"rien à évaluer : {why} sur data.gouv.fr"
