// Loaded blocking in <head>: applies 长辈模式 before first paint, then wires the header switch.
(function () {
  var KEY = 'yzready:elder';
  var root = document.documentElement;
  root.classList.add('js');
  try {
    if (localStorage.getItem(KEY) === '1') root.setAttribute('data-elder', '');
  } catch {
    /* storage blocked: default size */
  }
  function sync(button) {
    var on = root.hasAttribute('data-elder');
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  document.addEventListener('DOMContentLoaded', function () {
    var buttons = document.querySelectorAll('[data-elder-toggle]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      sync(b);
      b.addEventListener('click', function (ev) {
        var on = !root.hasAttribute('data-elder');
        if (on) root.setAttribute('data-elder', '');
        else root.removeAttribute('data-elder');
        try {
          localStorage.setItem(KEY, on ? '1' : '0');
        } catch {
          /* not kept, still applied */
        }
        sync(ev.currentTarget);
      });
    }
  });
})();
