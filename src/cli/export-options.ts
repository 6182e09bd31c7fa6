// Options that let `analyze` and `profile` read a real export as it comes: its own column names
// (--map), fields it never carries (--channel: a tweet export has no channel column) and rows that are
// not the customers' (--where: a support corpus also holds the brand's replies).
import { Option } from 'commander';
import type { z } from 'zod';
import { CHANNELS, InteractionSchema } from '../schemas/interaction.js';
import { exportSchema, parseColumnMap, type ColumnMap } from '../io/column-map.js';
import { parseWhere } from '../io/record-filter.js';
import type { RecordFilter } from '../io/read.js';

export interface ExportFlags {
  map?: string;
  channel?: string;
  where?: string[];
}

export const mapOption = (): Option =>
  new Option('--map <from=to,...>', 'rename input columns, e.g. tweet_id=id,author_id=customerId,created_at=timestamp,retweet_count=social.shares');

export const channelOption = (): Option => new Option('--channel <channel>', 'channel of interactions that have none').choices(CHANNELS);

export const whereOption = (): Option =>
  new Option('--where <column=value>', "keep only interactions whose column (the export's own name) has this value; repeat for more conditions, or a column for more values").argParser(
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );

export interface ExportShape {
  columns: ColumnMap;
  interactions: z.ZodType<z.output<typeof InteractionSchema>>;
  /** which interaction records to keep (--where), read before the map */
  keep?: RecordFilter;
}

/** Parses the flags once, before any file is read, so a typo fails at once with the flag's name. */
export function exportShape(flags: ExportFlags): ExportShape {
  const columns = parseColumnMap(flags.map);
  const defaults = flags.channel === undefined ? {} : { channel: flags.channel };
  return { columns, interactions: exportSchema(InteractionSchema, columns, defaults), keep: parseWhere(flags.where) };
}
