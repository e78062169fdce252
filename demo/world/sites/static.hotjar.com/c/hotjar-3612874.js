/* Demo-world stand-in for Hotjar's tracking code: NOT Hotjar's code. */
(function () {
  var site = (document.currentScript.src.match(/hotjar-(\d+)\.js/) || [])[1] || "0";
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Date.now();
  var user = JSON.stringify({id: Math.random().toString(16).slice(2), created: now, existing: false});
  document.cookie = "_hjSessionUser_" + site + "=" + btoa(user) + "; path=/; domain=" + domain + "; max-age=31536000";
  document.cookie = "_hjSession_" + site + "=" + btoa(JSON.stringify({c: now})) + "; path=/; domain=" + domain +
    "; max-age=1800";
  try {
    localStorage.setItem("hjActiveViewportIds", JSON.stringify([{id: "v1", expirationTimestamp: now + 1800000}]));
    sessionStorage.setItem("hjViewportId", "v1");
  } catch (e) { /* storage refused: nothing kept */ }
  function feedback() {  /* the « Feedback » tab of the survey widget: its icon has no text alternative */
    var tab = document.createElement("div");
    tab.id = "_hj_feedback_container";
    tab.innerHTML = '<button type="button" class="_hj-feedback-tab" style="position:fixed;right:0;top:40%;' +
      'background:#c8102e;color:#fff;border:0;padding:8px">' +
      '<img src="https://static.hotjar.com/static/client/feedback-icon.svg" width="16" height="16"> Votre avis</button>';
    document.body.appendChild(tab);
  }
  if (document.body) feedback(); else document.addEventListener("DOMContentLoaded", feedback);
})();
