// `rapport analyze <interactions>`: one MessageAnalysis NDJSON line per interaction, streamed.
import type { Command } from 'commander';
import { consume, RecordError, StrictModeError } from '../../io/consume.js';
import { openOutput } from '../../io/write.js';
import { createProgress } from '../progress.js';
import { channelOption, exportShape, mapOption, whereOption, type ExportFlags } from '../export-options.js';

interface AnalyzeFlags extends ExportFlags {
  out?: string;
  inputFormat?: string;
  strict?: boolean;
  keepText?: boolean;
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description('analyse each interaction: sentiment, emotions, relational signals, advocacy, evidence (NDJSON)')
    .argument('<interactions>', 'interactions file (NDJSON or CSV), or - for stdin')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--input-format <format>', 'ndjson or csv (default: from the file extension)')
    .option('--strict', 'stop with a non-zero exit at the first malformed line')
    .addOption(mapOption())
    .addOption(channelOption())
    .addOption(whereOption())
    .option('--keep-text', "include the customer's redacted text in each line")
    .action(async (path: string, flags: AnalyzeFlags) => {
      const shape = exportShape(flags);
      // loaded here, not at start-up: other commands (and --help) should not pay for wink's model
      const { analyze } = await import('../../nlp/analyze.js');
      const progress = createProgress();
      const out = openOutput(flags.out);
      const options = { keepText: flags.keepText === true };
      try {
        const tally = await consume(
          path,
          shape.interactions,
          { inputFormat: flags.inputFormat, strict: flags.strict, warn: progress.log, track: progress.track, keep: shape.keep },
          async (interaction) => {
            let line: string;
            try {
              line = JSON.stringify(analyze(interaction, options));
            } catch (err) {
              throw new RecordError(`analysis failed: ${(err as Error).message}`);
            }
            await out.write(line);
          },
        );
        progress.log(`${tally.label}: read ${tally.read}, analysed ${tally.ok}, ${tally.skippedSummary()}`);
        if (tally.ok === 0) {
          progress.log(`rapport: nothing could be read from ${tally.label}${tally.left ? ` (${tally.left} records left out by --where)` : ''}`);
          process.exitCode = 1;
        }
      } catch (err) {
        if (!(err instanceof StrictModeError)) throw err;
        progress.log(`rapport: ${err.message}`);
        process.exitCode = 1;
      } finally {
        await out.close();
      }
    });
}
