// Audio functions (synthesis, files, editing; no model). Each module registers itself.
import './speak-text';
import './compose-music';
import './audio-plot';
import './load-audio';
import './mix-audio';
import './overlay-narration';
import './adjust-volume';
import './fade-audio';
