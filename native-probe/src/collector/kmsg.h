/*
 * Follows the kernel log (/dev/kmsg) while recording a real device. dxgkrnl prints a line for
 * almost every failed ioctl (`misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12`) and
 * nowhere else; each such line becomes a LOG record with cause 0, which the model links to its
 * call by what the line says. Never blocks: the collector polls it between ring drains.
 */
#ifndef DXGSCOPE_KMSG_H
#define DXGSCOPE_KMSG_H

#include <stddef.h>
#include <stdint.h>

#define KMSG_BUFFER 8192

struct kmsg_reader {
    int fd;
    uint64_t lines;  /* dxg lines handed on */
    uint64_t missed; /* records the kernel overwrote before they were read (EPIPE) */
    size_t carry;    /* bytes of an unfinished line kept for the next poll (a file or pipe, not /dev/kmsg) */
    char buf[KMSG_BUFFER + 1];
};

/* `usec`: when the kernel printed the line (its log clock, microseconds since boot, as dmesg shows
 * it), KMSG_NO_TIME when the record has none. */
typedef void (*kmsg_line_fn)(void *ctx, int level, uint64_t usec, const char *text, size_t len);

#define KMSG_NO_TIME UINT64_MAX

/* Opens `path` non-blocking, positioned after the lines already there. 0 or an errno. */
int kmsg_open(struct kmsg_reader *k, const char *path);

/* Parses one kmsg record line, "prio,seq,usec,flags[,...];text": the syslog level (prio & 7), the
 * time (KMSG_NO_TIME when the field is missing or not a number) and the text. Returns 0 when the
 * line is not a record (a continuation " KEY=value", or damaged). */
int kmsg_parse(const char *line, size_t len, int *level, uint64_t *usec, const char **text, size_t *text_len);

/* True when the text is dxgkrnl's: "misc dxg:" or "dxgk:" first, or a dxgkio_ handler named. */
int kmsg_is_dxg(const char *text, size_t len);

/* Reads what is there now, at most 256 reads; calls `line` for each dxg line. Returns the number of
 * records read (0: nothing new). A read error other than EAGAIN, EINTR or EPIPE closes the reader. */
size_t kmsg_poll(struct kmsg_reader *k, kmsg_line_fn line, void *ctx);

void kmsg_close(struct kmsg_reader *k);

#endif
