// newsgraph web interface. Plain JavaScript, no dependencies.
//
// Every title, text and name comes from articles and is untrusted: the DOM
// is built with createElement and textContent only, never innerHTML, and
// links are built from fixed paths with encoded parameters.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';

  // ---- DOM helpers ----

  // el('a', {href: '/x', class: 'y', onclick: f}, 'text', child, ...)
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }

  function svgEl(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    setAttrs(e, attrs);
    append(e, children);
    return e;
  }

  function setAttrs(e, attrs) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.setAttribute('class', v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, String(v));
    }
  }

  function append(e, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
  }

  // Append children (nodes, strings, arrays; null and false are skipped).
  function put(parent, ...children) {
    append(parent, children);
    return parent;
  }

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
    return e;
  }

  const app = () => document.getElementById('app');
  const params = new URLSearchParams(location.search);

  function link(path, query, text, cls) {
    const q = new URLSearchParams(query).toString();
    return el('a', { href: q ? path + '?' + q : path, class: cls }, text);
  }
  const articleLink = (id, text) => link('/article', { id }, text || id);
  const entityLink = (id, text) => (id === null || id === undefined ? text : link('/entity', { id }, text || '#' + id));
  const eventLink = (id, text) => link('/event', { id }, text || 'event ' + id);

  // An outside URL is shown as a link only if it is http(s).
  function outsideLink(url) {
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') return el('a', { href: u.href, rel: 'noopener noreferrer', target: '_blank' }, u.host);
    } catch (_) { /* not a URL */ }
    return el('span', {}, url);
  }

  async function api(path) {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) throw new Error((body && body.error) || res.status + ' ' + res.statusText);
    return body;
  }

  function fail(err) {
    clear(app()).appendChild(el('p', { class: 'error' }, String(err.message || err)));
  }

  function side(name, code) {
    if (name && code) return name + ' (' + code + ')';
    return name || code || '—';
  }

  function fmt(n) {
    return Number(n).toLocaleString('en');
  }

  // A list answer's total: "10,000+" when the server stopped counting.
  function fmtTotal(page) {
    return fmt(page.total) + (page.total_capped ? '+' : '');
  }

  // A table: columns [{title, cell: row => node|string}].
  function table(rows, columns, cls) {
    return el('table', { class: cls || 'data' },
      el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c.title)))),
      el('tbody', {}, rows.map(r => el('tr', {}, columns.map(c => el('td', { class: c.cls }, c.cell(r)))))));
  }

  // Previous/next links for a list answer {total, total_capped, limit,
  // offset} (a capped total is a lower bound: there is a next page).
  function pager(page, path, query) {
    const { total, total_capped, limit, offset } = page;
    const nav = el('nav', { class: 'pager' });
    const to = off => link(path, Object.assign({}, query, { offset: off, limit }), '');
    if (offset > 0) { const a = to(Math.max(0, offset - limit)); a.textContent = '← previous'; nav.appendChild(a); }
    nav.appendChild(el('span', { class: 'muted' }, total === 0 ? 'none' : fmt(offset + 1) + '–' + fmt(Math.min(total, offset + limit)) + ' of ' + fmtTotal(page)));
    if (offset + limit < total || total_capped) { const a = to(offset + limit); a.textContent = 'next →'; nav.appendChild(a); }
    return nav;
  }

  // ---- search ----

  const SCOPES = [['all', 'articles and statements'], ['articles', 'articles'], ['statements', 'statements']];

  async function searchPage() {
    const q = params.get('q') || '';
    const scope = SCOPES.some(([v]) => v === params.get('in')) ? params.get('in') : 'all';
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    document.title = q ? q + ' — newsgraph' : 'newsgraph';
    const input = el('input', { type: 'search', name: 'q', id: 'q', value: q, placeholder: 'A name, an outlet, words of a statement…', autofocus: true });
    const select = el('select', { name: 'in', id: 'in' },
      SCOPES.map(([v, label]) => el('option', { value: v, selected: v === scope }, label)));
    const form = el('form', { action: '/', method: 'get', class: 'search' }, input, select, el('button', { type: 'submit' }, 'Search'));
    const results = el('div', { id: 'results' });
    put(clear(app()), el('h1', {}, 'Search'), form, results);
    if (!q) {
      const page = await api('/api/articles?limit=20');
      put(results, el('h2', {}, 'Latest articles'), articleTable(page.items));
      return;
    }
    const enc = encodeURIComponent(q);
    // Full-text search answers 400 with a message for a query it cannot
    // read ("unterminated string"): that message is shown, names still are.
    const [ents, quotes, search] = await Promise.all([
      api('/api/entities?limit=20&name=' + enc),
      api('/api/quotes?limit=20&speaker=' + enc),
      api('/api/search?limit=20&offset=' + offset + '&in=' + scope + '&q=' + enc).catch(err => ({ error: err.message || String(err) })),
    ]);
    const found = el('section', { id: 'search' });
    if (search.error) {
      put(found, el('h2', {}, 'Articles and statements'), el('p', { class: 'error' }, search.error));
    } else {
      put(found, el('h2', {}, 'Articles and statements ', el('span', { class: 'muted' }, fmtTotal(search))));
      put(found, search.items.length ? searchTable(search.items) : el('p', { class: 'muted' }, 'No article or statement says that.'));
      if (search.total > search.limit || search.total_capped) put(found, pager(search, '/', { q, in: scope }));
    }
    put(results, found);
    put(results, el('h2', {}, 'Entities ', el('span', { class: 'muted' }, fmtTotal(ents))));
    put(results, ents.items.length ? entityTable(ents.items) : el('p', { class: 'muted' }, 'No entity of that name.'));
    put(results, el('h2', {}, 'Statements by ', q, ' ', el('span', { class: 'muted' }, fmtTotal(quotes))));
    put(results, quotes.items.length ? quoteTable(quotes.items) : el('p', { class: 'muted' }, 'No statement by that speaker.'));
  }

  // A snippet whose matched words stand between ** marks: text nodes and
  // <mark> elements (never parsed as HTML).
  function snippet(s) {
    return el('span', { class: 'snippet' }, String(s || '').split('**').map((part, i) => (i % 2 ? el('mark', {}, part) : part)));
  }

  function searchTable(items) {
    return table(items, [
      { title: 'kind', cell: r => el('span', { class: 'badge ' + (r.kind === 'statement' ? 'quote' : 'article') }, r.kind) },
      { title: 'published', cell: r => r.published || '', cls: 'nowrap' },
      { title: 'article', cell: r => articleLink(r.document, r.title || r.document) },
      { title: 'speaker', cell: r => r.speaker || '' },
      { title: 'text', cell: r => snippet(r.snippet) },
    ], 'data search');
  }

  function articleTable(items) {
    return table(items, [
      { title: 'published', cell: r => r.published || '', cls: 'nowrap' },
      { title: 'title', cell: r => articleLink(r.id, r.title || r.id) },
      { title: 'site', cell: r => r.site || '' },
      { title: 'entities', cell: r => fmt(r.entities), cls: 'num' },
      { title: 'statements', cell: r => fmt(r.quotes), cls: 'num' },
      { title: 'events', cell: r => fmt(r.events), cls: 'num' },
    ]);
  }

  function entityTable(items) {
    return table(items, [
      { title: 'name', cell: r => entityLink(r.id, r.name) },
      { title: 'type', cell: r => r.type },
      { title: 'country', cell: r => r.country || '' },
      { title: 'sector', cell: r => r.sector || '' },
      { title: 'articles', cell: r => fmt(r.documents), cls: 'num' },
      { title: 'mentions', cell: r => fmt(r.mentions), cls: 'num' },
    ]);
  }

  function quoteTable(items) {
    return table(items, [
      { title: 'published', cell: r => r.published || '', cls: 'nowrap' },
      { title: 'speaker', cell: r => entityLink(r.speaker_entity, r.speaker_name || r.speaker || '—') },
      { title: 'statement', cell: r => el('q', {}, r.text) },
      { title: 'via', cell: r => entityLink(r.via_entity, r.via || '') },
      { title: 'article', cell: r => articleLink(r.document, r.title || r.document) },
    ]);
  }

  // ---- article ----

  const KINDS = [
    { kind: 'entity', label: 'entities' },
    { kind: 'quote', label: 'statements' },
    { kind: 'time', label: 'time expressions' },
    { kind: 'event', label: 'events' },
  ];

  async function articlePage() {
    const id = params.get('id');
    if (!id) throw new Error('no article id given');
    const view = await api('/api/articles/' + encodeURIComponent(id));
    const rec = view.record;
    const chars = Array.from(rec.text);
    const slice = (s, e) => chars.slice(s, e).join('');
    const ents = new Map(rec.entities.map(e => [e.id, e]));
    document.title = (rec.title || rec.id) + ' — newsgraph';

    // Annotations: [start, end) in code points, their kind and record.
    const anns = [];
    for (const e of rec.entities) for (const m of e.mentions) anns.push({ start: m.start, end: m.end, kind: 'entity', item: e });
    for (const q of rec.quotes) {
      for (const c of q.content) anns.push({ start: c.start, end: c.end, kind: 'quote', item: q });
      if (q.cue) anns.push({ start: q.cue.start, end: q.cue.end, kind: 'quote', item: q });
    }
    for (const t of rec.timexes) anns.push({ start: t.start, end: t.end, kind: 'time', item: t });
    for (const v of rec.events) anns.push({ start: v.evidence.start, end: v.evidence.end, kind: 'event', item: v });

    const panel = el('aside', { id: 'panel', class: 'panel' }, el('p', { class: 'muted' }, 'Click a highlighted part of the text to see its record and evidence.'));
    const text = el('div', { id: 'text', class: 'text' });
    const spans = renderText(text, chars, anns, a => { select(a); show(a); });

    function select(a) {
      for (const s of text.querySelectorAll('.sel')) s.classList.remove('sel');
      for (const s of spans) if (s.anns.some(x => x.item === a.item)) s.node.classList.add('sel');
    }

    function entityName(local) {
      const e = ents.get(local);
      if (!e) return local ? el('span', {}, local) : null;
      return entityLink(view.entities[local], e.name);
    }
    function actor(ref) {
      if (!ref) return '—';
      const parts = [];
      if (ref.entity) parts.push(entityName(ref.entity));
      if (ref.code) parts.push(el('code', {}, ref.code));
      return parts.length ? parts : '—';
    }
    function sentenceOf(i) {
      const s = rec.sentences[i];
      return s ? slice(s.start, s.end) : '';
    }
    function rows(pairs) {
      return el('dl', {}, pairs.filter(p => p[1] !== null && p[1] !== undefined && p[1] !== '').map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    }

    function show(a) {
      const it = a.item;
      clear(panel);
      if (a.kind === 'entity') {
        put(panel, el('h3', {}, el('span', { class: 'badge entity' }, it.type), ' ', it.name),
          rows([
            ['country', it.country], ['sector', it.sector],
            ['aliases', it.aliases.join('; ')],
            ['roles', it.roles.map(r => r.title + (r.of ? ' of ' + r.of : '')).join('; ')],
            ['mentions', it.mentions.map(m => m.text).join('; ')],
          ]),
          view.entities[it.id] !== undefined ? el('p', {}, entityLink(view.entities[it.id], 'Entity page →')) : null);
      } else if (a.kind === 'event') {
        const mode = it.mode ? ' (' + it.mode + ')' : '';
        put(panel, el('h3', {}, el('span', { class: 'badge event' }, it.type + mode), ' ', it.modality),
          rows([
            ['actor', actor(it.actor)], ['recipient', actor(it.recipient)],
            ['date', it.date], ['place', it.place ? entityName(it.place) : null],
            ['CAMEO', it.cameo], ['according to', it.source ? entityName(it.source) : null],
          ]),
          el('h4', {}, 'Evidence'),
          el('blockquote', { class: 'evidence' }, highlight(sentenceOf(it.sentence), slice(it.evidence.start, it.evidence.end))),
          view.events[it.id] !== undefined ? el('p', {}, eventLink(view.events[it.id], 'Event page, every report →')) : null);
      } else if (a.kind === 'quote') {
        put(panel, el('h3', {}, el('span', { class: 'badge quote' }, it.kind), ' statement'),
          rows([
            ['speaker', it.speaker ? (it.speaker.entity ? entityName(it.speaker.entity) : it.speaker.text) : '—'],
            ['cue', it.cue ? it.cue.text : null],
            ['to', it.addressee ? entityName(it.addressee) : (it.addressee_span ? it.addressee_span.text : null)],
            ['via', it.via ? entityName(it.via) : null],
          ]),
          el('blockquote', {}, it.text));
      } else {
        put(panel, el('h3', {}, el('span', { class: 'badge time' }, it.type), ' ', it.text),
          rows([['value', el('code', {}, it.value)]]));
      }
    }

    const toggles = el('div', { class: 'legend' }, KINDS.map(k => {
      const box = el('input', { type: 'checkbox', checked: true, onchange: () => text.classList.toggle('hide-' + k.kind, !box.checked) });
      return el('label', { class: 'key ' + k.kind }, box, ' ', k.label);
    }));

    const meta = el('p', { class: 'meta' },
      rec.published ? rec.published + ' · ' : '', rec.site ? rec.site + ' · ' : '',
      rec.url ? outsideLink(rec.url) : null, rec.url ? ' · ' : '', el('code', {}, rec.id));
    const lists = el('section', { class: 'lists' },
      el('h2', {}, 'Entities'),
      el('ul', { class: 'chips' }, rec.entities.map(e => el('li', {}, entityLink(view.entities[e.id], e.name), ' ', el('span', { class: 'muted' }, e.type)))),
      el('h2', {}, 'Events'),
      rec.events.length ? table(rec.events, [
        { title: 'type', cell: v => eventLink(view.events[v.id], v.type) },
        { title: 'actor', cell: v => actor(v.actor) },
        { title: 'recipient', cell: v => actor(v.recipient) },
        { title: 'date', cell: v => v.date || '' },
        { title: 'evidence', cell: v => slice(v.evidence.start, v.evidence.end) },
      ]) : el('p', { class: 'muted' }, 'No event.'));
    put(clear(app()), 
      el('h1', {}, rec.title || rec.id),
      view.copy ? el('p', { class: 'note' }, view.copy + ' is a copy of this story.') : null,
      meta, toggles,
      el('div', { class: 'reader' }, text, panel),
      lists);
  }

  // Split the text at every annotation boundary; each piece is a span with
  // the kinds that cover it. A click picks the narrowest annotation there.
  function renderText(container, chars, anns, onPick) {
    const cuts = new Set([0, chars.length]);
    for (const a of anns) { cuts.add(Math.max(0, Math.min(a.start, chars.length))); cuts.add(Math.max(0, Math.min(a.end, chars.length))); }
    const points = Array.from(cuts).sort((x, y) => x - y);
    const spans = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i], e = points[i + 1];
      const piece = chars.slice(s, e).join('');
      const over = anns.filter(a => a.start <= s && a.end >= e && a.start < a.end);
      if (!over.length) { container.appendChild(document.createTextNode(piece)); continue; }
      const kinds = Array.from(new Set(over.map(a => a.kind)));
      const node = el('span', { class: 'hl ' + kinds.join(' '), tabindex: 0 }, piece);
      const pick = () => {
        const best = over.slice().sort((x, y) => (x.end - x.start) - (y.end - y.start) || KIND_ORDER[y.kind] - KIND_ORDER[x.kind])[0];
        onPick(best);
      };
      node.addEventListener('click', pick);
      node.addEventListener('keydown', ev => { if (ev.key === 'Enter') pick(); });
      container.appendChild(node);
      spans.push({ node, anns: over });
    }
    return spans;
  }
  const KIND_ORDER = { event: 4, time: 3, entity: 2, quote: 1 };

  // A sentence with the evidence marked (the first place it occurs).
  function highlight(sentence, evidence) {
    const at = evidence ? sentence.indexOf(evidence) : -1;
    if (at < 0) return [sentence || evidence];
    return [sentence.slice(0, at), el('mark', {}, evidence), sentence.slice(at + evidence.length)];
  }

  // ---- entity ----

  async function entityPage() {
    const id = params.get('id');
    if (!id) throw new Error('no entity id given');
    const v = await api('/api/entities/' + encodeURIComponent(id));
    const e = v.entity;
    document.title = e.name + ' — newsgraph';
    const facts = [e.type, e.country, e.sector].filter(Boolean).join(' · ');
    put(clear(app()), 
      el('h1', {}, e.name),
      el('p', { class: 'meta' }, facts, ' · ', fmt(e.documents), ' articles · ', fmt(e.mentions), ' mentions'),
      v.aliases.length ? el('p', {}, el('span', { class: 'muted' }, 'Also: '), v.aliases.join('; ')) : null,
      el('div', { class: 'two' },
        el('section', {}, el('h2', {}, 'Timeline'), timeline(v.timeline)),
        el('section', {}, el('h2', {}, 'Interactions'), graph(e, v.graph),
          el('h2', {}, 'Articles'),
          el('ul', { class: 'plain' }, v.articles.map(a => el('li', {}, el('span', { class: 'muted' }, (a.published || '') + ' '), articleLink(a.document, a.title || a.document)))))));
  }

  function timeline(items) {
    if (!items.length) return el('p', { class: 'muted' }, 'No event or statement.');
    return el('ol', { class: 'timeline', id: 'timeline' }, items.map(t => {
      if (t.kind === 'event') {
        const other = t.other_entity !== null ? entityLink(t.other_entity, t.other) : (t.other || '—');
        return el('li', { class: 'event' },
          el('span', { class: 'date' }, t.date || 'undated'),
          el('span', { class: 'badge event' }, t.type), ' ',
          eventLink(t.event, t.role === 'actor' ? 'with ' : 'by '), other,
          t.modality !== 'asserted' ? el('span', { class: 'muted' }, ' (' + t.modality + ')') : null,
          t.mentions > 1 ? el('span', { class: 'muted' }, ' · ' + fmt(t.mentions) + ' reports') : null);
      }
      return el('li', { class: 'statement' },
        el('span', { class: 'date' }, t.date || 'undated'),
        el('span', { class: 'badge quote' }, 'said'), ' ',
        el('q', {}, t.text), ' ',
        t.addressee ? ['to ', entityLink(t.addressee_entity, t.addressee), ' '] : null,
        el('span', { class: 'muted' }, '— '), articleLink(t.document, t.title || t.document));
    }));
  }

  // The entity in the middle, the ones it interacts with around it; line
  // width grows with the number of shared events and statements.
  function graph(center, edges) {
    if (!edges.length) return el('p', { class: 'muted' }, 'No interaction with another entity.');
    const W = 520, H = 400, cx = W / 2, cy = H / 2, R = 150;
    const max = Math.max(...edges.map(g => g.events + g.statements));
    const s = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'graph', id: 'graph', role: 'img', 'aria-label': 'Interactions of ' + center.name });
    const lines = svgEl('g', {}), nodes = svgEl('g', {});
    edges.forEach((g, i) => {
      const angle = (2 * Math.PI * i) / edges.length - Math.PI / 2;
      const x = cx + R * Math.cos(angle), y = cy + R * Math.sin(angle);
      const n = g.events + g.statements;
      lines.appendChild(svgEl('line', { x1: cx, y1: cy, x2: x, y2: y, class: g.events ? 'edge ev' : 'edge st', 'stroke-width': 1 + 5 * n / max },
        svgEl('title', {}, g.name + ': ' + g.events + ' events, ' + g.statements + ' statements')));
      const a = svgEl('a', { href: '/entity?id=' + encodeURIComponent(g.entity), class: 'node' },
        svgEl('circle', { cx: x, cy: y, r: 6 + 6 * n / max, class: 't-' + g.type }),
        svgEl('text', { x: x, y: y + (y < cy ? -14 : 22), 'text-anchor': 'middle' }, g.name),
        svgEl('title', {}, g.name + ' (' + g.type + '): ' + g.events + ' events, ' + g.statements + ' statements'));
      nodes.appendChild(a);
    });
    put(s, lines, nodes,
      svgEl('circle', { cx, cy, r: 14, class: 'center t-' + center.type }),
      svgEl('text', { x: cx, y: cy + 32, 'text-anchor': 'middle', class: 'center-label' }, center.name));
    return el('figure', {}, s, el('figcaption', { class: 'muted' }, 'Line width: events between them and statements one addressed to the other.'));
  }

  // ---- events ----

  const FILTERS = ['actor', 'recipient', 'type', 'place', 'since', 'until'];

  async function eventsPage() {
    const query = {};
    for (const f of FILTERS) if (params.get(f)) query[f] = params.get(f);
    const by = ['day', 'month', 'year'].includes(params.get('by')) ? params.get('by') : 'month';
    const limit = 50, offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    document.title = 'Events — newsgraph';
    const form = el('form', { action: '/events', method: 'get', class: 'filters', id: 'filters' },
      FILTERS.map(f => el('label', {}, f, el('input', { name: f, value: query[f] || '', placeholder: f === 'since' || f === 'until' ? 'YYYY-MM-DD' : '' }))),
      el('label', {}, 'by', el('select', { name: 'by' }, ['day', 'month', 'year'].map(p => el('option', { value: p, selected: p === by }, p)))),
      el('button', { type: 'submit' }, 'Filter'));
    const q = new URLSearchParams(query).toString();
    const [page, counts] = await Promise.all([
      api('/api/events?limit=' + limit + '&offset=' + offset + (q ? '&' + q : '')),
      api('/api/events/counts?by=' + by + (q ? '&' + q : '')),
    ]);
    put(clear(app()), 
      el('h1', {}, 'Events'), form,
      chart(counts.buckets, by),
      table(page.items, [
        { title: 'date', cell: r => r.date || '', cls: 'nowrap' },
        { title: 'type', cell: r => eventLink(r.id, r.type + (r.mode ? ' (' + r.mode + ')' : '')) },
        { title: 'actor', cell: r => entityLink(r.actor_entity, side(r.actor, r.actor_code)) },
        { title: 'recipient', cell: r => entityLink(r.recipient_entity, side(r.recipient, r.recipient_code)) },
        { title: 'place', cell: r => entityLink(r.place_entity, r.place || '') },
        { title: 'modality', cell: r => r.modality },
        { title: 'reports', cell: r => fmt(r.mentions), cls: 'num' },
        { title: 'evidence', cell: r => r.evidence ? articleLink(r.document, r.evidence) : '' },
      ], 'data events'),
      pager(page, '/events', Object.assign({ by }, query)));
  }

  // Bars of events per period; hover for the numbers.
  function chart(buckets, by) {
    if (!buckets.length) return el('p', { class: 'muted', id: 'chart' }, 'No dated event to chart.');
    const W = 900, H = 220, left = 40, bottom = 30, top = 10;
    const max = Math.max(...buckets.map(b => b.events));
    const bw = Math.min((W - left) / buckets.length, 48);
    const s = svgEl('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', id: 'chart', role: 'img', 'aria-label': 'Events by ' + by });
    const y = n => top + (H - top - bottom) * (1 - n / max);
    s.appendChild(svgEl('line', { x1: left, y1: H - bottom, x2: W, y2: H - bottom, class: 'axis' }));
    s.appendChild(svgEl('text', { x: left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, fmt(max)));
    s.appendChild(svgEl('text', { x: left - 6, y: H - bottom + 4, 'text-anchor': 'end', class: 'tick' }, '0'));
    const every = Math.ceil(buckets.length / 12);
    buckets.forEach((b, i) => {
      const x = left + i * bw;
      s.appendChild(svgEl('rect', { x: x + bw * 0.1, y: y(b.events), width: Math.max(1, bw * 0.8), height: H - bottom - y(b.events), class: 'bar' },
        svgEl('title', {}, b.period + ': ' + fmt(b.events) + ' events, ' + fmt(b.mentions) + ' reports')));
      if (i % every === 0) s.appendChild(svgEl('text', { x: x + bw / 2, y: H - bottom + 16, 'text-anchor': 'middle', class: 'tick' }, b.period));
    });
    return el('figure', {}, s);
  }

  async function eventPage() {
    const id = params.get('id');
    if (!id) throw new Error('no event id given');
    const v = await api('/api/events/' + encodeURIComponent(id));
    const e = v.event;
    document.title = e.type + ' — newsgraph';
    put(clear(app()), 
      el('h1', {}, el('span', { class: 'badge event' }, e.type + (e.mode ? ' (' + e.mode + ')' : '')), ' ',
        entityLink(e.actor_entity, side(e.actor, e.actor_code)), ' → ', entityLink(e.recipient_entity, side(e.recipient, e.recipient_code))),
      el('p', { class: 'meta' }, [e.date || 'undated', e.modality, 'CAMEO ' + e.cameo].join(' · '),
        e.place ? [' · in ', entityLink(e.place_entity, e.place)] : null, ' · ', fmt(e.mentions), ' reports'),
      el('h2', {}, 'Reports'),
      el('ol', { class: 'reports', id: 'reports' }, v.reports.map(r => el('li', {},
        el('p', { class: 'meta' }, (r.published || '') + ' · ', articleLink(r.document, r.title || r.document),
          r.source ? [' · according to ', entityLink(r.source_entity, r.source)] : null),
        el('blockquote', { class: 'evidence' }, highlight(r.sentence_text || '', r.evidence))))));
  }

  async function stats() {
    try {
      const s = await api('/api/stats');
      const e = document.getElementById('stats');
      if (e) e.textContent = fmt(s.documents) + ' articles · ' + fmt(s.quotes) + ' statements · ' + fmt(s.events) + ' events';
    } catch (_) { /* the header stays empty */ }
  }

  const PAGES = { '/': searchPage, '/article': articlePage, '/entity': entityPage, '/events': eventsPage, '/event': eventPage };

  // An error in the page is recorded where tests (and curious users) see it.
  window.addEventListener('error', ev => document.body.setAttribute('data-error', String(ev.message)));
  window.addEventListener('unhandledrejection', ev => document.body.setAttribute('data-error', String(ev.reason)));

  document.addEventListener('DOMContentLoaded', () => {
    stats();
    const page = PAGES[location.pathname];
    if (!page) { fail(new Error('no such page')); return; }
    page().then(() => document.body.setAttribute('data-ready', '1'), err => { fail(err); document.body.setAttribute('data-ready', 'error'); });
  });
})();
