// The public tally of signatures: refresh the count and the list every few seconds, no reload.
(function () {
  "use strict";
  const root = document.querySelector("[data-signatures-url]");
  if (!root) return;
  const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: root.dataset.venueTimezone });

  async function refresh() {
    try {
      const response = await fetch(root.dataset.signaturesUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (!response.ok) return;
      const data = await response.json();
      root.querySelector('[data-field="count"]').textContent = data.count;
      root.querySelector('[data-field="rows"]').replaceChildren(
        ...data.signatures.map((s) => {
          const tr = document.createElement("tr");
          for (const text of [s.party, dateFormat.format(new Date(s.signed_at)), s.level_label]) {
            const td = document.createElement("td");
            td.textContent = text;
            tr.appendChild(td);
          }
          return tr;
        })
      );
    } catch (err) {
      // try again at the next tick
    }
  }
  setInterval(refresh, 5000);
})();
