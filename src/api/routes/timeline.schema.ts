import { z } from 'zod';
import type { TimelineEntry } from '../../operations/case-timeline.js';
import { describes } from '../describes.js';

/** A case's timeline as the API answers it; `id` names the schema, `exampleType` an event of that kind of case. */
export function timelineResponse(id: string, exampleType: string) {
  return describes<{ timeline: TimelineEntry[] }>()(
    z
      .object({
        timeline: z
          .array(
            z.object({
              sequence: z.number().int(),
              at: z.iso.datetime({ offset: true }),
              type: z.string().meta({ description: `The kind of event, e.g. \`${exampleType}\``, example: exampleType }),
              summary: z.string().meta({ description: 'What happened in plain words, in the reader’s language' }),
            }),
          )
          .meta({
            description: 'Oldest first. The group reads the words written to it and is never shown staff notes; staff read every event in their own words',
          }),
      })
      .meta({ id }),
  );
}
