// Atlas embed helper for partner pages. Include it once (or paste its body) in a page
// that embeds the Atlas with <iframe data-atlas-embed src=".../?embed=1&...">.
//
// Protocol: the embedded Atlas posts {type: "atlas:height", height: <CSS pixels>} to its
// parent whenever its content height changes. This script sets the height of the iframe
// that sent the message (matched by its window, so no other frame can resize it), clamped
// to 200–20000 px. The Atlas accepts no messages from the parent.
(function () {
  addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== "atlas:height" || typeof d.height !== "number" || !isFinite(d.height)) return;
    document.querySelectorAll("iframe[data-atlas-embed]").forEach(function (f) {
      if (f.contentWindow === e.source) f.style.height = Math.max(200, Math.min(d.height, 20000)) + "px";
    });
  });
})();
