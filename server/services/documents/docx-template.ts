/**
 * The extension request's DOCX templates: which placeholders a template may use, checking an
 * uploaded one (a broken file, or a placeholder this app does not fill, is refused with a Dutch
 * message naming it), and filling one with docxtemplater. Placeholders are `{name}`; a list is
 * `{#name}…{/name}` with the item's own placeholders inside.
 */
import { TRPCError } from '@trpc/server';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { EXTENSION_PLACEHOLDERS, TEMPLATE_MAX_KB } from '../../../shared/schemas/documents';

/** A template larger than this is refused (also the database's limit, migration 0028). */
const TEMPLATE_MAX_BYTES = TEMPLATE_MAX_KB * 1024;
/** What a template may unpack to, and of how many parts (a Word document is a few dozen). */
const TEMPLATE_MAX_UNPACKED = 8 * 1024 * 1024;
const TEMPLATE_MAX_PARTS = 500;

type ListName = keyof typeof EXTENSION_PLACEHOLDERS.lists;
export type ExtensionData = Record<(typeof EXTENSION_PLACEHOLDERS.fields)[number], string> & {
  [L in ListName]: Record<(typeof EXTENSION_PLACEHOLDERS.lists)[L][number], string>[];
};

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

interface StructuredTag {
  value: string;
  subparsed?: StructuredTag[];
}

interface Part {
  type: string;
  value: string;
  subparsed?: Part[];
}

/** The placeholders of a compiled template, every part of it (body, headers, footers), loops nested. */
function structuredTags(doc: Docxtemplater): StructuredTag[] {
  const tags = (parts: Part[]): StructuredTag[] =>
    parts
      .filter((p) => p.type === 'placeholder')
      .map((p) => (p.subparsed ? { value: p.value, subparsed: tags(p.subparsed) } : { value: p.value }));
  const compiled = (doc as unknown as { compiled: Record<string, { postparsed?: Part[] }> }).compiled;
  return Object.values(compiled).flatMap((file) => tags(file.postparsed ?? []));
}

function templateOf(content: Buffer) {
  let zip: PizZip;
  try {
    zip = new PizZip(content);
  } catch {
    throw bad('Dit bestand is geen Word-document (.docx): het kan niet worden geopend');
  }
  if (!zip.file('word/document.xml')) {
    throw bad('Dit bestand is geen Word-document (.docx): het mist de tekst van een document');
  }
  // A small file that unpacks to hundreds of megabytes (a "zip bomb") is refused before it is read:
  // the sizes its directory declares (PizZip checks each inflated part against them).
  const parts = Object.values(zip.files) as unknown as { _data?: { uncompressedSize?: number } }[];
  const unpacked = parts.reduce((sum, part) => sum + (part._data?.uncompressedSize ?? 0), 0);
  if (parts.length > TEMPLATE_MAX_PARTS || unpacked > TEMPLATE_MAX_UNPACKED) {
    throw bad(
      `Het sjabloon is uitgepakt te groot: hoogstens ${TEMPLATE_MAX_UNPACKED / 1024 / 1024} MB in ${TEMPLATE_MAX_PARTS} delen`,
    );
  }
  try {
    return new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      // A value that is absent renders as nothing, not as "undefined".
      nullGetter: () => '',
    });
  } catch (error) {
    const first = (error as { properties?: { errors?: { properties?: { explanation?: string } }[] } })
      .properties?.errors?.[0]?.properties?.explanation;
    throw bad(`Het sjabloon is niet te lezen${first ? `: ${first}` : ''}`);
  }
}

/**
 * Checks an uploaded template: it opens as a DOCX, its tags are well formed, and it uses only the
 * placeholders this app fills (the first unknown one is named). Returns the placeholders it uses.
 */
export function checkTemplate(content: Buffer): string[] {
  if (content.byteLength > TEMPLATE_MAX_BYTES) {
    throw bad(`Het sjabloon is te groot: hoogstens ${TEMPLATE_MAX_BYTES / 1024} KB`);
  }
  const doc = templateOf(content);
  const used: string[] = [];
  const fields = new Set<string>(EXTENSION_PLACEHOLDERS.fields);
  const lists = EXTENSION_PLACEHOLDERS.lists as Record<string, readonly string[]>;
  const walk = (tags: StructuredTag[], inside: string | null) => {
    for (const tag of tags) {
      const name = tag.value;
      if (tag.subparsed) {
        if (inside !== null || !(name in lists)) {
          throw bad(`Het sjabloon gebruikt de lijst {#${name}} die deze app niet kent`);
        }
        used.push(name);
        walk(tag.subparsed, name);
        continue;
      }
      const known = inside === null ? fields.has(name) : (lists[inside] ?? []).includes(name);
      if (!known) {
        throw bad(
          inside === null
            ? `Het sjabloon gebruikt de onbekende plaatshouder {${name}}`
            : `Het sjabloon gebruikt de onbekende plaatshouder {${name}} in de lijst {#${inside}}`,
        );
      }
      used.push(inside === null ? name : `${inside}.${name}`);
    }
  };
  walk(structuredTags(doc), null);
  return [...new Set(used)];
}

/** Fills a (checked) template: the DOCX bytes. */
export function fillTemplate(content: Buffer, data: ExtensionData): Buffer {
  const doc = templateOf(content);
  doc.render(data);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
