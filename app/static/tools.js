/* Tools: show only the questions the answer depends on. Progressive enhancement only: without
   JavaScript every section is shown and the server ignores answers that do not apply.
   A fieldset with data-show-if="field:value1,value2" is shown when that radio/select has one of the values. */
(function () {
  "use strict";
  var sections = document.querySelectorAll("fieldset[data-show-if]");
  if (!sections.length) { return; }
  function currentValue(form, name) {
    var checked = form.querySelector("input[name='" + name + "']:checked");
    if (checked) { return checked.value; }
    var select = form.querySelector("select[name='" + name + "']");
    return select ? select.value : "";
  }
  function update() {
    sections.forEach(function (section) {
      var rule = section.getAttribute("data-show-if").split(":");
      var values = rule[1].split(",");
      var form = section.closest("form");
      var show = values.indexOf(currentValue(form, rule[0])) !== -1;
      // A section holding an error message always stays visible.
      section.hidden = !show && !section.querySelector(".error");
    });
  }
  document.addEventListener("change", update);
  update();
})();
