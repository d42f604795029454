// Dossier pages: never show a stale page from the back/forward cache; print.
(function () {
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload();
  });

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
