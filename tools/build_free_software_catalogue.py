"""One-off generator of checks/data/free_software.yaml (kept to regenerate it after editing the table).

    python tools/build_free_software_catalogue.py [path/to/sill-2020.csv]

Sources: the SILL 2020 list (names, SILL ids, Wikidata ids, Comptoir du Libre ids), the label's own
examples (LABEL.md: LibreOffice, GanttProject, VYM, openMairie…) and free software commonly used by
French collectivités (ADULLACT / Comptoir du Libre catalogue, openMairie suite, Libriciel, GIS, Fediverse).
Ordinary words (Git, Dash, Pulse, Swift, Consul, Vault…) are left out, or kept with `context`: a match
then counts only if one of those words is near it (e.g. « Samba » near « serveur » or « fichiers »).
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "checks" / "data" / "free_software.yaml"
SILL_CSV = Path("/work/shared/reference/sill-2020.csv")

# name | category | aliases (;) | context words (;) | label example (x)
TABLE = """
LibreOffice|bureautique|Libre Office||x
Apache OpenOffice|bureautique|OpenOffice;Open Office||
Collabora Online|bureautique|Collabora;LibreOffice Online||
OnlyOffice|bureautique|Only Office||
CryptPad|bureautique|||
Etherpad|bureautique|Etherpad Lite;Framapad||
HedgeDoc|bureautique|CodiMD||
Scribus|bureautique|||
Grammalecte|bureautique|||
LanguageTool|bureautique|||
LireCouleur|bureautique|||
Zotero|bureautique|||
Joplin|bureautique|||
Pandoc|bureautique|||
LaTeX|bureautique|TeX Live;MiKTeX||
Freeplane|bureautique|||
FreeMind|bureautique|||
VYM|bureautique|View Your Mind||x
draw.io|bureautique|diagrams.net;Draw.io Desktop||
PDFsam|bureautique|PDFsam Basic||
SumatraPDF|bureautique|Sumatra PDF||
Okular|bureautique|||
Evince|bureautique|||
MuPDF|bureautique|||
NAPS2|bureautique|||
Calibre|bureautique||livre;livres numeriques;ebook;epub;bibliotheque numerique|
Firefox|navigateur|Mozilla Firefox;Firefox ESR||x
Chromium|navigateur|||
Tor Browser|navigateur|Navigateur Tor||
uBlock Origin|navigateur|||
Thunderbird|messagerie|Mozilla Thunderbird||x
K-9 Mail|messagerie|K9 Mail||
Roundcube|messagerie|||
Zimbra|messagerie|||
SOGo|messagerie|||
BlueMind|messagerie|||
Postfix|messagerie|||
Dovecot|messagerie|||
Sympa|messagerie||liste;listes;diffusion;messagerie|
Rspamd|messagerie|||
VLC|multimedia|VLC media player;VideoLAN||x
Audacity|multimedia|||x
OBS Studio|multimedia|Open Broadcaster Software||
Kdenlive|multimedia|||
Shotcut|multimedia|||
OpenShot|multimedia|||
HandBrake|multimedia|||
Avidemux|multimedia|||
MuseScore|multimedia|||
LMMS|multimedia|||
Ardour|multimedia|||
Blender|graphisme|||
GIMP|graphisme|||x
Inkscape|graphisme|||x
Krita|graphisme|||
Darktable|graphisme|||
RawTherapee|graphisme|||
digiKam|graphisme|||
Greenshot|graphisme|||
Flameshot|graphisme|||
ShareX|graphisme|||
Pencil Project|graphisme|||
QGIS|cartographie|Quantum GIS||x
GRASS GIS|cartographie|||
gvSIG|cartographie|||
PostGIS|cartographie|||
GeoServer|cartographie|||
GeoNetwork|cartographie|||
MapServer|cartographie|||
Lizmap|cartographie|||
geOrchestra|cartographie|||
Mviewer|cartographie|||
Cadastrapp|cartographie|||
QField|cartographie|||
OpenLayers|cartographie|||
Leaflet|cartographie|||
MapLibre|cartographie|||
OpenStreetMap|cartographie|||
uMap|cartographie|||
JOSM|cartographie|||
GeoNature|cartographie|||
Debian|systeme|||x
Ubuntu|systeme|||x
GNU/Linux|systeme|Linux||x
Linux Mint|systeme|||
Fedora|systeme|||
openSUSE|systeme|||
Rocky Linux|systeme|||
AlmaLinux|systeme|||
CentOS|systeme|||
PrimTux|systeme|||x
Emmabuntüs|systeme|Emmabuntus||
Koha|bibliotheque|||
PMB|bibliotheque||bibliotheque;mediatheque;catalogue;sigb;lecteurs|
EOLE|systeme||amon;scribe;envole;seshat;zephir;education nationale|
FreeBSD|systeme|||
Proxmox|virtualisation|Proxmox VE||
XCP-ng|virtualisation|||
oVirt|virtualisation|||
KVM|virtualisation||virtualisation;hyperviseur;machines virtuelles|
OpenStack|virtualisation|||
OpenNebula|virtualisation|OpenNebula Community Edition||
Kubernetes|virtualisation|K8s||
Rancher|virtualisation||kubernetes;conteneurs;cluster|
Docker|virtualisation||conteneur;conteneurs;image;images|
Podman|virtualisation|||
Ceph|stockage||stockage;cluster;distribue|
TrueNAS|stockage|FreeNAS||
OpenMediaVault|stockage|||
Samba|stockage||serveur;partage;fichiers;active directory;domaine|
Nextcloud|collaboration|Next Cloud||x
ownCloud|collaboration|||
Seafile|collaboration|||
Pydio|collaboration|||
Cozy Cloud|collaboration|||
YunoHost|collaboration|||
Jitsi|visioconference|Jitsi Meet||x
BigBlueButton|visioconference|||x
Mattermost|messagerie instantanee|||
Rocket.Chat|messagerie instantanee|Rocketchat;Rocket Chat||
Zulip|messagerie instantanee|||
Element|messagerie instantanee||matrix;messagerie;tchap|
Tchap|messagerie instantanee|||
Mastodon|fediverse|||x
PeerTube|fediverse|Peertube||x
Pixelfed|fediverse|||
Mobilizon|fediverse|||
Funkwhale|fediverse|||
Discourse|forum||forum;communaute;discussion|
phpBB|forum|||
Flarum|forum|||
WordPress|site web|||x
Drupal|site web|||
Joomla|site web|Joomla!||
SPIP|site web|||x
TYPO3|site web|||
Plone|site web|||
Grav|site web||cms;site;flat-file|
Jekyll|site web||site statique;github pages;generateur|
Hugo|site web||site statique;generateur;gohugo|
Decidim|participation|||
CONSUL Democracy|participation|Consul Democracy||
LimeSurvey|participation|Lime Survey||
Framadate|participation|||
Framaforms|participation|||
OpenSondage|participation|||
Moodle|education|||x
Chamilo|education|||
Open edX|education|OpenEdX||
Esup-Pod|education|||
uPortal|education|||
Tracim|collaboration|||
XWiki|collaboration|||
MediaWiki|collaboration|||
DokuWiki|collaboration|||
BookStack|collaboration|||
Wiki.js|collaboration|||
Wekan|gestion de projet|||
Kanboard|gestion de projet|||
Taiga|gestion de projet||kanban;agile;projet|
OpenProject|gestion de projet|||
ProjectLibre|gestion de projet|||
GanttProject|gestion de projet|||x
ProjeQtOr|gestion de projet|||
Redmine|gestion de projet|||
Tuleap|gestion de projet|||
Kimai|gestion de projet|||
Odoo|gestion|Odoo Community||
Dolibarr|gestion|||
ERPNext|gestion|||
Tryton|gestion|||
Alfresco|gestion documentaire|Alfresco Community||
Nuxeo|gestion documentaire|||
Maarch|gestion documentaire|Maarch Courrier;Maarch RM||
Vitam|archivage|VITAM||
As@lae|archivage|Asalae||
Archifiltre|archivage|||
Versae|archivage|||
openMairie|metier collectivite|open Mairie||x
openCimetière|metier collectivite|openCimetiere||x
openAssainissement|metier collectivite|||x
openElec|metier collectivite|||
openADS|metier collectivite|||
openRésultat|metier collectivite|openResultat||
openARIA|metier collectivite|||
openCourrier|metier collectivite|||
openDébitDeBoisson|metier collectivite|openDebitDeBoisson||
openFoncier|metier collectivite|||
openMarché|metier collectivite|openMarche||
openRecensement|metier collectivite|||
openPlanning|metier collectivite|||
openScrutin|metier collectivite|||
web-delib|metier collectivite|webdelib;WebDelib||
i-delibRE|metier collectivite|idelibre;i-delibre||
i-Parapheur|metier collectivite|iparapheur;i-parapheur||
Pastell|metier collectivite|||
S²LOW|metier collectivite|S2LOW||
Comelus|metier collectivite|||
web-GFC|metier collectivite|webGFC||
Publik|metier collectivite||entr'ouvert;demarches;teleservices;portail citoyen|
Lutece|metier collectivite||portail;framework;cms;ville de paris;application|
Démarches simplifiées|metier collectivite|demarches-simplifiees;demarche.numerique.gouv.fr||
OpenFisca|metier collectivite|||
Asqatasun|accessibilite|||
Tanaguru|accessibilite|||
NVDA|accessibilite|NonVisual Desktop Access||
Assistant RGAA|accessibilite|||
Colour Contrast Analyser|accessibilite|||
GLPI|gestion de parc|||x
OCS Inventory|gestion de parc|OCS Inventory NG;OCSInventory||
FusionInventory|gestion de parc|||
iTop|gestion de parc|||
WAPT|gestion de parc|WAPT Community||
Zammad|gestion de parc|||
osTicket|gestion de parc|||
Request Tracker|gestion de parc|||
Centreon|supervision|||
Zabbix|supervision|||
Nagios|supervision|||
Icinga|supervision|||
Shinken|supervision|||
Grafana|supervision|||
Prometheus|supervision||supervision;metriques;grafana;monitoring|
Kibana|supervision|||
Elasticsearch|supervision|||
OpenSearch|supervision|||
Logstash|supervision|||
Graylog|supervision|||
Syslog-ng|supervision|||
Matomo|mesure d'audience|Piwik||x
Plausible Analytics|mesure d'audience|||
Umami|mesure d'audience||statistiques;audience;analytics|
Rudder|infrastructure||configuration;deploiement;serveurs|
Ansible|infrastructure|||
SaltStack|infrastructure|Salt Stack||
Puppet|infrastructure||configuration;serveurs;deploiement|
OpenTofu|infrastructure|||
Jenkins|developpement||integration continue;pipeline;build|
GitLab|developpement|GitLab CE;GitLab Community Edition||
Gitea|developpement|||
Forgejo|developpement|||
SonarQube|developpement|||
Eclipse|developpement|Eclipse IDE|ide;developpement;java;environnement|
NetBeans|developpement|||
VSCodium|developpement|||
GNU Emacs|developpement|Emacs||
Vim|developpement|Neovim||
Geany|developpement|||
Notepad++|developpement|Notepad plus plus||
Apache Maven|developpement|Maven||
Apache JMeter|developpement|JMeter||
Selenium|developpement||tests;test;navigateur;automatisation|
Squash TM|developpement|Squash TF||
OpenJDK|developpement|||
Node.js|developpement|NodeJS||
Lazarus|developpement|Lazarus IDE||
Free Pascal|developpement|FreePascal||
RStudio|donnees|||
Jupyter|donnees|JupyterLab;Jupyter Notebook||
KNIME|donnees|||
Talend Open Studio|donnees|||
Pentaho|donnees|Pentaho Community Edition||
Metabase|donnees|||
Apache Superset|donnees|||
CKAN|donnees|||
uData|donnees|||
Datasette|donnees|||
PostgreSQL|base de donnees|Postgres||
MariaDB|base de donnees|||
MySQL|base de donnees|||
SQLite|base de donnees|||
Apache Solr|base de donnees|Solr||
Apache HTTP Server|serveur web|Apache HTTPD;Apache2||
Nginx|serveur web|||
Apache Tomcat|serveur web|Tomcat||
HAProxy|serveur web|||
Varnish|serveur web|||
Squid|reseau||proxy;cache;mandataire|
Asterisk|telephonie|||
FreePBX|telephonie|||
Wazo|telephonie|XiVO||
FileZilla|reseau|Filezilla||x
WinSCP|reseau|||
PuTTY|reseau|||
Wireshark|reseau|||
Nmap|reseau|||
OpenVPN|reseau|||
WireGuard|reseau|||
pfSense|securite|||
OPNsense|securite|||
IPFire|securite|||
Suricata|securite|||
Snort|securite||ids;intrusion;detection|
Wazuh|securite|||
CrowdSec|securite|||
Fail2ban|securite|||
OpenVAS|securite|Greenbone||
ClamAV|securite|||
KeePass|securite|KeePass 2||
KeePassXC|securite|||
Bitwarden|securite|||
Vaultwarden|securite|||
VeraCrypt|securite|||
GnuPG|securite|GPG||
OpenLDAP|identite|||
FusionDirectory|identite|||
LemonLDAP::NG|identite|LemonLDAP;LemonLDAP-NG||
Keycloak|identite|||
FreeIPA|identite|||
Bareos|sauvegarde|||
Bacula|sauvegarde|||
BorgBackup|sauvegarde|Borg Backup||
Restic|sauvegarde|||
Duplicati|sauvegarde|||
UrBackup|sauvegarde|||
FreeFileSync|sauvegarde|||
7-Zip|utilitaire|7zip;7 Zip||
PeaZip|utilitaire|||
exodus-privacy|securite|Exodus Privacy||
"""

# SILL rows left out: add-ons named by ordinary words, or names too common to mean the software.
SILL_SKIP = {
    "additional alerts", "behaviors (comportements)", "data injection", "escalation", "mobile", "reports (rapports)",
    "survey (questionnaire)", "uninstall", "webservice", "pdf (impression de pdf)", "timelineticket", "git", "dash",
    "pulse", "swift (openstack)", "consul", "vault", "swarm", "packer", "yarn", "npm", "pencil", "opale", "cachet",
    "nexus", "h2", "dia", "junit", "jacoco", "jailer", "javamelody", "multidiff", "portraitorlandscape", "keefox",
    "qwant (extension de recherche)", "vrt network equipment", "webaccess", "correcteur terminologique fr (franceterme)",
    "sonarqube plugins : findbugs", "sonarqube plugins : checkstyle", "sonarqube plugins : pmd",
    "squash tf java junit runner", "squash tf cucumber java runner", "squash tf execution server",
    "squash keywordframework", "fitnesse", "dbfit", "waarp", "is designer", "secureflag community", "git-crypt",
    "arx data anonymization tool", "dban (darik's boot and nuke)", "dvd styler", "bluegriffon", "corosync",
    "pacemaker", "opensvc", "openio", "murexpo", "sdk géoportail", "gravitee community edition", "spring boot",
    "codeceptjs", "cockroachdb", "mongodb", "redis", "soap ui open source", "testlink", "mantis bt",
    "visual studio code", "pycharm community edition", "opendocument reader", "k-9 mail", "acceleo", "cups",
    "agent ocs", "ocs inventory ng", "rundeck", "selenium ide", "selenium server", "eole amon", "eole (ubuntu)",
    "mozilla firefox (extended support release)", "libreoffice (collabora) online", "framadate (logiciel)",
    "gitlab community edition", "nextcloud", "postfix.admin", "pdfsam basic", "squash tf", "talend open studio for data integration (basic)",
}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def main(argv: list[str]) -> int:
    sill_path = Path(argv[1]) if len(argv) > 1 else SILL_CSV
    rows = list(csv.DictReader(sill_path.open(encoding="utf-8")))
    entries: list[dict] = []
    index: dict[str, dict] = {}
    for line in TABLE.strip().splitlines():
        name, category, aliases, context, label = (line.split("|") + [""] * 5)[:5]
        entry = {"name": name, "category": category}
        alias_list = [a for a in aliases.split(";") if a]
        if alias_list:
            entry["aliases"] = alias_list
        if context:
            entry["context"] = [c for c in context.split(";") if c]
        if label:
            entry["label"] = True
        entries.append(entry)
        for key in [name] + alias_list:
            index.setdefault(norm(key), entry)
    added = 0
    for r in rows:
        nom = r["nom"].strip()
        key = norm(nom)
        entry = index.get(key)
        if entry is None:
            base = norm(nom.split("(")[0])
            entry = index.get(base)
        if entry is None:
            if nom.lower() in SILL_SKIP:
                continue
            entry = {"name": nom.split(" (")[0], "category": "sill : " + r["secteur"].strip().lower()}
            entries.append(entry)
            index[key] = entry
            added += 1
        entry.setdefault("sill", int(r["ID"]))
        if r["wikidata"].strip():
            entry.setdefault("wikidata", r["wikidata"].strip())
        if r["comptoir-du-libre"].strip():
            entry.setdefault("comptoir", int(r["comptoir-du-libre"].strip()))
    names = [norm(e["name"]) for e in entries]
    assert len(names) == len(set(names)), "duplicate names"
    header = (
        "# Free-software catalogue for the free_software_mentions signal (our own data file), GENERATED by\n"
        "# tools/build_free_software_catalogue.py from its table and the SILL 2020 list: edit the table, then rerun.\n"
        "# name: shown in reports; aliases: other spellings; both matched as whole words, case- and\n"
        "#   accent-insensitive, in the pages' main content (navigation, header, footer and asides left out).\n"
        "# context: for names that are also ordinary words, a match counts only with one of these words\n"
        "#   within 120 characters (folded: lower case, no accents).\n"
        "# sill / wikidata / comptoir: ids in the SILL 2020 list, Wikidata and the Comptoir du Libre;\n"
        "# label: an example cited by the label's organisers. Ordinary words (Git, Dash, Pulse, Swift,\n"
        "#   Consul, Vault…) are left out on purpose: they would make false mentions.\n"
    )
    OUT.write_text(header + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    print(f"{len(entries)} entries ({added} from the SILL only) -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
