/* A few assertion helpers shared by the C tests: each failed check prints
 * where it failed and the test program exits non-zero at the end. */
#ifndef POSGUARD_TEST_CHECK_H
#define POSGUARD_TEST_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posguard.h"

static int check_failures;
/* What is being checked (e.g. a vector name), printed with each failure. */
static const char *check_context = "";

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d: [%s] CHECK failed: %s\n", __FILE__, __LINE__,            \
                    check_context, #cond);                                                   \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

#define CHECK_STATUS(call, expected)                                                         \
    do {                                                                                     \
        posguard_status check_s_ = (call);                                                   \
        if (check_s_ != (expected)) {                                                        \
            fprintf(stderr, "%s:%d: [%s] %s\n    returned %d (%s), expected %s\n", __FILE__, \
                    __LINE__, check_context, #call, (int)check_s_,                           \
                    posguard_status_str(check_s_), #expected);                               \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, POSGUARD_STATUS_OK)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* Fill byte for output buffers: a failing call must leave it untouched. */
#define SENTINEL 0xA5

/* Decodes a hex string (test data, always well-formed) into out; returns the length. */
static inline size_t unhex(const char *hex, uint8_t *out, size_t cap) {
    size_t n = strlen(hex) / 2;
    if (strlen(hex) % 2 != 0 || n > cap) {
        fprintf(stderr, "bad hex test data: %s\n", hex);
        exit(2);
    }
    for (size_t i = 0; i < n; i++) {
        unsigned int byte;
        if (sscanf(hex + 2 * i, "%2x", &byte) != 1) {
            fprintf(stderr, "bad hex test data: %s\n", hex);
            exit(2);
        }
        out[i] = (uint8_t)byte;
    }
    return n;
}

static inline bool bytes_equal(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len) {
    return a_len == b_len && memcmp(a, b, a_len) == 0;
}

/* True when all n bytes of buf still hold the sentinel. */
static inline bool untouched(const void *buf, size_t n) {
    const uint8_t *p = buf;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != SENTINEL) {
            return false;
        }
    }
    return true;
}

/* A key from hex material; the test fails (and NULL is returned) if it cannot be made. */
static inline posguard_key *make_key(const char *algorithm, const char *usage, const char *hex) {
    uint8_t material[32];
    size_t len = unhex(hex, material, sizeof material);
    posguard_key *key = NULL;
    CHECK_OK(posguard_key_new(algorithm, usage, material, len, &key));
    memset(material, 0, sizeof material);
    return key;
}

/* Ends a test program: 0 when every check passed. */
static inline int check_finish(const char *program) {
    if (check_failures > 0) {
        fprintf(stderr, "%s: %d check(s) failed\n", program, check_failures);
        return 1;
    }
    printf("%s: all checks passed\n", program);
    return 0;
}

#endif
