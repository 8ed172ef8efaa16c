(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('browser-data').textContent);
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fill(select, values, names) {
    var any = el('option', null, 'any');
    any.value = '';
    select.appendChild(any);
    values.forEach(function (v, i) {
      var o = el('option', null, names ? names[i] : v);
      o.value = v;
      select.appendChild(o);
    });
  }
  var runNames = {};
  data.runs.forEach(function (r) { runNames[r.id] = r.name; });
  fill($('f-run'), data.runs.map(function (r) { return r.id; }), data.runs.map(function (r) { return r.name; }));
  fill($('f-dataset'), data.datasets);
  fill($('f-label'), data.labels);
  fill($('f-kind'), data.kinds);
  var caps = $('caps');
  data.caps.forEach(function (c) {
    if (c.shown < c.total) {
      caps.appendChild(el('div', 'note', runNames[c.run] + ' on ' + c.dataset + ': showing ' + c.shown +
        ' of ' + c.total + ' documents (those with the most errors first; raise --max-docs to see more)'));
    }
  });
  var LIMIT = 200;
  function current() {
    return { run: $('f-run').value, dataset: $('f-dataset').value, label: $('f-label').value, kind: $('f-kind').value };
  }
  function outcomeMatches(o, f) {
    // A label matches an outcome whose gold or predicted span carries it.
    return (!f.label || o[2] === f.label || o[5] === f.label) && (!f.kind || o[6] === f.kind);
  }
  function matches(doc, f) {
    if (f.run && doc.r !== f.run) { return false; }
    if (f.dataset && doc.d !== f.dataset) { return false; }
    if (!f.label && !f.kind) { return true; }
    return doc.o.some(function (o) { return outcomeMatches(o, f); });
  }
  function errors(doc) {
    return doc.o.filter(function (o) { return o[6] !== 'correct'; }).length;
  }
  function refresh() {
    var f = current();
    var list = $('doc-list');
    list.textContent = '';
    var shown = data.docs.filter(function (d) { return matches(d, f); });
    $('match-count').textContent = shown.length + ' documents match';
    shown.slice(0, LIMIT).forEach(function (doc) {
      var li = el('li', null, runNames[doc.r] + ' · ' + doc.d + ' · ' + doc.id + ' · ' + errors(doc) + ' errors');
      li.setAttribute('data-doc', doc.r + '/' + doc.d + '/' + doc.id);
      li.addEventListener('click', function () {
        Array.prototype.forEach.call(list.children, function (c) { c.classList.remove('on'); });
        li.classList.add('on');
        show(doc);
      });
      list.appendChild(li);
    });
    if (shown.length > LIMIT) {
      list.appendChild(el('li', 'muted', (shown.length - LIMIT) + ' more: narrow the filters'));
    }
  }
  function show(doc) {
    var f = current();
    var view = $('doc-view');
    view.textContent = '';
    view.appendChild(el('h3', null, runNames[doc.r] + ' · ' + doc.d + ' · ' + doc.id));
    var cuts = [0, doc.t.length];
    doc.o.forEach(function (o) { [o[0], o[1], o[3], o[4]].forEach(function (x) { if (x >= 0) { cuts.push(x); } }); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var note = el('div', 'notebox');
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1];
      var seg = doc.t.substring(s, e);
      var cls = [], tips = [];
      doc.o.forEach(function (o) {
        var inGold = o[0] >= 0 && o[0] <= s && e <= o[1] && o[0] < o[1];
        var inPred = o[3] >= 0 && o[3] <= s && e <= o[4] && o[3] < o[4];
        if (inGold) { cls.push('g'); tips.push('gold ' + o[2]); }
        if (inPred) { cls.push('p'); tips.push('predicted ' + o[5]); }
        if ((inGold || inPred) && o[6] !== 'correct') { cls.push('x-' + o[6]); tips.push(o[6]); }
      });
      if (cls.length) {
        var span = el('span', cls.join(' '), seg);
        span.title = tips.filter(function (v, k, a) { return a.indexOf(v) === k; }).join(', ');
        note.appendChild(span);
      } else {
        note.appendChild(document.createTextNode(seg));
      }
    }
    view.appendChild(note);
    view.appendChild(el('div', 'muted', 'underline: gold span · yellow: predicted span · green: both'));
    var table = el('table');
    var head = el('tr');
    ['kind', 'gold', 'gold label', 'predicted', 'predicted label'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    doc.o.forEach(function (o) {
      var tr = el('tr', outcomeMatches(o, f) && (f.label || f.kind) ? 'sel' : null);
      var k = el('td');
      k.appendChild(el('span', 'k k-' + o[6], o[6].replace(/_/g, ' ')));
      tr.appendChild(k);
      tr.appendChild(el('td', null, o[0] >= 0 ? doc.t.substring(o[0], o[1]) + ' [' + o[0] + '..' + o[1] + ')' : ''));
      tr.appendChild(el('td', null, o[2]));
      tr.appendChild(el('td', null, o[3] >= 0 ? doc.t.substring(o[3], o[4]) + ' [' + o[3] + '..' + o[4] + ')' : ''));
      tr.appendChild(el('td', null, o[5]));
      tr.setAttribute('data-kind', o[6]);
      table.appendChild(tr);
    });
    view.appendChild(table);
    if (doc.u && doc.u.length) {
      view.appendChild(el('h3', null, 'Answer strings not placed in the note'));
      var ul = el('ul');
      doc.u.forEach(function (u) { ul.appendChild(el('li', null, '"' + u[0] + '" (' + (u[1] || 'no label') + '): ' + u[2])); });
      view.appendChild(ul);
    }
    var details = el('details', 'raw-answer');
    details.appendChild(el('summary', null, 'raw answer' + (doc.a && doc.a.length !== 1 ? 's (' + (doc.a ? doc.a.length : 0) + ' calls)' : '')));
    if (!doc.a || !doc.a.length) {
      details.appendChild(el('div', 'muted', 'no raw answer recorded (the model gave spans directly, or the run kept none)'));
    } else {
      doc.a.forEach(function (a) {
        var what = (a.l ? 'label ' + a.l : 'all labels') + (a.c ? ', chunk at ' + a.c : '');
        details.appendChild(el('div', 'muted', what));
        details.appendChild(el('pre', 'raw', a.f ? 'failed: ' + a.f : a.x));
      });
    }
    view.appendChild(details);
  }
  ['f-run', 'f-dataset', 'f-label', 'f-kind'].forEach(function (id) { $(id).addEventListener('change', refresh); });
  refresh();
})();
