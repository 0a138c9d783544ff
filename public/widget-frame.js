/* FieldKey booking widget, inside the iframe: tell the embedding page how tall the content is. */
(function () {
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var h = Math.ceil(document.documentElement.scrollHeight);
    if (h !== last) {
      last = h;
      window.parent.postMessage({ type: "fieldkey:resize", height: h }, "*");
    }
  }
  window.addEventListener("load", send);
  if ("ResizeObserver" in window) new ResizeObserver(send).observe(document.body);
  send();
})();
