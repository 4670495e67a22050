(function () {
  "use strict";
  function highlight() {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target || !target.dataset.m) { return; }
    document.querySelectorAll('[data-m="' + CSS.escape(target.dataset.m) + '"]').forEach(function (el) {
      el.classList.add("current");
    });
  }
  window.addEventListener("hashchange", highlight);
  highlight();
  var box = document.getElementById("only-gaps");
  var table = document.getElementById("checklist-table");
  if (box && table) {
    box.closest(".filter").hidden = false;
    box.addEventListener("change", function () { table.classList.toggle("only-gaps", box.checked); });
  }
})();
