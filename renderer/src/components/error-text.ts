import type { ApiErrorData } from '../types.js';

export interface ErrorText {
  headline: string;
  message: string;
  input: ApiErrorData['input'];
  code: string | null;
  resumable: boolean;
  cancelled: boolean;
}

const HEADLINES: Record<string, string> = {
  ApiPayloadError: 'The app refused a malformed request',
  StudyError: 'The study cannot be used as it is',
  NiftiError: 'A NIfTI image cannot be read',
  AtlasError: 'The atlas cannot be used',
  UsageError: 'A setting is not valid',
  OutputError: 'A file could not be written',
  LockError: 'Another job is writing this folder',
  WorkerExitError: 'The job\u2019s worker process stopped',
  NetworkError: 'The app\u2019s server cannot be reached',
};

/**
 * Reads any rejection (ApiCallError, a job's error data, an Error, a string) into what
 * ErrorMessage shows: a headline in plain words, and the file, field, value and expected.
 */
export function errorText(error: unknown): ErrorText {
  const data = typeof error === 'object' && error !== null ? (error as Partial<ApiErrorData> & { message?: unknown }) : null;
  const message = data && typeof data.message === 'string' ? data.message : String(error);
  const name = data && typeof data.name === 'string' ? data.name : 'Error';
  const code = data && typeof data.code === 'string' ? data.code : null;
  const input = data?.input && typeof data.input === 'object' ? data.input : undefined;
  const cancelled = name === 'Cancelled' || code === 'CANCELLED';
  const headline = cancelled ? 'Cancelled' : HEADLINES[name] ?? (input ? 'This input cannot be used' : message);
  return { headline, message, input, code, resumable: data?.resumable === true, cancelled };
}
