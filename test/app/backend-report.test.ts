import { describe, expect, it } from 'vitest';
import { backendReport } from '../../src/app/backend-report.js';
import { formatBackendReport } from '../../src/model/backend/select.js';
import { BACKEND_NAMES } from '../../src/model/backend/types.js';

describe('app backendReport', () => {
  it('by default names the fastest backend that works and why each faster one is not used, in order', async () => {
    const report = await backendReport();
    expect(report.requested).toBe('auto');
    const rank = BACKEND_NAMES.indexOf(report.backend);
    expect(report.skipped.map((s) => s.name)).toEqual(BACKEND_NAMES.slice(0, rank));
    for (const s of report.skipped) expect(s.why).not.toBe('');
    expect(formatBackendReport(report)).toMatch(new RegExp(`^backend ${report.backend}: `));
  });

  it('a backend asked for by name is used with nothing skipped', async () => {
    expect(await backendReport('cpu')).toMatchObject({ backend: 'cpu', requested: 'cpu', tfBackend: 'cpu', skipped: [] });
  });
});
