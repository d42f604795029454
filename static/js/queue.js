// Queue pages: the resident's alert when called; printing the ticket slip. htmx does the polling;
// this only reacts. (The lost-connection mark: app.js; the board's voice and clock: board_voice.js.)
(function () {
  "use strict";

  var audio = null; // created on the first tap: browsers refuse sound before one
  var last = {}; // what the ticket showed before the latest swap

  function find(selector) {
    return document.querySelector(selector);
  }

  // Two short descending tones, like a bell.
  function chime() {
    try {
      audio = audio || new AudioContext();
    } catch (error) {
      return;
    }
    [880, 660].forEach(function (pitch, index) {
      var tone = audio.createOscillator();
      var volume = audio.createGain();
      var start = audio.currentTime + index / 2;
      tone.frequency.value = pitch;
      volume.gain.setValueAtTime(0.3, start);
      volume.gain.exponentialRampToValueAtTime(0.001, start + 0.9);
      tone.connect(volume);
      volume.connect(audio.destination);
      tone.start(start);
      tone.stop(start + 0.9);
    });
  }

  // After each swap: did the resident's number just get called?
  function react() {
    var ticket = find("#ticket");
    if (ticket) {
      var state = ticket.dataset.state;
      if (last.ticket && state !== last.ticket && state === "called") {
        if (navigator.vibrate) navigator.vibrate([400, 200, 400]);
        chime();
      }
      last.ticket = state;
    }
  }

  document.addEventListener("htmx:afterSwap", react);

  document.addEventListener("DOMContentLoaded", function () {
    var printButton = find("[data-print]");
    react();
    if (printButton) {
      printButton.hidden = false;
      printButton.addEventListener("click", function () {
        window.print();
      });
    }
    if (find("[data-autoprint]")) window.print();
  });
})();
