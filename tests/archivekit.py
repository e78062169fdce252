"""A candidate's crawl written by hand, as the crawler archives it (ArchiveWriter: one WARC response
record and one index line per page), for the tests that read a crawl without making one."""
from __future__ import annotations

from pathlib import Path

from ground.archive import ArchiveWriter, IndexEntry


def write_pages(directory: Path, site: str | None, pages: list[tuple[str, bytes]], homepage: str | None = None,
                content_type: str = "text/html") -> None:
    """Archive `pages` [(URL, body)] of `site` in `directory` (200, `content_type`); `homepage`: the URL
    marked as the site's homepage (default: the first page)."""
    homepage = pages[0][0] if homepage is None and pages else homepage
    writer = ArchiveWriter(directory)
    try:
        for url, body in pages:
            writer.write_exchange(IndexEntry(url=url, kind="page", site=site, status=200, content_type=content_type,
                                             extra={"homepage": True} if url == homepage else {}),
                                  method="GET", request_headers=[], reason="OK",
                                  response_headers=[("Content-Type", content_type)], body=body)
    finally:
        writer.close()
