// Dossier pages: never show a stale page from the back/forward cache; print.
(function () {
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload();
  });

  // With JavaScript the button prints, so the hint for pages without it goes.
  var print = document.querySelector("[data-print]");
  var hint = document.querySelector("[data-print-hint]");
  if (hint) hint.hidden = true;
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
