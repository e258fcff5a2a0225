// Floor plan: tapping (or pressing Enter on) a booth shows who exhibits there, for touch screens
// where the SVG <title> tooltip never appears. Hover keeps the native tooltip on desktops.
(function () {
  "use strict";

  function show(booth, info) {
    document.querySelectorAll(".booth.is-selected").forEach(function (el) { el.classList.remove("is-selected"); });
    booth.classList.add("is-selected");
    var d = booth.dataset;
    info.textContent = "";
    var head = document.createElement("strong");
    head.textContent = d.code + " · " + d.size;
    info.appendChild(head);
    info.appendChild(document.createElement("br"));
    if (d.name) {
      var link = document.createElement("a");
      link.href = d.url;
      link.className = "booth-info-name";
      link.textContent = d.name;
      info.appendChild(link);
    } else {
      info.appendChild(document.createTextNode(info.dataset.freeLabel || "Free booth"));
    }
    var theme = document.createElement("div");
    theme.className = "small text-body-secondary";
    theme.textContent = d.theme;
    info.appendChild(theme);
    info.classList.remove("d-none");
  }

  // On a narrow screen the plan scrolls sideways: bring the highlighted booth into view.
  function centreHighlight(figure) {
    var scroller = figure.querySelector(".floorplan-scroll");
    var booth = figure.querySelector(".booth-highlight");
    if (!scroller || !booth || scroller.scrollWidth <= scroller.clientWidth) { return; }
    var box = booth.getBoundingClientRect();
    var frame = scroller.getBoundingClientRect();
    scroller.scrollLeft += box.left + box.width / 2 - (frame.left + frame.width / 2);
  }

  document.querySelectorAll(".floorplan-figure").forEach(function (figure) {
    var info = figure.querySelector(".booth-info");
    centreHighlight(figure);
    figure.addEventListener("click", function (event) {
      var booth = event.target.closest(".booth");
      if (booth) { show(booth, info); }
    });
    figure.addEventListener("keydown", function (event) {
      var booth = event.target.closest(".booth");
      if (booth && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        show(booth, info);
      }
    });
  });
})();
