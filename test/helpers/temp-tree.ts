import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'study-test-'));
  made.push(dir);
  return dir;
}

const suite: string[] = [];
afterAll(async () => {
  await Promise.all(suite.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temp folder kept for the whole test file (for fixtures built once in beforeAll). */
export async function suiteTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'suite-test-'));
  suite.push(dir);
  return dir;
}

/** Writes `files` (relative path → text) under `root`, creating folders. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/** TSV text from a header and rows. */
export function tsv(columns: string[], rows: (string | number)[][]): string {
  return [columns, ...rows].map((r) => r.join('\t')).join('\n') + '\n';
}
