/* Demo-world stand-in for fbevents.js (the Meta pixel): NOT Meta's code. The pixel's id is given by
   the script element that loads it (data-pixel). */
(function () {
  var pixel = (document.currentScript && document.currentScript.dataset.pixel) || "";
  var domain = "." + location.hostname.split(".").slice(-2).join(".");
  var now = Date.now();
  if (!/(?:^|; )_fbp=/.test(document.cookie)) {
    document.cookie = "_fbp=fb.1." + now + "." + Math.floor(Math.random() * 2147483647) + "; path=/; domain=" + domain +
      "; max-age=7776000; SameSite=Lax";
  }
  var hit = new Image();
  hit.src = "https://www.facebook.com/tr/?id=" + encodeURIComponent(pixel) + "&ev=PageView&dl=" +
    encodeURIComponent(location.href) + "&ts=" + now;
})();
