// PostgreSQL's json and text types take only well-formed Unicode without NUL. JavaScript strings may hold
// lone UTF-16 surrogates (JSON.stringify writes them as "\ud800", which jsonb refuses) and NUL. The API
// refuses both at the edge; this is the last line, so that whatever reaches a write can be stored.

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with each lone surrogate replaced by U+FFFD (as a UTF-8 encoder would) and NUL removed. */
export function storableText(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD').replaceAll('\u0000', '');
}

/** A JSON-like value with every string in it, keys included, made storable. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storable(item)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storable(item)])) as T;
  }
  return value;
}
