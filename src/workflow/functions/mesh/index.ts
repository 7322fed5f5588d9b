// Depth and mesh functions (no model). Each module registers itself.
import './pseudo-depth';
import './depth-to-mesh';
