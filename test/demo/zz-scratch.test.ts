import { rm } from 'node:fs/promises';
import { it } from 'vitest';
import { writeDemoStudy, DEMO_NOISE, DEMO_SUBJECTS } from '../../src/demo/index.js';
it('gen', async () => {
  const out = process.env.DEMO_OUT ?? '/tmp/demo-out';
  (DEMO_NOISE as any).signalPercent = Number(process.env.SIG ?? 1.2);
  const n = Number(process.env.NSUB ?? 4); for (let i = 5; i <= n; i++) (DEMO_SUBJECTS as any).push(String(i).padStart(2, '0'));
  await rm(out, { recursive: true, force: true });
  await writeDemoStudy(out, Number(process.env.SEED ?? 1));
}, 120000);
