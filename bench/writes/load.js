// Order writers (and, in the mixed scenario, dashboard readers) at constant concurrency for a fixed
// time. Started by bench/writes/traffic.py, which passes everything through environment variables:
//   BASE (server URL, or several comma-separated), OWNER_TOKENS (comma-separated; VU n signs in with the n-th, round robin),
//   ADMIN_TOKEN, PLATFORM_ID (the platform dashboard of the mixed scenario), VUS, DURATION (e.g. 20s),
//   MIXED (1: nine requests in ten read a dashboard, one records an order).
// Every request is written as one console line (`R kind start_ms duration_ms status`): the harness
// counts and times them. Nothing counts as a failure here: what the server answers is what is measured.
import http from 'k6/http';

const owners = __ENV.OWNER_TOKENS.split(',');
const mixed = __ENV.MIXED === '1';
const admin = { headers: { Authorization: `Bearer ${__ENV.ADMIN_TOKEN}` }, timeout: '120s' };
const query = 'period=30d&include_trends=true';
// BASE may list several servers (comma-separated, bench/scale): VU n talks to the n-th, round robin,
// as a load balancer that keeps each client on one node would.
const bases = __ENV.BASE.split(',');
function base() {
  return bases[(__VU - 1) % bases.length];
}
function vendorUrl() {
  return `${base()}/api/v1/vendor/dashboard/stats?${query}`;
}
function adminUrl() {
  return `${base()}/api/v1/admin/dashboard/stats?${query}&platform_id=${__ENV.PLATFORM_ID}`;
}
function ordersUrl() {
  return `${base()}/api/v1/vendor/orders`;
}

export const options = {
  scenarios: {
    load: {
      executor: 'constant-vus',
      vus: parseInt(__ENV.VUS, 10),
      duration: __ENV.DURATION,
      gracefulStop: '130s',
      exec: 'run',
    },
  },
};

function owner() {
  const token = owners[(__VU - 1) % owners.length];
  return { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
}

function record(kind, started, response) {
  console.log(`R ${kind} ${started} ${Date.now() - started} ${response.status}`);
}

// Emails differ by VU and repeat every 50 orders: most orders are a customer's first few, so the
// per-customer count each order keeps is not what is measured. Two in three are paid.
function write() {
  const body = JSON.stringify({
    customer_email: `c${__VU}-${__ITER % 50}@writes.example.com`,
    total_cents: 100 + (__ITER % 50) * 37,
    status: __ITER % 3 === 0 ? 'pending' : 'paid',
  });
  const started = Date.now();
  record('write', started, http.post(ordersUrl(), body, { headers: owner(), timeout: '120s' }));
}

// Spread over VUs so that at any moment about one VU in ten writes, half the rest read a vendor's
// dashboard and half the platform's.
function mix() {
  const turn = (__ITER + __VU) % 10;
  if (turn === 0) {
    write();
    return;
  }
  const vendor = turn % 2 === 1;
  const started = Date.now();
  const response = vendor
    ? http.get(vendorUrl(), { headers: owner(), timeout: '120s' })
    : http.get(adminUrl(), admin);
  record(vendor ? 'vendor' : 'admin', started, response);
}

export function run() {
  if (mixed) {
    mix();
  } else {
    write();
  }
}
