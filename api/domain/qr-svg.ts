import QRCode from 'qrcode';

/**
 * A QR code of an absolute URL as inline SVG, labelled for screen readers. The URL is kept in
 * `data-qr-url` so the server can draw the code again for the address it is served at (api/site-origin.ts).
 */
export async function qrSvg(url: string, label: string): Promise<string> {
  // Level M survives a smudged or partly torn printed sign; margin 2 modules is enough on white paper.
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${label}的二维码" class="qr-svg" data-qr-url="${url}" `);
}

/** Every QR code drawn by qrSvg in an HTML page: the whole `<svg>…</svg>`, its label and its URL. */
export const QR_SVG_PATTERN = /<svg role="img" aria-label="([^"]*)的二维码" class="qr-svg" data-qr-url="([^"]*)"[\s\S]*?<\/svg>/g;
