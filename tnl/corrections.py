"""`tnl corrections CORRECTION.yaml… --archive OUT --out DIR`: corrections received from the
collectivités (prepared by report.html, reports/corrections.py) become regression cases of the
real-variety corpus (tests/realworld/cases/, format in tests/realworld/README.md).

Each case holds the pages the correction is about as the crawl archived them (the signal's evidence,
and the homepage), taken from the WARC, and the fact the correction states, under the corpus's key
for that signal. The person who received it reads the case before committing it: the correction is
a claim, its source says where to check it; `learned_from` names both.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ground import archive
from reports.corrections import SCHEMA

# The corpus's fact key for each signal that has one, and how a stated value is written there.
FACT_KEYS = {
    "cms": "cms", "analytics": "analytics", "consent_manager": "consent_manager", "a11y_mention": "a11y_mention",
    "skip_link": "skip_link", "free_software_mentions": "free_software_mentions",
    "strategy_mentions": "strategy_mentions", "social_networks": "social_networks",
    "video_hosting": "video_hosting", "legal_pages": "legal_pages", "mutualisation": "mutualisation",
    "ecosystem_links": "ecosystem_links", "a11y_multiyear_plan": "a11y_multiyear_plan",
}
LIST_KEYS = {"analytics", "free_software_mentions", "social_networks", "video_hosting", "ecosystem_links"}
BOOL_KEYS = {"skip_link", "strategy_mentions", "legal_pages", "mutualisation", "a11y_multiyear_plan"}
MAX_PAGES = 6
MAX_HTML = 200_000  # characters of a page kept in a case


class CorrectionError(ValueError):
    """A correction file that cannot be used: the message names the file and the field."""


def _fact(key: str, value: str, path: Path) -> Any:
    text = value.strip()
    if key in BOOL_KEYS:
        words = {"oui": True, "vrai": True, "true": True, "non": False, "faux": False, "false": False}
        if text.lower() not in words:
            raise CorrectionError(f"{path}: champ 'valeur_correcte' : « oui » ou « non » attendu pour ce signal")
        return words[text.lower()]
    if key in LIST_KEYS:
        if text.lower() in ("aucun", "aucune", "rien", ""):
            return []
        return [p.strip() for p in re.split(r"[,;]| et ", text) if p.strip()]
    return text


def load_correction(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorrectionError(f"{path}: fichier illisible ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CorrectionError(f"{path}: pas un fichier de correction (schema: {SCHEMA} attendu)")
    for field in ("candidat", "signal", "valeur_correcte", "source"):
        if not str(data.get(field) or "").strip():
            raise CorrectionError(f"{path}: champ '{field}' vide")
    return data


def case_from_correction(path: Path, run: Path) -> tuple[str, dict[str, Any]]:
    """(file name, case) for one correction file, its pages read from the run's archive."""
    corr = load_correction(path)
    cid, sid = str(corr["candidat"]), str(corr["signal"])
    key = FACT_KEYS.get(sid)
    if key is None:
        raise CorrectionError(f"{path}: le signal '{sid}' n'a pas encore de clé dans le corpus "
                              f"(tests/realworld/README.md) : le cas est à écrire à la main")
    directory = Path(run) / cid
    if not (directory / archive.INDEX_NAME).is_file():
        raise CorrectionError(f"{path}: aucune archive du candidat '{cid}' dans {run}")
    candidate = archive.read_json(directory / archive.CANDIDATE_NAME)
    site = (candidate.get("websites") or [""])[0]
    wanted = [site] + [u for u in corr.get("preuves") or [] if isinstance(u, str)]
    # The pages as the crawl read them (not a probe's HEAD answer of the same address).
    page_records = {e.record_id for e in archive.read_merged_index(directory)
                    if e.kind == "page" and e.record_id and e.url in wanted and e.status and 200 <= e.status < 300}
    pages: dict[str, dict[str, Any]] = {}
    for resp in archive.iter_merged_responses(directory):
        if resp.record_id in page_records and resp.url not in pages and len(pages) < MAX_PAGES:
            ctype = resp.header("Content-Type") or ""
            if "html" not in ctype.lower() or not resp.body.strip():
                continue
            pages[resp.url] = {"url": resp.url, "status": resp.status or 200,
                               "headers": {k: v for k, v in resp.headers if k.lower() in (
                                   "content-type", "server", "x-powered-by", "x-generator", "set-cookie")},
                               "html": resp.body.decode("utf-8", "replace")[:MAX_HTML]}
    if site not in pages:
        raise CorrectionError(f"{path}: la page d'accueil {site} n'est pas dans l'archive de '{cid}'")
    ordered = [pages[site]] + [p for u, p in pages.items() if u != site]
    stamp = str(corr.get("rapport_genere_le") or "")[:10].replace("-", "")
    name = re.sub(r"[^a-z0-9-]+", "-", f"correction-{cid}-{sid}-{stamp}".lower()).strip("-")
    case = {
        "case": name,
        "learned_from": [f"correction reçue ({path.name}) : {corr.get('source')}",
                         f"pages archivées par tnl-evidence le {corr.get('rapport_genere_le')} ({cid})"],
        "pattern": "correction",
        "heldout": False,
        "site": site,
        "pages": ordered,
        "facts": {key: _fact(key, str(corr["valeur_correcte"]), path)},
    }
    return name + ".yaml", case


def write_cases(paths: list[Path], run: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        name, case = case_from_correction(Path(path), run)
        target = out / name
        target.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
        written.append(target)
    return written
