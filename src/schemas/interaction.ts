// The interaction record of docs/data-formats.md, parsed once at every edge (file line, HTTP body, job).
import { z } from 'zod';
import { dateString } from './date.js';

export const CHANNELS = ['email', 'chat', 'call_note', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Counts may arrive as strings from CSV; coerce but refuse negatives and garbage. */
const count = z.coerce.number().finite().nonnegative();
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')]);

export const SocialSchema = z.object({
  likes: count.optional(),
  shares: count.optional(),
  comments: count.optional(),
  reach: count.optional(),
  mentionsBrand: bool.optional(),
  platform: z.string().max(64).optional(),
});
export type Social = z.infer<typeof SocialSchema>;

export const InteractionSchema = z.object({
  id: z.coerce.string().min(1, 'id must not be empty').max(256),
  customerId: z.coerce.string().min(1, 'customerId must not be empty').max(256),
  channel: z.enum(CHANNELS),
  timestamp: dateString('timestamp'),
  text: z.string().max(200_000),
  subject: z.string().max(2_000).optional(),
  social: SocialSchema.optional(),
});
export type Interaction = z.infer<typeof InteractionSchema>;
