// Video functions (WebCodecs). Each module registers itself.
import './animate-image';
import './load-video';
import './trim-video';
import './concat-videos';
import './change-speed';
import './extract-frame';
import './interpolate-frames';
import './slideshow';
