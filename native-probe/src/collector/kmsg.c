/* The kernel-log follower (kmsg.h). */
#include "kmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int kmsg_open(struct kmsg_reader *k, const char *path)
{
    memset(k, 0, sizeof *k);
    k->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (k->fd < 0) {
        return errno;
    }
    lseek(k->fd, 0, SEEK_END); /* /dev/kmsg: after the last record; a file: its end */
    return 0;
}

/* The decimal field after the second comma of the prefix [line, semi): the time. */
static uint64_t kmsg_time(const char *line, const char *semi)
{
    const char *p = line;
    for (int commas = 0; commas < 2; p++) {
        if (p >= semi) {
            return KMSG_NO_TIME;
        }
        commas += *p == ',';
    }
    uint64_t usec = 0;
    const char *digits = p;
    for (; p < semi && *p >= '0' && *p <= '9'; p++) {
        if (usec > (UINT64_MAX - 9) / 10) {
            return KMSG_NO_TIME;
        }
        usec = usec * 10 + (uint64_t)(*p - '0');
    }
    return p > digits && p < semi && *p == ',' ? usec : KMSG_NO_TIME;
}

int kmsg_parse(const char *line, size_t len, int *level, uint64_t *usec, const char **text, size_t *text_len)
{
    if (len == 0 || line[0] < '0' || line[0] > '9') {
        return 0;
    }
    const char *semi = memchr(line, ';', len);
    if (!semi) {
        return 0;
    }
    unsigned prio = 0;
    for (const char *p = line; p < semi && *p >= '0' && *p <= '9'; p++) {
        prio = prio * 10 + (unsigned)(*p - '0');
        if (prio > 1u << 20) {
            return 0;
        }
    }
    *level = (int)(prio & 7);
    *usec = kmsg_time(line, semi);
    *text = semi + 1;
    *text_len = len - (size_t)(semi + 1 - line);
    return 1;
}

int kmsg_is_dxg(const char *text, size_t len)
{
    return (len >= 9 && !memcmp(text, "misc dxg:", 9)) || (len >= 5 && !memcmp(text, "dxgk:", 5)) ||
           memmem(text, len, "dxgkio_", 7) != NULL;
}

/* Hands on each whole line of buf[0, n); returns the bytes of an unfinished last line. */
static size_t lines(struct kmsg_reader *k, size_t n, kmsg_line_fn fn, void *ctx)
{
    size_t at = 0;
    for (;;) {
        char *nl = memchr(k->buf + at, '\n', n - at);
        if (!nl) {
            break;
        }
        size_t len = (size_t)(nl - (k->buf + at));
        int level;
        uint64_t usec;
        const char *text;
        size_t text_len;
        if (kmsg_parse(k->buf + at, len, &level, &usec, &text, &text_len) && kmsg_is_dxg(text, text_len)) {
            k->lines++;
            fn(ctx, level, usec, text, text_len);
        }
        at += len + 1;
    }
    size_t rest = n - at;
    if (rest == KMSG_BUFFER) {
        return 0; /* a line longer than the buffer: dropped */
    }
    memmove(k->buf, k->buf + at, rest);
    return rest;
}

size_t kmsg_poll(struct kmsg_reader *k, kmsg_line_fn fn, void *ctx)
{
    size_t records = 0;
    for (int i = 0; k->fd >= 0 && i < 256; i++) {
        ssize_t n = read(k->fd, k->buf + k->carry, KMSG_BUFFER - k->carry);
        if (n > 0) {
            records++;
            k->carry = lines(k, k->carry + (size_t)n, fn, ctx);
        } else if (n == 0) {
            break; /* a file at its end */
        } else if (errno == EPIPE) {
            k->missed++; /* the ring buffer overwrote records we had not read; the next read goes on */
        } else if (errno != EINTR) {
            if (errno != EAGAIN) {
                kmsg_close(k);
            }
            break;
        }
    }
    return records;
}

void kmsg_close(struct kmsg_reader *k)
{
    if (k->fd >= 0) {
        close(k->fd);
    }
    k->fd = -1;
}
