// Kaiku's service worker: keeps the team app's shell (index.html and the files it
// loads) so that a reload without a network still opens the app. Data is not cached
// here: the app keeps what it needs in IndexedDB and queues changes itself.
//
// Plain JavaScript with no build step. Trunk copies it to the root of dist/ (see
// app/index.html), so it is served at /sw.js and may control the whole origin.

'use strict';

// Bump the version to drop every older cache on the next activation.
const CACHE = 'kaiku-shell-v1';
const SHELL = '/index.html';

// Not the app shell: the API (never cached, the app handles offline itself), the
// customer survey page and its own bundle, and the health check.
const BYPASS = ['/api/', '/survey/', '/s/', '/healthz'];

function bypassed(url) {
  return url.origin !== self.location.origin || BYPASS.some((prefix) => url.pathname.startsWith(prefix));
}

// Trunk names its outputs `name-<hash>.js|_bg.wasm|.css`: such a file never changes,
// so the cached copy is always right.
function hashed(url) {
  return /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/.test(url.pathname);
}

// The same-origin files a page references: href/src attributes, and the quoted paths
// in Trunk's inline loader (`import init from '/kaiku-app-….js'`, the .wasm path).
function referencedFiles(html) {
  const found = new Set();
  const pattern = /(?:href|src)\s*=\s*["']([^"']+)["']|["'](\/[^"'\s]+\.(?:js|wasm|css|svg|png|ico|webmanifest))["']/g;
  for (const match of html.matchAll(pattern)) {
    const path = match[1] || match[2];
    const url = new URL(path, self.location.origin);
    if (!bypassed(url) && /\.[a-z0-9]+$/i.test(url.pathname)) {
      found.add(url.pathname);
    }
  }
  return [...found];
}

// Stores a fresh shell and the files it names; drops the files older shells named.
async function storeShell(cache, response) {
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const files = referencedFiles(html);
  // One missing file must not keep the rest out of the cache.
  await Promise.all(
    files.map(async (path) => {
      if (!(await cache.match(path))) {
        try {
          const file = await fetch(path, { cache: 'no-cache' });
          if (file.ok) await cache.put(path, file);
        } catch (_) {
          // Fetched again when the page asks for it.
        }
      }
    }),
  );
  const keep = new Set([SHELL, ...files]);
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (hashed(url) && !keep.has(url.pathname)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch('/', { cache: 'no-cache' });
      if (!response.ok) throw new Error(`the app shell answered ${response.status}`);
      await storeShell(cache, response);
      // Take over at once rather than after every tab of the old version has closed:
      // the app loads all its files at start, so an open page needs nothing more.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith('kaiku-') && name !== CACHE).map((name) => caches.delete(name)),
      );
      // Control the pages already open, so the first visit is covered when it reloads.
      await self.clients.claim();
    })(),
  );
});

// Navigations: the network first (a deploy shows at once), the cached shell when the
// network fails. The app's router then shows the page from the address.
async function navigate(event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(event.request);
    if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) {
      event.waitUntil(storeShell(cache, response.clone()));
    }
    return response;
  } catch (error) {
    const shell = await cache.match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

// Static files: hashed ones from the cache (they never change); others (the favicon)
// from the cache at once while a fresh copy is fetched for next time.
async function staticFile(event) {
  const cache = await caches.open(CACHE);
  const url = new URL(event.request.url);
  const cached = await cache.match(url.pathname);
  if (cached && hashed(url)) return cached;
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === 'basic') {
      // A full cache costs the offline copy only, never the answer.
      await cache.put(url.pathname, response.clone()).catch(() => undefined);
    }
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (bypassed(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
  } else if (/\.[a-z0-9]+$/i.test(url.pathname) && url.pathname !== '/sw.js') {
    event.respondWith(staticFile(event));
  }
});
