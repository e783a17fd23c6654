/*
 * What dxgsim adds to a capture: the VMBus messages it exchanged and the dmesg lines it printed.
 * When dxgsim runs under `dxgcap record --sim` it inherits DXGSCOPE_SESSION and writes into the
 * session through its own ring; records carry the pid/tid of the client call that caused them.
 */
#ifndef DXGSCOPE_SIM_EMIT_H
#define DXGSCOPE_SIM_EMIT_H

#include <stdint.h>

int sim_emit_attach(void);      /* 1 when recording */
int sim_emit_recording(void);
void sim_emit_vmbus(uint32_t pid, uint32_t tid, uint32_t channel, uint32_t direction, uint64_t luid, uint64_t cause,
                    uint64_t transaction, uint32_t flags, int32_t status, uint32_t command_type, const void *bytes,
                    uint32_t size);
void sim_emit_log(uint32_t pid, uint32_t tid, uint64_t cause, uint32_t level, const char *text);

#endif
