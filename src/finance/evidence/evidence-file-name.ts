import transliterate from '@sindresorhus/transliterate';
import { AppError } from '../../domain/app-error.js';
import type { EvidenceType } from './evidence-types.js';

// The name an evidence file goes by. The uploader chooses it, so it is checked on the way in (no control
// characters, no marks that turn text around to make "fdp.bat" read as "tab.pdf") and, on the way out,
// cleaned again and given the extension of the type the file was checked to be: a PDF called invoice.html
// is downloaded as invoice.pdf, never opened as a web page.

// Bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), the
// left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
const bidirectionalControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// C0 and C1 controls and DEL (\p{Cc}), and the Unicode line and paragraph separators.
const controlCharacters = /[\p{Cc}\u2028\u2029]/u;
const pathSeparators = /[/\\]/;

const maxLength = 200;

/** The name as uploaded, trimmed; refused (400, with the reason) when it could mislead or break something. */
export function checkedEvidenceFileName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > maxLength) {
    throw new AppError('invalid_input', { cy: `Rhaid i enw’r ffeil fod rhwng 1 a ${maxLength} nod`, en: `The file name must be 1 to ${maxLength} characters` });
  }
  if (bidirectionalControls.test(trimmed) || controlCharacters.test(trimmed)) {
    throw new AppError('invalid_input', {
      cy: 'Ni all enw’r ffeil gynnwys nodau rheoli na nodau sy’n newid cyfeiriad y testun',
      en: 'The file name cannot contain control characters or marks that change the direction of text',
    });
  }
  if (pathSeparators.test(trimmed))
    throw new AppError('invalid_input', { cy: 'Ni all enw’r ffeil gynnwys / na \\', en: 'The file name cannot contain / or \\' });
  return trimmed;
}

/** Each type's extensions, the first the one given when the name has none of them. */
const extensions: Record<EvidenceType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};

/**
 * The name to download a file of `type` under: whatever could mislead taken out (also from names kept
 * before they were checked), anything but letters, digits, spaces and plain punctuation replaced, and the
 * type's own extension in place of any other. With `ascii`, transliterated for the plain `filename`
 * parameter of Content-Disposition (Tŷ -> Ty), the Unicode name going in `filename*`.
 */
export function downloadFileName(name: string, type: EvidenceType, { ascii = false }: { ascii?: boolean } = {}): string {
  const visible = name.replace(new RegExp(`${bidirectionalControls.source}|${controlCharacters.source}`, 'gu'), '');
  const dot = visible.lastIndexOf('.');
  const extension = dot > 0 ? visible.slice(dot + 1).toLowerCase() : '';
  const [primary = 'bin'] = extensions[type];
  const keeps = extensions[type].includes(extension);
  let stem = dot > 0 ? visible.slice(0, dot) : visible;
  if (ascii) stem = transliterate(stem);
  stem = stem
    .replace(ascii ? /[^A-Za-z0-9 ._()&,-]/g : /[^\p{L}\p{M}\p{N} ._()&,’'-]/gu, '_')
    .replace(/\s+/g, ' ')
    // No hidden files, nothing that starts like an option or ends in a dot Windows would drop.
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 150);
  return `${stem || 'tystiolaeth-evidence'}.${keeps ? extension : primary}`;
}
