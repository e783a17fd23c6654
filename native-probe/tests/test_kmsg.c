/* The kernel-log follower: record parsing, the dxg filter, and polling a record-per-read source
 * (a SOCK_SEQPACKET pair stands in for /dev/kmsg) and a plain file. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"
#include "kmsg.h"

static char got[8][256];
static int got_level[8];
static uint64_t got_usec[8];
static int ngot;

static void on_line(void *ctx, int level, uint64_t usec, const char *text, size_t len)
{
    if (ngot < 8) {
        snprintf(got[ngot], sizeof got[ngot], "%.*s", (int)len, text);
        got_usec[ngot] = usec;
        got_level[ngot++] = level;
    }
}

static void put(int fd, const char *record)
{
    CHECK(write(fd, record, strlen(record)) == (ssize_t)strlen(record));
}

int main(void)
{
    int level;
    uint64_t usec;
    const char *text;
    size_t len;
    const char *rec = "3,1042,5310000,-;misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12";
    CHECK(kmsg_parse(rec, strlen(rec), &level, &usec, &text, &len));
    CHECK_EQ_INT(level, 3);
    CHECK(usec == 5310000);
    CHECK(len == strlen("misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12"));
    CHECK(!strncmp(text, "misc dxg:", 9));
    const char *facility = "12,7,1,c;x"; /* facility 1 (user), level 4 */
    CHECK(kmsg_parse(facility, strlen(facility), &level, &usec, &text, &len));
    CHECK_EQ_INT(level, 4);
    CHECK(usec == 1);
    const char *timeless = "3,7;x"; /* no time field: still a record */
    CHECK(kmsg_parse(timeless, strlen(timeless), &level, &usec, &text, &len));
    CHECK(usec == KMSG_NO_TIME);
    const char *bad_time = "3,7,12x,-;x";
    CHECK(kmsg_parse(bad_time, strlen(bad_time), &level, &usec, &text, &len));
    CHECK(usec == KMSG_NO_TIME);
    const char *huge = "3,7,99999999999999999999999,-;x"; /* past 64 bits */
    CHECK(kmsg_parse(huge, strlen(huge), &level, &usec, &text, &len));
    CHECK(usec == KMSG_NO_TIME);
    CHECK(!kmsg_parse(" DEVICE=+misc:dxg", 17, &level, &usec, &text, &len)); /* a continuation line */
    CHECK(!kmsg_parse("no semicolon", 12, &level, &usec, &text, &len));
    CHECK(!kmsg_parse("99999999999999,1,1,-;x", 22, &level, &usec, &text, &len)); /* absurd prio */
    CHECK(!kmsg_parse("", 0, &level, &usec, &text, &len));

    CHECK(kmsg_is_dxg("misc dxg: dxgk: dxgkio_query_adapter_info: Ioctl failed: -22", 60));
    CHECK(kmsg_is_dxg("dxgk: dxgglobal_create failed", 29));
    CHECK(kmsg_is_dxg("misc dxg: dxgkio_x", 18));
    CHECK(!kmsg_is_dxg("usb 1-1: new device", 19));
    CHECK(!kmsg_is_dxg("dxg", 3));

    /* one record per read, with a continuation line, as /dev/kmsg gives them */
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
    fcntl(sv[0], F_SETFL, O_NONBLOCK);
    struct kmsg_reader k;
    memset(&k, 0, sizeof k);
    k.fd = sv[0];
    CHECK_EQ_INT(kmsg_poll(&k, on_line, NULL), 0); /* nothing yet: EAGAIN, still open */
    CHECK(k.fd >= 0);
    put(sv[1], "6,1,100,-;eth0: link up\n");
    put(sv[1], "3,2,200,-;misc dxg: dxgk: dxgkio_create_allocation: invalid standard allocation\n"
               " SUBSYSTEM=misc\n DEVICE=c10:125\n");
    put(sv[1], "3,3,300,-;misc dxg: dxgk: dxgkio_create_allocation: Ioctl failed: -22\n");
    CHECK_EQ_INT(kmsg_poll(&k, on_line, NULL), 3);
    CHECK_EQ_INT(ngot, 2);
    CHECK(!strcmp(got[0], "misc dxg: dxgk: dxgkio_create_allocation: invalid standard allocation"));
    CHECK(!strcmp(got[1], "misc dxg: dxgk: dxgkio_create_allocation: Ioctl failed: -22"));
    CHECK_EQ_INT(got_level[1], 3);
    CHECK(got_usec[0] == 200 && got_usec[1] == 300);
    CHECK_EQ_INT(k.lines, 2);
    close(sv[1]);
    kmsg_close(&k);
    CHECK_EQ_INT(k.fd, -1);
    CHECK_EQ_INT(kmsg_poll(&k, on_line, NULL), 0); /* a closed reader reads nothing */

    /* a plain file: only what is appended after opening, a line cut in two is whole once finished */
    char path[] = "/tmp/dxgscope-kmsg-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    put(fd, "3,1,1,-;misc dxg: dxgk: dxgkio_destroy_device: Ioctl failed: -22\n"); /* before: not read */
    CHECK_EQ_INT(kmsg_open(&k, path), 0);
    ngot = 0;
    put(fd, "3,2,2,-;misc dxg: dxgk: dxgkio_lock2: Ioc");
    kmsg_poll(&k, on_line, NULL);
    CHECK_EQ_INT(ngot, 0);
    put(fd, "tl failed: -14\n");
    kmsg_poll(&k, on_line, NULL);
    CHECK_EQ_INT(ngot, 1);
    CHECK(!strcmp(got[0], "misc dxg: dxgk: dxgkio_lock2: Ioctl failed: -14"));
    kmsg_close(&k);
    close(fd);
    unlink(path);

    CHECK_EQ_INT(kmsg_open(&k, "/nonexistent/kmsg"), ENOENT);
    CHECK_EQ_INT(k.fd, -1);
    return HARNESS_RESULT();
}
