/**
 * NiiVue computes a 3-D gradient of the background volume whenever it uploads it (a blur and a
 * Sobel pass over every voxel, each a render per slice), which only its volume rendering uses.
 * The brain view draws 2-D slices alone, and on a software GL (SwiftShader) those two passes were
 * about two thirds of the template's upload. This runs `upload` with both passes' shaders swapped
 * for one whose vertices fall outside the view (no fragment is shaded) and the gradient's scratch
 * texture left unzeroed (WebGL zeroes new textures itself). Were NiiVue to rename these fields,
 * the swap would do nothing and the gradients would simply be computed as before.
 */
import type { Niivue } from '@niivue/niivue';

const SHADERS = ['blurShader', 'gradientPrePassShader', 'sobelFirstOrderShader', 'sobelSecondOrderShader'] as const;
/** NiiVue's texture unit for the gradient's scratch volume (TEXTURE8). */
const GRADIENT_TEMP_UNIT = 0x84c8;

interface ShaderLike { program: WebGLProgram; uniforms: Record<string, WebGLUniformLocation | null>; use(gl: WebGL2RenderingContext): void }
type RgbaTex = (tex: WebGLTexture | null, unit: number, dims: number[], isInit?: boolean) => WebGLTexture | null;

const idle = new WeakMap<WebGL2RenderingContext, ShaderLike>();

/** A program that shades nothing: its every vertex is clipped. */
function idleShader(gl: WebGL2RenderingContext): ShaderLike {
  let shader = idle.get(gl);
  if (shader) return shader;
  const stage = (type: number, src: string) => {
    const s = gl.createShader(type)!;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    return s;
  };
  const program = gl.createProgram()!;
  gl.attachShader(program, stage(gl.VERTEX_SHADER, '#version 300 es\nvoid main() { gl_Position = vec4(2.0, 2.0, 2.0, 1.0); }'));
  gl.attachShader(program, stage(gl.FRAGMENT_SHADER, '#version 300 es\nprecision lowp float;\nout vec4 color;\nvoid main() { color = vec4(0.0); }'));
  gl.linkProgram(program);
  // Every uniform NiiVue sets on the passes is absent: a null location, which WebGL ignores.
  shader = { program, uniforms: {}, use: (g) => g.useProgram(program) };
  idle.set(gl, shader);
  return shader;
}

/** Runs `upload` (a NiiVue call that uploads the background volume) without computing its 3-D gradients. */
export function withoutGradients<T>(view: Niivue, upload: () => T): T {
  const fields = view as unknown as Record<string, unknown>;
  const gl = fields.gl as WebGL2RenderingContext | undefined;
  if (!gl) return upload();
  const saved = SHADERS.map((name) => fields[name]);
  const rgbaTex = fields.rgbaTex as RgbaTex;
  const own = Object.hasOwn(fields, 'rgbaTex');
  const nothing = idleShader(gl);
  for (const name of SHADERS) fields[name] = nothing;
  fields.rgbaTex = function (this: Niivue, tex: WebGLTexture | null, unit: number, dims: number[], isInit?: boolean) {
    return rgbaTex.call(this, tex, unit, dims, unit === GRADIENT_TEMP_UNIT ? false : isInit);
  };
  try {
    return upload();
  } finally {
    SHADERS.forEach((name, i) => (fields[name] = saved[i]));
    if (own) fields.rgbaTex = rgbaTex;
    else delete fields.rgbaTex;
  }
}
