/* The published known-answer vectors of core/tests/vectors/pin.json and
 * kcv.json (each names its source), run through the C API. The JSON is turned
 * into posguard_vectors.h by `cargo xtask test --only c` at build time. */
#include "check.h"

struct pin_vector {
    const char *name;
    posguard_pin_format format;
    const char *pin;
    const char *pan;             /* NULL: the format takes no PAN */
    const char *key_algorithm;
    const char *key;             /* hex; NULL for clear-only vectors */
    const char *clear_block;     /* hex or NULL */
    const char *encrypted_block; /* hex or NULL */
};

struct kcv_vector {
    const char *name;
    const char *key_algorithm;
    const char *key;
    posguard_kcv_method method;
    const char *kcv;
};

#include "posguard_vectors.h"

/* Formats without random fill: encoding must reproduce the published block. */
static bool deterministic(posguard_pin_format format) {
    return format == POSGUARD_PIN_FORMAT_ISO0 || format == POSGUARD_PIN_FORMAT_ISO2 ||
           format == POSGUARD_PIN_FORMAT_SM4;
}

static void run_pin_vector(const struct pin_vector *v) {
    uint8_t expected[POSGUARD_PIN_BLOCK_MAX_LEN], block[POSGUARD_PIN_BLOCK_MAX_LEN];
    size_t expected_len, len = 0;
    char pin[POSGUARD_PIN_BUFFER_LEN] = "";

    if (v->clear_block != NULL) {
        expected_len = unhex(v->clear_block, expected, sizeof expected);
        CHECK_OK(posguard_pin_decode(expected, expected_len, v->pan, v->format, pin, sizeof pin));
        CHECK(strcmp(pin, v->pin) == 0);
        if (deterministic(v->format)) {
            CHECK_OK(posguard_pin_encode(v->pin, v->pan, v->format, block, sizeof block, &len));
            CHECK(bytes_equal(block, len, expected, expected_len));
        }
    }
    if (v->key == NULL || v->encrypted_block == NULL) {
        return;
    }
    posguard_key *key = make_key(v->key_algorithm, "pin", v->key);
    expected_len = unhex(v->encrypted_block, expected, sizeof expected);
    memset(pin, 0, sizeof pin);
    CHECK_OK(posguard_pin_decrypt(expected, expected_len, v->pan, key, v->format, pin, sizeof pin));
    CHECK(strcmp(pin, v->pin) == 0);
    CHECK_OK(posguard_pin_encrypt(v->pin, v->pan, key, v->format, block, sizeof block, &len));
    if (deterministic(v->format)) {
        CHECK(bytes_equal(block, len, expected, expected_len));
    } else {
        /* Random fill: the block differs, but must decrypt to the same PIN. */
        CHECK(len == expected_len);
        memset(pin, 0, sizeof pin);
        CHECK_OK(posguard_pin_decrypt(block, len, v->pan, key, v->format, pin, sizeof pin));
        CHECK(strcmp(pin, v->pin) == 0);
    }
    posguard_key_free(key);
}

static void run_kcv_vector(const struct kcv_vector *v) {
    /* Single DES is only allowed for legacy MAC keys. */
    bool des = strcmp(v->key_algorithm, "des") == 0;
    posguard_key *key = make_key(v->key_algorithm, des ? "mac" : "kek", v->key);
    uint8_t expected[16], kcv[16];
    size_t expected_len = unhex(v->kcv, expected, sizeof expected), len = 0;

    CHECK_OK(posguard_key_check_value(key, v->method, expected_len, kcv, sizeof kcv, &len));
    CHECK(bytes_equal(kcv, len, expected, expected_len));
    CHECK_OK(posguard_key_verify_check_value(key, v->method, expected, expected_len));
    expected[expected_len - 1] ^= 0x01;
    CHECK_STATUS(posguard_key_verify_check_value(key, v->method, expected, expected_len),
                 POSGUARD_STATUS_CHECK_VALUE_MISMATCH);
    expected[expected_len - 1] ^= 0x01;

    /* DEFAULT is CMAC for AES and zero-block otherwise; length 0 means 3 bytes. */
    bool aes = strcmp(v->key_algorithm, "aes") == 0;
    bool is_default = aes ? v->method == POSGUARD_KCV_METHOD_CMAC : v->method == POSGUARD_KCV_METHOD_ZERO_BLOCK;
    if (is_default) {
        CHECK_OK(posguard_key_check_value(key, POSGUARD_KCV_METHOD_DEFAULT, expected_len, kcv, sizeof kcv, &len));
        CHECK(bytes_equal(kcv, len, expected, expected_len));
        if (expected_len >= 3) {
            CHECK_OK(posguard_key_check_value(key, POSGUARD_KCV_METHOD_DEFAULT, 0, kcv, sizeof kcv, &len));
            CHECK(bytes_equal(kcv, len, expected, 3));
        }
    }
    /* UNIONPAY is zero-block; length 0 means 4 bytes. */
    if (v->method == POSGUARD_KCV_METHOD_ZERO_BLOCK && expected_len >= 4) {
        CHECK_OK(posguard_key_check_value(key, POSGUARD_KCV_METHOD_UNIONPAY, 0, kcv, sizeof kcv, &len));
        CHECK(bytes_equal(kcv, len, expected, 4));
    }
    posguard_key_free(key);
}

int main(void) {
    /* The same minimum counts as core/tests/vectors.rs: an empty file must fail. */
    CHECK(COUNT(PIN_VECTORS) >= 20);
    CHECK(COUNT(KCV_VECTORS) >= 8);
    for (size_t i = 0; i < COUNT(PIN_VECTORS); i++) {
        check_context = PIN_VECTORS[i].name;
        run_pin_vector(&PIN_VECTORS[i]);
    }
    for (size_t i = 0; i < COUNT(KCV_VECTORS); i++) {
        check_context = KCV_VECTORS[i].name;
        run_kcv_vector(&KCV_VECTORS[i]);
    }
    printf("test_vectors: %zu PIN vectors, %zu KCV vectors\n", COUNT(PIN_VECTORS), COUNT(KCV_VECTORS));
    return check_finish("test_vectors");
}
