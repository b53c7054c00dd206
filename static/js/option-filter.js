// A filter box for long lists of choices: a <select> (options in <optgroup>s) or a group of
// checkboxes, marked with data-filter-label (the box's label) and data-filter-none (said when
// nothing matches). Without JavaScript the lists stay whole and grouped; chosen items never hide.
(function () {
  "use strict";
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // An option shows when its name or its group's name (a sector) holds the query.
  function groupMatches(group, query) {
    var name = group && (group.label || (group.querySelector("legend") || {}).textContent);
    return !!name && plain(name).indexOf(query) !== -1;
  }

  function filterSelect(list, query) {
    var shown = 0;
    Array.prototype.forEach.call(list.options, function (option) {
      if (!option.value) return;
      var match = option.selected || plain(option.text).indexOf(query) !== -1 ||
        groupMatches(option.closest("optgroup"), query);
      // Some browsers show hidden options anyway; disabled ones cannot be picked at least.
      option.hidden = !match;
      option.disabled = !match;
      if (match) shown += 1;
    });
    list.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    return shown;
  }

  function filterBoxes(list, query) {
    var shown = 0;
    list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var item = box.closest("div");
      var match = box.checked || plain(item.textContent).indexOf(query) !== -1 ||
        groupMatches(item.closest("fieldset"), query);
      item.hidden = !match;
      if (match) shown += 1;
    });
    list.querySelectorAll("fieldset").forEach(function (group) {
      group.hidden = !group.querySelector("div:not([hidden])");
    });
    return shown;
  }

  function setUp(list) {
    var row = document.createElement("div");
    row.className = "option-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("p");
    input.type = "search";
    input.id = list.id + "-filter";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", list.id);
    // Owned by no form: typing here changes nothing to save (keep-work.js) nor sends it.
    input.setAttribute("form", "");
    label.htmlFor = input.id;
    label.textContent = list.getAttribute("data-filter-label");
    status.className = "helptext";
    status.setAttribute("role", "status");
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(status);
    list.parentNode.insertBefore(row, list);
    input.addEventListener("input", function () {
      var query = plain(input.value.trim());
      var shown = list.tagName === "SELECT" ? filterSelect(list, query) : filterBoxes(list, query);
      status.textContent = query && !shown ? list.getAttribute("data-filter-none") : "";
    });
    // The box only narrows the list: Enter in it must not send the form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-filter-label][id]").forEach(setUp);
  });
})();
