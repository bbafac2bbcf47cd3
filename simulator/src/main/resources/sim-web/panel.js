// One virtual device's panel: polls the control API and drives it with the same calls tests use.
(function () {
  const id = decodeURIComponent(location.pathname.split('/').pop());
  const api = '/sim/devices/' + encodeURIComponent(id);
  const $ = sel => document.getElementById(sel);
  let pin = '';
  let state = null;
  let lastPhotoAt = 0;
  let flash = null;

  async function post(action, body) {
    try {
      const res = await fetch(api + '/' + action, {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body || {})
      });
      const json = await res.json();
      if (!res.ok) { toast(json.detail || json.title, true); return null; }
      render(json);
      return json;
    } catch (e) { toast(String(e), true); return null; }
  }

  function toast(text, bad) {
    const el = $('toast');
    el.textContent = text;
    el.className = 'toast' + (bad ? ' bad' : '');
    el.hidden = false;
    clearTimeout(el._t);
    el._t = setTimeout(() => { el.hidden = true; }, 3500);
  }

  function led(el, cls) { el.className = 'led' + (el.classList.contains('big') ? ' big' : '') + (cls ? ' ' + cls : ''); }

  function lcdText(s) {
    if (!s.powered) return [t('noPower'), ''];
    if (flash && Date.now() < flash.until) return [flash.main, flash.sub || ''];
    if (s.session) {
      return [t('unlocked').toUpperCase(), t('sessionLine', {id: s.session.id, n: s.session.remaining, s: s.session.secondsLeft})];
    }
    const auth = s.lastAuth || 'NONE';
    if (auth === 'SENT') return [t('authSent'), ''];
    if (auth === 'ACCEPTED') return [t('authOk'), ''];
    if (auth.startsWith('REFUSED')) return [t('authRefused'), auth.substring(8)];
    return [t('idle'), s.tamperLatched ? t('tamperLatched') : ''];
  }

  function render(s) {
    state = s;
    $('model').textContent = s.kind === 'CABINET' ? t('cabinet') : t('sealDevice');
    $('dev-id').textContent = s.id;
    $('firmware').textContent = 'FW ' + s.firmware;
    document.title = (simLang === 'zh' ? '印流 · ' : 'SealFlow · ') + s.id;
    led($('led-power'), s.powered ? 'green' : '');
    led($('led-serial'), s.powered && s.link.serialConnected ? (s.link.pendingFrames ? 'amber blink' : 'green') : '');
    const mqtt = s.link.mqtt;
    led($('led-mqtt'), mqtt === 'CONNECTED' ? 'green' : mqtt === 'NONE' ? '' : mqtt === 'CONNECTING' ? 'amber blink' : 'red');
    const unlocked = s.lockState === 'UNLOCKED';
    led($('led-lock'), !s.powered ? '' : unlocked ? 'green glow' : 'red');
    $('lock-label').textContent = unlocked ? t('unlocked') : t('locked');
    const [main, sub] = lcdText(s);
    $('lcd').classList.toggle('off', !s.powered);
    $('lcd-main').textContent = main;
    $('lcd-sub').innerHTML = sub || '&nbsp;';
    $('lcd-pin').textContent = pin ? t('enterPin') + '  ' + '●'.repeat(pin.length) : '\u00a0';
    $('remaining').textContent = s.remainingPresses;
    $('press-area').hidden = s.kind === 'CABINET';
    $('press').classList.toggle('armed', unlocked);
    $('end-session').disabled = !s.session;
    $('cabinet').hidden = s.kind !== 'CABINET';
    if (s.door) {
      $('door').checked = s.door.open;
      $('door-state').textContent = s.door.open ? t('open') : t('closed');
      $('relay').textContent = s.door.lockRelayOpen ? t('relayOpen') : t('relayClosed');
      $('relay').className = s.door.lockRelayOpen ? 'ok' : '';
      renderSlots(s.slots || []);
    }
    $('sw-power').checked = s.powered;
    $('sw-network').checked = s.link.networkUp;
    $('camera').value = s.camera;
    $('counter').textContent = s.pressCounter;
    $('forced').textContent = s.forcedPresses;
    $('pending').textContent = s.link.pendingFrames;
    renderTokens(s.armedTokens || []);
    renderPhoto(s.lastPhoto);
    $('log').innerHTML = (s.log || []).slice().reverse().slice(0, 14).map(l => '<li>' + esc(l) + '</li>').join('');
  }

  function renderSlots(slots) {
    $('slots').innerHTML = slots.map(x =>
      '<li class="' + (x.present ? 'present' : 'out') + '"><span class="slot-no">' + t('slot') + ' ' + x.slot + '</span>' +
      '<span class="slot-state">' + (x.present ? t('present') : t('out')) + '</span>' +
      '<button data-slot="' + x.slot + '" data-present="' + (!x.present) + '">' + (x.present ? t('takeOut') : t('putBack')) +
      '</button></li>').join('');
  }

  function renderTokens(tokens) {
    $('tokens').innerHTML = tokens.length === 0 ? '<li class="muted">' + t('noTokens') + '</li>' : tokens.map(tk => {
      const inSession = tk.state === 'IN_SESSION';
      const extra = [tk.requestId ? t('request') + ' ' + esc(tk.requestId) : '', tk.custodian ? t('custodian') + ' ' + esc(tk.custodian) : '',
        tk.presses != null ? t('pressesUsed', {n: tk.presses}) : ''].filter(x => x).join(' · ');
      return '<li class="' + (inSession ? 'in-session' : '') + '"><div class="tk-head"><span class="tk-id" title="' + esc(tk.tokenId) + '">' +
        esc(tk.tokenId || '') + '</span><span class="tk-state">' + t(inSession ? 'tokenInSession' : 'tokenArmed') + '</span></div>' +
        (extra ? '<span class="muted">' + extra + '</span>' : '') + '</li>';
    }).join('');
  }

  function renderPhoto(photo) {
    $('photo-empty').hidden = !!photo;
    $('photo').hidden = !photo;
    if (!photo) return;
    if (photo.takenAt !== lastPhotoAt) {
      lastPhotoAt = photo.takenAt;
      $('photo').src = photo.url + '?t=' + photo.takenAt;
      $('photo-link').href = photo.url + '?t=' + photo.takenAt;
    }
    $('photo-meta').textContent = t('photoOf', {n: photo.pressCounter}) + ' · ' + new Date(photo.takenAt).toLocaleTimeString();
  }

  function esc(s) { return String(s).replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c])); }

  async function poll() {
    try {
      const res = await fetch(api, {cache: 'no-store'});
      if (res.ok) { render(await res.json()); $('conn').className = 'conn'; $('conn').textContent = t('polling'); }
    } catch (e) { $('conn').className = 'conn down'; $('conn').textContent = t('offline'); }
    setTimeout(poll, 700);
  }

  $('keypad').addEventListener('click', async ev => {
    const key = ev.target.dataset && ev.target.dataset.key;
    if (!key) return;
    if (key === 'clear') pin = '';
    else if (key === 'ok') { if (pin) { const p = pin; pin = ''; await post('auth', {pin: p}); } }
    else if (pin.length < 16) pin += key;
    if (state) render(state);
  });
  $('badge').addEventListener('click', () => {
    const badge = prompt(t('badgePrompt'), '04A1B2C3');
    if (badge) post('auth', {badge: badge});
  });
  $('press').addEventListener('click', async () => {
    const res = await post('press');
    if (res) {
      const forced = res.log && res.log.length && /FORCED/.test(res.log[res.log.length - 1]);
      flash = {main: forced ? t('pressForced') : t('pressOk'), until: Date.now() + 1500};
      render(res);
    }
  });
  $('end-session').addEventListener('click', () => post('end-session'));
  $('door').addEventListener('change', e => post('door', {open: e.target.checked}));
  $('slots').addEventListener('click', e => {
    const b = e.target.closest('button[data-slot]');
    if (b) post('slot', {slot: Number(b.dataset.slot), present: b.dataset.present === 'true'});
  });
  $('sw-power').addEventListener('change', e => post('power-cut', e.target.checked ? {restore: true} : {}));
  $('sw-network').addEventListener('change', e => post('network', {up: e.target.checked}));
  $('tamper').addEventListener('click', () => post('tamper', {kind: 'CASE_OPENED'}));
  $('camera').addEventListener('change', e => post('camera', {mode: e.target.value}));
  $('lang').addEventListener('click', () => { toggleLang(); if (state) render(state); });
  applyI18n();
  poll();
})();
