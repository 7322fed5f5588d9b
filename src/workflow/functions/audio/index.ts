// Audio functions (plain synthesis, no model). Each module registers itself.
import './speak-text';
import './compose-music';
import './audio-plot';
