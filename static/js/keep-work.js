// Nothing typed is lost: forms with unsaved text warn before the page is left, a save state
// never says "Saved" beside text that changed since, and a save refused because the session
// ended (401) or its token went stale (403 + X-Session-Check) is kept and sent again once the
// person has signed in again, in another tab (eubelong/core/sessions.py).
(function () {
  "use strict";
  var dirty = new Set();
  var waiting = new Set();
  var retried = new WeakSet();
  var leaving = false;

  function isAutosave(form) { return form.hasAttribute("data-hx-post") || form.hasAttribute("hx-post"); }
  function dialog() { return document.getElementById("session-dialog"); }
  function text(name) {
    var d = dialog();
    return (d && d.getAttribute("data-text-" + name)) || "";
  }
  function formOf(elt) {
    if (!elt) return null;
    return elt.tagName === "FORM" ? elt : elt.closest && elt.closest("form");
  }
  function say(form, message, kind) {
    var state = form && form.querySelector(".save-state");
    if (!state) return;
    state.textContent = message;
    state.classList.remove("unsaved", "failed");
    if (kind) state.classList.add(kind);
  }
  function unsaved() {
    var found = false;
    dirty.forEach(function (form) {
      if (document.contains(form)) found = true; else dirty.delete(form);
    });
    if (found || waiting.size > 0 || document.querySelector("form[data-unsaved]")) return true;
    // A form sent back with errors still holds what was typed, unsaved.
    return !leaving && !!document.querySelector("main .error-summary");
  }

  document.addEventListener("input", function (event) {
    var form = event.target && event.target.form;
    if (!form || (form.method || "").toLowerCase() !== "post") return;
    if (!dirty.has(form) && isAutosave(form)) say(form, text("unsaved"), "unsaved");
    dirty.add(form);
  });
  // A plain form being sent is leaving on purpose.
  document.addEventListener("submit", function (event) {
    if (!isAutosave(event.target)) {
      leaving = true;
      dirty.delete(event.target);
      var kept = event.target.closest("[data-unsaved]");
      if (kept) kept.removeAttribute("data-unsaved");
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = formOf(event.detail.elt);
    if (form && isAutosave(form) && dirty.has(form)) say(form, text("saving"));
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = formOf(event.detail.elt);
    if (form && event.detail.successful) {
      dirty.delete(form);
      waiting.delete(form);
      retried.delete(form);
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = formOf(event.detail.elt);
    if (form) { dirty.add(form); say(form, text("offline"), "failed"); }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var form = formOf(event.detail.elt);
    var xhr = event.detail.xhr;
    if (!form) return;
    dirty.add(form);
    if (xhr.status === 401 || (xhr.status === 403 && xhr.getResponseHeader("X-Session-Check"))) {
      waiting.add(form);
      say(form, text("signed-out"), "failed");
      // A stale token with the session still alive (signed in again elsewhere): retry once quietly.
      if (xhr.status === 403 && !retried.has(form)) {
        retried.add(form);
        resume(false);
      } else {
        openDialog();
      }
      return;
    }
    say(form, text("failed"), "failed");
  });

  function openDialog() {
    var d = dialog();
    if (!d || d.open) return;
    d.querySelector(".session-dialog-status").textContent = "";
    d.showModal();
  }
  function setToken(token) {
    document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(function (input) {
      input.value = token;
    });
    document.body.setAttribute("data-hx-headers", JSON.stringify({ "X-CSRFToken": token }));
  }
  // Asks whether the person is signed in again; if so, sends every kept form again.
  function resume(fromDialog) {
    var d = dialog();
    if (!d || waiting.size === 0) return;
    fetch(d.getAttribute("data-state-url"), {
      credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { signed_in: false }; })
      .catch(function () { return { signed_in: false }; })
      .then(function (state) {
        if (!state.signed_in) {
          if (fromDialog) d.querySelector(".session-dialog-status").textContent = text("not-yet");
          else openDialog();
          return;
        }
        setToken(state.token);
        if (d.open) d.close();
        var forms = Array.from(waiting);
        waiting.clear();
        forms.forEach(function (form) {
          if (document.contains(form) && window.htmx) window.htmx.trigger(form, "submit");
        });
      });
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-session-retry], [data-session-close]");
    if (!target) return;
    if (target.hasAttribute("data-session-retry")) resume(true);
    else dialog().close();
  });
  // The tab where the person signed in again tells this one; coming back to it checks too.
  var channel = window.BroadcastChannel ? new BroadcastChannel("eubelong-session") : null;
  if (channel) channel.onmessage = function (event) { if (event.data === "signed-in") resume(false); };
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && waiting.size) resume(true);
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (channel && document.querySelector("[data-signed-in-again]")) channel.postMessage("signed-in");
  });
})();
