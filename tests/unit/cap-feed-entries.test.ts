import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { feedEntries } from '#api/cap/feed-entries.ts';
import { readCap } from '#api/cap/message.ts';
import { CapRefusal } from '#api/cap/xml-tree.ts';
import { COLOURS, sampleCap, sampleIdentifier } from '../fixtures/cap-messages.ts';

const BASE = 'https://www.12379.js.example/cap/feed.atom';
const NOW = Date.parse('2027-05-12T09:00:00+08:00');
const doc = sampleCap({ hazard: 'typhoon', colour: COLOURS[2], sent: NOW, serial: 9 });

describe('what a source feed lists', () => {
  test('an Atom feed: a CAP alert carried inline reads as the same message; a linked one by its address', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id>
      <entry><id>urn:x:1</id><content type="application/cap+xml">${doc.replace(/^<\?xml[^>]*>\s*/, '')}</content></entry>
      <entry><id>urn:x:2</id><link rel="alternate" type="application/cap+xml" href="msgs/2.xml"/></entry></feed>`;
    const [inline, linked] = feedEntries(atom, BASE);
    expect(inline && 'xml' in inline ? readCap(inline.xml) : null).toEqual(readCap(doc));
    expect(inline?.ref).toBe('atom:urn:x:1');
    expect(linked).toEqual({ ref: 'https://www.12379.js.example/cap/msgs/2.xml', url: 'https://www.12379.js.example/cap/msgs/2.xml' });
    expect(readCap(doc).identifier).toBe(sampleIdentifier({ sent: NOW, serial: 9 }));
  });

  test('an RSS channel (link or enclosure) and a directory index of .xml files (nginx autoindex)', () => {
    const rss = `<rss version="2.0"><channel><title>t</title>
      <item><title>a</title><link>https://www.12379.js.example/a.xml</link></item>
      <item><title>b</title><enclosure url="/b.xml" type="application/cap+xml" length="1"/></item></channel></rss>`;
    expect(feedEntries(rss, BASE).map((e) => e.ref)).toEqual(['https://www.12379.js.example/a.xml', 'https://www.12379.js.example/b.xml']);
    const index = `<!DOCTYPE html><html><head><title>Index of /cap/</title></head><body><h1>Index of /cap/</h1><hr><pre>
      <a href="../">../</a>
      <a href="32100041600000_20270512090000_1.xml">32100041600000_20270512090000_1.xml</a>  12-May-2027 09:00  1520
      <a href="readme.txt">readme.txt</a></pre></body></html>`;
    expect(feedEntries(index, BASE).map((e) => e.ref)).toEqual(['https://www.12379.js.example/cap/32100041600000_20270512090000_1.xml']);
  });

  test('one CAP document served on its own is one entry', () => {
    expect(feedEntries(doc, BASE)).toHaveLength(1);
  });

  test('a broken feed is refused with a reason, never a crash (fast-check, fixed seed)', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link href="a.xml"/></entry></feed>`;
    const mutated = fc
      .tuple(
        fc.nat({ max: atom.length }),
        fc.nat({ max: 20 }),
        fc.string({ unit: fc.constantFrom('<', '>', '&', '"', '<!DOCTYPE x>', 'href="', '.xml', '<html>') }),
      )
      .map(([at, cut, insert]) => atom.slice(0, at) + insert + atom.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string()), (body) => {
        try {
          expect(Array.isArray(feedEntries(body, BASE))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(CapRefusal);
        }
      }),
      { seed: 24, numRuns: 300 },
    );
  });
});
