// Kiosk: print the slip at once (Chromium --kiosk-printing prints without a dialog), then reset.
document.addEventListener("DOMContentLoaded", function () {
  var slip = document.querySelector("[data-autoprint]");
  if (!slip) return;
  window.print();
  setTimeout(function () { window.location.replace(slip.dataset.reset); }, Number(slip.dataset.resetMs) || 20000);
});
