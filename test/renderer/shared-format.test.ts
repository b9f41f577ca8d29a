import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../renderer/src/format.js';

describe('formatDuration', () => {
  it('keeps one decimal under 10 s (a 0.8 s run is not "0 s"), whole seconds, minutes and hours above', () => {
    expect([0, 0.84, 9.94, 9.96, 45.4, 200, 3599.6, 3900].map(formatDuration)).toEqual(
      ['0.0 s', '0.8 s', '9.9 s', '10 s', '45 s', '3 min 20 s', '1 h 00 min', '1 h 05 min'],
    );
  });
});
