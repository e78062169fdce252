// Search the whole run by name, SIREN or INSEE code (the national overview: index.html and the
// département pages). The compact index (departements/recherche.js: [id, name, siren, insee,
// département, page]) is loaded at the first use by this script, which the page's
// Content-Security-Policy allows by its hash; 'strict-dynamic' lets it add that one script.
(function () {
  "use strict";
  var section = document.getElementById("recherche-section");
  var box = document.getElementById("recherche");
  if (!section || !box) { return; }
  var list = document.getElementById("recherche-resultats");
  var status = document.getElementById("recherche-statut");
  var base = section.getAttribute("data-racine") || "";
  var max = parseInt(section.getAttribute("data-max"), 10) || 50;
  var say = function (name, n) {
    return (section.getAttribute("data-" + name) || "").replace("{n}", n).replace("{max}", max);
  };
  var fold = function (s) {
    return String(s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  };
  var data = null, names = null, state = "idle";
  section.hidden = false;

  function show() {
    var q = box.value.trim();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (q === "") { status.textContent = ""; return; }
    var digits = q.replace(/\s+/g, "").toUpperCase();
    var byCode = /^(\d{2,}|2[AB]\d*)$/.test(digits);
    var fq = fold(q);
    var found = [];
    for (var i = 0; i < data.rows.length; i += 1) {
      var r = data.rows[i];
      var hit = byCode ? (String(r[2]).indexOf(digits) === 0 || String(r[3]).indexOf(digits) === 0)
        : names[i].indexOf(fq) !== -1;
      if (hit) { found.push(i); }
    }
    found.sort(function (a, b) { return names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0; });
    found.slice(0, max).forEach(function (i) {
      var r = data.rows[i];
      var li = document.createElement("li");
      var a = document.createElement(r[0] ? "a" : "span");
      if (r[0]) { a.href = base + encodeURIComponent(r[0]) + "/report.html"; }
      a.textContent = r[1] || r[0];
      li.appendChild(a);
      var page = data.pages[r[5]];
      if (page) {
        li.appendChild(document.createTextNode(" — "));
        var p = document.createElement("a");
        p.href = base + page[0];
        p.textContent = page[1];
        li.appendChild(p);
      }
      var codes = [r[2] ? "SIREN " + r[2] : "", r[3] ? "INSEE " + r[3] : ""].filter(Boolean).join(" · ");
      if (codes) { li.appendChild(document.createTextNode(" · " + codes)); }
      list.appendChild(li);
    });
    status.textContent = found.length === 0 ? say("aucun", 0)
      : found.length > max ? say("plus", found.length) : say("trouves", found.length);
  }

  function load() {
    if (state !== "idle") { return; }
    state = "loading";
    status.textContent = say("chargement", 0);
    var script = document.createElement("script");
    script.src = base + section.getAttribute("data-index");
    script.onload = function () {
      data = window.TNL_RECHERCHE || { pages: [], rows: [] };
      names = data.rows.map(function (r) { return fold(r[1]) + " " + fold(r[0]); });
      state = "ready";
      show();
    };
    script.onerror = function () { state = "idle"; status.textContent = say("erreur", 0); };
    document.body.appendChild(script);
  }

  box.addEventListener("focus", load);
  box.addEventListener("input", function () { if (state === "ready") { show(); } else { load(); } });
}());
