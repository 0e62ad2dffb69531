// The page's frame, painted before the WebAssembly module has compiled: header,
// navigation, the route's heading and lead, and the footer, in the language the app
// will choose (lang= in the link, then the stored choice, then the browser's), so
// there is something to read at once on a slow connection and no flash of the other
// language. The words are the language tables' (shell.json, kept in step with them
// by tests/shell_texts.rs). The app replaces the frame when it starts.
//
// This script runs first in <head> (it decides, and starts fetching the worked
// example the link may ask for, before the stylesheet holds scripts back); the frame
// is drawn by ABKIT_FRAME(), called right after <div id=app>.
(function (T) {
  if (!T) return;
  var hash = location.hash.slice(1) || '/';
  var q = hash.indexOf('?');
  var path = q < 0 ? hash : hash.slice(0, q);
  var query = q < 0 ? '' : hash.slice(q + 1);
  function code(c) {
    c = (c || '').trim().toLowerCase();
    if (c === 'zh' || /^zh[-_]/.test(c)) return 'zh';
    if (c === 'en' || /^en[-_]/.test(c)) return 'en';
    return null;
  }
  var linked = null;
  query.split('&').forEach(function (pair) {
    var kv = pair.split('=');
    if (kv[0] === 'lang' && linked === null) {
      try { linked = code(decodeURIComponent((kv[1] || '').replace(/\+/g, ' '))); } catch (e) { linked = null; }
    }
  });
  var stored = null;
  try { stored = code(localStorage.getItem('abkit.v1.lang')); } catch (e) { stored = null; }
  var lang = linked || stored || code(navigator.language) || 'en';
  // A first visit to a page's worked example (no parameters, or only ones equal to
  // its fields) shows it with its results, rendered by this build at build time
  // (scripts/prerender.mjs), held still until the app replaces it. Any other link, or a
  // page the worker already serves from its cache, waits for the app's numbers.
  var example = T.frames && T.frames[path];
  var sw = navigator.serviceWorker;
  var shown = null;
  if (example && !(sw && sw.controller) && matches()) {
    shown = fetch(example.files[lang]).then(function (r) {
      return r.ok ? r.text() : null;
    }).catch(function () {
      return null;
    });
  }
  function number(v) {
    var t = String(v).replace(/,/g, '').trim();
    return t !== '' && isFinite(Number(t)) ? Number(t) : null;
  }
  function matches() {
    return query.split('&').every(function (pair) {
      if (!pair) return true;
      var kv = pair.split('=');
      try {
        var key = decodeURIComponent(kv[0]);
        var value = decodeURIComponent((kv[1] || '').replace(/\+/g, ' '));
      } catch (e) {
        return false;
      }
      if (key === 'lang') return true;
      var own = example.differ[lang] || {};
      var field = key in own ? own[key] : example.fields[key];
      if (field === undefined || field === null) return false;
      return field === value || (number(field) !== null && number(field) === number(value));
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  window.ABKIT_FRAME = function () {
    var app = document.getElementById('app');
    if (!app) return;
    var page = T.routes[path];
    var section = page && page.section;
    var header = el('header', { class: 'top' });
    var brand = el('a', { class: 'brand', href: '#/' });
    brand.append(el('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'A/B'), el('span', { class: 'brand-name' }, T.title[lang]));
    var ul = el('ul', {});
    T.nav.forEach(function (n) {
      var a = el('a', n.section === section ? { href: '#' + n.path, class: 'active' } : { href: '#' + n.path });
      a.append(el('span', {}, n.label[lang]));
      var li = el('li', {});
      li.append(a);
      ul.append(li);
    });
    var nav = el('nav', { 'aria-label': T.navLabel[lang] });
    nav.append(ul);
    header.append(brand, nav, el('button', { type: 'button', class: 'lang-switch', disabled: '' }, T.switch[lang]));
    var main = el('main', { id: 'main' });
    var div = el('div', { class: 'page' });
    if (page) div.append(el('h1', {}, page[lang][0]), el('p', { class: 'lead' }, page[lang][1]));
    div.append(el('p', { class: 'field-hint', role: 'status' }, T.loading[lang]));
    main.append(div);
    var footer = el('footer', { class: 'bottom' });
    footer.append(el('p', {}, T.privacy[lang]));
    app.replaceChildren(header, main, footer);
    app.setAttribute('data-shell', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = T.title[lang];
    if (shown) shown.then(function (html) {
      // Only while the frame is still up: the app may have started first.
      if (html === null || app.getAttribute('data-shell') !== lang) return;
      main.innerHTML = html;
      main.setAttribute('aria-busy', 'true');
      app.setAttribute('data-example', '');
      hold(main);
    });
  };

  // The worked example is readable and focusable before the app runs, but nothing in
  // it can change yet: a click or a key shows a quiet cue in the answer box instead
  // of doing nothing visible, and a worked-example link that is clicked is followed
  // (the app opens the address it finds) and marked pending until the app answers.
  function hold(main) {
    main.querySelectorAll('input:not([type=checkbox]):not([type=radio]), textarea').forEach(function (e) {
      e.readOnly = true;
    });
    var cue = null;
    function show() {
      if (cue) return;
      cue = el('p', { class: 'loading-cue', role: 'status', 'data-testid': 'loading-cue' }, T.calcLoading[lang]);
      var answer = main.querySelector('.answer');
      var page = main.querySelector('.page') || main;
      if (answer) answer.after(cue);
      else page.prepend(cue);
    }
    function control(t) {
      return t.closest && t.closest('input, select, textarea, button, label, a');
    }
    main.addEventListener('pointerdown', function (ev) {
      var c = control(ev.target);
      if (!c) return;
      show();
      // A select would open a list whose choice could not be kept.
      if (c.tagName === 'SELECT') ev.preventDefault();
    }, true);
    main.addEventListener('click', function (ev) {
      var c = control(ev.target);
      if (!c) return;
      show();
      if (c.tagName === 'A') {
        if (c.closest('.presets')) {
          c.classList.add('pending');
          c.setAttribute('aria-busy', 'true');
        }
        return;
      }
      ev.preventDefault();
    }, true);
    main.addEventListener('keydown', function (ev) {
      if (ev.key === 'Tab' || ev.key === 'Shift' || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      if (!control(ev.target) || ev.target.tagName === 'A') return;
      show();
      ev.preventDefault();
    }, true);
  }
})(SHELL);
