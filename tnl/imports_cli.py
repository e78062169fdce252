"""The commands that read archives made by others: `tnl import` (WARC, WACZ) and `tnl import-cc`
(Common Crawl). Parsers, dispatch and the summary they print; the work is in tnl/imports.py and
tnl/imports_cc.py."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tnl.options import EXIT_OK, BadInput, open_journal, output_folder, positive_int

UI = {
    "row": "  {id} : {records} enregistrement(s), dont {pages} page(s) HTML",
    "missing_home": "      page d'accueil absente de la capture : {urls}",
    "finding": "      constat : {finding}",
    "absent": "{n} candidat(s) sans rien dans les captures : pas de dossier ({ids})",
    "written": "Dossiers écrits dans {out}/<id>/ (crawl.warc.gz, index.jsonl, crawl.json).",
    "next": "Signaux non calculés (--no-check) : lancez « tnl check {out} ».",
    "report": "  {id} : {path}",
    "reports": "Rapports écrits :",
    "none": "aucun candidat n'a d'enregistrement dans ces captures : rien n'est écrit",
}


def add_parsers(sub) -> None:
    p = sub.add_parser("import", help="faire des dossiers de candidats des archives capturées par d'autres "
                                      "(WARC, WACZ de wget, Heritrix, Browsertrix), sans réseau, puis les vérifier")
    p.add_argument("out", type=Path, help="dossier de sortie (un dossier par candidat)")
    p.add_argument("--archive", action="append", required=True, metavar="[ID=]FICHIER",
                   help="une archive WARC (.warc, .warc.gz) ou WACZ ; ID= : celle d'un candidat (sinon ses "
                        "enregistrements vont aux candidats par nom d'hôte) ; répétable")
    _common(p)

    p = sub.add_parser("import-cc", help="lire dans une collecte mensuelle de Common Crawl (index d'URL, puis "
                                         "lectures par plage) les enregistrements des sites des candidats")
    p.add_argument("out", type=Path, help="dossier de sortie (un dossier par candidat)")
    p.add_argument("--crawl", required=True, metavar="CC-MAIN-AAAA-SS", help="la collecte de Common Crawl")
    p.add_argument("--index-url", default=None, metavar="URL",
                   help="serveur de l'index d'URL (https://index.commoncrawl.org)")
    p.add_argument("--data-url", default=None, metavar="URL",
                   help="serveur des fichiers WARC (https://data.commoncrawl.org)")
    p.add_argument("--delay", type=float, default=None, metavar="S",
                   help="secondes entre deux requêtes à Common Crawl (1)")
    p.add_argument("--user-agent", default=None, metavar="UA", help="User-Agent (celui de la collecte)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="délai d'attente d'une réponse (30)")
    _common(p)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--candidates", type=Path, required=True, metavar="FICHIER",
                   help="fichier des candidats (YAML ou CSV)")
    p.add_argument("--max-pages", type=positive_int, default=200, metavar="N", help="pages HTML lues par site (200)")
    p.add_argument("--max-documents", type=positive_int, default=150, metavar="N", help="documents lus par site (150)")
    p.add_argument("--no-check", action="store_true",
                   help="écrire les dossiers seulement (les signaux : « tnl check OUT » ensuite)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue des rapports HTML : fr (défaut) ou en")
    p.add_argument("--jobs", "-j", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                   help="candidats vérifiés en même temps (défaut : le nombre de cœurs)")


def dispatch(args: argparse.Namespace, candidates: list[dict]) -> int:
    """Run `tnl import` or `tnl import-cc` on the candidates already loaded (tnl/cli.py)."""
    from tnl.imports import CaptureInputError, import_archives

    log = None if args.quiet else sys.stderr
    output_folder(args.out)
    open_journal(args.out)
    caps = (args.max_pages, args.max_documents, 40)
    try:
        sources = None
        specs = list(getattr(args, "archive", None) or [])
        if args.command == "import-cc":
            sources = _fetch_cc(args, candidates, caps, log)
        rows = import_archives(candidates, specs, args.out, max_pages=caps[0], max_documents=caps[1],
                               max_assets=caps[2], sources=sources)
    except CaptureInputError as exc:
        raise BadInput(str(exc)) from None
    written = [r for r in rows if r["written"]]
    if not written:
        raise BadInput(UI["none"])
    if not args.quiet:
        _print_rows(rows, args.out)
    if args.no_check:
        if not args.quiet:
            print(UI["next"].format(out=args.out))
        return EXIT_OK
    from tnl.pipeline import check_all, render_all

    check_all(args.out, log=log, jobs=args.jobs)
    render_all(args.out, log=None, lang=args.lang)
    if not args.quiet:
        print(UI["reports"])
        for row in written:
            print(UI["report"].format(id=row["id"], path=args.out / row["id"] / "report.html"))
    return EXIT_OK


def _fetch_cc(args: argparse.Namespace, candidates: list[dict], caps: tuple[int, int, int], log):
    from crawler.commoncrawl import DATA_URL, DEFAULT_DELAY, INDEX_URL, CommonCrawl
    from tnl.imports_cc import check_crawl, fetch_all

    crawl = check_crawl(args.crawl)
    for option, value in (("--index-url", args.index_url), ("--data-url", args.data_url)):
        if value is not None and not value.lower().startswith(("http://", "https://")):
            raise BadInput(f"{option} {value!r} : une adresse http:// ou https:// est attendue")
    client = CommonCrawl(args.index_url or INDEX_URL, args.data_url or DATA_URL, args.user_agent,
                         DEFAULT_DELAY if args.delay is None else args.delay, args.timeout)
    return fetch_all(candidates, args.out, crawl, client, caps, log)


def _print_rows(rows: list[dict], out: Path) -> None:
    for row in rows:
        if not row["written"]:
            continue
        print(UI["row"].format(id=row["id"], records=row["records"], pages=row["pages"]))
        if row.get("missing_homepages"):
            print(UI["missing_home"].format(urls=", ".join(row["missing_homepages"])))
        for finding in row.get("findings") or []:
            print(UI["finding"].format(finding=finding))
    absent = [r["id"] for r in rows if not r["written"]]
    if absent:
        shown = ", ".join(absent[:10]) + (" …" if len(absent) > 10 else "")
        print(UI["absent"].format(n=len(absent), ids=shown))
    print(UI["written"].format(out=out))
