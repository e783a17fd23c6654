/* What the probe learns from successful ioctls: fence pages to sample, dxg object fds to follow. */
#ifndef DXGSCOPE_PROBE_OBSERVE_H
#define DXGSCOPE_PROBE_OBSERVE_H

#include <stdint.h>

/* arg is the probe's copy of the argument struct after the call (len bytes). */
void probe_observe(uint32_t nr, const uint8_t *arg, uint32_t len);
/* Before the call: fences a destroy call takes stop being sampled (their pages may be freed or
 * reused before the call returns); after a failed call they are sampled again. */
void probe_observe_enter(uint32_t nr, const uint8_t *arg, uint32_t len);
void probe_observe_failed(uint32_t nr, const uint8_t *arg, uint32_t len);

#endif
