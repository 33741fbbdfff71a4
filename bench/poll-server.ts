/**
 * The poll benchmark's feed server, run as a child process so its CPU stays out of the poller's figures.
 * `/feed/N`: even N answer 304 to the ETag the store primed with; odd N changed and answer 200 with one new
 * item. Bodies are built once, before the port is reported, so serving costs the server little.
 */
import { createServer } from 'node:http';
import { benchFeedXml, freshEtag, primedEtag } from './seed-feeds.ts';

const count = Number(process.argv[2]);
const bodies = new Map<number, Buffer>();
for (let i = 1; i < count; i += 2) bodies.set(i, Buffer.from(benchFeedXml(i, true)));

const server = createServer((req, res) => {
  const match = /^\/feed\/(\d+)$/.exec(req.url ?? '');
  const index = match ? Number(match[1]) : -1;
  if (index < 0 || index >= count) {
    res.writeHead(404).end();
    return;
  }
  const body = bodies.get(index);
  if (!body) {
    const current = primedEtag(index);
    if (req.headers['if-none-match'] === current) res.writeHead(304, { etag: current }).end();
    else
      res
        .writeHead(200, { etag: current, 'content-type': 'application/rss+xml' })
        .end(benchFeedXml(index, false));
    return;
  }
  res
    .writeHead(200, { etag: freshEtag(index), 'content-type': 'application/rss+xml; charset=utf-8' })
    .end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
