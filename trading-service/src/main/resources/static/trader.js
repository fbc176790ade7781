// The trader's page: renders /api/status and /api/orders?open=true once a second, and sends halt /
// resume with the admin token typed into the page (never stored: it lives in the input field only).

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (cls) td.className = cls;
  return td;
}

function money(v) {
  return v == null ? '' : Number(v).toFixed(2);
}

function signClass(v, cls) {
  return cls + (v == null || Number(v) === 0 ? '' : Number(v) < 0 ? ' neg' : ' pos');
}

function utc(ms) {
  return ms == null ? '' : new Date(ms).toISOString().slice(11, 19) + ' UTC';
}

function shortId(id) {
  return id.length > 16 ? id.slice(0, 8) + '…' + id.slice(-6) : id;
}

/** POSTs an admin call with the token as a bearer header; resolves to {status, body}. */
async function adminCall(path, token) {
  const r = await fetch(path, {method: 'POST', headers: {'Authorization': 'Bearer ' + token}});
  let body = {};
  try {
    body = await r.json();
  } catch (e) {
    // An empty or non-JSON answer: the status says enough.
  }
  return {status: r.status, body: body};
}

function stopLossText(sl) {
  if (!sl) return '';
  let text = sl.label;
  if (sl.until != null) text += ' until ' + utc(sl.until);
  if (sl.thresholdPrice != null && (sl.state === 'ARMED' || sl.state === 'CONFIRMING')) {
    text += ' (bid ≤ ' + sl.thresholdPrice + ')';
  }
  if (sl.exit) text += ': ' + sl.exit;
  if (sl.lastTriggerTime != null) text += '; last at ' + sl.lastTriggerPrice + ', ' + utc(sl.lastTriggerTime);
  return text;
}

function render(status, open) {
  const mode = document.getElementById('mode');
  mode.textContent = status.mode;
  mode.className = 'status ' + status.mode;
  document.getElementById('mode-reason').textContent = status.modeReason || '';
  document.getElementById('orders-mode').textContent = 'orders ' + status.ordersMode;
  const halted = document.getElementById('halted');
  halted.textContent = status.halted ? 'HALTED' : 'RUNNING';
  halted.className = 'status ' + (status.halted ? 'HALTED' : 'RUNNING');
  document.getElementById('halt-reason').textContent = status.halted ? status.haltReason : '';
  const replicas = (status.replicas || []).map(r => r.replica + (r.active ? ' (followed)' : '') + ' '
      + (r.healthy ? 'healthy' : r.connected ? 'unhealthy' : 'not connected') + ', upstream ' + r.upstream);
  document.getElementById('meta').textContent = 'source ' + status.source + '; replicas: ' + replicas.join('; ')
      + (status.directRunning ? '; direct feed running' : '');
  document.getElementById('totals').textContent = 'realised P&L ' + money(status.realisedPnl) + ', unrealised P&L '
      + (status.unrealisedPnl == null ? 'unknown' : money(status.unrealisedPnl)) + ', ' + status.openOrders
      + ' open order(s)';
  const rows = document.getElementById('rows');
  rows.replaceChildren();
  for (const [id, t] of Object.entries(status.tokens)) {
    const s = t.strategy || {};
    const sl = s.stopLoss;
    const tr = document.createElement('tr');
    tr.id = 'token-' + id;
    const idCell = cell(shortId(id));
    idCell.title = id;
    const resting = open.filter(o => o.tokenId === id)
        .map(o => o.side + ' ' + o.size + ' @ ' + o.price + (o.filled > 0 ? ' (' + o.filled + ' filled)' : ''));
    const actions = (s.lastActions || []).slice(0, 3).map(a => utc(a.time).slice(0, 8) + ' ' + a.what);
    const data = t.state + (t.source ? ' via ' + t.source : '') + (t.tradable ? '' : ' (not tradable)');
    tr.append(idCell, cell(data, 'state ' + t.state), cell(t.bestBid, 'bid'), cell(t.bestAsk, 'ask'),
        cell(t.position, 'position'), cell(t.averageCost, 'cost'),
        cell(t.unrealisedPnl == null ? 'no bid' : money(t.unrealisedPnl), signClass(t.unrealisedPnl, 'upnl')),
        cell(money(t.realisedPnl), signClass(t.realisedPnl, 'rpnl')),
        cell((s.state || '') + (s.halted ? ' (halted)' : '') + (s.lastSignal ? ': ' + s.lastSignal : ''), 'text strategy'),
        cell(stopLossText(sl), 'text stoploss ' + (sl ? sl.state : '')),
        cell(resting.join('; '), 'text orders'), cell(actions.join(' | '), 'text actions'));
    rows.append(tr);
  }
}

async function refresh() {
  try {
    const [status, open] = await Promise.all([
      fetch('api/status').then(r => r.json()),
      fetch('api/orders?open=true').then(r => r.json())]);
    render(status, open);
  } catch (e) {
    const mode = document.getElementById('mode');
    mode.textContent = 'unreachable';
    mode.className = 'status unreachable';
  }
}

async function adminButton(path) {
  const token = document.getElementById('admin-token').value;
  const out = document.getElementById('admin-result');
  if (!token) {
    out.textContent = 'enter the admin token first';
    return;
  }
  try {
    const r = await adminCall(path, token);
    out.textContent = r.status === 200 ? (r.body.halted ? 'halted: ' + r.body.reason : 'running')
        : 'refused (' + r.status + '): ' + (r.body.message || '');
  } catch (e) {
    out.textContent = 'failed: ' + e;
  }
  refresh();
}

if (document.getElementById('rows')) {
  document.getElementById('halt-button').addEventListener('click', () => adminButton('api/halt?reason='
      + encodeURIComponent(document.getElementById('halt-reason-input').value || 'operator halt')));
  document.getElementById('resume-button').addEventListener('click', () => adminButton('api/resume'));
  refresh();
  setInterval(refresh, 1000);
}
