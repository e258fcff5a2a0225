/* Service worker of the scanner page (served at /scanning/sw.js, scope /scanning/): keeps the page
   and its assets loadable when the venue network is gone. API calls always go to the network; the
   page itself queues scans when they fail. */
const CACHE = 'hct-scanner-v1';
const ASSETS = [
  '/static/vendor/jsqr/jsQR.js',
  '/static/vendor/bootstrap/bootstrap.min.css',
  '/static/vendor/bootstrap/bootstrap.bundle.min.js',
  '/static/vendor/bootstrap-icons/bootstrap-icons.min.css',
  '/static/css/app.css',
  '/static/css/scanning.css',
  '/static/js/scanning.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all(ASSETS.map((url) => cache.add(url).catch(() => null))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch (e) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // Only the scanner itself: organiser pages under /scanning/ are never kept on the device.
  const scannerPage = url.pathname === '/scanning/' || url.pathname.startsWith('/scanning/scan/');
  if (scannerPage || url.pathname.startsWith('/static/') || url.pathname.startsWith('/scanning/photo/')) {
    event.respondWith(networkFirst(request));
  }
});
