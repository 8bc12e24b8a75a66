/* Entry forms: rows added and removed without reloading, and search-as-you-type pickers.
 *
 * - A formset is a [data-formset="PREFIX"] element holding rows ([data-formset-row]), a
 *   <template data-formset-empty> with the blank row (__prefix__ in names), and a button
 *   [data-formset-add]. Removing a row ticks its DELETE box and hides it, so a removed
 *   existing row is deleted on save and a removed new row is ignored.
 * - A <select data-lookup-url> becomes a search box: typing asks the URL (?q=...) for
 *   {"results": [{"id": 1, "text": "..."}]}; picking fills the select. Multiple selects show
 *   the picked values as removable chips.
 * No inline script or style: the Content Security Policy forbids both.
 */
(function () {
  "use strict";

  function word(name, fallback) {
    var holder = document.getElementById("picker-text");
    return (holder && holder.dataset[name]) || fallback;
  }

  function initFormset(container) {
    var prefix = container.dataset.formset;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = container.querySelector("template[data-formset-empty]");
    var list = container.querySelector("[data-formset-rows]");
    var addButton = container.querySelector("[data-formset-add]");
    if (!total || !template || !list || !addButton) { return; }

    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      list.appendChild(row);
      total.value = String(index + 1);
      initRow(row);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
    list.querySelectorAll("[data-formset-row]").forEach(initRow);
  }

  function initRow(row) {
    var remove = row.querySelector("[data-formset-remove]");
    var deleteBox = row.querySelector("input[type=checkbox][name$='-DELETE']");
    if (deleteBox && deleteBox.checked) { row.classList.add("d-none"); }
    if (remove) {
      remove.addEventListener("click", function () {
        if (deleteBox) { deleteBox.checked = true; }
        row.classList.add("d-none");
        row.dataset.removed = "true";
      });
    }
    row.querySelectorAll("select[data-lookup-url]").forEach(initPicker);
  }

  function initPicker(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "true";
    var multiple = select.multiple;
    var wrapper = document.createElement("div");
    wrapper.className = "picker";
    var chips = document.createElement("div");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control";
    input.autocomplete = "off";
    input.setAttribute("aria-label", select.getAttribute("aria-label") || labelText(select));
    input.placeholder = word("search", "…");
    if (select.classList.contains("is-invalid")) { input.classList.add("is-invalid"); }
    var menu = document.createElement("div");
    menu.className = "picker-menu list-group shadow d-none";
    menu.setAttribute("role", "listbox");
    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(chips);
    wrapper.appendChild(input);
    wrapper.appendChild(menu);
    wrapper.appendChild(select);
    select.classList.add("d-none");
    select.tabIndex = -1;

    function render() {
      chips.innerHTML = "";
      if (multiple) {
        Array.prototype.forEach.call(select.options, function (option) {
          if (!option.selected || !option.value) { return; }
          var chip = document.createElement("span");
          chip.className = "badge text-bg-secondary picker-chip";
          chip.textContent = option.textContent + " ";
          var x = document.createElement("button");
          x.type = "button";
          x.className = "btn-close btn-close-white btn-sm";
          x.setAttribute("aria-label", word("remove", "×") + " " + option.textContent);
          x.addEventListener("click", function () { option.remove(); render(); });
          chip.appendChild(x);
          chips.appendChild(chip);
        });
      } else {
        var chosen = select.options[select.selectedIndex];
        input.value = chosen && chosen.value ? chosen.textContent : "";
      }
    }

    function choose(item) {
      var existing = Array.prototype.find.call(select.options, function (o) { return o.value === String(item.id); });
      if (!multiple) {
        Array.prototype.slice.call(select.options).forEach(function (o) { if (o.value) { o.remove(); } });
        existing = null;
      }
      var option = existing || new Option(item.text, item.id, true, true);
      option.selected = true;
      if (!existing) { select.appendChild(option); }
      select.dispatchEvent(new Event("change", { bubbles: true }));
      menu.classList.add("d-none");
      if (multiple) { input.value = ""; }
      render();
    }

    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var term = input.value.trim();
      if (!multiple && !term) {
        select.value = "";
        Array.prototype.slice.call(select.options).forEach(function (o) { if (o.value) { o.remove(); } });
      }
      if (term.length < 1) { menu.classList.add("d-none"); return; }
      timer = setTimeout(function () {
        var ticket = ++latest;
        var url = select.dataset.lookupUrl + "?q=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            if (ticket !== latest) { return; }
            menu.innerHTML = "";
            data.results.forEach(function (item) {
              var entry = document.createElement("button");
              entry.type = "button";
              entry.className = "list-group-item list-group-item-action";
              entry.setAttribute("role", "option");
              entry.textContent = item.text;
              entry.addEventListener("click", function () { choose(item); });
              menu.appendChild(entry);
            });
            if (!data.results.length) {
              var none = document.createElement("div");
              none.className = "list-group-item text-body-secondary";
              none.textContent = word("none", "—");
              menu.appendChild(none);
            }
            menu.classList.remove("d-none");
          });
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { menu.classList.add("d-none"); }
      if (event.key === "Enter") {
        event.preventDefault();
        var first = menu.querySelector("button");
        if (first && !menu.classList.contains("d-none")) { first.click(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!wrapper.contains(event.target)) { menu.classList.add("d-none"); if (!multiple) { render(); } }
    });
    render();
  }

  function labelText(select) {
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    return label ? label.textContent.trim() : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset]").forEach(initFormset);
    document.querySelectorAll("select[data-lookup-url]").forEach(function (select) {
      if (!select.closest("template")) { initPicker(select); }
    });
  });
})();
