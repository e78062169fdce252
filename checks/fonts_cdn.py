"""fonts_cdn: web fonts served by the site itself vs third-party font services (Google Fonts, Adobe Fonts)."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from checks.base import CheckMeta, load_data, page_evidence, signal, unreachable_reason
from checks.thirdparty import Service, compile_services, scan, scan_assets
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, Evidence
from ground.observations import Observations

META = CheckMeta(
    id="fonts_cdn",
    domain="logiciels_libres",
    title="Polices de caractères hébergées par le site",
    description=(
        "Les polices chargées depuis un service tiers (Google Fonts, Adobe Fonts…) font envoyer "
        "l'adresse IP de chaque visiteur à ce service ; des polices servies par le site lui-même "
        "(ou celles du système) évitent cette dépendance."
    ),
    title_en="Fonts hosted by the website",
    description_en=(
        "Fonts loaded from a third-party service (Google Fonts, Adobe Fonts…) send each visitor's IP "
        'address to that service; fonts served by the website itself (or system fonts) avoid this '
        'dependency.'
    ),
    evidence="L'appel au service de polices (feuille de style, ressource ou @import), sur une page archivée.",
    outcomes=(FAVORABLE, DEFAVORABLE, INCONNU),
)
# Choice: no call to a font service on any page read is favourable, whether the site serves its
# own font files or uses the visitor's system fonts — what matters here is that no third party
# is contacted. Self-hosting hints (@font-face, font files on the site's host) go in details.
_FONT_FACE = re.compile(r"@font-face", re.I)


@lru_cache(maxsize=1)
def services() -> tuple[Service, ...]:
    return compile_services(load_data("third_parties.yaml")["font_services"])


@lru_cache(maxsize=1)
def _font_file() -> re.Pattern:
    return re.compile(load_data("third_parties.yaml")["self_hosted_font_files"], re.I)


def run(obs: Observations):
    if not obs.pages:
        return signal(META, None, INCONNU, "indéterminé", reason=unreachable_reason(obs))
    found = scan(obs.pages, services(), ("stylesheets", "resources", "scripts", "inline_styles", "inline_scripts"))
    scan_assets(obs, services(), ("css",), found)  # an @import in the site's own style sheet
    own_hosts = {(urlsplit(p.url).hostname or "") for p in obs.pages}
    self_hosted: list[Evidence] = []
    for page in obs.pages:
        local = [u for u in page.resources if _font_file().search(urlsplit(u).path)
                 and (urlsplit(u).hostname or "") in own_hosts]
        face = next((s for s in page.inline_styles if _FONT_FACE.search(s)), None)
        if local or face:
            snippet = f'<link href="{local[0]}">' if local else "<style> " + face[:200]
            self_hosted.append(page_evidence(page, snippet))
    names = sorted(found)
    details = {"pages_par_service": {n: len(found[n].pages) for n in names},
               "feuilles_de_style_du_site": {n: sorted(found[n].assets) for n in names if found[n].assets},
               "feuilles_de_style_lues": sum(1 for a in obs.assets if a.kind == "css" and a.text),
               "pages_avec_polices_locales": len(self_hosted), "pages_lues": len(obs.pages)}
    if names:
        evidence = [e for n in names for e in found[n].evidence]
        total = len(set().union(*(found[n].pages for n in names)))
        display = (f"{', '.join(names)} ({total} page{'s' if total > 1 else ''} sur {len(obs.pages)})" if total
                   else f"{', '.join(names)} (feuille de style du site)")
        return signal(META, names, DEFAVORABLE, display, evidence=evidence, details=details)
    display = ("aucun service de polices tiers ; polices servies par le site" if self_hosted
               else "aucun service de polices tiers")
    return signal(META, [], FAVORABLE, display, evidence=self_hosted[:3], details=details)
