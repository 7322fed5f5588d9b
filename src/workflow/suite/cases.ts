/**
 * The planner benchmark: natural-language instructions across the paper's task categories, each with what a
 * correct program must contain. Expectations name functions of this project's registry, the edges between them
 * (by function and port), the types the program must produce (unconnected outputs), and parameter constraints
 * (parameter defaults count). A program must also parse and check without errors.
 *
 * Written as a user would phrase the task, not from the planner's vocabulary; where several functions are
 * equally right, `anyOf` accepts any of them.
 *
 * Example:
 *   SUITE.find((c) => c.id === 'seed-cat-video')!.expect.functions // ['LoadImage', 'Cartoonize', 'AnimateImage']
 */
import type { ParamValue, PortType } from '../lang/types';

export type Category =
  | 'text-to-image'
  | 'image-to-video'
  | 'text-to-video'
  | 'text-to-speech'
  | 'text-to-music'
  | 'image-to-3d'
  | 'image-editing'
  | 'image-to-text'
  | 'audio'
  | 'text-to-text'
  | 'data-plot'
  | 'multi-step'
  | 'video-editing'
  | 'audio-editing'
  | 'image-composition';

export interface ParamExpectation {
  fn: string;
  param: string;
  equals?: ParamValue;
  min?: number;
  max?: number;
}

export interface Expectation {
  /** Each must be the function of some node. */
  functions?: string[];
  /** For each group, at least one of its functions must appear. */
  anyOf?: string[][];
  /** Edges by function and port: 'LoadImage.image -> Cartoonize.image'. */
  edges?: string[];
  /** Types the program must produce: an unconnected output port of each. */
  produces?: PortType[];
  params?: ParamExpectation[];
  /** Functions that must not appear. */
  forbid?: string[];
}

/**
 * The strict verdict: does the program do what was asked. The functions along the main data path in order (each
 * feeds the next; 'A|B' accepts either), the other functions it needs (`also`: a second input, the text of an
 * overlay), and nothing else; the parameters the instruction names. A case whose functions are not all
 * registered cannot be expressed by this build: its right answer is a plan marked partial or failed.
 */
export interface StrictExpectation {
  chain: string[];
  also?: string[];
  params?: ParamExpectation[];
}

export interface SuiteCase {
  id: string;
  category: Category;
  instruction: string;
  /** The containment check of the first suite (dev and heldout splits); the type-only verdict uses `produces`. */
  expect?: Expectation;
  strict?: StrictExpectation;
  /** Asks for something no function of this project does (text → video, face swap): the right answer is a refusal. */
  cannot?: string;
  /** The type the result must end in, for the type-only verdict (else `expect.produces`). */
  ends?: PortType;
  /**
   * 'dev': the offline planner's vocabulary was tuned while looking at these; 'heldout': written after the
   * tuning stopped and never used to change the planner, so its rate is the honest estimate; 'heldout2': written
   * (./heldout2.ts) before the honest-planner rule changes of issue 11 and never used to tune them.
   */
  split?: 'dev' | 'heldout' | 'heldout2';
}

const IMG = ['LoadImage'];

export const SUITE: SuiteCase[] = [
  // --- image → video (the seed first) ---
  {
    id: 'seed-cat-video',
    strict: { chain: ['LoadImage', 'Cartoonize', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'turn this cat photo into a cartoon-style video',
    expect: {
      functions: ['LoadImage', 'Cartoonize', 'AnimateImage'],
      edges: ['LoadImage.image -> Cartoonize.image', 'Cartoonize.image -> AnimateImage.image'],
      produces: ['Video'],
      params: [{ fn: 'LoadImage', param: 'source', equals: 'cat.jpg' }],
    },
  },
  {
    id: 'i2v-animate',
    strict: { chain: ['LoadImage', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'animate this picture into a short clip',
    expect: { functions: [...IMG, 'AnimateImage'], edges: ['LoadImage.image -> AnimateImage.image'], produces: ['Video'] },
  },
  {
    id: 'i2v-zoom-out',
    strict: { chain: ['LoadImage', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'make a video that slowly zooms out of my holiday photo',
    expect: {
      functions: [...IMG, 'AnimateImage'],
      produces: ['Video'],
      params: [{ fn: 'AnimateImage', param: 'motion', equals: 'zoom-out' }],
    },
  },
  {
    id: 'i2v-pan-left',
    strict: { chain: ['LoadImage', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'create a clip from landscape.png that pans left',
    expect: {
      functions: [...IMG, 'AnimateImage'],
      produces: ['Video'],
      params: [
        { fn: 'LoadImage', param: 'source', equals: 'landscape.png' },
        { fn: 'AnimateImage', param: 'motion', equals: 'pan-left' },
      ],
    },
  },
  {
    id: 'i2v-frames',
    strict: { chain: ['LoadImage', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'turn this image into a 96 frame animation',
    expect: { functions: [...IMG, 'AnimateImage'], produces: ['Video'], params: [{ fn: 'AnimateImage', param: 'frames', equals: 96 }] },
  },
  {
    id: 'i2v-seconds',
    strict: { chain: ['LoadImage', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'make a 3 second video from this photo at 20 fps',
    expect: {
      functions: [...IMG, 'AnimateImage'],
      produces: ['Video'],
      params: [
        { fn: 'AnimateImage', param: 'frames', equals: 60 },
        { fn: 'AnimateImage', param: 'fps', equals: 20 },
      ],
    },
  },
  {
    id: 'i2v-sepia',
    strict: { chain: ['LoadImage', 'StyleFilter', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'give this old photo a sepia look and animate it with a zoom in',
    expect: {
      functions: [...IMG, 'StyleFilter', 'AnimateImage'],
      edges: ['StyleFilter.image -> AnimateImage.image'],
      produces: ['Video'],
      params: [
        { fn: 'StyleFilter', param: 'style', equals: 'sepia' },
        { fn: 'AnimateImage', param: 'motion', equals: 'zoom-in' },
      ],
    },
  },
  {
    id: 'i2v-cartoon-levels',
    strict: { chain: ['LoadImage', 'Cartoonize', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'cartoonize my dog picture with 4 colour levels, then make a movie of it',
    expect: {
      functions: [...IMG, 'Cartoonize', 'AnimateImage'],
      edges: ['Cartoonize.image -> AnimateImage.image'],
      produces: ['Video'],
      params: [{ fn: 'Cartoonize', param: 'levels', equals: 4 }],
    },
  },

  // --- text → image ---
  {
    id: 't2i-poster',
    strict: { chain: ['TextInput', 'RenderText'] },
    category: 'text-to-image',
    instruction: 'make a poster image that says "Grand Opening"',
    expect: {
      functions: ['TextInput', 'RenderText'],
      edges: ['TextInput.text -> RenderText.text'],
      produces: ['Image'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'Grand Opening' }],
    },
  },
  {
    id: 't2i-render',
    strict: { chain: ['TextInput', 'RenderText'] },
    category: 'text-to-image',
    instruction: "render the text 'Hello world' as a picture",
    expect: {
      functions: ['TextInput', 'RenderText'],
      produces: ['Image'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'Hello world' }],
    },
  },
  {
    id: 't2i-size',
    strict: { chain: ['TextInput', 'RenderText'] },
    category: 'text-to-image',
    instruction: 'draw "SALE 50%" as an 800x200 banner image',
    expect: {
      functions: ['TextInput', 'RenderText'],
      produces: ['Image'],
      params: [
        { fn: 'RenderText', param: 'width', equals: 800 },
        { fn: 'RenderText', param: 'height', equals: 200 },
      ],
    },
  },
  {
    id: 't2i-card',
    strict: { chain: ['TextInput', 'RenderText'] },
    category: 'text-to-image',
    instruction: 'create a greeting card image with the words "Happy Birthday, Sam"',
    expect: {
      functions: ['TextInput', 'RenderText'],
      produces: ['Image'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'Happy Birthday, Sam' }],
    },
  },
  {
    id: 't2i-sketch',
    strict: { chain: ['TextInput', 'RenderText', 'StyleFilter'] },
    category: 'text-to-image',
    instruction: 'render "The End" as an image and make it look like a pencil sketch',
    expect: {
      functions: ['TextInput', 'RenderText', 'StyleFilter'],
      edges: ['RenderText.image -> StyleFilter.image'],
      produces: ['Image'],
      params: [{ fn: 'StyleFilter', param: 'style', equals: 'sketch' }],
    },
  },

  // --- text → video ---
  {
    id: 't2v-title',
    strict: { chain: ['TextInput', 'RenderText', 'AnimateImage'] },
    category: 'text-to-video',
    instruction: 'make a short video of the title "Chapter One"',
    expect: {
      functions: ['TextInput', 'RenderText', 'AnimateImage'],
      edges: ['RenderText.image -> AnimateImage.image'],
      produces: ['Video'],
    },
  },
  {
    id: 't2v-zoom',
    strict: { chain: ['TextInput', 'RenderText', 'AnimateImage'] },
    category: 'text-to-video',
    instruction: 'create an animated zoom-in clip showing the words "Welcome home"',
    expect: {
      functions: ['TextInput', 'RenderText', 'AnimateImage'],
      produces: ['Video'],
      params: [
        { fn: 'AnimateImage', param: 'motion', equals: 'zoom-in' },
        { fn: 'TextInput', param: 'text', equals: 'Welcome home' },
      ],
    },
  },
  {
    id: 't2v-pan',
    strict: { chain: ['TextInput', 'RenderText', 'AnimateImage'] },
    category: 'text-to-video',
    instruction: 'a video panning right across the text "Breaking News"',
    expect: {
      functions: ['RenderText', 'AnimateImage'],
      produces: ['Video'],
      params: [{ fn: 'AnimateImage', param: 'motion', equals: 'pan-right' }],
    },
  },

  // --- text → speech ---
  {
    id: 'tts-read',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'read "Good morning everyone" aloud',
    expect: {
      functions: ['TextInput'],
      anyOf: [['SpeakText', 'TextToSpeech']],
      produces: ['Audio'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'Good morning everyone' }],
    },
  },
  {
    id: 'tts-say',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'turn the sentence "the train leaves at nine" into speech',
    expect: { functions: ['TextInput'], anyOf: [['SpeakText', 'TextToSpeech']], produces: ['Audio'] },
  },
  {
    id: 'tts-voice',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'I want a voice recording of "welcome to the museum"',
    expect: { anyOf: [['SpeakText', 'TextToSpeech']], produces: ['Audio'] },
  },
  {
    id: 'tts-neural',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'speak "hello there" with the neural text-to-speech model',
    expect: { functions: ['TextToSpeech'], produces: ['Audio'] },
  },
  {
    id: 'tts-upper',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'say "quiet please" out loud',
    expect: { anyOf: [['SpeakText', 'TextToSpeech']], produces: ['Audio'] },
  },

  // --- text → music ---
  {
    id: 'music-happy',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
    category: 'text-to-music',
    instruction: 'compose a happy melody',
    expect: { functions: ['ComposeMusic'], produces: ['Audio'], params: [{ fn: 'ComposeMusic', param: 'scale', equals: 'major' }] },
  },
  {
    id: 'music-sad',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
    category: 'text-to-music',
    instruction: 'write a sad little tune about rain',
    expect: { functions: ['ComposeMusic'], produces: ['Audio'], params: [{ fn: 'ComposeMusic', param: 'scale', equals: 'minor' }] },
  },
  {
    id: 'music-tempo',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
    category: 'text-to-music',
    instruction: 'generate a blues song at 90 bpm',
    expect: {
      functions: ['ComposeMusic'],
      produces: ['Audio'],
      params: [
        { fn: 'ComposeMusic', param: 'tempo', equals: 90 },
        { fn: 'ComposeMusic', param: 'scale', equals: 'blues' },
      ],
    },
  },
  {
    id: 'music-jingle',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
    category: 'text-to-music',
    instruction: 'make a jingle for my bakery',
    expect: { functions: ['ComposeMusic'], produces: ['Audio'] },
  },
  {
    id: 'music-plot',
    strict: { chain: ['TextInput', 'ComposeMusic', 'AudioToPlot'] },
    category: 'text-to-music',
    instruction: 'compose a pentatonic melody and show its waveform',
    expect: {
      functions: ['ComposeMusic', 'AudioToPlot'],
      edges: ['ComposeMusic.audio -> AudioToPlot.audio'],
      produces: ['Plot'],
      params: [{ fn: 'ComposeMusic', param: 'scale', equals: 'pentatonic' }],
    },
  },

  // --- image → 3D ---
  {
    id: '3d-model',
    strict: { chain: ['LoadImage', 'PseudoDepth|EstimateDepth', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'make a 3D model from this photo',
    expect: { functions: [...IMG, 'DepthToMesh'], anyOf: [['PseudoDepth', 'EstimateDepth']], produces: ['Mesh'] },
  },
  {
    id: '3d-mesh-obj',
    strict: { chain: ['LoadImage', 'PseudoDepth|EstimateDepth', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'turn statue.jpg into a mesh I can download as OBJ',
    expect: {
      functions: [...IMG, 'DepthToMesh'],
      anyOf: [['PseudoDepth', 'EstimateDepth']],
      produces: ['Mesh'],
      params: [
        { fn: 'LoadImage', param: 'source', equals: 'statue.jpg' },
        { fn: 'DepthToMesh', param: 'format', equals: 'obj' },
      ],
    },
  },
  {
    id: '3d-glb',
    strict: { chain: ['LoadImage', 'PseudoDepth|EstimateDepth', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'create a glb relief from my portrait',
    expect: { functions: [...IMG, 'DepthToMesh'], produces: ['Mesh'], params: [{ fn: 'DepthToMesh', param: 'format', equals: 'glb' }] },
  },
  {
    id: '3d-depth-model',
    strict: { chain: ['LoadImage', 'EstimateDepth', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'estimate the depth of this photo with a neural depth model and build a 3D mesh',
    expect: {
      functions: [...IMG, 'EstimateDepth', 'DepthToMesh'],
      edges: ['EstimateDepth.depth -> DepthToMesh.depth'],
      produces: ['Mesh'],
    },
  },
  {
    id: '3d-colored',
    strict: { chain: ['LoadImage', 'PseudoDepth|EstimateDepth', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'a coloured 3d mesh of this picture',
    expect: { functions: [...IMG, 'DepthToMesh'], edges: ['LoadImage.image -> DepthToMesh.color'], produces: ['Mesh'] },
  },
  {
    id: 'depth-map',
    strict: { chain: ['LoadImage', 'PseudoDepth|EstimateDepth'] },
    category: 'image-to-3d',
    instruction: 'show me a depth map of this photo',
    expect: { functions: [...IMG], anyOf: [['PseudoDepth', 'EstimateDepth']], produces: ['Image'], forbid: ['DepthToMesh'] },
  },

  // --- image editing ---
  {
    id: 'edit-bw',
    strict: { chain: ['LoadImage', 'Grayscale'] },
    category: 'image-editing',
    instruction: 'make this photo black and white',
    expect: { functions: [...IMG, 'Grayscale'], edges: ['LoadImage.image -> Grayscale.image'], produces: ['Image'] },
  },
  {
    id: 'edit-resize',
    strict: { chain: ['LoadImage', 'ResizeImage'] },
    category: 'image-editing',
    instruction: 'resize my picture to 640x480',
    expect: {
      functions: [...IMG, 'ResizeImage'],
      produces: ['Image'],
      params: [
        { fn: 'ResizeImage', param: 'width', equals: 640 },
        { fn: 'ResizeImage', param: 'height', equals: 480 },
      ],
    },
  },
  {
    id: 'edit-crop',
    strict: { chain: ['LoadImage', 'CropImage'] },
    category: 'image-editing',
    instruction: 'crop this image to 200 by 100',
    expect: {
      functions: [...IMG, 'CropImage'],
      produces: ['Image'],
      params: [
        { fn: 'CropImage', param: 'width', equals: 200 },
        { fn: 'CropImage', param: 'height', equals: 100 },
      ],
    },
  },
  {
    id: 'edit-blur',
    strict: { chain: ['LoadImage', 'BlurImage'] },
    category: 'image-editing',
    instruction: 'blur the photo heavily',
    expect: { functions: [...IMG, 'BlurImage'], produces: ['Image'], params: [{ fn: 'BlurImage', param: 'radius', min: 5 }] },
  },
  {
    id: 'edit-blur-radius',
    strict: { chain: ['LoadImage', 'BlurImage'] },
    category: 'image-editing',
    instruction: 'apply a blur with radius 3 to face.png',
    expect: {
      functions: [...IMG, 'BlurImage'],
      produces: ['Image'],
      params: [
        { fn: 'BlurImage', param: 'radius', equals: 3 },
        { fn: 'LoadImage', param: 'source', equals: 'face.png' },
      ],
    },
  },
  {
    id: 'edit-brighter',
    strict: { chain: ['LoadImage', 'AdjustImage'] },
    category: 'image-editing',
    instruction: 'make this picture brighter',
    expect: { functions: [...IMG, 'AdjustImage'], produces: ['Image'], params: [{ fn: 'AdjustImage', param: 'brightness', min: 0.05 }] },
  },
  {
    id: 'edit-contrast',
    strict: { chain: ['LoadImage', 'AdjustImage'] },
    category: 'image-editing',
    instruction: 'increase the contrast of my photo',
    expect: { functions: [...IMG, 'AdjustImage'], produces: ['Image'], params: [{ fn: 'AdjustImage', param: 'contrast', min: 1.1 }] },
  },
  {
    id: 'edit-sepia',
    strict: { chain: ['LoadImage', 'StyleFilter'] },
    category: 'image-editing',
    instruction: 'give this image a vintage sepia tone',
    expect: { functions: [...IMG, 'StyleFilter'], produces: ['Image'], params: [{ fn: 'StyleFilter', param: 'style', equals: 'sepia' }] },
  },
  {
    id: 'edit-pixel',
    strict: { chain: ['LoadImage', 'StyleFilter'] },
    category: 'image-editing',
    instruction: 'pixelate the faces photo',
    expect: {
      functions: [...IMG, 'StyleFilter'],
      produces: ['Image'],
      params: [{ fn: 'StyleFilter', param: 'style', equals: 'pixelate' }],
    },
  },
  {
    id: 'edit-cartoon',
    strict: { chain: ['LoadImage', 'Cartoonize'] },
    category: 'image-editing',
    instruction: 'cartoonize this selfie',
    expect: { functions: [...IMG, 'Cartoonize'], produces: ['Image'] },
  },
  {
    id: 'edit-bg',
    strict: { chain: ['LoadImage', 'RemoveBackground'] },
    category: 'image-editing',
    instruction: 'remove the background from my product photo',
    expect: { functions: [...IMG, 'RemoveBackground'], produces: ['Image'] },
  },
  {
    id: 'edit-thumb',
    strict: { chain: ['LoadImage', 'ResizeImage', 'Grayscale'] },
    category: 'image-editing',
    instruction: 'make a thumbnail of this picture and convert it to grayscale',
    expect: { functions: [...IMG, 'ResizeImage', 'Grayscale'], edges: ['ResizeImage.image -> Grayscale.image'], produces: ['Image'] },
  },

  // --- image → text ---
  {
    id: 'i2t-caption',
    strict: { chain: ['LoadImage', 'CaptionImage'] },
    category: 'image-to-text',
    instruction: 'caption this photo',
    expect: { functions: [...IMG, 'CaptionImage'], produces: ['Text'] },
  },
  {
    id: 'i2t-describe',
    strict: { chain: ['LoadImage', 'CaptionImage'] },
    category: 'image-to-text',
    instruction: 'describe what is in this picture',
    expect: { functions: [...IMG, 'CaptionImage'], produces: ['Text'] },
  },
  {
    id: 'i2t-classify',
    ends: 'Text',
    strict: { chain: ['LoadImage', 'ClassifyImage'] },
    category: 'image-to-text',
    instruction: 'classify the animal in this image',
    expect: { functions: [...IMG, 'ClassifyImage'] },
  },
  {
    id: 'i2t-detect',
    strict: { chain: ['LoadImage', 'DetectObjects'] },
    category: 'image-to-text',
    instruction: 'detect the objects in street.jpg and draw boxes around them',
    expect: {
      functions: [...IMG, 'DetectObjects'],
      produces: ['Image'],
      params: [{ fn: 'LoadImage', param: 'source', equals: 'street.jpg' }],
    },
  },
  {
    id: 'i2t-histogram',
    strict: { chain: ['LoadImage', 'ImageHistogram'] },
    category: 'image-to-text',
    instruction: 'plot the colour histogram of this photo',
    expect: { functions: [...IMG, 'ImageHistogram'], produces: ['Plot'] },
  },

  // --- audio ---
  {
    id: 'audio-transcribe',
    strict: { chain: ['LoadAudio', 'Transcribe'] },
    category: 'audio',
    instruction: 'transcribe this recording',
    expect: { functions: ['Transcribe'], produces: ['Text'] },
  },
  {
    id: 'audio-waveform',
    strict: { chain: ['TextInput', 'TextToSpeech', 'AudioToPlot'] },
    category: 'audio',
    instruction: 'show the waveform of the spoken words "one two three"',
    expect: {
      functions: ['TextInput', 'AudioToPlot'],
      anyOf: [['SpeakText', 'TextToSpeech']],
      produces: ['Plot'],
      params: [{ fn: 'AudioToPlot', param: 'view', equals: 'waveform' }],
    },
  },
  {
    id: 'audio-spectrum',
    strict: { chain: ['TextInput', 'TextToSpeech', 'AudioToPlot'] },
    category: 'audio',
    instruction: 'speak "testing" and plot its spectrum',
    expect: {
      functions: ['AudioToPlot'],
      anyOf: [['SpeakText', 'TextToSpeech']],
      produces: ['Plot'],
      params: [{ fn: 'AudioToPlot', param: 'view', equals: 'spectrum' }],
    },
  },

  // --- text → text ---
  {
    id: 'text-translate',
    strict: { chain: ['TextInput', 'Translate'] },
    category: 'text-to-text',
    instruction: 'translate "good night" into French',
    expect: { functions: ['TextInput', 'Translate'], produces: ['Text'], params: [{ fn: 'Translate', param: 'to', equals: 'fr' }] },
  },
  {
    id: 'text-translate-de',
    strict: { chain: ['TextInput', 'Translate'] },
    category: 'text-to-text',
    instruction: 'what is "where is the station" in German?',
    expect: { functions: ['Translate'], produces: ['Text'], params: [{ fn: 'Translate', param: 'to', equals: 'de' }] },
  },
  {
    id: 'text-summarize',
    strict: { chain: ['TextInput', 'Summarize'] },
    category: 'text-to-text',
    instruction:
      'summarize this text: "The meeting covered the budget, the hiring plan and the new office. Everyone agreed to meet again next week."',
    expect: { functions: ['TextInput', 'Summarize'], produces: ['Text'] },
  },
  {
    id: 'text-upper',
    strict: { chain: ['TextInput', 'Case'] },
    category: 'text-to-text',
    instruction: 'convert "make it loud" to upper case',
    expect: { functions: ['TextInput', 'Case'], produces: ['Text'], params: [{ fn: 'Case', param: 'mode', equals: 'upper' }] },
  },
  {
    id: 'text-title',
    strict: { chain: ['TextInput', 'Case'] },
    category: 'text-to-text',
    instruction: 'put "the old man and the sea" in title case',
    expect: { functions: ['Case'], produces: ['Text'], params: [{ fn: 'Case', param: 'mode', equals: 'title' }] },
  },
  {
    id: 'text-count',
    strict: { chain: ['TextInput', 'WordCount'] },
    category: 'text-to-text',
    instruction: 'count the words in "to be or not to be"',
    expect: { functions: ['TextInput', 'WordCount'], produces: ['Number'] },
  },
  {
    id: 'text-story',
    strict: { chain: ['TextInput', 'GenerateText'] },
    category: 'text-to-text',
    instruction: 'write a short story about a robot who learns to paint',
    expect: { functions: ['GenerateText'], produces: ['Text'] },
  },

  // --- data / plots ---
  {
    id: 'data-hist',
    strict: { chain: ['RandomTensor', 'Histogram'] },
    category: 'data-plot',
    instruction: 'plot a histogram of a random tensor with 30 bins',
    expect: {
      functions: ['RandomTensor', 'Histogram'],
      edges: ['RandomTensor.tensor -> Histogram.tensor'],
      produces: ['Plot'],
      params: [{ fn: 'Histogram', param: 'bins', equals: 30 }],
    },
  },
  {
    id: 'data-normal',
    strict: { chain: ['RandomTensor', 'Histogram'] },
    category: 'data-plot',
    instruction: 'show the distribution of normal random numbers',
    expect: {
      functions: ['RandomTensor', 'Histogram'],
      produces: ['Plot'],
      params: [{ fn: 'RandomTensor', param: 'distribution', equals: 'normal' }],
    },
  },
  {
    id: 'data-softmax',
    strict: { chain: ['RandomTensor', 'Softmax', 'LinePlot'] },
    category: 'data-plot',
    instruction: 'apply softmax to a random matrix and draw it as a line chart',
    expect: { functions: ['RandomTensor', 'Softmax', 'LinePlot'], edges: ['Softmax.tensor -> LinePlot.tensor'], produces: ['Plot'] },
  },
  {
    id: 'data-stats',
    strict: { chain: ['RandomTensor', 'TensorStats'] },
    category: 'data-plot',
    instruction: 'compute statistics of a random tensor',
    expect: { functions: ['RandomTensor', 'TensorStats'], produces: ['Number'] },
  },
  {
    id: 'data-math',
    strict: { chain: ['Number', 'Math'], also: ['Number'] },
    category: 'data-plot',
    instruction: 'multiply 6 by 7',
    expect: { functions: ['Math'], params: [{ fn: 'Math', param: 'op', equals: 'mul' }], produces: ['Number'] },
  },
  {
    id: 'data-plot-image',
    strict: { chain: ['RandomTensor', 'Histogram', 'PlotToImage'] },
    category: 'data-plot',
    instruction: 'turn a histogram of random values into an image',
    expect: { functions: ['RandomTensor', 'Histogram', 'PlotToImage'], edges: ['Histogram.plot -> PlotToImage.plot'], produces: ['Image'] },
  },

  // --- multi-step ---
  {
    id: 'multi-caption-speak',
    strict: { chain: ['LoadImage', 'CaptionImage', 'TextToSpeech'] },
    category: 'multi-step',
    instruction: 'caption this photo and read the caption aloud',
    expect: {
      functions: [...IMG, 'CaptionImage'],
      anyOf: [['SpeakText', 'TextToSpeech']],
      edges: ['LoadImage.image -> CaptionImage.image'],
      produces: ['Audio'],
    },
  },
  {
    id: 'multi-translate-speak',
    strict: { chain: ['TextInput', 'Translate', 'TextToSpeech'] },
    category: 'multi-step',
    instruction: 'translate "thank you very much" into Spanish and then speak it',
    expect: {
      functions: ['TextInput', 'Translate'],
      anyOf: [['SpeakText', 'TextToSpeech']],
      produces: ['Audio'],
      params: [{ fn: 'Translate', param: 'to', equals: 'es' }],
    },
  },
  {
    id: 'multi-edit-video',
    strict: { chain: ['LoadImage', 'CropImage', 'Cartoonize', 'AnimateImage'] },
    category: 'multi-step',
    instruction: 'crop this photo to 256x256, cartoonize it, then turn it into a zoom-out video',
    expect: {
      functions: [...IMG, 'CropImage', 'Cartoonize', 'AnimateImage'],
      edges: ['CropImage.image -> Cartoonize.image', 'Cartoonize.image -> AnimateImage.image'],
      produces: ['Video'],
      params: [{ fn: 'AnimateImage', param: 'motion', equals: 'zoom-out' }],
    },
  },
  {
    id: 'multi-bw-3d',
    strict: { chain: ['LoadImage', 'BlurImage', 'PseudoDepth|EstimateDepth', 'DepthToMesh'] },
    category: 'multi-step',
    instruction: 'blur this photo slightly and then make a 3D mesh from it',
    expect: { functions: [...IMG, 'BlurImage', 'DepthToMesh'], produces: ['Mesh'] },
  },
  {
    id: 'multi-story-speak',
    strict: { chain: ['TextInput', 'GenerateText', 'TextToSpeech'] },
    category: 'multi-step',
    instruction: 'write a poem about autumn and read it aloud',
    expect: { functions: ['GenerateText'], anyOf: [['SpeakText', 'TextToSpeech']], produces: ['Audio'] },
  },
  {
    id: 'multi-caption-image',
    strict: { chain: ['LoadImage', 'CaptionImage', 'RenderText'] },
    category: 'multi-step',
    instruction: 'describe this photo and render the description as a poster image',
    expect: { functions: [...IMG, 'CaptionImage', 'RenderText'], edges: ['CaptionImage.text -> RenderText.text'], produces: ['Image'] },
  },
  {
    id: 'multi-bg-video',
    strict: { chain: ['LoadImage', 'RemoveBackground', 'AnimateImage'] },
    category: 'multi-step',
    instruction: 'remove the background of my cat picture and animate it panning right',
    expect: {
      functions: [...IMG, 'RemoveBackground', 'AnimateImage'],
      edges: ['RemoveBackground.image -> AnimateImage.image'],
      produces: ['Video'],
      params: [{ fn: 'AnimateImage', param: 'motion', equals: 'pan-right' }],
    },
  },

  // --- held out: written after the offline planner's tuning stopped (see `split`) ---
  {
    split: 'heldout',
    id: 'h-i2v-kitten',
    strict: { chain: ['LoadImage', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'Could you make my kitten.jpg into a little movie that zooms in?',
    expect: {
      functions: [...IMG, 'AnimateImage'],
      produces: ['Video'],
      params: [
        { fn: 'LoadImage', param: 'source', equals: 'kitten.jpg' },
        { fn: 'AnimateImage', param: 'motion', equals: 'zoom-in' },
      ],
    },
  },
  {
    split: 'heldout',
    id: 'h-i2v-comic',
    strict: { chain: ['LoadImage', 'Cartoonize', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'comic-book style animation of this snapshot',
    expect: { functions: [...IMG, 'Cartoonize', 'AnimateImage'], produces: ['Video'] },
  },
  {
    split: 'heldout',
    id: 'h-i2v-grey',
    strict: { chain: ['LoadImage', 'Grayscale', 'AnimateImage'] },
    category: 'image-to-video',
    instruction: 'convert the photo to greyscale and export it as a webm',
    expect: { functions: [...IMG, 'Grayscale', 'AnimateImage'], edges: ['Grayscale.image -> AnimateImage.image'], produces: ['Video'] },
  },
  {
    split: 'heldout',
    id: 'h-t2i-sign',
    strict: { chain: ['TextInput', 'RenderText'] },
    category: 'text-to-image',
    instruction: 'I need a sign image reading "Closed for lunch"',
    expect: {
      functions: ['TextInput', 'RenderText'],
      produces: ['Image'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'Closed for lunch' }],
    },
  },
  {
    split: 'heldout',
    id: 'h-t2i-blur',
    strict: { chain: ['TextInput', 'RenderText', 'BlurImage'] },
    category: 'text-to-image',
    instruction: 'put the words "Top Secret" on a picture and blur it',
    expect: { functions: ['RenderText', 'BlurImage'], edges: ['RenderText.image -> BlurImage.image'], produces: ['Image'] },
  },
  {
    split: 'heldout',
    id: 'h-t2v-credits',
    strict: { chain: ['TextInput', 'RenderText', 'AnimateImage'] },
    category: 'text-to-video',
    instruction: 'turn "Thanks for watching" into a 2 second video',
    expect: {
      functions: ['TextInput', 'RenderText', 'AnimateImage'],
      produces: ['Video'],
      params: [{ fn: 'AnimateImage', param: 'frames', equals: 48 }],
    },
  },
  {
    split: 'heldout',
    id: 'h-tts-narrate',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'narrate the line "once upon a time"',
    expect: {
      anyOf: [['SpeakText', 'TextToSpeech']],
      produces: ['Audio'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'once upon a time' }],
    },
  },
  {
    split: 'heldout',
    id: 'h-tts-pronounce',
    strict: { chain: ['TextInput', 'TextToSpeech'] },
    category: 'text-to-speech',
    instruction: 'how do you pronounce "quinoa"? make audio of it',
    expect: { anyOf: [['SpeakText', 'TextToSpeech']], produces: ['Audio'] },
  },
  {
    split: 'heldout',
    id: 'h-music-calm',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
    category: 'text-to-music',
    instruction: 'a calm minor-key soundtrack for a rainy evening',
    expect: { functions: ['ComposeMusic'], produces: ['Audio'], params: [{ fn: 'ComposeMusic', param: 'scale', equals: 'minor' }] },
  },
  {
    split: 'heldout',
    id: 'h-music-fast',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
    category: 'text-to-music',
    instruction: 'generate an energetic chiptune',
    expect: { functions: ['ComposeMusic'], produces: ['Audio'] },
  },
  {
    split: 'heldout',
    id: 'h-3d-sculpture',
    strict: { chain: ['LoadImage', 'PseudoDepth|EstimateDepth', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'turn this drawing into a sculpture I can 3D print',
    expect: { functions: [...IMG, 'DepthToMesh'], produces: ['Mesh'] },
  },
  {
    split: 'heldout',
    id: 'h-3d-heightmap',
    strict: { chain: ['LoadImage', 'DepthToMesh'] },
    category: 'image-to-3d',
    instruction: 'use terrain.png as a height map and export a glb mesh',
    expect: {
      functions: [...IMG, 'DepthToMesh'],
      produces: ['Mesh'],
      params: [
        { fn: 'LoadImage', param: 'source', equals: 'terrain.png' },
        { fn: 'DepthToMesh', param: 'format', equals: 'glb' },
      ],
    },
  },
  {
    split: 'heldout',
    id: 'h-edit-darker',
    strict: { chain: ['LoadImage', 'AdjustImage', 'CropImage'] },
    category: 'image-editing',
    instruction: 'darken this photo a bit and crop it to 300x300',
    expect: {
      functions: [...IMG, 'AdjustImage', 'CropImage'],
      produces: ['Image'],
      params: [
        { fn: 'AdjustImage', param: 'brightness', max: -0.05 },
        { fn: 'CropImage', param: 'width', equals: 300 },
      ],
    },
  },
  {
    split: 'heldout',
    id: 'h-edit-vignette',
    strict: { chain: ['LoadImage', 'StyleFilter'] },
    category: 'image-editing',
    instruction: 'add a vignette to wedding.jpg',
    expect: {
      functions: [...IMG, 'StyleFilter'],
      produces: ['Image'],
      params: [{ fn: 'StyleFilter', param: 'style', equals: 'vignette' }],
    },
  },
  {
    split: 'heldout',
    id: 'h-edit-shrink',
    strict: { chain: ['LoadImage', 'ResizeImage'] },
    category: 'image-editing',
    instruction: 'shrink my screenshot to 100 by 50 pixels',
    expect: {
      functions: [...IMG, 'ResizeImage'],
      produces: ['Image'],
      params: [
        { fn: 'ResizeImage', param: 'width', equals: 100 },
        { fn: 'ResizeImage', param: 'height', equals: 50 },
      ],
    },
  },
  {
    split: 'heldout',
    id: 'h-i2t-alt',
    strict: { chain: ['LoadImage', 'CaptionImage'] },
    category: 'image-to-text',
    instruction: 'write alt text for this image',
    expect: { functions: [...IMG, 'CaptionImage'], produces: ['Text'] },
  },
  {
    split: 'heldout',
    id: 'h-i2t-what',
    strict: { chain: ['LoadImage', 'CaptionImage|ClassifyImage'] },
    category: 'image-to-text',
    instruction: "what's in this picture?",
    expect: { functions: [...IMG], anyOf: [['CaptionImage', 'ClassifyImage']], produces: ['Text'] },
  },
  {
    split: 'heldout',
    id: 'h-text-summary-fr',
    strict: { chain: ['TextInput', 'Summarize', 'Translate'] },
    category: 'multi-step',
    instruction:
      'summarise "The city council approved the new park. Construction starts in May and ends in autumn." and translate the summary into French',
    expect: {
      functions: ['Summarize', 'Translate'],
      edges: ['Summarize.text -> Translate.text'],
      produces: ['Text'],
      params: [{ fn: 'Translate', param: 'to', equals: 'fr' }],
    },
  },
  {
    split: 'heldout',
    id: 'h-text-lower',
    strict: { chain: ['TextInput', 'Case'] },
    category: 'text-to-text',
    instruction: 'make "STOP SHOUTING" lowercase',
    expect: { functions: ['Case'], produces: ['Text'], params: [{ fn: 'Case', param: 'mode', equals: 'lower' }] },
  },
  {
    split: 'heldout',
    id: 'h-data-line',
    strict: { chain: ['RandomTensor', 'LinePlot'] },
    category: 'data-plot',
    instruction: 'draw a line plot of a random tensor',
    expect: { functions: ['RandomTensor', 'LinePlot'], produces: ['Plot'] },
  },
  {
    split: 'heldout',
    id: 'h-data-sub',
    strict: { chain: ['Number', 'Math'], also: ['Number'] },
    category: 'data-plot',
    instruction: 'subtract 4 from 10',
    expect: { functions: ['Math'], produces: ['Number'], params: [{ fn: 'Math', param: 'op', equals: 'sub' }] },
  },
  {
    split: 'heldout',
    id: 'h-multi-detect-speak',
    strict: { chain: ['LoadImage', 'DetectObjects', 'TextToSpeech'] },
    category: 'multi-step',
    instruction: 'find the objects in this photo and say what they are out loud',
    expect: { functions: [...IMG, 'DetectObjects'], anyOf: [['SpeakText', 'TextToSpeech']], produces: ['Audio'] },
  },
  {
    split: 'heldout',
    id: 'h-multi-music-wave',
    strict: { chain: ['TextInput', 'ComposeMusic', 'AudioToPlot', 'PlotToImage'] },
    category: 'multi-step',
    instruction: 'make a jazzy blues tune then plot its spectrum as an image',
    expect: {
      functions: ['ComposeMusic', 'AudioToPlot', 'PlotToImage'],
      produces: ['Image'],
      params: [{ fn: 'ComposeMusic', param: 'scale', equals: 'blues' }],
    },
  },
  {
    split: 'heldout',
    id: 'h-multi-caption-translate',
    strict: { chain: ['LoadImage', 'CaptionImage', 'Translate'] },
    category: 'multi-step',
    instruction: 'caption this photo in German',
    expect: {
      functions: [...IMG, 'CaptionImage', 'Translate'],
      edges: ['CaptionImage.text -> Translate.text'],
      produces: ['Text'],
      params: [{ fn: 'Translate', param: 'to', equals: 'de' }],
    },
  },
];
