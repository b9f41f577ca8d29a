import { beforeEach, describe, expect, it } from 'vitest';
import { openPath, OpenPathError } from '../../electron/open-path.js';
import { InputError } from '../../src/errors.js';
import { reset, shell } from './mock-electron.js';

beforeEach(reset);

describe('openPath', () => {
  it('hands the absolute path to shell.openPath and resolves when the system opened it', async () => {
    await expect(openPath('/home/someone/Documents/Saliency Studio/reports/run-1')).resolves.toBeUndefined();
    expect(shell.openPath.mock.calls).toEqual([['/home/someone/Documents/Saliency Studio/reports/run-1']]);
  });

  it('rejects with an OpenPathError naming the path and the system\'s message when shell.openPath answers an error string', async () => {
    shell.openPath.mockResolvedValueOnce('Failed to open path');
    const err = await openPath('/home/someone/report.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenPathError);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ code: 'OPEN_FAILED', file: '/home/someone/report.pdf', value: 'Failed to open path' });
    expect((err as Error).message).toBe('/home/someone/report.pdf: opening with the system = "Failed to open path"; expected a file or folder the desktop can open with an installed app');
  });
});
