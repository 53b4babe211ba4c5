/**
 * Texts of the case's bijlagen on the office case file (case-attachments.tsx), which load with the
 * lazy online case file; importing this file registers them (i18n/index.ts, addTexts).
 */
import { addTexts } from '../../i18n';

export const caseAttachmentTexts = {
  caseAttachments: {
    title: 'Foto’s en documenten',
    none: 'Bij dit dossier zijn geen foto’s of documenten toegevoegd.',
    kind: { foto: 'Foto', document: 'Document' },
    meta: '{{kind}} · {{size}} · {{when}} · door {{author}}',
    uploading: 'Nog niet volledig ontvangen van de telefoon',
    refused: 'Geweigerd door de server',
    view: 'Bekijken',
    hide: 'Sluiten',
    download: 'Downloaden',
    loading: '{{name}} wordt geladen…',
    shown: '{{name}} staat hieronder.',
    downloaded: '{{name}} is gedownload.',
    failed: '{{name}} kon niet worden geladen: {{reason}}',
    offline: 'geen verbinding met de server',
    photoAlt: 'Foto: {{name}}',
  },
};

addTexts(caseAttachmentTexts);
