// Keeps screen-reader and keyboard users informed after htmx swaps. No inline scripts anywhere,
// so a strict Content-Security-Policy can forbid them.
(function () {
  "use strict";
  function announce(text) {
    var region = document.getElementById("live-region");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }
  document.addEventListener("announce", function (event) {
    announce(event.detail && (event.detail.value || event.detail.message));
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.elt;
    if (!target || !target.querySelector) return;
    var focusTarget = target.matches("[data-focus-after-swap]")
      ? target
      : target.querySelector("[data-focus-after-swap]");
    if (focusTarget) {
      if (!focusTarget.hasAttribute("tabindex")) focusTarget.setAttribute("tabindex", "-1");
      focusTarget.focus();
    }
    var message = target.querySelector("[data-announce]");
    if (message) announce(message.getAttribute("data-announce"));
  });
  // A status present at load (after a form posted and redirected) is not read by screen readers:
  // say it through the live region and start the keyboard from it, unless the page chose a focus.
  document.addEventListener("DOMContentLoaded", function () {
    // A form sent back with errors: start from its error summary (GOV.UK pattern).
    var summary = document.querySelector("main .error-summary");
    if (summary && !document.querySelector("[autofocus]")) {
      summary.focus();
      return;
    }
    var messages = document.querySelector("main .messages");
    if (!messages || document.querySelector("[autofocus]")) return;
    // Landing at an anchor (a row just saved): the keyboard starts from that row, and the
    // confirmation is said through the live region.
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      }
      announce(messages.textContent.trim());
      return;
    }
    if (!messages.hasAttribute("tabindex")) messages.setAttribute("tabindex", "-1");
    messages.focus();
    announce(messages.textContent.trim());
  });
  // "Copy link" buttons: hidden without JavaScript (the link stays selectable in its readonly
  // field), shown where the browser lets a page write to the clipboard.
  document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard || !window.isSecureContext) return;
    document.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      button.hidden = false;
    });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy-from]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    if (!field) return;
    navigator.clipboard.writeText(field.value).then(
      function () { announce(button.getAttribute("data-copied")); },
      function () { field.focus(); field.select(); }
    );
  });
  // A table wider than the screen scrolls inside its box: keyboard users must be able to reach
  // and scroll it (WCAG 2.1.1), named after its caption. Only boxes that really overflow become
  // a tab stop, so wide screens keep a short tab order.
  function scrollableTables() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.getAttribute("data-scroll-set") === "fixed") return;
      if (box.hasAttribute("tabindex") && !box.hasAttribute("data-scroll-set")) {
        box.setAttribute("data-scroll-set", "fixed");
        return;
      }
      var overflows = box.scrollWidth > box.clientWidth + 1;
      if (overflows) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        if (caption && !box.hasAttribute("aria-label")) {
          box.setAttribute("aria-label", caption.textContent.trim());
          box.setAttribute("data-scroll-label", "");
        }
        box.setAttribute("data-scroll-set", "auto");
      } else if (box.getAttribute("data-scroll-set") === "auto") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("data-scroll-set");
        if (box.hasAttribute("data-scroll-label")) {
          box.removeAttribute("aria-label");
          box.removeAttribute("data-scroll-label");
        }
      }
    });
  }
  document.addEventListener("DOMContentLoaded", scrollableTables);
  document.addEventListener("htmx:afterSettle", scrollableTables);
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(scrollableTables, 150);
  });
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select && select.id === "language-select" && select.form) select.form.requestSubmit();
  });
})();
