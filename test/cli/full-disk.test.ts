import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shared } from '../helpers/shared-data.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { mountTmpfs, type Tmpfs, tmpfsSkipReason } from '../helpers/tmpfs.js';
import { writeKnownRun } from '../report/helpers/known-run.js';

// The installed launcher runs the compiled CLI: rebuild dist (npx tsc -p tsconfig.json) first.
const bin = fileURLToPath(new URL('../../bin/saliency-studio.js', import.meta.url));
const bold = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
const PAGE = 4096;

const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** The error lines of stderr (progress lines go there too). */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => /error/i.test(l));

// Probed at collection, so a test that cannot mount is skipped and says why.
const probe = mountTmpfs('4k');
probe?.unmount();
const mounted: Tmpfs[] = [];
afterAll(() => {
  for (const fs of mounted.splice(0)) fs.unmount();
});

/** A tmpfs of `bytes` (whole pages), unmounted after the file's tests. */
function tmpfs(bytes: number): string {
  const fs = mountTmpfs(`${Math.max(PAGE, Math.floor(bytes / PAGE) * PAGE)}`);
  if (!fs) throw new Error('mounting a tmpfs failed after the probe succeeded');
  mounted.push(fs);
  return fs.dir;
}

describe('the CLI on a full disk', () => {
  let root = '';
  let tsvBytes = 0;
  beforeAll(async () => {
    if (!probe) return;
    root = await suiteTempDir();
    const out = path.join(root, 'regions.tsv');
    expect(cli(['parcellate', bold, '--out', out]).status).toBe(0);
    tsvBytes = statSync(out).size;
  }, 60_000);

  it.skipIf(!probe)(`parcellate fails with one line naming the file and ENOSPC, and leaves no table or temp file${tmpfsSkipReason(probe)}`, () => {
    // Half the table's size: the first write is short, the next finds no space.
    const dir = tmpfs(tsvBytes / 2);
    expect(statfsSync(dir).blocks * statfsSync(dir).bsize).toBeLessThan(tsvBytes);
    const out = path.join(dir, 'regions.tsv');
    const r = cli(['parcellate', bold, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/written/);
    expect(errorLines(r.stderr)).toEqual([`error: ${out}: writing = "ENOSPC"; expected free space on that disk or choose another --out`]);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it.skipIf(!probe)(`report onto a nearly full disk fails with one line naming the folder and ENOSPC, and leaves no report or temp folder${tmpfsSkipReason(probe)}`, async () => {
    const { runDir } = await writeKnownRun(mkdtempSync(path.join(root, 'run-')));
    const dir = tmpfs(1024 * 1024);
    // All but two pages taken: a file or two fit, not the whole report.
    const { bavail, bsize } = statfsSync(dir);
    writeFileSync(path.join(dir, 'filler'), new Uint8Array(bavail * bsize - 2 * PAGE));
    const out = path.join(dir, 'report');
    const r = cli(['report', '--run', runDir, '--formats', 'tsv,json,html', '--out', out]);
    expect(r.status).toBe(1);
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: report export to ${out} failed while writing \\w+: ${dir}/\\.report\\.partial-[\\w-]+/[\\w.]+: writing = "ENOSPC"; expected free space on that disk or choose another --out; nothing was written there`));
    expect(readdirSync(dir)).toEqual(['filler']);
  }, 60_000);
});
