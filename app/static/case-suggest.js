/* Progressive enhancement for "Ask the compliance officer": while the asker types, show up to five
   guideline articles from /api/search in a polite live region. Without JavaScript the form's
   "Check the guidelines first" button does the same on the server. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-suggest-url");
  var subject = form.querySelector("#subject");
  var question = form.querySelector("#question");
  if (!url || !question) { return; }
  var box = document.createElement("section");
  box.className = "panel";
  box.setAttribute("aria-live", "polite");
  box.hidden = true;
  form.parentNode.insertBefore(box, form);
  var timer = null, last = "";

  function render(results) {
    box.textContent = "";
    if (!results.length) { box.hidden = true; return; }
    var heading = document.createElement("h2");
    heading.textContent = form.dataset.suggestHeading || "Guidelines that may answer your question";  // page language
    var list = document.createElement("ul");
    results.slice(0, 5).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.title;
      item.appendChild(link);
      if (hit.summary) { item.appendChild(document.createTextNode(": " + hit.summary)); }
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(list);
    box.hidden = false;
  }

  function lookup() {
    var text = ((subject && subject.value) || "") + " " + question.value;
    text = text.trim();
    if (text.length < 4 || text === last) { return; }
    last = text;
    fetch(url + "?per_page=5&q=" + encodeURIComponent(text), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { /* suggestions are a nicety; the form still works */ });
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(lookup, 400); }
  question.addEventListener("input", schedule);
  if (subject) { subject.addEventListener("input", schedule); }
})();
