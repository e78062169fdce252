"""`tnl render OUT`: the rendered pass (--render) of a crawl already made, then `tnl check OUT`.

For a crawl made without --render, or distributed (`--redis`: several processes crawl the same
candidates, so none of them may render a candidate alone: render once they have all finished). The
candidates already rendered (render.json present) are kept; a pass cut short is done again. It fetches
the sampled pages again, as a visitor's browser would, under the crawl's manners: the same options
for private addresses, host names and User-Agent as `tnl crawl`.
"""
from __future__ import annotations

import sys
from pathlib import Path

from tnl.options import EXIT_INTERRUPTED, EXIT_OK, BadInput, add_render_options, host_map, render_plan, views_lang

UI = {
    "no_candidates": "{out} : aucun dossier de candidat collecté (crawl.json) — lancez d'abord « tnl crawl »",
    "interrupted": "tnl : passage rendu interrompu ; relancez la même commande pour le reprendre.",
    "done": "Passage rendu : {n} candidat(s) dans {out} ; « tnl check {out} » recalcule les signaux et les rapports.",
}


def add_parser(sub) -> None:
    p = sub.add_parser("render", help="passage rendu (navigateur) d'une collecte déjà faite, puis « tnl check »")
    p.add_argument("out", type=Path, help="dossier de la collecte (OUT de « tnl crawl » ou « tnl run »)")
    p.add_argument("--allow-private", action="store_true",
                   help="autoriser les adresses privées et locales des hôtes déclarés (tests, intranet)")
    p.add_argument("--resolve", action="append", default=[], metavar="HOTE=ADRESSE:PORT",
                   help="adresse d'un hôte, comme pour « tnl crawl »")
    p.add_argument("--user-agent", metavar="UA", help="User-Agent envoyé (avec une URL de contact)")
    p.add_argument("--ca-file", metavar="PEM", help="autorité de certification de la collecte (intranet, démo)")
    p.add_argument("--check", action="store_true", help="puis recalculer les signaux et les rapports (tnl check)")
    add_render_options(p, flag=False)


def dispatch(args) -> int:
    from crawler.run import CrawlOptions
    from tnl.pipeline import candidate_dirs
    from tnl.render_stage import RenderStage

    directories = [d for d in candidate_dirs(args.out) if (d / "crawl.json").is_file()]
    if not directories:
        raise BadInput(UI["no_candidates"].format(out=args.out))
    if args.ca_file and not Path(args.ca_file).is_file():
        raise BadInput(f"--ca-file {args.ca_file} : fichier introuvable")
    args.render = True
    options = CrawlOptions(allow_private=args.allow_private, user_agent=args.user_agent,
                           host_map=host_map(args.resolve), ca_file=args.ca_file)
    plan = render_plan(args, options)
    with RenderStage(args.out, plan, log=None if args.quiet else sys.stderr) as stage:
        try:
            stage.render_all(directories)
        except KeyboardInterrupt:
            stage.stop()
            print(UI["interrupted"], file=sys.stderr)
            return EXIT_INTERRUPTED
    if args.check:
        from tnl.pipeline import check_all, render_all

        log = None if args.quiet else sys.stderr
        check_all(args.out, log=log)
        render_all(args.out, log=log, lang=views_lang(args.out))
    if not args.quiet:
        print(UI["done"].format(n=len(directories), out=args.out))
    return EXIT_OK
