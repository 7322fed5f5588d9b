// Constants of the attention softmaxes (prefill, decode, their merge, the naive baseline).

// Scores are kept in log2 units (Q pre-scaled by log2(e)) so the softmax uses exp2, as FlashAttention-2 does.
const LOG2E = 1.4426950408889634;
// The score of a masked key and the initial running max: finite, so exp2(m - mNew) never computes inf - inf,
// and exp2(MASKED - m) underflows to 0.
const MASKED = -3.0e38;
