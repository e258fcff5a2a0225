// Badge print queue: show only the field the chosen selection needs; follow a batch's progress.
(function () {
  "use strict";
  var form = document.getElementById("batch-form");
  if (form) {
    var select = form.querySelector("select[name=selection]");
    var sync = function () {
      form.querySelectorAll("[data-when]").forEach(function (el) {
        el.hidden = el.getAttribute("data-when") !== select.value;
      });
    };
    select.addEventListener("change", sync);
    sync();
  }
  var box = document.getElementById("batch-progress");
  if (box && (box.dataset.status === "queued" || box.dataset.status === "running")) {
    var bar = box.querySelector(".progress-bar");
    var poll = function () {
      fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.status === "done" || data.status === "failed") {
            window.location.reload();
            return;
          }
          var pct = data.total ? Math.round((100 * data.rendered) / data.total) : 0;
          bar.style.width = pct + "%";
          bar.textContent = data.rendered + " / " + data.total;
          bar.parentNode.setAttribute("aria-valuenow", data.rendered);
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  }
})();
