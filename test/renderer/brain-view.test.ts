// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import BrainView from '../../renderer/src/components/brain/BrainView.vue';
import { axialMosaic } from '../../renderer/src/brain/mosaic.js';

// NiiVue needs WebGL2, which happy-dom lacks: the module is replaced by a recorder of what the
// component asks of it. The atlas is a 3 × 2 × 2 label image (2 mm voxels from (-10, 20, 30) mm):
//   k=0: j=0 → 1 1 1   j=1 → 2 0 0      k=1: j=0 → 0 3 0   j=1 → 2 0 2
// Label 2's inside voxel (nearest its centroid) is (0,1,1) → (-10, 22, 32) mm; label 3 is (1,0,1) → (-8, 20, 32).
// The template's (RAS) grid is the same but for x, flipped: its voxel i is the atlas's voxel 2 - i.
const fake = vi.hoisted(() => {
  class FakeImage {
    opacity = 1;
    tables: unknown[] = [];
    dimsRAS = [3, 3, 2, 2];
    // Row-major voxel → mm, as NiiVue keeps it: x = -6 - 2i.
    matRAS = [-2, 0, 0, -6, 0, 2, 0, 20, 0, 0, 2, 30, 0, 0, 0, 1];
    constructor(public name: string, public hdr: unknown, public img: Uint8Array | null) {}
    setColormapLabel(cm: unknown) { this.tables.push(cm); }
  }
  class FakeNiivue {
    opts = { atlasActiveIndex: 0, sliceType: -1 };
    scene = { crosshairPos: [0.5, 0.5, 0.5] as number[] };
    volumes: FakeImage[] = [];
    added: string[] = [];
    refreshed: [string, number][] = [];
    mosaics: string[] = [];
    draws = 0;
    drawLut: { lut: Uint8ClampedArray; labels: string[] } | null = null;
    drawOpacity = 0.8;
    drawBitmap: Uint8Array | null = null;
    drawTexture: unknown = null;
    /** The drawing bitmaps uploaded (refreshDrawing), and the colour tables (refreshColormaps). */
    drawingUploads: number[][] = [];
    colormapUploads = 0;
    closedDrawing = 0;
    /** Absent, as in a view without WebGL: a test sets a stand-in to hold repaints in flight. */
    gl: unknown = undefined;
    /** What canvasPos2frac answers next: the frac of a mm point, or off the slices. */
    pointer: number[] = [-1, -1, -1];
    constructor(public options: Record<string, unknown>) { state.views.push(this); }
    async attachToCanvas() { return this; }
    /** NiiVue's setVolume: moves `v` to `index` of `volumes` and uploads them all (recorded in `added`). */
    setVolume(v: FakeImage, index: number) {
      this.volumes = this.volumes.filter((x) => x !== v);
      this.volumes.splice(index, 0, v);
      this.added.push(...this.volumes.map((x) => x.name));
    }
    refreshLayers(v: FakeImage, layer: number) { this.refreshed.push([v.name, layer]); }
    refreshColormaps() { this.colormapUploads++; }
    r8Tex(_tex: unknown, _unit: number, dims: number[]) { return { dims }; }
    refreshDrawing() { this.drawingUploads.push([...this.drawBitmap!]); }
    closeDrawing() { this.closedDrawing++; this.drawBitmap = null; }
    drawScene() { this.draws++; }
    cleanedUp = false;
    cleanup() { this.cleanedUp = true; }
    // NiiVue's setSliceMosaicString would re-upload every volume: the component sets the field.
    set sliceMosaicString(s: string) { this.mosaics.push(s); }
    get sliceMosaicString() { return this.mosaics.at(-1) ?? ''; }
    // frac = (mm + 100) / 200 on every axis: easy to invert by hand.
    mm2frac(mm: number[]) { return mm.slice(0, 3).map((x) => (x + 100) / 200); }
    frac2mm(frac: number[]) { return [...frac.map((f) => f * 200 - 100), 1]; }
    canvasPos2frac() { return this.pointer; }
    frac2canvasPosWithTile() { return { pos: [10, 20], tileIndex: 0 }; }
  }
  const state = { views: [] as FakeNiivue[], loads: [] as string[], atlas: null as FakeImage | null, FakeImage, FakeNiivue };
  return state;
});

vi.mock('@niivue/niivue', () => ({
  Niivue: fake.FakeNiivue,
  NVImage: {
    loadFromBase64: async ({ name }: { name: string }) => {
      fake.loads.push(name);
      if (name.startsWith('atlas')) {
        fake.atlas = new fake.FakeImage(name, { dims: [3, 3, 2, 2], affine: [[2, 0, 0, -10], [0, 2, 0, 20], [0, 0, 2, 30], [0, 0, 0, 1]] }, Uint8Array.from([1, 1, 1, 2, 0, 0, 0, 3, 0, 2, 0, 2]));
        return fake.atlas;
      }
      return new fake.FakeImage(name, { dims: [3, 3, 2, 2], affine: [] }, null);
    },
  },
  SLICE_TYPE: { AXIAL: 0, CORONAL: 1, SAGITTAL: 2, MULTIPLANAR: 3, RENDER: 4 },
  SHOW_RENDER: { NEVER: 0, ALWAYS: 1, AUTO: 2 },
}));

/** A WebGL stand-in with fences the test signals: a repaint stays in flight until then. */
function fakeGl() {
  const fences: { signalled: boolean }[] = [];
  return {
    fences,
    SYNC_GPU_COMMANDS_COMPLETE: 1, SYNC_STATUS: 2, SIGNALED: 3, UNSIGNALED: 4,
    fenceSync() { const f = { signalled: false }; fences.push(f); return f; },
    getSyncParameter(f: { signalled: boolean }) { return f.signalled ? 3 : 4; },
    deleteSync() {},
    flush() {},
    signalAll() { fences.forEach((f) => (f.signalled = true)); },
  };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** Entry `index` of the drawing colour table, RGBA. */
const entry = (index: number) => [...fake.views.at(-1)!.drawLut!.lut.subarray(index * 4, index * 4 + 4)];

const TEMPLATE = { name: 'template.nii.gz', base64: 'VA==' };
const ATLAS = { name: 'atlas.nii.gz', base64: 'QQ==' };
const VOLUMES = { template: TEMPLATE, atlas: ATLAS, labels: [1, 2, 3], templateName: 'tiny', atlasName: 'tiny atlas' };
const NAMES = ['One', 'Two', 'Three'];

function mountView(extra: Record<string, unknown> = {}) {
  return mount(BrainView, {
    props: {
      volumes: VOLUMES, regions: NAMES, values: Float32Array.from([0.25, 0.5, 0.1]), colormap: 'inferno' as const,
      range: [0, 1] as [number, number], threshold: 0.2, opacity: 0.7, layout: 'multiplanar' as const, selectedRegion: null, ...extra,
    },
  });
}

const view = () => fake.views[fake.views.length - 1];

beforeEach(() => {
  fake.views.length = 0;
  fake.loads.length = 0;
});

describe('BrainView (NiiVue mocked)', () => {
  it('loads both images once, makes the template the only volume and the atlas the drawing layer on its grid, paints its table, and says it has drawn', async () => {
    const wrapper = mountView();
    await flushPromises();
    expect(fake.loads.sort()).toEqual(['atlas.nii.gz', 'template.nii.gz']);
    expect(view().added).toEqual(['template.nii.gz']);
    expect(view().volumes.map((v) => v.name)).toEqual(['template.nii.gz']);
    // Labels 1, 2, 3 are regions 0, 1, 2 → indices 1, 2, 3; each row of x reversed (the template's x is flipped).
    expect(view().drawingUploads).toEqual([[1, 1, 1, 0, 0, 2, 0, 3, 0, 2, 0, 2]]);
    // inferno at 0.25 = [85, 15, 109], at 0.5 = [186, 54, 85]; 0.1 < threshold 0.2: transparent.
    expect([0, 1, 2, 3, 4].map(entry)).toEqual([[0, 0, 0, 0], [85, 15, 109, 255], [186, 54, 85, 255], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(view().drawLut!.labels.slice(0, 4)).toEqual(['', 'One', 'Two', 'Three']);
    expect(view().drawOpacity).toBe(0.7);
    expect(view().colormapUploads).toBe(1);
    expect(view().refreshed).toEqual([]);
    expect(fake.atlas!.tables).toEqual([]);
    expect(wrapper.emitted('drawn')).toHaveLength(1);
    expect(view().draws).toBe(1);
    expect(view().options.multiplanarShowRender).toBe(0);
  });

  it('on new values rewrites only the drawing\u2019s colour table and redraws once: no volume is loaded, added or re-blended, no bitmap uploaded again', async () => {
    const wrapper = mountView();
    await flushPromises();
    const drawn = wrapper.emitted('drawn')!.length;
    const draws = view().draws;
    await wrapper.setProps({ values: Float32Array.from([1, 0, -0.3]) });
    // inferno at 1 = [252, 255, 164]; 0 < threshold; -0.3 clamps to the low end [0, 0, 4].
    expect([1, 2, 3].map(entry)).toEqual([[252, 255, 164, 255], [0, 0, 0, 0], [0, 0, 4, 255]]);
    expect(fake.loads).toHaveLength(2);
    expect(view().added).toHaveLength(1);
    expect(view().refreshed).toEqual([]);
    expect(view().drawingUploads).toHaveLength(1);
    expect(wrapper.emitted('drawn')!.length).toBe(drawn + 1);
    expect(view().draws).toBe(draws + 1);
    await wrapper.setProps({ threshold: 2 });
    expect([1, 2, 3].map((i) => entry(i)[3])).toEqual([0, 0, 0]);
    await wrapper.setProps({ opacity: 0.3 });
    expect(view().drawOpacity).toBe(0.3);
    expect(fake.loads).toHaveLength(2);
    expect(view().drawingUploads).toHaveLength(1);
  });

  it('draws once for changes made together (values, colormap and layout in one tick)', async () => {
    const wrapper = mountView();
    await flushPromises();
    const draws = view().draws;
    await wrapper.setProps({ values: Float32Array.from([1, 1, 1]), colormap: 'diverging', layout: 'axial' });
    expect(view().draws).toBe(draws + 1);
    expect(view().opts.sliceType).toBe(0);
    expect(wrapper.emitted('drawn')).toHaveLength(2);
  });

  it('keeps only the latest values while a repaint is in flight, then draws them once: no backlog', async () => {
    const wrapper = mountView();
    await flushPromises();
    const gl = fakeGl();
    view().gl = gl;
    const draws = view().draws;
    await wrapper.setProps({ values: Float32Array.from([0.25, 0.25, 0.25]) });
    expect(view().draws).toBe(draws + 1);
    // The GPU has not finished that one: these wait, and the table stays as drawn.
    await wrapper.setProps({ values: Float32Array.from([0.5, 0.5, 0.5]) });
    await wrapper.setProps({ values: Float32Array.from([1, 1, 1]) });
    await frame();
    expect(view().draws).toBe(draws + 1);
    expect(entry(1)).toEqual([85, 15, 109, 255]);
    gl.signalAll();
    await frame();
    expect(view().draws).toBe(draws + 2);
    expect([1, 2, 3].map(entry)).toEqual([[252, 255, 164, 255], [252, 255, 164, 255], [252, 255, 164, 255]]);
    gl.signalAll();
    await frame();
    await frame();
    expect(view().draws).toBe(draws + 2);
    expect(wrapper.emitted('drawn')).toHaveLength(3);
  });

  it('moves the crosshair to a voxel inside the selected region and marks its label in the table as NiiVue marks its active one', async () => {
    const wrapper = mountView();
    await flushPromises();
    await wrapper.setProps({ selectedRegion: 1 });
    // Region 1 is label 2, inside at (-10, 22, 32) mm → frac ((mm + 100) / 200).
    expect(view().scene.crosshairPos).toEqual([0.45, 0.61, 0.66]);
    // Painted (0.5): 0.4 of its alpha.
    expect(entry(2)).toEqual([186, 54, 85, 102]);
    expect(entry(1)).toEqual([85, 15, 109, 255]);
    await wrapper.setProps({ selectedRegion: null });
    expect(entry(2)).toEqual([186, 54, 85, 255]);
    expect(fake.loads).toHaveLength(2);
  });

  it('sets NiiVue\u2019s slice type per layout, and the mosaic as axial slices through the labelled extent (z 30 to 32 mm), each with one draw and no upload', async () => {
    const wrapper = mountView();
    await flushPromises();
    expect(view().opts.sliceType).toBe(3);
    const draws = view().draws;
    await wrapper.setProps({ layout: 'coronal' });
    expect(view().opts.sliceType).toBe(1);
    expect(view().mosaics.at(-1)).toBe('');
    await wrapper.setProps({ layout: 'mosaic' });
    expect(view().mosaics.at(-1)).toBe(axialMosaic(30, 32));
    expect(view().mosaics.at(-1)).toMatch(/^A 30\.1 /);
    await wrapper.setProps({ layout: 'sagittal' });
    expect(view().mosaics.at(-1)).toBe('');
    expect(view().opts.sliceType).toBe(2);
    expect(view().draws).toBe(draws + 3);
    expect(view().added).toHaveLength(1);
    expect(view().drawingUploads).toHaveLength(1);
    expect(view().colormapUploads).toBe(1);
  });

  it('reports the region, label and value under the pointer, nulls off the slices, and selects a region on click', async () => {
    const wrapper = mountView();
    await flushPromises();
    const canvas = wrapper.get('[data-testid="brain-canvas"]');
    view().pointer = view().mm2frac([-8, 20, 32]);
    await canvas.trigger('mousemove', { clientX: 5, clientY: 5 });
    const hover = wrapper.emitted('hover')!.at(-1)![0] as { region: number; value: number; mm: number[] };
    expect(hover.region).toBe(2);
    expect(hover.value).toBeCloseTo(0.1, 6);
    hover.mm.forEach((x, i) => expect(x).toBeCloseTo([-8, 20, 32][i], 9));
    expect(wrapper.get('[data-testid="brain-hover"]').text()).toContain('Three · label 3 · 0.100');
    await canvas.trigger('click', { clientX: 5, clientY: 5 });
    expect(wrapper.emitted('select-region')).toEqual([[2]]);
    view().pointer = [-1, -1, -1];
    await canvas.trigger('mousemove', { clientX: 500, clientY: 5 });
    expect(wrapper.emitted('hover')!.at(-1)).toEqual([null]);
    await canvas.trigger('click');
    expect(wrapper.emitted('select-region')).toEqual([[2]]);
  });

  it('keeps the crosshair where the user clicked when the parent then selects that region', async () => {
    const wrapper = mountView();
    await flushPromises();
    view().pointer = view().mm2frac([-8, 20, 32]);
    await wrapper.get('[data-testid="brain-canvas"]').trigger('click');
    view().scene.crosshairPos = [0.46, 0.6, 0.66];
    await wrapper.setProps({ selectedRegion: 2 });
    expect(view().scene.crosshairPos).toEqual([0.46, 0.6, 0.66]);
    // Label 3, unpainted (0.1 < threshold 0.2): dark at 0.8.
    expect(entry(3)).toEqual([0, 0, 0, 204]);
  });

  it('lets NiiVue remove its listeners when the view is unmounted', async () => {
    const wrapper = mountView();
    await flushPromises();
    wrapper.unmount();
    expect(view().cleanedUp).toBe(true);
  });

  it('shows the colour bar\u2019s range, and reloads the volumes only when they change', async () => {
    const wrapper = mountView({ range: [-0.5, 2] });
    await flushPromises();
    expect(wrapper.get('[data-testid="brain-range-low"]').text()).toBe('-0.500');
    expect(wrapper.get('[data-testid="brain-range-high"]').text()).toBe('2.00');
    await wrapper.setProps({ volumes: { ...VOLUMES, atlas: { name: 'atlas2.nii.gz', base64: 'QQ==' } } });
    await flushPromises();
    expect(fake.loads).toHaveLength(4);
    expect(view().volumes.map((v) => v.name)).toEqual(['template.nii.gz']);
    expect(view().drawingUploads).toHaveLength(2);
  });
});

describe('BrainView with more than 255 labels (NiiVue mocked)', () => {
  // 300 regions, labels 1..300: more than the drawing's Uint8 bitmap holds. Regions 0–2 are the
  // image's labels 1–3, with the values above; the rest are absent from the image.
  const LABELS = Array.from({ length: 300 }, (_, i) => i + 1);
  const MANY = { ...VOLUMES, labels: LABELS };
  const manyNames = LABELS.map((l) => (l <= 3 ? NAMES[l - 1] : `R${l}`));
  const manyValues = (first: number[]) => Float32Array.from(LABELS.map((_, i) => first[i] ?? 0));
  const mountMany = (extra: Record<string, unknown> = {}) => mountView({ volumes: MANY, regions: manyNames, values: manyValues([0.25, 0.5, 0.1]), ...extra });

  it('falls back to a label overlay: both volumes added at once, its colour table from the values, no drawing', async () => {
    const wrapper = mountMany();
    await flushPromises();
    expect(view().added).toEqual(['template.nii.gz', 'atlas.nii.gz']);
    expect(view().volumes.map((v) => v.name)).toEqual(['template.nii.gz', 'atlas.nii.gz']);
    expect(view().drawingUploads).toEqual([]);
    const table = fake.atlas!.tables.at(-1) as { I: number[]; R: number[]; A: number[] };
    expect(fake.atlas!.tables).toHaveLength(1);
    expect(table.I).toEqual([0, ...LABELS]);
    expect(table.R.slice(0, 4)).toEqual([0, 85, 186, 0]);
    expect(table.A.slice(0, 4)).toEqual([0, 255, 255, 0]);
    expect(fake.atlas!.opacity).toBe(0.7);
    // setVolume blended it with that table: no second blend before the first draw.
    expect(view().refreshed).toEqual([]);
    expect(wrapper.emitted('drawn')).toHaveLength(1);
  });

  it('re-blends the atlas layer alone on new values, and selects through NiiVue\u2019s active label', async () => {
    const wrapper = mountMany();
    await flushPromises();
    await wrapper.setProps({ values: manyValues([1, 0, -0.3]) });
    const table = fake.atlas!.tables.at(-1) as { R: number[]; A: number[] };
    expect(table.R.slice(0, 4)).toEqual([0, 252, 0, 0]);
    expect(table.A.slice(0, 4)).toEqual([0, 255, 0, 255]);
    expect(view().refreshed).toEqual([['atlas.nii.gz', 1]]);
    await wrapper.setProps({ selectedRegion: 1 });
    expect(view().opts.atlasActiveIndex).toBe(2);
    expect(view().refreshed).toHaveLength(2);
    expect(fake.loads).toHaveLength(2);
  });

  it('closes a drawing left by an atlas that had one', async () => {
    const wrapper = mountView();
    await flushPromises();
    expect(view().drawBitmap).not.toBeNull();
    await wrapper.setProps({ volumes: MANY, regions: manyNames, values: manyValues([0.25, 0.5, 0.1]) });
    await flushPromises();
    expect(view().closedDrawing).toBe(1);
    expect(view().volumes.map((v) => v.name)).toEqual(['template.nii.gz', 'atlas.nii.gz']);
  });
});
