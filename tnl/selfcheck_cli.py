"""The self-check commands of `tnl`: check-site, serve, bundle, verify (parsers and dispatch)."""
from __future__ import annotations

import argparse
from pathlib import Path

from tnl.options import (
    EXIT_OK,
    BadInput,
    add_render_options,
    crawl_options,
    open_journal,
    output_folder,
    validate_rubric,
)

DEFAULT_OUT = Path("out/autocontrole")
EXIT_INVALID_BUNDLE = 3  # `tnl verify`: the bundle was read but does not hold up (0 valid, 2 bad input)


def add_parsers(sub, common) -> None:
    p = sub.add_parser("check-site", help="autocontrôle d'un site, sans fichier de candidats")
    p.add_argument("url", help="adresse du site web (https://www.ma-commune.fr/)")
    p.add_argument("--name", help="nom de la collectivité (défaut : ce que dit la page d'accueil)")
    p.add_argument("--siren", help="SIREN (sans lui, l'organisation data.gouv.fr est cherchée par le nom)")
    p.add_argument("--kind", default="autre", help="commune, epci, departement, region ou autre (autre)")
    p.add_argument("--opendata", action="append", default=[], metavar="URL", help="portail de données ouvertes")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"dossier de sortie ({DEFAULT_OUT})")
    p.add_argument("--rubric", type=Path, metavar="FICHIER", help="grille des niveaux indicatifs (YAML)")
    p.add_argument("--edition", type=int, metavar="ANNEE",
                   help="édition du label dont suivre la grille et les intitulés (défaut : la plus récente)")
    common(p)
    add_render_options(p)

    p = sub.add_parser("serve", help="page web locale d'autocontrôle (127.0.0.1 par défaut)")
    p.add_argument("--host", default="127.0.0.1",
                   help="adresse d'écoute (127.0.0.1 ; toute autre adresse expose le formulaire au réseau)")
    p.add_argument("--port", type=int, default=8765, help="port (8765)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT,
                   help=f"dossier des vérifications ({DEFAULT_OUT}) ; une collecte « tnl run » placée "
                        "dans un sous-dossier y est aussi consultable")
    p.add_argument("--queue", type=int, default=5, metavar="N", help="vérifications en attente au plus (5)")
    common(p)
    add_render_options(p)

    p = sub.add_parser("bundle", help="dossier de preuves scellé (zip : rapports, archive WARC, empreintes)")
    p.add_argument("directory", type=Path, help="dossier du candidat (<out>/<id>)")
    p.add_argument("--output", type=Path, help="fichier zip écrit (défaut : <out>/<id>-preuves.zip)")

    p = sub.add_parser("verify", help="vérifier un dossier de preuves (empreintes, signaux recalculés)")
    p.add_argument("bundle", type=Path, help="le fichier zip")


def dispatch(args: argparse.Namespace) -> int:
    from tnl.selfcheck import InputError

    try:
        if args.command == "check-site":
            from tnl.selfcheck import run_check_site

            if args.rubric or args.edition is not None:
                validate_rubric(args.rubric, args.edition)
            output_folder(args.out)
            open_journal(args.out)
            run_check_site(args, crawl_options(args), args.out)
        elif args.command == "serve":
            from tnl.web.app import serve

            crawl_options(args)  # the same checks as `run`, before anything listens
            if args.queue < 1:
                raise BadInput("--queue doit être ≥ 1")
            serve(args)
        elif args.command == "bundle":
            from tnl.bundle import BundleError, make_bundle

            try:
                path = make_bundle(args.directory, args.output)
            except BundleError as exc:
                raise BadInput(str(exc)) from None
            if not args.quiet:
                print(f"Dossier de preuves : {path}")
        elif args.command == "verify":
            from tnl.bundle import BundleError, verify_bundle

            try:
                verdict = verify_bundle(args.bundle)
            except BundleError as exc:
                raise BadInput(str(exc)) from None
            print(verdict.line)
            return EXIT_OK if verdict.valid else EXIT_INVALID_BUNDLE
    except InputError as exc:
        raise BadInput(str(exc)) from None
    return EXIT_OK


