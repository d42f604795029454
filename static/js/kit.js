// Kit and kiosk: copy the announcement; send the kiosk back to its start after the slip, and from
// its start screen when left with someone's choices on it (printing is queue.js's).
document.addEventListener("DOMContentLoaded", function () {
  var copy = document.querySelector("[data-copy]");
  var reset = document.querySelector("[data-reset-ms]");
  var idle = document.querySelector("[data-idle-ms]");
  if (copy) {
    copy.hidden = false;
    copy.onclick = function () {
      var text = document.getElementById(copy.dataset.copy);
      text.select();
      (navigator.clipboard ? navigator.clipboard.writeText(text.value) : Promise.reject())
        .catch(function () { document.execCommand("copy"); })
        .then(function () { document.querySelector("[data-copied]").hidden = false; });
    };
  }
  if (reset) setTimeout(function () { location.replace(reset.dataset.reset); }, +reset.dataset.resetMs);
  if (idle) {
    // A person who walks away leaves their language, large text or priority for the next one: after
    // a while without a touch the start screen starts again. Untouched and as new, it stays.
    var timer = null;
    var arm = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { location.replace(idle.dataset.reset); }, +idle.dataset.idleMs);
    };
    ["pointerdown", "keydown", "change"].forEach(function (name) { document.addEventListener(name, arm); });
    var root = document.documentElement;
    if (root.lang != "vi" || root.className) arm();
  }
});
