#include "dxgscope/device_query.h"

const char *dxgs_version(void)
{
    return DXGS_VERSION;
}
