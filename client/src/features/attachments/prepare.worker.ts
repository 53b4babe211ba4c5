/** Scales photos off the main thread, so the screen stays responsive while a 12-megapixel photo decodes. */
import { scaleImage } from './image';

self.onmessage = async (event: MessageEvent<{ job: number; file: Blob }>) => {
  try {
    const scaled = await scaleImage(event.data.file);
    (self as unknown as Worker).postMessage({ job: event.data.job, ok: true, scaled }, [
      scaled.bytes.buffer,
      scaled.thumb.buffer,
    ]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ job: event.data.job, ok: false, error: String(error) });
  }
};
