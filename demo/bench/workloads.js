// Node.js side of the cross-runtime suite (W1-W4): Promises on Node's one event loop.
//
// Usage: node --expose-gc workloads.js WORKLOAD WARMUPS REPS
// Prints one line per measured repetition: RESULT <workload> node <metric> <value>
// Node has no asyncio-style Queue or Semaphore: W3 and W4 use the smallest faithful ones, written here
// (a bounded FIFO with waiting putters/getters; a counting semaphore with a FIFO of waiters).
'use strict';

const yieldOnce = () => new Promise((resolve) => setImmediate(resolve));

async function w1(n) {
  const job = async (i) => { await yieldOnce(); return i; };
  const tasks = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = job(i);
  const results = await Promise.all(tasks);
  if (results.length !== n || results[n - 1] !== n - 1) throw new Error('bad w1 result');
}

async function w2(n) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const parked = async () => { await gate; };
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const tasks = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = parked();
  global.gc();
  const after = process.memoryUsage().heapUsed;
  release();
  await Promise.all(tasks);
  return (after - before) / n;
}

class BoundedQueue {
  constructor(max) { this.max = max; this.items = []; this.head = 0; this.getters = []; this.putters = []; }
  size() { return this.items.length - this.head; }
  async put(v) {
    while (this.size() >= this.max) await new Promise((r) => this.putters.push(r));
    this.items.push(v);
    if (this.getters.length) this.getters.shift()();
  }
  async get() {
    while (this.size() === 0) await new Promise((r) => this.getters.push(r));
    const v = this.items[this.head++];
    if (this.head > 4096) { this.items = this.items.slice(this.head); this.head = 0; }
    if (this.putters.length) this.putters.shift()();
    return v;
  }
}

async function w3(n) {
  const q = new BoundedQueue(1000);
  const producer = async () => { for (let i = 0; i < n; i++) await q.put(i); };
  const consumer = async () => { let total = 0; for (let i = 0; i < n; i++) total += await q.get(); return total; };
  const [, total] = await Promise.all([producer(), consumer()]);
  if (total !== n * (n - 1) / 2) throw new Error('bad w3 total');
}

// A FIFO of waiters with a moving head: Array.shift() is O(n) on V8's large arrays, which would make
// 100,000 queued waiters quadratic.
class Semaphore {
  constructor(permits) { this.permits = permits; this.waiters = []; this.head = 0; }
  async acquire() {
    if (this.permits > 0 && this.head === this.waiters.length) { this.permits--; return; }
    await new Promise((r) => this.waiters.push(r));
  }
  release() {
    if (this.head < this.waiters.length) {
      const next = this.waiters[this.head];
      this.waiters[this.head++] = undefined;
      next();
    } else {
      this.permits++;
    }
  }
}

async function w4(n) {
  const s = new Semaphore(100);
  const job = async (i) => { await s.acquire(); try { await yieldOnce(); return i; } finally { s.release(); } };
  const tasks = new Array(n);
  for (let i = 0; i < n; i++) tasks[i] = job(i);
  const results = await Promise.all(tasks);
  if (results.length !== n) throw new Error('bad w4 result');
}

const WORKLOADS = {
  w1: [w1, 1000000, 'ms'], 'w1-100k': [w1, 100000, 'ms'], w2: [w2, 100000, 'bytes_per_task'],
  w3: [w3, 1000000, 'ms'], w4: [w4, 100000, 'ms'],
};

(async () => {
  const [name, warmups, reps] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
  const [fn, n, metric] = WORKLOADS[name];
  for (let i = 0; i < warmups + reps; i++) {
    if (global.gc) global.gc();
    const start = process.hrtime.bigint();
    const value = await fn(n);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= warmups) console.log(`RESULT ${name} node ${metric} ${metric === 'ms' ? ms.toFixed(1) : value}`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
