// Cache-first service worker: the whole app is a handful of static files, all
// cached on install, so every page works offline after the first visit. A new
// version installs beside the old one and waits until the page's "Reload" sends
// "skip-waiting" (or every tab of the old version has closed): it never swaps the
// files under an open page.
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("abkit-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => {
      if (hit) return hit;
      // Pages are hash-routed, so any navigation is the app shell.
      if (request.mode === "navigate") return caches.match("./").then((shell) => shell || fetch(request));
      return fetch(request);
    })
  );
});
