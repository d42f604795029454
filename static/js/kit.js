// Kit and kiosk: copy the announcement; send the kiosk back to its start (printing is queue.js's).
document.addEventListener("DOMContentLoaded", function () {
  var copy = document.querySelector("[data-copy]"), reset = document.querySelector("[data-reset-ms]");
  if (copy) copy.hidden = false, copy.onclick = function () {
    var text = document.getElementById(copy.dataset.copy);
    text.select();
    (navigator.clipboard ? navigator.clipboard.writeText(text.value) : Promise.reject())
      .catch(function () { document.execCommand("copy"); })
      .then(function () { document.querySelector("[data-copied]").hidden = false; });
  };
  if (reset) setTimeout(function () { location.replace(reset.dataset.reset); }, +reset.dataset.resetMs);
});
