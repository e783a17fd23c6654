/*
 * The capture file writer used by the collector: buffered appends of whole records, the CRC filled
 * in on the way out, and the preamble's state kept honest. When a write fails (disk full, file
 * size limit, I/O error) the file is truncated back to its last whole record and marked CUT with
 * the errno, using pwrite on the preamble, which needs no new space.
 */
#ifndef DXGSCOPE_WRITER_H
#define DXGSCOPE_WRITER_H

#include <stddef.h>
#include <stdint.h>

struct dxgs_writer {
    int fd;
    uint8_t *buf;
    size_t buf_len;
    size_t buf_cap;
    uint64_t file_offset; /* bytes safely in the file (whole records only) */
    uint64_t records;
    uint64_t limit_bytes; /* 0 = none */
    int failed_errno;     /* set once writing stopped */
    int limit_reached;
    int regular;          /* a regular file (not /dev/null, a pipe): only then are mode and fsync ours */
};

/* Creates (or truncates) path with mode 0600 and writes the preamble. Returns 0 or errno. */
int dxgs_writer_open(struct dxgs_writer *w, const char *path, uint64_t limit_bytes);

/* Appends one record (header + payload already laid out, crc ignored). Returns 0, or the errno
 * that stopped writing, or EFBIG when the size limit was reached (then limit_reached is set). */
int dxgs_writer_append(struct dxgs_writer *w, const void *record, uint32_t length);

/* Builds and appends a record from its parts. */
int dxgs_writer_emit(struct dxgs_writer *w, uint16_t kind, uint64_t seq, uint64_t ts_ns, uint32_t pid,
                     uint32_t tid, const void *payload, uint32_t size);

/* Pushes buffered records to the file. */
int dxgs_writer_flush(struct dxgs_writer *w);

/* Flushes and marks the capture complete (events_lost recorded), or cut if writing had failed. */
int dxgs_writer_close(struct dxgs_writer *w, uint64_t events_lost);

#endif
