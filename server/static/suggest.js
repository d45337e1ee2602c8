// Autocomplete for every search box that names a suggest endpoint (data-suggest).
// Without this script the box is a plain search form; with it, the best concepts appear
// as one types (ARIA combobox): arrows move, Enter opens the chosen page, Escape closes.
"use strict";

(function () {
  const DELAY_MS = 120;

  function setUp(input, number) {
    const list = document.createElement("ul");
    list.id = "suggestions-" + number;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.form.classList.add("has-suggestions");
    input.insertAdjacentElement("afterend", list);
    const language = input.dataset.lang === "zh" ? "zh" : "en";
    let timer = null;
    let active = -1;
    let asked = "";

    function options() {
      return Array.from(list.querySelectorAll("[role=option]"));
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      const all = options();
      all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", all[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.replaceChildren();
      suggestions.forEach((s, i) => {
        const item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.dataset.href = s.href;
        const code = document.createElement("span");
        code.className = "code";
        code.textContent = s.notation;
        const name = document.createElement("span");
        name.lang = language === "zh" ? "zh-Hans" : "en";
        name.textContent = s.label[language] || s.label.zh;
        const path = document.createElement("span");
        path.className = "muted";
        path.textContent = s.path;
        item.append(code, " ", name, " ", path);
        item.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep the focus: the click below navigates
          window.location.href = s.href;
        });
        list.append(item);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", String(suggestions.length > 0));
      mark(-1);
    }

    async function ask() {
      const q = input.value.trim();
      if (!q) {
        close();
        return;
      }
      asked = q;
      try {
        const url = input.dataset.suggest + "?q=" + encodeURIComponent(q);
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok || asked !== q) return; // a later keystroke asked again
        show((await response.json()).suggestions);
      } catch (error) {
        close(); // the plain search still works
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", (event) => {
      const all = options();
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        mark((active + 1) % all.length);
      } else if (event.key === "ArrowUp" && all.length) {
        event.preventDefault();
        mark(active <= 0 ? all.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = all[active].dataset.href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  document.querySelectorAll("input[data-suggest]").forEach(setUp);
})();
