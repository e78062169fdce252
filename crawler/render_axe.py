"""What the rendered pass does inside a page: find the consent manager's « accept » button, run axe-core.

Consent managers: the accept-all button of the ones met on French public sites, by the selector their
own markup gives it (read in their code and in public scrapers' selector lists, 2026-12):
- tarteaucitron.js: `#tarteaucitronPersonalize2` (« Tout accepter » of the banner, class
  `tarteaucitronAllow`; AmauriC/tarteaucitron.js, tarteaucitron.js), inside `#tarteaucitronRoot`;
- Axeptio: `#axeptio_btn_acceptAll`; Didomi: `#didomi-notice-agree-button`; OneTrust:
  `#onetrust-accept-btn-handler`; Cookiebot: `#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll`
  then `#CybotCookiebotDialogBodyButtonAccept`; Orejime: `.orejime-Notice-saveButton`
  (orejime's Notice component); Klaro: `.cm-btn-accept-all`; Complianz: `.cmplz-accept`;
  CookieYes: `.cky-btn-accept`; Usercentrics: `button[data-testid="uc-accept-all-button"]`.
Only a VISIBLE button counts (a manager loaded but hidden has shown nothing to the visitor). Nothing
is clicked on a first visit: the button is only noted; the consent visit clicks it.

axe-core: the engine shipped by the PyPI package axe-playwright-python (axe.min.js, Mozilla Public
License 2.0), injected into the rendered page and run on the whole document, bounded in time. Its
results object is kept as axe returns it (checks/axe_rgaa.py reads it offline).
"""
from __future__ import annotations

import json
from functools import lru_cache

CONSENT_BUTTONS: tuple[tuple[str, str], ...] = (
    ("tarteaucitron", "#tarteaucitronPersonalize2"),
    ("axeptio", "#axeptio_btn_acceptAll"),
    ("didomi", "#didomi-notice-agree-button"),
    ("onetrust", "#onetrust-accept-btn-handler"),
    ("cookiebot", "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll"),
    ("cookiebot", "#CybotCookiebotDialogBodyButtonAccept"),
    ("orejime", ".orejime-Notice-saveButton"),
    ("klaro", ".cm-btn-accept-all"),
    ("complianz", ".cmplz-accept"),
    ("cookieyes", ".cky-btn-accept"),
    ("usercentrics", 'button[data-testid="uc-accept-all-button"]'),
)
# axe's options: every rule of the engine; the nodes of violations and incomplete results (passes and
# inapplicable rules are listed by id, without their elements: what the mark needs).
AXE_OPTIONS = {"resultTypes": ["violations", "incomplete"]}


def find_consent(page) -> dict | None:
    """The first recognised consent manager whose accept button is visible: {"manager", "selector"}."""
    from playwright.sync_api import Error as PlaywrightError

    for manager, selector in CONSENT_BUTTONS:
        try:
            if page.locator(selector).first.is_visible():
                return {"manager": manager, "selector": selector}
        except PlaywrightError:
            continue  # a page gone or a frame detached: not seen
    return None


@lru_cache(maxsize=1)
def axe_script() -> str | None:
    """axe.min.js as axe-playwright-python ships it, or None when the package is not installed."""
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        return None
    return AXE_SCRIPT


def run_axe(page, timeout: float) -> tuple[dict | None, str | None]:
    """(axe-core's results object, None) or (None, why not, in French). Never raises for the page's sake."""
    from playwright.sync_api import Error as PlaywrightError

    script = axe_script()
    if script is None:
        return None, "axe-core absent (paquet Python axe-playwright-python non installé)"
    run = ("(args) => Promise.race([axe.run(document, args.options), new Promise((_, reject) => "
           "setTimeout(() => reject(new Error('délai dépassé')), args.ms))])")
    try:
        page.evaluate(script)
        results = page.evaluate(run, {"options": AXE_OPTIONS, "ms": int(timeout * 1000)})
    except PlaywrightError as exc:
        text = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        if "délai dépassé" in text:
            return None, f"règles axe-core non terminées en {timeout:g} s"
        return None, f"règles axe-core non exécutées : {text}"[:300]
    if not isinstance(results, dict):
        return None, "règles axe-core : résultat illisible"
    return json.loads(json.dumps(results)), None  # plain JSON values only
