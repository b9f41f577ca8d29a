import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../assets.js';
import { InputError } from '../errors.js';
import { isSystemError, systemErrorLine } from '../util/fs-errors.js';
import { demoCommand } from './commands/demo.js';
import { inspectCommand } from './commands/inspect.js';
import { parcellateCommand } from './commands/parcellate.js';
import { reportCommand } from './commands/report.js';
import { reproducePaperCommand } from './commands/reproduce-paper.js';
import { saliencyCommand } from './commands/saliency.js';
import { studyCommand } from './commands/study.js';
import { synthCommand } from './commands/synth.js';
import { trainCommand } from './commands/train.js';
import { processIO, type CliIO } from './io.js';

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  demo: { run: demoCommand, summary: 'the whole job on the embedded demo study: data, training, saliency, report' },
  inspect: { run: inspectCommand, summary: 'print a NIfTI header summary and data statistics' },
  parcellate: { run: parcellateCommand, summary: 'region × time means of a 4-D image with an atlas' },
  study: { run: studyCommand, summary: 'assemble a BIDS-style study into a labelled dataset' },
  synth: { run: synthCommand, summary: 'write a synthetic dataset of the paper, with ground-truth masks' },
  train: { run: trainCommand, summary: 'train a recurrent classifier on a dataset, in a worker (resumable)' },
  saliency: { run: saliencyCommand, summary: 'saliency maps (time × regions) of a trained run, scored against ground truth when known' },
  report: { run: reportCommand, summary: 'export a region-importance report (TSV, NIfTI, .npy, provenance, HTML, PDF)' },
  'reproduce-paper': { run: reproducePaperCommand, summary: 'reproduce Table 1 of Ismail et al. 2019 (train, saliency, WJac/Euc beside the paper)' },
};

export const mainHelp = `Usage: saliency-studio <command> [options]

Saliency Studio: fMRI → brain-region time series → recurrent classifiers → which regions
mattered at which time step.

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(17)}${c.summary}`).join('\n')}

Run \`saliency-studio <command> --help\` for a command's options.
Global options: --debug (show stack traces), --version, --help.
`;

/** Runs the CLI and returns the exit code; errors become one line unless --debug. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp);
    return 0;
  }
  if (name === '--version') {
    io.out(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err.write(`saliency-studio: unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    return reportError(err, debug, io);
  }
}

/** Prints `err` as one line and returns the exit code: 1 for bad input or a system error (2 for usage), 70 for a bug. */
export function reportError(err: unknown, debug: boolean, io: CliIO): number {
  if (debug && err instanceof Error) io.err.write(`${err.stack}\n`);
  if (err instanceof InputError) {
    io.err.write(`error: ${err.message}\n`);
    return err.name === 'UsageError' ? 2 : 1;
  }
  // The disk or the system said no, not our code: one line naming the file and what to do.
  if (isSystemError(err)) {
    io.err.write(`error: ${systemErrorLine(err).message}\n`);
    return 1;
  }
  if (err instanceof Error && causedByInputOrSystem(err)) {
    io.err.write(`error: ${err.message}\n`);
    return 1;
  }
  const msg = err instanceof Error ? err.message : String(err);
  io.err.write(`internal error: ${msg}${debug ? '' : ' (run again with --debug for details)'}\n`);
  return 70;
}

/** Whether a wrapping error (e.g. a failed report export) was caused by bad input or the system. */
function causedByInputOrSystem(err: Error): boolean {
  for (let cause = err.cause; cause !== undefined; cause = cause instanceof Error ? cause.cause : undefined) {
    if (cause instanceof InputError || isSystemError(cause)) return true;
  }
  return false;
}

function packageVersion(): string {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
}
