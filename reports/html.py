"""HTML view of one candidate's report.json (jinja2, autoescaped, no JavaScript, no external resource)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader

from tnl.archive import INDEX_NAME, REPORT_HTML, WARC_NAME

# --- User-facing French strings (Lighthouse "UIStrings" style) ------------------------------------
# Shared with reports/overview.py. Each entry notes where it is shown.
UI: dict[str, str] = {
    # top of every page
    "banner": (
        "Rapport généré automatiquement par tnl-evidence — "
        "les niveaux éventuels sont indicatifs, le jury décide."
    ),
    "label_name": "Label Territoire Numérique Libre",
    # <title> and <h1> of the candidate page
    "page_title": "Rapport de preuves — {name}",
    "kicker": "Rapport de preuves objectives et sourcées",
    # navigation of the candidate page
    "nav_label": "Sommaire",
    "nav_summary": "Synthèse",
    "nav_crawl": "Collecte",
    "nav_domains": "Domaines",
    "nav_errors": "Erreurs de collecte",
    # candidate identity block
    "kind": "Type",
    "siren": "SIREN",
    "insee": "Code INSEE",
    "websites": "Sites web",
    "opendata": "Portails de données ouvertes",
    "datagouv_org": "Organisation sur data.gouv.fr",
    "generated_at": "Rapport généré le",
    "none": "—",
    "none_given": "Non renseigné",
    # summary table of domains
    "summary_title": "Synthèse par domaine",
    "summary_intro": (
        "Nombre de signaux par appréciation dans chacun des cinq domaines du label. "
        "Chaque nombre renvoie à la section du domaine, où figurent les preuves."
    ),
    "summary_caption": "Répartition des signaux par domaine et par appréciation",
    "col_domain": "Domaine",
    "col_total": "Total",
    # crawl section
    "crawl_title": "Ce qui a été collecté",
    "crawl_started": "Début de la collecte",
    "crawl_finished": "Fin de la collecte",
    "crawl_user_agent": "Agent utilisateur (User-Agent)",
    "crawl_limits": "Limites",
    "crawl_limits_value": "{max_pages} pages au plus par site, profondeur {max_depth} au plus",
    "crawl_api": "API data.gouv.fr interrogée",
    "crawl_sites_caption": "Sites web parcourus",
    "col_site": "Site",
    "col_reachable": "Accessible",
    "col_http_status": "Statut HTTP",
    "col_error": "Erreur",
    "col_pages": "Pages",
    "col_documents": "Documents",
    "reachable_yes": "Oui",
    "reachable_no": "Non",
    "reachable_unknown": "Inconnu",
    "no_sites": "Aucun site n'a été parcouru.",
    "totals_caption": "Totaux de la collecte",
    "count_urls_tried": "URL tentées",
    "count_pages": "Pages",
    "count_documents": "Documents",
    "count_api_responses": "Réponses de l'API",
    "count_errors": "Erreurs",
    "archive_note": (
        "Chaque URL tentée figure dans le journal {index} ; chaque réponse est conservée, "
        "avec son empreinte SHA-256, dans l'archive WARC {warc}, placée à côté de ce rapport."
    ),
    # indicative levels (summary and each domain section)
    "levels_title": "Niveaux indicatifs",
    "levels_intro": (
        "Niveau de 1 à 5 par domaine, calculé à partir des signaux selon la grille {rubric} "
        "(empreinte {sha}). Ces niveaux sont indicatifs : le jury décide."
    ),
    "levels_edition": "Grille et intitulés de l'édition suivie : {edition}.",
    "levels_profile": "Seuils ajustés au type et à la taille de la collectivité : profil « {title} ».",
    "levels_no_profile": "Seuils de la grille générale (aucun profil de type ou de taille ne s'applique).",
    "levels_profile_levels": "Parts des points exigées par niveau (niveau : part) : {shares}",
    "levels_override": "« {signal} » : poids {weight} (grille générale : {general})",
    "levels_caption": "Niveau indicatif et points par domaine",
    "col_level": "Niveau indicatif",
    "col_points": "Points",
    "level_none": "non évalué",
    "radar_title": "Niveaux indicatifs par domaine (radar)",
    "radar_desc": "Niveau indicatif de 1 à 5 pour chacun des domaines : {values}.",
    "domain_level": "Niveau indicatif : {level} — {points} points sur {max}",
    "domain_level_none": "Niveau indicatif : non évalué (aucun signal applicable)",
    "points_caption": "Points de chaque signal du domaine « {title} »",
    "col_signal": "Signal",
    "col_assessment": "Appréciation",
    "col_weight": "Poids",
    "not_applicable": "non applicable",
    "to_raise_title": "Pour progresser",
    "to_raise_item": "« {title} » : +{gain} points s'il devenait favorable (niveau indicatif {level})",
    # claims
    "claims_title": "Déclarations du candidat",
    "claims_intro": "Chaque déclaration du dossier est confrontée au signal qu'elle vise.",
    "claims_none": "Aucune déclaration n'accompagne cette candidature.",
    "claims_caption": "Déclarations et vérification",
    "col_claim": "Déclaration",
    "col_expect": "Attendu",
    "col_status": "Vérification",
    "col_finding": "Constat",
    # domain sections
    "domain_empty": "Aucun signal pour ce domaine.",
    "domain_counts": "{n} signal(s)",
    "signal_value": "Valeur constatée",
    "signal_reason": "Remarque",
    "signal_details": "Éléments détaillés",
    "signal_id": "Identifiant du signal",
    "evidence_title": "Preuves",
    "evidence_caption": "Preuves du signal « {title} »",
    "evidence_none": "Aucune preuve enregistrée pour ce signal.",
    "evidence_more": "Afficher les {n} autres preuves",
    "col_link": "Lien",
    "col_date": "Date",
    "col_snippet": "Extrait",
    "col_sha256": "SHA-256",
    "sha_title": "SHA-256 complet : {sha}",
    "record_title": "Enregistrement WARC : {record}",
    "inert_link": "adresse non cliquable (schéma non http/https)",
    "yes": "oui",
    "no": "non",
    "empty_list": "(liste vide)",
    "more_items": "Afficher les {n} autres éléments",
    # errors section
    "errors_title": "Erreurs de collecte",
    "errors_none": "Aucune erreur de collecte.",
    "errors_caption": "URL qui n'ont pas pu être collectées",
    "errors_more": "Afficher les {n} autres erreurs",
    "col_url": "URL",
    "col_kind": "Type",
    # footer
    "footer": "Produit par {tool} {version} — format {schema} v{schema_version}.",
    "footer_json": (
        "La version de référence de ce rapport est le fichier report.json ; "
        "cette page n'en est qu'une présentation."
    ),
}

# Assessment labels (closed set of tnl.model.ASSESSMENTS): badge text next to every signal value.
ASSESSMENT_LABELS: dict[str, str] = {
    "favorable": "Favorable",
    "defavorable": "Défavorable",
    "neutre": "Neutre",
    "inconnu": "Inconnu",
}
# A shape as well as a colour, so the badge reads in black and white and for colour-blind readers.
ASSESSMENT_SYMBOLS: dict[str, str] = {
    "favorable": "✔",
    "defavorable": "✘",
    "neutre": "●",
    "inconnu": "?",
}

# Candidate kinds (tnl.candidates.KINDS): shown in the identity block and the overview.
KIND_LABELS: dict[str, str] = {
    "commune": "commune",
    "epci": "intercommunalité (EPCI)",
    "departement": "département",
    "region": "région",
    "autre": "autre",
}

# Kinds of URL in the crawl index (tnl.archive.IndexEntry.kind): errors table.
URL_KIND_LABELS: dict[str, str] = {
    "page": "page",
    "document": "document",
    "robots": "robots.txt",
    "api": "API",
    "other": "autre",
}

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
# -----------------------------------------------------------------------------------------------

# Rows shown before the rest is folded into a <details> element.
FOLD_AFTER = 10
# Nested details deeper than this are shown as compact JSON rather than nested tables.
MAX_DETAILS_DEPTH = 3
SHORT_HASH = 12

# Only these become href: anything else (javascript:, data:, vbscript:, relative) stays inert text.
# Whitespace and control characters are refused too, since browsers strip them before the scheme.
_SAFE_URL_RE = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_ANCHOR_RE = re.compile(r"[^a-z0-9_-]+")


def safe_href(url: Any) -> str | None:
    """The URL if it may be used as an href (absolute http/https), else None."""
    if isinstance(url, str) and _SAFE_URL_RE.fullmatch(url):
        return url
    return None


def anchor(prefix: str, ident: Any) -> str:
    """A valid, predictable HTML id for a domain or signal id."""
    return f"{prefix}-{_ANCHOR_RE.sub('-', str(ident).lower()).strip('-') or 'x'}"


def short_hash(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= SHORT_HASH else text[:SHORT_HASH] + "…"


def format_date(value: Any) -> str:
    """ISO 8601 UTC timestamp as French words ('25 novembre 2026 à 21:00:01 UTC'); raw text if unparsable."""
    if not value:
        return UI["none"]
    text = str(value)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} à {moment:%H:%M:%S} UTC"


def kind_label(kind: Any) -> str:
    return KIND_LABELS.get(str(kind), str(kind) if kind else UI["none_given"])


def assessment_label(value: Any) -> str:
    return ASSESSMENT_LABELS.get(str(value), str(value) if value else ASSESSMENT_LABELS["inconnu"])


def assessment_class(value: Any) -> str:
    return f"a-{value}" if value in ASSESSMENT_LABELS else "a-autre"


def assessment_symbol(value: Any) -> str:
    return ASSESSMENT_SYMBOLS.get(str(value), "•")


def url_kind_label(kind: Any) -> str:
    return URL_KIND_LABELS.get(str(kind), str(kind) if kind else UI["none"])


def columns_of(rows: list[Any]) -> list[str]:
    """Union of the keys of a list of objects, in order of first appearance (details tables)."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(str(key), None)
    return list(seen)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def url_path_segment(value: Any) -> str:
    """A candidate id as one relative URL path segment (no scheme, no '/' escape)."""
    return quote(str(value), safe="")


def make_env() -> Environment:
    """The one jinja2 environment of the renderers: autoescape on for every template."""
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_href=safe_href,
        short_hash=short_hash,
        date_fr=format_date,
        kind_label=kind_label,
        assessment_label=assessment_label,
        assessment_class=assessment_class,
        assessment_symbol=assessment_symbol,
        url_kind_label=url_kind_label,
        columns_of=columns_of,
        path_segment=url_path_segment,
    )
    env.globals.update(
        ui=UI,
        anchor=anchor,
        assessment_labels=ASSESSMENT_LABELS,
        fold_after=FOLD_AFTER,
        max_details_depth=MAX_DETAILS_DEPTH,
    )
    env.tests.update(number_value=is_number, scalar=is_scalar)
    return env


def _signals_by_domain(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Pair each domain of the JSON with its signals, in the JSON's order (no reordering, no scoring)."""
    signals = report.get("signals") or []
    by_id = {s.get("id"): s for s in signals}
    domains = []
    for domain in report.get("domains") or []:
        listed = [by_id[sid] for sid in domain.get("signals") or [] if sid in by_id]
        listed_ids = {s.get("id") for s in listed}
        # A signal carrying this domain but missing from the domain's list is still shown.
        extra = [s for s in signals if s.get("domain") == domain.get("id") and s.get("id") not in listed_ids]
        domains.append({**domain, "signal_list": listed + extra})
    return domains


CLAIM_CLASSES = {"confirmé": "favorable", "contredit": "defavorable", "non vérifiable": "inconnu"}


def _radar(levels: list[dict[str, Any]]):
    from reports.charts import radar

    values = ", ".join(f"{d.get('title')} {d.get('level') or UI['level_none']}" for d in levels)
    return radar(levels, UI["radar_title"], UI["radar_desc"].format(values=values))


def render_candidate(report: dict[str, Any], out_dir: Path) -> Path:
    """Write `<out_dir>/report.html` from one report.json dict; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tool = report.get("tool") or {}
    html = make_env().get_template("candidate.html.j2").render(
        report=report,
        candidate=report.get("candidate") or {},
        crawl=report.get("crawl") or {},
        domains=_signals_by_domain(report),
        levels={d.get("domain"): d for d in report.get("levels") or []},
        radar=_radar(report.get("levels") or []),
        claims=report.get("claims") or [],
        claim_classes=CLAIM_CLASSES,
        rubric=report.get("rubric") or {},
        errors=report.get("errors") or [],
        tool=tool,
        generator=f"{tool.get('name') or 'tnl-evidence'} {tool.get('version') or ''}".strip(),
        index_name=INDEX_NAME,
        warc_name=WARC_NAME,
    )
    path = out_dir / REPORT_HTML
    path.write_text(html, encoding="utf-8")
    return path
