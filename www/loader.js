// Starts the app with the module the page needs (the table MODULES is written in
// by scripts/modules.mjs). A first visit, before the service worker controls the
// page, loads the module of the section it opened, a fraction of the full app;
// once the worker controls the page, the full module comes from its cache. When
// the reader goes to a page the running module lacks, the full module is
// compiled, the running app leaves a still picture of itself (its `stop`), and the
// full app takes over in its place (the running app tells of such a move with the
// event "abkit-elsewhere": its router changes the address without a hashchange).
(function (M) {
  function section() {
    var path = (location.hash.slice(1) || '/').split('?')[0];
    var name = path.split('/')[1] || 'home';
    // A route the app does not know is the home module's 404 page.
    return M.parts[name] ? name : 'home';
  }
  function hint(rel, href, wasm) {
    var link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (wasm) {
      link.as = 'fetch';
      link.type = 'application/wasm';
    }
    link.crossOrigin = '';
    document.head.appendChild(link);
  }
  var sw = navigator.serviceWorker;
  var part = sw && sw.controller ? null : section();
  var first = part ? M.parts[part] : M.full;
  hint('modulepreload', first.js, false);
  hint('preload', first.wasm, true);
  var running = null;
  var swapping = false;
  // The app mounts on #app, further down the page: it starts once the page is parsed.
  var parsed = new Promise(function (ok) {
    if (document.readyState !== 'loading') ok();
    else document.addEventListener('DOMContentLoaded', ok, { once: true });
  });
  // Compiling starts as the bytes arrive, while the glue is still on its way.
  function compile(module) {
    return WebAssembly.compileStreaming(fetch(module.wasm));
  }
  // Runs `module` once its glue, its compiled code and the page are all there;
  // `handOver` runs just before, in the same task as the new app's start.
  function start(module, compiling, handOver) {
    return Promise.all([import(module.js), compiling, parsed]).then(function (loaded) {
      var glue = loaded[0];
      if (handOver) handOver();
      return glue.default({ module_or_path: loaded[1] }).then(function () {
        running = glue;
      });
    });
  }
  start(first, compile(first)).catch(function (e) {
    // A first-visit module that cannot be had: the full one holds every page.
    if (first === M.full) throw e;
    first = M.full;
    part = null;
    return start(M.full, compile(M.full));
  });
  addEventListener('abkit-elsewhere', function () {
    if (!part || swapping) return;
    swapping = true;
    var href = null;
    // Compiled first, then swapped in one go: the picture stays until the new app renders.
    start(M.full, compile(M.full), function () {
      // The link the reader followed keeps the focus across the swap (keyboard use).
      var link = document.activeElement && document.activeElement.closest('a[href]');
      href = link && link.getAttribute('href');
      if (running) running.stop();
      part = null;
    }).then(function () {
      if (href) requestAnimationFrame(function () {
        var again = document.querySelector('#app a[href="' + CSS.escape(href) + '"]');
        if (again) again.focus();
      });
    }, function () {
      // Not reachable (offline before the first visit finished): try again on the next move.
      swapping = false;
    });
  });
})(MODULES);
