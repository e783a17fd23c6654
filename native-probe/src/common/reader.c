#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int dxgs_reader_open(struct dxgs_reader *r, const char *path, const char **why)
{
    memset(r, 0, sizeof *r);
    *why = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        return e;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        *why = "not a regular file";
        return EPROTO;
    }
    r->size = (uint64_t)st.st_size;
    if (r->size < DXGCAP_PREAMBLE_SIZE) {
        close(fd);
        *why = "shorter than the 64-byte preamble";
        return EPROTO;
    }
    r->map = mmap(NULL, r->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (r->map == MAP_FAILED) {
        r->map = NULL;
        return errno;
    }
    memcpy(&r->preamble, r->map, sizeof r->preamble);
    if (memcmp(r->preamble.magic, DXGCAP_MAGIC, 8) != 0) {
        *why = "no dxgcap magic (not a capture)";
    } else if (r->preamble.byte_order != DXGCAP_BYTE_ORDER) {
        *why = "unknown byte order";
    } else if (r->preamble.version == 0 || r->preamble.version > DXGCAP_VERSION) {
        *why = "capture version newer than this reader";
    } else if (r->preamble.preamble_size < DXGCAP_PREAMBLE_SIZE || r->preamble.preamble_size > r->size) {
        *why = "bad preamble size";
    }
    if (*why) {
        dxgs_reader_close(r);
        return EPROTO;
    }
    r->offset = r->preamble.preamble_size;
    return 0;
}

const char *dxgs_record_problem(const uint8_t *p, uint64_t available)
{
    if (available < DXGCAP_HEADER_SIZE) {
        return "truncated header";
    }
    struct dxgcap_header h;
    memcpy(&h, p, sizeof h);
    if (h.length < DXGCAP_HEADER_SIZE || (h.length & 7) || h.length > DXGCAP_MAX_RECORD) {
        return "impossible record length";
    }
    if (h.size > h.length - DXGCAP_HEADER_SIZE || dxgcap_record_length(h.size) != h.length) {
        return "payload size does not match record length";
    }
    if (h.kind == DXGCAP_PAD) {
        return "padding record in a file";
    }
    if (h.length > available) {
        return "truncated record";
    }
    if (dxgcap_record_crc(p) != h.crc) {
        return "checksum mismatch";
    }
    return NULL;
}

enum dxgs_read_status dxgs_reader_next(struct dxgs_reader *r, const struct dxgcap_header **out)
{
    if (r->offset >= r->size) {
        return DXGS_READ_END;
    }
    uint64_t available = r->size - r->offset;
    const char *problem = dxgs_record_problem(r->map + r->offset, available);
    if (!problem) {
        *out = (const struct dxgcap_header *)(r->map + r->offset);
        r->offset += (*out)->length;
        return DXGS_READ_RECORD;
    }
    r->problem_offset = r->offset;
    r->problem = problem;
    /* Damage or a cut? Look for any whole record further on; none means the file was cut here. */
    for (uint64_t at = r->offset + 8; at + DXGCAP_HEADER_SIZE <= r->size; at += 8) {
        if (!dxgs_record_problem(r->map + at, r->size - at)) {
            r->offset = at;
            return DXGS_READ_DAMAGED;
        }
    }
    r->offset = r->size;
    return DXGS_READ_TRUNCATED;
}

void dxgs_reader_close(struct dxgs_reader *r)
{
    if (r->map) {
        munmap((void *)r->map, r->size);
    }
    r->map = NULL;
}
