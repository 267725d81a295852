// What evidence may be: invoices and receipts as PDF, photographs as PNG or JPEG, and how each one starts.
// A file is its type because its first bytes say so, never because of its name or the type it was sent as.

export const evidenceTypes = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
} as const;

export type EvidenceType = keyof typeof evidenceTypes;

/** Whether `content` starts as `type` does. */
export function isOfType(content: Buffer, type: EvidenceType): boolean {
  const signature: readonly number[] = evidenceTypes[type];
  return content.length >= signature.length && signature.every((byte, i) => content[i] === byte);
}

/** The evidence type `content` is by its first bytes, or undefined. */
export function evidenceTypeOf(content: Buffer): EvidenceType | undefined {
  return (Object.keys(evidenceTypes) as EvidenceType[]).find((type) => isOfType(content, type));
}
