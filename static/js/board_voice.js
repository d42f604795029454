// Board voice: a call is read from clips ("Mời số", letter, digits, "đến quầy", digits); browser speech
// only if a clip fails. Sound is remembered per screen; the clock shows server time (UTC+7).
(function (document, window) {
  var data = document.currentScript.dataset;
  var clips = {};
  var soundOn = false;
  var heard = null; // the calls ("ticket-count") on screen before this swap
  var waiting = []; // calls to read out, oldest first
  var reading = false;
  var clockSkew = null;
  var STORAGE_KEY = "tdp-board-sound";
  var VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

  function find(selector) {
    return document.querySelector(selector);
  }

  try {
    soundOn = localStorage[STORAGE_KEY] == "1";
  } catch (e) {}

  function clip(name) {
    if (!clips[name]) clips[name] = new Audio(data.clips + name + ".mp3?v=" + data.v);
    return clips[name];
  }

  // The browser refused to play without a tap: show the warning and the button again.
  function showBlocked(isBlocked) {
    find("[data-sound-blocked]").hidden = !isBlocked;
    if (isBlocked) find("[data-sound]").hidden = false;
  }

  function speak(text) {
    var synth = window.speechSynthesis;
    var voice = synth && synth.getVoices().filter(function (v) { return v.lang.indexOf("vi") === 0; })[0];
    if (!voice) return;
    synth.speak(Object.assign(new SpeechSynthesisUtterance(text), { voice: voice, lang: voice.lang }));
  }

  function watch(playing, failed) {
    if (!playing) return;
    playing.then(
      function () { showBlocked(false); },
      function (error) {
        var blocked = error.name == "NotAllowedError";
        if (blocked) showBlocked(true);
        if (failed) failed(blocked);
      }
    );
  }

  // Calls are read one after another; a clip that fails ends its call, spoken instead.
  function readNext() {
    var call = waiting.shift();
    reading = Boolean(call);
    if (!call) return;
    function next(failed, blocked) {
      if (call.over) return;
      if (failed && !blocked) speak(call.say);
      if (failed || !call.clips.length) {
        call.over = true;
        return readNext();
      }
      var audio = clip(call.clips.shift());
      audio.onended = function () { next(); };
      audio.onerror = function () { next(true); };
      watch(audio.play(), function (blocked) { next(true, blocked); });
    }
    next();
  }

  // Every call or recall new in the board's list, oldest first; not those there when the page loads.
  function check() {
    var items = [].slice.call(document.querySelectorAll("#board [data-call]")).reverse();
    items.forEach(function (item) {
      var call = item.dataset;
      if (heard && !heard[call.call] && soundOn) {
        var label = call.label.toLowerCase().split("");
        waiting.push({ clips: ["moi-so"].concat(label, "den-quay", call.desk.split("")), say: call.say });
      }
    });
    heard = {}; // the list as it stands: a recall comes back with a new count
    items.forEach(function (item) { heard[item.dataset.call] = true; });
    if (!reading) readNext();
  }

  document.addEventListener("htmx:afterSwap", check);

  document.addEventListener("htmx:afterRequest", function (event) {
    var serverTime = Date.parse(event.detail.xhr.getResponseHeader("Date"));
    if (serverTime) clockSkew = serverTime - Date.now();
  });

  document.addEventListener("DOMContentLoaded", function () {
    var button = find("[data-sound]");
    check();
    button.hidden = soundOn;
    button.onclick = function () {
      soundOn = true;
      showBlocked(false);
      button.hidden = true;
      try {
        localStorage[STORAGE_KEY] = "1";
      } catch (e) {}
    };
    setInterval(function () {
      if (clockSkew === null) return;
      var vietnam = new Date(Date.now() + clockSkew + VIETNAM_OFFSET_MS);
      find("[data-clock]").textContent = vietnam.toISOString().slice(11, 16);
    }, 1000);
  });

  // After first paint: fetch every clip, and try a silent one to learn whether sound is allowed.
  window.addEventListener("load", function () {
    "abcdefghijklmnopqrstuvwxyz0123456789".split("").concat("moi-so", "den-quay").forEach(clip);
    if (soundOn) {
      var probe = new Audio(clip("den-quay").src);
      probe.volume = 0;
      watch(probe.play());
      probe.onplaying = function () { probe.pause(); };
    }
  });
})(document, window);
