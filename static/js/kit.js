// Outreach kit: the print button, and copying the announcement to the clipboard.
document.addEventListener("DOMContentLoaded", function () {
  var print = document.querySelector("[data-print]");
  var copy = document.querySelector("[data-copy]");
  if (print) {
    print.hidden = false;
    print.onclick = function () { window.print(); };
  }
  if (copy) {
    var text = document.getElementById(copy.dataset.copy), done = document.querySelector("[data-copied]");
    copy.hidden = false;
    copy.onclick = function () {
      text.select();
      var shown = function () { if (done) done.hidden = false; };
      if (navigator.clipboard) navigator.clipboard.writeText(text.value).then(shown, function () { document.execCommand("copy"); shown(); });
      else { document.execCommand("copy"); shown(); }
    };
  }
});
