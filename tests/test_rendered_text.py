"""A single-page site (--render): the served HTML has almost no text, the rendered DOM has it; then the
text checks read the rendered page, marked as rendered, with the DOM record as evidence. And the
rendered signals exist only when the archive holds renderings (a report without --render keeps its signals).

Written by hand, no browser: the crawl's pages with ArchiveWriter, the renderings with write_rendering
into the candidate's `render` shard, as the rendered pass archives them.
"""
from __future__ import annotations

from crawler.render import Rendering, write_rendering
from ground.archive import ArchiveWriter, write_json
from ground.observe import build
from ground.rendered import RENDER_SHARD
from tests.archivekit import write_pages

BASE = "https://www.ville-spa.fr"
SHELL = b'<!doctype html><html lang="fr"><head><title>Mairie</title></head><body><div id="app"></div>' \
        b'<script src="/app.js"></script></body></html>'
SERVED = (b'<!doctype html><html lang="fr"><head><title>Services</title></head><body><main><h1>Services</h1>'
         b'<p>La mairie vous accueille du lundi au vendredi, de 8 h 30 \xc3\xa0 12 h et de 13 h 30 \xc3\xa0 17 h. '
         b'L\'\xc3\xa9tat civil, l\'urbanisme et les inscriptions scolaires se font au guichet unique du '
         b'rez-de-chauss\xc3\xa9e ; les permanences des \xc3\xa9lus ont lieu le samedi matin sur rendez-vous.</p>'
         b'</main></body></html>')
# What the browser made of the shell: a declaration of accessibility, a link to the multi-year plan.
PARAGRAPH = ("La commune de Ville-SPA s'engage à rendre son site internet accessible conformément à l'article "
             "47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique au site "
             "www.ville-spa.fr. État de conformité : le site est partiellement conforme avec le référentiel "
             "général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités "
             "énumérées ci-dessous. ")
RENDERED = ('<html lang="fr"><head><title>Mairie</title></head><body><div id="app"><main>'
            '<h1>Déclaration d\'accessibilité</h1><p>' + PARAGRAPH + '</p>'
            '<a href="/schema-pluriannuel.pdf">Schéma pluriannuel de mise en accessibilité 2024-2026</a>'
            '</main></div></body></html>')


def _folder(tmp_path, renderings: list[Rendering]):
    write_json(tmp_path / "candidate.json", {"id": "spa", "name": "Ville-SPA", "websites": [BASE + "/"]})
    write_pages(tmp_path, BASE + "/", [(BASE + "/", SHELL), (BASE + "/services", SERVED)])
    if renderings:
        writer = ArchiveWriter(tmp_path, shard=RENDER_SHARD)
        try:
            for r in renderings:
                write_rendering(writer, r, site=BASE + "/")
        finally:
            writer.close()


def _rendering(path: str, dom: str) -> Rendering:
    return Rendering(url=BASE + path, visit="first", rendered_at="2026-12-06T10:00:00.000000Z", status=200,
                     final_url=BASE + path, dom=dom)


def test_shell_page_takes_its_rendered_text_marked_as_rendered(tmp_path):
    _folder(tmp_path, [_rendering("/", RENDERED),
                       # a page with its own text (over 200 characters served): its rendering changes nothing
                       _rendering("/services", RENDERED)])
    obs = build(tmp_path)
    home, services = (next(p for p in obs.pages if p.url == BASE + u) for u in ("/", "/services"))
    assert home.rendered is True
    assert "partiellement conforme" in home.text and home.headings == ["Déclaration d'accessibilité"]
    assert [link.url for link in home.links] == [BASE + "/schema-pluriannuel.pdf"]
    # Its evidence is the DOM record (sha256 of what was read), not the served shell's.
    dom_ids = [r["record_ids"]["dom"] for r in obs.renderings if r["url"] == BASE + "/"]
    assert home.record_id == dom_ids[0] and home.fetched_at == "2026-12-06T10:00:00.000000Z"
    assert home.title == "Mairie" and home.scripts == [BASE + "/app.js"]  # the served page's, kept
    assert services.rendered is False and "lundi au vendredi" in services.text
    assert [t["url"] for t in obs.render["rendered_text"]] == [BASE + "/"]
    [row] = obs.render["rendered_text"]
    assert row["served_chars"] == 0 and row["rendered_chars"] > 400
    # The document linked by the rendered page is known to the document checks.
    assert BASE + "/schema-pluriannuel.pdf" in [d.url for d in obs.documents]


def _served_text(n: int) -> bytes:
    """A page whose served text is n characters (one paragraph of letters)."""
    return b'<!doctype html><html lang="fr"><body><p>' + b"x" * n + b"</p></body></html>"


def _rendered_text(n: int) -> str:
    head = '<html lang="fr"><head><title>Autre titre</title></head>'
    return head + "<body><main><p>" + "y" * n + "</p></main></body></html>"


def _one_page(tmp_path, served: bytes, dom: str):
    tmp_path.mkdir(exist_ok=True)
    write_json(tmp_path / "candidate.json", {"id": "spa", "name": "Ville-SPA", "websites": [BASE + "/"]})
    write_pages(tmp_path, BASE + "/", [(BASE + "/", served)])
    writer = ArchiveWriter(tmp_path, shard=RENDER_SHARD)
    try:
        write_rendering(writer, _rendering("/", dom), site=BASE + "/")
    finally:
        writer.close()
    return build(tmp_path).pages[0]


def test_the_bounds_of_almost_no_text(tmp_path):
    """Served text of 150 characters is almost none (200 at most), 250 is not; rendered text must be 400 at
    least and three times the served: 190 served and 500 rendered is not enough (570 needed), 600 is."""
    cases = {(150, 1000): True, (250, 1000): False, (190, 500): False, (190, 600): True, (0, 399): False,
             (0, 400): True}
    for (served, rendered), expected in cases.items():
        folder = tmp_path / f"{served}-{rendered}"
        page = _one_page(folder, _served_text(served), _rendered_text(rendered))
        assert page.rendered is expected, (served, rendered)
        # The served page's title stays (the rendered one is only used when the served page has none).
        assert page.title == ("Autre titre" if expected else None), (served, rendered)


def test_the_served_title_is_kept_when_there_is_one(tmp_path):
    served = b'<!doctype html><html lang="fr"><head><title>Mairie</title></head><body></body></html>'
    page = _one_page(tmp_path, served, _rendered_text(800))
    assert page.rendered is True and page.title == "Mairie"


def test_evidence_from_a_rendered_page_says_so(tmp_path):
    from checks.base import page_evidence

    _folder(tmp_path, [_rendering("/", RENDERED)])
    obs = build(tmp_path)
    home = next(p for p in obs.pages if p.is_homepage)
    assert page_evidence(home, "partiellement conforme").to_dict()["rendered"] is True
    services = next(p for p in obs.pages if not p.is_homepage)
    assert "rendered" not in page_evidence(services, "lundi").to_dict()


def test_too_little_rendered_text_leaves_the_page_as_served(tmp_path):
    """Under 400 characters rendered (a cookie banner, a menu), the served page stays what is read."""
    _folder(tmp_path, [_rendering("/", '<html><body><div id="app"><p>' + "Accepter les cookies ? " * 10
                                  + "</p></div></body></html>")])
    obs = build(tmp_path)
    assert not any(p.rendered for p in obs.pages) and obs.render["rendered_text"] == []


def test_without_renderings_nothing_changes_and_no_rendered_signal(tmp_path):
    from checks.registry import CHECKS, RENDERED_MODULES, run_all

    _folder(tmp_path, [])
    obs = build(tmp_path)
    assert obs.renderings == [] and obs.render == {}
    assert [s.id for s in run_all(obs)] == [c.meta.id for c in CHECKS]
    assert not set(RENDERED_MODULES) & {s.id for s in run_all(obs)}


def test_with_renderings_the_rendered_signals_join_their_domains(tmp_path):
    from checks.registry import CHECKS, RENDERED_CHECKS, run_all
    from ground.model import DOMAINS

    _folder(tmp_path, [_rendering("/", RENDERED)])
    signals = run_all(build(tmp_path))
    ids = [s.id for s in signals]
    assert set(ids) == {c.meta.id for c in CHECKS + RENDERED_CHECKS}
    order = list(DOMAINS)
    assert [order.index(s.domain) for s in signals] == sorted(order.index(s.domain) for s in signals)
    # The static signals keep their order among themselves.
    assert [i for i in ids if i in {c.meta.id for c in CHECKS}] == [c.meta.id for c in CHECKS]
