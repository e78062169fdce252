/* Demo-world stand-in for gtm.js (Google Tag Manager): NOT Google's code. Each container injects
   the scripts of its tags, which the page's HTML never names. */
(function () {
  var containers = {"GTM-K7HG2PX": ["https://static.hotjar.com/c/hotjar-3612874.js?sv=6"]};
  var id = new URL(document.currentScript.src).searchParams.get("id") || "";
  (containers[id] || []).forEach(function (src) {
    var tag = document.createElement("script");
    tag.async = true;
    tag.src = src;
    document.head.appendChild(tag);
  });
  (window.dataLayer = window.dataLayer || []).push({event: "gtm.load"});
})();
