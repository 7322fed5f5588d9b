// Video functions (WebCodecs). Each module registers itself.
import './animate-image';
