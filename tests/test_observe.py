"""Observations: one parse per page; documents' producer metadata read from the files themselves."""
from __future__ import annotations

import io
import zipfile

from pypdf import PdfWriter

from ground.documents import document_producer
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
    assert document_producer(body) == ("LibreOffice/7.6.4.1$Linux_X86_64", None)


def test_ooxml_application():
    body = _zip({"[Content_Types].xml": "<Types/>",
                 "docProps/app.xml": "<Properties><Application>Microsoft Office Word</Application></Properties>"})
    assert document_producer(body) == ("Microsoft Office Word", None)


def test_pdf_producer_and_creator():
    w = PdfWriter()
    w.add_blank_page(100, 100)
    w.add_metadata({"/Producer": "LibreOffice 7.6", "/Creator": "Writer"})
    buf = io.BytesIO()
    w.write(buf)
    assert document_producer(buf.getvalue()) == ("LibreOffice 7.6", "Writer")


def test_broken_documents_give_nothing():
    assert document_producer(b"%PDF-1.4 garbage") == (None, None)
    assert document_producer(b"PK\x03\x04 not a zip") == (None, None)


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
