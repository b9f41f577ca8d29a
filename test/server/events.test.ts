import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFixture, type Fixture } from './fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const eventsUrl = () => `ws://127.0.0.1:${f.server.port}/api/events`;
const cookie = () => `ss_session=${f.server.token}`;

/** Opens a socket; resolves with it once open, or with the HTTP status the server refused it with. */
function connect(headers: Record<string, string>, origin?: string, url = eventsUrl(), autoPong = true): Promise<{ ws: WebSocket } | { refused: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, origin, autoPong });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ refused: res.statusCode ?? 0, body }));
    });
    ws.on('error', reject);
  });
}

const nextMessage = (ws: WebSocket) => new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('the events WebSocket', () => {
  it('is refused (403, no upgrade) from another Origin, even with the token', async () => {
    const r = await connect({ cookie: cookie() }, 'https://evil.example');
    expect(r).toMatchObject({ refused: 403 });
    expect((r as { body: string }).body).toMatch(/origin "https:\/\/evil.example"/);
  });

  it('is refused from the same host on another port, and without an Origin', async () => {
    expect(await connect({ cookie: cookie() }, `http://127.0.0.1:${f.server.port + 1}`)).toMatchObject({ refused: 403 });
    expect(await connect({ cookie: cookie() })).toMatchObject({ refused: 403 });
  });

  it('is refused (401) without the token or with a wrong one', async () => {
    expect(await connect({}, f.server.origin)).toMatchObject({ refused: 401 });
    expect(await connect({ cookie: 'ss_session=wrong' }, f.server.origin)).toMatchObject({ refused: 401 });
  });

  it('is refused (403) for a foreign Host', async () => {
    expect(await connect({ cookie: cookie(), host: `evil.example:${f.server.port}` }, `http://evil.example:${f.server.port}`)).toMatchObject({ refused: 403 });
  });

  it('is not served on another path', async () => {
    expect(await connect({ cookie: cookie() }, f.server.origin, `ws://127.0.0.1:${f.server.port}/api/other`)).toMatchObject({ refused: 404 });
  });

  it('with the right Origin and the cookie, receives what the service emits, as JSON', async () => {
    const r = await connect({ cookie: cookie() }, f.server.origin);
    if (!('ws' in r)) throw new Error(`refused with ${r.refused}: ${r.body}`);
    const got = nextMessage(r.ws);
    const event = { kind: 'job.progress', jobId: 'job-3', progress: { phase: 'train', done: 2, total: 10, etaSeconds: 4.5 } };
    f.service.emit(event);
    expect(JSON.parse(await got)).toEqual(event);
    r.ws.close();
    await closed(r.ws);
  });

  it('drops (and logs) an event outside the contract, and still sends the next one', async () => {
    const r = await connect({ cookie: cookie() }, `http://localhost:${f.server.port}`, `ws://localhost:${f.server.port}/api/events`);
    if (!('ws' in r)) throw new Error(`refused with ${r.refused}`);
    const received: string[] = [];
    r.ws.on('message', (d) => received.push(d.toString()));
    f.service.emit({ kind: 'job.progress', jobId: 'not-a-job', progress: null });
    f.service.emit({ kind: 'workspace.changed' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual(['{"kind":"workspace.changed"}']);
    expect(f.logs.some((l) => /^event dropped \(not in the contract\): event: jobId = "not-a-job"/.test(l))).toBe(true);
    r.ws.close();
    await closed(r.ws);
  });

  it('closes with 1003 when the client sends anything', async () => {
    const r = await connect({ cookie: cookie() }, f.server.origin);
    if (!('ws' in r)) throw new Error(`refused with ${r.refused}`);
    const code = closed(r.ws);
    r.ws.send('hello');
    expect(await code).toBe(1003);
  });

  it('closes with 1009 a client message over 4 KiB', async () => {
    const r = await connect({ cookie: cookie() }, f.server.origin);
    if (!('ws' in r)) throw new Error(`refused with ${r.refused}`);
    const code = closed(r.ws);
    r.ws.send('x'.repeat(5000));
    expect(await code).toBe(1009);
  });
});

describe('the heartbeat', () => {
  it('drops a client that stops answering pings, and closing the server closes the rest with 1001 (going away)', async () => {
    const g = await startFixture({ heartbeatMs: 100 });
    try {
      const open = (await connect({ cookie: `ss_session=${g.server.token}` }, g.server.origin, `ws://127.0.0.1:${g.server.port}/api/events`)) as { ws: WebSocket };
      // A client that never answers pings.
      const silent = (await connect({ cookie: `ss_session=${g.server.token}` }, g.server.origin, `ws://127.0.0.1:${g.server.port}/api/events`, false)) as { ws: WebSocket };
      const silentClosed = closed(silent.ws);
      // Dropped at the second ping (it did not answer the first); the other answered both.
      expect(await silentClosed).toBe(1006);
      expect(open.ws.readyState).toBe(WebSocket.OPEN);
      const openClosed = closed(open.ws);
      await g.server.close();
      expect(await openClosed).toBe(1001);
      expect(g.service.listeners()).toBe(0);
    } finally {
      await g.close().catch(() => {});
    }
  });
});
