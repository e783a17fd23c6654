/* The capture format in C: writer -> reader round trip, a cut at every byte, damage in the middle. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dxgscope/capture_format.h"
#include "harness.h"
#include "reader.h"
#include "writer.h"

#define RECORDS 12

static char path[] = "/tmp/dxgs-format-XXXXXX";

/* Record i: kind cycles through the known kinds, payload of i*7 bytes with value (i + j). */
static const uint16_t kinds[] = {DXGCAP_SESSION, DXGCAP_IOCTL_ENTER, DXGCAP_IOCTL_LEAVE, DXGCAP_FD,
                                 DXGCAP_PROCESS, DXGCAP_VMBUS, DXGCAP_LOG, DXGCAP_MARKER};

static void write_sample(void)
{
    int fd = mkstemp(path);
    close(fd);
    struct dxgs_writer w;
    CHECK_EQ_INT(dxgs_writer_open(&w, path, 0), 0);
    for (int i = 0; i < RECORDS; i++) {
        uint8_t payload[128];
        for (int j = 0; j < i * 7; j++) {
            payload[j] = (uint8_t)(i + j);
        }
        CHECK_EQ_INT(dxgs_writer_emit(&w, kinds[i % 8], 100 + (uint64_t)i, 5000 + (uint64_t)i * 10, 42, 43 + (uint32_t)i,
                                      payload, (uint32_t)i * 7),
                     0);
    }
    CHECK_EQ_INT(dxgs_writer_close(&w, 3), 0);
}

/* Reads path truncated to `cut` bytes (a copy); returns whole records seen and the final status. */
static int read_prefix(const uint8_t *all, size_t cut, enum dxgs_read_status *final, int *damaged)
{
    *damaged = 0;
    char prefix[] = "/tmp/dxgs-prefix-XXXXXX";
    int fd = mkstemp(prefix);
    CHECK(write(fd, all, cut) == (ssize_t)cut);
    close(fd);
    struct dxgs_reader r;
    const char *why;
    int err = dxgs_reader_open(&r, prefix, &why);
    unlink(prefix);
    if (err) {
        *final = DXGS_READ_END;
        return -1;
    }
    int n = 0;
    *damaged = 0;
    for (;;) {
        const struct dxgcap_header *h;
        enum dxgs_read_status st = dxgs_reader_next(&r, &h);
        if (st == DXGS_READ_RECORD) {
            CHECK_EQ_INT(h->seq, 100 + (uint64_t)n);
            n++;
            continue;
        }
        if (st == DXGS_READ_DAMAGED) {
            (*damaged)++;
            continue;
        }
        *final = st;
        break;
    }
    dxgs_reader_close(&r);
    return n;
}

int main(void)
{
    write_sample();
    struct dxgs_reader r;
    const char *why;
    CHECK_EQ_INT(dxgs_reader_open(&r, path, &why), 0);
    CHECK_EQ_INT(r.preamble.state, DXGCAP_STATE_COMPLETE);
    CHECK_EQ_INT(r.preamble.events_lost, 3);
    CHECK_EQ_INT(r.preamble.records, RECORDS);
    CHECK_EQ_INT(r.preamble.end_offset, r.size);

    /* Round trip: every field as written. */
    size_t ends[RECORDS + 1];
    ends[0] = DXGCAP_PREAMBLE_SIZE;
    for (int i = 0; i < RECORDS; i++) {
        const struct dxgcap_header *h;
        CHECK_EQ_INT(dxgs_reader_next(&r, &h), DXGS_READ_RECORD);
        CHECK_EQ_INT(h->kind, kinds[i % 8]);
        CHECK_EQ_INT(h->seq, 100 + (uint64_t)i);
        CHECK_EQ_INT(h->ts_ns, 5000 + (uint64_t)i * 10);
        CHECK_EQ_INT(h->pid, 42);
        CHECK_EQ_INT(h->tid, 43 + i);
        CHECK_EQ_INT(h->size, i * 7);
        CHECK_EQ_INT(h->length % 8, 0);
        const uint8_t *p = (const uint8_t *)h + DXGCAP_HEADER_SIZE;
        for (int j = 0; j < i * 7; j++) {
            CHECK_EQ_INT(p[j], (uint8_t)(i + j));
        }
        ends[i + 1] = r.offset;
    }
    const struct dxgcap_header *h;
    CHECK_EQ_INT(dxgs_reader_next(&r, &h), DXGS_READ_END);

    /* A cut at every byte: every record before the cut, nothing else, and a truncation report
     * exactly when the cut falls inside a record. */
    uint8_t *all = malloc(r.size);
    memcpy(all, r.map, r.size);
    size_t size = r.size;
    dxgs_reader_close(&r);
    for (size_t cut = 0; cut <= size; cut++) {
        enum dxgs_read_status final;
        int damaged;
        int n = read_prefix(all, cut, &final, &damaged);
        if (cut < DXGCAP_PREAMBLE_SIZE) {
            CHECK_EQ_INT(n, -1); /* not a capture: refused with a reason */
            continue;
        }
        int whole = 0;
        while (whole < RECORDS && ends[whole + 1] <= cut) {
            whole++;
        }
        CHECK_EQ_INT(n, whole);
        CHECK_EQ_INT(damaged, 0);
        CHECK_EQ_INT(final, cut == ends[whole] ? DXGS_READ_END : DXGS_READ_TRUNCATED);
    }

    /* Damage in the middle: one flipped byte costs exactly the record it hits. */
    uint8_t *bad = malloc(size);
    memcpy(bad, all, size);
    bad[ends[5] + 20] ^= 0x40; /* inside record 5's header (seq) */
    char damaged_path[] = "/tmp/dxgs-damaged-XXXXXX";
    int fd = mkstemp(damaged_path);
    CHECK(write(fd, bad, size) == (ssize_t)size);
    close(fd);
    CHECK_EQ_INT(dxgs_reader_open(&r, damaged_path, &why), 0);
    int seen = 0, damage = 0;
    for (;;) {
        enum dxgs_read_status st = dxgs_reader_next(&r, &h);
        if (st == DXGS_READ_RECORD) {
            CHECK(h->seq != 105);
            seen++;
        } else if (st == DXGS_READ_DAMAGED) {
            damage++;
            CHECK_EQ_INT(r.problem_offset, ends[5]);
            CHECK(strcmp(r.problem, "checksum mismatch") == 0);
        } else {
            CHECK_EQ_INT(st, DXGS_READ_END);
            break;
        }
    }
    CHECK_EQ_INT(seen, RECORDS - 1);
    CHECK_EQ_INT(damage, 1);
    dxgs_reader_close(&r);
    unlink(damaged_path);

    /* Not captures. */
    memcpy(bad, all, size);
    bad[0] = 'X';
    fd = open(damaged_path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    CHECK(write(fd, bad, size) == (ssize_t)size);
    close(fd);
    CHECK_EQ_INT(dxgs_reader_open(&r, damaged_path, &why), EPROTO);
    CHECK(why && strstr(why, "magic"));
    memcpy(bad, all, size);
    bad[8] = 9; /* version 9 */
    fd = open(damaged_path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    CHECK(write(fd, bad, size) == (ssize_t)size);
    close(fd);
    CHECK_EQ_INT(dxgs_reader_open(&r, damaged_path, &why), EPROTO);
    CHECK(why && strstr(why, "newer"));
    unlink(damaged_path);
    unlink(path);
    free(all);
    free(bad);
    return HARNESS_RESULT();
}
