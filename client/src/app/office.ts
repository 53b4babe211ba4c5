/**
 * What the online (office) screens share, whatever their feature: handing the
 * browser a file made here. (A server's refusal in Dutch: app/api-error.ts.)
 * Never on the field worker's path: only the lazy office chunks import it.
 */

/** Hands the browser a file made here (a Blob behind a temporary link); nothing goes through a URL. */
export function downloadFile(filename: string, text: BlobPart, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
