import sharp from 'sharp';
import { apiError } from '../errors.ts';
import { IDEA_LIMITS } from './labels.ts';

/** Image types accepted for an idea's photo. */
type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** A photo ready to store: re-encoded, every piece of metadata (EXIF, GPS, XMP, ICC) dropped. */
export interface CleanPhoto {
  contentType: PhotoType;
  data: Buffer;
  width: number;
  height: number;
}

/** The image type from the file's first bytes (magic numbers), never from its name. */
export function detectImageType(bytes: Uint8Array): PhotoType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Longest side of a stored photo, in pixels. */
const MAX_SIDE = 1600;

const tooBig = () => apiError(413, 'photo_too_large', '照片不能超过 5 MB，请换一张或压缩后再试。', { photo: '照片不能超过 5 MB' });
const notImage = () => apiError(400, 'photo_type', '照片只能是 JPEG、PNG 或 WebP 格式的图片。', { photo: '只能是 JPEG、PNG 或 WebP 图片' });

/**
 * Decodes a base64 photo (size checked first), checks its type by content and re-encodes it with
 * sharp. sharp writes no metadata unless `.withMetadata()`/`.keepExif()` is called, so location
 * (GPS), camera and time stamps are gone; `.rotate()` first applies the EXIF orientation so the
 * picture still stands upright without it.
 */
export async function cleanPhoto(base64: string): Promise<CleanPhoto> {
  if (base64.length > IDEA_LIMITS.photoBase64) throw tooBig();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw notImage();
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > IDEA_LIMITS.photoBytes) throw tooBig();
  const type = detectImageType(bytes);
  if (!type) throw notImage();
  try {
    // 40 megapixels is plenty for a phone photo and stops decompression bombs.
    const image = sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      type === 'image/jpeg'
        ? image.jpeg({ quality: 82, mozjpeg: true })
        : type === 'image/png'
          ? image.png({ compressionLevel: 9 })
          : image.webp({ quality: 80 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { contentType: type, data, width: info.width, height: info.height };
  } catch {
    throw apiError(400, 'photo_unreadable', '这张照片无法读取，可能已损坏。请换一张再试。', { photo: '照片无法读取' });
  }
}
