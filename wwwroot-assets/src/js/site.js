// MusicSite page enhancements. Every page works without this file: links and forms are plain HTML.
// With it, htmx (loaded separately) swaps only <main> on navigation, so the player (player.js) keeps playing.
(function () {
  "use strict";

  // Uploads: the file goes first as a resumable tus upload with progress; a reload or a dropped connection
  // picks up where it stopped (tus-js-client remembers unfinished uploads). Then the form is posted with
  // the upload's id in place of the file.
  // tus-js-client is large and only this form needs it: it is loaded (from the form's data-tus-src) once an upload
  // form is on the page. If it is not there yet at submit, the submit waits for it; if it cannot load, the form
  // posts the file itself, as it does without JavaScript.
  var tusLoading = null;
  function loadTus(form) {
    if (window.tus) { return Promise.resolve(); }
    if (!tusLoading) {
      tusLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = form.dataset.tusSrc;
        script.onload = function () { resolve(); };
        script.onerror = function () { tusLoading = null; reject(new Error("tus-js-client did not load")); };
        document.head.appendChild(script);
      });
    }
    return tusLoading;
  }
  function loadTusFor(root) {
    var form = root.querySelector && root.querySelector("form[data-upload-form][data-tus-src]");
    if (form) { loadTus(form).catch(function () { /* the plain form post still works */ }); }
  }
  document.addEventListener("DOMContentLoaded", function () { loadTusFor(document); });
  document.addEventListener("htmx:load", function (event) { loadTusFor(event.target); });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload-form]") || form.dataset.sending) { return; }
    var input = form.querySelector("input[type=file][name=audio]");
    var file = input && input.files && input.files[0];
    if (!file) { return; }
    if (!window.tus) {
      if (!form.dataset.tusSrc || form.dataset.tusFailed) { return; }
      event.preventDefault();
      loadTus(form).then(
        function () { form.requestSubmit(); },
        function () { form.dataset.tusFailed = "1"; form.requestSubmit(); });
      return;
    }
    if (!tus.isSupported) { return; }
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

  // Scripts only some pages need (the genre picker): an element names its script in data-script, and the script is
  // loaded once, on the first page that has such an element, however that page was reached.
  function loadPageScripts(root) {
    root.querySelectorAll("[data-script]").forEach(function (element) {
      var src = element.getAttribute("data-script");
      if (src.charAt(0) !== "/" || document.querySelector("script[src='" + src + "']")) { return; }
      var script = document.createElement("script");
      script.src = src;
      document.head.appendChild(script);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { loadPageScripts(document); });
  document.addEventListener("htmx:afterSettle", function () { loadPageScripts(document); });

  // htmx keeps a copy of <main> for Back, made from its HTML: what was typed or chosen lives only in the fields'
  // properties, so write it into their attributes first (live search, then Albums, then Back keeps the search box).
  document.addEventListener("htmx:beforeHistorySave", function (event) {
    var root = (event.detail && event.detail.historyElt) || document;
    root.querySelectorAll("input, textarea, select").forEach(function (field) {
      if (field.type === "file" || field.type === "password" || field.type === "hidden") { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        field.toggleAttribute("checked", field.checked);
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (option) { option.toggleAttribute("selected", option.selected); });
      } else if (field.tagName === "TEXTAREA") {
        field.textContent = field.value;
      } else {
        field.setAttribute("value", field.value);
      }
    });
  });

  // After each swap, move focus to the new main region so keyboard and screen-reader users land on it.
  document.addEventListener("htmx:afterSettle", function (event) {
    var main = document.getElementById("main");
    if (main && event.detail && event.detail.boosted) {
      main.setAttribute("tabindex", "-1");
      main.focus({ preventScroll: true });
    }
  });

  // Copy buttons (share page): hidden without JavaScript, where the read-only field beside them is selectable.
  function showCopyButtons(root) {
    root.querySelectorAll("button[data-copy][hidden]").forEach(function (button) {
      if (navigator.clipboard) { button.hidden = false; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showCopyButtons(document); });
  document.addEventListener("htmx:afterSettle", function () { showCopyButtons(document); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (!button) { return; }
    var field = document.querySelector(button.dataset.copy);
    var status = button.parentElement && button.parentElement.querySelector("[data-copy-status]");
    if (!field) { return; }
    navigator.clipboard.writeText(field.value).then(function () {
      if (status) { status.textContent = "Link copied."; }
    }, function () {
      field.select();
      if (status) { status.textContent = "Copying was refused: the link is selected, copy it yourself."; }
    });
  });

  // Event times (decision 0031): the server knows the visitor's zone only from ?tz= or the tz cookie. Without them it
  // writes UTC into <time data-visitor-time>; here that becomes the browser's own zone, and the cookie is set so the
  // next page comes from the server already in it.
  function showVisitorTimes(root) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    if (document.cookie.split("; ").indexOf("tz=" + encodeURIComponent(zone)) < 0) {
      document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
    }
    var format = new Intl.DateTimeFormat("en-GB", {
      weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone
    });
    root.querySelectorAll("time[data-visitor-time]").forEach(function (time) {
      var instant = new Date(time.getAttribute("datetime"));
      if (isNaN(instant.getTime())) { return; }
      time.textContent = format.format(instant) + " (" + zone + ")";
      time.removeAttribute("data-visitor-time");
    });
  }
  document.addEventListener("DOMContentLoaded", function () { showVisitorTimes(document); });
  document.addEventListener("htmx:load", function (event) { showVisitorTimes(event.target); });
})();
