#include <string.h>

#include "harness.h"
#include "utf16.h"

int main(void)
{
    char out[32];
    const uint16_t ascii[] = {'N', 'V', 'I', 'D', 'I', 'A', 0, 'x'};
    dxgs_utf16_to_utf8(ascii, 8, out, sizeof out);
    CHECK(strcmp(out, "NVIDIA") == 0);

    const uint16_t mixed[] = {0x00e9, 0x20ac, 0xd83d, 0xde00, 0};
    dxgs_utf16_to_utf8(mixed, 5, out, sizeof out);
    CHECK(strcmp(out, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80") == 0);

    const uint16_t lone[] = {0xd800, 'a', 0};
    dxgs_utf16_to_utf8(lone, 3, out, sizeof out);
    CHECK(strcmp(out, "\xef\xbf\xbd" "a") == 0);

    /* Output is cut on a character boundary, always NUL-terminated. */
    char small[4];
    dxgs_utf16_to_utf8(mixed, 5, small, sizeof small);
    CHECK(strcmp(small, "\xc3\xa9") == 0);

    /* No terminator within max_units. */
    const uint16_t unterminated[] = {'a', 'b', 'c'};
    dxgs_utf16_to_utf8(unterminated, 2, out, sizeof out);
    CHECK(strcmp(out, "ab") == 0);
    return HARNESS_RESULT();
}
