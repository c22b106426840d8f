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

  // A play link points at the stream itself, so without JavaScript the browser plays the file directly.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-play]");
    var player = audio();
    if (!link || !player || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    player.src = link.getAttribute("href");
    setNowPlaying(link.dataset.title, link.dataset.artist);
    document.getElementById("player").classList.add("is-active");
    player.play().catch(function () { /* autoplay refused: the controls are there to press */ });
  });

  // After each swap, move focus to the new main region so keyboard and screen-reader users land on it.
  document.addEventListener("htmx:afterSettle", function (event) {
    var main = document.getElementById("main");
    if (main && event.detail && event.detail.boosted) {
      main.setAttribute("tabindex", "-1");
      main.focus({ preventScroll: true });
    }
  });
})();
