// citebot chat page: POST /api/chat, render the answer with clickable [n] markers that open the cited passage.
(() => {
  const log = document.getElementById('log');
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const send = document.getElementById('send');
  const status = document.getElementById('status');
  const source = document.getElementById('source');
  let conversationId = null;

  // With API keys on the server, the page asks for one once (on the first 401) and keeps it in this browser.
  async function api(url, options = {}, retried = false) {
    const headers = Object.assign({}, options.headers || {});
    const key = localStorage.getItem('citebot.apiKey');
    if (key) headers['Authorization'] = 'Bearer ' + key;
    const res = await fetch(url, Object.assign({}, options, { headers }));
    if (res.status === 401 && !retried) {
      const entered = window.prompt('This citebot needs an API key. Enter yours (it stays in this browser):');
      if (entered && entered.trim()) {
        localStorage.setItem('citebot.apiKey', entered.trim());
        return api(url, options, true);
      }
    }
    return res;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showSource(c) {
    document.getElementById('source-title').textContent = c.title;
    document.getElementById('source-meta').textContent =
      [c.source, c.date, 'passage ' + c.passageId].filter(Boolean).join(' · ');
    document.getElementById('source-text').textContent = c.text;
    const link = document.getElementById('source-link');
    link.textContent = '';
    // the article's own address, or else this server's view of it at the passage ("link", kept on this page's origin)
    let href = c.url && /^https?:\/\//.test(c.url) ? c.url : null;
    if (!href && c.link) {
      const u = new URL(c.link, location.href);
      href = u.pathname + u.search + u.hash;
    }
    if (href) {
      const a = el('a', null, 'Open the article');
      a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer';
      link.appendChild(a);
    }
    source.hidden = false;
    // on a narrow screen the panel sits below the conversation: bring it into view
    if (window.matchMedia('(max-width: 800px)').matches) source.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  document.getElementById('source-close').onclick = () => { source.hidden = true; };

  // Text nodes only (never innerHTML): article text cannot inject markup.
  function fillAnswer(msg, data) {
    msg.textContent = '';
    msg.className = 'msg bot' + (data.refused ? ' refused' : '');
    const p = el('p');
    // a refusal's markers point at the closest articles ("related"), never at support
    const sources = data.refused ? (data.related || []) : data.citations;
    const byN = new Map(sources.map(c => [c.n, c]));
    if (data.shortAnswer) {
      // the asked fact first, in bold, with the citations that state it
      const lead = el('p', 'short');
      lead.appendChild(el('strong', null, data.shortAnswer.text));
      for (const n of data.shortAnswer.citations) {
        const c = byN.get(n);
        if (!c) continue;
        lead.appendChild(document.createTextNode(' '));
        const b = el('button', 'cite', '[' + n + ']');
        b.type = 'button';
        b.title = c.title;
        b.onclick = () => showSource(c);
        lead.appendChild(b);
      }
      msg.appendChild(lead);
    }
    // text with its [n] markers as buttons that open the cited passage
    const withMarkers = (into, text) => {
      for (const part of text.split(/(\[\d+\])/)) {
        const m = /^\[(\d+)\]$/.exec(part);
        if (m && byN.has(Number(m[1]))) {
          const c = byN.get(Number(m[1]));
          const b = el('button', 'cite', part);
          b.type = 'button';
          b.title = c.title;
          b.onclick = () => showSource(c);
          into.appendChild(b);
        } else {
          into.appendChild(document.createTextNode(part));
        }
      }
    };
    if (data.timeline && data.timeline.length > 1) {
      // how a story unfolded: one dated development a line, oldest first
      const ol = el('ol', 'timeline');
      for (const event of data.timeline) {
        const li = el('li');
        const time = el('time', null, event.date);
        time.dateTime = event.date;
        li.appendChild(time);
        withMarkers(li, ' ' + event.text);
        ol.appendChild(li);
      }
      msg.appendChild(ol);
    } else {
      withMarkers(p, data.answer);
      msg.appendChild(p);
    }
    if (data.fallback) {
      msg.appendChild(el('p', 'note', 'The language model was unavailable; this answer quotes the articles directly.'));
    }
    if (data.searchedFor && data.searchedFor !== data.question) {
      msg.appendChild(el('p', 'note', 'Searched for: ' + data.searchedFor));
    }
    if (sources.length) {
      const ol = el('ol', data.refused ? 'related' : null);
      for (const c of sources) {
        const li = el('li');
        li.value = c.n;
        const b = el('button', 'cite', c.title);
        b.type = 'button';
        b.style.verticalAlign = 'baseline';
        b.onclick = () => showSource(c);
        li.appendChild(b);
        li.appendChild(document.createTextNode([c.source, c.date].filter(Boolean).map(s => ' · ' + s).join('')));
        if (c.alsoReportedBy && c.alsoReportedBy.length) {
          const also = [...new Set(c.alsoReportedBy.map(a => a.source || a.title))].join(', ');
          li.appendChild(el('span', 'also', ' · also reported by ' + also));
        }
        ol.appendChild(li);
      }
      msg.appendChild(ol);
    }
    if (data.turn) msg.appendChild(feedbackRow(data.conversationId, data.turn));
    msg.scrollIntoView({ behavior: 'smooth', block: 'end' });
  }

  // 👍/👎 under an answer, then an optional comment: POST /api/feedback, stored with the conversation and the turn.
  function feedbackRow(id, turn) {
    const row = el('div', 'feedback');
    const votes = el('p');
    // the words, not only the emoji (which a machine without an emoji font shows as empty boxes)
    for (const [rating, label, title] of [['up', '👍 Helpful', 'Helpful'], ['down', '👎 Not helpful', 'Not helpful']]) {
      const b = el('button', 'vote', label);
      b.type = 'button';
      b.title = title;
      b.dataset.rating = rating;
      b.onclick = () => askComment(row, id, turn, rating);
      votes.appendChild(b);
    }
    row.appendChild(votes);
    return row;
  }

  function askComment(row, id, turn, rating) {
    row.textContent = '';
    const form = el('form', 'comment');
    const input = el('input');
    input.type = 'text';
    input.maxLength = 2000;
    input.placeholder = rating === 'up' ? 'What was good? (optional)' : 'What was wrong? (optional)';
    input.setAttribute('aria-label', 'Comment');
    const sendVote = el('button', 'vote', 'Send');
    sendVote.type = 'submit';
    form.append(el('span', null, rating === 'up' ? '👍 ' : '👎 '), input, sendVote);
    form.onsubmit = async (e) => {
      e.preventDefault();
      sendVote.disabled = true;
      const body = { conversationId: id, turn, rating };
      if (input.value.trim()) body.comment = input.value.trim();
      try {
        const res = await api('/api/feedback', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
        });
        const data = await res.json().catch(() => ({}));
        row.textContent = res.ok ? 'Thanks for the feedback.' : 'Feedback not saved: ' + (data.error || res.statusText);
      } catch (err) {
        row.textContent = 'Feedback not saved: ' + err.message;
      }
    };
    row.appendChild(form);
    input.focus();
  }

  // The question plus whichever filters are set.
  function request(question) {
    const body = { question };
    if (conversationId) body.conversationId = conversationId;
    for (const field of ['from', 'to', 'source', 'mode']) {
      const value = document.getElementById('filter-' + field).value.trim();
      if (value) body[field] = value;
    }
    return body;
  }

  // POST /api/chat/stream: show tokens as they come, then the checked answer with its citations.
  async function ask(question) {
    log.appendChild(el('div', 'msg user', question));
    const msg = el('div', 'msg bot pending', '…');
    log.appendChild(msg);
    send.disabled = true;
    try {
      const res = await api('/api/chat/stream', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
        body: JSON.stringify(request(question))
      });
      if (!res.ok) {
        const data = await res.json().catch(() => ({}));
        throw new Error(data.error || res.statusText);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let streamed = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = (/^event: (.*)$/m.exec(block) || [])[1];
          const data = JSON.parse((/^data: (.*)$/m.exec(block) || [])[1] || '{}');
          if (event === 'token') {
            streamed += data.text;
            msg.textContent = streamed;
          } else if (event === 'done') {
            conversationId = data.conversationId;
            data.question = question;
            fillAnswer(msg, data);
          } else if (event === 'error') {
            throw new Error(data.error);
          }
        }
      }
    } catch (e) {
      msg.className = 'msg error';
      msg.textContent = 'Error: ' + e.message;
    } finally {
      send.disabled = false;
      input.focus();
    }
  }

  form.onsubmit = (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    input.value = '';
    ask(q);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  async function refreshStatus() {
    try {
      const h = await (await fetch('/health')).json();
      status.textContent = h.ready
        ? `${h.articles} articles, ${h.passages} passages indexed.`
        : `Indexing… ${h.ingest.filesDone}/${h.ingest.filesTotal} files, ${h.passages} passages so far.`;
      if (!h.ready) setTimeout(refreshStatus, 1000);
    } catch (e) {
      status.textContent = 'Server not reachable.';
    }
  }
  refreshStatus();

  // A link such as /#c=ID (from Slack's "Continue on the web") shows that conversation and continues it.
  async function resume(id) {
    try {
      const res = await api('/api/conversations/' + encodeURIComponent(id));
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        log.appendChild(el('div', 'msg note', 'That conversation has expired or does not exist; a new one starts here.'));
        return;
      }
      for (const t of data.turns) {
        log.appendChild(el('div', 'msg user', t.question));
        const m = el('div', 'msg bot earlier');
        m.appendChild(el('p', null, t.answer));
        log.appendChild(m);
      }
      conversationId = data.conversationId;
      log.appendChild(el('p', 'note', 'Earlier turns of this conversation. Ask a follow-up below.'));
    } catch (e) {
      log.appendChild(el('div', 'msg error', 'Error: ' + e.message));
    }
  }
  const resumed = /^#c=([A-Za-z0-9_.:-]{1,100})$/.exec(location.hash);

  // A link such as /?q=Who+mediates asks its question on load, so questions can be shared.
  const shared = new URLSearchParams(location.search).get('q');
  (async () => {
    if (resumed) await resume(resumed[1]);
    if (shared && shared.trim()) ask(shared.trim());
  })();
})();
