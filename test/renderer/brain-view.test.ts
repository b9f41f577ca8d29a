// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import BrainView from '../../renderer/src/components/brain/BrainView.vue';
import { axialMosaic } from '../../renderer/src/brain/mosaic.js';

// NiiVue needs WebGL2, which happy-dom lacks: the module is replaced by a recorder of what the
// component asks of it. The atlas is a 3 × 2 × 2 label image (2 mm voxels from (-10, 20, 30) mm):
//   k=0: j=0 → 1 1 1   j=1 → 2 0 0      k=1: j=0 → 0 3 0   j=1 → 2 0 2
// Label 2's inside voxel (nearest its centroid) is (0,1,1) → (-10, 22, 32) mm; label 3 is (1,0,1) → (-8, 20, 32).
const fake = vi.hoisted(() => {
  class FakeImage {
    opacity = 1;
    tables: unknown[] = [];
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
    drawScene() {}
    cleanedUp = false;
    cleanup() { this.cleanedUp = true; }
    setSliceMosaicString(s: string) { this.mosaics.push(s); }
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
      return new fake.FakeImage(name, { dims: [3, 1, 1, 1], affine: [] }, null);
    },
  },
  SLICE_TYPE: { AXIAL: 0, CORONAL: 1, SAGITTAL: 2, MULTIPLANAR: 3, RENDER: 4 },
  SHOW_RENDER: { NEVER: 0, ALWAYS: 1, AUTO: 2 },
}));

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
  it('loads the template then the atlas once, paints the atlas’s colour table from the values, and says it has drawn', async () => {
    const wrapper = mountView();
    await flushPromises();
    expect(fake.loads.sort()).toEqual(['atlas.nii.gz', 'template.nii.gz']);
    expect(view().added).toEqual(['template.nii.gz', 'atlas.nii.gz']);
    expect(view().volumes.map((v) => v.name)).toEqual(['template.nii.gz', 'atlas.nii.gz']);
    // inferno at 0.25 = [85, 15, 109], at 0.5 = [186, 54, 85]; 0.1 < threshold 0.2: transparent.
    expect(fake.atlas!.tables).toEqual([{
      I: [0, 1, 2, 3], R: [0, 85, 186, 0], G: [0, 15, 54, 0], B: [0, 109, 85, 0], A: [0, 255, 255, 0], labels: ['', 'One', 'Two', 'Three'],
    }]);
    expect(fake.atlas!.opacity).toBe(0.7);
    expect(view().refreshed.at(-1)).toEqual(['atlas.nii.gz', 1]);
    expect(wrapper.emitted('drawn')!.length).toBeGreaterThanOrEqual(1);
    expect(view().options.multiplanarShowRender).toBe(0);
  });

  it('on new values rebuilds only the colour table and re-blends the atlas layer: no volume is loaded or added again', async () => {
    const wrapper = mountView();
    await flushPromises();
    const drawn = wrapper.emitted('drawn')!.length;
    const refreshed = view().refreshed.length;
    await wrapper.setProps({ values: Float32Array.from([1, 0, -0.3]) });
    expect(fake.atlas!.tables.at(-1)).toEqual({
      I: [0, 1, 2, 3], R: [0, 252, 0, 0], G: [0, 255, 0, 0], B: [0, 164, 0, 4], A: [0, 255, 0, 255], labels: ['', 'One', 'Two', 'Three'],
    });
    expect(fake.loads).toHaveLength(2);
    expect(view().added).toHaveLength(2);
    expect(view().refreshed.slice(refreshed)).toEqual([['atlas.nii.gz', 1]]);
    expect(wrapper.emitted('drawn')!.length).toBe(drawn + 1);
    await wrapper.setProps({ threshold: 2 });
    expect((fake.atlas!.tables.at(-1) as { A: number[] }).A).toEqual([0, 0, 0, 0]);
    await wrapper.setProps({ opacity: 0.3 });
    expect(fake.atlas!.opacity).toBe(0.3);
    expect(fake.loads).toHaveLength(2);
  });

  it('moves the crosshair to a voxel inside the selected region and makes its label NiiVue’s active one', async () => {
    const wrapper = mountView();
    await flushPromises();
    await wrapper.setProps({ selectedRegion: 1 });
    // Region 1 is label 2, inside at (-10, 22, 32) mm → frac ((mm + 100) / 200).
    expect(view().scene.crosshairPos).toEqual([0.45, 0.61, 0.66]);
    expect(view().opts.atlasActiveIndex).toBe(2);
    await wrapper.setProps({ selectedRegion: null });
    expect(view().opts.atlasActiveIndex).toBe(0);
    expect(fake.loads).toHaveLength(2);
  });

  it('sets NiiVue’s slice type per layout, and the mosaic as axial slices through the labelled extent (z 30 to 32 mm)', async () => {
    const wrapper = mountView();
    await flushPromises();
    expect(view().opts.sliceType).toBe(3);
    await wrapper.setProps({ layout: 'coronal' });
    expect(view().opts.sliceType).toBe(1);
    expect(view().mosaics.at(-1)).toBe('');
    await wrapper.setProps({ layout: 'mosaic' });
    expect(view().mosaics.at(-1)).toBe(axialMosaic(30, 32));
    expect(view().mosaics.at(-1)).toMatch(/^A 30\.1 /);
    await wrapper.setProps({ layout: 'sagittal' });
    expect(view().mosaics.at(-1)).toBe('');
    expect(view().opts.sliceType).toBe(2);
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
    expect(view().opts.atlasActiveIndex).toBe(3);
  });

  it('lets NiiVue remove its listeners when the view is unmounted', async () => {
    const wrapper = mountView();
    await flushPromises();
    wrapper.unmount();
    expect(view().cleanedUp).toBe(true);
  });

  it('shows the colour bar’s range, and reloads the volumes only when they change', async () => {
    const wrapper = mountView({ range: [-0.5, 2] });
    await flushPromises();
    expect(wrapper.get('[data-testid="brain-range-low"]').text()).toBe('-0.500');
    expect(wrapper.get('[data-testid="brain-range-high"]').text()).toBe('2.00');
    await wrapper.setProps({ volumes: { ...VOLUMES, atlas: { name: 'atlas2.nii.gz', base64: 'QQ==' } } });
    await flushPromises();
    expect(fake.loads).toHaveLength(4);
    expect(view().volumes.map((v) => v.name)).toEqual(['template.nii.gz', 'atlas2.nii.gz']);
  });
});
