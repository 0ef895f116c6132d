// A second server for W5 (issue 4 / issue 8): Node's `http` answering GET /delay/{seconds} like the demo
// server does (server/src/main/kotlin/dev/aio4j/server/HttpbinRoutes.kt: wait, then {"delay":N}), so the
// fan-out clients can be measured against the lightest server this machine has as well as against
// aio4j's own. The accept backlog is 65535 (the kernel caps it at net.core.somaxconn).
//
// Usage: node demo/bench/w5_server.js [PORT]   (default 18682; prints "Listening on http://127.0.0.1:PORT")
//        SERVER_URL=http://127.0.0.1:18682 bash demo/bench/run-w5.sh
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 18682);

function reply(res, status, value) {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const match = /^\/delay\/([^/?]+)$/.exec(req.url);
  if (req.method !== 'GET' || !match) return reply(res, 404, { error: 'only GET /delay/{seconds}', status: 404 });
  const seconds = Number(match[1]);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 10) {
    return reply(res, 400, { error: `Delay must be between 0 and 10 seconds, got ${match[1]}`, status: 400 });
  }
  setTimeout(() => reply(res, 200, { delay: seconds }), seconds * 1000);
});
server.keepAliveTimeout = 0;
server.listen(port, '127.0.0.1', 65535, () => console.log(`Listening on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
