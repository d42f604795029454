// Web push on the ticket page and a dossier's receipt: subscribe this phone through /sw.js
// and hand the subscription to the server.
(function (d, w) {
  function key(text) {  // the VAPID public key, base64url -> bytes
    text = (text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(w.atob(text), function (c) { return c.charCodeAt(0); });
  }
  d.addEventListener("DOMContentLoaded", function () {
    var button = d.querySelector("[data-push]");
    if (!button || !("serviceWorker" in navigator) || !("PushManager" in w)) return;
    button.hidden = false;
    button.onclick = function () {
      button.disabled = true;
      navigator.serviceWorker.register("/sw.js").then(function () {
        return Notification.requestPermission();
      }).then(function (answer) {
        if (answer != "granted") throw answer;
        // A new registration's worker may still be installing: subscribe() on it fails with
        // "no active Service Worker". `ready` waits for an active one.
        return navigator.serviceWorker.ready;
      }).then(function (reg) {
        return reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: key(button.dataset.key)
        });
      }).then(function (subscription) {
        return fetch(button.dataset.url, {
          method: "POST", body: JSON.stringify(subscription),
          headers: { "Content-Type": "application/json", "X-CSRFToken": button.dataset.csrf }
        });
      }).then(function (response) {
        if (!response.ok) throw response.status;
        w.location.reload();
      }, function () {
        button.disabled = false;
        d.querySelector("[data-push-failed]").hidden = false;
      });
    };
  });
})(document, window);
