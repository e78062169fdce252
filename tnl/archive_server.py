"""`tnl archive OUT|BUNDLE.zip`: the archived copies, as they were read, served on 127.0.0.1.

Each evidence row of report.html links its archived copy at
`http://127.0.0.1:8095/<candidate id>/<record uuid>` (reports.html.ARCHIVE_BASE): the response body
exactly as the WARC holds it (Content-Encoding undone), with the Content-Type it was served with,
and made inert: a Content-Security-Policy sandbox runs no script and loads nothing from the network
(an archived page must not call its trackers again, nor let its scripts reach the reader). A notice
page per record gives what the WARC says of it (address, date, status, headers, SHA-256 of what was
received). Works from a run's folder or from a sealed bundle (`tnl bundle`), with no network: a jury
opens a bundle received by e-mail a year later.

The WARC files are standard (ISO 28500): any replay tool of the web-archiving field (pywb,
ReplayWeb.page, warcio) reads them too; this command is the one that needs nothing more.
"""
from __future__ import annotations

import html
import re
import tempfile
import zipfile
from pathlib import Path

from flask import Flask, Response, abort

from ground import archive
from ground.rendered import RENDER_SHARD
from reports.html import ARCHIVE_PORT

# Record ids are `<urn:uuid:…>`: the uuid names the copy in the URL.
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# An archived copy runs nothing and fetches nothing; its own images and styles inline only.
SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
UI = {
    "title": "Copies archivées — tnl-evidence",
    "intro": ("Chaque réponse reçue pendant la collecte, telle qu'elle a été lue (archive WARC) : servie ici "
              "sans réseau, rendue inerte (aucun script, aucune ressource extérieure)."),
    "col_url": "Adresse", "col_date": "Date", "col_status": "Statut HTTP", "col_kind": "Type", "col_copy": "Copie",
    "copy": "copie archivée", "notice": "notice",
    "notice_title": "Notice de la copie archivée",
    "sha": "Empreinte SHA-256 de ce qui a été reçu",
    "headers": "En-têtes reçus",
    "record": "Identifiant de l'enregistrement WARC",
    "started": "Copies archivées servies sur http://127.0.0.1:{port}/ (Ctrl-C pour arrêter) : {n} candidat(s).",
}


def _esc(value: object) -> str:
    return html.escape(str(value if value is not None else "—"))


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{_esc(title)}</title>'
            '<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}'
            'td,th{border-bottom:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}'
            'code{word-break:break-all}</style></head>'
            f"<body><h1>{_esc(title)}</h1>{body}</body></html>")


class Archives:
    """The candidates' folders (index.jsonl, crawl.warc.gz) of a run folder or of a bundle."""

    def __init__(self, source: Path) -> None:
        source = Path(source)
        self._tmp = None
        if source.is_file() and zipfile.is_zipfile(source):
            self._tmp = tempfile.TemporaryDirectory(prefix="tnl-archive-")
            folder = Path(self._tmp.name) / "candidat"
            folder.mkdir()
            with zipfile.ZipFile(source) as zf:
                for name in (archive.WARC_NAME, archive.INDEX_NAME, archive.CANDIDATE_NAME,
                             *archive.shard_names(RENDER_SHARD)):
                    member = next((n for n in zf.namelist() if n == name or n.endswith("/" + name)), None)
                    if member is not None:
                        (folder / name).write_bytes(zf.read(member))
            dirs = [folder]
        elif source.is_dir():
            dirs = [d for d in sorted(source.iterdir()) if (d / archive.INDEX_NAME).is_file()]
            if (source / archive.INDEX_NAME).is_file():
                dirs = [source]
        else:
            raise ValueError(f"{source} : ni un dossier de collecte ni un dossier de preuves (zip)")
        self.dirs: dict[str, Path] = {}
        self._entries: dict[str, dict[str, tuple[archive.IndexEntry, str | None]]] = {}
        for d in dirs:
            cand = archive.read_json(d / archive.CANDIDATE_NAME) if (d / archive.CANDIDATE_NAME).is_file() else {}
            self.dirs[str(cand.get("id") or d.name)] = d
        if not self.dirs:
            raise ValueError(f"{source} : aucune archive de candidat (index.jsonl) trouvée")

    def entries(self, cid: str) -> dict[str, tuple[archive.IndexEntry, str | None]]:
        """The candidate's archived records by record id, with the shard that holds each (the rendered
        pass's records are in the `render` shard, a distributed crawl's in one per process); read once."""
        if cid not in self._entries:
            folder = self.dirs[cid]
            self._entries[cid] = {e.record_id: (e, shard) for shard in archive.shards(folder)
                                  for e in archive.read_index(folder, shard) if e.record_id}
        return self._entries[cid]

    def find(self, cid: str, uuid: str) -> tuple[archive.IndexEntry, archive.ArchivedResponse] | None:
        wanted = f"<urn:uuid:{uuid}>"
        entry, shard = self.entries(cid).get(wanted) or (None, None)
        if entry is None:
            return None
        with open(self.dirs[cid] / archive.shard_names(shard)[0], "rb") as fh:
            resp = archive.read_indexed(fh, entry) if "warc_offset" in entry.extra else None
        if resp is None:
            resp = next((r for r in archive.iter_merged_responses(self.dirs[cid]) if r.record_id == wanted), None)
        return (entry, resp) if resp is not None else None

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()


def create_app(archives: Archives) -> Flask:
    app = Flask("tnl.archive")

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp

    @app.get("/")
    def index():
        items = "".join(f'<li><a href="/{_esc(cid)}/">{_esc(cid)}</a></li>' for cid in archives.dirs)
        return _page(UI["title"], f"<p>{_esc(UI['intro'])}</p><ul>{items}</ul>")

    @app.get("/<cid>/")
    def candidate(cid: str):
        if cid not in archives.dirs:
            abort(404)
        rows = []
        for e, _shard in archives.entries(cid).values():
            uuid = e.record_id.removeprefix("<urn:uuid:").removesuffix(">")
            rows.append(f"<tr><td><code>{_esc(e.url)}</code></td><td>{_esc(e.fetched_at)}</td><td>{_esc(e.status)}</td>"
                        f"<td>{_esc(e.kind)}</td><td><a href=\"/{_esc(cid)}/{uuid}\">{UI['copy']}</a> · "
                        f"<a href=\"/{_esc(cid)}/{uuid}/notice\">{UI['notice']}</a></td></tr>")
        head = "".join(f"<th>{UI[k]}</th>" for k in ("col_url", "col_date", "col_status", "col_kind", "col_copy"))
        return _page(f"{UI['title']} : {cid}", f"<p>{_esc(UI['intro'])}</p><table><thead><tr>{head}</tr></thead>"
                                                  f"<tbody>{''.join(rows)}</tbody></table>")

    def _found(cid: str, uuid: str):
        if cid not in archives.dirs or not _UUID.match(uuid):
            abort(404)
        found = archives.find(cid, uuid)
        if found is None:
            abort(404)
        return found

    @app.get("/<cid>/<uuid>")
    def copy(cid: str, uuid: str):
        entry, resp = _found(cid, uuid)
        ctype = resp.header("Content-Type") or "application/octet-stream"
        out = Response(resp.body, status=200, content_type=ctype)
        out.headers["Content-Security-Policy"] = SANDBOX
        out.headers["X-Archived-URL"] = entry.url.encode("ascii", "backslashreplace").decode()
        out.headers["X-Archived-At"] = entry.fetched_at or ""
        out.headers["X-Archived-Status"] = str(resp.status or "")
        if resp.header("Content-Disposition"):
            out.headers["Content-Disposition"] = resp.header("Content-Disposition")
        return out

    @app.get("/<cid>/<uuid>/notice")
    def notice(cid: str, uuid: str):
        entry, resp = _found(cid, uuid)
        headers = "".join(f"<tr><th>{_esc(k)}</th><td><code>{_esc(v)}</code></td></tr>" for k, v in resp.headers)
        body = (f"<dl><dt>{UI['col_url']}</dt><dd><code>{_esc(entry.url)}</code></dd>"
                f"<dt>{UI['col_date']}</dt><dd>{_esc(entry.fetched_at)}</dd>"
                f"<dt>{UI['col_status']}</dt><dd>{_esc(resp.status)}</dd>"
                f"<dt>{UI['sha']}</dt><dd><code>{_esc(entry.sha256)}</code></dd>"
                f"<dt>{UI['record']}</dt><dd><code>{_esc(entry.record_id)}</code></dd></dl>"
                f"<p><a href=\"/{_esc(cid)}/{uuid}\">{UI['copy']}</a></p>"
                f"<h2>{UI['headers']}</h2><table>{headers}</table>")
        return _page(UI["notice_title"], body)

    return app


def serve_archives(source: Path, port: int = ARCHIVE_PORT, quiet: bool = False) -> int:
    from werkzeug.serving import make_server

    archives = Archives(source)
    server = make_server("127.0.0.1", port, create_app(archives), threaded=True)
    if not quiet:
        print(UI["started"].format(port=server.server_port, n=len(archives.dirs)), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        archives.close()
    return 0
