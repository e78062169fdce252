/* Demo-world stand-in for matomo.js, as served by the collectivité's own Matomo: NOT Matomo's code. */
(function () {
  var hashes = {"www.valderoche-agglo.test": "aa50"};
  var queue = window._paq || [];
  var tracker = null, site = null, cookies = true;
  function hit(action) {
    var suffix = "." + site + "." + (hashes[location.hostname] || "0000");
    var visitor = Math.random().toString(16).slice(2, 18);
    if (cookies) {
      var now = Math.floor(Date.now() / 1000);
      document.cookie = "_pk_id" + suffix + "=" + visitor + "." + now + "; path=/; max-age=33955200; SameSite=Lax";
      document.cookie = "_pk_ses" + suffix + "=1; path=/; max-age=1800; SameSite=Lax";
    }
    var img = new Image();
    img.src = tracker + "?idsite=" + encodeURIComponent(site) + "&rec=1&action_name=" + encodeURIComponent(action) +
      "&url=" + encodeURIComponent(location.href);
  }
  function run(args) {
    var name = args[0];
    if (name === "setTrackerUrl") tracker = args[1];
    else if (name === "setSiteId") site = args[1];
    else if (name === "disableCookies") cookies = false;
    else if (name === "trackPageView") hit(document.title);
  }
  var pending = [];
  for (var i = 0; i < queue.length; i++) {
    if (queue[i][0] === "trackPageView") pending.push(queue[i]); else run(queue[i]);
  }
  pending.forEach(run);
  window._paq = {push: run};
})();
