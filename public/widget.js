/*
 * FieldKey booking widget loader. Paste on your site where the widget should appear:
 *   <script src="https://YOUR-FIELDKEY/widget.js" async></script>
 * It inserts an iframe of YOUR-FIELDKEY/widget after this tag and keeps it as tall as its content.
 * Your site must be listed under Admin › Booking widget, or the browser refuses to show the frame.
 */
(function () {
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var frame = document.createElement("iframe");
  frame.src = origin + "/widget";
  frame.title = script.getAttribute("data-title") || "Book a visit";
  frame.setAttribute("loading", "lazy");
  frame.style.cssText = "display:block;width:100%;max-width:480px;height:240px;border:0;color-scheme:normal";
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (d && d.type === "fieldkey:resize" && typeof d.height === "number") {
      frame.style.height = Math.min(Math.max(Math.round(d.height), 80), 4000) + "px";
    }
  });
})();
