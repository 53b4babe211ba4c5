/**
 * A JPEG as a phone camera writes it: EXIF with the orientation and a GPS position, and an XMP
 * packet with the place, put in after the start marker of a plain JPEG. Used to prove that the
 * phone's scaling drops all of it (client/src/features/attachments/image.ts). Pure bytes: runs in
 * the browser and in Node.
 */

/** Bytes of the GPS latitude in the EXIF (52°22'12.34"N, Amsterdam): looked for in what was stored. */
export const GPS_LATITUDE_BYTES = [
  0, 0, 0, 52, 0, 0, 0, 1, 0, 0, 0, 22, 0, 0, 0, 1, 0, 0, 4, 210, 0, 0, 0, 100,
];
export const XMP_PLACE = 'Keizersgracht-123-Amsterdam';

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** TIFF (big-endian) with IFD0 { Orientation, GPSInfo → GPS IFD { LatitudeRef N, Latitude } }. */
function exifSegment(orientation: number): number[] {
  // Offsets are from the start of the TIFF header.
  const ifd0 = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const gpsIfd = ifd0 + ifd0Size;
  const gpsIfdSize = 2 + 2 * 12 + 4;
  const latData = gpsIfd + gpsIfdSize;
  const tiff = [
    ...ascii('MM'),
    ...be16(42),
    ...be32(ifd0),
    ...be16(2),
    ...be16(0x0112),
    ...be16(3),
    ...be32(1),
    ...be16(orientation),
    0,
    0,
    ...be16(0x8825),
    ...be16(4),
    ...be32(1),
    ...be32(gpsIfd),
    ...be32(0),
    ...be16(2),
    ...be16(0x0001),
    ...be16(2),
    ...be32(2),
    ...ascii('N'),
    0,
    0,
    0,
    ...be16(0x0002),
    ...be16(5),
    ...be32(3),
    ...be32(latData),
    ...be32(0),
    ...GPS_LATITUDE_BYTES,
  ];
  const body = [...ascii('Exif'), 0, 0, ...tiff];
  return [0xff, 0xe1, ...be16(body.length + 2), ...body];
}

function xmpSegment(): number[] {
  const body = [
    ...ascii('http://ns.adobe.com/xap/1.0/'),
    0,
    ...ascii(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description photoshop:City="${XMP_PLACE}"/></x:xmpmeta>`,
    ),
  ];
  return [0xff, 0xe1, ...be16(body.length + 2), ...body];
}

/** `jpeg` with EXIF (orientation, GPS) and XMP put in after its SOI marker. */
export function withCameraMetadata(jpeg: Uint8Array, orientation = 1): Uint8Array<ArrayBuffer> {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const extra = [...exifSegment(orientation), ...xmpSegment()];
  const out = new Uint8Array(jpeg.length + extra.length);
  out.set(jpeg.subarray(0, 2));
  out.set(extra, 2);
  out.set(jpeg.subarray(2), 2 + extra.length);
  return out;
}

/** Whether `bytes` hold `needle` anywhere. */
export function containsBytes(bytes: Uint8Array, needle: ArrayLike<number>): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The APP1 segments (EXIF, XMP) of a JPEG, by walking its markers up to the image data. */
export function app1Segments(jpeg: Uint8Array): number {
  let count = 0;
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1] as number;
    if (marker === 0xda) break; // start of scan: no more metadata
    const length = ((jpeg[i + 2] as number) << 8) | (jpeg[i + 3] as number);
    if (marker === 0xe1) count += 1;
    i += 2 + length;
  }
  return count;
}
