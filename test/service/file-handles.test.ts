import { mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { handle as handleSchema } from '../../src/api/index.js';
import { createFileHandles, type FileHandles } from '../../src/service/file-handles.js';
import { tempDir } from '../helpers/temp-tree.js';

let root: string;
let outside: string;
let files: FileHandles;

beforeEach(async () => {
  const base = await realpath(await tempDir());
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'study', 'sub-01'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(root, 'study', 'a.nii'), '');
  await writeFile(path.join(outside, 'secret.txt'), 'x');
  files = createFileHandles(path.join(base, 'workspace-missing'), { roots: [root] });
});

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (err: { code: string; field: string; expected: string }) => err);

describe('file handles', () => {
  it('issues h_ + 24 base64url characters, the same handle for the same path', () => {
    const h = files.issue(path.join(root, 'study'));
    expect(h).toMatch(/^h_[A-Za-z0-9_-]{24}$/);
    expect(handleSchema.safeParse(h).success).toBe(true);
    expect(files.issue(path.join(root, 'study', '.', ''))).toBe(h);
    expect(files.issue(path.join(root, 'study', 'a.nii'))).not.toBe(h);
  });

  it('resolves a handle to a file inside a root to its real path', async () => {
    const h = files.issue(path.join(root, 'study', 'a.nii'));
    expect(await files.resolve(h)).toBe(path.join(root, 'study', 'a.nii'));
  });

  it('refuses a forged handle and an unknown one with FILE_HANDLE naming the field', async () => {
    files.issue(path.join(root, 'study'));
    for (const forged of ['h_AAAAAAAAAAAAAAAAAAAAAAAA', 'not a handle']) {
      expect(await codeOf(files.resolve(forged, { field: 'source' }))).toMatchObject({ code: 'FILE_HANDLE', field: 'source', expected: 'a handle issued by this app' });
    }
  });

  it('refuses a path outside every root even when it was issued', async () => {
    const h = files.issue(path.join(outside, 'secret.txt'));
    expect(await codeOf(files.resolve(h))).toMatchObject({ code: 'FILE_OUTSIDE_ROOTS', field: 'handle' });
  });

  it('allows a path the main process granted (its dialog) outside the roots', async () => {
    const h = files.issue(path.join(outside, 'secret.txt'), { grant: true });
    expect(await files.resolve(h)).toBe(path.join(outside, 'secret.txt'));
  });

  it('refuses a symlink inside a root that points outside it, and leaves it out of browse', async () => {
    await symlink(outside, path.join(root, 'study', 'escape'));
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'study', 'secret-link'));
    await symlink(path.join(root, 'study', 'a.nii'), path.join(root, 'study', 'inner-link'));
    const listing = await files.browse(files.issue(path.join(root, 'study')));
    expect(listing.entries.map((e) => [e.name, e.kind])).toEqual([['sub-01', 'folder'], ['a.nii', 'file'], ['inner-link', 'file']]);
    for (const name of ['escape', 'secret-link']) {
      expect(await codeOf(files.resolve(files.issue(path.join(root, 'study', name))))).toMatchObject({ code: 'FILE_OUTSIDE_ROOTS' });
    }
  });

  it('re-checks on every resolve: a folder replaced by a link out is refused afterwards', async () => {
    const h = files.issue(path.join(root, 'study', 'sub-01'));
    expect(await files.resolve(h)).toBe(path.join(root, 'study', 'sub-01'));
    await rm(path.join(root, 'study', 'sub-01'), { recursive: true });
    await symlink(outside, path.join(root, 'study', 'sub-01'));
    expect(await codeOf(files.resolve(h))).toMatchObject({ code: 'FILE_OUTSIDE_ROOTS' });
  });

  it('refuses the wrong kind and a target that is gone', async () => {
    const folder = files.issue(path.join(root, 'study'));
    expect(await codeOf(files.resolve(folder, { kind: 'file', field: 'file' }))).toMatchObject({ code: 'FILE_KIND', field: 'file', expected: 'a file' });
    const gone = files.issue(path.join(root, 'gone.nii'));
    expect(await codeOf(files.resolve(gone))).toMatchObject({ code: 'FILE_MISSING' });
  });

  it('browses folders first then files by name (case-insensitive), hides dot entries, gives a parent below a root and none at it', async () => {
    const study = path.join(root, 'study');
    await mkdir(path.join(study, 'B-folder'));
    await mkdir(path.join(study, '.git'));
    await writeFile(path.join(study, '.hidden'), '');
    await writeFile(path.join(study, 'b.tsv'), '');
    await writeFile(path.join(study, 'A.json'), '');
    const listing = await files.browse(files.issue(study));
    expect(listing.entries.map((e) => e.name)).toEqual(['B-folder', 'sub-01', 'A.json', 'a.nii', 'b.tsv']);
    expect(listing).toMatchObject({ path: study, truncated: false });
    expect(listing.parent).not.toBeNull();
    const up = await files.browse(listing.parent!);
    expect(up).toMatchObject({ path: root, parent: null });
    // Each entry's handle leads to it.
    const sub = listing.entries.find((e) => e.name === 'sub-01')!;
    expect(await files.resolve(sub.handle)).toBe(path.join(study, 'sub-01'));
  });

  it('truncates a listing at the cap, keeping the first entries in order', async () => {
    const many = path.join(root, 'many');
    await mkdir(many);
    for (let i = 0; i < 7; i++) await writeFile(path.join(many, `f${i}.txt`), '');
    const capped = createFileHandles(root, { roots: [], maxEntries: 5 });
    const listing = await capped.browse(capped.issue(many));
    expect(listing.truncated).toBe(true);
    expect(listing.entries.map((e) => e.name)).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt']);
  });

  it('refuses to browse a file', async () => {
    expect(await codeOf(files.browse(files.issue(path.join(root, 'study', 'a.nii'))))).toMatchObject({ code: 'FILE_KIND' });
  });

  it('lists the roots, the workspace first, missing ones left out, each with a handle', async () => {
    const ws = path.join(root, 'study');
    const withWs = createFileHandles(ws, { roots: [root, path.join(root, 'nowhere'), root] });
    const roots = await withWs.roots();
    expect(roots.map((r) => [r.name, r.path])).toEqual([['study', ws], ['root', root]]);
    expect(await withWs.resolve(roots[1].handle)).toBe(root);
  });

  it('forgets the oldest handles beyond the cap', async () => {
    const small = createFileHandles(root, { roots: [], maxHandles: 2 });
    const first = small.issue(path.join(root, 'study'));
    small.issue(path.join(root, 'study', 'a.nii'));
    small.issue(path.join(root, 'study', 'sub-01'));
    expect(await codeOf(small.resolve(first))).toMatchObject({ code: 'FILE_HANDLE' });
  });
});
