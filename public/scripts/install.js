// 添加到主屏幕: when the browser says the site can be installed (beforeinstallprompt, Chromium browsers),
// the footer offers it once. Shown once on this device, it is never offered again, whatever the answer:
// no pop-up, no timer, no reminder (适老化规范: no pop-ups or nagging). iOS has no such event: there the
// resident uses Safari's 分享 → 添加到主屏幕, which the warnings page explains for push.
(function () {
  var KEY = 'yzready:install-offered';
  function offered() {
    try {
      return localStorage.getItem(KEY) === '1';
    } catch {
      return true;
    }
  }
  window.addEventListener('beforeinstallprompt', function (event) {
    // Keep Chrome's own mini-infobar away: the offer below is the only one.
    event.preventDefault();
    if (offered()) return;
    var box = document.querySelector('[data-install]');
    if (!box) return;
    try {
      localStorage.setItem(KEY, '1');
    } catch {
      return;
    }
    box.hidden = false;
    box.querySelector('[data-install-yes]').addEventListener('click', function () {
      box.hidden = true;
      event.prompt();
    });
    box.querySelector('[data-install-no]').addEventListener('click', function () {
      box.hidden = true;
    });
  });
})();
