#include "writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dxgscope/capture_format.h"

#define WRITER_BUFFER (1u << 20)

static int write_all(int fd, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (n == 0) {
            return EIO;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void write_state(struct dxgs_writer *w, uint32_t state, int err, uint64_t lost)
{
    struct dxgcap_preamble p;
    if (pread(w->fd, &p, sizeof p, 0) != (ssize_t)sizeof p) {
        return;
    }
    p.state = state;
    p.cut_errno = err;
    p.end_offset = w->file_offset;
    p.events_lost = lost;
    p.records = w->records;
    (void)!pwrite(w->fd, &p, sizeof p, 0);
}

/* Stops writing for good: drops whatever part of a batch made it, marks the file CUT. */
static int fail(struct dxgs_writer *w, int err)
{
    w->failed_errno = err;
    w->buf_len = 0;
    (void)!ftruncate(w->fd, (off_t)w->file_offset);
    write_state(w, DXGCAP_STATE_CUT, err, 0);
    return err;
}

int dxgs_writer_open(struct dxgs_writer *w, const char *path, uint64_t limit_bytes)
{
    memset(w, 0, sizeof *w);
    w->fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (w->fd < 0) {
        return errno;
    }
    struct stat st;
    w->regular = fstat(w->fd, &st) == 0 && S_ISREG(st.st_mode);
    if (w->regular) {
        (void)fchmod(w->fd, 0600); /* a capture made earlier with wider permissions */
    }
    w->buf = malloc(WRITER_BUFFER);
    if (!w->buf) {
        close(w->fd);
        return ENOMEM;
    }
    w->buf_cap = WRITER_BUFFER;
    w->limit_bytes = limit_bytes;
    struct dxgcap_preamble p = {0};
    memcpy(p.magic, DXGCAP_MAGIC, 8);
    p.version = DXGCAP_VERSION;
    p.preamble_size = DXGCAP_PREAMBLE_SIZE;
    p.byte_order = DXGCAP_BYTE_ORDER;
    p.state = DXGCAP_STATE_RECORDING;
    int err = write_all(w->fd, &p, sizeof p);
    if (err) {
        close(w->fd);
        free(w->buf);
        return err;
    }
    w->file_offset = sizeof p;
    return 0;
}

int dxgs_writer_flush(struct dxgs_writer *w)
{
    if (w->failed_errno) {
        return w->failed_errno;
    }
    if (w->buf_len == 0) {
        return 0;
    }
    int err = write_all(w->fd, w->buf, w->buf_len);
    if (err) {
        return fail(w, err);
    }
    w->file_offset += w->buf_len;
    w->buf_len = 0;
    return 0;
}

int dxgs_writer_append(struct dxgs_writer *w, const void *record, uint32_t length)
{
    if (w->failed_errno) {
        return w->failed_errno;
    }
    /* The END record may always be written: a size-limited capture still says how it ended. */
    int is_end = ((const struct dxgcap_header *)record)->kind == DXGCAP_END;
    if (w->limit_reached && !is_end) {
        return EFBIG;
    }
    if (w->limit_bytes && !is_end && w->file_offset + w->buf_len + length > w->limit_bytes) {
        w->limit_reached = 1;
        return EFBIG;
    }
    if (w->buf_len + length > w->buf_cap) {
        int err = dxgs_writer_flush(w);
        if (err) {
            return err;
        }
    }
    if (length > w->buf_cap) {
        /* A record larger than the buffer goes straight out (after a copy to fill the crc). */
        uint8_t *copy = malloc(length);
        if (!copy) {
            return ENOMEM;
        }
        memcpy(copy, record, length);
        struct dxgcap_header *h = (struct dxgcap_header *)copy;
        h->crc = dxgcap_record_crc(copy);
        int err = write_all(w->fd, copy, length);
        free(copy);
        if (err) {
            return fail(w, err);
        }
        w->file_offset += length;
        w->records++;
        return 0;
    }
    uint8_t *dst = w->buf + w->buf_len;
    memcpy(dst, record, length);
    struct dxgcap_header *h = (struct dxgcap_header *)dst;
    h->crc = dxgcap_record_crc(dst);
    w->buf_len += length;
    w->records++;
    return 0;
}

int dxgs_writer_emit(struct dxgs_writer *w, uint16_t kind, uint64_t seq, uint64_t ts_ns, uint32_t pid,
                     uint32_t tid, const void *payload, uint32_t size)
{
    uint32_t length = dxgcap_record_length(size);
    uint8_t *rec = calloc(1, length);
    if (!rec) {
        return ENOMEM;
    }
    struct dxgcap_header *h = (struct dxgcap_header *)rec;
    h->length = length;
    h->kind = kind;
    h->size = size;
    h->seq = seq;
    h->ts_ns = ts_ns;
    h->pid = pid;
    h->tid = tid;
    if (size) {
        memcpy(rec + DXGCAP_HEADER_SIZE, payload, size);
    }
    int err = dxgs_writer_append(w, rec, length);
    free(rec);
    return err;
}

int dxgs_writer_close(struct dxgs_writer *w, uint64_t events_lost)
{
    int err = dxgs_writer_flush(w);
    if (!w->failed_errno) {
        write_state(w, DXGCAP_STATE_COMPLETE, 0, events_lost);
    }
    if (w->regular && fsync(w->fd) < 0 && !err) { /* /dev/null and pipes cannot be synced */
        err = errno;
    }
    close(w->fd);
    free(w->buf);
    w->buf = NULL;
    w->fd = -1;
    return err ? err : w->failed_errno;
}
