import { z } from 'zod';
import { districtCodes } from '#api/domain/areas.ts';

// YAML reads an unquoted `2027-05-12T09:00:00+08:00` as a timestamp; either way it becomes a Date.
const isoWithOffset = z.coerce.date({ error: '应为带时区的时间，例如 2027-05-12T09:00:00+08:00' });

/** content/events/<slug>.yaml: a lecture, drill, campaign or training session. */
export const eventSchema = z
  .object({
    /** Must equal the file name. */
    slug: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(4),
    /** lecture 讲座, drill 演练, campaign 宣传活动, training 培训. */
    kind: z.enum(['lecture', 'drill', 'campaign', 'training']),
    /** 5.12 全国防灾减灾日 or 11.9 全国消防日. */
    campaign: z.enum(['5.12', '11.9']).optional(),
    /** Start, with +08:00. */
    start: isoWithOffset,
    /** End, with +08:00. */
    end: isoWithOffset,
    venue: z.string().min(2),
    address: z.string().min(2),
    /** GB/T 2260 district code. */
    areaCode: z.enum(districtCodes),
    audience: z.string().min(2),
    organizer: z.string().min(2),
    howToJoin: z.string().min(2),
    summary: z.string().min(8),
    /** Not confirmed by the organiser: shown with a notice. */
    sample: z.boolean(),
  })
  .refine((e) => e.end > e.start, { message: '结束时间应晚于开始时间', path: ['end'] });

/** An event. */
export type Event = z.output<typeof eventSchema>;
