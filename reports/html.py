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
from reports.corrections import correction_text
from reports.i18n import number, percent, plural
from reports.labels import detail_label
from reports.render_view import axe_view, render_section
from reports.strings import (  # noqa: F401 - the words of the views, re-exported for their callers
    ASSESSMENT_LABELS,
    ASSESSMENT_LABELS_EN,
    ASSESSMENT_SYMBOLS,
    CLAIM_STATUS_LABELS,
    CLAIM_STATUS_LABELS_EN,
    DATE_FORMATS,
    DEFAULT_LANG,
    KIND_LABELS,
    KIND_LABELS_EN,
    LANGS,
    MONTHS,
    MONTHS_EN,
    STRINGS,
    UI,
    UI_EN,
    URL_KIND_LABELS,
    URL_KIND_LABELS_EN,
)
from reports.values import english

# Rows shown before the rest is folded into a <details> element.
FOLD_AFTER = 10
PRINT_ROWS = 3  # evidence rows of a signal kept in print (the others: in the HTML, and said so)
# Where `tnl archive OUT` (or a bundle) serves the archived copies: each evidence row links its own.
ARCHIVE_PORT = 8095
ARCHIVE_BASE = f"http://127.0.0.1:{ARCHIVE_PORT}"
_RECORD_UUID = re.compile(r"^<urn:uuid:([0-9a-f-]{36})>$")


def archived_copy(record_id: Any, candidate_id: Any) -> str | None:
    """The address of a record's archived copy as `tnl archive` serves it, or None."""
    m = _RECORD_UUID.match(record_id) if isinstance(record_id, str) else None
    if m is None or not isinstance(candidate_id, str) or not candidate_id:
        return None
    return f"{ARCHIVE_BASE}/{url_path_segment(candidate_id)}/{m.group(1)}"
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
        detail_label=lambda key: detail_label(key, lang),
        archived_copy=archived_copy,
        correction_text=correction_text,
        number=lambda value: number(value, lang),
        percent=lambda value: percent(value, lang),
    )
    env.globals.update(
        ui=STRINGS[lang]["ui"],
        lang=lang,
        anchor=anchor,
        searched_text=lambda searched: searched_text(searched, lang),
        plural=lambda n, forms, **fields: plural(n, forms, lang, **fields),
        assessment_labels=STRINGS[lang]["assessments"],
        fold_after=FOLD_AFTER,
        print_rows=PRINT_ROWS,
        max_details_depth=MAX_DETAILS_DEPTH,
        axe_view=lambda details: axe_view(details, lang),  # the rendered pass's accessibility rules
    )
    env.tests.update(number_value=is_number, scalar=is_scalar)
    return env


def searched_text(searched: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """ "Recherché dans 38 page(s) et 12 document(s) (…)" from a signal's `searched` (report.json)."""
    ui = STRINGS[lang]["ui"]
    parts = [plural(searched[key], ui["searched_" + key], lang) for key in ("pages", "documents")
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


# Details' keys whose values are quoted from what was read (a page's HTML, a selector, axe's own English,
# a snippet): never translated.
QUOTED_DETAILS = frozenset({"html", "target", "failure_summary", "help", "snippet", "extrait", "texte", "url",
                            "page", "nom", "cle", "name"})


def _english_details(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: v if k in QUOTED_DETAILS else _english_details(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_english_details(v, key) for v in value]
    return english(value) if isinstance(value, str) else value


def _english(item: dict[str, Any], *keys: str) -> dict[str, Any]:
    """`item` with each French `key` replaced by its `key_en` when there is one."""
    return {**item, **{k: item[f"{k}_en"] for k in keys if item.get(f"{k}_en")}}


def localize(report: dict[str, Any], lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The report as the view in `lang` shows it: French titles swapped for their `*_en` twins.

    report.json stays one canonical file holding both; the values and reasons the checks write are
    shown through the catalogue's templates (reports/values.py); quotes from the sites (snippets) and
    what no template matches are shown as they are.
    """
    if lang == DEFAULT_LANG:
        return report
    out = copy.deepcopy(report)
    out["signals"] = [_english(s, "title", "description") for s in out.get("signals") or []]
    out["domains"] = [_english(d, "title", "description") for d in out.get("domains") or []]
    signal_titles = {s.get("id"): s.get("title") for s in out["signals"]}
    domain_titles = {d.get("id"): d.get("title") for d in out["domains"]}
    for level in out.get("levels") or []:
        level["title"] = domain_titles.get(level.get("domain"), level.get("title"))
        for row in (level.get("signals") or []) + (level.get("to_raise") or []):
            row["title"] = signal_titles.get(row.get("id"), row.get("title"))
    # The checks' own words (values, reasons, their details' values), through the catalogue's templates
    # (reports/values.py): a whole text that a template matches; quotes from the pages are left as read.
    for sig in out["signals"]:
        for key in ("display", "reason"):
            sig[key] = english(sig.get(key))
        if isinstance(sig.get("details"), dict):
            sig["details"] = _english_details(sig["details"])
    for level in out.get("levels") or []:
        level["reason"] = english(level.get("reason"))
    if isinstance(out.get("evaluation"), dict):
        out["evaluation"]["summary"] = english(out["evaluation"].get("summary"))
    if isinstance(out.get("crawl"), dict) and out["crawl"].get("incomplete"):
        out["crawl"]["incomplete"] = english(out["crawl"]["incomplete"])
    for claim in out.get("claims") or []:
        claim["explanation"] = english(claim.get("explanation"))
    outcome = out.get("outcome")
    if isinstance(outcome, dict):  # the edition's outcome carries its English beside its French
        outcome.update(_english(outcome, "display", "track_note"))
        for row in outcome.get("domains") or []:
            row["title"] = domain_titles.get(row.get("domain"), row.get("title"))
        outcome["mentions"] = [_english(mn, "title", "reason", "note") for mn in outcome.get("mentions") or []]
        for mn in outcome["mentions"]:
            for row in mn.get("signals") or []:
                row["title"] = signal_titles.get(row.get("id"), row.get("title"))
        outcome["unjudged"] = [_english(u, "title", "why") for u in outcome.get("unjudged") or []]
    rubric = out.get("rubric")
    if rubric:
        rubric.update(_english(rubric, "edition_label"))  # its path is named in words by rubric_words
        if rubric.get("profile"):
            rubric["profile"] = _english(rubric["profile"], "title")
    return out


def _radar(levels: list[dict[str, Any]], lang: str = DEFAULT_LANG):
    from reports.charts import radar

    ui = STRINGS[lang]["ui"]
    values = ", ".join(f"{d.get('title')} {d.get('level') or ui['level_none']}" for d in levels)
    return radar(levels, ui["radar_title"], ui["radar_desc"].format(values=values),
                 level_label=ui["radar_level"], none_label=ui["level_none"])


def rubric_words(rubric: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """The rubric as a reader names it: « la grille fournie avec l'outil », « la grille de l'édition
    2024 », « la grille « ma-grille.yaml » » (report.json's `path` is « défaut », « édition 2024 »…)."""
    ui = STRINGS[lang]["ui"]
    path = rubric.get("path") or ""
    if path in (STRINGS[DEFAULT_LANG]["ui"]["rubric_default"], ui["rubric_default"]):
        return ui["rubric_words_default"]
    if rubric.get("edition") is not None and path in (
            STRINGS[DEFAULT_LANG]["ui"]["rubric_edition"].format(edition=rubric["edition"]),
            ui["rubric_edition"].format(edition=rubric["edition"])):
        return ui["rubric_words_edition"].format(edition=rubric.get("edition_label") or rubric["edition"])
    return ui["rubric_words_file"].format(path=path) if path else ui["rubric_words_default"]


def outcome_thresholds(outcome: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """The shares the outcome's scale asks for, in words: « Bronze 40 %, Argent 55 %, Or 70 % »,
    « badge 35 % », or « niveau 2 20 %, … » for the levels of an edition before 2025."""
    ui = STRINGS[lang]["ui"]
    parts = []
    for key, share in (outcome.get("thresholds") or {}).items():
        name = ui["tier_names"].get(key) if outcome.get("scale") == "tiers" else ui["level_name"].format(level=key)
        parts.append(f"{name or key} {percent(share, lang)}")
    return ", ".join(parts)


def render_candidate(report: dict[str, Any], out_dir: Path, lang: str = DEFAULT_LANG) -> Path:
    """Write `<out_dir>/report.html` from one report.json dict, in `lang`; return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = make_env(lang)
    report = localize(report, lang)
    tool = report.get("tool") or {}
    # The rendered pass (--render): its section, its styles, its screenshots (img-src 'self': the files
    # next to report.html); without it the page is what it was before the pass existed.
    rendered = render_section(report, anchor, lang)
    html = env.get_template("candidate.html.j2").render(
        render=rendered,
        rendered_style=rendered is not None or any(ev.get("rendered") for s in report.get("signals") or []
                                                   for ev in s.get("evidence") or [] if isinstance(ev, dict)),
        csp_img="'self'" if rendered and rendered["has_screenshots"] else None,
        report=report,
        candidate=report.get("candidate") or {},
        crawl=report.get("crawl") or {},
        domains=_signals_by_domain(report),
        levels={d.get("domain"): d for d in report.get("levels") or []},
        evaluation=report.get("evaluation") or {},
        outcome=report.get("outcome") or {},
        outcome_thresholds=outcome_thresholds(report.get("outcome") or {}, lang),
        radar=_radar(report.get("levels") or [], lang),
        claims=report.get("claims") or [],
        claim_classes=CLAIM_CLASSES,
        rubric=report.get("rubric") or {},
        rubric_words=rubric_words(report.get("rubric") or {}, lang),
        errors=report.get("errors") or [],
        tool=tool,
        generator=f"{tool.get('name') or 'tnl-evidence'} {tool.get('version') or ''}".strip(),
        index_name=INDEX_NAME,
        warc_name=WARC_NAME,
    )
    path = out_dir / REPORT_HTML
    path.write_text(html, encoding="utf-8")
    return path
