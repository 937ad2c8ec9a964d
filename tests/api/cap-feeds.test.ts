import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFeedPoller } from '#api/cap/feed-poll.ts';
import type { adminCap } from '#api/cap/routes.ts';
import { capFeeds } from '#api/db/schema-cap.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp } from '../fixtures/app.ts';
import { startCapFeedServer } from '../fixtures/cap-feed-server.ts';
import { COLOURS, SAMPLE_SENDER, referenceOf, sampleCap, sampleIdentifier } from '../fixtures/cap-messages.ts';
import { testClientOf } from '../fixtures/client.ts';
import { warningsApi } from '../fixtures/warnings.ts';

const INTERVAL = 60_000;

// Each test has its own feed server, app and poller: none depends on what another left behind.
describe('following a CAP source feed over HTTPS', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let feed: Awaited<ReturnType<typeof startCapFeedServer>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  let pub: Awaited<ReturnType<typeof signedIn>>;
  let poller: ReturnType<typeof createFeedPoller>;
  beforeEach(async () => {
    feed = await startCapFeedServer();
    t = await createTestApp({ CAP_FEED_ALLOWLIST: feed.origin });
    admin = await signedIn(t, ['admin']);
    pub = await signedIn(t, ['publisher']);
    // The loopback server's self-signed certificate is trusted by this poller only.
    poller = createFeedPoller({
      database: t.database,
      allowlist: t.env.capFeedAllowlist,
      intervalMs: INTERVAL,
      ca: feed.ca,
      clock: () => t.clock.now,
      timeoutMs: 3000,
    });
  });
  afterEach(async () => {
    await poller.stop();
    await feed.stop();
    await t.cleanup();
  });

  const cap = (who: { cookie: string }) => testClientOf<typeof adminCap>(t.app, '/api/admin/cap', { cookie: who.cookie });
  const state = async () => await (await cap(pub).feeds.$get()).json();
  const listed = async () => (await (await warningsApi(t.app, pub.cookie).publisher.index.$get()).json()).warnings;
  const active = async () => (await (await warningsApi(t.app).residents.index.$get({ query: {} })).json()).warnings;
  const addFeed = (who: { cookie: string }, url: string) => cap(who).feeds.$post({ json: { url, name: '省预警发布中心' } });
  const doc = (serial: number, colour: (typeof COLOURS)[number] = COLOURS[1]) =>
    sampleCap({ hazard: 'rainstorm', colour, sent: t.clock.now - 60_000, serial });
  const fetchesOf = (path: string) => feed.requests.filter((r) => r.path === path).length;
  /** The admin follows this test's feed. */
  const followFeed = async () => expect((await addFeed(admin, feed.feedUrl)).status).toBe(201);

  test('an admin can add a feed on an allowed origin only', async () => {
    const refused = await addFeed(admin, 'https://evil.example/feed.atom');
    expect(refused.status).toBe(400);
    expect(apiErrorSchema.parse(await refused.json()).error.code).toBe('origin_not_allowed');
    const byPublisher = await addFeed(pub, feed.feedUrl);
    expect(byPublisher.status).toBe(403);
    const ok = await addFeed(admin, feed.feedUrl);
    expect(ok.status).toBe(201);
  });

  test('each new message becomes a draft exactly once; an unchanged feed is answered 304', async () => {
    await followFeed();
    feed.add({ name: 'a', xml: doc(1) });
    await poller.pollDue();
    let s = await state();
    expect(s.feeds[0]).toMatchObject({ lastOkAt: t.clock.now, lastMessageAt: t.clock.now, lastError: null, failures: 0 });
    expect(s.items.map((i) => i.outcome)).toEqual(['draft']);
    expect((await listed()).filter((w) => w.identifier === sampleIdentifier({ sent: t.clock.now - 60_000, serial: 1 }))).toHaveLength(1);

    // Not due yet: nothing is asked.
    const asked = feed.requests.length;
    await poller.pollDue();
    expect(feed.requests.length).toBe(asked);

    t.clock.advance(INTERVAL);
    await poller.pollDue();
    const last = feed.requests.at(-1);
    expect(last?.path).toBe('/feed.atom');
    expect(last?.ifNoneMatch).toBe('"v1"');
    s = await state();
    expect(s.items).toHaveLength(1);

    feed.add({ name: 'b', xml: doc(2), inline: true });
    t.clock.advance(INTERVAL);
    await poller.pollDue();
    s = await state();
    expect(s.items.map((i) => i.outcome)).toEqual(['draft', 'draft']);
    // The first document was fetched once, at its first poll only.
    expect(fetchesOf('/cap/a.xml')).toBe(1);
    expect((await listed()).filter((w) => w.identifier?.startsWith('32100041600000_')).length).toBe(2);
  });

  test('the feed going away is shown with backoff, and its messages arrive once it is back', async () => {
    await followFeed();
    feed.add({ name: 'a', xml: doc(1) });
    await poller.pollDue();
    expect((await state()).items).toHaveLength(1);
    await feed.stop();
    t.clock.advance(INTERVAL);
    await poller.pollDue();
    let f = (await state()).feeds[0];
    expect(f?.lastError).toContain('无法连接');
    expect(f?.failures).toBe(1);
    expect(f?.nextPollAt).toBe(t.clock.now + 2 * INTERVAL);
    t.clock.advance(2 * INTERVAL);
    await poller.pollDue();
    f = (await state()).feeds[0];
    expect(f?.failures).toBe(2);
    expect(f?.nextPollAt).toBe(t.clock.now + 4 * INTERVAL);

    await feed.start();
    feed.add({ name: 'c', xml: doc(3) });
    t.clock.advance(4 * INTERVAL);
    await poller.pollDue();
    const s = await state();
    expect(s.feeds[0]).toMatchObject({ lastError: null, failures: 0, lastOkAt: t.clock.now });
    expect(s.items).toHaveLength(2);
  });

  test('a trusted sender is published without a hand, red ones only when exempted from the two-person rule (audited)', async () => {
    const trust = (exemptTwoPerson: boolean) =>
      cap(admin)['trusted-senders'].$put({ json: { sender: SAMPLE_SENDER, trusted: true, exemptTwoPerson } });
    await followFeed();
    expect((await trust(false)).status).toBe(200);
    const sentD = t.clock.now - 60_000;
    feed.add({ name: 'd', xml: doc(4) });
    feed.add({ name: 'e', xml: doc(5, COLOURS[3]) });
    t.clock.advance(INTERVAL);
    await poller.pollDue();
    let s = await state();
    const [d, e] = s.items.filter((i) => /\/cap\/[de]\.xml$/.test(i.ref)).sort((a, b) => a.ref.localeCompare(b.ref));
    expect(d?.outcome).toBe('published');
    expect(e?.outcome).toBe('draft');
    expect(e?.detail).toContain('四眼原则');
    expect((await active()).map((w) => w.identifier)).toContain(sampleIdentifier({ sent: sentD, serial: 4 }));

    expect((await trust(true)).status).toBe(200);
    feed.add({ name: 'f', xml: doc(6, COLOURS[3]) });
    t.clock.advance(INTERVAL);
    await poller.pollDue();
    s = await state();
    expect(s.items.find((i) => i.ref.endsWith('/cap/f.xml'))?.outcome).toBe('published');
    const audit = await (await warningsApi(t.app, admin.cookie).audit.index.$get({ query: { action: 'cap.sender.trust.exempt' } })).json();
    expect(audit.entries).toHaveLength(1);

    // The source ends warning d: its Cancel, naming d, is published by itself and d is no longer live.
    const cancel = sampleCap({
      hazard: 'rainstorm',
      colour: COLOURS[1],
      sent: t.clock.now - 30_000,
      serial: 7,
      msgType: 'Cancel',
      references: referenceOf({ sent: sentD, serial: 4 }),
    });
    feed.add({ name: 'g', xml: cancel });
    t.clock.advance(INTERVAL);
    await poller.pollDue();
    s = await state();
    expect(s.items.find((i) => i.ref.endsWith('/cap/g.xml'))?.outcome).toBe('published');
    expect((await active()).map((w) => w.identifier)).not.toContain(sampleIdentifier({ sent: sentD, serial: 4 }));
  });

  test('a feed on an origin that is not allowed is never asked, and says why', async () => {
    const other = await startCapFeedServer();
    try {
      // Written past the API (which refuses it), as a feed left over from an older allowlist would be.
      await t.database.write((db) => db.insert(capFeeds).values({ url: other.feedUrl, name: '旧来源', createdAt: t.clock.now }));
      other.add({ name: 'x', xml: doc(9) });
      await poller.pollDue();
      const row = await t.database.db.query.capFeeds.findFirst({ where: eq(capFeeds.url, other.feedUrl) });
      expect(row?.lastError).toContain('CAP_FEED_ALLOWLIST');
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });
});
