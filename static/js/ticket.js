// The ticket page's lost-connection mark says how old the card is: the time since the last poll
// that got an answer, kept up to date while polls fail. (queue.js shows and hides the mark.)
(function () {
  "use strict";

  var heard = Date.now(); // the page itself was the last answer
  var timer = null;

  function showAge() {
    var age = document.querySelector("[data-offline-age]");
    if (!age) return;
    var minutes = Math.floor((Date.now() - heard) / 60000);
    var text = minutes < 1 ? age.dataset.recent : minutes === 1 ? age.dataset.one : age.dataset.many;
    age.textContent = text.replace("{n}", minutes);
  }

  function lost() {
    showAge();
    if (!timer) timer = setInterval(showAge, 15000);
  }

  document.addEventListener("htmx:sendError", lost);
  document.addEventListener("htmx:responseError", lost);
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) return;
    heard = Date.now();
    clearInterval(timer);
    timer = null;
  });
})();
