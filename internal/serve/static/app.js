// roadmap serve: autosave and plan rows. Without this script the page still
// works: the Save button posts the form and the row buttons post an operation.
// It is our own few dozen lines rather than htmx: what it does (wait for a
// pause in typing, send the revision, put each problem of a JSON reply beside
// its field, stop on a conflict) would need custom code around htmx anyway,
// and htmx alone weighs more than this page's HTML budget leaves.
(function () {
  'use strict';
  var form = document.getElementById('roadmap');
  if (!form || !window.fetch) return;
  document.documentElement.classList.add('js');
  var status = document.getElementById('save-status'), d = form.dataset;
  var timer = 0, busy = false, again = false, stopped = false;
  function show(state, text) { status.dataset.state = state; status.textContent = text; }
  function later() {
    if (stopped) return;
    show('pending', d.pending);
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  }
  function save() {
    clearTimeout(timer);
    timer = 0;
    if (stopped) return;
    if (busy) { again = true; return; }
    busy = true;
    show('saving', d.saving);
    fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
      headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.rev) form.elements.rev.value = j.rev;
        if (j.state !== 'error' || j.problems) mark(j.problems || {});
        // "Saved" only when no change came in while this save was on its way.
        if (j.state === 'saved') show(timer || again ? 'pending' : 'saved', timer || again ? d.pending : d.saved);
        else show('error', [j.message].concat(j.general || []).join(' '));
        if (j.state === 'conflict') stopped = true;
      })
      .catch(function () { show('error', d.offline); })
      .then(function () { busy = false; if (again) { again = false; save(); } });
  }
  // Put each problem beside its field; clear the others. The fields of plan
  // rows get a place for their problem when they have one.
  function mark(problems) {
    form.querySelectorAll('[aria-invalid]').forEach(function (f) { f.removeAttribute('aria-invalid'); });
    form.querySelectorAll('[data-err]').forEach(function (e) { e.textContent = ''; e.hidden = true; });
    Object.keys(problems).forEach(function (key) {
      var e = form.querySelector('[data-err="' + key + '"]'), f;
      if (!e && (f = document.getElementById(key.replace(/\./g, '-')))) {
        e = document.createElement('span');
        e.className = 'err';
        e.dataset.err = key;
        f.after(e);
      }
      if (!e) return;
      e.textContent = problems[key];
      e.hidden = false;
      f = e.parentNode.querySelector('input,textarea,select');
      if (f) f.setAttribute('aria-invalid', 'true');
    });
  }
  // Give the rows of a plan their numbers again after a change of order.
  function renumber(list) {
    Array.prototype.forEach.call(list.children, function (row, i) {
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
  function rowOp(op) {
    var p = op.split(':'), list = document.getElementById('rows-' + p[1]), row = list.children[+p[2]];
    if (p[0] === 'add') {
      list.appendChild(document.getElementById('tpl-' + p[1]).content.cloneNode(true));
      row = list.lastElementChild;
    } else if (p[0] === 'del') { row.remove(); row = null; }
    else if (p[0] === 'up' && row.previousElementSibling) list.insertBefore(row, row.previousElementSibling);
    else if (p[0] === 'down' && row.nextElementSibling) list.insertBefore(row.nextElementSibling, row);
    renumber(list);
    if (row) row.querySelector(p[0] === 'add' ? 'input,textarea' : '[value="' + op.split(':')[0] + ':' + p[1] + ':' + Array.prototype.indexOf.call(list.children, row) + '"]').focus();
    save();
  }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var b = e.submitter;
    if (b && b.name === 'op') rowOp(b.value); else save();
  });
  window.addEventListener('beforeunload', function (e) {
    if (status.dataset.state === 'pending' || status.dataset.state === 'saving') e.preventDefault();
  });
})();
