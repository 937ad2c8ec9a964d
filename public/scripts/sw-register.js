// Registers the site's one service worker (/sw.js, scope /) so visited pages work offline.
// Waits for `load` so installing it never competes with the page itself on a weak network.
(function () {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {
      /* no service worker (dev server, private mode): the site works online as before */
    });
  });
})();
