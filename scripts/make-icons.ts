// Draws the app icons in public/icons/ from one SVG (run by hand when the mark changes; the PNGs are committed,
// since the glyph needs the Noto Sans CJK font that `.ci/run` installs): `node scripts/make-icons.ts`.
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';

const RED = '#a1201a';

/** The mark: 应 in white on the site's red. `safe` shrinks the glyph into the middle 80% a maskable icon keeps. */
function svg(size: number, { round, safe }: { round: boolean; safe: boolean }): string {
  const glyph = size * (safe ? 0.5 : 0.62);
  const shape = round
    ? `<circle cx="${size / 2}" cy="${size / 2}" r="${size / 2}" fill="${RED}"/>`
    : `<rect width="${size}" height="${size}" fill="${RED}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${shape}<text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="Noto Sans CJK SC" font-weight="700" font-size="${glyph}" fill="#fff">应</text></svg>`;
}

const icons: Array<[string, number, { round: boolean; safe: boolean }]> = [
  ['icon-192.png', 192, { round: false, safe: false }],
  ['icon-512.png', 512, { round: false, safe: false }],
  ['maskable-192.png', 192, { round: false, safe: true }],
  ['maskable-512.png', 512, { round: false, safe: true }],
  // iOS rounds the corners itself and shows no transparency.
  ['apple-touch-icon.png', 180, { round: false, safe: false }],
  ['shortcut-96.png', 96, { round: true, safe: false }],
];
for (const [name, size, opts] of icons) {
  const png = await sharp(Buffer.from(svg(size, opts)))
    .png({ compressionLevel: 9 })
    .toBuffer();
  writeFileSync(`public/icons/${name}`, png);
  console.log(`public/icons/${name}: ${png.length} bytes`);
}
