/* dxgcap subcommands implemented by the collector. */
#ifndef DXGSCOPE_COLLECTOR_H
#define DXGSCOPE_COLLECTOR_H

#include <stdint.h>

int dxgcap_cmd_record(int argc, char **argv);
int dxgcap_cmd_info(int argc, char **argv);
int dxgcap_cmd_dump(int argc, char **argv);
int dxgcap_cmd_snapshot(int argc, char **argv);
int dxgcap_snapshot_worker(int argc, char **argv);
int dxgcap_cmd_demo(int argc, char **argv);
int dxgcap_demo_worker(int argc, char **argv);

/* Writes the SESSION and ABI records that open every capture, numbering them from *seq.
 * `kernel_log`: the SESSION's kernel_log value, or NULL to leave the key out. */
struct dxgs_writer;
int collector_write_prologue(struct dxgs_writer *w, uint64_t *seq, const char *device, const char *command,
                             int private_data, unsigned fence_sample_ms, const char *kernel_log);

uint64_t collector_now_ns(void);

#endif
