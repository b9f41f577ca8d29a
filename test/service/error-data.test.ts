import { describe, expect, it } from 'vitest';
import { ApiPayloadError, apiErrorSchema } from '../../src/api/index.js';
import { StudyError } from '../../src/errors.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { WorkerExitError } from '../../src/jobs/worker/errors.js';
import { toErrorData } from '../../src/service/error-data.js';
import { NotAvailableError } from '../../src/service/errors.js';
import { Cancelled } from '../../src/util/cancel.js';

describe('toErrorData', () => {
  it('keeps an InputError subclass with its name, code, message and fields', () => {
    const err = new StudyError('STUDY_TR', '/data/sub-01_bold.json', 'RepetitionTime', -2, 'a number > 0');
    expect(toErrorData(err)).toEqual({
      name: 'StudyError', code: 'STUDY_TR', message: '/data/sub-01_bold.json: RepetitionTime = -2; expected a number > 0',
      input: { file: '/data/sub-01_bold.json', field: 'RepetitionTime', value: -2, expected: 'a number > 0' },
    });
  });

  it('keeps an ApiPayloadError as the InputError it is', () => {
    const data = toErrorData(new ApiPayloadError('API_PAYLOAD', 'request to study.open', 'source', 3, 'a string'));
    expect(data).toMatchObject({ name: 'ApiPayloadError', code: 'API_PAYLOAD', input: { file: 'request to study.open', field: 'source', value: 3, expected: 'a string' } });
  });

  it('turns values JSON cannot carry into text (NaN, bigint, missing)', () => {
    const value = (v: unknown) => toErrorData(new StudyError('X', 'f', 'g', v, 'e')).input?.value;
    expect(value(Number.NaN)).toBe('NaN');
    expect(value(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(value(12n)).toBe('12');
    expect(value(undefined)).toBe('(missing)');
    expect(value([1, 'a'])).toEqual([1, 'a']);
  });

  it('makes a plain Cancelled code CANCELLED, not resumable', () => {
    expect(toErrorData(new Cancelled())).toEqual({ name: 'Cancelled', code: 'CANCELLED', message: 'cancelled' });
  });

  it('makes a cancelled training run CANCELLED and resumable, naming its checkpoint', () => {
    expect(toErrorData(new TrainingCancelled(3))).toEqual({
      name: 'TrainingCancelled', code: 'CANCELLED', message: 'training cancelled; the checkpoint of epoch 3 is kept', resumable: true,
    });
  });

  it('keeps a dead worker’s message and whether a rerun continues', () => {
    const crashed = new WorkerExitError('crashed', true, 'the job worker (train) crashed: out of memory; the run can be resumed from its last checkpoint');
    expect(toErrorData(crashed)).toEqual({ name: 'WorkerExitError', code: 'WORKER_CRASHED', message: crashed.message, resumable: true });
    expect(toErrorData(new WorkerExitError('killed', false, 'killed')).resumable).toBe(false);
  });

  it('gives NOT_AVAILABLE its own code', () => {
    expect(toErrorData(new NotAvailableError('no dialog here'))).toEqual({ name: 'NotAvailableError', code: 'NOT_AVAILABLE', message: 'no dialog here' });
  });

  it('makes anything else INTERNAL with its message and no stack', () => {
    const data = toErrorData(new TypeError('x is undefined'));
    expect(data).toEqual({ name: 'TypeError', code: 'INTERNAL', message: 'x is undefined' });
    expect(toErrorData('a string thrown')).toEqual({ name: 'Error', code: 'INTERNAL', message: 'a string thrown' });
  });

  it('always gives data the contract accepts', () => {
    for (const err of [new StudyError('A', 'b', 'c', { deep: [1n] }, 'd'), new TrainingCancelled(0), new Error('e'), 42]) {
      expect(apiErrorSchema.safeParse(toErrorData(err)).success).toBe(true);
    }
  });
});
