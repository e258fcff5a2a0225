// The organiser dashboard: polls the figures every few seconds and updates cards and charts in place.
(function () {
  "use strict";
  const root = document.getElementById("figures");
  if (!root) return;
  const url = root.dataset.url;
  const interval = parseInt(root.dataset.interval, 10) || 5000;
  const charts = new Map();
  let signature = Array.from(root.querySelectorAll(".figure-card")).map((c) => c.dataset.key).sort().join("|");

  const TIMELIKE = /^(\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2})/;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function chartFor(card, figure) {
    const canvas = card.querySelector("canvas");
    if (!canvas || typeof Chart === "undefined") return;
    const labels = Object.keys(figure.detail);
    const values = Object.values(figure.detail);
    let chart = charts.get(figure.key);
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets[0].data = values;
      chart.update("none");
      return;
    }
    const timeline = labels.length > 1 && labels.every((l) => TIMELIKE.test(l));
    chart = new Chart(canvas, {
      type: timeline ? "line" : "bar",
      data: { labels: labels, datasets: [{ label: figure.label, data: values, backgroundColor: "#0b4f8a", borderColor: "#0b4f8a", fill: false, tension: 0.2 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: !timeline && labels.length > 8 ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: {
          x: { beginAtZero: true, ticks: { autoSkip: timeline } },
          y: { beginAtZero: true, ticks: { autoSkip: timeline } },
        },
      },
    });
    charts.set(figure.key, chart);
  }

  function fillTable(card, detail) {
    const body = card.querySelector(".figure-table tbody");
    if (!body) return;
    body.replaceChildren();
    for (const [k, v] of Object.entries(detail)) {
      const row = el("tr");
      row.append(el("th", "fw-normal", k), el("td", "text-end", String(v)));
      row.firstChild.scope = "row";
      body.append(row);
    }
  }

  function buildCard(figure) {
    const hasDetail = figure.detail && Object.keys(figure.detail).length > 0;
    const col = el("div", hasDetail ? "col-12 col-lg-6" : "col-6 col-md-4 col-xl-2");
    const card = el("div", "card h-100 figure-card");
    card.dataset.key = figure.key;
    const body = el("div", "card-body");
    body.append(el("div", "text-muted small figure-label", figure.label), el("div", "fs-2 fw-semibold figure-value", ""));
    if (hasDetail) {
      const holder = el("div", "figure-chart");
      holder.style.position = "relative";
      holder.style.height = "240px";
      const canvas = el("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", figure.label);
      holder.append(canvas);
      const details = el("details", "small mt-1");
      details.append(el("summary", null, root.dataset.tableLabel || "Table"));
      const table = el("table", "table table-sm mb-0 figure-table");
      table.append(el("tbody"));
      details.append(table);
      body.append(holder, details);
    }
    card.append(body);
    col.append(card);
    return col;
  }

  function rebuild(data) {
    charts.forEach((c) => c.destroy());
    charts.clear();
    const sections = data.groups.map((group) => {
      const section = el("section", "mb-4 figure-group");
      section.dataset.group = group.group;
      const hasDetail = (f) => f.detail && Object.keys(f.detail).length > 0;
      const numbers = el("div", "row g-3 mb-3");
      const charted = el("div", "row g-3 mb-3");
      group.figures.forEach((f) => (hasDetail(f) ? charted : numbers).append(buildCard(f)));
      section.append(el("h2", "h5 text-capitalize", group.group), numbers, charted);
      return section;
    });
    root.replaceChildren(...sections);
  }

  function render(data) {
    const keys = data.groups.flatMap((g) => g.figures.map((f) => f.key)).sort().join("|");
    if (keys !== signature) {
      rebuild(data);
      signature = keys;
    }
    for (const group of data.groups) {
      for (const figure of group.figures) {
        const card = root.querySelector(`.figure-card[data-key="${CSS.escape(figure.key)}"]`);
        if (!card) continue;
        card.querySelector(".figure-value").textContent = String(figure.value);
        if (figure.detail && Object.keys(figure.detail).length) {
          fillTable(card, figure.detail);
          chartFor(card, figure);
        }
      }
    }
    const at = document.getElementById("figures-at");
    if (at) at.textContent = data.at.slice(11, 19) + " UTC";
  }

  async function poll() {
    const stale = document.getElementById("figures-stale");
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      render(await response.json());
      if (stale) stale.classList.add("d-none");
    } catch (err) {
      if (stale) stale.classList.remove("d-none");
    } finally {
      window.setTimeout(poll, interval);
    }
  }

  poll();
})();
