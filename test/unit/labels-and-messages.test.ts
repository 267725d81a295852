import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueMessage } from '../../src/api/validation-problems.js';
import { answerFields } from '../../src/domain/cfp/answers.js';
import { answerFieldLabels, documentKindLabels } from '../../src/domain/labels.js';
import { validationMessages, welshOfValidationMessage } from '../../src/domain/validation-messages.js';
import { loadTransferProcesses } from '../../src/programmes/transfer-processes.js';

// The catalogues that keep English out of Welsh answers: every validation message, question and document
// kind has a Welsh and an English name, and zod's own messages come out in Welsh.

const bilingualEntries = (catalogue: Record<string, { cy: string; en: string }>) => Object.entries(catalogue);

describe('Labels and validation messages', () => {
  it.each([
    ['validation messages', validationMessages],
    ['questions', answerFieldLabels],
    ['document kinds', documentKindLabels],
  ] as const)('gives every one of the %s a Welsh and an English text, different from each other', (_what, catalogue) => {
    for (const [key, text] of bilingualEntries(catalogue)) {
      expect({ key, cy: text.cy.trim().length > 0, en: text.en.trim().length > 0, same: text.cy === text.en }).toEqual({
        key,
        cy: true,
        en: true,
        same: false,
      });
    }
  });

  it('names every question of both forms, and every document a transfer process asks for', () => {
    expect(Object.keys(answerFieldLabels).sort()).toEqual([...answerFields].sort());
    const config = JSON.parse(readFileSync(new URL('../../config/transfers/processes.json', import.meta.url), 'utf8')) as {
      processes: { requiredDocuments: Record<string, string[]> }[];
    };
    for (const kind of config.processes.flatMap((process) => Object.values(process.requiredDocuments).flat())) expect(documentKindLabels).toHaveProperty(kind);
  });

  it('refuses to load a transfer process that asks for a document with no Welsh and English name', async () => {
    const config = JSON.parse(readFileSync(new URL('../../config/transfers/processes.json', import.meta.url), 'utf8')) as {
      processes: { requiredDocuments: Record<string, string[]> }[];
    };
    config.processes[0]!.requiredDocuments.expression_of_interest = ['minutes_of_agm'];
    const file = join(mkdtempSync(join(tmpdir(), 'cymuned-processes-')), 'processes.json');
    writeFileSync(file, JSON.stringify(config));
    await expect(loadTransferProcesses(file)).rejects.toThrow(/no Welsh and English name/);
  });

  it('looks up the Welsh of each message by the English a schema gives', () => {
    for (const text of Object.values(validationMessages)) expect(welshOfValidationMessage(text.en)).toBe(text.cy);
    expect(welshOfValidationMessage('Invalid input')).toBeUndefined();
  });

  it('puts every kind of zod issue into Welsh, and leaves the English as zod wrote it', () => {
    const schema = z.strictObject({
      name: z.string().min(2).max(3),
      count: z.number().int().multipleOf(5).max(10),
      colour: z.enum(['coch', 'gwyrdd']),
      exactly: z.literal('ie'),
      id: z.uuid(),
      on: z.iso.date(),
      code: z.string().regex(/^W06\d{6}$/),
      list: z.array(z.string()).min(1),
      either: z.union([z.string(), z.number()]),
      custom: z.string().refine(() => false),
    });
    const result = schema.safeParse({
      name: 'x',
      count: 12.5,
      colour: 'glas',
      exactly: 'na',
      id: 'nope',
      on: '2026-13-40',
      code: 'W07',
      list: [],
      either: true,
      custom: 'a',
      extra: 1,
    });
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    const missing = z.strictObject({ name: z.string() }).safeParse({}).error?.issues ?? [];
    for (const issue of [...issues, ...missing]) {
      const welsh = issueMessage(issue, 'cy');
      expect({ code: issue.code, welsh }).not.toMatchObject({
        welsh: expect.stringMatching(/\b(Invalid|expected|received|Too|must|Unrecognized|option|input)\b/),
      });
      expect(issueMessage(issue, 'en')).toBe(issue.message);
    }
    expect(issueMessage(missing[0]!, 'cy')).toBe('Mae angen hwn: disgwylid testun');
  });
});
