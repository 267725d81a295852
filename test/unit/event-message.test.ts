import { describe, expect, it } from 'vitest';
import { eventMessage, type EventMessage } from '../../src/notifications/event-message.js';

const message: EventMessage = {
  reference: 'CFP-2026-000001',
  summary: { cy: 'Anfonwyd y mynegiant o ddiddordeb', en: 'The expression of interest was sent' },
  title: 'Neuadd newydd (Cyfeillion y Neuadd)',
  where: { label: { cy: 'Ble mae’r cais', en: 'Where the application is' }, status: { cy: 'Yn cael ei sgrinio', en: 'Being screened' } },
  groupAction: { wording: { cy: 'Anfon y cais llawn', en: 'Send the full application' }, dueAt: '2026-12-01T17:00:00Z' },
  signIn: { cy: 'Mewngofnodwch i weld y cais.', en: 'Sign in to see the application.' },
};

describe('the email about an event on a case', () => {
  it('says what happened, where the case is and what the group must do by when, in the reader’s language', () => {
    const { subject, body } = eventMessage(message, { name: 'Siân', language: 'cy' });
    expect(subject).toBe('CFP-2026-000001: Anfonwyd y mynegiant o ddiddordeb');
    expect(body.split('\n')).toEqual([
      'Helo Siân,',
      '',
      'Anfonwyd y mynegiant o ddiddordeb.',
      '',
      'CFP-2026-000001: Neuadd newydd (Cyfeillion y Neuadd)',
      'Ble mae’r cais: Yn cael ei sgrinio',
      'Beth sydd angen i chi ei wneud: Anfon y cais llawn erbyn 1 Rhagfyr 2026 am 17:00',
      '',
      'Mewngofnodwch i weld y cais.',
      '',
      'Rydym yn croesawu gohebiaeth yn Gymraeg a byddwn yn ateb yn Gymraeg.',
      '',
    ]);
  });

  it('leaves out the next step when the reader has none to take, and the date when it has none', () => {
    expect(eventMessage({ ...message, groupAction: null }, { name: 'Sam', language: 'en' }).body).not.toContain('What you need to do');
    const undated = eventMessage({ ...message, groupAction: { ...message.groupAction!, dueAt: null } }, { name: 'Sam', language: 'en' }).body;
    expect(undated).toContain('What you need to do: Send the full application\n');
  });
});
