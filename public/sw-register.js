// Registers the service worker (the app shell opens with no connection).
// A file of its own, not an inline script: the Content-Security-Policy
// allows scripts from this origin only.
if ('serviceWorker' in navigator) {
  addEventListener('load', () => navigator.serviceWorker.register('/sw.js').catch(() => {}));
}
