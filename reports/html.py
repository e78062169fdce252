"""HTML view of one candidate's report.json (jinja2, autoescaped, no JavaScript, no external resource)."""
from __future__ import annotations

import copy
import re
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader

from ground.archive import INDEX_NAME, REPORT_HTML, WARC_NAME

# --- User-facing French strings (Lighthouse "UIStrings" style) ------------------------------------
# Shared with reports/overview.py. Each entry notes where it is shown. French is the default;
# UI_EN below holds the same keys in English (`--lang en`).
UI: dict[str, str] = {
    # skip link, first focusable element of every page
    "skip": "Aller au contenu",
    # after a label (French puts a space before the colon)
    "colon": " :",
    # top of every page
    "banner": (
        "Rapport généré automatiquement par tnl-evidence — "
        "les niveaux éventuels sont indicatifs, le jury décide."
    ),
    "label_name": "Label Territoire Numérique Libre",
    # <title> and <h1> of the candidate page
    "page_title": "Rapport de preuves — {name}",
    "kicker": "Rapport de preuves objectives et sourcées",
    # under the kicker: why some texts stay French (empty in French)
    "quoted_note": "",
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
    "radar_level": "niveau {level}",
    # rubric named in levels_intro when it is the default one or a shipped edition
    "rubric_default": "défaut",
    "rubric_edition": "édition {edition}",
    "domain_level": "Niveau indicatif : {level} — {points} points sur {max}",
    "domain_level_none": "Niveau indicatif : non évalué (aucun signal applicable)",
    "domain_level_reason": "Niveau indicatif : {reason}",
    # before the levels: the candidate's evaluation in one line (report.json `evaluation.summary`)
    "evaluation_label": "Évaluation",
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
    # Under the evidence of a signal that looked for something: what it went through.
    "searched": "Recherché dans {what} (la liste : index.jsonl du candidat).",
    "searched_pages": "{n} page(s)",
    "searched_documents": "{n} document(s)",
    "searched_and": " et ",
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

UI_EN: dict[str, str] = {
    "skip": "Skip to content",
    "colon": ":",
    "banner": (
        "Report generated automatically by tnl-evidence — "
        "any levels are indicative, the jury decides."
    ),
    "label_name": "Territoire Numérique Libre label",
    "page_title": "Evidence report — {name}",
    "kicker": "Report of objective, sourced evidence",
    "quoted_note": (
        "Observed values, remarks, detailed items, claims' findings, collection errors and snippets "
        "are quoted in French, as found on the websites or as computed by the checks."
    ),
    "nav_label": "Contents",
    "nav_summary": "Summary",
    "nav_crawl": "Collection",
    "nav_domains": "Domains",
    "nav_errors": "Collection errors",
    "kind": "Type",
    "siren": "SIREN",
    "insee": "INSEE code",
    "websites": "Websites",
    "opendata": "Open data portals",
    "datagouv_org": "Organisation on data.gouv.fr",
    "generated_at": "Report generated on",
    "none": "—",
    "none_given": "Not provided",
    "summary_title": "Summary by domain",
    "summary_intro": (
        "Number of signals by assessment in each of the label's five domains. "
        "Each number links to the domain's section, where the evidence is."
    ),
    "summary_caption": "Signals by domain and by assessment",
    "col_domain": "Domain",
    "col_total": "Total",
    "crawl_title": "What was collected",
    "crawl_started": "Collection started",
    "crawl_finished": "Collection finished",
    "crawl_user_agent": "User agent (User-Agent)",
    "crawl_limits": "Limits",
    "crawl_limits_value": "at most {max_pages} pages per site, depth at most {max_depth}",
    "crawl_api": "data.gouv.fr API queried",
    "crawl_sites_caption": "Websites crawled",
    "col_site": "Site",
    "col_reachable": "Reachable",
    "col_http_status": "HTTP status",
    "col_error": "Error",
    "col_pages": "Pages",
    "col_documents": "Documents",
    "reachable_yes": "Yes",
    "reachable_no": "No",
    "reachable_unknown": "Unknown",
    "no_sites": "No website was crawled.",
    "totals_caption": "Collection totals",
    "count_urls_tried": "URLs tried",
    "count_pages": "Pages",
    "count_documents": "Documents",
    "count_api_responses": "API responses",
    "count_errors": "Errors",
    "archive_note": (
        "Every URL tried is listed in the log {index}; every response is kept, "
        "with its SHA-256 fingerprint, in the WARC archive {warc}, next to this report."
    ),
    "levels_title": "Indicative levels",
    "levels_intro": (
        "Level from 1 to 5 per domain, computed from the signals with the rubric {rubric} "
        "(fingerprint {sha}). These levels are indicative: the jury decides."
    ),
    "levels_edition": "Rubric and wording of the edition followed: {edition}.",
    "levels_profile": "Thresholds adjusted to the type and size of the local authority: profile “{title}”.",
    "levels_no_profile": "Thresholds of the general rubric (no type or size profile applies).",
    "levels_profile_levels": "Share of the points required per level (level: share): {shares}",
    "levels_override": "“{signal}”: weight {weight} (general rubric: {general})",
    "levels_caption": "Indicative level and points per domain",
    "col_level": "Indicative level",
    "col_points": "Points",
    "level_none": "not assessed",
    "radar_title": "Indicative levels per domain (radar)",
    "radar_desc": "Indicative level from 1 to 5 for each domain: {values}.",
    "radar_level": "level {level}",
    "rubric_default": "default",
    "rubric_edition": "edition {edition}",
    "domain_level": "Indicative level: {level} — {points} points out of {max}",
    "domain_level_none": "Indicative level: not assessed (no applicable signal)",
    "domain_level_reason": "Indicative level: {reason}",
    "evaluation_label": "Evaluation",
    "points_caption": "Points of each signal of the domain “{title}”",
    "col_signal": "Signal",
    "col_assessment": "Assessment",
    "col_weight": "Weight",
    "not_applicable": "not applicable",
    "to_raise_title": "To progress",
    "to_raise_item": "“{title}”: +{gain} points if it became favourable (indicative level {level})",
    "claims_title": "Candidate's claims",
    "claims_intro": "Each claim of the application is checked against the signal it refers to.",
    "claims_none": "No claim comes with this application.",
    "claims_caption": "Claims and verification",
    "col_claim": "Claim",
    "col_expect": "Expected",
    "col_status": "Verification",
    "col_finding": "Finding",
    "domain_empty": "No signal for this domain.",
    "domain_counts": "{n} signal(s)",
    "signal_value": "Observed value",
    "signal_reason": "Remark",
    "signal_details": "Detailed items",
    "signal_id": "Signal identifier",
    "evidence_title": "Evidence",
    "evidence_caption": "Evidence of the signal “{title}”",
    "evidence_none": "No evidence recorded for this signal.",
    "searched": "Searched in {what} (the list: the candidate's index.jsonl).",
    "searched_pages": "{n} page(s)",
    "searched_documents": "{n} document(s)",
    "searched_and": " and ",
    "evidence_more": "Show the {n} other pieces of evidence",
    "col_link": "Link",
    "col_date": "Date",
    "col_snippet": "Snippet",
    "col_sha256": "SHA-256",
    "sha_title": "Full SHA-256: {sha}",
    "record_title": "WARC record: {record}",
    "inert_link": "address not clickable (scheme other than http/https)",
    "yes": "yes",
    "no": "no",
    "empty_list": "(empty list)",
    "more_items": "Show the {n} other items",
    "errors_title": "Collection errors",
    "errors_none": "No collection error.",
    "errors_caption": "URLs that could not be collected",
    "errors_more": "Show the {n} other errors",
    "col_url": "URL",
    "col_kind": "Type",
    "footer": "Produced by {tool} {version} — format {schema} v{schema_version}.",
    "footer_json": (
        "The reference version of this report is the file report.json; "
        "this page is only a presentation of it."
    ),
}

# Assessment labels (closed set of ground.model.ASSESSMENTS): badge text next to every signal value.
ASSESSMENT_LABELS: dict[str, str] = {
    "favorable": "Favorable",
    "defavorable": "Défavorable",
    "neutre": "Neutre",
    "inconnu": "Inconnu",
}
ASSESSMENT_LABELS_EN: dict[str, str] = {
    "favorable": "Favourable",
    "defavorable": "Unfavourable",
    "neutre": "Neutral",
    "inconnu": "Unknown",
}
# A shape as well as a colour, so the badge reads in black and white and for colour-blind readers.
ASSESSMENT_SYMBOLS: dict[str, str] = {
    "favorable": "✔",
    "defavorable": "✘",
    "neutre": "●",
    "inconnu": "?",
}

# Candidate kinds (ground.candidates.KINDS): shown in the identity block and the overview.
KIND_LABELS: dict[str, str] = {
    "commune": "commune",
    "epci": "intercommunalité (EPCI)",
    "departement": "département",
    "region": "région",
    "autre": "autre",
}

KIND_LABELS_EN: dict[str, str] = {
    "commune": "municipality (commune)",
    "epci": "intercommunality (EPCI)",
    "departement": "département",
    "region": "region",
    "autre": "other",
}

# Kinds of URL in the crawl index (ground.archive.IndexEntry.kind): errors table.
URL_KIND_LABELS: dict[str, str] = {
    "page": "page",
    "document": "document",
    "robots": "robots.txt",
    "api": "API",
    "other": "autre",
}

URL_KIND_LABELS_EN: dict[str, str] = {
    "page": "page",
    "document": "document",
    "robots": "robots.txt",
    "api": "API",
    "other": "other",
}

# Claim statuses (checks.claims.STATUSES, French in report.json): badge in the claims table.
CLAIM_STATUS_LABELS: dict[str, str] = {"confirmé": "confirmé", "contredit": "contredit",
                                       "non vérifiable": "non vérifiable"}
CLAIM_STATUS_LABELS_EN: dict[str, str] = {"confirmé": "confirmed", "contredit": "contradicted",
                                          "non vérifiable": "not verifiable"}

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Dates in words: "25 novembre 2026 à 21:00:01 UTC" / "25 November 2026 at 21:00:01 UTC".
DATE_FORMATS = {"fr": "{day} {month} {year} à {time} UTC", "en": "{day} {month} {year} at {time} UTC"}

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"
# Every reader-facing table of this module, per language (the templates get the chosen ones).
STRINGS: dict[str, dict[str, Any]] = {
    "fr": {"ui": UI, "assessments": ASSESSMENT_LABELS, "kinds": KIND_LABELS, "url_kinds": URL_KIND_LABELS,
           "claim_statuses": CLAIM_STATUS_LABELS, "months": MONTHS},
    "en": {"ui": UI_EN, "assessments": ASSESSMENT_LABELS_EN, "kinds": KIND_LABELS_EN,
           "url_kinds": URL_KIND_LABELS_EN, "claim_statuses": CLAIM_STATUS_LABELS_EN, "months": MONTHS_EN},
}
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


def format_date(value: Any, lang: str = DEFAULT_LANG) -> str:
    """ISO 8601 UTC timestamp in words ('25 novembre 2026 à 21:00:01 UTC'); raw text if unparsable."""
    if not value:
        return STRINGS[lang]["ui"]["none"]
    text = str(value)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return DATE_FORMATS[lang].format(day=moment.day, month=STRINGS[lang]["months"][moment.month - 1],
                                     year=moment.year, time=f"{moment:%H:%M:%S}")


def kind_label(kind: Any, lang: str = DEFAULT_LANG) -> str:
    return STRINGS[lang]["kinds"].get(str(kind), str(kind) if kind else STRINGS[lang]["ui"]["none_given"])


def assessment_label(value: Any, lang: str = DEFAULT_LANG) -> str:
    labels = STRINGS[lang]["assessments"]
    return labels.get(str(value), str(value) if value else labels["inconnu"])


def claim_status_label(value: Any, lang: str = DEFAULT_LANG) -> str:
    return STRINGS[lang]["claim_statuses"].get(str(value), str(value))


def assessment_class(value: Any) -> str:
    return f"a-{value}" if value in ASSESSMENT_LABELS else "a-autre"


def assessment_symbol(value: Any) -> str:
    return ASSESSMENT_SYMBOLS.get(str(value), "•")


def url_kind_label(kind: Any, lang: str = DEFAULT_LANG) -> str:
    return STRINGS[lang]["url_kinds"].get(str(kind), str(kind) if kind else STRINGS[lang]["ui"]["none"])


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


@lru_cache(maxsize=None)  # one per language and process: its templates are compiled once, not per report
def make_env(lang: str = DEFAULT_LANG) -> Environment:
    """The one jinja2 environment of the renderers, in one language: autoescape on for every template.
    Shared: callers must not change it."""
    if lang not in STRINGS:
        raise ValueError(f"unknown report language {lang!r} (expected one of {', '.join(LANGS)})")
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_href=safe_href,
        short_hash=short_hash,
        date_fr=lambda value: format_date(value, lang),  # name kept: templates say `| date_fr`
        kind_label=lambda value: kind_label(value, lang),
        assessment_label=lambda value: assessment_label(value, lang),
        claim_status_label=lambda value: claim_status_label(value, lang),
        assessment_class=assessment_class,
        assessment_symbol=assessment_symbol,
        url_kind_label=lambda value: url_kind_label(value, lang),
        columns_of=columns_of,
        path_segment=url_path_segment,
    )
    env.globals.update(
        ui=STRINGS[lang]["ui"],
        lang=lang,
        anchor=anchor,
        searched_text=lambda searched: searched_text(searched, lang),
        assessment_labels=STRINGS[lang]["assessments"],
        fold_after=FOLD_AFTER,
        max_details_depth=MAX_DETAILS_DEPTH,
    )
    env.tests.update(number_value=is_number, scalar=is_scalar)
    return env


def searched_text(searched: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """ "Recherché dans 38 page(s) et 12 document(s) (…)" from a signal's `searched` (report.json)."""
    ui = STRINGS[lang]["ui"]
    parts = [ui["searched_" + key].format(n=searched[key]) for key in ("pages", "documents")
             if isinstance(searched.get(key), int)]
    return ui["searched"].format(what=ui["searched_and"].join(parts)) if parts else ""


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


def _english(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    """`item` with each French `key` replaced by its `key_en` when there is one."""
    return {**item, **{k: item[f"{k}_en"] for k in keys if item.get(f"{k}_en")}}


def localize(report: dict[str, Any], lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The report as the view in `lang` shows it: French titles swapped for their `*_en` twins.

    report.json stays one canonical file holding both; texts without an English twin (observed
    values, reasons, details, snippets) are shown as they are.
    """
    if lang == DEFAULT_LANG:
        return report
    ui = STRINGS[lang]["ui"]
    out = copy.deepcopy(report)
    out["signals"] = [_english(s, "title", "description") for s in out.get("signals") or []]
    out["domains"] = [_english(d, "title", "description") for d in out.get("domains") or []]
    signal_titles = {s.get("id"): s.get("title") for s in out["signals"]}
    domain_titles = {d.get("id"): d.get("title") for d in out["domains"]}
    for level in out.get("levels") or []:
        level["title"] = domain_titles.get(level.get("domain"), level.get("title"))
        for row in (level.get("signals") or []) + (level.get("to_raise") or []):
            row["title"] = signal_titles.get(row.get("id"), row.get("title"))
    rubric = out.get("rubric")
    if rubric:
        rubric.update(_english(rubric, "edition_label"))
        if rubric.get("path") == STRINGS[DEFAULT_LANG]["ui"]["rubric_default"]:
            rubric["path"] = ui["rubric_default"]
        elif rubric.get("edition") is not None and rubric.get("path") == STRINGS[DEFAULT_LANG]["ui"][
                "rubric_edition"].format(edition=rubric["edition"]):
            rubric["path"] = ui["rubric_edition"].format(edition=rubric["edition"])
        if rubric.get("profile"):
            rubric["profile"] = _english(rubric["profile"], "title")
    return out


def _radar(levels: list[dict[str, Any]], lang: str = DEFAULT_LANG):
    from reports.charts import radar

    ui = STRINGS[lang]["ui"]
    values = ", ".join(f"{d.get('title')} {d.get('level') or ui['level_none']}" for d in levels)
    return radar(levels, ui["radar_title"], ui["radar_desc"].format(values=values),
                 level_label=ui["radar_level"], none_label=ui["level_none"])


def render_candidate(report: dict[str, Any], out_dir: Path, lang: str = DEFAULT_LANG) -> Path:
    """Write `<out_dir>/report.html` from one report.json dict, in `lang`; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = make_env(lang)
    report = localize(report, lang)
    tool = report.get("tool") or {}
    html = env.get_template("candidate.html.j2").render(
        report=report,
        candidate=report.get("candidate") or {},
        crawl=report.get("crawl") or {},
        domains=_signals_by_domain(report),
        levels={d.get("domain"): d for d in report.get("levels") or []},
        evaluation=report.get("evaluation") or {},
        radar=_radar(report.get("levels") or [], lang),
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
