// Image functions (no model download). Each module registers itself.
import './load-image';
import './resize';
import './crop';
import './grayscale';
import './blur';
import './adjust';
import './render-text';
import './histogram';
import './plot-to-image';
import './overlay-text';
import './composite';
import './merge';
