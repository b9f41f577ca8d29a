import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { exportReport } from '../../src/report/export.js';
import { tempSibling } from '../../src/util/temp-siblings.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { AAL_REGIONS, writeKnownRun } from './helpers/known-run.js';

// The killed export runs the compiled module: rebuild dist (npx tsc -p tsconfig.json) first.
const distExport = fileURLToPath(new URL('../../dist/src/report/export.js', import.meta.url));

let runDir: string;
beforeAll(async () => {
  // Regions of an imported table: no atlas to load, so each export here is quick.
  runDir = (await writeKnownRun(await suiteTempDir(), { regions: AAL_REGIONS.map((r) => ({ ...r, label: null })) })).runDir;
});

/** The temp-folder name an export by process `pid` on this machine would use for `out`. */
const partialOf = (out: string, pid: number) => path.basename(tempSibling(out, 'partial')).replace(`-${process.pid}-`, `-${pid}-`);

/** The export temp folders in `parent`. */
const partials = async (parent: string) => (await readdir(parent)).filter((n) => n.startsWith('.report.partial-'));

/** A folder with a half-written file in it, as an interrupted export leaves. */
async function leftover(parent: string, name: string): Promise<void> {
  await mkdir(path.join(parent, name));
  await writeFile(path.join(parent, name, 'regions.tsv'), 'label\tna');
}

describe('exportReport and temp folders of interrupted exports', () => {
  it('removes the temp folder of an export that was killed midway, on the next export', async () => {
    const parent = await tempDir();
    const out = path.join(parent, 'report');
    // A real export, killed while its writer is busy: its temp folder stays behind.
    const script = `import { exportReport } from ${JSON.stringify(distExport)};
      setInterval(() => undefined, 1000);
      await exportReport({ runDir: ${JSON.stringify(runDir)}, saliencyDir: ${JSON.stringify(defaultReportSaliencyDir(runDir))}, out: ${JSON.stringify(out)}, formats: ['tsv'] },
        { writers: { tsv: async (ctx, dir) => { console.log(dir); return new Promise(() => undefined); } } });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [temp] = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await partials(parent)).toEqual([path.basename(temp)]);

    await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] });
    expect(await partials(parent)).toEqual([]);
    expect(await readdir(out)).toContain('regions.tsv');
  });

  it('keeps the temp folder of an export whose process still runs', async () => {
    const parent = await tempDir();
    const out = path.join(parent, 'report');
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)']);
    try {
      const name = partialOf(out, running.pid!);
      await leftover(parent, name);
      await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] });
      expect((await readdir(parent)).sort()).toEqual([name, 'report'].sort());
    } finally {
      running.kill();
    }
  });

  it('removes a day-old temp folder whose maker cannot be asked (an older version\'s name), and keeps a fresh one', async () => {
    const parent = await tempDir();
    const out = path.join(parent, 'report');
    await leftover(parent, '.report.partial-AbC123');
    await leftover(parent, '.report.partial-XyZ789');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(path.join(parent, '.report.partial-AbC123'), twoDaysAgo, twoDaysAgo);
    await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] });
    expect((await readdir(parent)).sort()).toEqual(['.report.partial-XyZ789', 'report']);
  });

  it('leaves alone folders that only look alike: another report\'s temp folder and a user\'s folder', async () => {
    const parent = await tempDir();
    const out = path.join(parent, 'report');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const otherReport = partialOf(path.join(parent, 'report-b'), dead);
    await leftover(parent, otherReport);
    await leftover(parent, '.report.partial-mine, keep');
    await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] });
    expect((await readdir(parent)).sort()).toEqual(['.report.partial-mine, keep', otherReport, 'report'].sort());
  });
});
