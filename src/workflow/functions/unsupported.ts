/**
 * What the function library cannot do, and why: modalities with no model that runs in a visitor's browser today
 * (or none this project has verified), each with the closest thing the library can do instead. Plain data for the
 * planner (to say so in its message instead of faking a program) and for the function list in the UI.
 *
 * Example:
 *   UNSUPPORTED_MODALITIES.find((u) => u.modality === 'text → video')?.reason;
 */

export interface UnsupportedModality {
  /** "input → output", as a user would ask for it. */
  modality: string;
  /** Words in an instruction that ask for it (lower case). */
  cues: string[];
  /** Why the library has no function for it. */
  reason: string;
  /** Functions that get closest, honestly labelled as such. */
  closest: string[];
}

export const UNSUPPORTED_MODALITIES: readonly UnsupportedModality[] = [
  {
    modality: 'text → video',
    cues: ['generate a video', 'text to video', 'video of', 'animate a scene', 'make a movie'],
    reason:
      'no text-to-video model runs in a browser: the open ones (ModelScope T2V, AnimateDiff, CogVideoX) are 1.5 B+ parameters, ' +
      'run a diffusion UNet per frame and have no onnxruntime-web or transformers.js export',
    closest: ['TextToImage', 'AnimateImage'],
  },
  {
    modality: 'image → video (generated motion)',
    cues: ['bring to life', 'make it move', 'image to video'],
    reason:
      'Stable Video Diffusion and similar are 1.5 B+ parameter video diffusion models with no browser export; AnimateImage only pans and zooms',
    closest: ['AnimateImage'],
  },
  {
    modality: 'text → 3D model / image → 3D model (generated)',
    cues: ['3d model of', 'generate a mesh', 'text to 3d', 'image to 3d'],
    reason:
      'no text- or image-to-3D generator (Shap-E, TripoSR, InstantMesh) has a browser export this project could verify; ' +
      'DepthToMesh lifts a depth map into a relief mesh instead',
    closest: ['EstimateDepth', 'DepthToMesh'],
  },
  {
    modality: 'image editing by instruction',
    cues: ['make it look like', 'turn the', 'change the', 'add a', 'replace the'],
    reason:
      'instruction-following editors (InstructPix2Pix, SD-based) are 1 B+ parameter diffusion models with no verified browser export; ' +
      'edits by mask (fill, remove an object, extend the borders) are supported',
    closest: ['InpaintImage', 'RemoveObject', 'OutpaintImage', 'StyleFilter'],
  },
  {
    modality: 'image colourisation',
    cues: ['colorize', 'colourise', 'colorise', 'add color', 'add colour'],
    reason: 'no colourisation model (DDColor, DeOldify) with a browser export was verified here',
    closest: ['AdjustImage'],
  },
  {
    modality: 'text → music (generated)',
    cues: ['generate music', 'compose a song', 'text to music'],
    reason:
      'not built yet: MusicGen-small runs in transformers.js (text-to-audio) but is ≈ 1 GB and slow on wasm; ComposeMusic is a rule-based synthesiser, not a model',
    closest: ['ComposeMusic'],
  },
];
