// A search box above every <select multiple data-country-filter>: typing hides the countries that do not match;
// chosen countries stay visible and are listed under the box. No inline script, so a strict CSP allows it.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function enhance(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "country-filter";
    box.placeholder = select.getAttribute("data-placeholder") || "Search countries";
    box.setAttribute("aria-label", box.placeholder);
    var chosen = document.createElement("p");
    chosen.className = "muted small country-chosen";
    chosen.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(chosen, select.nextSibling);
    function showChosen() {
      var names = [];
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].selected) names.push(select.options[i].text);
      }
      chosen.textContent = names.join(", ");
    }
    box.addEventListener("input", function () {
      var query = fold(box.value.trim());
      for (var i = 0; i < select.options.length; i++) {
        var option = select.options[i];
        option.hidden = query !== "" && !option.selected && fold(option.text).indexOf(query) === -1;
      }
    });
    select.addEventListener("change", showChosen);
    showChosen();
  }
  document.querySelectorAll("select[data-country-filter]").forEach(enhance);
})();
