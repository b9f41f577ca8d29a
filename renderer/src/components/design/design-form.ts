import type { z } from 'zod';
import { datasetDesign, entryName } from '../../../../src/api/index.js';
import type { Defaults } from '../../types.js';
import { cleanOf, initialDenoiseForm, type DenoiseForm } from './denoise-form.js';

export type LabelBy = 'task' | 'trial_type';
export type DatasetDesign = z.input<typeof datasetDesign>;

/** What the Design form holds; `classes: null` keeps every class the study offers. */
export interface DesignForm {
  labelBy: LabelBy;
  classes: string[] | null;
  /** Window length and stride, in volumes. */
  window: number;
  stride: number;
  shiftSeconds: number;
  split: { train: number; validation: number; test: number };
  seed: number;
  /** The Denoising section. */
  clean: DenoiseForm;
}

/** The form as the app's defaults (app.info) start it. */
export function initialDesignForm(d: Defaults['dataset']): DesignForm {
  return { labelBy: d.labelBy, classes: null, window: d.window, stride: d.stride, shiftSeconds: d.shiftSeconds, split: { ...d.split }, seed: d.seed, clean: initialDenoiseForm() };
}

/**
 * The request's design: the shift only for trial_type labels (the core ignores it for tasks,
 * and sending it would suggest otherwise), the classes only once the user narrowed them, the
 * cleaning only once something is chosen in the Denoising section.
 */
export function designOf(form: DesignForm): DatasetDesign {
  const clean = cleanOf(form.clean);
  return {
    labelBy: form.labelBy,
    ...(form.classes ? { classes: [...form.classes] } : {}),
    window: form.window,
    stride: form.stride,
    ...(form.labelBy === 'trial_type' ? { shiftSeconds: form.shiftSeconds } : {}),
    split: { ...form.split },
    seed: form.seed,
    ...(clean ? { clean } : {}),
  };
}

/** One problem of the form, by field, in the contract's words (checked before any request). */
export interface FormProblem { field: string; message: string }

/** The design checked against the contract's schema, so a bad field is named before the app is asked. */
export function designProblems(design: DatasetDesign): FormProblem[] {
  const parsed = datasetDesign.safeParse(design);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'design', message: i.message }));
}

/** Volumes in seconds at the study's TR, or null when the TR is unknown. */
export function volumesToSeconds(volumes: number, tr: number | null): number | null {
  return tr !== null && Number.isFinite(volumes) ? volumes * tr : null;
}

/**
 * A dataset name from the study and design (`<study>-<labelBy>-w<window>`), made a valid
 * workspace name and unique among `taken` by a numeric suffix.
 */
export function defaultDatasetName(studySource: string, labelBy: LabelBy, window: number, taken: readonly string[]): string {
  const base = studySource.split(/[\\/]/).filter(Boolean).pop() ?? 'study';
  const clean = base.replace(/\.[A-Za-z0-9]+$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || 'study';
  const stem = `${clean.slice(0, 40)}-${labelBy}-w${window}`;
  return uniqueName(stem, taken);
}

/** `stem`, or `stem-2`, `stem-3`, … the first not in `taken`. */
export function uniqueName(stem: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(stem)) return stem;
  for (let k = 2; ; k++) if (!used.has(`${stem}-${k}`)) return `${stem}-${k}`;
}

/** Why a name is not a valid workspace entry, or null. */
export function nameProblem(name: string): string | null {
  const parsed = entryName.safeParse(name);
  return parsed.success ? null : parsed.error.issues[0].message;
}
