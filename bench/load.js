// One dashboard under constant concurrency: a warm-up, then the measured run, both `constant-vus`.
// Started by bench/load.py, which passes everything through environment variables:
//   URL, TOKEN (bearer, may be empty), EXPECT (text every good body contains, may be empty),
//   VUS, WARMUP and DURATION (k6 durations such as 5s), SUMMARY (where the JSON summary goes).
// A response that is not a 200, or lacks EXPECT, is a failure: the run aborts on the first ones and
// bench/load.py reports it. Only the measured scenario's requests make the latency and the rate.
import http from 'k6/http';
import { Counter } from 'k6/metrics';

const failures = new Counter('failures');
const vus = parseInt(__ENV.VUS, 10);
// The naive path takes over a minute per admin dashboard at xlarge: wait for it rather than count
// k6's 60 s default as a failure, and let the last requests of each phase finish.
const params = { headers: __ENV.TOKEN ? { Authorization: `Bearer ${__ENV.TOKEN}` } : {}, timeout: '600s' };
let reported = 0;

export const options = {
  scenarios: {
    warmup: {
      executor: 'constant-vus',
      vus,
      duration: __ENV.WARMUP,
      gracefulStop: '600s',
      tags: { phase: 'warmup' },
    },
    measure: {
      executor: 'constant-vus',
      vus,
      duration: __ENV.DURATION,
      startTime: __ENV.WARMUP,
      gracefulStop: '600s',
      tags: { phase: 'measure' },
    },
  },
  thresholds: {
    // The tagged thresholds make k6 keep the measured scenario's own figures in the summary.
    'http_req_duration{phase:measure}': ['max>=0'],
    'http_reqs{phase:measure}': ['count>0'],
    failures: [{ threshold: 'count==0', abortOnFail: true }],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
};

export default function () {
  const response = http.get(__ENV.URL, params);
  const good = response.status === 200 && (!__ENV.EXPECT || String(response.body).includes(__ENV.EXPECT));
  if (!good) {
    failures.add(1);
    if (reported < 3) {
      reported += 1;
      console.error(`${response.status} from ${__ENV.URL}: ${String(response.body).slice(0, 300)}`);
    }
  }
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY]: JSON.stringify(data) };
}
