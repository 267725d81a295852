import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import PDFDocument from 'pdfkit';
import { AppError } from '../domain/app-error.js';
import type { Bilingual, Language } from '../domain/bilingual.js';
import { formatPounds } from '../domain/money.js';
import { readableDate } from '../domain/wales-time.js';

/** A grant offer of the Community Facilities Programme, as printed in the offer letter. */
export interface OfferLetter {
  reference: string;
  organisationName: string;
  projectTitle: string;
  /** Integer pence. */
  amountPence: number;
  /** Each condition in both languages, in order. */
  conditions: Bilingual[];
  /** ISO 8601. */
  offeredAt: string;
  /** ISO 8601: the offer lapses if not accepted by then. */
  acceptBy: string;
  /** Programme policy version, printed small at the foot. */
  policyVersion: string;
}

// The wording lives here, once, and both renderers lay it out: the HTML and the PDF cannot drift apart,
// and the Welsh is written beside the English rather than translated later.
interface LetterSection {
  lang: Language;
  issuer: string;
  heading: string;
  programme: string;
  intro: string;
  details: { label: string; value: string }[];
  conditionsHeading: string;
  conditionsIntro: string;
  conditions: string[];
  acceptanceHeading: string;
  acceptance: string[];
  lapse: string;
}

interface LetterView {
  title: string;
  /** Welsh first, then English (Welsh Language Standards). */
  sections: [LetterSection, LetterSection];
  footer: string;
}

const templates = new nunjucks.Environment(new nunjucks.FileSystemLoader(fileURLToPath(new URL('.', import.meta.url))), {
  autoescape: true,
  throwOnUndefined: true,
  trimBlocks: true,
  lstripBlocks: true,
});

// The standard PDF fonts (WinAnsi) have no ŵ or ŷ, so Welsh names would print wrongly; DejaVu Sans has them.
const { resolve } = createRequire(import.meta.url);
const fonts = {
  regular: resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

export function renderOfferLetterHtml(letter: OfferLetter): string {
  return templates.render('offer-letter.njk', offerLetterView(letter));
}

export async function renderOfferLetterPdf(letter: OfferLetter): Promise<Buffer> {
  const view = offerLetterView(letter);
  const offeredAt = new Date(letter.offeredAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 57, bottom: 71, left: 57, right: 57 },
    lang: 'cy',
    displayTitle: true,
    bufferPages: true,
    font: fonts.regular,
    // Dates fixed from the offer, so the same offer gives the same bytes (the file ID hashes the info too).
    info: { Title: view.title, Author: 'Llywodraeth Cymru / Welsh Government', Creator: 'Cymuned', CreationDate: offeredAt, ModDate: offeredAt },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  view.sections.forEach((section, index) => {
    if (index > 0) doc.addPage();
    writeSection(doc, section);
  });
  writeFooters(doc, view.footer);
  doc.end();
  return finished;
}

function writeSection(doc: PDFKit.PDFDocument, section: LetterSection): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('regular').fontSize(10).fillColor('#444444').text(section.issuer);
  doc.moveDown(0.5).font('bold').fontSize(18).fillColor('black').text(section.heading);
  doc.font('regular').fontSize(11).text(section.programme);
  doc.moveDown().text(section.intro, { width });

  doc.moveDown();
  for (const { label, value } of section.details) {
    doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);
  }

  doc.moveDown().font('bold').fontSize(13).text(section.conditionsHeading);
  doc.moveDown(0.3).font('regular').fontSize(11).text(section.conditionsIntro, { width });
  doc.moveDown(0.3).list(section.conditions, { listType: 'numbered', width, paragraphGap: 4 });

  doc.moveDown().font('bold').fontSize(13).text(section.acceptanceHeading);
  doc.font('regular').fontSize(11);
  for (const paragraph of section.acceptance) doc.moveDown(0.3).text(paragraph, { width });
  doc.moveDown(0.3).font('bold').text(section.lapse, { width });
}

function writeFooters(doc: PDFKit.PDFDocument, footer: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    const { margins, height, width } = doc.page;
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const bottom = margins.bottom;
    margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#444444')
      .text(`${footer} · Tudalen ${page + 1} o ${count} / Page ${page + 1} of ${count}`, margins.left, height - bottom + 20, {
        width: width - margins.left - margins.right,
        align: 'center',
        lineBreak: false,
      });
    margins.bottom = bottom;
  }
}

function offerLetterView(letter: OfferLetter): LetterView {
  const { offeredAt, acceptBy } = checkLetter(letter);
  const amount = formatPounds(letter.amountPence);
  const deadline = { cy: formatDeadline(acceptBy, 'cy'), en: formatDeadline(acceptBy, 'en') };
  // ICU writes "Dydd Gwener" as if it began a sentence; inside one, Welsh writes "dydd Gwener".
  const deadlineInWelshSentence = deadline.cy.replace(/^Dydd /, 'dydd ');

  return {
    title: `Llythyr Cynnig Grant / Grant Offer Letter – ${letter.reference}`,
    sections: [
      {
        lang: 'cy',
        issuer: 'Llywodraeth Cymru',
        heading: 'Llythyr Cynnig Grant',
        programme: 'Rhaglen Cyfleusterau Cymunedol',
        intro:
          'Mae’n bleser gan Lywodraeth Cymru gynnig grant cyfalaf i’ch sefydliad o dan y Rhaglen Cyfleusterau ' +
          'Cymunedol ar gyfer y prosiect a ddisgrifir isod, yn amodol ar yr amodau a restrir yn y llythyr hwn.',
        details: [
          { label: 'Cyfeirnod', value: letter.reference },
          { label: 'Sefydliad', value: letter.organisationName },
          { label: 'Prosiect', value: letter.projectTitle },
          { label: 'Swm y grant', value: amount },
          { label: 'Dyddiad y cynnig', value: formatDay(offeredAt, 'cy') },
          { label: 'Dyddiad cau i dderbyn', value: deadline.cy },
        ],
        conditionsHeading: 'Amodau’r grant',
        conditionsIntro: 'Mae’r cynnig hwn yn amodol ar yr amodau canlynol:',
        conditions: letter.conditions.map((condition) => condition.cy),
        acceptanceHeading: 'Derbyn y cynnig',
        acceptance: [
          'Rhaid i’r prif ymgeisydd dderbyn y cynnig hwn ar ran y sefydliad yng ngwasanaeth Cymuned, drwy wneud ' +
            `y datganiad derbyn, erbyn ${deadlineInWelshSentence} fan bellaf.`,
          'Yn y datganiad, mae’r prif ymgeisydd yn cadarnhau bod y sefydliad yn derbyn y grant ar yr amodau hyn, ' +
            'a bod gan y prif ymgeisydd awdurdod i’w dderbyn ar ran y sefydliad.',
        ],
        lapse: `Os na chaiff y cynnig hwn ei dderbyn erbyn ${deadlineInWelshSentence}, bydd yn dod i ben ac ni fydd y grant ar gael mwyach.`,
      },
      {
        lang: 'en',
        issuer: 'Welsh Government',
        heading: 'Grant Offer Letter',
        programme: 'Community Facilities Programme',
        intro:
          'The Welsh Government is pleased to offer your organisation a capital grant under the Community Facilities ' +
          'Programme for the project described below, subject to the conditions set out in this letter.',
        details: [
          { label: 'Reference', value: letter.reference },
          { label: 'Organisation', value: letter.organisationName },
          { label: 'Project', value: letter.projectTitle },
          { label: 'Grant amount', value: amount },
          { label: 'Date of offer', value: formatDay(offeredAt, 'en') },
          { label: 'Deadline for acceptance', value: deadline.en },
        ],
        conditionsHeading: 'Conditions of grant',
        conditionsIntro: 'This offer is subject to the following conditions:',
        conditions: letter.conditions.map((condition) => condition.en),
        acceptanceHeading: 'Accepting the offer',
        acceptance: [
          'The lead applicant must accept this offer on behalf of the organisation in the Cymuned service, by making ' +
            `the declaration of acceptance, no later than ${deadline.en}.`,
          'In the declaration, the lead applicant confirms that the organisation accepts the grant on these ' +
            'conditions, and that the lead applicant has authority to accept it on the organisation’s behalf.',
        ],
        lapse: `If this offer is not accepted by ${deadline.en}, it will lapse and the grant will no longer be available.`,
      },
    ],
    footer: `Fersiwn polisi’r rhaglen / Programme policy version: ${letter.policyVersion}`,
  };
}

function checkLetter(letter: OfferLetter): { offeredAt: Date; acceptBy: Date } {
  const texts = [letter.reference, letter.organisationName, letter.projectTitle, letter.policyVersion];
  if (texts.some((text) => text.trim() === '')) {
    throw invalid('Mae manylyn gwag yn y llythyr cynnig.', 'The offer letter has an empty detail.');
  }
  if (!Number.isSafeInteger(letter.amountPence) || letter.amountPence <= 0) {
    throw invalid('Rhaid i swm y grant fod yn nifer cyfan o geiniogau, yn fwy na dim.', 'The grant amount must be a whole number of pence above zero.');
  }
  // A condition missing in one language would leave that reader with less than the other.
  if (letter.conditions.length === 0 || letter.conditions.some((condition) => condition.cy.trim() === '' || condition.en.trim() === '')) {
    throw invalid('Rhaid cael o leiaf un amod, a phob amod yn Gymraeg ac yn Saesneg.', 'There must be at least one condition, each in Welsh and in English.');
  }
  const offeredAt = parseInstant(letter.offeredAt);
  const acceptBy = parseInstant(letter.acceptBy);
  if (acceptBy.getTime() <= offeredAt.getTime()) {
    throw invalid('Rhaid i’r dyddiad cau i dderbyn fod ar ôl dyddiad y cynnig.', 'The deadline for acceptance must be after the date of the offer.');
  }
  return { offeredAt, acceptBy };
}

function parseInstant(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw invalid(`Nid yw “${value}” yn ddyddiad ISO 8601.`, `“${value}” is not an ISO 8601 date.`);
  }
  return date;
}

function invalid(cy: string, en: string): AppError {
  return new AppError('invalid_input', { cy, en });
}

const locales: Record<Language, string> = { cy: 'cy-GB', en: 'en-GB' };

function formatDay(date: Date, language: Language): string {
  return readableDate(date, language);
}

/** "Dydd Gwener, 31 Gorffennaf 2026 am 23:59" / "Friday, 31 July 2026 at 23:59", UK time. */
function formatDeadline(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' }).format(date);
}
