/* Device queries fail cleanly on every kind of missing or wrong device. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dxgscope/device_query.h"
#include "harness.h"

static dxgs_device_report report;

int main(void)
{
    /* No device at all: ENOENT from open, nothing enumerated. */
    CHECK_EQ_INT(dxgs_query_device("/nonexistent/dxg", &report), ENOENT);
    CHECK_EQ_INT(report.open_errno, ENOENT);
    CHECK_EQ_INT(report.adapters_returned, 0);
    CHECK(strcmp(report.device_path, "/nonexistent/dxg") == 0);

    /* A file that is not a dxg device: opens, but the ioctl is refused with ENOTTY. */
    CHECK_EQ_INT(dxgs_query_device("/dev/null", &report), ENOTTY);
    CHECK_EQ_INT(report.open_errno, 0);
    CHECK_EQ_INT(report.enum_errno, ENOTTY);

    /* A device node without permission: EACCES (only testable when not root). */
    if (geteuid() != 0) {
        char path[] = "/tmp/dxgs-noperm-XXXXXX";
        int fd = mkstemp(path);
        CHECK(fd >= 0);
        close(fd);
        chmod(path, 0);
        CHECK_EQ_INT(dxgs_query_device(path, &report), EACCES);
        unlink(path);
    }

    /* The default device honours DXGSCOPE_DEVICE. */
    setenv("DXGSCOPE_DEVICE", "/nonexistent/other", 1);
    CHECK(strcmp(dxgs_default_device(), "/nonexistent/other") == 0);
    CHECK_EQ_INT(dxgs_query_device(NULL, &report), ENOENT);
    CHECK(strcmp(report.device_path, "/nonexistent/other") == 0);
    unsetenv("DXGSCOPE_DEVICE");
    CHECK(strcmp(dxgs_default_device(), "/dev/dxg") == 0);

    CHECK(strcmp(dxgs_version(), DXGS_VERSION) == 0);
    return HARNESS_RESULT();
}
