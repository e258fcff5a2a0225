/* The scanner page: camera (BarcodeDetector or jsQR), hand-held scanner (keyboard wedge) and manual
   search; verdicts from POST /api/v1/scans, or decided here when the network is gone (Ed25519 via
   WebCrypto + the synced roster), queued in IndexedDB and uploaded once when back online. */
(function () {
  'use strict';
  const root = document.getElementById('scanner');
  if (!root) return;
  const cfg = JSON.parse(root.dataset.config);
  const messages = JSON.parse(root.dataset.messages);
  const texts = JSON.parse(root.dataset.texts);
  const hasRoster = root.dataset.roster === '1';
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const state = (window.scanState = {
    frames: 0, decoded: 0, error: null, last: null, queued: 0, sent: 0, offlineDecided: 0, rosterSize: 0, latencyMs: null,
  });
  const AMBER = new Set(['already_inside', 'unreadable']);
  const FULL_SYNC_MS = 10 * 60 * 1000;
  const device = localStorage.getItem('hct-device') || ('device-' + crypto.randomUUID().slice(0, 8));
  localStorage.setItem('hct-device', device);

  // --- IndexedDB: queue (scans to upload), roster (badges), meta (sync time, keys, presence) ----
  let dbPromise = null;
  function idb() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const req = indexedDB.open('hct-scanner', 1);
        req.onupgradeneeded = () => {
          const d = req.result;
          d.createObjectStore('queue', { keyPath: 'client_scan_id' });
          d.createObjectStore('roster', { keyPath: 'id' });
          d.createObjectStore('meta', { keyPath: 'key' });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    return dbPromise;
  }
  async function store(name, mode, fn) {
    const d = await idb();
    return new Promise((resolve, reject) => {
      const t = d.transaction(name, mode);
      const s = t.objectStore(name);
      let result;
      const req = fn(s);
      if (req) req.onsuccess = () => { result = req.result; };
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(t.error);
    });
  }
  const getMeta = async (key) => (await store('meta', 'readonly', (s) => s.get(key)) || {}).value;
  const setMeta = (key, value) => store('meta', 'readwrite', (s) => s.put({ key, value }));

  // --- roster and keys ---------------------------------------------------------------------------
  let people = [];
  const keys = {};
  async function importKeys(hexKeys) {
    for (const [kid, hex] of Object.entries(hexKeys || {})) {
      const raw = new Uint8Array(hex.match(/../g).map((h) => parseInt(h, 16)));
      try {
        keys[kid] = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      } catch (e) { state.error = 'key import: ' + e; }
    }
  }
  async function loadLocal() {
    await importKeys(JSON.parse(root.dataset.keys));  // public keys: in the page itself, for every scanning role
    await importKeys(await getMeta('keys'));
    people = (await store('roster', 'readonly', (s) => s.getAll())) || [];
    state.rosterSize = people.length;
  }
  async function syncRoster() {
    if (!hasRoster) return;
    const lastFull = (await getMeta('full_at')) || 0;
    const full = Date.now() - lastFull > FULL_SYNC_MS;
    const since = full ? null : await getMeta('synced_at');
    const url = root.dataset.rosterUrl + (since ? '?since=' + encodeURIComponent(since) : '');
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.status === 401 || res.status === 403) {
      // Logged out or no longer a scanner: the roster (names, delegations) must not stay on the device.
      await store('roster', 'readwrite', (s) => s.clear());
      await setMeta('full_at', 0);
      people = [];
      state.rosterSize = 0;
      showStatus();
      return;
    }
    if (!res.ok) return;
    const data = await res.json();
    await store('roster', 'readwrite', (s) => { for (const b of data.badges) s.put(b); });
    await setMeta('synced_at', data.synced_at);
    await setMeta('keys', data.keys);
    if (full) await setMeta('full_at', Date.now());
    await loadLocal();
    showStatus();
  }

  // --- the code inside a badge QR: HC1: + base45(version, key id, badge id, serial, signature) ---
  const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  function base45(text) {
    const out = [];
    for (let i = 0; i < text.length; i += 3) {
      const c = [...text.slice(i, i + 3)].map((ch) => B45.indexOf(ch));
      if (c.some((v) => v < 0)) return null;
      const n = c[0] + c[1] * 45 + (c.length === 3 ? c[2] * 2025 : 0);
      if (c.length === 3) { if (n > 0xffff) return null; out.push(n >> 8, n & 0xff); }
      else if (c.length === 2) { if (n > 0xff) return null; out.push(n); }
      else return null;
    }
    return new Uint8Array(out);
  }
  function parseCode(code) {
    code = (code || '').trim().toUpperCase();
    if (!code.startsWith('HC1:')) return null;
    const data = base45(code.slice(4));
    if (!data || data.length !== 72 || data[0] !== 1) return null;
    const v = new DataView(data.buffer);
    return { keyId: data[1], badgeId: v.getUint32(2), serial: v.getUint16(6), head: data.slice(0, 8), sig: data.slice(8) };
  }

  // --- deciding offline: the server's rules, with what this device knows ------------------------
  function insideKey() { return 'inside:' + cfg.id; }
  function localInside() { return new Set(JSON.parse(localStorage.getItem(insideKey()) || '[]')); }
  function rememberPresence(badgeId, entering) {
    const inside = localInside();
    if (entering) inside.add(badgeId); else inside.delete(badgeId);
    localStorage.setItem(insideKey(), JSON.stringify([...inside]));
  }
  function participantOf(b) {
    return b && { badge_id: b.id, number: b.number, name: b.name, title: b.title, delegation: b.delegation,
      category: b.category, colour: b.colour, letter: b.letter, photo_url: b.photo_url };
  }
  async function decideOffline(code, badgeId, when) {
    let serial = null;
    if (code) {
      const parsed = parseCode(code);
      if (!parsed) return { reason: 'unreadable' };
      const key = keys[String(parsed.keyId)];
      if (!key) return { reason: 'invalid' };
      const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, parsed.sig, parsed.head);
      if (!ok) return { reason: 'invalid' };
      badgeId = parsed.badgeId;
      serial = parsed.serial;
    }
    const b = people.find((p) => p.id === badgeId);
    const gate = cfg.kind === 'zone_gate' || cfg.kind === 'session_door';
    const entering = cfg.direction === 'in';
    if ((cfg.opens_at && when < new Date(cfg.opens_at)) || (cfg.closes_at && when >= new Date(cfg.closes_at))) {
      return { reason: 'not_open', participant: participantOf(b) };
    }
    if (!b) return { reason: 'accepted', badgeId, note: texts.unknown };
    const p = participantOf(b);
    if (serial !== null && b.revoked_serials.includes(serial)) return { reason: 'revoked', participant: p };
    if (serial !== null && serial < b.serial) return { reason: 'superseded', participant: p };
    if (serial !== null && serial > b.serial) return { reason: 'invalid', participant: p };
    if (!b.approved) return { reason: 'not_approved', participant: p };
    if (gate && entering && cfg.zone && !b.zones.includes(cfg.zone)) return { reason: 'wrong_zone', participant: p };
    if (gate && entering && cfg.reentry !== 'any' && localInside().has(b.id)) {
      return { reason: 'already_inside', participant: p };
    }
    return { reason: 'accepted', participant: p, badgeId: b.id };
  }

  // --- one scan, online first -------------------------------------------------------------------
  async function post(item) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 4000);
    try {
      return await fetch(root.dataset.scanUrl, {
        method: 'POST', credentials: 'same-origin', signal: ctrl.signal,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
        body: JSON.stringify(item),
      });
    } finally { clearTimeout(timer); }
  }
  let busy = Promise.resolve();
  function scan(code, badgeId, t0) {
    busy = busy.then(() => scanNow(code, badgeId, t0 || performance.now())).catch((e) => { state.error = String(e); });
    return busy;
  }
  async function scanNow(code, badgeId, t0) {
    const now = new Date();
    const item = { checkpoint: cfg.id, code: code || null, badge_id: badgeId || null,
      client_scan_id: crypto.randomUUID(), scanned_at: now.toISOString(), device };
    if (navigator.onLine) {
      try {
        const res = await post(item);
        if (res.status < 500) {
          const data = await res.json();
          if (res.ok) {
            state.sent += 1;
            if (cfg.kind === 'zone_gate' || cfg.kind === 'session_door') {
              if (data.verdict === 'accepted' && data.participant) rememberPresence(data.participant.badge_id, cfg.direction === 'in');
            }
            show(data.reason, data.message, data.participant, null, t0, data.collected && texts['collected_' + data.collected]);
          } else {
            show('invalid', data.message || String(res.status), null, null, t0);
          }
          flushQueue();
          return;
        }
      } catch (e) { /* network down or timed out: decide here */ }
    }
    const local = await decideOffline(code, badgeId, now);
    if (local.reason === 'accepted' && local.badgeId && (cfg.kind === 'zone_gate' || cfg.kind === 'session_door')) {
      rememberPresence(local.badgeId, cfg.direction === 'in');
    }
    item.offline = true;
    await store('queue', 'readwrite', (s) => s.put(item));
    state.offlineDecided += 1;
    await countQueue();
    show(local.reason, messages[local.reason], local.participant, local.note || texts.offline_note, t0);
  }

  let flushing = false;
  async function flushQueue() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    try {
      const items = (await store('queue', 'readonly', (s) => s.getAll())) || [];
      for (const item of items) {
        let res;
        try { res = await post(item); } catch (e) { break; }
        // Keep the queue when the server is down or the login has lapsed: it goes out after a new login.
        if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 429) break;
        if (res.status === 400 && ((await res.json().catch(() => ({}))).error === 'csrf_failed')) break;
        // Recorded now or before (same client_scan_id), or refused as malformed: either way, done.
        await store('queue', 'readwrite', (s) => s.delete(item.client_scan_id));
        if (res.ok) state.sent += 1;
      }
    } finally {
      flushing = false;
      await countQueue();
    }
  }
  async function countQueue() {
    state.queued = (await store('queue', 'readonly', (s) => s.count())) || 0;
    showStatus();
  }
  function showStatus() {
    const net = $('netstatus');
    net.textContent = navigator.onLine
      ? texts.online + (state.queued ? ' — ' + state.queued + ' ' + texts.queued : '')
      : texts.offline + ' — ' + state.queued + ' ' + texts.queued;
    net.className = navigator.onLine ? '' : 'badge text-bg-warning';
    $('rosterstatus').textContent = hasRoster ? state.rosterSize + ' ' + texts.roster : texts.noroster;
    $('counter').textContent = String(state.sent + state.queued);
  }

  // --- the verdict: colour, sound, vibration, photo ---------------------------------------------
  let audio = null;
  function beep(colour) {
    try {
      audio = audio || new AudioContext();
      const tones = colour === 'green' ? [[880, 0, 0.12]] : colour === 'amber' ? [[520, 0, 0.12], [520, 0.18, 0.12]]
        : [[220, 0, 0.15], [220, 0.2, 0.15], [220, 0.4, 0.25]];
      for (const [freq, at, len] of tones) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        osc.type = colour === 'green' ? 'sine' : 'square';
        gain.gain.value = 0.2;
        osc.connect(gain).connect(audio.destination);
        osc.start(audio.currentTime + at);
        osc.stop(audio.currentTime + at + len);
      }
    } catch (e) { /* no audio on this device */ }
    if (navigator.vibrate) navigator.vibrate(colour === 'green' ? 120 : colour === 'amber' ? [100, 80, 100] : [300, 100, 300]);
  }
  let hideTimer = null;
  function show(reason, message, participant, note, t0, handover) {
    const colour = reason === 'accepted' ? 'green' : AMBER.has(reason) ? 'amber' : 'red';
    const v = $('verdict');
    v.className = 'verdict verdict-' + colour;
    v.dataset.reason = reason;
    $('v-word').textContent = texts[colour];
    $('v-reason').textContent = message || messages[reason] || reason;
    const photo = $('v-photo');
    if (participant && participant.photo_url) { photo.src = participant.photo_url; photo.hidden = false; }
    else { photo.hidden = true; photo.removeAttribute('src'); }
    $('v-name').textContent = participant ? participant.name : '';
    $('v-delegation').textContent = participant ? [participant.title, participant.delegation].filter(Boolean).join(' · ') : '';
    const cat = $('v-category');
    cat.textContent = participant ? (participant.letter ? participant.letter + ' · ' : '') + participant.category : '';
    cat.style.backgroundColor = participant ? participant.colour : 'transparent';
    cat.hidden = !participant;
    $('v-note').textContent = [handover, note].filter(Boolean).join(' · ');
    v.hidden = false;
    state.last = { reason, name: participant ? participant.name : null, offline: Boolean(note) };
    state.latencyMs = Math.round(performance.now() - t0);
    beep(colour);
    const line = document.createElement('div');
    line.textContent = new Date().toLocaleTimeString() + ' · ' + reason + (participant ? ' · ' + participant.name : '');
    $('history').prepend(line);
    while ($('history').childElementCount > 8) $('history').lastChild.remove();
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => { v.hidden = true; }, colour === 'green' ? 2500 : 5000);
    showStatus();
  }
  $('verdict').addEventListener('click', () => { $('verdict').hidden = true; focusWedge(); });

  // --- inputs: hand-held scanner (keyboard wedge), manual search, camera ------------------------
  const wedge = $('wedge');
  function focusWedge() { if (document.activeElement !== $('search')) wedge.focus(); }
  wedge.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const code = wedge.value.trim();
    wedge.value = '';
    if (code) scan(code, null);
  });
  wedge.addEventListener('blur', () => setTimeout(focusWedge, 150));
  const search = $('search');
  function fold(s) { return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  search.addEventListener('input', () => {
    const q = fold(search.value.trim());
    const results = $('results');
    results.replaceChildren();
    if (q.length < 2) return;
    const digits = q.replace(/^hn0*/, '');
    const hits = people.filter((p) => fold(p.name).includes(q) || fold(p.number).includes(q)
      || (/^\d+$/.test(digits) && String(p.id) === digits)).slice(0, 8);
    for (const p of hits) {
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'list-group-item list-group-item-action';
      btn.textContent = p.number + ' · ' + p.name + (p.delegation ? ' · ' + p.delegation : '');
      btn.addEventListener('click', () => {
        search.value = '';
        results.replaceChildren();
        scan(null, p.id);
        wedge.focus();
      });
      results.appendChild(btn);
    }
  });
  search.addEventListener('blur', () => setTimeout(focusWedge, 300));

  const recent = new Map();
  function seen(code) {
    const now = Date.now();
    for (const [c, t] of recent) if (now - t > 4000) recent.delete(c);
    if (recent.has(code)) return true;
    recent.set(code, now);
    return false;
  }
  async function startCamera() {
    const video = $('camera');
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      $('camera-msg').textContent = texts.nocamera;
      return;
    }
    try {
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      await video.play();
    } catch (e) {
      state.error = String(e);
      $('camera-msg').textContent = texts.nocamera;
      return;
    }
    let detector = null;
    if ('BarcodeDetector' in window) {
      try { detector = new window.BarcodeDetector({ formats: ['qr_code'] }); } catch (e) { detector = null; }
    }
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    async function tick() {
      try {
        if (video.readyState >= 2 && video.videoWidth) {
          state.frames += 1;
          const t0 = performance.now();
          let text = null;
          if (detector) {
            const found = await detector.detect(video);
            text = found.length ? found[0].rawValue : null;
          } else {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            ctx.drawImage(video, 0, 0);
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const qr = window.jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
            text = qr ? qr.data : null;
          }
          if (text && !seen(text)) {
            state.decoded += 1;
            scan(text, null, t0);
          }
        }
      } catch (e) { state.error = String(e); }
      setTimeout(tick, 100);
    }
    tick();
  }

  // --- start --------------------------------------------------------------------------------------
  window.addEventListener('online', () => { showStatus(); flushQueue(); syncRoster().catch(() => {}); });
  window.addEventListener('offline', showStatus);
  document.addEventListener('click', () => { if (audio && audio.state === 'suspended') audio.resume(); });
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: '/scanning/' }).catch((e) => { state.swError = String(e); });
    // This page was loaded before the worker existed: put it in the worker's cache for offline reloads.
    navigator.serviceWorker.ready
      .then(() => caches.open('hct-scanner-v1'))
      .then((cache) => cache.add(location.pathname))
      .then(() => { state.cached = true; })
      .catch((e) => { state.swError = String(e); });
  }
  loadLocal()
    .then(() => { showStatus(); countQueue(); })
    .then(() => (navigator.onLine ? syncRoster() : null))
    .catch((e) => { state.error = String(e); })
    .finally(() => { state.ready = true; });
  setInterval(() => { if (navigator.onLine) { flushQueue(); syncRoster().catch(() => {}); } }, 30000);
  setInterval(() => { if (navigator.onLine && state.queued) flushQueue(); }, 5000);
  startCamera();
  focusWedge();
})();
