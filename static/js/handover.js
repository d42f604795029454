// Shared PC, while a volunteer helps a resident: end the help by itself after a few idle minutes.
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
})();
