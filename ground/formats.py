"""Document formats: which links are documents, and which formats are open (RGI v2)."""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from ground.memo import per_candidate

# Formats the crawler records as documents (fetched to read their producer metadata).
# Open per the Référentiel Général d'Interopérabilité v2 (text: ODT, HTML, PDF, EPUB;
# data: CSV, JSON, XML; archives: TAR, GZIP, 7Z).
OPEN_FORMATS = {
    "odt", "ods", "odp", "odg", "pdf", "csv", "txt", "xml", "json", "geojson", "epub",
    "rtf", "md",
}
CLOSED_FORMATS = {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "pps", "ppsx", "pub", "vsd", "vsdx"}
DOCUMENT_FORMATS = OPEN_FORMATS | CLOSED_FORMATS

# Office documents for the open_formats signal (what a citizen downloads and opens).
FAMILY = {
    "odt": "ODF", "ods": "ODF", "odp": "ODF", "odg": "ODF",
    "pdf": "PDF", "csv": "CSV", "txt": "TXT", "xml": "XML", "json": "JSON", "geojson": "JSON",
    "epub": "EPUB", "rtf": "RTF", "md": "TXT",
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


@per_candidate(65536)  # menus and footers link the same URLs from every page
def extension(url: str) -> str:
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    return PurePosixPath(path).suffix.lower().lstrip(".")


def document_format(url: str, content_type: str | None = None) -> str | None:
    """The document format of a URL (by extension, else by MIME type), or None if not a document.

    txt/xml/json are only counted by extension: by MIME type they are too often feeds and APIs.
    """
    ext = extension(url)
    if ext in DOCUMENT_FORMATS:
        return ext
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        return _MIME.get(mime)
    return None


def is_open(fmt: str) -> bool:
    return fmt in OPEN_FORMATS

# Machine-readable open formats for open data (resources of data.gouv.fr datasets).
OPEN_DATA_FORMATS = {
    "csv", "json", "geojson", "xml", "ods", "txt", "tsv", "jsonld", "rdf", "ttl", "n3", "kml", "gpx",
    "gml", "shp", "gpkg", "parquet", "gtfs", "netcdf", "sql", "odt", "zip", "7z", "tar", "gz",
    "csv.gz", "ogc:wms", "ogc:wfs", "wms", "wfs", "api",
}
