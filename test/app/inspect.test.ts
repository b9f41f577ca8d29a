import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/context.js';
import { inspectImage } from '../../src/app/inspect.js';
import { main } from '../../src/cli/main.js';
import { isCancelled } from '../../src/util/cancel.js';
import { captureIO } from '../helpers/capture-io.js';
import { shared } from '../helpers/shared-data.js';

const reference = JSON.parse(readFileSync(shared('nifti', 'reference.json'), 'utf8'));

describe('inspectImage', () => {
  it('summarises the header and the scaled data as nibabel does', async () => {
    const file = shared('nifti', 'example4d.nii.gz');
    const ref = reference.find((r: { file: string }) => r.file === 'example4d.nii.gz');
    const s = await inspectImage(file);
    expect(s).toMatchObject({ file, shape: ref.shape, datatype: ref.datatype, sum: ref.sum, max: ref.max, nonFinite: 0 });
    expect(s.format).toMatch(/^NIfTI-1/);
  });

  it('is exactly what `inspect --json` prints', async () => {
    const file = shared('nifti', 'scaled_int16.nii.gz');
    const io = captureIO();
    expect(await main(['inspect', file, '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout())).toEqual(await inspectImage(file));
  });

  it('reports one step per volume, ending at all volumes with no time left', async () => {
    const file = shared('nifti', 'example4d.nii.gz');
    const events: Progress[] = [];
    const s = await inspectImage(file, { onProgress: (p) => events.push(p) });
    const volumes = s.shape[3];
    expect(volumes).toBeGreaterThan(1);
    expect(events.every((e) => e.phase === 'volumes' && e.total === volumes)).toBe(true);
    expect(events.at(-1)).toMatchObject({ done: volumes, etaSeconds: 0 });
  });

  it('an aborted signal throws Cancelled', async () => {
    const error = await inspectImage(shared('nifti', 'example4d.nii.gz'), { signal: AbortSignal.abort() }).catch((err: unknown) => err);
    expect(isCancelled(error)).toBe(true);
  });
});
