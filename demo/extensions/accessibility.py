"""Accessibility and web standards in the demo world: declarations, schéma pluriannuel, forms, skip links, feeds.

- libreville-isere: complete, consistent and recent declaration (audit 2025), schéma pluriannuel,
  skip link, labelled forms (search, newsletter, contact), alt on images, distinct titles, RSS feed.
- agglo-val-de-roche: declaration without voies de recours and with an audit of March 2023 (older
  than three years), an expired schéma pluriannuel (2020-2022), a WordPress feed, one unlabelled field.
- departement-haute-garrigue: declaration "non conforme" with a 62 % rate from a 2019 audit
  (inconsistent and old), unlabelled search field, no skip link, a few news images without alt, RSS link.
- petit-bourg: none of it (its pages already lack lang, alt and own titles); an unlabelled newsletter field;
  its declaration, « non conforme », only as a PDF (demo/extensions/documents.py), read here from the file.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from pypdf import PdfReader

from demo.sitekit import Page, Site, paras, wrap_layout
from demo.walker import walk_site

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>{link}</link>
<description>{title}</description><language>fr</language>
<item><title>{item}</title><link>{link}</link></item>
</channel></rss>
"""


def _replace(page: Page, old: str, new: str) -> None:
    """Edit a page body; fails loudly if the content module changed under us."""
    if old not in page.body:
        raise AssertionError(f"accessibility extension: {old!r} not found in {page.path}")
    page.body = page.body.replace(old, new)


def _wrap(site: Site, marker: str, markup: str, before: bool = False) -> None:
    wrap_layout(site, marker, markup, before, who="accessibility extension")


def _libreville(site: Site) -> None:
    # SPIP's own feed URL ("squelette" backend), declared in <head>.
    _wrap(site, "</head>", '<link rel="alternate" type="application/rss+xml" title="Actualités de Libreville-sur-Isère" '
                           'href="/spip.php?page=backend">\n', before=True)
    site.assets["/spip.php"] = RSS.format(title="Actualités de Libreville-sur-Isère", link=site.base + "/actualites/",
                                          item="Install party à la médiathèque").encode()
    # A recent audit: "older than three years" stays false for years after the demo's crawls.
    decl = site.pages["/accessibilite/"]
    _replace(decl, "réalisé le 14 novembre 2024", "réalisé le 14 novembre 2025")
    _replace(decl, "Établissement de cette déclaration : 2 décembre 2024.", "Établissement de cette déclaration : 2 décembre 2025.")
    _replace(decl, "vous pouvez écrire au Défenseur des droits.",
             "vous pouvez nous contacter par le <a href=\"/contact/\">formulaire de contact</a> ; sans réponse de notre "
             "part, vous pouvez écrire au Défenseur des droits.")
    site.pages["/contact/"].body += (
        '\n<h2>Nous écrire</h2>\n<form action="/contact/" method="post" class="formulaire_contact">'
        '<p><label for="contact-nom">Votre nom</label> <input type="text" id="contact-nom" name="nom" autocomplete="name"></p>'
        '<p><label for="contact-courriel">Votre adresse électronique</label> '
        '<input type="email" id="contact-courriel" name="courriel" autocomplete="email"></p>'
        '<p><label for="contact-objet">Objet</label> <select id="contact-objet" name="objet">'
        "<option>Question</option><option>Signaler un défaut d'accessibilité</option></select></p>"
        '<p><label for="contact-message">Votre message</label> <textarea id="contact-message" name="message" rows="6"></textarea></p>'
        '<p><button type="submit">Envoyer</button></p></form>')
    site.assets["/IMG/arton12.jpg"] = b"\xff\xd8\xff\xe0 demo jpeg"
    site.assets["/IMG/puce.png"] = b"\x89PNG demo"
    _replace(site.pages["/actualites/install-party-mediatheque/"], "<p>Samedi 5 avril",
             '<p><img src="/IMG/arton12.jpg" alt="Des bénévoles installent Debian sur un ordinateur portable '
             "à la médiathèque\" width=\"640\" height=\"360\"></p>\n<p><img src=\"/IMG/puce.png\" alt=\"\"> Samedi 5 avril")


def _valderoche(site: Site) -> None:
    _wrap(site, "</head>", '<link rel="alternate" type="application/rss+xml" title="CA du Val de Roche &raquo; Flux" '
                           'href="/feed/">\n', before=True)
    _wrap(site, '<header id="masthead" class="site-header">',
          '\n  <form role="search" method="get" class="search-form" action="/"><label>'
          '<span class="screen-reader-text">Rechercher :</span> <input type="search" class="search-field" name="s">'
          '</label> <input type="submit" class="search-submit" value="Rechercher"></form>')
    # Contact Form 7: the message field only has a placeholder.
    site.pages["/contact/"].body += (
        '\n<div class="wpcf7"><form action="/contact/#wpcf7-f12-o1" method="post" class="wpcf7-form">'
        '<p><label>Votre nom<br><input type="text" name="your-name" class="wpcf7-text"></label></p>'
        '<p><label>Votre e-mail<br><input type="email" name="your-email" class="wpcf7-email"></label></p>'
        '<p><textarea name="your-message" class="wpcf7-textarea" placeholder="Votre message"></textarea></p>'
        '<p><input type="submit" value="Envoyer" class="wpcf7-submit"></p></form></div>')
    site.add("/accessibilite/schema-pluriannuel/", "Schéma pluriannuel de mise en accessibilité 2020-2022", paras(
        "Ce schéma pluriannuel de mise en accessibilité numérique couvre les années 2020 à 2022.",
        "Actions prévues : audit du site internet, formation de deux agents du service communication, "
        "prise en compte de l'accessibilité dans le marché de refonte du site.",
        "Plan d'action 2020 : audit. Plan d'action 2021 : corrections du thème. Plan d'action 2022 : documents PDF."),
        parent="/accessibilite/")
    site.pages["/accessibilite/"].body += paras(
        site.link("/accessibilite/schema-pluriannuel/", "Schéma pluriannuel de mise en accessibilité 2020-2022"))


def _hautegarrigue(site: Site) -> None:
    decl = site.pages["/jcms/p_10031/fr/accessibilite/"]
    _replace(decl, "Aucun audit de conformité n'a encore été réalisé.",
             "L'audit de conformité réalisé en juin 2019 par le cabinet Handi-Web révèle que 62 % des critères "
             "du RGAA version 4.0 sont respectés.")
    _wrap(site, '<ul class="menu">',
          '<form action="/jcms/search" method="get" class="search"><input type="text" name="text" '
          'placeholder="Rechercher sur le site"> <input type="submit" value="OK"></form>\n', before=True)
    # A few news articles carry a photo pasted without alternative text.
    site.assets["/upload/images/actualite.jpg"] = b"\xff\xd8\xff\xe0 demo jpeg"
    for path in ("/jcms/p_10101/fr/plan-grand-froid/", "/jcms/p_10103/fr/college-jean-moulin/",
                 "/jcms/p_10104/fr/jeunes-talents/"):
        site.pages[path].body = '<p><img src="/upload/images/actualite.jpg" width="600"></p>\n' + site.pages[path].body
    site.assets["/upload/rss/actualites.rss"] = RSS.format(title="Actualités du Département", link=site.base + "/",
                                                           item="À la une").encode()
    site.pages["/"].body += paras('<a href="/upload/rss/actualites.rss">S\'abonner au flux RSS des actualités</a>')


def _petitbourg(site: Site) -> None:
    # The site builder's newsletter strip: a placeholder, no label (on every page).
    _wrap(site, '<footer id="SITE_FOOTER">',
          '\n<div class="newsletter"><p class="font_8">Recevez les infos du village</p>'
          '<form><input type="email" name="email" placeholder="Votre adresse e-mail"> '
          '<button type="submit">OK</button></form></div>')


EXTEND = {"libreville-isere": _libreville, "agglo-val-de-roche": _valderoche,
          "departement-haute-garrigue": _hautegarrigue, "petit-bourg": _petitbourg}


def extend(cid: str, site: Site) -> None:
    fn = EXTEND.get(cid)
    if fn is not None:
        fn(site)


# --- ground truth, computed from the written files -----------------------------------------------

_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
_SKIP_TEXTS = ("aller au contenu", "contenu principal", "passer au contenu", "accéder au contenu", "skip to content")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml")


def _declaration_facts(url: str, text: str) -> dict:
    """The facts written in a generated declaration, read with this module's own simple patterns."""
    status = re.search(r"(?:État de conformité|est) :?\s*(?:le site est )?(totalement|partiellement|non) conforme", text)
    rate = re.search(r"(\d+(?:,\d+)?) % des critères", text)
    audit = re.search(r"audit[^.]*? (?:réalisé|effectué) (?:le (\d{1,2}) (\w+) (\d{4})|en (\w+) (\d{4}))", text)
    audit_iso = None
    if audit and audit.group(1):
        audit_iso = f"{audit.group(3)}-{_MONTHS.index(audit.group(2)) + 1:02d}-{int(audit.group(1)):02d}"
    elif audit:
        audit_iso = f"{audit.group(5)}-{_MONTHS.index(audit.group(4)) + 1:02d}"
    version = re.search(r"RGAA\)?,? version (\d(?:\.\d+)*)", text)
    return {"url": url, "etat": f"{status.group(1)} conforme" if status else None,
            "taux_conformite": float(rate.group(1).replace(",", ".")) if rate else None,
            "date_audit": audit_iso, "version_rgaa": version.group(1) if version else None,
            "voies_de_recours": "Défenseur des droits" in text}


def _main_text(tree) -> str:
    main = tree.xpath("//main")
    node = main[0] if main else tree.xpath("//div[@class='main']")[0]
    return " ".join(node.text_content().split())


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        return {"accessibility": None}
    pages = walk_site(site, root)["pages"]
    trees = {url: lxml_html.fromstring(p["html"]) for url, p in pages.items()}
    declaration = None
    plan = None
    for url, tree in sorted(trees.items()):
        title = tree.findtext(".//h1") or ""
        text = _main_text(tree)
        if "pluriannuel" in title.lower():
            years = re.search(r"(20\d\d)-(20\d\d)", title)
            plan = {"url": url, "periode": years.group(0) if years else None}
        elif "accessibilite" in urlsplit(url).path and "conforme" in text:
            declaration = _declaration_facts(url, text)
        for a in tree.xpath("//a[@href]"):
            if plan is None and "schema-pluriannuel" in a.get("href"):
                years = re.search(r"(20\d\d)-(20\d\d)", a.get("href"))
                plan = {"url": urljoin(url, a.get("href")), "periode": years.group(0) if years else None}
    if declaration is None:  # a declaration published only as a PDF, linked as « Accessibilité : … »
        for a in trees[site.base + "/"].xpath("//a[@href]"):
            if a.get("href").endswith(".pdf") and a.text_content().startswith("Accessibilité"):
                url = urljoin(site.base + "/", a.get("href"))
                reader = PdfReader(root / urlsplit(url).path.lstrip("/"))
                text = " ".join(" ".join((pg.extract_text() or "") for pg in reader.pages).split())
                declaration = _declaration_facts(url, text)
    if declaration:
        home = " ".join(trees[site.base + "/"].text_content().split())
        m = re.search(r"Accessibilité : (totalement|partiellement|non) conforme", home)
        declaration["mention_accueil"] = f"{m.group(1)} conforme" if m else None

    def share(judge) -> dict:
        verdicts = [v for v in (judge(t) for t in trees.values()) if v is not None]
        return {"pages_concernees": len(verdicts), "conformes": sum(1 for ok, _, _ in verdicts if ok),
                "elements": sum(n for _, n, _ in verdicts), "elements_fautifs": sum(b for _, _, b in verdicts)}

    def lang(tree):
        value = tree.get("lang")
        return bool(value and re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*", value)), 0, 0

    def images(tree):
        imgs = tree.xpath("//img")
        bad = [i for i in imgs if i.get("alt") is None]
        return (not bad, len(imgs), len(bad)) if imgs else None

    def controls(tree):
        fields = [c for c in tree.xpath("//input|//select|//textarea")
                  if (c.get("type") or "text").lower() not in ("hidden", "submit", "reset", "button")]
        fors = set(tree.xpath("//label/@for"))
        bad = [c for c in fields if not (c.get("id") in fors or c.xpath("ancestor::label") or c.get("aria-label")
                                         or c.get("aria-labelledby") or c.get("title"))]
        return (not bad, len(fields), len(bad)) if fields else None

    titles = [" ".join((t.findtext(".//title") or "").split()) for t in trees.values()]

    def title(tree):
        t = " ".join((tree.findtext(".//title") or "").split())
        return bool(t) and titles.count(t) == 1, 0, 0

    def skip(tree):
        first = tree.xpath("//a[@href]")[:10]
        return any(a.get("href").startswith("#") and any(s in a.text_content().lower() for s in _SKIP_TEXTS)
                   for a in first), 0, 0

    feeds = set()
    for url, tree in trees.items():
        for link in tree.xpath("//link[@rel='alternate']"):
            if link.get("type") in _FEED_TYPES:
                feeds.add(urljoin(url, link.get("href")))
        for a in tree.xpath("//a[@href]"):
            if a.get("href").endswith((".rss", "/feed/", "atom.xml")):
                feeds.add(urljoin(url, a.get("href")))
    return {"accessibility": {
        "pages": len(trees),
        "declaration": declaration,
        "multiyear_plan": plan,
        "html_lang": share(lang),
        "img_alt": share(images),
        "form_labels": share(controls),
        "page_titles": share(title),
        "skip_link": share(skip),
        "feeds": sorted(feeds),
    }}
