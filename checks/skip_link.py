"""skip_link: share of the websites' pages that offer a skip link among their first links (RGAA 12.7)."""
from __future__ import annotations

from urllib.parse import urlsplit

from checks.a11y_pages import Verdict, share_signal
from checks.base import CheckMeta, compile_patterns, fold, load_data, signal
from ground.model import DEFAVORABLE, FAVORABLE, INCONNU, NEUTRE, Signal
from ground.observations import Link, Observations, Page

META = CheckMeta(
    id="skip_link",
    domain="interop_accessibilite",
    title="Lien d'évitement vers le contenu",
    description=(
        "Part des pages qui offrent, parmi leurs premiers liens, un lien d'évitement vers le contenu "
        "(« Aller au contenu », RGAA critère 12.7) : il épargne la navigation répétée au clavier et au lecteur d'écran."
    ),
    title_en="Skip link to the content",
    description_en=(
        'Share of pages that offer, among their first links, a skip link to the content (« Aller au '
        'contenu », RGAA criterion 12.7): it spares keyboard and screen reader users from going through '
        'the navigation again and again.'
    ),
    evidence="Le lien d'évitement relevé, ou les premiers liens d'une page qui n'en a pas.",
    outcomes=(FAVORABLE, NEUTRE, DEFAVORABLE, INCONNU),
)
FAVORABLE_SHARE = 0.95  # the skip link belongs to the template: it is on every page or on none
UNFAVORABLE_SHARE = 0.8
_TEXT = compile_patterns(load_data("accessibility.yaml")["skip_link"]["text"])


def is_skip_link(link: Link, page_url: str) -> bool:
    """An in-page link ("#contenu", or this page's URL with a fragment) whose text says where it goes."""
    href = link.url
    if href.startswith("#"):
        in_page = len(href) > 1
    else:
        here, there = urlsplit(page_url), urlsplit(href)
        in_page = bool(there.fragment) and (there.netloc, there.path.rstrip("/")) == (here.netloc, here.path.rstrip("/"))
    return in_page and bool(_TEXT and _TEXT.search(" ".join(fold(link.text).split())))


def _judge(page: Page) -> Verdict | None:
    if not page.top_links:
        return None  # no link at all (drawn by scripts, or a bare page): nothing to skip, nothing to judge
    hit = next((link for link in page.top_links if is_skip_link(link, page.url)), None)
    if hit is not None:
        return Verdict(True, f'<a href="{hit.url}">{hit.text}</a>')
    first = ", ".join(f"« {link.text or link.url} »" for link in page.top_links[:4])
    return Verdict(False, f"aucun lien d'évitement ; premiers liens : {first}")


def run(obs: Observations) -> Signal:
    out = share_signal(META, obs, _judge, favorable=FAVORABLE_SHARE, unfavorable=UNFAVORABLE_SHARE,
                       none_display="aucune page", none_reason="aucune page avec des liens lisibles")
    if out.assessment == NEUTRE and out.value is None:
        # Pages read but none with a link: whether they offer a skip link is not observed.
        return signal(META, None, INCONNU, "indéterminé", details=out.details, reason=out.reason)
    if out.value == 0:
        # A determined absence: the first links of every page judged, none of them a skip link.
        out.searched = {"pages": out.details["pages_concernees"]}
    return out
