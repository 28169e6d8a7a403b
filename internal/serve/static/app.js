// roadmap serve: autosave and plan rows; without it the Save and row buttons
// post the form. Our own lines, not htmx (which alone outweighs the page's
// budget). What is not saved yet (typed offline, or refused) is kept in
// localStorage under the roadmap's address until a save takes it; a reload
// puts it back and sends it again; leaving with it unsaved asks first.
(function () {
  'use strict';
  var form = document.getElementById('roadmap');
  if (!form || !window.fetch) return;
  document.documentElement.classList.add('js');
  var status = document.getElementById('save-status'), d = form.dataset, undo = document.getElementById('undo');
  var key = 'roadmap-serve:' + form.getAttribute('action'), each = Array.prototype.forEach;
  var timer = 0, busy = false, again = false, stopped = false, retry = 0, offline = false;
  // dirty: what is not saved, by field name or "plan:ap", with the number
  // of the change that last touched it; problems: refused fields' messages.
  var gen = 0, dirty = {}, problems = {}, removed = null, box = document.getElementById('problems'), asked = false;
  // The sticky bar grows with its message: what is scrolled to stays below it.
  function pad() { document.documentElement.style.scrollPadding = status.parentNode.offsetHeight + 8 + 'px 0 0'; }
  function show(state, text) { status.dataset.state = state; status.textContent = text; pad(); }
  function later() {
    if (stopped) return;
    if (!offline) show('pending', d.pending);
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  }
  function save() {
    clearTimeout(timer);
    timer = 0;
    if (stopped) return;
    if (busy) { again = true; return; }
    busy = true;
    var sent = gen;
    if (!offline) show('saving', d.saving);
    // A server that does not answer in 20 s counts as away.
    var ac = new AbortController(), wait = setTimeout(function () { ac.abort(); }, 20000);
    fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
      headers: {'Accept': 'application/json'}, credentials: 'same-origin', signal: ac.signal})
      .then(function (r) { return r.json().then(function (j) { j.code = r.status; return j; }); })
      .then(function (j) {
        offline = false;
        if (j.rev) form.elements.rev.value = j.rev;
        // saved: all; refused: all but the problems' fields; invalid: nothing.
        if (j.state === 'saved' || j.state === 'refused') settle(sent, j.problems);
        if (/^(saved|refused|invalid)$/.test(j.state)) { retry = 0; mark(j.problems, j.state !== 'saved' && j.message, j.general); }
        // A save asked for (Enter) and refused takes the focus to the summary.
        if (asked && !box.hidden) box.focus();
        asked = false;
        // "Saved" only when no change came in while this save was on its way.
        if (j.state === 'saved') show(timer || again ? 'pending' : 'saved', timer || again ? d.pending : d.saved);
        else show('error', [j.message].concat(j.general || []).join(' '));
        if (j.state === 'conflict') stopped = true;
        if (j.code >= 500) retryLater();
      })
      .catch(function () { offline = true; show('offline', d.offline); retryLater(); })
      .then(function () { clearTimeout(wait); busy = false; if (again) { again = false; save(); } });
  }
  function retryLater() {
    clearTimeout(timer);
    timer = setTimeout(save, Math.min(1000 * Math.pow(2, retry++), 8000));
  }
  // settle forgets what a save took; a refused field stays, to be sent again.
  function settle(sent, refused) {
    Object.keys(dirty).forEach(function (k) { if (dirty[k] <= sent) delete dirty[k]; });
    Object.keys(refused).forEach(function (f) {
      var p = f.split('.'), k = /^\d+$/.test(p[1]) && document.getElementById('rows-' + p[0]) ? 'plan:' + p[0] : f;
      if (!(k in dirty)) dirty[k] = sent;
    });
    problems = refused;
    keep();
  }
  function named(name, el) { return (el || form).querySelectorAll('[name="' + CSS.escape(name) + '"]'); }
  // The value of a field outside the plans: a text, a radio button's value,
  // or the ticked check boxes' values.
  function get(name) {
    var els = [].slice.call(named(name)), on = els.filter(function (e) { return e.checked; }).map(function (e) { return e.value; });
    return !els.length ? null : els[0].type === 'radio' ? on.join('') : els[0].type === 'checkbox' ? on : els[0].value;
  }
  function set(name, v) {
    named(name).forEach(function (e) {
      if (/radio|checkbox/.test(e.type)) e.checked = v.indexOf(e.value) >= 0 && (e.type === 'checkbox' || e.value === v);
      else e.value = v;
    });
  }
  function rows(p) { return document.getElementById('rows-' + p); }
  function addRow(p) { rows(p).appendChild(document.getElementById('tpl-' + p).content.cloneNode(true)); }
  function keep() {
    var s = {fields: {}, plans: {}, problems: problems}, ks = Object.keys(dirty);
    ks.forEach(function (k) {
      var p = k.slice(5);
      if (k.indexOf('plan:')) s.fields[k] = get(k);
      else s.plans[p] = [].map.call(rows(p).children, function (row) {
        var o = {};
        row.querySelectorAll('[name]:not(button)').forEach(function (e) { o[e.name] = e.value; });
        return o;
      });
    });
    try {
      if (ks.length) localStorage.setItem(key, JSON.stringify(s)); else localStorage.removeItem(key);
    } catch (e) { /* no storage: saving still works */ }
  }
  function restore() {
    var s = null;
    try { s = JSON.parse(localStorage.getItem(key)); } catch (e) { /* none */ }
    if (!s) return;
    Object.keys(s.fields || {}).forEach(function (n) { if (s.fields[n] !== null) { set(n, s.fields[n]); dirty[n] = 0; } });
    Object.keys(s.plans || {}).forEach(function (p) {
      var list = rows(p), want = s.plans[p];
      if (!list) return;
      while (list.children.length > want.length) list.lastElementChild.remove();
      while (list.children.length < want.length) addRow(p);
      want.forEach(function (o, i) { Object.keys(o).forEach(function (n) { each.call(named(n, list.children[i]), function (e) { e.value = o[n]; }); }); });
      renumber(list);
      dirty['plan:' + p] = 0;
    });
    problems = s.problems || {};
    mark(problems);
    if (Object.keys(dirty).length) save();
  }
  // Put each problem beside its field (or its group of choices), tied to
  // it for screen readers, and list them at the top, each a link to its
  // field by the name the page gives it; clear the others.
  function mark(pr, msg, general) {
    var list = [], ul = box.querySelector('ul');
    form.querySelectorAll('[aria-invalid]').forEach(function (f) { f.removeAttribute('aria-invalid'); });
    form.querySelectorAll('[aria-describedby*="err-"]').forEach(function (f) { desc(f); });
    form.querySelectorAll('.err').forEach(function (e) { e.remove(); });
    Object.keys(pr).forEach(function (k) {
      var f = document.getElementById(k.replace(/\./g, '-')) || named(k)[0], e = document.createElement('span'), g = f;
      if (!f) return;
      e.className = 'err';
      e.dataset.err = k;
      e.id = 'err-' + k.replace(/\./g, '-');
      e.textContent = pr[k];
      if (/radio|checkbox/.test(f.type)) (g = f.closest('fieldset')).append(e); else f.after(e);
      g.id = g.id || 'g' + e.id.slice(3);
      g.setAttribute('aria-invalid', 'true');
      desc(g, e.id);
      list.push([g, e]);
    });
    list.sort(function (a, b) { return a[0].compareDocumentPosition(b[0]) & 2 ? 1 : -1; });
    ul.textContent = '';
    list.forEach(function (p) {
      var li = ul.appendChild(document.createElement('li')), a = li.appendChild(document.createElement('a'));
      a.href = '#' + p[0].id;
      a.textContent = label(p[0]);
      li.append(': ' + p[1].textContent);
    });
    (general || []).forEach(function (t) { ul.appendChild(document.createElement('li')).textContent = t; });
    if (msg) box.firstElementChild.textContent = msg;
    box.hidden = !ul.children.length;
  }
  // desc ties field f to the message id, and unties it from any other.
  function desc(f, id) {
    var ids = (f.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x.indexOf('err-'); });
    if (id) ids.push(id);
    if (ids.length) f.setAttribute('aria-describedby', ids.join(' ')); else f.removeAttribute('aria-describedby');
  }
  // label is a field's name as the summary gives it: after the plan's
  // title and the row's, or the checkpoint's number.
  function label(g) {
    var cp = g.closest('.cp'), row = g.closest('.row'), l = g.tagName === 'FIELDSET' ? g.querySelector('legend') : form.querySelector('label[for="' + g.id + '"]');
    return (row ? [g.closest('.plan').querySelector('h4').textContent, row.querySelector('legend').textContent] : cp ? [cp.querySelector('.num').textContent] : [])
      .concat(l ? l.textContent : g.name).join(row ? ' · ' : ' ');
  }
  // A link of the summary takes the focus to its field.
  box.addEventListener('click', function (e) {
    var a = e.target.closest('a'), f = a && document.getElementById(a.hash.slice(1));
    if (!f) return;
    e.preventDefault();
    (f.tagName === 'FIELDSET' ? f.querySelector('input:checked,input') : f).focus();
  });
  // Give the rows of a plan their numbers again after a change of order.
  function renumber(list) {
    each.call(list.children, function (row, i) {
      var re = /^(\w+[-.:]|\w+:\w+:)(N|\d+)/;
      row.querySelector('legend').textContent = d.row.replace('{n}', i + 1);
      row.querySelectorAll('[id],[for],[data-err],button[name=op]').forEach(function (e) {
        // A button's value is its operation; a field's value is the user's.
        (e.name === 'op' ? ['value'] : ['id', 'for', 'data-err']).forEach(function (a) {
          if (e.hasAttribute(a)) e.setAttribute(a, e.getAttribute(a).replace(re, '$1' + i));
        });
      });
    });
  }
  function changedPlan(p) { dirty['plan:' + p] = ++gen; keep(); save(); }
  function rowOp(op) {
    var p = op.split(':'), list = rows(p[1]), row = list.children[+p[2]];
    removed = null;
    undo.hidden = true;
    if (p[0] === 'add') {
      addRow(p[1]);
      row = list.lastElementChild;
    } else if (p[0] === 'del') {
      // The row is kept, values and all, for Undo.
      removed = {list: list, row: row, at: +p[2], plan: p[1]};
      row.remove();
      row = null;
      undo.firstChild.textContent = d.removed.replace('{n}', removed.at + 1);
      undo.hidden = false;
      undo.lastChild.focus();
    }
    else if (p[0] === 'up' && row.previousElementSibling) list.insertBefore(row, row.previousElementSibling);
    else if (p[0] === 'down' && row.nextElementSibling) list.insertBefore(row.nextElementSibling, row);
    renumber(list);
    if (row) row.querySelector(p[0] === 'add' ? 'input,textarea' : '[value="' + p[0] + ':' + p[1] + ':' + [].indexOf.call(list.children, row) + '"]').focus();
    changedPlan(p[1]);
  }
  undo.lastChild.addEventListener('click', function () {
    var r = removed;
    if (!r) return;
    removed = null;
    undo.hidden = true;
    r.list.insertBefore(r.row, r.list.children[r.at] || null);
    renumber(r.list);
    r.row.querySelector('input,textarea,select').focus();
    changedPlan(r.plan);
  });
  function changed(e) {
    var t = e.target;
    if (!t.name || t.name === 'op') return;
    dirty[t.closest('.row') ? 'plan:' + t.name.split('.')[0] : t.name] = ++gen;
    keep();
    later();
  }
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var b = e.submitter;
    if (b && b.name === 'op') rowOp(b.value); else { asked = true; save(); }
  });
  window.addEventListener('beforeunload', function (e) {
    if (Object.keys(dirty).length || busy || timer) { e.preventDefault(); e.returnValue = ''; }
  });
  window.addEventListener('online', function () { if (offline) save(); });
  window.addEventListener('resize', pad);
  // The browser leaves a field that is partly in view where it is, though partly under the bar.
  form.addEventListener('focusin', function (e) {
    if (e.target.getBoundingClientRect().top < status.parentNode.offsetHeight) e.target.scrollIntoView({block: 'nearest'});
  });
  pad();
  restore();
})();
