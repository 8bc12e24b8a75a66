/* Download links of the lists (a[data-export], from _export_buttons.html).
 *
 * A big export takes a while before the browser shows the download. On a plain click the
 * link is disabled and shows a spinner with the text of [data-export-busy-text]; the file
 * is asked for with ?export_token=<random>, and the server answers with the cookie
 * export_started=<the same token> in the headers of the file. The page polls for that
 * cookie and restores the link when it appears, or after five minutes in any case (an
 * error must not leave the link dead). Without this script the links work as they are.
 * No inline script: the Content Security Policy forbids it.
 */
(function () {
  "use strict";

  var COOKIE = "export_started";
  var POLL_MS = 500;
  var GIVE_UP_MS = 5 * 60 * 1000;
  var pending = [];

  function newToken() {
    return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
  }

  function cookieValue(name) {
    var found = null;
    document.cookie.split(";").forEach(function (part) {
      var pair = part.trim().split("=");
      if (pair[0] === name) { found = pair.slice(1).join("="); }
    });
    return found;
  }

  function clearCookie() {
    document.cookie = COOKIE + "=; Max-Age=0; path=/; SameSite=Lax";
  }

  function showBusy(link) {
    var saved = Array.prototype.slice.call(link.childNodes);
    var holder = link.closest("[data-export-busy-text]");
    var spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-1";
    spinner.setAttribute("aria-hidden", "true");
    var label = document.createElement("span");
    label.setAttribute("role", "status");
    label.textContent = holder ? holder.dataset.exportBusyText : "…";
    link.replaceChildren(spinner, label);
    link.classList.add("disabled");
    link.setAttribute("aria-disabled", "true");
    link.dataset.exportBusy = "true";
    return function restore() {
      link.replaceChildren.apply(link, saved);
      link.classList.remove("disabled");
      link.removeAttribute("aria-disabled");
      delete link.dataset.exportBusy;
    };
  }

  function start(event) {
    var link = event.currentTarget;
    // Ctrl-click and the like open a tab as usual.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
    event.preventDefault();
    if (link.dataset.exportBusy) { return; }
    var token = newToken();
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("export_token", token);
    var restore = showBusy(link);
    var began = Date.now();
    var timer = window.setInterval(function () {
      if (cookieValue(COOKIE) === token || Date.now() - began > GIVE_UP_MS) { finish(); }
    }, POLL_MS);
    function finish() {
      window.clearInterval(timer);
      clearCookie();
      restore();
      pending = pending.filter(function (f) { return f !== finish; });
    }
    pending.push(finish);
    window.location.assign(url.toString());
  }

  // Back from an error page the browser may show this page as it was left: busy.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { pending.slice().forEach(function (finish) { finish(); }); }
  });

  document.querySelectorAll("a[data-export]").forEach(function (link) {
    if (link.dataset.exportReady) { return; }
    link.dataset.exportReady = "true";
    link.addEventListener("click", start);
  });
})();
