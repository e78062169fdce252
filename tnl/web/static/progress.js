// Live progress of a running self-check: polls etat.json, updates the figures, reloads when done.
(function () {
  "use strict";
  var box = document.getElementById("progression");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-etat");
  var states = {en_attente: "en attente", en_cours: "en cours", terminee: "terminée", echec: "échec", annulee: "annulée"};
  function set(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = (value === null || value === undefined) ? "—" : String(value); }
  }
  function tick() {
    fetch(url, {headers: {Accept: "application/json"}, cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        set("pages", s.pages); set("documents", s.documents); set("erreurs", s.errors);
        set("courante", s.current_url); set("etat", states[s.state] || s.state);
        if (s.state !== "en_attente" && s.state !== "en_cours") { window.location.reload(); return; }
        window.setTimeout(tick, 1000);
      })
      .catch(function () { window.setTimeout(tick, 3000); });
  }
  window.setTimeout(tick, 1000);
}());
