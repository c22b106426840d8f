// The player: one <audio> outside <main> (htmx never swaps it), a queue kept in localStorage so it survives a reload,
// the bar (PlayerBar.razor), the phone's full-screen view and the waveforms. Without this file play links open the
// stream itself. A play link (PlayLink.razor) carries what the player shows, and data-count-after: the listening after
// which the server counts a play (PlayCounter.ThresholdSeconds; this file never computes it). A stem's link
// (StemPlayLink.razor) has no data-count-after, so playing a stem counts nothing.
(function () {
  "use strict";

  var STATE_KEY = "musicsite.player", VOLUME_KEY = "musicsite.volume";
  var el = {}, queue = [], position = -1, volume = { level: 1, muted: false };
  var wave = null, waveFor = null, listened = 0, lastTime = null, reported = false, savedAt = 0;

  function current() { return queue[position] || null; }

  function entryOf(link) {
    var d = link.dataset;
    return { id: d.trackId, src: link.getAttribute("href"), title: d.title || "", artist: d.artist || "",
      artistHref: d.artistHref || "", page: d.page || "", cover: d.cover || "", gain: d.gain || "", after: parseFloat(d.countAfter),
      wave: d.wave || "" };
  }

  function clock(seconds) {
    if (!isFinite(seconds) || seconds < 0) { seconds = 0; }
    var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, rest = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + rest : m + ":" + rest;
  }

  // ---- Storage: the queue, where in it, and the volume. A browser that refuses storage just forgets.
  function read(key) { try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; } }
  function write(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage off or full */ } }
  function save(time) {
    savedAt = Date.now();
    write(STATE_KEY, { queue: queue, position: position, time: time || el.audio.currentTime || 0 });
  }

  // ---- Playing
  // A track's stream in the signed-in user's default quality (<body data-stream-quality>, from their settings); the
  // server sends the nearest variant that exists. Without the setting the server's default applies.
  function streamUrl(src) {
    var quality = document.body.dataset.streamQuality;
    if (!quality || src.indexOf("/api/music/stream/") !== 0 || /[?&]quality=/.test(src)) { return src; }
    return src + (src.indexOf("?") < 0 ? "?" : "&") + "quality=" + encodeURIComponent(quality);
  }

  function load(index, startAt, autoplay) {
    if (index < 0 || index >= queue.length) { return; }
    position = index;
    var item = queue[index], audio = el.audio, src = streamUrl(item.src);
    if (audio.getAttribute("src") !== src) {
      audio.preload = "metadata";
      audio.src = src;
      listened = 0; lastTime = null; reported = false;
      loadWave(item);
      showTrack(item);
    }
    if (startAt > 0) {
      var seek = function () { audio.currentTime = startAt; };
      audio.readyState >= 1 ? seek() : audio.addEventListener("loadedmetadata", seek, { once: true });
    }
    applyVolume();
    el.player.hidden = false;
    renderQueue();
    markPlaying();
    save(startAt);
    if (autoplay) { audio.play().catch(function () { /* autoplay refused: the play button is there */ }); }
  }

  function toggle() {
    if (!current()) { return; }
    el.audio.paused ? el.audio.play().catch(function () {}) : el.audio.pause();
  }

  function step(delta) {
    if (delta < 0 && el.audio.currentTime > 3) { el.audio.currentTime = 0; return; }
    load(position + delta, 0, true);
  }

  // ReplayGain brings tracks to one loudness; volume cannot go above 1, so it only turns loud tracks down.
  function applyVolume() {
    var item = current(), gain = item ? parseFloat(item.gain) : NaN;
    el.audio.volume = volume.level * (isFinite(gain) ? Math.min(1, Math.pow(10, gain / 20)) : 1);
    el.audio.muted = volume.muted;
    el.volume.value = String(Math.round(volume.level * 100));
    el.volume.setAttribute("aria-valuetext", Math.round(volume.level * 100) + " %");
    el.mute.setAttribute("aria-pressed", String(volume.muted));
    el.player.classList.toggle("is-muted", volume.muted);
  }

  // ---- What the bar shows
  function linkOrText(text, href, className) {
    var node = document.createElement(href ? "a" : "span");
    node.className = className;
    node.textContent = text;
    if (href) {
      node.href = href;
      if (window.htmx) { htmx.process(node); } // boosted: navigating keeps the music playing
    }
    return node;
  }

  function showTrack(item) {
    el.meta.replaceChildren(linkOrText(item.title, item.page, "player-title"), linkOrText(item.artist, item.artistHref, "player-artist"));
    el.peekTitle.textContent = item.title;
    el.peekArtist.textContent = item.artist;
    // The name starts with the words the button shows (title, artist), so speech users can say what they see.
    el.expand.setAttribute("aria-label", item.title + ", " + item.artist + ": open the player");
    [el.cover, el.art].forEach(function (img) {
      img.hidden = !item.cover;
      if (item.cover) { img.src = item.cover; }
    });
    if ("mediaSession" in navigator) {
      navigator.mediaSession.metadata = new MediaMetadata({ title: item.title, artist: item.artist,
        artwork: item.cover ? [{ src: item.cover }] : [] });
    }
  }

  function progress() {
    var audio = el.audio, duration = isFinite(audio.duration) ? audio.duration : 0, now = audio.currentTime || 0;
    el.elapsed.textContent = clock(now);
    el.total.textContent = clock(duration);
    el.seek.max = String(Math.floor(duration));
    el.seek.value = String(Math.floor(now));
    el.seek.setAttribute("aria-valuetext", clock(now) + " of " + clock(duration));
    el.player.style.setProperty("--progress", duration ? String(now / duration) : "0");
    drawPeaks(el.wave, wave, duration ? now / duration : 0);
  }

  function markPlaying() {
    var item = current(), playing = !!item && !el.audio.paused;
    el.player.classList.toggle("is-playing", playing);
    el.toggle.setAttribute("aria-label", playing ? "Pause" : "Play");
    el.prev.disabled = !item; // at the first track it starts the track again
    el.next.disabled = position >= queue.length - 1;
    document.querySelectorAll("a[data-play][data-track-id]").forEach(function (link) {
      var mine = !!item && link.dataset.trackId === item.id, label = link.getAttribute("aria-label");
      link.classList.toggle("is-playing", mine && playing);
      if (label) { link.setAttribute("aria-label", label.replace(/^(Play|Pause) /, mine && playing ? "Pause " : "Play ")); }
      var row = link.closest("[data-track-id]:not(a)");
      if (row) { row.classList.toggle("is-current", mine); }
    });
  }

  // ---- Play counting: after the listening the server asked for (seeking does not count), once per load.
  function count() {
    var audio = el.audio, item = current(), now = audio.currentTime;
    if (audio.paused || reported || !item) { return; }
    if (lastTime !== null && now > lastTime && now - lastTime < 2) { listened += now - lastTime; }
    lastTime = now;
    if (listened >= item.after) {
      reported = true;
      fetch("/api/music/tracks/" + item.id + "/plays", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ seconds: listened }) });
    }
  }

  // ---- The queue view: open, play an entry, move it up or down, remove it, clear the rest.
  function renderQueue() {
    var list = el.queueList, template = el.queueTemplate;
    list.replaceChildren();
    queue.forEach(function (item, index) {
      var row = template.content.firstElementChild.cloneNode(true);
      row.classList.toggle("is-current", index === position);
      var play = row.querySelector("[data-queue=play]");
      play.querySelector(".queue-title").textContent = item.title;
      play.querySelector(".queue-artist").textContent = item.artist;
      if (index === position) { play.setAttribute("aria-current", "true"); }
      row.querySelectorAll("button").forEach(function (button) {
        button.dataset.index = String(index);
        var label = button.dataset.label;
        if (label) { button.setAttribute("aria-label", label.replace("{title}", item.title)); }
      });
      row.querySelector("[data-queue=up]").disabled = index === 0;
      row.querySelector("[data-queue=down]").disabled = index === queue.length - 1;
      row.querySelector("[data-queue=remove]").hidden = index === position;
      list.appendChild(row);
    });
    el.queueClear.disabled = queue.length < 2;
  }

  function onQueueClick(event) {
    var button = event.target.closest("button[data-queue]");
    if (!button) { return; }
    var index = parseInt(button.dataset.index, 10), action = button.dataset.queue;
    if (action === "play") { load(index, 0, true); return; }
    if (action === "remove") {
      queue.splice(index, 1);
      if (index < position) { position--; }
    } else {
      var to = index + (action === "up" ? -1 : 1), moved = queue.splice(index, 1)[0];
      queue.splice(to, 0, moved);
      position = position === index ? to : position === to ? index : position;
      index = to;
    }
    renderQueue();
    markPlaying();
    save();
    // Keep the keyboard where it was: on the same control of the moved entry, or on the list after a removal.
    var again = el.queueList.querySelector("button[data-queue=" + action + "][data-index='" + index + "']");
    (again && !again.disabled ? again : el.queueList.querySelector("[data-queue=play]") || el.queueToggle).focus();
  }

  function clearQueue() {
    var item = current();
    queue = item ? [item] : [];
    position = item ? 0 : -1;
    renderQueue();
    markPlaying();
    save();
    el.queueToggle.focus();
  }

  function showQueue(open) {
    el.queue.hidden = !open;
    el.queueToggle.setAttribute("aria-expanded", String(open));
  }

  // ---- The full-screen view (on a phone; also from the cover on a desktop): the same element, expanded, modal.
  function expand(open) {
    if (open === el.player.classList.contains("is-expanded")) { return; }
    el.player.classList.toggle("is-expanded", open);
    el.expand.setAttribute("aria-expanded", String(open));
    if (open) {
      el.player.setAttribute("role", "dialog");
      el.player.setAttribute("aria-modal", "true");
    } else {
      el.player.removeAttribute("role");
      el.player.removeAttribute("aria-modal");
    }
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child !== el.player && child.tagName !== "SCRIPT") { child.inert = open; }
    });
    document.documentElement.classList.toggle("player-open", open);
    (open ? el.close : el.expand).focus();
    requestAnimationFrame(progress); // the waveform is wider now: draw it again
  }

  // ---- Waveforms: the bar's seek bar, and the track page's picture that plays from where it is clicked.
  function drawPeaks(canvas, peaks, played) {
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, canvas.clientWidth * ratio);
    canvas.height = Math.max(1, canvas.clientHeight * ratio);
    // The theme's colours, resolved by CSS (player.css gives waveform canvases color: --accent, border-color: --muted).
    var ctx = canvas.getContext("2d"), style = getComputedStyle(canvas);
    var accent = style.color || "#6b2fd6", muted = style.borderTopColor || "#888";
    var mid = canvas.height / 2, length = peaks ? peaks.length : 1, width = canvas.width / length;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (var i = 0; i < length; i++) {
      // Without stored peaks (not drawn yet, or none), a plain line shows the progress.
      var lo = peaks ? peaks.data[2 * i] / 128 : -0.04, hi = peaks ? peaks.data[2 * i + 1] / 128 : 0.04;
      ctx.fillStyle = peaks ? (i / length <= played ? accent : muted) : muted;
      ctx.fillRect(i * width, mid - hi * mid, Math.max(1, width), Math.max(1, (hi - lo) * mid));
    }
    if (!peaks && played > 0) {
      ctx.fillStyle = accent;
      ctx.fillRect(0, mid - 0.04 * mid, canvas.width * played, Math.max(2, 0.08 * mid));
    }
  }

  function loadWave(item) {
    wave = null;
    waveFor = item.id;
    // A stem's link names its waveform (data-wave); a track's is found by its id.
    fetch(item.wave || "/api/music/tracks/" + item.id + "/waveform").then(function (r) { return r.ok ? r.json() : null; }).then(function (w) {
      if (w && waveFor === item.id) { wave = w; progress(); }
    }).catch(function () { /* the line stays */ });
  }

  function drawWaveforms() {
    document.querySelectorAll("[data-waveform]:not([data-drawn])").forEach(function (box) {
      box.setAttribute("data-drawn", "");
      fetch(box.dataset.waveform).then(function (r) { return r.ok ? r.json() : null; }).then(function (peaks) {
        if (!peaks) { return; }
        var canvas = document.createElement("canvas");
        box.appendChild(canvas);
        drawPeaks(canvas, peaks, 1);
      });
    });
  }

  function onWaveformClick(event) {
    var box = event.target.closest("[data-waveform]");
    var link = box && document.querySelector("a[data-play][href='" + box.dataset.trackSrc + "']");
    if (!link) { return; }
    var fraction = (event.clientX - box.getBoundingClientRect().left) / box.clientWidth, audio = el.audio;
    if (!current() || current().src !== link.getAttribute("href")) {
      queue = [entryOf(link)];
      load(0, 0, true);
    }
    var seek = function () { audio.currentTime = fraction * audio.duration; };
    isFinite(audio.duration) ? seek() : audio.addEventListener("loadedmetadata", seek, { once: true });
    audio.play().catch(function () {});
  }

  // ---- Timed comments: a marker or a comment's time plays its track from that moment and points at the comment.
  function seekTo(target) {
    var link = document.querySelector("a[data-play][href='" + target.dataset.trackSrc + "']");
    var seconds = parseFloat(target.dataset.seek);
    if (!link || !isFinite(seconds)) { return false; }
    var audio = el.audio;
    if (!current() || current().src !== link.getAttribute("href")) {
      queue = [entryOf(link)];
      load(0, seconds, true);
    } else {
      audio.currentTime = seconds;
      audio.play().catch(function () {});
    }
    var comment = target.dataset.comment && document.getElementById("comment-" + target.dataset.comment);
    if (comment) {
      document.querySelectorAll(".comment.is-current").forEach(function (c) { c.classList.remove("is-current"); });
      comment.classList.add("is-current");
      if (target.classList.contains("comment-marker")) { comment.scrollIntoView({ block: "nearest" }); }
    }
    return true;
  }

  // Markers sit at their moment's share of the waveform's width (a CSS variable: no inline style attribute).
  function placeMarkers() {
    document.querySelectorAll("[data-comment-markers]").forEach(function (box) {
      var duration = parseFloat(box.dataset.duration);
      box.querySelectorAll("[data-seek]").forEach(function (marker) {
        var at = duration > 0 ? Math.min(1, parseFloat(marker.dataset.seek) / duration) : 0;
        marker.style.setProperty("--at", String(at));
      });
      box.hidden = false;
    });
  }

  // The comment form's moment starts as where the player is in this track, until the visitor types one.
  function onFocusIn(event) {
    var form = event.target.closest && event.target.closest("form[data-comment-time-for]");
    var field = form && form.querySelector("input[name=at]");
    if (!field || field.dataset.typed || !current() || current().src !== form.dataset.commentTimeFor) { return; }
    field.value = clock(el.audio.currentTime);
  }

  // ---- Clicks on play links anywhere on the page
  function onClick(event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0 || !event.target.closest) { return; }
    var all = event.target.closest("a[data-play-all]"), link = event.target.closest("a[data-play]");
    var seek = event.target.closest("[data-seek][data-track-src]");
    if (seek) {
      if (seekTo(seek)) { event.preventDefault(); }
    } else if (all) {
      event.preventDefault();
      var list = document.querySelector(all.dataset.playAll);
      queue = list ? Array.prototype.map.call(list.querySelectorAll("a[data-play]"), entryOf) : [];
      load(0, 0, true);
    } else if (link) {
      event.preventDefault();
      if (current() && current().id === link.dataset.trackId) { toggle(); return; }
      var container = link.closest("ol.track-list");
      var links = container ? Array.prototype.slice.call(container.querySelectorAll("a[data-play]")) : [link];
      queue = links.map(entryOf);
      load(Math.max(0, links.indexOf(link)), 0, true);
    } else if (event.target.closest("[data-waveform]")) {
      onWaveformClick(event);
    }
  }

  // Space plays or pauses anywhere but where it types or presses a button; on a link it must not scroll the page.
  // The arrows seek five seconds when no control has the focus.
  function onKey(event) {
    var target = event.target.closest ? event.target : document.body;
    if (event.key === "Escape" && el.player.classList.contains("is-expanded")) { expand(false); return; }
    if (event.key === "Escape" && !el.queue.hidden) { showQueue(false); el.queueToggle.focus(); return; }
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest("textarea, select, [contenteditable]:not([contenteditable=false]), input:not([type=range])")) { return; }
    if (event.key === "Tab" && el.player.classList.contains("is-expanded")) { trapFocus(event); return; }
    var link = target.closest("a[data-play]");
    if (event.key === " " && !target.closest("button, summary, [role=button]") && (current() || link)) {
      event.preventDefault();
      current() ? toggle() : link.click();
    } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && current() &&
        !target.closest("a, button, input, summary, [tabindex]:not(#main)")) {
      event.preventDefault();
      var audio = el.audio;
      audio.currentTime = Math.max(0, Math.min(audio.duration || Infinity, audio.currentTime + (event.key === "ArrowRight" ? 5 : -5)));
    }
  }

  function trapFocus(event) {
    var focusable = Array.prototype.filter.call(el.player.querySelectorAll("a[href], button:not([disabled]), input"),
      function (node) { return node.offsetParent !== null; });
    var first = focusable[0], last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }

  function restore() {
    var stored = read(VOLUME_KEY);
    if (stored && isFinite(stored.level)) { volume = { level: Math.max(0, Math.min(1, stored.level)), muted: !!stored.muted }; }
    var state = read(STATE_KEY);
    if (state && Array.isArray(state.queue) && state.queue.length) {
      queue = state.queue.filter(function (item) { return item && item.id && item.src; });
      load(Math.max(0, Math.min(queue.length - 1, state.position | 0)), Number(state.time) || 0, false);
    }
    applyVolume();
    progress();
  }

  function start() {
    ["player", "audio", "toggle", "prev", "next", "seek", "wave", "elapsed", "total", "mute", "volume", "cover", "art", "expand",
      "close", "meta", "queue", "queue-toggle", "queue-list", "queue-clear", "queue-template", "peek-title", "peek-artist"]
      .forEach(function (name) {
        el[name.replace(/-(\w)/g, function (_, c) { return c.toUpperCase(); })] = document.getElementById(name === "player" ? "player" : "player-" + name);
      });
    if (!el.audio || !el.toggle) { return; }
    var audio = el.audio;
    audio.addEventListener("play", markPlaying);
    audio.addEventListener("pause", function () { markPlaying(); save(); });
    audio.addEventListener("timeupdate", function () {
      progress();
      count();
      if (Date.now() - savedAt > 2000) { save(); }
    });
    audio.addEventListener("durationchange", progress);
    audio.addEventListener("seeking", function () { lastTime = null; });
    audio.addEventListener("ended", function () { position < queue.length - 1 ? step(1) : markPlaying(); });
    el.toggle.addEventListener("click", toggle);
    el.prev.addEventListener("click", function () { step(-1); });
    el.next.addEventListener("click", function () { step(1); });
    el.seek.addEventListener("input", function () { audio.currentTime = Number(el.seek.value); progress(); });
    el.volume.addEventListener("input", function () {
      volume.level = Number(el.volume.value) / 100;
      volume.muted = volume.level === 0;
      applyVolume();
      write(VOLUME_KEY, volume);
    });
    el.mute.addEventListener("click", function () { volume.muted = !volume.muted; applyVolume(); write(VOLUME_KEY, volume); });
    el.expand.addEventListener("click", function () { expand(true); });
    el.close.addEventListener("click", function () { expand(false); });
    [el.cover, el.art].forEach(function (img) { // a cover that does not load leaves the music note showing
      img.addEventListener("error", function () { img.hidden = true; });
    });
    el.queueToggle.addEventListener("click", function () { showQueue(el.queue.hidden); });
    el.queueClear.addEventListener("click", clearQueue);
    el.queueList.addEventListener("click", onQueueClick);
    if ("mediaSession" in navigator) {
      navigator.mediaSession.setActionHandler("play", toggle);
      navigator.mediaSession.setActionHandler("pause", toggle);
      navigator.mediaSession.setActionHandler("previoustrack", function () { step(-1); });
      navigator.mediaSession.setActionHandler("nexttrack", function () { step(1); });
    }
    window.addEventListener("pagehide", function () { if (current()) { save(); } });
    window.addEventListener("resize", progress);
    restore();
    drawWaveforms();
    placeMarkers();
  }

  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", function () { if (el.audio) { markPlaying(); drawWaveforms(); placeMarkers(); } });
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("form[data-comment-time-for] input[name=at]")) { event.target.dataset.typed = "1"; }
  });
})();
