import { z } from 'zod';

// The page's CSP forbids eval: tell zod not to try its `new Function` fast path (the probe alone
// would be reported as a CSP violation). Imported first by main.ts, before any parse.
z.config({ jitless: true });
