// The room screen and the officer's console: poll the list of speakers' JSON state and show the
// current speaker, a countdown (ticking locally between polls) and who is next. No page reload.
(function () {
  "use strict";
  const root = document.querySelector("[data-state-url]");
  if (!root) return;
  const url = root.dataset.stateUrl;
  const field = (name) => root.querySelector(`[data-field="${name}"]`);
  let timer = null;
  let receivedAt = 0;

  function format(seconds) {
    const sign = seconds < 0 ? "−" : "";
    const s = Math.abs(seconds);
    return `${sign}${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  }

  function tick() {
    const out = field("timer");
    if (!out) return;
    if (!timer) {
      out.textContent = "--:--";
      return;
    }
    const drift = timer.running ? Math.floor((Date.now() - receivedAt) / 1000) : 0;
    const remaining = timer.remaining_seconds - drift;
    out.textContent = format(remaining);
    out.classList.toggle("timer-over", remaining < 0);
    out.classList.toggle("timer-low", remaining >= 0 && remaining <= 30);
    out.classList.toggle("timer-running", timer.running);
  }

  function show(state) {
    const current = state.current;
    timer = current ? state.timer : null;
    receivedAt = Date.now();
    const line = current ? `${current.speaker}, ${current.level_label}` : "";
    if (field("delegation")) field("delegation").textContent = current ? current.delegation : "—";
    if (field("speaker")) field("speaker").textContent = line;
    if (field("current")) field("current").textContent = current ? `${current.delegation} — ${line}` : "—";
    const next = field("next");
    if (next) {
      next.replaceChildren(
        ...state.next.map((n) => {
          const li = document.createElement("li");
          li.textContent = `${n.delegation} — ${n.speaker}`;
          return li;
        })
      );
    }
    tick();
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) show(await response.json());
    } catch (err) {
      // the network may blink in a conference hall; the next poll catches up
    }
  }

  poll();
  setInterval(poll, 1000);
  setInterval(tick, 250);
})();
