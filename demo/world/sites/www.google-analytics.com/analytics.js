/* Demo-world stand-in for analytics.js (Universal Analytics): NOT Google's code. */
(function () {
  var name = window.GoogleAnalyticsObject || "ga";
  var queue = (window[name] && window[name].q) || [];
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Math.floor(Date.now() / 1000);
  var client = (Math.floor(Math.random() * 2147483647) + 1) + "." + now;
  function put(cookie, value, seconds) {
    document.cookie = cookie + "=" + value + "; path=/; domain=" + domain + "; max-age=" + seconds;
  }
  var property = null;
  function run(args) {
    if (args[0] === "create") {
      property = args[1];
      put("_ga", "GA1.2." + client, 63072000);
      put("_gid", "GA1.2." + (Math.floor(Math.random() * 2147483647) + 1) + "." + now, 86400);
      put("_gat", "1", 60);
    } else if (args[0] === "send" && property) {
      var hit = new Image();
      hit.src = "https://www.google-analytics.com/collect?v=1&t=" + encodeURIComponent(args[1]) + "&tid=" +
        encodeURIComponent(property) + "&cid=" + client + "&dl=" + encodeURIComponent(location.href);
    }
  }
  for (var i = 0; i < queue.length; i++) run(queue[i]);
  window[name] = function () { run(arguments); };
})();
