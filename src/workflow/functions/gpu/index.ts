// WGSL image functions (CPU reference fallback without WebGPU). Each module registers itself.
import './cartoonize';
import './style-filter';
import './attention';
import './sparse-generate';
import './oil-paint';
import './watercolor';
