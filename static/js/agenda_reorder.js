// Drag rows of a table body into a new order, then send the ids to the server (the up/down buttons
// do the same without a mouse). <tbody data-reorder-url> with <tr data-id draggable="true"> rows.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
  document.querySelectorAll("tbody[data-reorder-url]").forEach((body) => {
    let dragged = null;
    body.addEventListener("dragstart", (event) => {
      dragged = event.target.closest("tr[data-id]");
      if (!dragged) return;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.id);
      dragged.classList.add("opacity-50");
    });
    body.addEventListener("dragover", (event) => {
      const target = event.target.closest("tr[data-id]");
      if (!dragged || !target || target === dragged) return;
      event.preventDefault();
      const box = target.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      target.parentNode.insertBefore(dragged, after ? target.nextSibling : target);
    });
    body.addEventListener("dragend", async () => {
      if (!dragged) return;
      dragged.classList.remove("opacity-50");
      dragged = null;
      const order = [...body.querySelectorAll("tr[data-id]")].map((row) => Number(row.dataset.id));
      try {
        const response = await fetch(body.dataset.reorderUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify({ order }),
        });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          window.alert(problem.message || "The new order could not be saved.");
        }
      } finally {
        window.location.reload();
      }
    });
  });
})();
