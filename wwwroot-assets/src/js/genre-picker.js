// The genre picker, made nicer: a search field that suggests genres with their place in the tree, and the chosen
// genres as chips with a remove button. The checkboxes of the tree (GenrePicker.razor) stay the one record of what is
// chosen: a suggestion ticks one, a chip's button unticks it, and the form sends them as it does without this file.
(function () {
  "use strict";

  var MAX_SUGGESTIONS = 8;
  var counter = 0;

  function boxes(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll("input[type=checkbox][data-name]"));
  }

  function renderChips(picker) {
    var list = picker.querySelector("[data-genre-chips]");
    list.textContent = "";
    boxes(picker).filter(function (box) { return box.checked; }).forEach(function (box) {
      var item = document.createElement("li");
      var chip = document.createElement("span");
      chip.className = "chip chip-removable";
      chip.textContent = box.dataset.name + " ";
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chip-remove";
      remove.setAttribute("aria-label", "Remove " + box.dataset.name);
      remove.textContent = "×";
      remove.addEventListener("click", function () {
        box.checked = false;
        renderChips(picker);
        picker.querySelector("[data-genre-search]").focus();
      });
      chip.appendChild(remove);
      item.appendChild(chip);
      list.appendChild(item);
    });
  }

  function matches(picker, text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return []; }
    var starts = [], contains = [];
    boxes(picker).forEach(function (box) {
      if (box.checked) { return; }
      var name = box.dataset.name.toLowerCase();
      if (name.indexOf(wanted) === 0) { starts.push(box); }
      else if (name.indexOf(wanted) > 0 || box.dataset.path.toLowerCase().indexOf(wanted) >= 0) { contains.push(box); }
    });
    return starts.concat(contains).slice(0, MAX_SUGGESTIONS);
  }

  function enhance(picker) {
    picker.setAttribute("data-enhanced", "");
    var id = "genre-search-" + (++counter);
    var field = document.createElement("div");
    field.className = "field genre-search";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Find a genre";
    var input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("data-genre-search", "");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-list");
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "genre-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Matching genres");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "hint";
    status.setAttribute("aria-live", "polite");
    field.appendChild(label);
    field.appendChild(input);
    field.appendChild(list);
    field.appendChild(status);
    picker.insertBefore(field, picker.querySelector("[data-genre-chips]"));
    var tree = picker.querySelector("details.genre-tree");
    if (tree) { tree.open = false; }

    var options = [], active = -1;

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    function choose(box) {
      box.checked = true;
      input.value = "";
      close();
      renderChips(picker);
      status.textContent = box.dataset.name + " added.";
      input.focus();
    }

    function suggest() {
      close();
      var found = matches(picker, input.value);
      status.textContent = input.value.trim() && found.length === 0 ? "No genre matches." : "";
      if (found.length === 0) { return; }
      found.forEach(function (box, i) {
        var option = document.createElement("li");
        option.id = id + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = box.dataset.name;
        if (box.dataset.path) {
          var path = document.createElement("span");
          path.className = "genre-path";
          path.textContent = box.dataset.path;
          option.appendChild(path);
        }
        // mousedown, not click: it comes before the input loses focus.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(box); });
        option.dataset.value = box.value;
        options.push(option);
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    input.addEventListener("input", suggest);
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        // Enter picks a suggestion; it never submits the form from this field.
        event.preventDefault();
        var index = active >= 0 ? active : 0;
        if (options[index]) { choose(picker.querySelector("input[type=checkbox][value='" + options[index].dataset.value + "']")); }
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    picker.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox]")) { renderChips(picker); }
    });
    renderChips(picker);
  }

  function enhanceAll() {
    document.querySelectorAll("[data-genre-picker]:not([data-enhanced])").forEach(enhance);
  }
  enhanceAll();
  document.addEventListener("htmx:afterSettle", enhanceAll);
})();
