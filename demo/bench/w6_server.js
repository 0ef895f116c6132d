// Node.js comparator of W6 (issue 8): Node's `http` module answering GET /json with the same body
// and the same headers as aio4j's demo server (server/src/main/kotlin/dev/aio4j/server/HttpbinRoutes.kt).
//
// Usage: node demo/bench/w6_server.js [PORT]   (default 18681; prints "Listening on http://127.0.0.1:PORT")
//
// Fairness: the body is serialized once at start-up, like the demo server's precomputed /json bytes.
// Headers on both sides: Content-Type: application/json, Content-Length, Date (Node's own, cached per
// second), Connection: keep-alive. Node's `Keep-Alive: timeout=N` header is turned off
// (keepAliveTimeout 0 = idle connections are never timed out) so both send the same header set.
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 18681);
const body = Buffer.from(JSON.stringify({
  slideshow: {
    author: 'aio4j',
    date: '2026-01-01',
    title: 'Sample Slide Show',
    slides: [
      { title: 'Wake up to asyncio!', type: 'all' },
      { title: 'Overview', type: 'all', items: ['Why async I/O', 'Who uses it'] },
    ],
  },
}));
const notFound = Buffer.from(JSON.stringify({ error: 'No resource here; only GET /json', status: 404 }));

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/json') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  } else {
    res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': notFound.length });
    res.end(notFound);
  }
});
server.keepAliveTimeout = 0;
server.listen(port, '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
