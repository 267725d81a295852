import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../src/activities/index.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { fileMailbox } from '../../src/notifications/file-mailbox.js';
import { MailRefused, type Mailer, type OutgoingEmail } from '../../src/notifications/mailer.js';
import { listFailures } from '../../src/operations/admin/list-failures.js';
import { useMigratedDatabase } from '../support/database.js';
import { parseEml } from '../support/eml.js';

const from = 'Cymuned <no-reply@cymuned.example>';

describe('delivering notifications', () => {
  let prisma: PrismaClient;
  useMigratedDatabase((client) => (prisma = client));

  let mailboxDir: string;
  beforeEach(async () => {
    mailboxDir = await mkdtemp(path.join(tmpdir(), 'cymuned-notifications-'));
  });
  afterEach(async () => {
    await rm(mailboxDir, { recursive: true, force: true });
  });

  const context = () => new MockActivityEnvironment({}, { logger: new DefaultLogger('WARN') });
  const deliver = (mailer: Mailer, event: { reference: string; sequence: number }) =>
    context().run(createActivities({ prisma, mailer }).deliverNotifications, event);

  /** A case event's queued messages: one in Welsh, one in English, as the event activity writes them. */
  async function queue(reference: string, sequence: number) {
    const cy = randomUUID();
    const en = randomUUID();
    await prisma.notification.createMany({
      data: [
        {
          id: `${reference}:${sequence}:${cy}`,
          reference,
          sequence,
          personId: cy,
          email: 'ysgrifennydd@neuadd.example',
          language: 'cy',
          subject: `Mae’ch cais ${reference} wedi’i dderbyn: dŵr a thŷ`,
          body: 'Annwyl gyfaill,\n\nMae’ch cais wedi cyrraedd y tîm.\n',
        },
        {
          id: `${reference}:${sequence}:${en}`,
          reference,
          sequence,
          personId: en,
          email: 'treasurer@neuadd.example',
          language: 'en',
          subject: `Your application ${reference} was received`,
          body: 'Dear friend,\n\nYour application reached the team.\n',
        },
      ],
    });
    return { cy: `${reference}:${sequence}:${cy}`, en: `${reference}:${sequence}:${en}` };
  }

  async function mailbox(): Promise<Record<string, ReturnType<typeof parseEml>>> {
    const names = (await readdir(mailboxDir)).sort();
    return Object.fromEntries(await Promise.all(names.map(async (name) => [name, parseEml(await readFile(path.join(mailboxDir, name), 'utf8'))] as const)));
  }

  it('sends each unsent message of the event to the mailbox, in its language, and marks it sent', async () => {
    const ids = await queue('CFP-2026-700001', 3);
    const other = await queue('CFP-2026-700001', 4);

    const before = new Date();
    expect(await deliver(fileMailbox(mailboxDir, from), { reference: 'CFP-2026-700001', sequence: 3 })).toBe(2);

    const files = await mailbox();
    expect(Object.keys(files)).toEqual([ids.cy, ids.en].sort().map((id) => `${id.replaceAll(':', '_')}.eml`));
    const welsh = files[`${ids.cy.replaceAll(':', '_')}.eml`];
    expect(welsh?.headers).toMatchObject({
      from,
      to: 'ysgrifennydd@neuadd.example',
      subject: 'Mae’ch cais CFP-2026-700001 wedi’i dderbyn: dŵr a thŷ',
      'content-language': 'cy',
      'content-type': 'text/plain; charset=utf-8',
      'message-id': `<${ids.cy.replaceAll(':', '.')}@cymuned.example>`,
    });
    expect(welsh?.rawHeaders.subject).toMatch(/^=\?UTF-8\?Q\?/);
    expect(welsh?.body).toBe('Annwyl gyfaill,\r\n\r\nMae’ch cais wedi cyrraedd y tîm.\r\n');
    expect(files[`${ids.en.replaceAll(':', '_')}.eml`]?.headers).toMatchObject({
      to: 'treasurer@neuadd.example',
      subject: 'Your application CFP-2026-700001 was received',
      'content-language': 'en',
    });

    const rows = await prisma.notification.findMany({ where: { reference: 'CFP-2026-700001' }, orderBy: { id: 'asc' } });
    for (const row of rows.filter((row) => row.sequence === 3)) expect(row.sentAt?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The next event's messages wait for their own delivery.
    expect(rows.filter((row) => row.sequence === 4).map((row) => [row.id, row.sentAt])).toEqual([other.cy, other.en].sort().map((id) => [id, null]));
  });

  it('sends nothing the second time', async () => {
    await queue('CFP-2026-700002', 1);
    const sends: OutgoingEmail[] = [];
    const counting: Mailer = { send: async (message) => void sends.push(message) };

    expect(await deliver(counting, { reference: 'CFP-2026-700002', sequence: 1 })).toBe(2);
    expect(await deliver(counting, { reference: 'CFP-2026-700002', sequence: 1 })).toBe(0);
    expect(sends).toHaveLength(2);
  });

  it('keeps what was sent when a send fails, fails the activity so Temporal retries, and the retry sends the rest', async () => {
    const ids = await queue('CFP-2026-700003', 2);
    const [first, second] = [ids.cy, ids.en].sort();
    const mailbox = fileMailbox(mailboxDir, from);
    let sends = 0;
    const failingSecond: Mailer = {
      send: async (message) => {
        sends += 1;
        if (sends === 2) throw new Error('mail relay unavailable');
        await mailbox.send(message);
      },
    };

    await expect(deliver(failingSecond, { reference: 'CFP-2026-700003', sequence: 2 })).rejects.toThrow('mail relay unavailable');
    const rows = await prisma.notification.findMany({ where: { reference: 'CFP-2026-700003' }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.id, row.sentAt !== null])).toEqual([
      [first, true],
      [second, false],
    ]);

    expect(await deliver(mailbox, { reference: 'CFP-2026-700003', sequence: 2 })).toBe(1);
    expect((await readdir(mailboxDir)).sort()).toEqual([first, second].map((id) => `${id?.replaceAll(':', '_')}.eml`));
  });

  it('writes a re-sent message over the same file, so a retry after a crash shows it once', async () => {
    const ids = await queue('CFP-2026-700004', 1);
    const mailbox = fileMailbox(mailboxDir, from);
    const row = await prisma.notification.findUniqueOrThrow({ where: { id: ids.cy } });
    const message = { id: row.id, to: row.email, subject: row.subject, body: row.body, language: row.language };
    // The crash: the message went out but was never marked sent.
    await mailbox.send(message);

    expect(await deliver(mailbox, { reference: 'CFP-2026-700004', sequence: 1 })).toBe(2);
    const names = await readdir(mailboxDir);
    expect(names.sort()).toEqual([ids.cy, ids.en].sort().map((id) => `${id.replaceAll(':', '_')}.eml`));
    expect(names.filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('marks a message refused for good as failed with the reason, sends the rest, never tries it again, and shows staff', async () => {
    const ids = await queue('CFP-2026-700005', 1);
    const mailbox = fileMailbox(mailboxDir, from);
    const refusingWelsh: Mailer = {
      send: async (message) => {
        if (message.language === 'cy') throw new MailRefused('550 5.1.1 mailbox unavailable');
        await mailbox.send(message);
      },
    };

    expect(await deliver(refusingWelsh, { reference: 'CFP-2026-700005', sequence: 1 })).toBe(1);
    const refused = await prisma.notification.findUniqueOrThrow({ where: { id: ids.cy } });
    expect(refused).toMatchObject({ sentAt: null, failure: '550 5.1.1 mailbox unavailable' });
    expect(refused.failedAt).not.toBeNull();
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: ids.en } })).sentAt).not.toBeNull();

    const sends: OutgoingEmail[] = [];
    expect(await deliver({ send: async (message) => void sends.push(message) }, { reference: 'CFP-2026-700005', sequence: 1 })).toBe(0);
    expect(sends).toEqual([]);
    expect((await listFailures({ prisma, now: new Date() })).failedNotifications.map((n) => n.id)).toContain(ids.cy);
  });

  it('refuses for good, in the file mailbox, a recipient that is not an address', async () => {
    await expect(
      fileMailbox(mailboxDir, from).send({ id: 'x:1:y', to: 'not an address', subject: 'Pwnc', body: 'Corff', language: 'cy' }),
    ).rejects.toBeInstanceOf(MailRefused);
  });
});
