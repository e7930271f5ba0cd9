// Optional enhancement: suggest matching guidelines while the user types (300 ms after the
// last key), using /api/search. The form works the same without this script.
(function () {
  "use strict";
  document.querySelectorAll("form.search-form[data-suggest-url]").forEach(function (form) {
    var input = form.querySelector("input[type=search]");
    if (!input || !window.fetch) { return; }
    var list = document.createElement("ul");
    list.className = "suggestions";
    list.id = input.id + "-suggestions";
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(status);
    form.appendChild(list);
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        var ticket = ++latest;
        if (q.length < 3) { list.innerHTML = ""; status.textContent = ""; return; }
        fetch(form.dataset.suggestUrl + "?per_page=5&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) {
            if (!data || ticket !== latest) { return; }
            list.innerHTML = "";
            data.results.forEach(function (hit) {
              var li = document.createElement("li");
              var a = document.createElement("a");
              a.href = hit.url;
              a.textContent = hit.title;
              li.appendChild(a);
              list.appendChild(li);
            });
            // The wording comes from the page, in the reader's language ("{count}" is the number).
            var wording = form.dataset.suggestStatus || "{count} suggested guidelines below the search box.";
            status.textContent = data.results.length ? wording.replace("{count}", data.results.length) : "";
          })
          .catch(function () { /* suggestions are optional */ });
      }, 300);
    });
  });
})();
