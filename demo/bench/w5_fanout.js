// W5 (issue 4 / issue 8) for Node.js: N concurrent GETs of one URL with Node's `http`, each body read
// whole, with a fresh keep-alive Agent without a socket cap per repetition (cold pool, like the JVM side).
// Usage: node demo/bench/w5_fanout.js URL N WARMUPS REPS
// Warm-ups fetch /delay/0 instead of /delay/1. Prints `RESULT w5-<N> node ms <wall ms> failures <count> cpu_ms <process CPU ms>`.
"use strict";
const http = require("http");

function get(agent, url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve(res.statusCode === 200 ? 0 : 1));
      res.on("error", () => resolve(1));
    });
    req.on("error", () => resolve(1));
  });
}

async function fanOut(url, n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxTotalSockets: Infinity });
  const failed = (await Promise.all(Array.from({ length: n }, () => get(agent, url)))).reduce((a, b) => a + b, 0);
  agent.destroy();
  return failed;
}

async function main() {
  const [url, n, warmups, reps] = [process.argv[2], +process.argv[3], +process.argv[4], +process.argv[5]];
  for (let i = 0; i < warmups; i++) await fanOut(url.replace("/delay/1", "/delay/0"), n);
  for (let i = 0; i < reps; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const failed = await fanOut(url, n);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    console.log(`RESULT w5-${n} node ms ${ms.toFixed(1)} failures ${failed} cpu_ms ${((used.user + used.system) / 1000).toFixed(0)}`);
  }
}

main();
