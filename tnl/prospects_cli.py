"""`tnl prospects OUT`: rewrite a run's prospects.csv and prospects.html (reports/prospects.py) with
another threshold or another palmarès file, offline. `tnl run`, `check` and `report` write them with
the defaults (rank 1, the shipped palmarès) beside the overview."""
from __future__ import annotations

import sys
from pathlib import Path

from tnl.options import EXIT_OK, BadInput, positive_int, views_lang

UI = {
    "no_reports": "{out} : aucun report.json (lancez d'abord « tnl run » ou « tnl check »)",
    "written": "Collectivités à inviter ({label}) : {path}",
}


def add_parsers(sub) -> None:
    p = sub.add_parser("prospects", help="réécrire la liste des collectivités à inviter d'une collecte "
                                         "(prospects.csv, prospects.html ; sans réseau)")
    p.add_argument("out", type=Path, help="dossier de la collecte (OUT de « tnl run »)")
    p.add_argument("--min-rank", type=positive_int, default=None, metavar="N",
                   help="rang du résultat indicatif qu'il faut au moins (1 : Bronze ou badge, 2 : Argent, 3 : Or ; "
                        "jusqu'à l'édition 2024 : le niveau) ; 1 par défaut")
    p.add_argument("--palmares", type=Path, default=None, metavar="FICHIER",
                   help="palmarès publié dont les collectivités sont écartées (CSV : nom, type, siren… ; par défaut "
                        "checks/data/editions/palmares.csv)")
    p.add_argument("--lang", choices=("fr", "en"), default=None,
                   help="langue de la page (par défaut celle de la vue d'ensemble de la collecte)")


def dispatch(args) -> int:
    from ground import archive
    from reports.html import localize
    from reports.prospects import DEFAULT_MIN_RANK, PalmaresError, render_prospects
    from tnl.pipeline import candidate_dirs, summary

    reports = [summary(archive.read_json(d / archive.REPORT_JSON)) for d in candidate_dirs(args.out)
               if (d / archive.REPORT_JSON).is_file()]
    if not reports:
        raise BadInput(UI["no_reports"].format(out=args.out))
    lang = args.lang or views_lang(args.out)
    if lang != "fr":
        reports = [localize(r, lang) for r in reports]
    try:
        paths = render_prospects(reports, args.out, lang, palmares=args.palmares,
                                 min_rank=args.min_rank or DEFAULT_MIN_RANK)
    except PalmaresError as exc:
        raise BadInput(str(exc)) from None
    if not args.quiet:
        for label, path in sorted(paths.items()):
            print(UI["written"].format(label=label, path=path), file=sys.stdout)
    return EXIT_OK
