// Highlights the lines an RFC 5147 fragment names (#line=35,40 → lines 36 to 40) on the
// source text's page. Without it the browser still scrolls to the excerpt's anchor.
(function () {
  "use strict";
  function highlight() {
    document.querySelectorAll(".source-text li.hit").forEach(function (li) {
      li.classList.remove("hit");
    });
    var match = /^#line=(\d+),(\d+)$/.exec(decodeURIComponent(location.hash));
    if (!match) return;
    var first = Number(match[1]) + 1, last = Number(match[2]);
    for (var n = first; n <= last; n++) {
      var li = document.getElementById("L" + n);
      if (li) li.classList.add("hit");
    }
    var start = document.getElementById("L" + first);
    if (start && !document.getElementById(location.hash.slice(1))) start.scrollIntoView();
  }
  window.addEventListener("hashchange", highlight);
  highlight();
})();
