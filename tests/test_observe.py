"""Observations: one parse per page; documents' producer metadata read from the files themselves."""
from __future__ import annotations

import io
import zipfile

from pypdf import PdfWriter

from ground.documents import document_metadata
from ground.html import parse_html

PAGE = b"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title> Mairie  de Test </title>
<meta name="generator" content="SPIP 4.2"><link rel="me" href="https://mastodon.social/@test">
<script src="/js/app.js"></script><script>var a = 1;</script><style>p{}</style></head>
<body><h1>Accueil</h1><p>Horaires<br>d'ouverture</p><a href="docs/a.odt">Doc</a>
<a href="mailto:x@y.fr">mail</a><a href="javascript:alert(1)">x</a><a href="#top">haut</a>
<img src="/i.png" alt=""></body></html>"""


def test_parse_html_fields():
    out = parse_html(PAGE, "https://www.test.fr/page/", "utf-8")
    assert out["title"] == "Mairie de Test" and out["lang"] == "fr" and out["generator"] == "SPIP 4.2"
    assert [link.url for link in out["links"]] == ["https://mastodon.social/@test", "https://www.test.fr/page/docs/a.odt"]
    assert out["scripts"] == ["https://www.test.fr/js/app.js"] and out["inline_scripts"] == ["var a = 1;"]
    assert "Accueil Horaires d'ouverture Doc" in out["text"] and "var a" not in out["text"]


def test_parse_html_survives_garbage():
    assert parse_html(b"\x00\xff<<<>>>", "https://x.fr/")["links"] == []
    assert parse_html(b"", "https://x.fr/")["title"] is None


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_odf_generator():
    body = _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                 "meta.xml": "<office:document-meta><office:meta><meta:generator>LibreOffice/7.6.4.1$Linux_X86_64"
                             "</meta:generator></office:meta></office:document-meta>"})
    assert document_metadata(body)[:2] == ("LibreOffice/7.6.4.1$Linux_X86_64", None)


def test_ooxml_application():
    body = _zip({"[Content_Types].xml": "<Types/>",
                 "docProps/app.xml": "<Properties><Application>Microsoft Office Word</Application></Properties>"})
    assert document_metadata(body)[:2] == ("Microsoft Office Word", None)


def test_pdf_producer_and_creator():
    w = PdfWriter()
    w.add_blank_page(100, 100)
    w.add_metadata({"/Producer": "LibreOffice 7.6", "/Creator": "Writer"})
    buf = io.BytesIO()
    w.write(buf)
    assert document_metadata(buf.getvalue())[:2] == ("LibreOffice 7.6", "Writer")


def test_broken_documents_give_nothing():
    assert document_metadata(b"%PDF-1.4 garbage")[:2] == (None, None)
    assert document_metadata(b"PK\x03\x04 not a zip")[:2] == (None, None)


def test_main_text_leaves_navigation_out():
    page = (b"<html><body><header>Mairie</header><nav>Accueil Firefox</nav><main><p>Contenu LibreOffice</p></main>"
            b"<footer>Mentions</footer></body></html>")
    out = parse_html(page, "https://x.fr/")
    assert out["main_text"] == "Contenu LibreOffice" and "Firefox" in out["text"]
    no_main = parse_html(b"<html><body><nav>Menu</nav><div>Texte propre</div><footer>Pied</footer></body></html>",
                         "https://x.fr/")
    assert no_main["main_text"] == "Texte propre"


def test_squash_is_the_regex_whitespace_collapse_for_every_code_point():
    """_squash (str.split) collapses exactly what re's \\s+ collapses, no-break spaces included."""
    import re

    from ground.text import squash as _squash

    ws = re.compile(r"\s+")
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        text = f" a{chr(cp)}b \n"
        assert _squash(text) == ws.sub(" ", text).strip(), hex(cp)
    assert _squash("\u00a0Mairie\t de\u202f\n Libreville ") == "Mairie de Libreville"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_words = st.text(alphabet="ab \n\u00a0é", max_size=5)
_blocks = st.lists(st.tuples(st.sampled_from(["p", "nav", "div", "span", "footer"]), _words, _words), max_size=5)


@settings(max_examples=300, deadline=None)
@given(_blocks, _blocks, _blocks, _words, st.booleans())
def test_page_text_around_the_main_content_is_the_whole_body_squashed(pre, inside, post, tail, role):
    """parse_html joins the page text around the already squashed main content: the same text as
    squashing the whole body (itertext), for any whitespace at the seams."""
    import lxml.html

    from ground.html import parse_html
    from ground.text import squash as _squash

    def html(blocks):
        return "".join(f"<{t}>{a}<b>{b}</b></{t}>{b}" for t, a, b in blocks)

    main = ('<div role="main">' if role else "<main>") + html(inside) + ("</div>" if role else "</main>")
    page = f"<html><body>{html(pre)}{main}{tail}{html(post)}</body></html>".encode()
    fields = parse_html(page, "http://x.test/")
    body = lxml.html.document_fromstring(page.decode()).find("body")
    assert fields["text"] == _squash(" ".join(body.itertext()))
    assert fields["main_text"] == _squash(" ".join(body.xpath("//main|//*[@role='main']")[0].itertext()))


def test_relative_links_resolve_as_urljoin_does():
    """Links are joined through a cache keyed by the page's origin for /path links: same URLs."""
    from urllib.parse import urljoin

    from ground.html import _absolute

    bases = ["http://x.test/a/b.html", "https://x.test:8443/a/", "http://u@x.test/a;p?q#f", "http://x.test"]
    hrefs = ["/p/1.html", "/./a/../b?x#y", "//other.test/z", "c/d", "../e", "?q", "/", "/a b", "HTTP://X.test/",
             "mailto:a@x.test", "javascript:void(0)", "/%7e/", "/\\evil"]
    for base in bases:
        for href in hrefs:
            want = urljoin(base, href)
            assert _absolute(base, href) == (want if want.startswith(("http://", "https://")) else None), (base, href)


def test_documents_are_told_by_what_was_served_not_only_by_their_links(tmp_path):
    """A `telecharger?id=5` link crawled as a page but answered with an ODT file (Content-Disposition)
    is a document; a feed linked as /feed.xml is not; a PDF whose link ends in @@download/file is."""
    from ground import archive
    from ground.archive import ArchiveWriter, IndexEntry
    from ground.observe import build

    site = "https://www.ville.fr/"
    home = ('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><main>'
            '<a href="/telecharger?id=5">Budget</a> <a href="/feed.xml">Flux</a>'
            '<a href="/budget.pdf/@@download/file">PDF</a></main></body></html>')
    archive.write_json(tmp_path / archive.CANDIDATE_NAME, {"id": "c", "name": "Ville", "websites": [site]})
    writer = ArchiveWriter(tmp_path)

    def answer(url, kind, headers, body, **extra):
        entry = IndexEntry(url=url, kind=kind, site=site, depth=0 if url == site else 1, status=200,
                           content_type=headers[0][1], referrer=None if url == site else site, extra=extra)
        writer.write_exchange(entry, method="GET", request_headers=[], reason="OK", response_headers=headers,
                              body=body)

    answer(site, "page", [("Content-Type", "text/html; charset=utf-8")], home.encode(), homepage=True)
    answer(site + "telecharger?id=5", "page", [("Content-Type", "application/octet-stream"),
                                               ("Content-Disposition", 'attachment; filename="budget.odt"')],
           b"PK\x03\x04 not really a zip")
    answer(site + "budget.pdf/@@download/file", "document", [("Content-Type", "application/pdf")], b"%PDF-1.4 x")
    writer.close()
    obs = build(tmp_path)
    docs = {d.url: d for d in obs.documents}
    assert set(docs) == {site + "telecharger?id=5", site + "budget.pdf/@@download/file"}
    odt = docs[site + "telecharger?id=5"]
    assert (odt.format, odt.fetched, odt.linked_by) == ("odt", True, [site])
    assert docs[site + "budget.pdf/@@download/file"].format == "pdf"
    assert [p.url for p in obs.pages] == [site]  # the ODT answer is not a page


def test_http_dates_are_read_as_days():
    from ground.observe import http_date
    assert http_date("Tue, 12 Nov 2024 08:30:00 GMT") == "2024-11-12"
    assert http_date("12/11/2024") is None and http_date(None) is None and http_date("") is None
