import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// `auto` caches its backend timings per user (src/model/backend/timing-cache.ts): tests, and the
// CLIs and workers they start (which inherit this environment), keep theirs out of ~/.cache.
process.env.SALIENCY_STUDIO_CACHE_DIR ??= mkdtempSync(path.join(tmpdir(), 'saliency-studio-cache-'));
