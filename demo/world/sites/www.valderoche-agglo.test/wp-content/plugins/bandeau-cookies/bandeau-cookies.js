/* Bandeau cookies 1.4.2 (Val de Roche Agglo). The banner keeps the element ids of tarteaucitron.js, whose
   style sheet the agency reused at first; the code is its own. A service runs only once accepted. */
(function () {
  var COOKIE = "tarteaucitron", SIX_MONTHS = 15552000;
  var services = fetch("/wp-json/bandeau-cookies/v1/services").then(function (answer) { return answer.json(); })
    .then(function (config) { return config.services || []; });
  function given() {
    var m = document.cookie.match(/(?:^|; )tarteaucitron=([^;]*)/);
    return m ? decodeURIComponent(m[1]) : null;
  }
  function remember(list, yes) {
    var value = list.map(function (s) { return "!" + s.id + "=" + (yes ? "true" : "false"); }).join("");
    document.cookie = COOKIE + "=" + encodeURIComponent(value) + "; path=/; max-age=" + SIX_MONTHS + "; SameSite=Lax";
  }
  function run(list) {
    list.forEach(function (s) {
      var tag = document.createElement("script");
      tag.async = true;
      tag.src = s.src;
      Object.keys(s.data || {}).forEach(function (k) { tag.dataset[k] = s.data[k]; });
      document.head.appendChild(tag);
    });
  }
  function banner() {
    var root = document.createElement("div");
    root.id = "tarteaucitronRoot";
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", "Gestion des cookies");
    root.innerHTML = '<div id="tarteaucitronAlertBig" style="position:fixed;bottom:0;left:0;right:0;padding:1em;' +
      'background:#1d2b4f;color:#fff;z-index:1000">' +
      '<p id="tarteaucitronDisclaimerAlert">Avec votre accord, nous mesurons l’efficacité de nos campagnes de ' +
      'recrutement diffusées sur Facebook et Instagram (pixel Meta). Vous pouvez changer d’avis à tout moment.</p>' +
      '<button type="button" id="tarteaucitronPersonalize2" style="background:#fff;color:#1d2b4f">Tout accepter</button> ' +
      '<button type="button" id="tarteaucitronAllDenied2" style="background:#fff;color:#1d2b4f">Tout refuser</button></div>';
    document.body.appendChild(root);
    function choose(yes) {
      services.then(function (list) {
        remember(list, yes);
        root.remove();
        if (yes) run(list);
      });
    }
    document.getElementById("tarteaucitronPersonalize2").addEventListener("click", function () { choose(true); });
    document.getElementById("tarteaucitronAllDenied2").addEventListener("click", function () { choose(false); });
  }
  function start() {
    var choice = given();
    if (choice === null) return banner();
    services.then(function (list) {
      run(list.filter(function (s) { return choice.indexOf("!" + s.id + "=true") !== -1; }));
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
