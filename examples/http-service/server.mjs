// A small HTTP service to run perfgate's http suites against: plain node:http, no dependencies.
//   GET /health  200 "ok" (readiness)
//   GET /work    a fixed amount of CPU work per request, scaled by WORK_FACTOR; every
//                (1 / ERROR_RATE)-th /work request answers 500 after doing the same work.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import * as config from './config.mjs';

const workFactor = knob('WORK_FACTOR', config.WORK_FACTOR);
const errorRate = knob('ERROR_RATE', config.ERROR_RATE);
if (!(workFactor > 0)) fail(`WORK_FACTOR must be a number above 0, got ${workFactor}`);
if (!(errorRate >= 0 && errorRate <= 1)) fail(`ERROR_RATE must be a number from 0 to 1, got ${errorRate}`);

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) fail(`PORT must be a port number, got ${JSON.stringify(process.env.PORT ?? null)}`);

// A few milliseconds of hashing per request at WORK_FACTOR 1, linear in the factor. Enough that the
// hashing, not HTTP handling or the load generator, makes up the latency: 1.3 then shows as about 30%
// more p95 (with a third of this work, fixed costs held the p95 ratio near 1.17).
const ROUNDS = Math.max(1, Math.round(1200 * workFactor));
const BLOCK = Buffer.alloc(1024, 'perfgate');
// A counter, not randomness: ERROR_RATE 0.1 fails exactly every 10th request.
const errorEvery = errorRate > 0 ? Math.round(1 / errorRate) : 0;
let workRequests = 0;

function work() {
  let digest = BLOCK;
  for (let i = 0; i < ROUNDS; i++) digest = createHash('sha256').update(digest).update(BLOCK).digest();
  return digest.toString('hex');
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  if (req.method === 'GET' && url.pathname === '/work') {
    workRequests++;
    const digest = work();
    const failed = errorEvery > 0 && workRequests % errorEvery === 0;
    const body = JSON.stringify(failed ? { error: 'injected failure', request: workRequests } : { digest, rounds: ROUNDS });
    res.writeHead(failed ? 500 : 200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${port} (WORK_FACTOR ${workFactor}, ERROR_RATE ${errorRate})`);
});

// perfgate stops the service with SIGTERM; close the listener and let open requests finish.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});

function knob(name, fallback) {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
}

function fail(message) {
  console.error(`server.mjs: ${message}`);
  process.exit(1);
}
