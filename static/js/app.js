// Our few lines beside htmx: pause polling in hidden tabs, refresh when the tab comes back, and show
// a page's lost-connection mark ([data-offline]) while its polls fail.
(function () {
  function showOffline(lost) {
    var mark = document.querySelector("[data-offline]");
    if (mark) mark.hidden = !lost;
  }
  document.addEventListener("htmx:sendError", function () { showOffline(true); });
  document.addEventListener("htmx:responseError", function () { showOffline(true); });
  document.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful) showOffline(false);
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (document.hidden && e.detail.elt.hasAttribute("data-poll")) e.preventDefault();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.hidden || !window.htmx) return;
    document.querySelectorAll("[data-poll]").forEach(function (el) { htmx.trigger(el, "refresh"); });
  });
  // A swapped-in step that names where to continue (the times of a day just tapped) gets the focus.
  document.addEventListener("htmx:afterSettle", function () {
    var next = document.querySelector("[data-focus-after-swap]");
    if (next) next.focus({ preventScroll: true });
  });
})();
