// The first step of /lapor, usable before the app has loaded (on Slow 3G the
// app takes seconds; this page's HTML arrives in one). What is typed goes into
// the draft in localStorage at once, in the app's own format (src/draft.rs),
// so the app opens with it when it starts and replaces this block
// (src/first_step.rs). Shown only when the app would show step 1 itself.
(() => {
  const root = document.getElementById('first-step');
  if (!root || location.pathname !== '/lapor') return;
  let store = null;
  try { store = window.localStorage; } catch (e) { /* storage blocked: the app handles it */ }
  const get = (k) => { try { return store && store.getItem(k); } catch (e) { return null; } };
  const draft = () => { try { return JSON.parse(get('lapor.draft') || '{}') || {}; } catch (e) { return {}; } };
  // A sent report's status, or a later step of a draft: only the app shows those.
  if (get('lapor.last_sent') || (draft().step || 0) > 0) return;

  const en = (get('lapor.lang') || '').startsWith('en');
  if (en) {
    document.documentElement.lang = 'en';
    for (const el of root.querySelectorAll('[data-en]')) el.textContent = el.dataset.en;
    for (const el of root.querySelectorAll('[data-en-label]')) el.setAttribute('aria-label', el.dataset.enLabel);
    for (const el of root.querySelectorAll('[data-en-lang]')) el.lang = el.dataset.enLang;
  }
  const form = root.querySelector('form');
  const texts = ['title', 'body', 'incident_date'];
  const d = draft();
  let typed = false;
  for (const f of texts) {
    if (form.elements[f].value) typed = true;
    else if (typeof d[f] === 'string') form.elements[f].value = d[f];
  }
  if (!typed && d.kind) {
    const r = form.querySelector('input[name=kind][value="' + d.kind + '"]');
    if (r) r.checked = true;
  }
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  form.elements.incident_date.max = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());

  // What the app shows beside the fields: the body's length, and "(optional)"
  // on the date unless the report is a complaint.
  const dateLabel = root.querySelector('label[for=incident_date]');
  const optional = document.createElement('span');
  optional.className = 'optional';
  optional.textContent = en ? ' (optional)' : ' (tidak wajib)';
  const show = () => {
    const n = [...form.elements.body.value.trim()].length;
    const unit = en ? 'characters' : 'karakter';
    document.getElementById('body-count').textContent = n < 50 ? n + ' / 50+ ' + unit : n + ' ' + unit;
    if (form.elements.kind.value === 'pengaduan') optional.remove();
    else dateLabel.append(optional);
  };
  const save = () => {
    const next = draft();
    for (const f of texts) next[f] = form.elements[f].value;
    next.kind = form.elements.kind.value;
    try { store && store.setItem('lapor.draft', JSON.stringify(next)); } catch (e) { /* full or blocked */ }
    show();
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  // Nothing leaves this page before the app checks it: "Next" waits for the app.
  form.addEventListener('submit', (e) => e.preventDefault());
  if (typed) save();
  show();
  root.hidden = false;
})();
