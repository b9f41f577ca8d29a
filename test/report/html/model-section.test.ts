import { describe, expect, it } from 'vitest';
import { modelSection } from '../../../src/report/html/sections/model.js';
import { fixtureContext } from './fixture.js';

// The fixture's run stopped early at epoch 10 of 30 with best epoch 8, patience 2 epochs later.
describe('the model section', () => {
  it.each([
    ['val_loss', 'stopped early (no lower validation loss for 2 epochs', 'lowest validation loss'],
    ['val_accuracy', 'stopped early (no higher validation accuracy for 2 epochs', 'highest validation accuracy'],
  ] as const)('words early stopping and the best epoch by the monitor (%s)', async (monitor, stopped, best) => {
    const ctx = await fixtureContext();
    const text = String(modelSection({ ...ctx, summary: { ...ctx.summary, monitor } }));
    expect(text).toContain(stopped);
    expect(text).toContain(`the weights of the best epoch (${best}) are the model explained here`);
  });
});
