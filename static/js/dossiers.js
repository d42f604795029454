// Shared PC: end an idle hand-over, never show a stale page from the back/forward cache; print.
(function () {
  var end = document.querySelector("form[data-idle-end]");
  var timer;

  function restartIdleTimer() {
    clearTimeout(timer);
    timer = setTimeout(function () { end.submit(); }, end.dataset.idleEnd * 1000);
  }

  if (end) {
    ["keydown", "pointerdown", "input", "scroll"].forEach(function (name) {
      document.addEventListener(name, restartIdleTimer, true);
    });
    restartIdleTimer();
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) location.reload();
  });

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
