"""The words of the reports, French and English (Lighthouse's "UIStrings" style): every reader-facing
string of the HTML views in one place, per language; shared by reports/html.py and reports/overview.py."""
from __future__ import annotations

from typing import Any

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
        "Niveau de 1 à 5 par domaine, calculé à partir des signaux selon {rubric}. "
        "Ces niveaux sont indicatifs : le jury décide."
    ),
    "rubric_words_default": "la grille fournie avec l'outil",
    "rubric_words_edition": "la grille de l'édition {edition}",
    "rubric_words_file": "la grille « {path} »",
    "rubric_fingerprint": "Empreinte SHA-256 de la grille (pour vérifier qu'elle n'a pas changé) :",
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
    # a crawl stopped before its end (report.json crawl.complete false), at the top of the report
    "incomplete_title": "Collecte incomplète",
    "technical_detail": "détail technique",
    "hash_title": "Empreinte SHA-256 du contenu tel que reçu (un clic la sélectionne entière)",
    "archived_copy": "copie archivée",
    "correction_summary": "Signaler une erreur",
    "correction_help": ("Copier ce texte dans un fichier correction.yaml, compléter « valeur_correcte » (ce qui "
                        "est vrai) et « source » (où le voir), puis l'envoyer aux organisateurs du label : "
                        "« tnl corrections » en fait un cas de test, pour que l'erreur ne revienne pas."),
    "archived_title": ("La réponse telle qu'elle a été lue, servie sans réseau par « tnl archive » "
                       "(dossier de la collecte ou dossier de preuves .zip)"),
    "archived_note": ("Chaque preuve renvoie à l'adresse en ligne (qui a pu changer depuis) et à sa copie "
                      "archivée, telle qu'elle a été lue : « tnl archive » la sert sans réseau, lancé sur le "
                      "dossier de la collecte ou sur le dossier de preuves (.zip)."),
    "print_more_evidence": "Imprimé : {shown} preuves sur {n} ; toutes sont dans le rapport HTML.",
    "print_details": "Le détail de ce signal (pages, décomptes) est dans le rapport HTML.",
    "print_more_errors": "Imprimé : {shown} erreurs sur {n} ; toutes sont dans le rapport HTML.",
    "incomplete_text": ("Les signaux et les niveaux ci-dessous ne portent que sur ce qui a été collecté ; "
                        "relancer la même commande reprend la collecte là où elle s'est arrêtée."),
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
    "domain_counts": {"one": "{n} signal", "other": "{n} signaux"},
    "signal_value": "Valeur constatée",
    "signal_reason": "Remarque",
    "signal_details": "Éléments détaillés",
    "signal_id": "Identifiant du signal",
    "evidence_title": "Preuves",
    "evidence_caption": "Preuves du signal « {title} »",
    "evidence_none": "Aucune preuve enregistrée pour ce signal.",
    # Under the evidence of a signal that looked for something: what it went through.
    "searched": "Recherché dans {what} (la liste : index.jsonl du candidat).",
    "searched_pages": {"one": "{n} page", "other": "{n} pages"},
    "searched_documents": {"one": "{n} document", "other": "{n} documents"},
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
        "Level from 1 to 5 per domain, computed from the signals with {rubric}. "
        "These levels are indicative: the jury decides."
    ),
    "rubric_words_default": "the rubric shipped with the tool",
    "rubric_words_edition": "the rubric of the {edition} edition",
    "rubric_words_file": "the rubric “{path}”",
    "rubric_fingerprint": "SHA-256 fingerprint of the rubric (to check it has not changed):",
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
    "incomplete_title": "Incomplete crawl",
    "technical_detail": "technical detail",
    "hash_title": "SHA-256 fingerprint of the content as received (one click selects it whole)",
    "archived_copy": "archived copy",
    "correction_summary": "Report an error",
    "correction_help": ("Copy this text into a file correction.yaml, fill in “valeur_correcte” (what is true) "
                        "and “source” (where to see it), then send it to the label's organisers: "
                        "“tnl corrections” turns it into a test case, so that the error does not come back."),
    "archived_title": ("The response as it was read, served offline by “tnl archive” (run folder or "
                       ".zip evidence bundle)"),
    "archived_note": ("Each piece of evidence links the live address (which may have changed since) and its "
                      "archived copy, as it was read: “tnl archive” serves it offline, run on the collection "
                      "folder or on the evidence bundle (.zip)."),
    "print_more_evidence": "Printed: {shown} pieces of evidence out of {n}; all are in the HTML report.",
    "print_details": "This signal's detail (pages, counts) is in the HTML report.",
    "print_more_errors": "Printed: {shown} errors out of {n}; all are in the HTML report.",
    "incomplete_text": ("The signals and levels below only cover what was gathered; running the same command "
                        "again resumes the crawl where it stopped."),
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
    "domain_counts": {"one": "{n} signal", "other": "{n} signals"},
    "signal_value": "Observed value",
    "signal_reason": "Remark",
    "signal_details": "Detailed items",
    "signal_id": "Signal identifier",
    "evidence_title": "Evidence",
    "evidence_caption": "Evidence of the signal “{title}”",
    "evidence_none": "No evidence recorded for this signal.",
    "searched": "Searched in {what} (the list: the candidate's index.jsonl).",
    "searched_pages": {"one": "{n} page", "other": "{n} pages"},
    "searched_documents": {"one": "{n} document", "other": "{n} documents"},
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
