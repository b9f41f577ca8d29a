// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../src/api/index.js';
import ErrorMessage from '../../renderer/src/components/ErrorMessage.vue';

const testid = (id: string) => `[data-testid="${id}"]`;

describe('ErrorMessage', () => {
  it('shows an input error\u2019s file, field, value found and what was expected, under a plain headline', () => {
    const error = new ApiCallError({
      name: 'NiftiError', code: 'NIFTI_DIM0', message: 'a.nii: dim[0] = 9; expected 1 to 7',
      input: { file: '/data/a.nii', field: 'dim[0]', value: 9, expected: '1 to 7' },
    });
    const wrapper = mount(ErrorMessage, { props: { error } });
    expect(wrapper.get('.headline').text()).toBe('A NIfTI image cannot be read');
    expect(wrapper.get(testid('error-file')).text()).toBe('/data/a.nii');
    expect(wrapper.get(testid('error-field')).text()).toBe('dim[0]');
    expect(wrapper.get(testid('error-value')).text()).toBe('9');
    expect(wrapper.get(testid('error-expected')).text()).toBe('1 to 7');
    expect(wrapper.get(testid('error')).attributes('data-code')).toBe('NIFTI_DIM0');
  });

  it('quotes a string found, and says when a stopped job can be resumed', () => {
    const wrapper = mount(ErrorMessage, { props: { error: {
      name: 'WorkerExitError', code: 'WORKER_EXIT', message: 'The worker stopped', resumable: true,
      input: { file: 'runs/a', field: 'signal', value: 'SIGKILL', expected: 'a clean exit' },
    } } });
    expect(wrapper.get(testid('error-value')).text()).toBe('"SIGKILL"');
    expect(wrapper.text()).toContain('can be resumed');
  });

  it('shows a plain error\u2019s message, and a cancellation as such', () => {
    expect(mount(ErrorMessage, { props: { error: new Error('disk full') } }).get('.headline').text()).toBe('disk full');
    const cancelled = mount(ErrorMessage, { props: { error: { name: 'Cancelled', code: 'CANCELLED', message: 'Cancelled at volume 40' } } });
    expect(cancelled.get('.headline').text()).toBe('Cancelled');
    expect(cancelled.get('.detail').text()).toBe('Cancelled at volume 40');
  });
});
