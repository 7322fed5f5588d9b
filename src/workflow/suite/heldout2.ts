/**
 * Held-out split 2 of the planner suite (split 'heldout2'). Written in one sitting for issue 11, BEFORE any of
 * the offline planner's rule changes for that issue, and committed on their own in 6b866d8 (a commit that touches
 * only the suite); the rules were never tuned to these instructions afterwards. Phrased as
 * users would, from scratch: not copied from, nor modelled on, the A-Language or ComfyBench task sets.
 *
 * Each case has a strict expectation (functions in order, the side functions, the parameters named) and the type
 * the result must end in. Cases whose functions are not all registered, and cases marked `cannot`, are ones the
 * function library cannot express: there the right answer is a plan marked partial or failed.
 */
import type { SuiteCase } from './cases';

const h = (c: Omit<SuiteCase, 'split'>): SuiteCase => ({ ...c, split: 'heldout2' });
const IMG = 'LoadImage';
const VID = 'LoadVideo';
const AUD = 'LoadAudio';

export const HELDOUT2: SuiteCase[] = [
  // --- read aloud: only the words after the colon, the real TTS model by default ---
  h({
    id: 'b-tts-colon',
    category: 'text-to-speech',
    instruction: 'Read this sentence aloud: The library closes at six tonight.',
    ends: 'Audio',
    strict: {
      chain: ['TextInput', 'TextToSpeech'],
      params: [{ fn: 'TextInput', param: 'text', equals: 'The library closes at six tonight.' }],
    },
  }),
  h({
    id: 'b-tts-offline',
    category: 'text-to-speech',
    instruction: 'say "battery low" with the offline synthetic voice',
    ends: 'Audio',
    strict: { chain: ['TextInput', 'SpeakText'], params: [{ fn: 'TextInput', param: 'text', equals: 'battery low' }] },
  }),
  h({
    id: 'b-tts-curly',
    category: 'text-to-speech',
    instruction: 'please read “Mind the gap” out loud',
    ends: 'Audio',
    strict: { chain: ['TextInput', 'TextToSpeech'], params: [{ fn: 'TextInput', param: 'text', equals: 'Mind the gap' }] },
  }),
  h({
    id: 'b-tts-rate',
    category: 'text-to-speech',
    instruction: 'read "slow and steady" aloud at half speed with the offline voice',
    ends: 'Audio',
    strict: {
      chain: ['TextInput', 'SpeakText'],
      params: [
        { fn: 'TextInput', param: 'text', equals: 'slow and steady' },
        { fn: 'SpeakText', param: 'rate', equals: 0.5 },
      ],
    },
  }),

  // --- quoted file names are inputs ---
  h({
    id: 'b-quoted-gray',
    category: 'image-editing',
    instruction: "make 'marble_bust.jpg' black and white",
    ends: 'Image',
    strict: { chain: [IMG, 'Grayscale'], params: [{ fn: IMG, param: 'source', equals: 'marble_bust.jpg' }] },
  }),
  h({
    id: 'b-backtick-blur',
    category: 'image-editing',
    instruction: 'blur `harbour.png` with radius 6',
    ends: 'Image',
    strict: {
      chain: [IMG, 'BlurImage'],
      params: [
        { fn: IMG, param: 'source', equals: 'harbour.png' },
        { fn: 'BlurImage', param: 'radius', equals: 6 },
      ],
    },
  }),
  h({
    id: 'b-quoted-resize',
    category: 'image-editing',
    instruction: 'resize "avatar.webp" to 64x64',
    ends: 'Image',
    strict: {
      chain: [IMG, 'ResizeImage'],
      params: [
        { fn: IMG, param: 'source', equals: 'avatar.webp' },
        { fn: 'ResizeImage', param: 'width', equals: 64 },
        { fn: 'ResizeImage', param: 'height', equals: 64 },
      ],
    },
  }),
  h({
    id: 'b-quoted-caption',
    category: 'image-to-text',
    instruction: "write a caption for 'dinner_party.jpg'",
    ends: 'Text',
    strict: { chain: [IMG, 'CaptionImage'], params: [{ fn: IMG, param: 'source', equals: 'dinner_party.jpg' }] },
  }),
  h({
    id: 'b-quoted-detect',
    category: 'image-to-text',
    instruction: 'find every object in “street_corner.png”',
    ends: 'Image',
    strict: { chain: [IMG, 'DetectObjects'], params: [{ fn: IMG, param: 'source', equals: 'street_corner.png' }] },
  }),
  h({
    id: 'b-quoted-relief',
    category: 'image-to-3d',
    instruction: "build a 3D relief from 'old_coin.png'",
    ends: 'Mesh',
    strict: { chain: [IMG, 'PseudoDepth|EstimateDepth', 'DepthToMesh'], params: [{ fn: IMG, param: 'source', equals: 'old_coin.png' }] },
  }),

  // --- numbers attached to words ---
  h({
    id: 'b-attached-frames',
    category: 'image-to-video',
    instruction: "animate 'lighthouse.jpg' as a 14-frame clip",
    ends: 'Video',
    strict: {
      chain: [IMG, 'AnimateImage'],
      params: [
        { fn: IMG, param: 'source', equals: 'lighthouse.jpg' },
        { fn: 'AnimateImage', param: 'frames', equals: 14 },
      ],
    },
  }),
  h({
    id: 'b-attached-bins',
    category: 'data-plot',
    instruction: 'plot a 25-bin histogram of normally distributed random values',
    ends: 'Plot',
    strict: {
      chain: ['RandomTensor', 'Histogram'],
      params: [
        { fn: 'Histogram', param: 'bins', equals: 25 },
        { fn: 'RandomTensor', param: 'distribution', equals: 'normal' },
      ],
    },
  }),
  h({
    id: 'b-pixel-clip',
    category: 'image-to-video',
    instruction: 'pixelate this photo and then turn it into a 5-second clip at 12 fps',
    ends: 'Video',
    strict: {
      chain: [IMG, 'StyleFilter', 'AnimateImage'],
      params: [
        { fn: 'StyleFilter', param: 'style', equals: 'pixelate' },
        { fn: 'AnimateImage', param: 'fps', equals: 12 },
        { fn: 'AnimateImage', param: 'frames', equals: 60 },
      ],
    },
  }),
  h({
    id: 'b-sepia-percent',
    category: 'image-editing',
    instruction: "give 'old_town.jpg' a sepia filter at 40% strength",
    ends: 'Image',
    strict: {
      chain: [IMG, 'StyleFilter'],
      params: [
        { fn: IMG, param: 'source', equals: 'old_town.jpg' },
        { fn: 'StyleFilter', param: 'style', equals: 'sepia' },
        { fn: 'StyleFilter', param: 'strength', equals: 0.4 },
      ],
    },
  }),
  h({
    id: 'b-music-bpm-minor',
    category: 'text-to-music',
    instruction: 'compose a tune at 128 bpm in a minor key',
    ends: 'Audio',
    strict: {
      chain: ['TextInput', 'ComposeMusic'],
      params: [
        { fn: 'ComposeMusic', param: 'tempo', equals: 128 },
        { fn: 'ComposeMusic', param: 'scale', equals: 'minor' },
      ],
    },
  }),

  // --- impossible values are errors ---
  h({
    id: 'b-neg-fps',
    category: 'image-to-video',
    instruction: 'make a video from this photo at -5 fps',
    ends: 'Video',
    cannot: 'a negative frame rate',
  }),
  h({
    id: 'b-zero-frames',
    category: 'image-to-video',
    instruction: 'turn my sketch.png into a 0 frame animation',
    ends: 'Video',
    cannot: 'an animation of zero frames',
  }),
  h({
    id: 'b-strength-300',
    category: 'image-editing',
    instruction: 'apply a sepia filter at 300% strength to this photo',
    ends: 'Image',
    cannot: 'a strength above 100%',
  }),
  h({
    id: 'b-neg-radius',
    category: 'image-editing',
    instruction: 'blur this photo with a radius of -3',
    ends: 'Image',
    cannot: 'a negative blur radius',
  }),

  // --- words that must not trigger unrelated steps ---
  h({
    id: 'b-add-dog',
    category: 'image-editing',
    instruction: 'add a dog to this beach photo',
    ends: 'Image',
    cannot: 'adding an object to a photo by instruction (no instruction-guided image editing)',
  }),
  h({
    id: 'b-add-numbers',
    category: 'data-plot',
    instruction: 'add 12 and 30',
    ends: 'Number',
    strict: { chain: ['Number', 'Math'], also: ['Number'], params: [{ fn: 'Math', param: 'op', equals: 'add' }] },
  }),
  h({
    id: 'b-smooth-jazz',
    category: 'text-to-music',
    instruction: 'compose a smooth jazz melody',
    ends: 'Audio',
    strict: { chain: ['TextInput', 'ComposeMusic'] },
  }),
  h({
    id: 'b-smoother-clip',
    category: 'video-editing',
    instruction: 'make this clip smoother by interpolating frames 2x',
    ends: 'Video',
    strict: { chain: [VID, 'InterpolateFrames'], params: [{ fn: 'InterpolateFrames', param: 'factor', equals: 2 }] },
  }),
  h({
    id: 'b-oil-portrait',
    category: 'image-editing',
    instruction: 'turn this portrait into an oil painting',
    ends: 'Image',
    strict: { chain: [IMG, 'OilPaint'] },
  }),
  h({
    id: 'b-watercolour',
    category: 'image-editing',
    instruction: 'give my garden photo a watercolour look',
    ends: 'Image',
    strict: { chain: [IMG, 'Watercolor'] },
  }),
  h({
    id: 'b-oil-pan',
    category: 'image-to-video',
    instruction: 'make an oil painting of this photo then animate it panning left',
    ends: 'Video',
    strict: { chain: [IMG, 'OilPaint', 'AnimateImage'], params: [{ fn: 'AnimateImage', param: 'motion', equals: 'pan-left' }] },
  }),

  // --- generation: a model, never RenderText ---
  h({
    id: 'b-gen-fox',
    category: 'text-to-image',
    instruction: 'generate an image of a red fox sleeping in the snow',
    ends: 'Image',
    strict: { chain: ['TextInput', 'TextToImage'], params: [{ fn: 'TextInput', param: 'text', equals: 'a red fox sleeping in the snow' }] },
  }),
  h({
    id: 'b-gen-castle',
    category: 'text-to-image',
    instruction: 'draw a picture of a castle on a hill at sunset',
    ends: 'Image',
    strict: { chain: ['TextInput', 'TextToImage'], params: [{ fn: 'TextInput', param: 'text', equals: 'a castle on a hill at sunset' }] },
  }),
  h({
    id: 'b-gen-balloon-zoom',
    category: 'multi-step',
    instruction: 'create an image of a hot air balloon and animate it zooming in',
    ends: 'Video',
    strict: { chain: ['TextInput', 'TextToImage', 'AnimateImage'], params: [{ fn: 'AnimateImage', param: 'motion', equals: 'zoom-in' }] },
  }),
  h({
    id: 'b-gen-3d-dragon',
    category: 'image-to-3d',
    instruction: 'create a 3D model of a dragon',
    ends: 'Mesh',
    cannot: 'text → 3D generation (no browser-capable text-to-3D model here)',
  }),
  h({
    id: 'b-gen-video-waves',
    category: 'text-to-video',
    instruction: 'generate a video of ocean waves crashing on rocks',
    ends: 'Video',
    cannot: 'text → video (no browser-capable text-to-video model exists)',
  }),
  h({
    id: 'b-gen-video-dog',
    category: 'text-to-video',
    instruction: 'I want a realistic clip of a dog running along a beach',
    ends: 'Video',
    cannot: 'text → video (no browser-capable text-to-video model exists)',
  }),
  h({
    id: 'b-words-video',
    category: 'text-to-video',
    instruction: "make a video of the words 'Coming soon'",
    ends: 'Video',
    strict: { chain: ['TextInput', 'RenderText', 'AnimateImage'], params: [{ fn: 'TextInput', param: 'text', equals: 'Coming soon' }] },
  }),
  h({
    id: 'b-bg-generated',
    category: 'image-composition',
    instruction: 'cut me out of my selfie and put me on a generated picture of a tropical beach',
    ends: 'Image',
    strict: { chain: [IMG, 'RemoveBackground', 'CompositeImages'], also: ['TextInput', 'TextToImage'] },
  }),

  // --- video ---
  h({
    id: 'b-video-trim',
    category: 'video-editing',
    instruction: "trim 'interview.mp4' to the part between 10 and 25 seconds",
    ends: 'Video',
    strict: {
      chain: [VID, 'TrimVideo'],
      params: [
        { fn: VID, param: 'source', equals: 'interview.mp4' },
        { fn: 'TrimVideo', param: 'start', equals: 10 },
        { fn: 'TrimVideo', param: 'end', equals: 25 },
      ],
    },
  }),
  h({
    id: 'b-video-join',
    category: 'video-editing',
    instruction: "join 'intro.webm' and 'main_part.webm' into one video",
    ends: 'Video',
    strict: { chain: [VID, 'ConcatVideos'], also: [VID] },
  }),
  h({
    id: 'b-video-double',
    category: 'video-editing',
    instruction: 'play this video at double speed',
    ends: 'Video',
    strict: { chain: [VID, 'ChangeSpeed'], params: [{ fn: 'ChangeSpeed', param: 'factor', equals: 2 }] },
  }),
  h({
    id: 'b-video-slowmo',
    category: 'video-editing',
    instruction: 'make a half-speed slow-motion version of skate.mp4',
    ends: 'Video',
    strict: {
      chain: [VID, 'ChangeSpeed'],
      params: [
        { fn: VID, param: 'source', equals: 'skate.mp4' },
        { fn: 'ChangeSpeed', param: 'factor', equals: 0.5 },
      ],
    },
  }),
  h({
    id: 'b-video-frame',
    category: 'video-editing',
    instruction: 'grab the frame at 3 seconds from my video as a picture',
    ends: 'Image',
    strict: { chain: [VID, 'ExtractFrame'], params: [{ fn: 'ExtractFrame', param: 'time', equals: 3 }] },
  }),
  h({
    id: 'b-video-describe-moment',
    category: 'video-editing',
    instruction: 'describe what is happening 2 seconds into this video',
    ends: 'Text',
    strict: { chain: [VID, 'ExtractFrame', 'CaptionImage'], params: [{ fn: 'ExtractFrame', param: 'time', equals: 2 }] },
  }),
  h({
    id: 'b-slideshow',
    category: 'video-editing',
    instruction: "make a slideshow of 'beach.jpg' and 'forest.jpg' with 3 seconds per picture",
    ends: 'Video',
    strict: { chain: [IMG, 'Slideshow'], also: [IMG], params: [{ fn: 'Slideshow', param: 'seconds', equals: 3 }] },
  }),
  h({
    id: 'b-video-subtitles',
    category: 'video-editing',
    instruction: 'burn subtitles into this video from what is said in it',
    ends: 'Video',
    cannot: 'reading the sound track of a video and drawing subtitles onto its frames',
  }),

  // --- audio ---
  h({
    id: 'b-audio-mix',
    category: 'audio-editing',
    instruction: "mix 'drums.wav' with 'bassline.wav'",
    ends: 'Audio',
    strict: { chain: [AUD, 'MixAudio'], also: [AUD] },
  }),
  h({
    id: 'b-audio-narration',
    category: 'audio-editing',
    instruction: 'lay narration.wav over the background music in score.mp3',
    ends: 'Audio',
    strict: { chain: [AUD, 'OverlayNarration'], also: [AUD] },
  }),
  h({
    id: 'b-audio-quieter',
    category: 'audio-editing',
    instruction: 'make this recording quieter',
    ends: 'Audio',
    strict: { chain: [AUD, 'AdjustVolume'], params: [{ fn: 'AdjustVolume', param: 'gain', max: 0.99 }] },
  }),
  h({
    id: 'b-audio-fade',
    category: 'audio-editing',
    instruction: 'fade in the first 2 seconds of podcast.mp3',
    ends: 'Audio',
    strict: {
      chain: [AUD, 'FadeAudio'],
      params: [
        { fn: AUD, param: 'source', equals: 'podcast.mp3' },
        { fn: 'FadeAudio', param: 'fadeIn', equals: 2 },
      ],
    },
  }),
  h({
    id: 'b-audio-transcribe-file',
    category: 'audio',
    instruction: "transcribe 'lecture_03.mp3'",
    ends: 'Text',
    strict: { chain: [AUD, 'Transcribe'], params: [{ fn: AUD, param: 'source', equals: 'lecture_03.mp3' }] },
  }),
  h({
    id: 'b-tts-over-music',
    category: 'audio-editing',
    instruction: 'read "welcome aboard" aloud over a calm melody',
    ends: 'Audio',
    strict: { chain: ['TextInput', 'TextToSpeech', 'OverlayNarration'], also: ['TextInput', 'ComposeMusic'] },
  }),
  h({
    id: 'b-voice-clone',
    category: 'audio',
    instruction: 'make this recording sound like a famous actor',
    ends: 'Audio',
    cannot: 'voice conversion',
  }),
  h({
    id: 'b-sing',
    category: 'text-to-music',
    instruction: 'sing the lyrics "happy birthday to you" in a soprano voice',
    ends: 'Audio',
    cannot: 'singing synthesis',
  }),

  // --- composition ---
  h({
    id: 'b-overlay-sold',
    category: 'image-composition',
    instruction: "write 'SOLD' across the top of house.jpg",
    ends: 'Image',
    strict: {
      chain: [IMG, 'OverlayText'],
      also: ['TextInput'],
      params: [
        { fn: IMG, param: 'source', equals: 'house.jpg' },
        { fn: 'TextInput', param: 'text', equals: 'SOLD' },
      ],
    },
  }),
  h({
    id: 'b-paste-logo',
    category: 'image-composition',
    instruction: 'paste logo.png onto the corner of banner.png',
    ends: 'Image',
    strict: { chain: [IMG, 'CompositeImages'], also: [IMG] },
  }),
  h({
    id: 'b-side-by-side',
    category: 'image-composition',
    instruction: 'put before.jpg and after.jpg side by side',
    ends: 'Image',
    strict: { chain: [IMG, 'MergeImages'], also: [IMG] },
  }),

  // --- image editing by models ---
  h({
    id: 'b-upscale-4x',
    category: 'image-editing',
    instruction: 'upscale this tiny icon 4x',
    ends: 'Image',
    strict: { chain: [IMG, 'UpscaleImage'], params: [{ fn: 'UpscaleImage', param: 'scale', equals: 4 }] },
  }),
  h({
    id: 'b-superres-2x',
    category: 'image-editing',
    instruction: 'enhance the resolution of blurry_scan.png by 2x',
    ends: 'Image',
    strict: {
      chain: [IMG, 'UpscaleImage'],
      params: [
        { fn: IMG, param: 'source', equals: 'blurry_scan.png' },
        { fn: 'UpscaleImage', param: 'scale', equals: 2 },
      ],
    },
  }),
  h({
    id: 'b-gray-upscale',
    category: 'image-editing',
    instruction: "convert 'scan.png' to grayscale and upscale it 2x",
    ends: 'Image',
    strict: {
      chain: [IMG, 'Grayscale', 'UpscaleImage'],
      params: [
        { fn: IMG, param: 'source', equals: 'scan.png' },
        { fn: 'UpscaleImage', param: 'scale', equals: 2 },
      ],
    },
  }),
  h({
    id: 'b-remove-wires',
    category: 'image-editing',
    instruction: 'remove the power lines from this sky photo',
    ends: 'Image',
    strict: { chain: [IMG, 'RemoveObject'] },
  }),
  h({
    id: 'b-outpaint-wider',
    category: 'image-editing',
    instruction: 'extend this landscape photo beyond its edges to make it wider',
    ends: 'Image',
    strict: { chain: [IMG, 'OutpaintImage'] },
  }),
  h({
    id: 'b-inpaint-mask',
    category: 'image-editing',
    instruction: "fill in the masked area of 'damaged.png' using the mask 'holes.png'",
    ends: 'Image',
    strict: { chain: [IMG, 'InpaintImage'], also: [IMG] },
  }),
  h({
    id: 'b-colourise',
    category: 'image-editing',
    instruction: 'colourise this old black-and-white photograph',
    ends: 'Image',
    strict: { chain: [IMG, 'ColorizeImage'] },
  }),
  h({
    id: 'b-face-swap',
    category: 'image-editing',
    instruction: "swap the two faces in 'couple.jpg'",
    ends: 'Image',
    cannot: 'face swapping',
  }),
  h({
    id: 'b-depth-animate',
    category: 'image-to-video',
    instruction: 'make a depth map of this photo and animate it',
    ends: 'Video',
    strict: { chain: [IMG, 'PseudoDepth|EstimateDepth', 'AnimateImage'] },
  }),

  // --- text ---
  h({
    id: 'b-translate-it',
    category: 'text-to-text',
    instruction: 'translate ‘see you tomorrow’ into Italian',
    ends: 'Text',
    strict: {
      chain: ['TextInput', 'Translate'],
      params: [
        { fn: 'TextInput', param: 'text', equals: 'see you tomorrow' },
        { fn: 'Translate', param: 'to', equals: 'it' },
      ],
    },
  }),
  h({
    id: 'b-summary-speak',
    category: 'multi-step',
    instruction:
      'summarize "The committee met on Tuesday and agreed to move the spring fair to the old market square, where there is more room for stalls and parking." and read the summary aloud',
    ends: 'Audio',
    strict: { chain: ['TextInput', 'Summarize', 'TextToSpeech'] },
  }),
  h({
    id: 'b-wordcount-quoted',
    category: 'text-to-text',
    instruction: 'how many words are in ‘the quick brown fox jumps’?',
    ends: 'Number',
    strict: { chain: ['TextInput', 'WordCount'], params: [{ fn: 'TextInput', param: 'text', equals: 'the quick brown fox jumps' }] },
  }),
  h({
    id: 'b-caption-spanish-speak',
    category: 'multi-step',
    instruction: 'describe this photo in Spanish and read it aloud',
    ends: 'Audio',
    strict: {
      chain: [IMG, 'CaptionImage', 'Translate', 'TextToSpeech'],
      params: [{ fn: 'Translate', param: 'to', equals: 'es' }],
    },
  }),
  h({
    id: 'b-no-task',
    category: 'multi-step',
    instruction: 'make it better',
    ends: 'Image',
    cannot: 'no task named',
  }),
];
