/** Scales photos off the main thread, so the screen stays responsive while a 12-megapixel photo decodes. */
import { type ScaleLimits, scaleImage } from './image';

self.onmessage = async (event: MessageEvent<{ job: number; file: Blob; limits: ScaleLimits }>) => {
  try {
    const scaled = await scaleImage(event.data.file, event.data.limits);
    (self as unknown as Worker).postMessage({ job: event.data.job, ok: true, scaled }, [
      scaled.bytes.buffer,
      scaled.thumb.buffer,
    ]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ job: event.data.job, ok: false, error: String(error) });
  }
};
