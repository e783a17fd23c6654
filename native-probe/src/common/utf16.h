/* UTF-16LE (Windows WCHAR strings from the host) to UTF-8. */
#ifndef DXGSCOPE_UTF16_H
#define DXGSCOPE_UTF16_H

#include <stddef.h>
#include <stdint.h>

/* Converts up to max_units code units (stopping at NUL) into a NUL-terminated UTF-8 string of at
 * most out_size bytes; unpaired surrogates become U+FFFD; output is cut on a character boundary. */
void dxgs_utf16_to_utf8(const uint16_t *in, size_t max_units, char *out, size_t out_size);

#endif
