/* Symbol visibility: everything is hidden unless marked DXGS_API. */
#ifndef DXGSCOPE_EXPORT_H
#define DXGSCOPE_EXPORT_H
#define DXGS_API __attribute__((visibility("default")))
#endif
