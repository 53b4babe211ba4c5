/**
 * The default template of the extension request (verzoek tot verlenging), built from code with
 * pizzip as minimal WordprocessingML: no binary in the repo, and the placeholders it uses are the
 * ones EXTENSION_PLACEHOLDERS names (a test renders it). An organisation replaces it by uploading
 * its own DOCX (documents.uploadTemplate); that one may use any subset of the same placeholders.
 *
 * The default carries the headings a court request needs and leaves the family's view, the
 * child's view and the worker's assessment as fields to fill in.
 */
import PizZip from 'pizzip';

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

type Style = 'title' | 'heading' | 'body' | 'bold' | 'note';

function paragraph(text: string, style: Style = 'body'): string {
  const size = { title: 32, heading: 26, body: 22, bold: 22, note: 18 }[style];
  const bold = style === 'title' || style === 'heading' || style === 'bold' ? '<w:b/>' : '';
  const italic = style === 'note' ? '<w:i/>' : '';
  const spacing =
    style === 'heading' ? '<w:spacing w:before="240" w:after="80"/>' : '<w:spacing w:after="80"/>';
  return `<w:p><w:pPr>${spacing}</w:pPr><w:r><w:rPr>${bold}${italic}<w:sz w:val="${size}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

/** The document's text, a paragraph per entry; a loop tag alone in its paragraph repeats the ones between. */
const BODY: [string, Style?][] = [
  ['Verzoek tot verlenging van de {maatregel_type}', 'title'],
  ['{status}', 'bold'],
  ['{goedkeuring}', 'note'],
  ['1. De jeugdige en het gezin', 'heading'],
  ['Naam: {jeugdige_naam}'],
  ['Geboortedatum: {geboortedatum} (leeftijd: {leeftijd})'],
  ['Woonplaats: {gemeente}'],
  ['Gezin: {gezin_naam}'],
  ['Gezagsdragers: {gezagsdragers}'],
  ['2. De maatregel', 'heading'],
  ['Soort: {maatregel_type}'],
  ['Zaaknummer: {zaaknummer}'],
  ['Rechtbank: {rechtbank}'],
  ['Uitspraak: {uitspraakdatum}'],
  ['Loopt tot: {einddatum}'],
  ['Verzoek uiterlijk indienen: {verzoek_uiterlijk}'],
  ['Machtiging uithuisplaatsing: {uithuisplaatsing}'],
  ['Eerdere verlengingen:', 'bold'],
  ['{#verlengingen}'],
  ['- Beschikking van {datum} ({kenmerk}), geldig tot {tot}'],
  ['{/verlengingen}'],
  ['{geen_verlengingen}'],
  ['3. De ontwikkelingsbedreiging', 'heading'],
  ['{#bedreigingen}'],
  ['- {tekst}'],
  ['{/bedreigingen}'],
  ['4. De doelen en wat er gebeurde', 'heading'],
  ['{#doelen}'],
  ['Doel: {doel}', 'bold'],
  ['Acties: {acties}'],
  ['Wie: {wie}'],
  ['Sinds: {sinds}'],
  ['Wat er gebeurde: {verloop}'],
  ['{/doelen}'],
  ['Contacten in deze periode ({periode}):', 'bold'],
  ['{#contacten}'],
  ['- {datum}, {soort}: {verslag}'],
  ['{/contacten}'],
  ['5. Hulp', 'heading'],
  ['{#hulp}'],
  ['- {naam}: {stand} (aangevraagd {aangevraagd}; {wanneer}). {regeling}'],
  ['{/hulp}'],
  ['{geen_hulp}'],
  ['6. De drie normen', 'heading'],
  ['{#normen}'],
  ['- {norm}: uiterlijk {termijn}; {voldaan}'],
  ['{/normen}'],
  ['7. De visie van het gezin', 'heading'],
  ['{visie_gezin}'],
  ['8. De visie van de jeugdige', 'heading'],
  ['{visie_jeugdige}'],
  ['9. Het oordeel van de jeugdbeschermer', 'heading'],
  ['{oordeel_jeugdbeschermer}'],
  ['Opgesteld door {jeugdbeschermer}, {organisatie}, op {datum_opgesteld}.', 'note'],
];

export function buildDefaultExtensionTemplate(): Buffer {
  const zip = new PizZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      BODY.map(([text, style]) => paragraph(text, style)).join('') +
      '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' +
      '</w:body></w:document>',
  );
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
