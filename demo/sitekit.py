"""Tiny static-site kit used by the world builder: pages, documents, assets, breadcrumbs."""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Callable

from demo import docgen
from demo.docgen import Producer

OOXML_EXTS = ("docx", "xlsx", "pptx")
ODF_EXTS = ("odt", "ods", "odp")


def e(text: str) -> str:
    """HTML-escape text (quotes too)."""
    return escape(str(text), quote=True)


def paras(*texts: str) -> str:
    """Paragraphs; the texts may contain inline HTML written by the builder."""
    return "\n".join(f"<p>{t}</p>" for t in texts)


def ul(items: list[str], cls: str | None = None) -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>\n" + "\n".join(f"  <li>{i}</li>" for i in items) + "\n</ul>"


def fr_date(iso: str) -> str:
    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{'1er' if d == 1 else d} {months[m - 1]} {y}"


def human_size(n: int) -> str:
    return f"{max(1, round(n / 1024))} Ko"


@dataclass
class Page:
    path: str
    title: str
    body: str
    parent: str | None = "/"
    description: str = ""


@dataclass
class Doc:
    path: str
    ext: str
    title: str
    data: bytes
    producer: str | None  # what a checker should read: meta:generator, <Application> or /Producer


@dataclass
class Site:
    host: str
    name: str
    layout: Callable[["Site", Page], str]
    nav: list[tuple[str, str]] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    docs: dict[str, Doc] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    robots_disallow: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://{self.host}"

    def add(self, path: str, title: str, body: str, parent: str | None = "/", description: str = "") -> Page:
        if path in self.pages:
            raise ValueError(f"duplicate page {path} on {self.host}")
        page = Page(path, title, body, parent if path != "/" else None, description)
        self.pages[path] = page
        return page

    def link(self, path: str, label: str | None = None) -> str:
        page = self.pages.get(path)
        text = label if label is not None else (page.title if page else path)
        return f'<a href="{e(path)}">{e(text)}</a>'

    def crumbs(self, page: Page) -> list[Page]:
        chain = []
        cur = page
        while cur is not None:
            chain.append(cur)
            cur = self.pages.get(cur.parent) if cur.parent else None
        return list(reversed(chain))

    def doc(
        self,
        path: str,
        title: str,
        author: str,
        created: str,
        producer: Producer | None,
        paragraphs: list[str] | None = None,
        rows: list[list] | None = None,
        label: str | None = None,
        raw: bytes | None = None,
        pages: list[list[str]] | None = None,
        pdf_options: dict | None = None,
    ) -> str:
        """Generate (once) the document at `path` and return an HTML link to it.

        `created` is "YYYY-MM-DD"; `producer` says which software wrote the file; `pages`: the
        paragraphs of each page (pdf, odt); `pdf_options`: docgen.pdf's tagged, lang, display_title,
        image_only.
        """
        ext = path.rsplit(".", 1)[-1].lower()
        if path not in self.docs:
            iso = f"{created}T09:30:00"
            if ext in ODF_EXTS:
                data = docgen.odf(ext, title, author, iso, producer, paragraphs, rows, pages=pages)
                stamp = producer.odf_generator
            elif ext in OOXML_EXTS:
                data = docgen.ooxml(ext, title, author, f"{created}T08:30:00Z", producer, paragraphs, rows)
                stamp = docgen.OOXML_APPLICATION[ext]
            elif ext == "pdf":
                pdf_date = "D:" + created.replace("-", "") + "093000+01'00'"
                data = docgen.pdf(title, author, pdf_date, producer, paragraphs, pages=pages, **(pdf_options or {}))
                stamp = producer.pdf_producer
            elif ext in ("doc", "xls", "ppt"):
                data = docgen.ole2_stub(title)
                stamp = None
            elif raw is not None:
                data = raw
                stamp = None
            else:
                raise ValueError(f"no generator for {path}")
            self.docs[path] = Doc(path, ext, title, data, stamp)
        doc = self.docs[path]
        text = label or doc.title
        return (
            f'<a href="{e(path)}" class="document" type="{e(ext)}">{e(text)}</a> '
            f"<span class=\"doc-info\">({ext.upper()}, {human_size(len(doc.data))})</span>"
        )

    def render(self, page: Page) -> str:
        return self.layout(self, page)


def wrap_layout(site: "Site", marker: str, markup: str, before: bool = False, who: str = "extension") -> None:
    """Inject `markup` after (or before) `marker` in every page the site's layout renders; fails loudly
    (naming `who`) on a page whose layout lacks the marker: the content module changed under us."""
    inner = site.layout

    def layout(s: "Site", page: "Page") -> str:
        out = inner(s, page)
        if marker not in out:
            raise AssertionError(f"{who}: marker {marker!r} missing on {s.host}{page.path}")
        return out.replace(marker, markup + marker if before else marker + markup, 1)

    site.layout = layout
