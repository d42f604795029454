// Board voice: a call is read from clips ("Mời số", letter, digits, "đến quầy", digits); browser speech
// only if a clip fails. Sound is remembered per screen; the clock shows server time (UTC+7).
(function (document, window) {
  var data = document.currentScript.dataset;
  var clips = {};
  var soundOn = false;
  var lastCall = null;
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
    if (voice) synth.speak(Object.assign(new SpeechSynthesisUtterance(text), { voice: voice, lang: voice.lang }));
  }

  function watch(playing, text) {
    if (!playing) return;
    playing.then(
      function () { showBlocked(false); },
      function (error) {
        if (error.name == "NotAllowedError") showBlocked(true);
        else if (text) speak(text);
      }
    );
  }

  function play(names, text) {
    var audio = clip(names.shift());
    audio.onended = function () { if (names.length) play(names, text); };
    audio.onerror = function () { speak(text); };
    watch(audio.play(), text);
  }

  // A new call or recall is announced; the one already on screen when the page loads is not.
  function check() {
    var board = find("#board");
    var call = board && board.dataset.call;
    if (call && lastCall !== null && call != lastCall && soundOn) {
      var label = board.dataset.label.toLowerCase().split("");
      var desk = board.dataset.desk.split("");
      play(["moi-so"].concat(label, "den-quay", desk), board.dataset.say);
    }
    lastCall = call || "";
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
