import type { Language } from '../domain/bilingual.js';
import type { MonitoringEventKind } from '../domain/cfp/monitoring.js';
import { readableDate } from '../domain/wales-time.js';
import type { MonitoringEventRecord } from '../workflows/award-monitoring.messages.js';
import { messageWords } from './message-words.js';

// The email a person gets about one monitoring event on an award, in their own language.

const words = {
  signIn: { cy: 'Mewngofnodwch i Cymuned i weld y ffurflen a’i hanes.', en: 'Sign in to Cymuned to see the return and its history.' },
};

export interface MonitoringMessageContext {
  projectTitle: string;
  organisationName: string;
}

type Lines = (l: Language) => { subject: string; text: string[] };

export function monitoringMessage(
  event: MonitoringEventRecord,
  recipient: { name: string; language: Language },
  context: MonitoringMessageContext,
): { subject: string; body: string } {
  const l = recipient.language;
  const due = event.dueAt ? readableDate(event.dueAt, l) : '';
  const n = event.period;
  const of = event.periods;
  const wording: Record<MonitoringEventKind, Lines> = {
    opened: (lang) =>
      lang === 'cy'
        ? {
            subject: `Ffurflen fonitro ${n} o ${of}: ar agor`,
            text: [
              `Mae ffurflen fonitro ${n} o ${of} ar gyfer eich grant ar agor.`,
              `Anfonwch hi erbyn ${due}: a yw’r cyfleuster yn cael ei ddefnyddio, faint o bobl sy’n ei ddefnyddio bob wythnos, a beth sydd wedi newid.`,
            ],
          }
        : {
            subject: `Monitoring return ${n} of ${of}: open`,
            text: [
              `Monitoring return ${n} of ${of} for your grant is open.`,
              `Please send it by ${due}: whether the facility is in use, how many people use it each week, and what has changed.`,
            ],
          },
    reminder: (lang) =>
      lang === 'cy'
        ? { subject: `Nodyn atgoffa: ffurflen fonitro ${n} erbyn ${due}`, text: [`Nid ydym wedi cael ffurflen fonitro ${n} eto. Mae’n ddyledus erbyn ${due}.`] }
        : { subject: `Reminder: monitoring return ${n} due by ${due}`, text: [`We have not yet received monitoring return ${n}. It is due by ${due}.`] },
    overdue: (lang) =>
      lang === 'cy'
        ? {
            subject: `Ffurflen fonitro ${n} yn hwyr`,
            text: [
              `Roedd ffurflen fonitro ${n} yn ddyledus ar ${due} ac nid yw wedi dod i law.`,
              'Anfonwch hi cyn gynted ag y gallwch. Os na ddaw, byddwn yn rhoi gwybod i’ch swyddog achos.',
            ],
          }
        : {
            subject: `Monitoring return ${n} overdue`,
            text: [
              `Monitoring return ${n} was due on ${due} and has not arrived.`,
              'Please send it as soon as you can. If it does not come, we will tell your case officer.',
            ],
          },
    escalated: (lang) =>
      lang === 'cy'
        ? {
            subject: `Ffurflen fonitro ${n} heb ddod i law: ${context.organisationName}`,
            text: [
              `Roedd ffurflen fonitro ${n} o ${of} gan ${context.organisationName} yn ddyledus ar ${due} ac nid yw wedi dod i law.`,
              'Cysylltwch â’r grŵp, os gwelwch yn dda.',
            ],
          }
        : {
            subject: `Monitoring return ${n} not received: ${context.organisationName}`,
            text: [`Monitoring return ${n} of ${of} from ${context.organisationName} was due on ${due} and has not arrived.`, 'Please contact the group.'],
          },
    submitted: (lang) => {
      const late = event.late ? (lang === 'cy' ? ' (yn hwyr)' : ' (late)') : '';
      return lang === 'cy'
        ? {
            subject: `Ffurflen fonitro ${n} wedi dod i law${late}`,
            text: [`Daeth ffurflen fonitro ${n} o ${of} gan ${context.organisationName} i law${late}. Diolch.`],
          }
        : {
            subject: `Monitoring return ${n} received${late}`,
            text: [`Monitoring return ${n} of ${of} from ${context.organisationName} has been received${late}. Thank you.`],
          };
    },
    closed: (lang) =>
      lang === 'cy'
        ? {
            subject: 'Diwedd y cyfnod monitro',
            text: [`Mae’r cyfnod monitro ar gyfer y grant hwn wedi dod i ben ar ôl ${of} ffurflen. Nid oes angen anfon rhagor.`],
          }
        : { subject: 'Monitoring period ended', text: [`The monitoring period for this grant has ended after ${of} returns. No more returns are needed.`] },
  };
  const { subject, text } = wording[event.kind](l);
  const lines = [
    `${messageWords.greeting[l]} ${recipient.name},`,
    '',
    ...text,
    '',
    `${event.awardReference}: ${context.projectTitle} (${context.organisationName})`,
    '',
    words.signIn[l],
    '',
    messageWords.welsh[l],
  ];
  return { subject: `${event.awardReference}: ${subject}`, body: `${lines.join('\n')}\n` };
}
