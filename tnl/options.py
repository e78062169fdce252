"""What the commands of `tnl` share: exit codes, the bad-input error, the crawl's options and their checks."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from crawler.settings import TNL_RENDER_PAGES as RENDER_PAGES
from crawler.settings import TNL_RENDER_RANDOM as RENDER_RANDOM
from crawler.settings import TNL_RENDER_TIMEOUT as RENDER_TIMEOUT
from ground.candidates import check_url

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 128 + 2  # as a shell reports a command stopped by SIGINT

# User-facing strings (French), shown on the terminal.
UI = {
    "bad_resolve": "--resolve {value!r} : forme attendue HOTE=ADRESSE:PORT",
    "bad_pace": "{option} {value!r} : forme attendue SECONDES ou SERVEUR=SECONDES (nombre ≥ 0)",
    "bad_datagouv_pace": "--datagouv-pace {value} : un nombre de secondes ≥ 0 est attendu",
    "bad_api": "--datagouv-api : {error}",
}


def views_lang(out: Path) -> str:
    """The language a run's views were written in (its overview's <html lang>), French by default."""
    try:
        head = (Path(out) / "index.html").read_text(encoding="utf-8", errors="replace")[:300]
    except OSError:
        return "fr"
    return "en" if '<html lang="en">' in head else "fr"


class BadInput(Exception):
    """A bad argument or input file: one line, exit code 2."""


def output_folder(path: Path, option: str = "--out") -> Path:
    """The folder a command writes into, created if need be; a file in its place, or a place where
    nothing can be written, is bad input said in one line (before anything is gathered)."""
    if path.exists() and not path.is_dir():
        raise BadInput(f"{option} {path} : c'est un fichier ; un dossier de sortie est attendu")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(f"{option} {path} : impossible de créer le dossier ({exc.strerror or exc})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise BadInput(f"{option} {path} : dossier sans droit d'écriture")
    return path


JOURNAL_NAME = "journal.txt"


def open_journal(out: Path) -> Path:
    """The technical journal of a run: warnings and errors of the libraries (Scrapy's deprecations,
    TLS warnings, "Gave up retrying", a PDF parser's complaints) go to OUT/journal.txt, appended, never
    to the terminal, where only progress, the summary and tnl's own messages are written. Set up before
    the worker processes are forked: they write there too."""
    import logging

    path = Path(out) / JOURNAL_NAME
    handler = logging.FileHandler(path, mode="a", encoding="utf-8", delay=True)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d [%(name)s] %(levelname)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "tnl_journal", False):
            root.removeHandler(old)
            old.close()
    handler.tnl_journal = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings.warn(...) of the libraries: to the journal too
    return path


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"un entier positif est attendu, pas « {value} »")
    return number


def add_crawl_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("collecte")
    g.add_argument("--max-pages", type=int, default=200, metavar="N", help="pages HTML par site (200)")
    g.add_argument("--max-depth", type=int, default=4, metavar="N", help="profondeur de liens (4)")
    g.add_argument("--max-documents", type=positive_int, default=150, metavar="N",
                   help="documents téléchargés et lus au plus par site (150)")
    g.add_argument("--datagouv-api", default="https://www.data.gouv.fr/api/1", metavar="URL",
                   help="API data.gouv.fr v1 (https://www.data.gouv.fr/api/1)")
    g.add_argument("--allow-private", action="store_true",
                   help="autoriser les adresses locales ou privées (refusées par défaut)")
    g.add_argument("--user-agent", metavar="UA", help="User-Agent envoyé (avec une URL de contact)")
    g.add_argument("--resolve", action="append", default=[], metavar="HOTE=ADRESSE:PORT",
                   help="joindre HOTE par le mandataire HTTP ADRESSE:PORT (https par CONNECT)")
    g.add_argument("--timeout", type=float, default=30.0, metavar="S",
                   help="délai maximal d'une réponse, en secondes (30)")
    g.add_argument("--time-budget", type=float, default=3600.0, metavar="S",
                   help="durée maximale de la collecte d'un candidat, en secondes (3600 ; 0 : sans limite)")
    g.add_argument("--max-site-mb", type=float, default=200.0, metavar="MO",
                   help="mégaoctets lus par site avant d'arrêter d'en suivre les liens (200)")
    g.add_argument("--delay", type=float, default=None, metavar="S",
                   help="délai minimal entre deux requêtes vers un même domaine (AutoThrottle au-dessus)")
    g.add_argument("--redis", metavar="URL",
                   help="redis://HOTE:PORT/BASE : file d'attente partagée entre plusieurs processus de collecte")
    g.add_argument("--parallel-candidates", type=positive_int, default=None, metavar="N",
                   help="candidats collectés en même temps par ce processus ; le suivant démarre quand l'un "
                        "finit, et les derniers de la liste (au plus un quart de N) démarrent ensemble (16)")
    g.add_argument("--dns-server", metavar="IP:PORT", help="résolveur DNS à interroger (celui du système)")
    g.add_argument("--whois-server", metavar="HOTE:PORT", help="serveur WHOIS à interroger (choix de python-whois)")
    g.add_argument("--whois-pace", action="append", default=[], metavar="[SERVEUR=]S",
                   help="secondes entre deux requêtes WHOIS à un même serveur, tous candidats confondus "
                        "(whois.nic.fr : 12, autres serveurs choisis par python-whois : 1, --whois-server : 0) ; "
                        "répétable")
    g.add_argument("--datagouv-pace", type=float, default=None, metavar="S",
                   help="secondes entre deux requêtes à l'API data.gouv.fr, tous candidats confondus (0,1)")
    g.add_argument("--ca-file", metavar="PEM",
                   help="certificats d'autorité (PEM) à reconnaître en plus de ceux du système")
    from ground import registries

    g.add_argument("--comptoir-url", default=registries.COMPTOIR_URL, metavar="URL",
                   help="export JSON du Comptoir du Libre (vide : ne pas le lire)")
    g.add_argument("--sill-url", default=registries.SILL_URL, metavar="URL",
                   help="export JSON du SILL (vide : ne pas le lire)")
    g.add_argument("--codegouv-accounts-url", default=registries.CODEGOUV_ACCOUNTS_URL, metavar="URL",
                   help="liste JSON des comptes de forge des organismes publics, code.gouv.fr (vide : ne pas la lire)")


def add_render_options(p: argparse.ArgumentParser, demo: bool = False, flag: bool = True) -> None:
    """--render and its bounds (run, crawl, check-site, serve, demo; `tnl render` without the flag itself):
    the rendered pass of issue 22."""
    g = p.add_argument_group("passage rendu (navigateur)")
    if flag:
        g.add_argument("--render", action="store_true",
                       help="ouvrir un échantillon de pages de chaque candidat dans Chromium sans interface : "
                            "tiers contactés, cookies avant consentement, règles d'accessibilité axe-core")
    g.add_argument("--render-pages", type=positive_int, default=RENDER_PAGES, metavar="N",
                   help=f"pages rendues au plus par candidat ({RENDER_PAGES})")
    g.add_argument("--render-random", type=int, default=RENDER_RANDOM, metavar="N",
                   help=f"dont pages tirées au hasard parmi celles collectées ({RENDER_RANDOM})")
    g.add_argument("--render-seed", type=int, default=None, metavar="N",
                   help="graine du tirage (défaut : propre à chaque candidat, la même d'une collecte à l'autre)")
    g.add_argument("--render-timeout", type=float, default=RENDER_TIMEOUT, metavar="S",
                   help=f"secondes au plus pour charger une page ({RENDER_TIMEOUT:g})")
    if not demo:
        g.add_argument("--render-workers", type=positive_int, default=1, metavar="N",
                       help="processus de rendu, un navigateur chacun (1)")


def render_plan(args, options, proxy: str | None = None):
    """The rendered pass asked by --render, or None (then nothing of it runs)."""
    if not getattr(args, "render", False):
        return None
    from crawler.render import RenderOptions, chromium_executable
    from tnl.render_stage import RenderPlan

    if getattr(options, "redis", None):  # several processes crawl each candidate: none may render it alone
        raise BadInput("--render et --redis s'excluent : une fois toutes les collectes finies, lancez "
                       "« tnl render OUT --check » une seule fois")
    if args.render_random < 0 or args.render_random > args.render_pages or not args.render_timeout > 0:
        raise BadInput("--render-random doit être entre 0 et --render-pages, --render-timeout > 0")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise BadInput("--render : le paquet Python playwright n'est pas installé (pip install playwright)") from None
    if chromium_executable() is None:
        raise BadInput("--render : Chromium introuvable (paquet Debian « chromium »)")
    browser = RenderOptions(timeout=args.render_timeout, allow_private=options.allow_private,
                            host_rules=dict(options.host_map), proxy=proxy,
                            ignore_https_errors=bool(options.ca_file))
    if options.user_agent:
        browser.user_agent = options.user_agent
    return RenderPlan(browser=browser, pages=args.render_pages, random=args.render_random, seed=args.render_seed,
                      workers=getattr(args, "render_workers", 1))


def host_map(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        host, sep, target = value.partition("=")
        addr, colon, port = target.rpartition(":")
        if not sep or not host or not colon or not addr or not port.isdigit():
            raise BadInput(UI["bad_resolve"].format(value=value))
        out[host.strip().lower()] = f"{addr}:{port}"
    return out


def whois_paces(values: list[str]) -> dict[str, float]:
    """`--whois-pace 12` (every server) and `--whois-pace whois.nic.fr=12` → {"": 12.0, "whois.nic.fr": 12.0}."""
    out: dict[str, float] = {}
    for value in values:
        server, sep, seconds = value.rpartition("=")
        try:
            pace = float(seconds.strip().replace(",", "."))
        except ValueError:
            pace = -1.0
        if pace < 0 or pace != pace or (sep and not server.strip()):
            raise BadInput(UI["bad_pace"].format(option="--whois-pace", value=value))
        out[server.strip().lower()] = pace
    return out


def crawl_options(args, **overrides):
    from crawler.run import CrawlOptions

    if args.max_pages < 1 or args.max_depth < 0:
        raise BadInput("--max-pages doit être ≥ 1 et --max-depth ≥ 0")
    if getattr(args, "timeout", 30.0) <= 0 or getattr(args, "time_budget", 0) < 0 or getattr(args, "max_site_mb", 1) <= 0:
        raise BadInput("--timeout et --max-site-mb doivent être > 0, --time-budget ≥ 0")
    api = overrides.pop("datagouv_api", None) or args.datagouv_api
    try:
        check_url(api)
    except ValueError as exc:
        raise BadInput(UI["bad_api"].format(error=exc)) from None
    opts = CrawlOptions(
        max_pages=args.max_pages, max_depth=args.max_depth, datagouv_api=api.rstrip("/"),
        max_documents=getattr(args, "max_documents", 150),
        allow_private=getattr(args, "allow_private", False), user_agent=getattr(args, "user_agent", None),
        host_map=host_map(getattr(args, "resolve", [])), delay=getattr(args, "delay", None),
        timeout=getattr(args, "timeout", 30.0), time_budget=getattr(args, "time_budget", 3600.0),
        max_site_bytes=int(getattr(args, "max_site_mb", 200.0) * 1024 * 1024),
        quiet=args.quiet, redis=getattr(args, "redis", None),
    )
    if getattr(args, "parallel_candidates", None):
        opts.parallel_candidates = args.parallel_candidates
    opts.whois_pace = whois_paces(getattr(args, "whois_pace", None) or [])
    if getattr(args, "datagouv_pace", None) is not None:
        if not args.datagouv_pace >= 0:
            raise BadInput(UI["bad_datagouv_pace"].format(value=args.datagouv_pace))
        opts.datagouv_pace = args.datagouv_pace
    opts.ca_file = getattr(args, "ca_file", None)
    if opts.ca_file and not Path(opts.ca_file).is_file():
        raise BadInput(f"--ca-file {opts.ca_file} : fichier introuvable")
    from crawler.netfacts import ServerError, parse_server

    for option in ("dns_server", "whois_server"):
        value = overrides.pop(option, None) or getattr(args, option, None)
        if value:
            try:
                parse_server(value, opts.allow_private, "--" + option.replace("_", "-"))
            except ServerError as exc:
                raise BadInput(str(exc)) from None
        setattr(opts, option, value)
    for key in ("comptoir_url", "sill_url", "codegouv_accounts_url"):
        if hasattr(args, key):
            setattr(opts, key, getattr(args, key).strip())
    for key, value in overrides.items():
        setattr(opts, key, value)
    return opts


def validate_rubric(path: Path | None, edition: int | None = None) -> None:
    from checks.registry import ALL_CHECKS as CHECKS  # the rendered signals too (--render)
    from checks.rubric import RubricError, load_rubric

    try:
        load_rubric(path, {c.meta.id for c in CHECKS} if path else None, edition)
    except RubricError as exc:
        raise BadInput(str(exc)) from None
