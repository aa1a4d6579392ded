// Dashboard readers, order writers, one /health poller and one /ready poller, each at constant
// concurrency, for a fixed time. Started by bench/faults/traffic.py, which passes everything through environment variables:
//   BASE (server URL), ADMIN_TOKEN, OWNER_TOKENS (comma-separated, one per vendor), PLATFORM_ID,
//   READERS, WRITERS (virtual users), DURATION (e.g. 40s).
// The script does not know when the fault is played; the harness does. So every request is written
// as one console line (`R kind start_ms duration_ms status retry_after complete stale`), and the harness
// places it before, during or after the fault by the clock both share. Nothing counts as a failure
// here: what a fault does to the answers is what is measured.
import http from 'k6/http';
import { sleep } from 'k6';

const owners = __ENV.OWNER_TOKENS.split(',');
const admin = { headers: { Authorization: `Bearer ${__ENV.ADMIN_TOKEN}` }, timeout: '120s' };
const query = 'period=30d&include_trends=true';
const vendorUrl = `${__ENV.BASE}/api/v1/vendor/dashboard/stats?${query}`;
const adminUrl = `${__ENV.BASE}/api/v1/admin/dashboard/stats?${query}&platform_id=${__ENV.PLATFORM_ID}`;
const ordersUrl = `${__ENV.BASE}/api/v1/vendor/orders`;
// A request stuck behind a lock or a paused backend is let finish, however long, to be counted.
const common = { executor: 'constant-vus', duration: __ENV.DURATION, gracefulStop: '130s' };

function scenario(vus, exec) {
  return vus > 0 ? { [exec]: { ...common, vus, exec } } : {};
}

export const options = {
  scenarios: {
    ...scenario(parseInt(__ENV.READERS, 10), 'read'),
    ...scenario(parseInt(__ENV.WRITERS, 10), 'write'),
    ...scenario(1, 'health'),
    ...scenario(1, 'ready'),
  },
  summaryTrendStats: ['med', 'p(99)', 'max'],
};

function owner() {
  const token = owners[(__VU - 1) % owners.length];
  return { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
}

function record(kind, started, response, complete, stale = false) {
  const retry = response.headers['Retry-After'] === undefined ? 0 : 1;
  const took = Date.now() - started;
  const flags = `${retry} ${complete ? 1 : 0} ${stale ? 1 : 0}`;
  console.log(`R ${kind} ${started} ${took} ${response.status} ${flags} ${response.timings.duration.toFixed(1)}`);
}

// Half the readers ask for their vendor's dashboard, half for the platform's.
export function read() {
  const vendor = __VU % 2 === 0;
  const started = Date.now();
  const response = vendor
    ? http.get(vendorUrl, { headers: owner(), timeout: '120s' })
    : http.get(adminUrl, admin);
  const body = response.status === 200 ? String(response.body) : '';
  // A stale dashboard (the last complete one, served while the database does not answer) is not complete.
  const stale = body.includes('"stale":true');
  const complete = body.includes('"unavailable":[]') && !stale;
  record(vendor ? 'vendor' : 'admin', started, response, complete, stale);
}

export function write() {
  const body = JSON.stringify({
    customer_email: `c${__ITER % 25}@faults.example.com`,
    total_cents: 100 + (__ITER % 50) * 37,
    status: __ITER % 3 === 0 ? 'pending' : 'paid',
  });
  const started = Date.now();
  const response = http.post(ordersUrl, body, { headers: owner(), timeout: '120s' });
  record('write', started, response, response.status === 201);
}

export function health() {
  const started = Date.now();
  const response = http.get(`${__ENV.BASE}/health`, { timeout: '120s' });
  record('health', started, response, response.status === 200);
  sleep(0.1);
}

export function ready() {
  const started = Date.now();
  const response = http.get(`${__ENV.BASE}/ready`, { timeout: '120s' });
  record('ready', started, response, response.status === 200);
  sleep(0.5);
}
