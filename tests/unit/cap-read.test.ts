import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCap } from '#api/cap/message.ts';
import { CapRefusal } from '#api/cap/xml-tree.ts';
import { COLOURS, sampleCap } from '../fixtures/cap-messages.ts';
import { CAP_XSD, xmlErrors } from '../fixtures/xmllint.ts';

const EXAMPLE = readFileSync('tests/fixtures/cap/cap-1.2-example.xml', 'utf8');
const NOW = Date.parse('2027-05-12T09:00:00+08:00');
const refusal = (xml: string) => {
  try {
    readCap(xml);
    return null;
  } catch (err) {
    if (err instanceof CapRefusal) return err;
    throw err;
  }
};

describe('reading CAP 1.2 documents', () => {
  test('reads the OASIS example: identifier, sender, its time, both info blocks and the SAME area code', () => {
    const m = readCap(EXAMPLE);
    expect(m.identifier).toBe('KAR0-0306112239-SW');
    expect(m.sender).toBe('KARO@CLETS.DOJ.CA.GOV');
    expect(m.sent).toBe(Date.parse('2003-06-12T05:39:00Z'));
    expect(m.infos.map((i) => i.language)).toEqual(['en-US', 'es-US']);
    expect(m.infos[0]?.areas[0]?.geocodes).toEqual([['SAME', '006037']]);
  });

  // The structural check must agree with the official XSD (run by xmllint) on valid and broken documents alike.
  const sample = sampleCap({ hazard: 'rainstorm', colour: COLOURS[2], sent: NOW, serial: 1 });
  const broken: Record<string, string> = {
    'missing-sender': sample.replace(/<sender>.*<\/sender>\n/, ''),
    'bad-status': sample.replace('<status>Actual</status>', '<status>Real</status>'),
    'time-without-offset': sample.replace(/<sent>([^<+]+)\+08:00<\/sent>/, '<sent>$1</sent>'),
    'wrong-order': sample.replace(/(<status>Actual<\/status>\n)(\s*<msgType>Alert<\/msgType>\n)/, '$2$1'),
    'unknown-element': sample.replace('<scope>Public</scope>', '<scope>Public</scope><colour>red</colour>'),
    'no-event': sample.replace(/<event>.*<\/event>/, ''),
    'no-areaDesc': sample.replace(/<areaDesc>.*<\/areaDesc>/, ''),
    'wrong-namespace': sample.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'),
    'two-identifiers': sample.replace(/(<identifier>.*<\/identifier>)/, '$1$1'),
  };
  test('accepts what the CAP 1.2 schema accepts', () => {
    expect(xmlErrors({ 'example.xml': EXAMPLE, 'sample.xml': sample }, CAP_XSD)).toBe('');
    expect(refusal(EXAMPLE)).toBeNull();
    expect(refusal(sample)).toBeNull();
  });
  test.each(Object.entries(broken))('refuses what the schema refuses: %s', (name, xml) => {
    expect(xmlErrors({ [`${name}.xml`]: xml }, CAP_XSD)).not.toBe('');
    expect(refusal(xml)?.code).toBe('not_cap');
  });

  test('refuses a DTD without expanding or fetching its entities', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE alert [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${sample.split('\n').slice(1).join('\n').replace('<note>', '<note>&x;')}`;
    const bomb = `<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;</a>`;
    for (const xml of [xxe, bomb]) {
      const r = refusal(xml);
      expect(r?.code).toBe('dtd_refused');
      expect(r?.message).not.toContain('root:');
    }
  });

  test('refuses what is not well-formed, and what is too large, with a message saying so', () => {
    expect(refusal('<alert><identifier>x</alert>')?.code).toBe('not_well_formed');
    expect(refusal('not xml at all')?.code).toBe('not_well_formed');
    expect(refusal(sample.replace('</alert>', ''))?.code).toBe('not_well_formed');
    const huge = sample.replace('<description>', `<description>${'雨'.repeat(100_000)}`);
    expect(refusal(huge)?.code).toBe('too_large');
    expect(refusal(huge)?.status).toBe(413);
  });
});
