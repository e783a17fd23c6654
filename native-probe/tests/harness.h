/* A tiny test harness: CHECK records a failure with file:line and keeps going. */
#ifndef DXGSCOPE_TEST_HARNESS_H
#define DXGSCOPE_TEST_HARNESS_H

#include <stdio.h>

static int harness_failures;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
            harness_failures++;                                                       \
        }                                                                             \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                        \
    do {                                                                                          \
        long long a_ = (long long)(a), b_ = (long long)(b);                                       \
        if (a_ != b_) {                                                                           \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, \
                    a_, b_);                                                                      \
            harness_failures++;                                                                   \
        }                                                                                         \
    } while (0)

#define HARNESS_RESULT() (harness_failures ? (fprintf(stderr, "%d check(s) failed\n", harness_failures), 1) : 0)

#endif
