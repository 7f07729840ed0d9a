/*
 * 双拥工作平台 service worker: the app opens and the visitor keeps working without network, even after a reload.
 *
 * - The app shell: every built file listed in offline-assets.json (written by the build) plus the page itself,
 *   so any page loads offline, not only those opened before. Pages: the network first, the kept shell offline.
 * - A few GETs, network first, answered from the kept copy only when the network fails: who is signed in
 *   (/api/auth/me), the visitor's own list and the visit form's choices. Nothing else under /api is kept — no
 *   registry, no other people's records. The page deletes these copies at logout and at login (clearOfflineData),
 *   and a 401 from the server deletes them too.
 * - Visits themselves never go through here: they wait in the page's IndexedDB queue until the network is back.
 */
const SHELL = 'shuangyong-shell-v2';
const DATA = 'shuangyong-data-v1';
const STATIC = ['/', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png'];
const KEPT_GETS = ['/api/auth/me', '/api/visits/mine', '/api/visits/form-options', '/api/registry/dictionary'];

/** Keeps every file of the current build; drops kept files of older builds. */
async function precache() {
  const cache = await caches.open(SHELL);
  const response = await fetch('/offline-assets.json', { cache: 'no-store' });
  if (!response.ok) return;
  const { files } = await response.json();
  const wanted = new Set([...STATIC, ...files]);
  const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  const missing = [...wanted].filter((f) => !kept.has(f) && f !== '/');
  // One by one: a single failing file must not throw away the rest.
  for (const file of missing) {
    try {
      const res = await fetch(file, { cache: 'no-store' });
      if (res.ok) await cache.put(file, res);
    } catch {
      return; // Offline again: the next navigation tries the rest.
    }
  }
  for (const path of kept) {
    if (path.startsWith('/assets/') && !wanted.has(path)) await cache.delete(path);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add('/'))
      .then(precache)
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function keep(cacheName, key, response) {
  const copy = response.clone();
  return caches.open(cacheName).then((cache) => cache.put(key, copy));
}

/** Network first; the kept copy only when the network cannot be reached (never for a server's refusal). */
function keptGet(event) {
  const request = event.request;
  return fetch(request).then(
    (response) => {
      if (response.status === 200) event.waitUntil(keep(DATA, request, response));
      else if (response.status === 401) event.waitUntil(caches.delete(DATA));
      return response;
    },
    () => caches.open(DATA).then((cache) => cache.match(request).then((hit) => hit || Response.error())),
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (KEPT_GETS.includes(url.pathname)) event.respondWith(keptGet(event));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (response.ok)
            event.waitUntil(
              keep(SHELL, '/', response)
                .then(precache)
                .catch(() => undefined),
            );
          return response;
        },
        () => caches.match('/', { cacheName: SHELL }).then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  // Built files never change under the same name: the kept copy first.
  event.respondWith(
    caches.match(request, { cacheName: SHELL }).then(
      (hit) =>
        hit ||
        fetch(request).then((response) => {
          if (response.ok && (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname))) {
            event.waitUntil(keep(SHELL, request, response));
          }
          return response;
        }),
    ),
  );
});
