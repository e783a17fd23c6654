/*
 * Reading a capture in C (dxgcap info/dump, native tests): whole records in file order; damage and
 * truncation are reported, never fatal (docs/FORMAT.md, "Crash consistency and damage").
 */
#ifndef DXGSCOPE_READER_H
#define DXGSCOPE_READER_H

#include <stdint.h>

#include "dxgscope/capture_format.h"

enum dxgs_read_status {
    DXGS_READ_RECORD = 0,    /* *h points at a whole record */
    DXGS_READ_END = 1,       /* clean end of the file */
    DXGS_READ_TRUNCATED = 2, /* the file ends inside a record at problem_offset */
    DXGS_READ_DAMAGED = 3,   /* bytes [problem_offset, offset) were skipped; reading goes on */
};

struct dxgs_reader {
    const uint8_t *map;
    uint64_t size;
    uint64_t offset;         /* next record */
    uint64_t problem_offset;
    const char *problem;     /* what was wrong at problem_offset */
    struct dxgcap_preamble preamble;
};

/* Maps the file. Returns 0, errno, or EPROTO with *why set for a file that is not a capture. */
int dxgs_reader_open(struct dxgs_reader *r, const char *path, const char **why);

enum dxgs_read_status dxgs_reader_next(struct dxgs_reader *r, const struct dxgcap_header **h);

void dxgs_reader_close(struct dxgs_reader *r);

/* Checks a record in place: 0 when whole, else a short reason. */
const char *dxgs_record_problem(const uint8_t *p, uint64_t available);

#endif
