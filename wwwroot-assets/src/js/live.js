// Live updates (docs/decisions/0030): parts of a page that listen to a server-sent event stream through htmx-ext-sse
// (hx-ext="sse" sse-connect=… with hx-trigger="sse:…") fetch themselves again when their stream says something
// changed. When the browser has no EventSource, or a stream is refused (not signed in, too many streams, an old
// proxy), those parts poll instead: their hx-trigger becomes "every" + data-live-poll. A passing network error is
// left to EventSource, which reconnects by itself.
(function () {
  "use strict";

  var polling = !window.EventSource;

  function poll(root) {
    if (!root || !root.querySelectorAll || !window.htmx) { return; }
    var parts = Array.prototype.slice.call(root.querySelectorAll("[data-live-poll]"));
    if (root.matches && root.matches("[data-live-poll]")) { parts.push(root); }
    parts.forEach(function (part) {
      if (part.dataset.livePolling) { return; }
      part.dataset.livePolling = "1";
      part.removeAttribute("sse-connect");
      part.setAttribute("hx-trigger", "every " + part.dataset.livePoll);
      htmx.process(part);
    });
  }

  document.addEventListener("htmx:sseError", function (event) {
    var source = event.detail && event.detail.source;
    if (!source || source.readyState !== 2) { return; } // 2: CLOSED, the stream was refused
    source.close();
    polling = true;
    event.target.removeAttribute("sse-connect");
    poll(event.target);
  });

  // A part swapped in again brings back its stream attributes: keep it polling.
  document.addEventListener("htmx:load", function (event) { if (polling) { poll(event.target); } });
  document.addEventListener("DOMContentLoaded", function () { if (polling) { poll(document.body); } });

  // Never replace a part while the visitor is typing in it (a reply, an edit): the next change brings it.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var part = event.detail && event.detail.elt;
    if (part && part.hasAttribute && part.hasAttribute("data-live-keep-focus") && part.contains(document.activeElement)
        && document.activeElement.matches("textarea, input")) {
      event.preventDefault();
    }
  });
})();
