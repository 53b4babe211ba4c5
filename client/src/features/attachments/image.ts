/**
 * Scaling a photo on the phone: decoded with the orientation its EXIF asks for, drawn at most
 * ATTACHMENT_LIMITS.imageLongestSide on its longest side, and encoded anew as JPEG. The new file
 * is only pixels: the encoder writes no EXIF, GPS or XMP, so where and with what it was taken stays
 * behind. Runs in a worker (prepare.worker.ts) or, where workers fail, on the main thread.
 */

export interface ScaledImage {
  bytes: Uint8Array<ArrayBuffer>;
  thumb: Uint8Array<ArrayBuffer>;
  width: number;
  height: number;
}

/** JPEG quality: a report photo stays legible at a third of the size of 0.95. */
const QUALITY = 0.85;
const THUMB_QUALITY = 0.7;

/** The size that fits `longest` on the longest side, never larger than the original. */
export function fitWithin(width: number, height: number, longest: number) {
  const scale = Math.min(1, longest / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function draw(source: CanvasImageSource, width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Geen 2D-canvas');
  // A transparent image (PNG) gets a white background, not JPEG's black.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  return canvas;
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** The longest sides (ATTACHMENT_LIMITS), passed in: the worker stays free of the schemas and zod. */
export interface ScaleLimits {
  imageLongestSide: number;
  thumbnailLongestSide: number;
}

/** Throws when the file is not an image the browser can decode. */
export async function scaleImage(file: Blob, limits: ScaleLimits): Promise<ScaledImage> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const size = fitWithin(bitmap.width, bitmap.height, limits.imageLongestSide);
    const canvas = draw(bitmap, size.width, size.height);
    const t = fitWithin(size.width, size.height, limits.thumbnailLongestSide);
    const [full, thumb] = await Promise.all([
      canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY }),
      draw(canvas, t.width, t.height).convertToBlob({ type: 'image/jpeg', quality: THUMB_QUALITY }),
    ]);
    return { bytes: await bytesOf(full), thumb: await bytesOf(thumb), ...size };
  } finally {
    bitmap.close();
  }
}
