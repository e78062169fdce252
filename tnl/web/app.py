"""`tnl serve`: the self-check web page (Flask, jinja2 autoescape, French, no external resource).

Open door rules: the crawler's SSRF guard on every address typed in the form (tnl.selfcheck.guard_url),
one crawl at a time with a bounded queue (tnl.web.jobs), every input validated with a clear message,
a per-session CSRF token on every POST, a Host check against DNS rebinding when bound to loopback,
reports served from the out folder through werkzeug's safe_join, and a strict Content-Security-Policy.
"""
from __future__ import annotations

import hmac
import re
import secrets
import sys
from pathlib import Path

from flask import Flask, abort, jsonify, redirect, render_template, request, send_from_directory, session, url_for

from ground import __version__, archive
from tnl.selfcheck import InputError, check_name, check_siren, guard_url
from tnl.web.jobs import ACTIVE, DONE, JOB_FILE, JOB_ID_RE, QueueFull, Runner

# User-facing French strings of the web page; each notes where it is shown.
UI = {
    "title": "Autocontrôle Territoire Numérique Libre",  # <title> and <h1>
    "intro": "Saisissez l'adresse du site de votre collectivité : tnl-evidence le parcourt comme le fera "
             "le jury, calcule les signaux et vous montre le rapport, avec les preuves.",
    "states": {"en_attente": "en attente", "en_cours": "en cours", "terminee": "terminée",
               "echec": "échec", "annulee": "annulée"},
    "csrf": "Le formulaire a expiré : rechargez la page et recommencez.",
    "queue_full": "Trop de vérifications en attente ({n}) : réessayez quand l'une d'elles sera terminée.",
    "opendata_many": "Un seul portail de données ouvertes à la fois.",
    "not_found": "Vérification introuvable.",
    "cannot_delete": "Une vérification en cours ou en attente ne peut pas être supprimée : annulez-la d'abord.",
    "deleted": "Vérification supprimée.",
    "cancelled": "Vérification annulée ; ce qui a été collecté est conservé dans l'archive.",
    "bad_host": "Hôte refusé.",
    "assessments": {"favorable": "favorable", "defavorable": "défavorable", "neutre": "neutre", "inconnu": "inconnu"},
}
RUN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP_APP = ("default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Served reports are our own autoescaped renderings; they carry their own, stricter, meta CSP too.
CSP_REPORT = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
              "form-action 'none'; base-uri 'none'; frame-ancestors 'none'")


def create_app(out: Path, *, allow_private: bool = False, host_map: dict[str, str] | None = None,
               child_args: list[str] | None = None, max_queue: int = 5,
               allowed_hosts: set[str] | None = None) -> Flask:
    out = Path(out).resolve()
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_SAMESITE="Strict",
                      SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=32 * 1024)
    runner = Runner(out, child_args or [], max_queue)
    app.extensions["tnl_runner"] = runner
    host_map = host_map or {}

    def csrf_token() -> str:
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        return session["csrf"]

    def csrf_ok() -> bool:
        sent = request.form.get("csrf", "")
        return bool(session.get("csrf")) and hmac.compare_digest(sent, session["csrf"])

    @app.context_processor
    def _globals():
        return {"ui": UI, "csrf_token": csrf_token, "version": __version__}

    @app.before_request
    def _host_guard():
        # DNS rebinding: a page of another site resolving its name to 127.0.0.1 must not drive us.
        if allowed_hosts is not None and request.host.rsplit(":", 1)[0] not in allowed_hosts:
            abort(400, UI["bad_host"])

    @app.after_request
    def _headers(resp):
        csp = CSP_REPORT if request.path.startswith("/rapports/") else CSP_APP
        resp.headers.setdefault("Content-Security-Policy", csp)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Frame-Options"] = "DENY"
        return resp

    def runs() -> list[dict]:
        """Candidates-file runs (`tnl run --out <out>/<name>`) found in the out folder."""
        found = []
        for d in sorted(out.iterdir()) if out.is_dir() else []:
            if d.is_dir() and not (d / JOB_FILE).exists() and RUN_RE.match(d.name) and (d / "index.html").is_file():
                found.append({"name": d.name, "candidates": sum(1 for c in d.iterdir()
                                                                 if (c / archive.CANDIDATE_NAME).is_file())})
        return found

    def home(errors: dict | None = None, values: dict | None = None, status: int = 200, notice: str | None = None):
        return render_template("index.html.j2", jobs=runner.list(), runs=runs(), errors=errors or {},
                               values=values or {}, notice=notice or request.args.get("info")), status

    @app.get("/")
    def index():
        return home()

    @app.post("/verifier")
    def submit():
        values = {k: request.form.get(k, "")[:4000] for k in ("url", "name", "siren", "opendata")}
        if not csrf_ok():
            return home({"form": UI["csrf"]}, values, 400)
        errors: dict[str, str] = {}
        cleaned: dict = {}
        for key, fn in (("url", lambda v: guard_url(v, allow_private, host_map)), ("name", check_name),
                        ("siren", check_siren),
                        ("opendata", lambda v: guard_url(v, allow_private, host_map) if v.strip() else None)):
            try:
                cleaned[key] = fn(values[key])
            except InputError as exc:
                errors[key] = str(exc)
        if errors:
            return home(errors, values, 400)
        try:
            job = runner.submit(cleaned["url"], cleaned["name"], cleaned["siren"],
                                [cleaned["opendata"]] if cleaned["opendata"] else [])
        except QueueFull:
            return home({"form": UI["queue_full"].format(n=runner.max_queue)}, values, 503)
        return redirect(url_for("job_page", job_id=job.id), 303)

    def job_or_404(job_id: str):
        job = runner.get(job_id)
        if job is None:
            abort(404, UI["not_found"])
        return job

    @app.get("/verification/<job_id>")
    def job_page(job_id: str):
        job = job_or_404(job_id)
        status = runner.status(job)
        report = None
        if job.state == DONE:
            path = out / job.id / job.cid / archive.REPORT_JSON
            report = archive.read_json(path) if path.exists() else None
        return render_template("job.html.j2", job=job, status=status, report=report, active=job.state in ACTIVE,
                               by_domain=_by_domain(report) if report else [])

    @app.get("/verification/<job_id>/etat.json")
    def job_status(job_id: str):
        return jsonify(runner.status(job_or_404(job_id)))

    @app.post("/verification/<job_id>/annuler")
    def job_cancel(job_id: str):
        job = job_or_404(job_id)
        if not csrf_ok():
            abort(400, UI["csrf"])
        runner.cancel(job.id)
        return redirect(url_for("job_page", job_id=job.id), 303)

    @app.post("/verification/<job_id>/supprimer")
    def job_delete(job_id: str):
        job = job_or_404(job_id)
        if not csrf_ok():
            abort(400, UI["csrf"])
        if not runner.delete(job.id):
            return home({"form": UI["cannot_delete"]}, status=409)
        return redirect(url_for("index", info="supprimee"), 303)

    @app.get("/verification/<job_id>/preuves.zip")
    def job_bundle(job_id: str):
        from tnl.bundle import BundleError, make_bundle

        job = job_or_404(job_id)
        if job.state != DONE:
            abort(404, UI["not_found"])
        target = out / job.id / f"{job.cid}-preuves.zip"
        try:
            make_bundle(out / job.id / job.cid, target)
        except BundleError:
            abort(404, UI["not_found"])
        return send_from_directory(out / job.id, target.name, as_attachment=True)

    @app.get("/rapports/<run>/<path:filename>")
    def reports(run: str, filename: str):
        # Only a job or a run folder directly under out; send_from_directory refuses "..", absolute paths.
        if not (JOB_ID_RE.match(run) or RUN_RE.match(run)) or run.startswith("."):
            abort(404)
        return send_from_directory(out / run, filename)

    @app.errorhandler(400)
    @app.errorhandler(404)
    @app.errorhandler(409)
    def _error(exc):
        return render_template("error.html.j2", code=exc.code, message=exc.description), exc.code

    return app


def _by_domain(report: dict) -> list[dict]:
    """The report's domains with their level and signals, for the job page (a view, no logic)."""
    signals = {s["id"]: s for s in report.get("signals", [])}
    levels = {lv.get("domain"): lv for lv in report.get("levels") or []}
    return [{"id": d["id"], "title": d["title"], "counts": d["counts"], "level": levels.get(d["id"], {}).get("level"),
             "signals": [signals[s] for s in d.get("signals", []) if s in signals]}
            for d in report.get("domains", [])]


def serve(args) -> None:
    """Run the web page with werkzeug's threaded WSGI server until Ctrl-C."""
    from werkzeug.serving import make_server

    from tnl.options import host_map
    from tnl.selfcheck import child_argv

    loopback = args.host in LOOPBACK
    allowed = {"127.0.0.1", "localhost", "::1", "[::1]"} if loopback else None
    app = create_app(args.out, allow_private=args.allow_private, host_map=host_map(args.resolve),
                     child_args=child_argv(args), max_queue=args.queue, allowed_hosts=allowed)
    server = make_server(args.host, args.port, app, threaded=True)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Autocontrôle : http://{host}:{server.server_port}/ (Ctrl-C pour arrêter)", file=sys.stderr)
    if not loopback:
        print(f"Attention : le formulaire est joignable depuis le réseau ({args.host}).", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.extensions["tnl_runner"].stop()

