// Registration pages: show only the fields that fit the delegation type; tick all rows in the queue.
(function () {
  "use strict";
  const form = document.getElementById("delegation-form");
  if (form) {
    const select = form.querySelector("select[name=type]");
    const update = function () {
      const kind = select ? select.value : form.dataset.type;
      form.querySelectorAll("[data-for]").forEach(function (block) {
        block.hidden = Boolean(kind) && !block.dataset.for.split(" ").includes(kind);
      });
    };
    if (select) select.addEventListener("change", update);
    update();
  }
  const all = document.getElementById("tick-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
