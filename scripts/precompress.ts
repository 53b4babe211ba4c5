/**
 * After `vite build`: a brotli (quality 11) and a gzip (level 9) copy of every
 * text file of the built app, next to it (`index-….js.br`, `.gz`). The server
 * sends those (@fastify/static `preCompressed`) instead of compressing each
 * download on the fly at a fast, lower level: about 15 % fewer bytes on the
 * field worker's first load, and no CPU spent on it per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Smaller files go as they are (the server does not compress them either). */
const MIN_BYTES = 1024;

export function precompress(distDir = resolve('dist/client')): { files: number } {
  let files = 0;
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== '.vite') visit(path);
        continue;
      }
      if (!TEXT.test(name)) continue;
      const content = readFileSync(path);
      if (content.length < MIN_BYTES) continue;
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
      );
      writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      files += 1;
    }
  };
  visit(distDir);
  return { files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files } = precompress(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`Voorgecomprimeerd (brotli 11, gzip 9): ${files} bestanden`);
}
