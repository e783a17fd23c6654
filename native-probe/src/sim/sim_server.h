/* dxgsim's event loop (sim_server.c) and fault injection (sim_faults.c). */
#ifndef DXGSCOPE_SIM_SERVER_H
#define DXGSCOPE_SIM_SERVER_H

#include "sim.h"

/* Serves clients on socket_path until SIGTERM/SIGINT. */
int sim_serve(struct sim *s, const char *socket_path);

/* Parses one fault spec (see dxgsim --help); returns 0 or prints why and returns -1. */
int sim_fault_add(const char *spec);
/* Applies the faults due at the current virtual time. */
void sim_faults_tick(struct sim *s);
/* A status to fail the call with (injected), or STATUS_SUCCESS. */
int32_t sim_fault_for_call(struct sim *s, uint32_t nr);
/* Virtual ns to add to a VMBus reply of this command type; sets *drop when it is never answered. */
uint64_t sim_fault_reply_delay(struct sim *s, uint32_t command_type, int *drop);

#endif
