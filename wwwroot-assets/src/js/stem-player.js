// The stem player of a track page (TrackStems.razor; loaded by site.js through data-script). Each stem stays a
// streamed <audio> element (whole stems decoded into Web Audio buffers would cost ~21 MB per stereo minute each);
// every element is routed through a MediaElementAudioSourceNode into its own GainNode, which mute, solo and the level
// set. One transport starts all stems in the same task once each can play, and the AudioContext's clock is the
// master: several times a second each stem's position is compared with it, a small drift is nudged away through
// playbackRate and a large one is seeked (docs/decisions/0021-stem-player-sync.md). A stem that stalls pauses them all
// until every stem can play again. Each channel keeps data-gain equal to its GainNode's gain, and the section keeps
// data-state (paused, loading, playing), for people and tests reading the page.
(function () {
  "use strict";

  var CHECK_EVERY_MS = 200;
  var NUDGE_ABOVE = 0.02;    // seconds of drift before playbackRate is nudged
  var SETTLED_BELOW = 0.005; // a nudged stem returns to normal speed within this
  var SEEK_ABOVE = 0.25;     // seconds of drift that a nudge would take too long to remove
  var MAX_NUDGE = 0.05;      // playbackRate stays within 1 ± this
  var players = [];

  function clock(seconds) {
    if (!isFinite(seconds) || seconds < 0) { seconds = 0; }
    var s = Math.floor(seconds);
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  function median(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  }

  function enhance(root) {
    root.setAttribute("data-enhanced", "");
    var toggle = root.querySelector("[data-stem-toggle]"), seek = root.querySelector("[data-stem-seek]");
    var elapsed = root.querySelector("[data-stem-elapsed]"), total = root.querySelector("[data-stem-total]");
    var status = root.querySelector("[data-stem-status]");
    var channels = Array.prototype.map.call(root.querySelectorAll("[data-stem-channel]"), function (li) {
      var audio = li.querySelector("audio[data-stem-audio]");
      return audio && {
        li: li, audio: audio, node: null, muted: false, soloed: false, volume: 1,
        mute: li.querySelector("[data-stem-mute]"), solo: li.querySelector("[data-stem-solo]"), level: li.querySelector("[data-stem-level]"),
      };
    }).filter(Boolean);
    if (!channels.length || !toggle) { return; }

    var context = null, playing = false, starting = false, timer = null;
    var offset = 0, anchor = 0; // the master position is offset + (context time - anchor) while playing
    var player = { root: root, pause: pause, close: close };
    players.push(player);

    // ---- The mix: solo wins over mute; the level scales what is heard.
    function gainOf(channel) {
      var soloing = channels.some(function (c) { return c.soloed; });
      return (soloing ? channel.soloed : !channel.muted) ? channel.volume : 0;
    }

    function applyGains() {
      channels.forEach(function (c) {
        var value = gainOf(c);
        if (c.node) {
          c.node.gain.value = value;
          value = c.node.gain.value;
        } else if (!window.AudioContext) {
          c.audio.volume = value;
        }
        c.li.setAttribute("data-gain", String(value));
        c.mute.setAttribute("aria-pressed", String(c.muted));
        c.solo.setAttribute("aria-pressed", String(c.soloed));
        c.level.setAttribute("aria-valuetext", Math.round(c.volume * 100) + " %");
      });
    }

    function graph() {
      if (context || !window.AudioContext) { return context; }
      context = new AudioContext();
      channels.forEach(function (c) {
        c.node = context.createGain();
        context.createMediaElementSource(c.audio).connect(c.node);
        c.node.connect(context.destination);
      });
      applyGains();
      return context;
    }

    // ---- The master clock
    function now() { return context ? context.currentTime : performance.now() / 1000; }

    function position() { return playing ? offset + (now() - anchor) : offset; }

    function longest() {
      var known = channels.map(function (c) { return c.audio.duration; }).filter(isFinite);
      return known.length ? Math.max.apply(null, known) : Number(seek.max) || 0;
    }

    // A stem shorter than the position has nothing left to play: it waits silent, at its end.
    function hasMore(channel, at) { return !isFinite(channel.audio.duration) || at < channel.audio.duration - 0.05; }

    function canPlay(channel) { return !channel.audio.seeking && (channel.audio.readyState >= 3 || !hasMore(channel, offset)); }

    // ---- Transport
    function start() {
      if (playing || starting) { return; }
      starting = true;
      markState("Loading the stems…");
      var main = document.getElementById("player-audio");
      if (main && !main.paused) { main.pause(); }
      // Created and resumed while the click that started it is being handled, as browsers require.
      if (graph()) { context.resume(); }
      channels.forEach(function (c) {
        c.audio.preload = "auto";
        if (c.audio.readyState === 0) { c.audio.load(); }
        c.audio.playbackRate = 1;
        c.audio.currentTime = Math.min(offset, isFinite(c.audio.duration) ? c.audio.duration : offset);
      });
      whenAllCanPlay(function () {
        if (!starting) { return; }
        (context ? context.resume() : Promise.resolve()).then(function () {
          if (!starting) { return; }
          // The same task starts every stem that has audio left at this point.
          var starts = channels.filter(function (c) { return hasMore(c, offset); }).map(function (c) { return c.audio.play(); });
          return Promise.all(starts).then(function () {
            if (!starting) { return; }
            starting = false;
            playing = true;
            // The master starts where the stems are now (the middle one: a late starter is the one to correct).
            offset = median(channels.filter(function (c) { return !c.audio.paused; }).map(function (c) { return c.audio.currentTime; }));
            anchor = now();
            timer = setInterval(keepInStep, CHECK_EVERY_MS);
            markState("");
          });
        }).catch(function () {
          pause();
          markState("The stems could not be played.");
        });
      });
    }

    function whenAllCanPlay(callback) {
      var check = function () {
        if (!starting) { return; }
        if (channels.every(canPlay)) {
          channels.forEach(function (c) { c.audio.removeEventListener("canplay", check); c.audio.removeEventListener("seeked", check); });
          callback();
        }
      };
      channels.forEach(function (c) { c.audio.addEventListener("canplay", check); c.audio.addEventListener("seeked", check); });
      check();
    }

    function pause() {
      if (playing) { offset = position(); }
      playing = false;
      starting = false;
      clearInterval(timer);
      channels.forEach(function (c) { c.audio.pause(); c.audio.playbackRate = 1; });
      markState("");
    }

    function moveTo(seconds) {
      var wasPlaying = playing || starting;
      pause();
      offset = Math.max(0, Math.min(seconds, longest()));
      channels.forEach(function (c) { c.audio.currentTime = Math.min(offset, isFinite(c.audio.duration) ? c.audio.duration : offset); });
      progress();
      if (wasPlaying) { start(); }
    }

    function finish() {
      pause();
      moveTo(0);
    }

    // A stem that runs out of data stops them all; they start again together once every stem can play.
    function onWaiting() {
      if (!playing) { return; }
      pause();
      start();
    }

    // ---- Keeping in step with the master
    function keepInStep() {
      var master = position();
      if (master >= longest()) { finish(); return; }
      channels.forEach(function (c) {
        var audio = c.audio;
        if (audio.seeking || audio.ended || !hasMore(c, master)) { return; }
        if (audio.paused) { audio.currentTime = master; audio.play().catch(function () {}); return; }
        var drift = audio.currentTime - master, size = Math.abs(drift);
        if (size > SEEK_ABOVE) {
          audio.playbackRate = 1;
          audio.currentTime = master;
        } else if (size > NUDGE_ABOVE || (audio.playbackRate !== 1 && size > SETTLED_BELOW)) {
          // Ahead plays slower, behind plays faster, in proportion: the gap closes within about a second.
          audio.playbackRate = 1 - Math.max(-MAX_NUDGE, Math.min(MAX_NUDGE, drift));
        } else if (audio.playbackRate !== 1) {
          audio.playbackRate = 1;
        }
      });
      progress();
    }

    // ---- What the section shows
    function progress() {
      var at = position(), end = longest();
      elapsed.textContent = clock(at);
      total.textContent = clock(end);
      seek.max = String(end);
      seek.value = String(at);
      seek.setAttribute("aria-valuetext", clock(at) + " of " + clock(end));
    }

    function markState(message) {
      var state = playing ? "playing" : starting ? "loading" : "paused";
      root.setAttribute("data-state", state);
      root.classList.toggle("is-playing", state !== "paused");
      status.textContent = message;
      progress();
    }

    function close() {
      pause();
      if (context) { context.close(); context = null; }
    }

    channels.forEach(function (c) {
      c.audio.controls = false;
      c.audio.hidden = true;
      c.audio.addEventListener("waiting", onWaiting);
      c.audio.addEventListener("durationchange", progress);
      c.li.querySelector("[data-stem-mix]").hidden = false;
      c.mute.addEventListener("click", function () { c.muted = !c.muted; applyGains(); });
      c.solo.addEventListener("click", function () { c.soloed = !c.soloed; applyGains(); });
      c.level.addEventListener("input", function () { c.volume = Number(c.level.value) / 100; applyGains(); });
    });
    toggle.addEventListener("click", function () { playing || starting ? pause() : start(); });
    seek.addEventListener("input", function () { moveTo(Number(seek.value)); });
    root.querySelector("[data-stem-transport]").hidden = false;
    root.querySelector("[data-stem-hint]").hidden = false;
    applyGains();
    markState("");
  }

  function enhanceAll() {
    // A section that left the page (htmx swapped <main>) stops and lets its audio graph go.
    players = players.filter(function (p) {
      if (document.contains(p.root)) { return true; }
      p.close();
      return false;
    });
    document.querySelectorAll("[data-stem-player]:not([data-enhanced])").forEach(enhance);
  }

  // The site's player and the stems never play over each other: the main player starting pauses the stems.
  var main = document.getElementById("player-audio");
  if (main) {
    main.addEventListener("play", function () { players.forEach(function (p) { p.pause(); }); });
  }
  enhanceAll();
  document.addEventListener("htmx:afterSettle", enhanceAll);
})();
