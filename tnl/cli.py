"""The `tnl` command: run, crawl, check, report, demo, signals."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ground.candidates import CandidatesError, load_candidates
from tnl import __version__
from tnl.options import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    JOURNAL_NAME,
    BadInput,
    add_crawl_options,
    add_render_options,
    crawl_options,
    open_journal,
    output_folder,
    positive_int,
    render_plan,
    validate_rubric,
    views_lang,
)

# User-facing strings (French), shown on the terminal.
UI = {
    "summary_title": "Rapports écrits :",
    "overview": "Vue d'ensemble",
    "journal": "Journal technique (avertissements des bibliothèques, pour le dépannage)",
    "no_candidates": "{out} : aucun dossier de candidat (candidate.json) — lancez d'abord « tnl crawl »",
    "unexpected": "tnl : erreur inattendue : {error} (relancer avec --debug pour le détail)",
    "interrupted": "tnl : collecte interrompue ; les rapports écrits le disent (« collecte incomplète »). "
                   "Relancez la même commande pour la reprendre là où elle s'est arrêtée.",
    "interrupted_crawl": "tnl : collecte interrompue ; relancez la même commande pour la reprendre là où elle "
                         "s'est arrêtée.",
}


def _lang_option(p: argparse.ArgumentParser, what: str = "rapports HTML") -> None:
    p.add_argument("--lang", choices=("fr", "en"), default="fr",
                   help=f"langue des {what} : fr (défaut) ou en ; report.json reste unique")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tnl",
        # `tnl check-site URL @out/demo/demo.args`: options read from a file, one per line.
        fromfile_prefix_chars="@",
        description="tnl-evidence : preuves objectives et sourcées pour le label Territoire Numérique Libre.",
    )
    parser.add_argument("--version", action="version", version=f"tnl-evidence {__version__}")
    parser.add_argument("--quiet", "-q", action="store_true", help="sans progression ni résumé")
    parser.add_argument("--debug", action="store_true", help="trace complète en cas d'erreur")
    # The same two flags after the command name too (`tnl run … --quiet`).
    flags = argparse.ArgumentParser(add_help=False)
    flags.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS,
                       help="sans progression ni résumé")
    flags.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="trace complète en cas d'erreur")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    _add = sub.add_parser
    sub.add_parser = lambda *a, **k: _add(*a, parents=[flags], **k)  # type: ignore[method-assign]

    def _jobs_option(p) -> None:
        p.add_argument("--jobs", "-j", type=positive_int, default=os.cpu_count() or 1, metavar="N",
                       help="candidats dont les signaux sont calculés en même temps, un processus chacun "
                            "(défaut : le nombre de cœurs)")

    p = sub.add_parser("run", help="collecter, calculer les signaux et écrire les rapports")
    p.add_argument("candidates", type=Path, help="fichier des candidats (YAML ou CSV)")
    p.add_argument("--out", type=Path, required=True, help="dossier de sortie")
    p.add_argument("--rubric", type=Path, metavar="FICHIER", help="grille des niveaux indicatifs (YAML)")
    p.add_argument("--edition", type=int, metavar="ANNEE",
                   help="édition du label dont suivre la grille et les intitulés (défaut : la plus récente)")
    _lang_option(p)
    _jobs_option(p)
    add_crawl_options(p)
    add_render_options(p)

    p = sub.add_parser("crawl", help="collecter seulement (archive WARC par candidat)")
    p.add_argument("candidates", type=Path)
    p.add_argument("--out", type=Path, required=True)
    add_crawl_options(p)
    add_render_options(p)

    p = sub.add_parser("check", help="recalculer les signaux depuis l'archive et réécrire les rapports (sans réseau)")
    p.add_argument("out", type=Path)
    p.add_argument("--lang", choices=("fr", "en"), default=None,
                   help="langue des rapports HTML réécrits (défaut : celle de la vue d'ensemble existante)")
    p.add_argument("--rubric", type=Path, metavar="FICHIER", help="grille des niveaux indicatifs (YAML)")
    p.add_argument("--edition", type=int, metavar="ANNEE",
                   help="édition du label dont suivre la grille et les intitulés (défaut : la plus récente)")
    _jobs_option(p)

    p = sub.add_parser("report", help="réécrire les rapports HTML et la vue d'ensemble (sans réseau)")
    p.add_argument("out", type=Path)
    _lang_option(p)

    p = sub.add_parser("demo", help="servir le territoire de démonstration sur 127.0.0.1 et l'analyser")
    p.add_argument("--out", type=Path, default=Path("out/demo"), help="dossier de sortie (out/demo)")
    p.add_argument("--max-pages", type=int, default=200, metavar="N", help="pages lues au plus par site (200)")
    p.add_argument("--max-depth", type=int, default=4, metavar="N",
                   help="profondeur de liens au plus depuis la page d'accueil (4)")
    p.add_argument("--serve", action="store_true",
                   help="après l'analyse, garder les sites de démonstration en service jusqu'à Ctrl-C, pour "
                        "essayer « tnl check-site » ou « tnl serve » dessus (options écrites dans OUT/demo.args)")
    p.add_argument("--parallel-candidates", type=positive_int, default=None, metavar="N",
                   help="candidats collectés en même temps (16)")
    p.add_argument("--edition", type=int, metavar="ANNEE",
                   help="édition du label dont suivre la grille et les intitulés (défaut : la plus récente)")
    _lang_option(p)
    add_render_options(p, demo=True)

    p = sub.add_parser("diff", help="ce qui a changé entre deux collectes (HTML et JSON, sans réseau)")
    p.add_argument("old", type=Path, help="dossier de l'ancienne collecte")
    p.add_argument("new", type=Path, help="dossier de la nouvelle collecte")
    p.add_argument("--out", type=Path, default=None, help="dossier où écrire diff.html et diff.json (défaut : NEW/diff)")
    _lang_option(p, "pages HTML")

    p = sub.add_parser("archive", help="servir sur 127.0.0.1, sans réseau, les copies archivées vers lesquelles "
                                       "renvoient les preuves des rapports")
    p.add_argument("source", type=Path, help="dossier de la collecte (OUT) ou dossier de preuves (.zip)")
    p.add_argument("--port", type=int, default=8095, help="port (8095 : celui des liens des rapports)")

    p = sub.add_parser("dossiers", help="faire de l'export des dossiers de candidature (CSV, XLSX) le fichier des "
                                        "candidats, chaque réponse en déclaration à vérifier")
    p.add_argument("export", type=Path, help="export des dossiers (CSV ou XLSX de Démarches Simplifiées)")
    p.add_argument("--mapping", type=Path, default=None, metavar="FICHIER",
                   help="correspondance entre les colonnes et le candidat, ses réponses (YAML ; défaut : celle de "
                        "l'édition 2025, fournie avec l'outil)")
    p.add_argument("--out", type=Path, default=Path("candidats.yaml"),
                   help="fichier des candidats à écrire (candidats.yaml)")
    p.add_argument("--strict", action="store_true",
                   help="un dossier dont le candidat ne se lit pas est une erreur (rien n'est écrit) au lieu d'être "
                        "écarté")

    from tnl.directories import add_parser as _candidates_parser

    _candidates_parser(sub)  # tnl candidates: a public directory → candidates file

    p = sub.add_parser("corrections", help="faire des corrections reçues (« signaler une erreur ») des cas de test "
                                           "du corpus")
    p.add_argument("files", type=Path, nargs="+", metavar="CORRECTION.yaml", help="fichiers de correction reçus")
    p.add_argument("--archive", type=Path, required=True, metavar="OUT",
                   help="dossier de la collecte dont les rapports ont été corrigés (ses pages archivées)")
    p.add_argument("--out", type=Path, default=Path("tests/realworld/cases"),
                   help="dossier où écrire les cas (tests/realworld/cases)")

    p = sub.add_parser("calibrate", help="comparer les résultats indicatifs d'une collecte aux résultats publiés "
                                         "par le jury (calibration.html et calibration.json, sans réseau)")
    p.add_argument("out", type=Path, help="dossier de la collecte (OUT de « tnl run »)")
    p.add_argument("results", type=Path, help="CSV des résultats publiés (edition, resultat, mentions ; id, nom ou siren)")
    p.add_argument("--min-candidates", type=positive_int, default=20, metavar="N",
                   help="candidats appariés et évalués qu'il faut au moins, par édition, pour ajuster des seuils "
                        "et juger un signal (20)")
    _lang_option(p, "page calibration.html")

    p = sub.add_parser("signals", help="le catalogue des signaux (généré depuis le code)")
    p.add_argument("--markdown", action="store_true",
                   help="la page de méthodologie complète en Markdown (docs/methodologie.md)")
    _lang_option(p, "intitulés du tableau (la page de méthodologie reste en français)")
    from tnl.selfcheck_cli import add_parsers as _selfcheck_parsers

    _selfcheck_parsers(sub, add_crawl_options)
    from tnl.imports_cli import add_parsers as _import_parsers

    _import_parsers(sub)  # tnl import, tnl import-cc: archives made by others
    from tnl.prospects_cli import add_parsers as _prospects_parsers

    _prospects_parsers(sub)  # tnl prospects: the collectivités worth inviting, another threshold or palmarès
    from tnl.render_cli import add_parser as _render_parser

    _render_parser(sub)  # tnl render: the rendered pass of a crawl already made
    return parser


def _load(path: Path) -> list[dict]:
    from checks.registry import SIGNAL_IDS

    return [c.model_dump(mode="json") for c in load_candidates(path, SIGNAL_IDS)]


def _crawl(candidates: list[dict], out: Path, options, on_crawled=None, on_started=None) -> int | None:
    """Crawl; the signal that stopped it before its end (Ctrl-C, SIGTERM), or None."""
    from crawler.run import run_crawl

    return run_crawl(candidates, out, options, on_crawled, on_started).signalled


def _check(out: Path, quiet: bool, rubric: Path | None = None, edition: int | None = None, jobs: int = 1,
           early=None) -> list[dict]:
    from checks.rubric import RubricError
    from tnl.pipeline import candidate_dirs, check_all

    if not candidate_dirs(out):
        raise BadInput(UI["no_candidates"].format(out=out))
    try:
        return check_all(out, log=None if quiet else sys.stderr, rubric_path=rubric, edition=edition, jobs=jobs,
                         early=early)
    except RubricError as exc:
        raise BadInput(str(exc)) from None


def _report(out: Path, quiet: bool, lang: str = "fr") -> dict:
    from tnl.pipeline import candidate_dirs, render_all

    if not candidate_dirs(out):
        raise BadInput(UI["no_candidates"].format(out=out))
    return render_all(out, log=None if quiet else sys.stderr, lang=lang)


def _early_checks(out: Path, options, jobs: int, rubric: Path | None = None, edition: int | None = None,
                  lang: str = "fr"):
    """`tnl run` and `tnl demo` check (and render) each candidate as soon as its crawl is complete, on
    the cores the crawl (one core) leaves, at low priority: the checks overlap the crawl of the
    others. Not with --redis: a candidate is complete only when every process is done with it."""
    from contextlib import nullcontext

    from checks.rubric import RubricError
    from tnl.pipeline import EarlyChecks

    if getattr(options, "redis", None):
        return nullcontext()
    try:
        return EarlyChecks(out, max(1, jobs - 1), rubric, edition, lang, after_workers=jobs, digest=True)
    except RubricError as exc:
        raise BadInput(str(exc)) from None


def _render_stage(out: Path, plan, early, quiet: bool):
    """--render: the render workers (forked now, before the crawl's threads), feeding the early checks."""
    from contextlib import nullcontext

    if plan is None:
        return nullcontext()
    from tnl.render_stage import RenderStage

    return RenderStage(out, plan, then=early.submit if early is not None else None,
                       log=None if quiet else sys.stderr)


def _rendered(out: Path, stage, stopped) -> None:
    """After the crawl: every complete candidate rendered (the ones handed over during the crawl, or all
    of them when none was: --redis, `tnl crawl`); on Ctrl-C, the ones not started are left for next time."""
    from tnl.pipeline import candidate_dirs

    if stage is None:
        return
    if stopped is not None:
        stage.stop()
        return
    # Those not handed over during the crawl too: crawled by an earlier run that was resumed, or all of
    # them when none was (`tnl crawl`).
    stage.render_all([d for d in candidate_dirs(out) if _crawled(d)])


def _crawled(directory: Path) -> bool:
    """Whether a candidate's crawl ran to its end (crawl.json's `finished_at`)."""
    from ground import archive

    path = directory / archive.CRAWL_NAME
    return path.is_file() and bool(archive.read_json(path).get("finished_at"))


def _crawl_check_report(candidates: list[dict], out: Path, options, early, quiet: bool, rubric: Path | None = None,
                        edition: int | None = None, jobs: int = 1, lang: str = "fr",
                        stage=None) -> tuple[list[dict], dict, bool]:
    """Crawl, (render,) check, report; the reports are written even when the crawl was interrupted (they
    say so); the third value tells it was."""
    handlers = (early.submit, early.started) if early is not None else (None, None)
    if stage is not None:  # --render: each candidate is rendered first, then checked
        handlers = (stage.submit, handlers[1])
    stopped = _crawl(candidates, out, options, *handlers)
    _rendered(out, stage, stopped)
    reports = _check(out, quiet, rubric, edition, jobs, early)
    if early is None:
        return reports, _report(out, quiet, lang), stopped is not None
    # In a worker forked before the crawl: the crawl's memory stays out.
    return reports, early.render(out, lang, reports), stopped is not None


def print_summary(out: Path, reports: list[dict], written: dict, stream=None) -> None:
    """One screen: where the reports are, and each candidate's figures."""
    from reports.i18n import plural

    stream = stream or sys.stdout
    print(f"\n{UI['summary_title']}", file=stream)
    for rep in reports:
        cid = rep["candidate"]["id"]
        c = rep["crawl"]["counts"]
        fav = sum(d["counts"]["favorable"] for d in rep["domains"])
        unreachable = [s["url"] for s in rep["crawl"]["sites"] if not s["reachable"]]
        note = f" — injoignable : {', '.join(unreachable)}" if unreachable else ""
        counts = ", ".join(plural(n, forms) for n, forms in (
            (c["pages"], {"one": "{n} page", "other": "{n} pages"}),
            (c["documents"], {"one": "{n} document", "other": "{n} documents"}),
            (c["errors"], {"one": "{n} erreur", "other": "{n} erreurs"}),
            (fav, {"one": "{n} signal favorable", "other": "{n} signaux favorables"})))
        print(f"  {rep['candidate']['name']} ({cid}) : {counts}{note}", file=stream)
        print(f"      {out / cid / 'report.html'}", file=stream)
    for label, path in sorted(written.items()):
        print(f"  {UI['overview']} ({label}) : {path}", file=stream)
    journal = out / JOURNAL_NAME
    if journal.is_file() and journal.stat().st_size:
        print(f"  {UI['journal']} : {journal}", file=stream)


def _signals_table(stream=None, lang: str = "fr") -> None:
    stream = stream or sys.stdout
    from checks.registry import ALL_CHECKS, RENDERED_CHECKS
    from ground.model import DOMAINS

    if lang == "en":  # English title and explanation (the evidence wording exists in French only)
        head = ("id", "domain", "title", "description")
        rows = [(c.meta.id, c.meta.domain, (c.meta.title_en or c.meta.title)
                 + (" (--render only)" if c in RENDERED_CHECKS else ""), c.meta.description_en or c.meta.description)
                for c in ALL_CHECKS]
    else:
        head = ("id", "domaine", "intitulé", "preuve")
        rows = [(c.meta.id, c.meta.domain, c.meta.title + (" (avec --render)" if c in RENDERED_CHECKS else ""),
                 c.meta.evidence) for c in ALL_CHECKS]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(3)]
    print(f"{head[0]:<{widths[0]}}  {head[1]:<{widths[1]}}  {head[2]:<{widths[2]}}  {head[3]}", file=stream)
    for domain in DOMAINS:
        for r in rows:
            if r[1] == domain:
                print(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}", file=stream)


def _demo(args) -> int:
    from demo import CANDIDATES_FILE, DATAGOUV_API
    from demo.netdoubles import NetDoubles
    from demo.server import WorldServer

    candidates = _load(CANDIDATES_FILE)
    output_folder(args.out)
    open_journal(args.out)
    jobs = os.cpu_count() or 1
    # The check workers are forked first, before the world's server threads exist.
    if args.edition is not None:
        validate_rubric(None, args.edition)  # an unknown edition is refused before the world is served
    from crawler.run import CrawlOptions

    # --render: the workers are forked first too; the world's proxy is set once it is served.
    plan = render_plan(args, CrawlOptions(allow_private=True, ca_file="world"))
    with _early_checks(args.out, args, jobs, edition=args.edition, lang=args.lang) as early, \
            _render_stage(args.out, plan, early, args.quiet) as stage, WorldServer() as world, NetDoubles() as net:
        if plan is not None:  # every host of the world through its proxy (the demo world is its own internet)
            plan.browser.proxy, plan.browser.host_rules = world.proxy_url, world.host_map()
        if not args.quiet:
            print(f"Territoire de démonstration servi sur http://{world.address}/ "
                  f"({len(world.hosts)} hôtes)", file=sys.stderr)
        args.resolve, args.delay, args.allow_private, args.user_agent = [], 0.0, True, None
        args.datagouv_api = DATAGOUV_API
        from demo.extensions.registries import DEMO_URLS

        for key, url in DEMO_URLS.items():
            setattr(args, key, url)
        from demo.server import TLS_DIR

        # The world's self-signed certificate is its own trust anchor (like an intranet CA).
        options = crawl_options(args, host_map=world.host_map(), dns_server=net.dns_address,
                           whois_server=net.whois_address, ca_file=str(TLS_DIR / "world.pem"))
        reports, written, stopped = _crawl_check_report(candidates, args.out, options, early, args.quiet,
                                                        edition=args.edition, jobs=jobs, lang=args.lang, stage=stage)
        if not args.quiet:
            print_summary(args.out, reports, written)
        if args.serve and not stopped:
            return _keep_serving(args.out, world, net)
    if stopped:
        print(UI["interrupted"].replace("la même commande", "« tnl demo » avec le même --out"), file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def demo_arguments(world, net) -> list[str]:
    """The options that point `tnl check-site`, `tnl serve` or `tnl run` at the demo sites served now."""
    from demo import DATAGOUV_API
    from demo.extensions.registries import DEMO_URLS
    from demo.server import TLS_DIR

    args = ["--allow-private", "--delay", "0", "--datagouv-api", DATAGOUV_API,
            "--dns-server", net.dns_address, "--whois-server", net.whois_address,
            "--ca-file", str(TLS_DIR / "world.pem")]
    for key, url in sorted(DEMO_URLS.items()):
        args += [f"--{key.replace('_', '-')}", url]
    for host, target in sorted(world.host_map().items()):
        args += ["--resolve", f"{host}={target}"]
    return args


def _keep_serving(out: Path, world, net) -> int:
    """`tnl demo --serve`: the demo sites stay up until Ctrl-C; their options are written to
    OUT/demo.args, read by any command as `@OUT/demo.args` (one option per line)."""
    import time

    path = out / "demo.args"
    path.write_text("\n".join(demo_arguments(world, net)) + "\n", encoding="utf-8")
    own = sorted(set(world.hosts) - set(world.stand_ins))  # the collectivités' sites, not the stand-ins
    print(f"\nSites de démonstration en service jusqu'à Ctrl-C. Par exemple :\n"
          f"  tnl check-site http://www.libreville-isere.test/ @{path} --out {out / 'autocontrole'}\n"
          f"  tnl serve @{path} --out {out / 'autocontrole'}\n"
          f"Sites : {', '.join('http://' + h + '/' for h in own if h.startswith('www.'))}",
          flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("Sites de démonstration arrêtés.", file=sys.stderr)
        return EXIT_OK
    finally:
        path.unlink(missing_ok=True)


def _silence_stdout() -> None:
    """After a closed pipe: what Python would still flush at exit goes nowhere (no second error)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "signals":
            if args.markdown:
                from tnl.methodology import markdown

                sys.stdout.write(markdown())
            else:
                _signals_table(lang=args.lang)
        elif args.command == "demo":
            return _demo(args)
        elif args.command == "render":
            from tnl.render_cli import dispatch as render_dispatch

            return render_dispatch(args)
        elif args.command == "prospects":
            from tnl.prospects_cli import dispatch as prospects_dispatch

            return prospects_dispatch(args)
        elif args.command in ("import", "import-cc"):
            from tnl.imports_cli import dispatch as import_dispatch

            return import_dispatch(args, _load(args.candidates))
        elif args.command in ("check-site", "serve", "bundle", "verify"):
            from tnl.selfcheck_cli import dispatch

            return dispatch(args)
        elif args.command in ("run", "crawl"):
            candidates = _load(args.candidates)
            options = crawl_options(args)
            output_folder(args.out)
            open_journal(args.out)
            if getattr(args, "rubric", None) or getattr(args, "edition", None) is not None:
                validate_rubric(args.rubric, args.edition)  # bad input is refused before anything is gathered
            plan = render_plan(args, options)
            if args.command == "run":
                with _early_checks(args.out, options, args.jobs, args.rubric, args.edition, args.lang) as early, \
                        _render_stage(args.out, plan, early, args.quiet) as stage:
                    reports, written, stopped = _crawl_check_report(
                        candidates, args.out, options, early, args.quiet, args.rubric, args.edition, args.jobs,
                        args.lang, stage)
                if not args.quiet:
                    print_summary(args.out, reports, written)
                if stopped:
                    print(UI["interrupted"], file=sys.stderr)
                    return EXIT_INTERRUPTED
            else:
                with _render_stage(args.out, plan, None, args.quiet) as stage:
                    stopped = _crawl(candidates, args.out, options, stage.submit if stage else None)
                    _rendered(args.out, stage, stopped)
                if not args.quiet:
                    print(f"\nArchives écrites dans {args.out}/<id>/ (crawl.warc.gz, index.jsonl)")
                if stopped:
                    print(UI["interrupted_crawl"], file=sys.stderr)
                    return EXIT_INTERRUPTED
        elif args.command == "dossiers":
            from tnl.dossiers import DossiersError, run_dossiers

            try:
                lines, warnings = run_dossiers(args.export, args.mapping, args.out, args.strict)
            except DossiersError as exc:
                raise BadInput(str(exc)) from None
            for line in warnings:  # dossiers set aside, answers not read: said even with --quiet
                print(f"tnl : {line}", file=sys.stderr)
            if not args.quiet:
                print("\n".join(lines))
        elif args.command == "candidates":
            from tnl.directories import dispatch as candidates_dispatch

            return candidates_dispatch(args)
        elif args.command == "corrections":
            from tnl.corrections import CorrectionError, write_cases

            try:
                written = write_cases(args.files, args.archive, args.out)
            except CorrectionError as exc:
                raise BadInput(str(exc)) from None
            if not args.quiet:
                for path in written:
                    print(f"Cas écrit : {path} (à relire avant de l'ajouter aux tests)")
        elif args.command == "archive":
            from tnl.archive_server import serve_archives

            try:
                return serve_archives(args.source, args.port, args.quiet)
            except (ValueError, OSError) as exc:
                raise BadInput(f"tnl archive : {exc}") from None
        elif args.command == "diff":
            from reports.diff import write_diff
            from tnl.pipeline import candidate_dirs

            for folder in (args.old, args.new):
                if not candidate_dirs(folder):
                    raise BadInput(UI["no_candidates"].format(out=folder))
            output_folder(args.out or args.new / "diff")
            written = write_diff(args.old, args.new, args.out or args.new / "diff", args.lang)
            if not args.quiet:
                for label, path in sorted(written.items()):
                    print(f"Évolution ({label}) : {path}")
        elif args.command == "check":
            if args.out.is_dir():
                open_journal(args.out)
            _check(args.out, args.quiet, args.rubric, args.edition, args.jobs)
            # report.json was rewritten: its views follow, in the language they were in (else the
            # report.html and the overview would show the old levels, and a bundle would seal both).
            _report(args.out, True, args.lang or views_lang(args.out))
        elif args.command == "report":
            written = _report(args.out, args.quiet, args.lang)
            if not args.quiet:
                for label, path in sorted(written.items()):
                    print(f"{UI['overview']} ({label}) : {path}")
        elif args.command == "calibrate":
            from tnl.calibrate import CalibrationError, summary_lines, write_calibration
            from tnl.pipeline import candidate_dirs

            if not candidate_dirs(args.out):
                raise BadInput(UI["no_candidates"].format(out=args.out))
            try:
                data, paths = write_calibration(args.out, args.results, args.min_candidates, args.lang)
            except CalibrationError as exc:
                raise BadInput(str(exc)) from None
            if not args.quiet:
                print("\n".join(summary_lines(data, paths)))
        return EXIT_OK
    except (CandidatesError, BadInput) as exc:
        print(f"tnl : {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `tnl signals | head -1`: the reader has gone; nothing more to say, to anyone.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("tnl : interrompu ; ce qui a été collecté est conservé dans l'archive", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into exit 1
        if args.debug:
            raise
        print(UI["unexpected"].format(error=f"{exc.__class__.__name__}: {exc}"), file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
