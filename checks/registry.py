"""The list of checks, in the jury's domain order. Adding a signal: one module + one line here."""
from __future__ import annotations

import hashlib
import importlib
import logging
from functools import lru_cache
from pathlib import Path

from checks.base import Check
from checks.capture import limit as limit_to_capture
from ground.model import DOMAINS, INCONNU, Signal
from ground.observations import Observations

# One module per signal (checks/<id>.py with META and run), grouped by domain in the jury's order.
CHECK_MODULES: tuple[str, ...] = (
    # strategie
    "strategy_mentions",
    "mutualisation",
    "domain_registration",
    # interop_accessibilite
    "a11y_mention", "open_formats",
    "a11y_declaration", "a11y_multiyear_plan", "document_structure", "html_lang", "img_alt", "form_labels", "page_titles", "skip_link", "feeds",
    "https", "hsts", "ipv6",
    "directory_website", "domain_extension", "official_email",
    "page_weight", "ecoindex", "third_party_hosts",
    # logiciels_libres
    "cms", "analytics",
    "consent_manager",
    "declared_free_software_use",
    "office_suite", "maps", "fonts_cdn", "web_server",
    "mail_provider",
    # communication
    "free_software_mentions", "fediverse",
    "source_code_published",
    "video_hosting", "social_networks", "ecosystem_links", "legal_pages",
    # open_data
    "datagouv_datasets", "datagouv_org", "datagouv_licences", "datagouv_freshness", "scdl_schemas",
    "opendata_portal", "website_links_opendata",
)


# The rendered pass's signals (issue 22): computed only when the candidate's archive holds renderings
# (`--render`), so that a report without it has exactly the signals above, as before.
RENDERED_MODULES: tuple[str, ...] = (
    "rendered_third_parties", "cookies_before_consent", "axe_accessibility",  # interop_accessibilite
    "scripted_trackers",  # logiciels_libres
)


def _load(name: str) -> Check | None:
    try:
        module = importlib.import_module(f"checks.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"checks.{name}" and name in RENDERED_MODULES:
            return None  # a rendered signal still being written (issue 22): absent, never half-run
        raise
    return Check(module.META, module.run)


CHECKS: tuple[Check, ...] = tuple(_load(name) for name in CHECK_MODULES)
RENDERED_CHECKS: tuple[Check, ...] = tuple(c for c in map(_load, RENDERED_MODULES) if c is not None)
ALL_CHECKS: tuple[Check, ...] = CHECKS + RENDERED_CHECKS  # every signal a report may hold
# What a claim of the candidates file may name (ground.candidates.load_candidates).
SIGNAL_IDS: frozenset[str] = frozenset(c.meta.id for c in CHECKS + RENDERED_CHECKS)
assert len(SIGNAL_IDS) == len(CHECKS) + len(RENDERED_CHECKS), "duplicate check id"
assert [c.meta.domain for c in CHECKS] == sorted((c.meta.domain for c in CHECKS), key=list(DOMAINS).index)


def checks_for(obs: Observations) -> tuple[Check, ...]:
    """The checks of a candidate: the rendered ones too when its archive holds renderings, each after
    the last check of its domain (the jury's domain order is kept)."""
    if not obs.renderings or not RENDERED_CHECKS:
        return CHECKS
    order = list(DOMAINS).index
    return tuple(sorted(CHECKS + RENDERED_CHECKS, key=lambda c: order(c.meta.domain)))  # stable: CHECKS first


def run_all(obs: Observations) -> list[Signal]:
    """Every check on the same observations; a check that breaks yields `inconnu`, never a crash."""
    out = []
    for check in checks_for(obs):
        try:
            out.append(check.run(obs))
        except Exception as exc:  # noqa: BLE001 - one faulty check must not lose the others
            logging.getLogger("tnl.checks").exception("check %s failed", check.meta.id)
            out.append(Signal(id=check.meta.id, domain=check.meta.domain, value=None, assessment=INCONNU,
                              display="erreur interne", reason=f"erreur du contrôle : {exc!r}"[:300]))
    # A third-party capture (tnl import) lacks DNS, WHOIS, TLS, probes, API: what needs them is inconnu.
    return limit_to_capture(obs, out)


def meta(signal_id: str):
    return next(c.meta for c in CHECKS if c.meta.id == signal_id)


@lru_cache(maxsize=1)
def catalogue_fingerprint() -> str:
    """SHA-256 of what decides the signals: the checks' code and their data (patterns, lists of
    products, editions and rubrics), file by file in a fixed order. Two reports with the same
    fingerprint were judged the same way; a different one means the method changed (`tnl diff` says
    so apart from the site's changes)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".json")
                       and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
