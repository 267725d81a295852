// Human case references such as ENQ-2026-000123 or CFP-2026-000123: a programme prefix, the year the case
// was opened and a counter that restarts each year. They are also the workflow ids.
const pattern = /^([A-Z]{2,5})-(\d{4})-(\d{6,})$/;

export function formatCaseReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

export function isCaseReference(value: string, prefix?: string): boolean {
  const match = pattern.exec(value);
  return match !== null && (prefix === undefined || match[1] === prefix);
}
