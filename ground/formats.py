"""Document formats: which links are documents, and which formats are open (RGI v2)."""
from __future__ import annotations

import re
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from ground.memo import per_candidate

# Formats the crawler records as documents (fetched to read their producer metadata).
# Open per the Référentiel Général d'Interopérabilité v2 (text: ODT, HTML, PDF, EPUB;
# data: CSV, JSON, XML; archives: TAR, GZIP, 7Z). Not documents: Markdown files (a LICENCE.md on a
# forge is a project's file, not a publication of the collectivité) and feeds (below).
OPEN_FORMATS = {
    "odt", "ods", "odp", "odg", "pdf", "csv", "txt", "xml", "json", "geojson", "epub",
}
# RTF is Microsoft's own format (its specification is Microsoft's, frozen in 2008): not in the RGI's
# open formats.
CLOSED_FORMATS = {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "pps", "ppsx", "pub", "vsd", "vsdx", "rtf"}
DOCUMENT_FORMATS = OPEN_FORMATS | CLOSED_FORMATS

# Office documents for the open_formats signal (what a citizen downloads and opens).
FAMILY = {
    "odt": "ODF", "ods": "ODF", "odp": "ODF", "odg": "ODF",
    "pdf": "PDF", "csv": "CSV", "txt": "TXT", "xml": "XML", "json": "JSON", "geojson": "JSON",
    "epub": "EPUB", "rtf": "RTF",
    "doc": "MS Office", "docx": "MS Office", "xls": "MS Office", "xlsx": "MS Office",
    "ppt": "MS Office", "pptx": "MS Office", "pps": "MS Office", "ppsx": "MS Office",
    "pub": "MS Office", "vsd": "MS Office", "vsdx": "MS Office",
}

_MIME = {
    "application/pdf": "pdf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.graphics": "odg",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "text/csv": "csv",
    "application/epub+zip": "epub",
    "application/rtf": "rtf",
}


# Plone / iMio serve a file at `…/budget.pdf/@@download/file` (also `/at_download/file`, `/download`):
# the document's own name is the segment before.
_DOWNLOAD_TAIL = re.compile(r"/(?:@@download|at_download|@@display-file|download)(?:/[^/]*)?/?$", re.I)
# A feed is not a document: `/feed.xml`, `/rss.xml`, `atom.xml`, SPIP's `?page=backend`…
_FEED_NAME = re.compile(r"(?:^|[/._-])(?:feed|feeds|rss|rss2|atom|backend)(?:[/._-]|$)", re.I)
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"}


@per_candidate(65536)  # menus and footers link the same URLs from every page
def extension(url: str) -> str:
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    return PurePosixPath(_DOWNLOAD_TAIL.sub("", path)).suffix.lower().lstrip(".")


def _is_feed(url: str, ext: str) -> bool:
    if ext not in ("xml", "json", "rdf"):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(_FEED_NAME.search(unquote(parts.path)) or _FEED_NAME.search(parts.query))


def document_format(url: str, content_type: str | None = None) -> str | None:
    """The document format of a URL (by extension, else by MIME type), or None if not a document.

    txt/xml/json are only counted by extension: by MIME type they are too often feeds and APIs; a
    feed's URL (`/feed.xml`) is not a document.
    """
    ext = extension(url)
    if ext in DOCUMENT_FORMATS:
        return None if _is_feed(url, ext) else ext
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        return _MIME.get(mime)
    return None


def disposition_filename(disposition: str | None) -> str | None:
    """The file name a Content-Disposition header gives (RFC 6266, `filename*` per RFC 5987 included)."""
    if not disposition:
        return None
    message = Message()
    message["Content-Disposition"] = disposition
    try:
        name = message.get_filename()
    except (ValueError, LookupError):
        return None
    return name.strip().strip('"') if name else None


def served_format(url: str, content_type: str | None, disposition: str | None, head: bytes) -> str | None:
    """The document format of an answer, told by what was served: the file name of its
    Content-Disposition, its MIME type, its first bytes, then its URL's extension; None for an HTML
    page, a feed or anything that is not a document (`telecharger?id=5` serving budget.odt is one)."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if "html" in mime or mime in FEED_TYPES:
        return None
    name = disposition_filename(disposition)
    if name:
        ext = PurePosixPath(name).suffix.lower().lstrip(".")
        if ext in DOCUMENT_FORMATS:
            return ext
    if mime in _MIME:
        return _MIME[mime]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if mime in ("", "application/octet-stream", "application/force-download", "application/download",
                "binary/octet-stream", "application/x-download"):
        return document_format(url)
    return None


def is_open(fmt: str) -> bool:
    return fmt in OPEN_FORMATS

# Machine-readable open formats for open data (resources of data.gouv.fr datasets).
OPEN_DATA_FORMATS = {
    "csv", "json", "geojson", "xml", "ods", "txt", "tsv", "jsonld", "rdf", "ttl", "n3", "kml", "gpx",
    "gml", "shp", "gpkg", "parquet", "gtfs", "netcdf", "sql", "odt", "zip", "7z", "tar", "gz",
    "csv.gz", "ogc:wms", "ogc:wfs", "wms", "wfs", "api",
}
