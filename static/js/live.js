// A live workplan page (templates/toolkit/_live.html, docs/live.md): who else has it open and
// which item each is in, and other people's saves shown without a reload. The htmx SSE
// extension holds the connection; this file decides what each event does, because a row the
// reader is working in must never be replaced under their cursor.
(function () {
  "use strict";
  var panel = document.getElementById("live");
  if (!panel || !window.EventSource || !window.fetch) return;
  var conn = panel.getAttribute("data-conn");
  var me = panel.getAttribute("data-person");
  var more = 0;
  var list = panel.querySelector(".live-people");
  var state = panel.querySelector(".live-state");
  var people = [];
  var reported = "";
  var reportTimer = null;

  function text(name, values) {
    var out = panel.getAttribute("data-text-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      out = out.split("{" + key + "}").join(values[key]);
    });
    return out;
  }
  function csrf() {
    try { return JSON.parse(document.body.getAttribute("data-hx-headers"))["X-CSRFToken"]; }
    catch (e) { return ""; }
  }
  function rowUrl(hex) {
    var id = hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    return panel.getAttribute("data-row-url").replace("00000000-0000-0000-0000-000000000000", id);
  }
  function formOf(hex) { return document.getElementById("item-" + hex); }
  function rowOf(hex) { return document.getElementById("item-" + hex + "-row"); }
  function versionOf(hex) {
    var input = document.getElementById("version-" + hex);
    return input ? parseInt(input.value, 10) : null;
  }
  // Working in it: focus inside, typed and not yet saved, or a conflict waiting for a choice.
  function busy(form) {
    if (!form) return false;
    if (form.contains(document.activeElement) || form.hasAttribute("data-unsaved")) return true;
    if (form.hasAttribute("data-live-saving")) return true;
    if (form.querySelector(".save-state.unsaved")) return true;
    // A reply being written in a review thread.
    return Array.prototype.some.call(form.querySelectorAll(".reply-form textarea"), function (t) { return t.value.trim() !== ""; });
  }
  function say(message) {
    state.textContent = "";
    window.setTimeout(function () { state.textContent = message; }, 50);
  }
  function note(where, cls, message, action) {
    var old = where.querySelector(":scope > ." + cls);
    if (old) old.remove();
    if (!message) return;
    var p = document.createElement("p");
    p.className = "live-note " + cls;
    p.setAttribute("role", "status");
    p.textContent = message + " ";
    if (action) p.appendChild(action);
    where.insertBefore(p, where.firstChild);
  }

  function showPeople() {
    list.textContent = "";
    people.forEach(function (person) {
      var li = document.createElement("li");
      li.textContent = person.number ? text("editing", { name: person.name, item: person.number })
        : text("here", { name: person.name });
      list.appendChild(li);
    });
    if (more) {
      var extra = document.createElement("li");
      extra.textContent = text("more", { n: more });
      list.appendChild(extra);
    }
    if (!people.length && !more) {
      var li = document.createElement("li");
      li.textContent = text("alone");
      list.appendChild(li);
    }
    // Soft locks: a gentle note on each item someone else is in; nothing is blocked.
    document.querySelectorAll(".live-soft").forEach(function (n) { n.remove(); });
    people.forEach(function (person) {
      var form = person.item && formOf(person.item);
      if (form) note(form.parentNode, "live-soft", text("soft", { name: person.name }));
    });
  }

  // Put the fetched markup in place of `old`, with htmx wired on it; false if there was none.
  function swapIn(old, html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var fresh = holder.content.firstElementChild;
    if (!fresh) return false;
    old.replaceWith(fresh);
    if (window.htmx) window.htmx.process(fresh);
    fresh.classList.add("live-updated");
    return true;
  }

  function refresh(hex, name, number) {
    var row = rowOf(hex);
    if (!row) return;
    fetch(rowUrl(hex), { credentials: "same-origin", headers: { "HX-Request": "true" } }).then(function (reply) {
      return reply.ok ? reply.text() : null;
    }).then(function (html) {
      var now = rowOf(hex);
      if (!html || !now) return;
      if (busy(formOf(hex))) { changedUnder(hex, name); return; }
      if (!swapIn(now, html)) return;
      showPeople();
      if (name) say(text("updated", { item: number, name: name }));
    });
  }

  function changedUnder(hex, name) {
    var form = formOf(hex);
    if (!form) return;
    var button = null;
    if (rowOf(hex)) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary";
      button.textContent = text("show");
      button.addEventListener("click", function () {
        form.removeAttribute("data-unsaved");
        var state = form.querySelector(".save-state");
        if (state) state.classList.remove("unsaved");
        if (document.activeElement && form.contains(document.activeElement)) document.activeElement.blur();
        refresh(hex, "");
      });
    }
    note(form.parentNode, "live-changed", text("changed", { name: name }), button);
  }

  function elsewhere(name) {
    var link = document.createElement("a");
    link.href = window.location.href.split("#")[0];
    link.textContent = text("reload");
    note(panel, "live-elsewhere", text("elsewhere", { name: name }), link);
  }

  function onItem(data) {
    var hex = data.item;
    var form = formOf(hex);
    if (!form) {
      // A row on another priority page changes nothing here; a read-only table says so.
      if (document.getElementById("item-" + hex)) elsewhere(data.by);
      return;
    }
    if (data.what === "answer" && versionOf(hex) !== null && versionOf(hex) >= data.version) return;
    // This page's own save, heard before its answer came back.
    if (data.person === me && form.hasAttribute("data-live-saving")) return;
    if (busy(form)) { changedUnder(hex, data.by); return; }
    if (rowOf(hex)) refresh(hex, data.by, data.number);
    else elsewhere(data.by);
  }

  function onVersions(data) {
    Object.keys(data).forEach(function (hex) {
      var mine = versionOf(hex);
      if (mine !== null && mine < data[hex]) onItem({ item: hex, version: data[hex], by: "", what: "answer" });
    });
  }

  function remember(event) {
    if (!event.lastEventId) return;
    var url = panel.getAttribute("data-sse-connect").replace(/([?&]after=)[^&]*/, "$1" + event.lastEventId);
    panel.setAttribute("data-sse-connect", url);
  }

  // Review notes and replies (the review page): the threads of one item or action, fetched again
  // unless the reader is writing a reply there.
  function refreshThreads(box, name) {
    fetch(box.getAttribute("data-live-threads"), { credentials: "same-origin", headers: { "HX-Request": "true" } })
      .then(function (reply) { return reply.ok ? reply.text() : null; })
      .then(function (html) {
        var now = document.getElementById(box.id);
        if (!html || !now) return;
        if (busy(now)) { threadsChanged(now, name); return; }
        if (!swapIn(now, html)) return;
        if (name) say(text("note", { name: name }));
      });
  }
  function threadsChanged(box, name) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary";
    button.textContent = text("show-notes");
    button.addEventListener("click", function () { box.querySelectorAll("textarea").forEach(function (t) { t.value = ""; }); refreshThreads(box, ""); });
    note(box, "live-changed", text("note-under", { name: name }), button);
  }
  function onNote(data) {
    var box = document.getElementById("threads-" + data.target);
    if (!box) return;
    if (busy(box)) threadsChanged(box, data.by);
    else refreshThreads(box, data.by);
  }

  function listen(source) {
    source.addEventListener("note", function (e) { remember(e); onNote(JSON.parse(e.data)); });
    source.addEventListener("versions", function (e) { onVersions(JSON.parse(e.data)); });
    source.addEventListener("presence", function (e) {
      remember(e);
      var data = JSON.parse(e.data);
      // The list is the same for every page: each leaves its own person out.
      people = (data.people || []).filter(function (p) { return p.person !== me; });
      more = data.more || 0;
      showPeople();
    });
    source.addEventListener("item", function (e) { remember(e); onItem(JSON.parse(e.data)); });
    source.addEventListener("closed", function () { state.textContent = text("closed"); });
  }

  panel.addEventListener("htmx:sseOpen", function (event) {
    panel.hidden = false;
    state.textContent = "";
    listen(event.detail.source);
  });
  panel.addEventListener("htmx:sseError", function (event) {
    var source = event.detail && event.detail.source;
    if (source && source.readyState === EventSource.CLOSED) state.textContent = text("paused");
  });

  // A save on its way: the row is the reader's until its answer is in.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest && event.target.closest("form.item-form");
    if (form) form.setAttribute("data-live-saving", "");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form.item-form");
    if (form) form.removeAttribute("data-live-saving");
  });

  // Which item the reader is in, for the others' pages (sent when it changes, briefly delayed).
  function report(hex) {
    if (hex === reported) return;
    window.clearTimeout(reportTimer);
    reportTimer = window.setTimeout(function () {
      reported = hex;
      var body = new FormData();
      body.append("conn", conn);
      body.append("item", hex);
      fetch(panel.getAttribute("data-presence-url"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf() },
      }).catch(function () { reported = ""; });
    }, hex ? 300 : 1500);
  }
  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form.item-form");
    report(form ? form.id.replace(/^item-/, "") : "");
  });
  document.addEventListener("focusout", function (event) {
    if (!event.relatedTarget) report("");
  });
})();
