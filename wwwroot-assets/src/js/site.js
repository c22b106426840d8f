// MusicSite page enhancements. Every page works without this file: links and forms are plain HTML.
// With it, htmx (loaded separately) swaps only <main> on navigation, and the player below keeps playing.
(function () {
  "use strict";

  var audio = function () { return document.getElementById("player-audio"); };

  function setNowPlaying(title, artist) {
    var label = document.getElementById("player-now");
    if (label) {
      label.textContent = title ? title + (artist ? " — " + artist : "") : "Nothing playing";
    }
    if ("mediaSession" in navigator && title) {
      navigator.mediaSession.metadata = new MediaMetadata({ title: title, artist: artist || "" });
    }
  }

  // The queue: what plays next. A play link in a track list queues the list from that track; "Play all"
  // queues a whole album. Entries are copied from the links, so the queue survives navigation.
  var queue = [], position = -1;

  function entry(link) {
    return { src: link.getAttribute("href"), title: link.dataset.title, artist: link.dataset.artist, gain: link.dataset.gain };
  }

  function playAt(index) {
    if (index < 0 || index >= queue.length) { return; }
    position = index;
    var item = queue[index];
    play(item.src, item.title, item.artist, item.gain, 0);
    updateButtons();
  }

  function updateButtons() {
    var prev = document.getElementById("player-prev"), next = document.getElementById("player-next");
    if (!prev || !next) { return; }
    prev.hidden = next.hidden = queue.length < 2;
    prev.disabled = position <= 0;
    next.disabled = position >= queue.length - 1;
  }

  // A play link points at the stream itself, so without JavaScript the browser plays the file directly.
  document.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0 || !event.target.closest) { return; }
    var all = event.target.closest("a[data-play-all]");
    var link = event.target.closest("a[data-play]");
    if (all) {
      event.preventDefault();
      var list = document.querySelector(all.dataset.playAll);
      queue = list ? Array.prototype.map.call(list.querySelectorAll("a[data-play]"), entry) : [];
      playAt(0);
    } else if (link && audio()) {
      event.preventDefault();
      var container = link.closest("ol.track-list");
      var links = container ? Array.prototype.slice.call(container.querySelectorAll("a[data-play]")) : [link];
      queue = links.map(entry);
      playAt(Math.max(0, links.indexOf(link)));
    } else if (event.target.closest("#player-next")) {
      playAt(position + 1);
    } else if (event.target.closest("#player-prev")) {
      var player = audio();
      player && player.currentTime > 3 ? (player.currentTime = 0) : playAt(position - 1);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var player = audio();
    if (!player) { return; }
    player.addEventListener("ended", function () { playAt(position + 1); });
    if ("mediaSession" in navigator) {
      navigator.mediaSession.setActionHandler("play", function () { player.play(); });
      navigator.mediaSession.setActionHandler("pause", function () { player.pause(); });
      navigator.mediaSession.setActionHandler("previoustrack", function () { playAt(position - 1); });
      navigator.mediaSession.setActionHandler("nexttrack", function () { playAt(position + 1); });
      navigator.mediaSession.setActionHandler("seekbackward", function () { player.currentTime = Math.max(0, player.currentTime - 10); });
      navigator.mediaSession.setActionHandler("seekforward", function () { player.currentTime += 10; });
    }
  });

  // Keyboard: space plays or pauses, arrows seek five seconds; never while typing in a field.
  document.addEventListener("keydown", function (event) {
    var player = audio();
    var typing = event.target.closest && event.target.closest("input, textarea, select, button, a, [contenteditable]");
    if (!player || !player.getAttribute("src") || typing || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === " ") {
      event.preventDefault();
      player.paused ? player.play() : player.pause();
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      player.currentTime = Math.min(player.duration || Infinity, player.currentTime + 5);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      player.currentTime = Math.max(0, player.currentTime - 5);
    }
  });

  function play(src, title, artist, gainDb, startAt) {
    var player = audio();
    if (player.getAttribute("src") !== src) {
      player.src = src;
      setNowPlaying(title, artist);
      // ReplayGain: bring every track to the same loudness. Volume cannot go above 1, so only turn down.
      var gain = parseFloat(gainDb);
      player.dataset.gain = isFinite(gain) ? String(Math.min(1, Math.pow(10, gain / 20))) : "1";
    }
    if (startAt > 0) {
      var seek = function () { player.currentTime = startAt; };
      player.readyState >= 1 ? seek() : player.addEventListener("loadedmetadata", seek, { once: true });
    }
    player.volume = parseFloat(player.dataset.gain || "1");
    document.getElementById("player").classList.add("is-active");
    player.play().catch(function () { /* autoplay refused: the controls are there to press */ });
  }

  // Uploads: the file goes first as a resumable tus upload with progress; a reload or a dropped connection
  // picks up where it stopped (tus-js-client remembers unfinished uploads). Then the form is posted with
  // the upload's id in place of the file.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload-form]") || !window.tus || form.dataset.sending) { return; }
    var input = form.querySelector("input[type=file][name=audio]");
    var file = input && input.files && input.files[0];
    if (!file || !tus.isSupported) { return; }
    event.preventDefault();
    var box = form.querySelector(".upload-progress"), bar = form.querySelector("#upload-progress"), text = form.querySelector("#upload-progress-text");
    box.hidden = false;
    form.querySelector("button[type=submit]").disabled = true;
    var upload = new tus.Upload(file, {
      endpoint: "/api/uploads",
      chunkSize: 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type },
      onProgress: function (sent, total) {
        var percent = Math.floor(sent / total * 100);
        bar.value = percent;
        text.textContent = percent + " % of " + (total / 1e6).toFixed(1) + " MB";
      },
      onError: function (error) {
        text.textContent = "The upload stopped: " + (error && error.message ? error.message : error) + ". Submit again to resume.";
        form.querySelector("button[type=submit]").disabled = false;
      },
      onSuccess: function () {
        text.textContent = "Uploaded. Saving the track…";
        form.querySelector("input[name=uploadId]").value = upload.url.split("/").pop();
        input.disabled = true; // the file is already on the server: do not send it again
        form.dataset.sending = "1";
        HTMLFormElement.prototype.submit.call(form);
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) { upload.resumeFromPreviousUpload(previous[0]); }
      upload.start();
    });
  }, true);

  // A play counts after 30 seconds of actual listening (seeking does not count), reported once per load.
  (function countPlays() {
    var listened = 0, last = null, reported = false;
    document.addEventListener("DOMContentLoaded", function () {
      var player = audio();
      if (!player) { return; }
      player.addEventListener("loadstart", function () { listened = 0; last = null; reported = false; });
      player.addEventListener("seeking", function () { last = null; });
      player.addEventListener("timeupdate", function () {
        if (player.paused || reported) { return; }
        var now = player.currentTime;
        if (last !== null && now > last && now - last < 2) { listened += now - last; }
        last = now;
        var match = /\/api\/music\/stream\/(\d+)/.exec(player.getAttribute("src") || "");
        if (listened >= 30 && match) {
          reported = true;
          fetch("/api/music/tracks/" + match[1] + "/plays", {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ seconds: Math.floor(listened) })
          });
        }
      });
    });
  })();

  function drawPeaks(canvas, wave, played) {
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, canvas.clientWidth * ratio);
    canvas.height = Math.max(1, canvas.clientHeight * ratio);
    var ctx = canvas.getContext("2d"), style = getComputedStyle(document.documentElement);
    var accent = style.getPropertyValue("--accent") || "#6b2fd6", muted = style.getPropertyValue("--muted") || "#888";
    var mid = canvas.height / 2, step = canvas.width / wave.length;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (var i = 0; i < wave.length; i++) {
      var lo = wave.data[2 * i] / 128, hi = wave.data[2 * i + 1] / 128;
      ctx.fillStyle = i / wave.length <= played ? accent : muted;
      ctx.fillRect(i * step, mid - hi * mid, Math.max(1, step), Math.max(1, (hi - lo) * mid));
    }
  }

  // The player's seek bar: the playing track's waveform, filled up to the current position.
  (function playerWaveform() {
    var wave = null, loadedFor = null;
    document.addEventListener("DOMContentLoaded", function () {
      var player = audio(), canvas = document.getElementById("player-wave");
      if (!player || !canvas) { return; }
      player.addEventListener("loadstart", function () {
        var match = /\/api\/music\/stream\/(\d+)/.exec(player.getAttribute("src") || "");
        if (!match || match[1] === loadedFor) { return; }
        loadedFor = match[1];
        wave = null;
        canvas.hidden = true;
        fetch("/api/music/tracks/" + match[1] + "/waveform").then(function (r) { return r.ok ? r.json() : null; }).then(function (w) {
          if (!w || loadedFor !== match[1]) { return; }
          wave = w;
          canvas.hidden = false;
          drawPeaks(canvas, wave, 0);
        });
      });
      player.addEventListener("timeupdate", function () {
        if (wave && isFinite(player.duration)) { drawPeaks(canvas, wave, player.currentTime / player.duration); }
      });
      canvas.addEventListener("click", function (event) {
        if (!isFinite(player.duration)) { return; }
        var fraction = (event.clientX - canvas.getBoundingClientRect().left) / canvas.clientWidth;
        player.currentTime = Math.max(0, Math.min(1, fraction)) * player.duration;
      });
    });
  })();

  // Waveforms: drawn from the stored peaks; a click plays the track from that point.
  function drawWaveforms(root) {
    root.querySelectorAll("[data-waveform]:not([data-drawn])").forEach(function (box) {
      box.setAttribute("data-drawn", "");
      fetch(box.dataset.waveform).then(function (r) { return r.ok ? r.json() : null; }).then(function (wave) {
        if (!wave) { return; }
        var canvas = document.createElement("canvas");
        box.appendChild(canvas);
        drawPeaks(canvas, wave, 1);
        box.addEventListener("click", function (event) {
          var fraction = (event.clientX - box.getBoundingClientRect().left) / box.clientWidth;
          var player = audio();
          var link = document.querySelector("a[data-play][href='" + box.dataset.trackSrc + "']");
          var duration = player.getAttribute("src") === box.dataset.trackSrc && isFinite(player.duration) ? player.duration : null;
          play(box.dataset.trackSrc, link && link.dataset.title, link && link.dataset.artist, link && link.dataset.gain,
            duration ? fraction * duration : 0);
          if (!duration) {
            player.addEventListener("loadedmetadata", function () { player.currentTime = fraction * player.duration; }, { once: true });
          }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawWaveforms(document); });
  document.addEventListener("htmx:afterSettle", function () { drawWaveforms(document); });

  // After each swap, move focus to the new main region so keyboard and screen-reader users land on it.
  document.addEventListener("htmx:afterSettle", function (event) {
    var main = document.getElementById("main");
    if (main && event.detail && event.detail.boosted) {
      main.setAttribute("tabindex", "-1");
      main.focus({ preventScroll: true });
    }
  });
})();
