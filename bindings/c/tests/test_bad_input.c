/* Bad input: every failure gives its status, never crashes, and writes
 * nothing (outputs are pre-filled with a sentinel and checked afterwards). */
#include "check.h"

#define PIN "8264"
#define PAN "4012345678909"
#define TDES_KEY "0123456789ABCDEFFEDCBA9876543210"
#define AES_KEY "00112233445566778899AABBCCDDEEFF"

static posguard_key *tdes_pin, *aes_pin, *tdes_mac;

/* A byte output and its length slot, pre-filled with the sentinel. */
struct out {
    uint8_t buf[32];
    size_t len;
};

static void reset(struct out *o) { memset(o, SENTINEL, sizeof *o); }

static void encrypt_fails(const char *what, const char *pin, const char *pan, const posguard_key *key,
                          posguard_pin_format format, posguard_status expected) {
    struct out o;
    reset(&o);
    check_context = what;
    CHECK_STATUS(posguard_pin_encrypt(pin, pan, key, format, o.buf, sizeof o.buf, &o.len), expected);
    CHECK(untouched(&o, sizeof o));
}

static void encode_fails(const char *what, const char *pin, const char *pan, posguard_pin_format format,
                         posguard_status expected) {
    struct out o;
    reset(&o);
    check_context = what;
    CHECK_STATUS(posguard_pin_encode(pin, pan, format, o.buf, sizeof o.buf, &o.len), expected);
    CHECK(untouched(&o, sizeof o));
}

static void decrypt_fails(const char *what, const char *block_hex, const char *pan, const posguard_key *key,
                          posguard_pin_format format, posguard_status expected) {
    uint8_t block[32];
    size_t len = unhex(block_hex, block, sizeof block);
    char pin[POSGUARD_PIN_BUFFER_LEN];
    memset(pin, SENTINEL, sizeof pin);
    check_context = what;
    CHECK_STATUS(posguard_pin_decrypt(block, len, pan, key, format, pin, sizeof pin), expected);
    CHECK(untouched(pin, sizeof pin));
}

static void decode_fails(const char *what, const char *block_hex, const char *pan, posguard_pin_format format,
                         posguard_status expected) {
    uint8_t block[32];
    size_t len = unhex(block_hex, block, sizeof block);
    char pin[POSGUARD_PIN_BUFFER_LEN];
    memset(pin, SENTINEL, sizeof pin);
    check_context = what;
    CHECK_STATUS(posguard_pin_decode(block, len, pan, format, pin, sizeof pin), expected);
    CHECK(untouched(pin, sizeof pin));
}

static void key_new_fails(const char *what, const char *algorithm, const char *usage, char mode, const char *hex,
                          posguard_status expected) {
    uint8_t material[32];
    size_t len = unhex(hex, material, sizeof material);
    posguard_key *key;
    memset(&key, SENTINEL, sizeof key);
    check_context = what;
    if (mode == 0) {
        CHECK_STATUS(posguard_key_new(algorithm, usage, material, len, &key), expected);
    } else {
        CHECK_STATUS(posguard_key_new_with_mode(algorithm, usage, mode, material, len, &key), expected);
    }
    CHECK(untouched(&key, sizeof key));
}

static void keys(void) {
    key_new_fails("tdes 15 bytes", "tdes", "pin", 0, "0123456789ABCDEFFEDCBA98765432", POSGUARD_STATUS_INVALID_KEY_LENGTH);
    key_new_fails("aes 20 bytes", "aes", "pin", 0, "00112233445566778899AABBCCDDEEFF00112233",
                  POSGUARD_STATUS_INVALID_KEY_LENGTH);
    key_new_fails("sm4 24 bytes", "sm4", "pin", 0, "00112233445566778899AABBCCDDEEFF0011223344556677",
                  POSGUARD_STATUS_INVALID_KEY_LENGTH);
    key_new_fails("empty material", "tdes", "pin", 0, "", POSGUARD_STATUS_INVALID_KEY_LENGTH);
    key_new_fails("tdes halves equal", "tdes", "pin", 0, "0123456789ABCDEF0123456789ABCDEF", POSGUARD_STATUS_WEAK_KEY);
    key_new_fails("des pin key", "des", "pin", 0, "0123456789ABCDEF", POSGUARD_STATUS_KEY_ALGORITHM);
    key_new_fails("unknown algorithm", "rsa", "pin", 0, TDES_KEY, POSGUARD_STATUS_UNKNOWN_ALGORITHM);
    key_new_fails("unknown usage", "tdes", "Z9", 0, TDES_KEY, POSGUARD_STATUS_UNKNOWN_KEY_USAGE);
    key_new_fails("unknown mode", "tdes", "pin", 'Q', TDES_KEY, POSGUARD_STATUS_INVALID_MODE_OF_USE);
    key_new_fails("mode not for usage", "tdes", "pin", 'G', TDES_KEY, POSGUARD_STATUS_INVALID_MODE_OF_USE);
    key_new_fails("non-UTF-8 name", "td\xff", "pin", 0, TDES_KEY, POSGUARD_STATUS_INVALID_UTF8);
    key_new_fails("NULL algorithm", NULL, "pin", 0, TDES_KEY, POSGUARD_STATUS_NULL_POINTER);
    key_new_fails("NULL usage", "tdes", NULL, 'E', TDES_KEY, POSGUARD_STATUS_NULL_POINTER);

    check_context = "NULL material / out";
    uint8_t material[16];
    unhex(TDES_KEY, material, sizeof material);
    posguard_key *key;
    memset(&key, SENTINEL, sizeof key);
    CHECK_STATUS(posguard_key_new("tdes", "pin", NULL, 16, &key), POSGUARD_STATUS_NULL_POINTER);
    CHECK(untouched(&key, sizeof key));
    CHECK_STATUS(posguard_key_new("tdes", "pin", material, sizeof material, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_key_new_with_mode("tdes", "pin", 'E', material, sizeof material, NULL),
                 POSGUARD_STATUS_NULL_POINTER);

    check_context = "NULL key";
    posguard_key_free(NULL);
    CHECK(posguard_key_algorithm(NULL) == NULL);
    CHECK(posguard_key_usage(NULL) == NULL);
    CHECK(posguard_key_mode(NULL) == '\0');
    CHECK(posguard_key_length(NULL) == 0);
}

static void check_values(void) {
    struct out o;
    check_context = "check values";
    const struct {
        posguard_kcv_method method;
        size_t len;
        posguard_status expected;
    } cases[] = {
        {POSGUARD_KCV_METHOD_ZERO_BLOCK, 0, POSGUARD_STATUS_INVALID_LENGTH},
        {POSGUARD_KCV_METHOD_CMAC, 0, POSGUARD_STATUS_INVALID_LENGTH},
        {POSGUARD_KCV_METHOD_ZERO_BLOCK, 9, POSGUARD_STATUS_INVALID_LENGTH},
        {POSGUARD_KCV_METHOD_DEFAULT, 9, POSGUARD_STATUS_INVALID_LENGTH},
        {(posguard_kcv_method)4, 3, POSGUARD_STATUS_INVALID_ARGUMENT},
        {(posguard_kcv_method)-1, 3, POSGUARD_STATUS_INVALID_ARGUMENT},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        reset(&o);
        CHECK_STATUS(posguard_key_check_value(tdes_pin, cases[i].method, cases[i].len, o.buf, sizeof o.buf, &o.len),
                     cases[i].expected);
        CHECK(untouched(&o, sizeof o));
    }
    reset(&o);
    CHECK_STATUS(posguard_key_check_value(aes_pin, POSGUARD_KCV_METHOD_CMAC, 17, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_INVALID_LENGTH);
    CHECK_STATUS(posguard_key_check_value(NULL, POSGUARD_KCV_METHOD_DEFAULT, 3, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_key_check_value(tdes_pin, POSGUARD_KCV_METHOD_DEFAULT, 3, o.buf, sizeof o.buf, NULL),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_key_check_value(tdes_pin, POSGUARD_KCV_METHOD_DEFAULT, 3, NULL, 3, &o.len),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK(untouched(&o, sizeof o));

    const uint8_t expected[3] = {0};
    CHECK_STATUS(posguard_key_verify_check_value(tdes_pin, POSGUARD_KCV_METHOD_DEFAULT, expected, 0),
                 POSGUARD_STATUS_INVALID_LENGTH);
    CHECK_STATUS(posguard_key_verify_check_value(tdes_pin, POSGUARD_KCV_METHOD_DEFAULT, NULL, 3),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_key_verify_check_value(NULL, POSGUARD_KCV_METHOD_DEFAULT, expected, 3),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_key_verify_check_value(tdes_pin, (posguard_kcv_method)7, expected, 3),
                 POSGUARD_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(posguard_key_export_clear(NULL, o.buf, sizeof o.buf, &o.len), POSGUARD_STATUS_NULL_POINTER);
    CHECK(untouched(&o, sizeof o));
}

static void pins_and_pans(void) {
    const posguard_pin_format iso0 = POSGUARD_PIN_FORMAT_ISO0;
    encrypt_fails("MAC key", PIN, PAN, tdes_mac, iso0, POSGUARD_STATUS_KEY_USAGE);
    encrypt_fails("AES key for format 0", PIN, PAN, aes_pin, iso0, POSGUARD_STATUS_KEY_ALGORITHM);
    encrypt_fails("TDES key for format 4", PIN, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO4, POSGUARD_STATUS_KEY_ALGORITHM);
    encrypt_fails("TDES key for SM4", PIN, PAN, tdes_pin, POSGUARD_PIN_FORMAT_SM4, POSGUARD_STATUS_KEY_ALGORITHM);
    encrypt_fails("non-digit PIN", "12a4", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN);
    encrypt_fails("3-digit PIN", "826", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN);
    encrypt_fails("13-digit PIN", "8264826482648", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN);
    encrypt_fails("empty PIN", "", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN);
    encrypt_fails("non-UTF-8 PIN", "82\xc3", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_UTF8);
    encrypt_fails("short PAN", PIN, "401234567890", tdes_pin, iso0, POSGUARD_STATUS_INVALID_PAN);
    encrypt_fails("20-digit PAN", PIN, "40123456789012345678", tdes_pin, iso0, POSGUARD_STATUS_INVALID_PAN);
    encrypt_fails("PAN with a letter", PIN, "401234567890A", tdes_pin, iso0, POSGUARD_STATUS_INVALID_PAN);
    encrypt_fails("no PAN for format 0", PIN, NULL, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PAN);
    encrypt_fails("no PAN for format 4", PIN, NULL, aes_pin, POSGUARD_PIN_FORMAT_ISO4, POSGUARD_STATUS_INVALID_PAN);
    encrypt_fails("format 5", PIN, PAN, tdes_pin, (posguard_pin_format)5, POSGUARD_STATUS_UNKNOWN_PIN_FORMAT);
    encrypt_fails("format -1", PIN, PAN, tdes_pin, (posguard_pin_format)-1, POSGUARD_STATUS_UNKNOWN_PIN_FORMAT);
    encrypt_fails("NULL PIN", NULL, PAN, tdes_pin, iso0, POSGUARD_STATUS_NULL_POINTER);
    encrypt_fails("NULL key", PIN, PAN, NULL, iso0, POSGUARD_STATUS_NULL_POINTER);
    encode_fails("encode non-digit PIN", "82 4", PAN, iso0, POSGUARD_STATUS_INVALID_PIN);
    encode_fails("encode 13-digit PIN", "8264826482648", NULL, POSGUARD_PIN_FORMAT_ISO2, POSGUARD_STATUS_INVALID_PIN);
    encode_fails("encode short PAN", PIN, "401234567890", POSGUARD_PIN_FORMAT_SM4, POSGUARD_STATUS_INVALID_PAN);
    encode_fails("encode no PAN", PIN, NULL, POSGUARD_PIN_FORMAT_ISO3, POSGUARD_STATUS_INVALID_PAN);
    encode_fails("encode format 5", PIN, PAN, (posguard_pin_format)5, POSGUARD_STATUS_UNKNOWN_PIN_FORMAT);

    check_context = "NULL outputs";
    struct out o;
    reset(&o);
    CHECK_STATUS(posguard_pin_encrypt(PIN, PAN, tdes_pin, iso0, NULL, 8, &o.len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_encrypt(PIN, PAN, tdes_pin, iso0, o.buf, sizeof o.buf, NULL),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_encode(PIN, PAN, iso0, o.buf, sizeof o.buf, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_encode(NULL, PAN, iso0, o.buf, sizeof o.buf, &o.len), POSGUARD_STATUS_NULL_POINTER);
    CHECK(untouched(&o, sizeof o));
}

static void blocks(void) {
    const posguard_pin_format iso0 = POSGUARD_PIN_FORMAT_ISO0, iso2 = POSGUARD_PIN_FORMAT_ISO2;
    decrypt_fails("7-byte block", "1B9C1845EB993A", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decrypt_fails("9-byte block", "1B9C1845EB993A7A00", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decrypt_fails("8-byte block, format 4", "1B9C1845EB993A7A", PAN, aes_pin, POSGUARD_PIN_FORMAT_ISO4,
                  POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decrypt_fails("empty block", "", PAN, tdes_pin, iso0, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decrypt_fails("MAC key", "1B9C1845EB993A7A", PAN, tdes_mac, iso0, POSGUARD_STATUS_KEY_USAGE);
    decrypt_fails("NULL key", "1B9C1845EB993A7A", PAN, NULL, iso0, POSGUARD_STATUS_NULL_POINTER);
    decrypt_fails("unknown format", "1B9C1845EB993A7A", PAN, tdes_pin, (posguard_pin_format)6,
                  POSGUARD_STATUS_UNKNOWN_PIN_FORMAT);

    /* ANSI X9.24-1:2009 A.4 (pin.json, first vector): the block decrypts to
     * PIN 1234 for PAN 4012345678909; with another PAN the fill is not F. */
    posguard_key *dukpt = make_key("tdes", "pin", "042666B49184CF5C68DE9628D0397B36");
    decrypt_fails("wrong PAN", "1B9C1845EB993A7A", "5544332211009966", dukpt, iso0, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    posguard_key_free(dukpt);

    /* Clear blocks whose fields are malformed (format 2: 2, length, digits, F fill). */
    decode_fails("non-decimal digit", "2412A4FFFFFFFFFF", NULL, iso2, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("length 3", "23123FFFFFFFFFFF", NULL, iso2, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("length 13", "2D12345678901234", NULL, iso2, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("wrong control", "341234FFFFFFFFFF", NULL, iso2, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("wrong fill", "241234FFFFFFFFFE", NULL, iso2, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("format 0 fill", "041274EDCBA9876E", PAN, iso0, POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("format 4 fill", "441234AAAAAAAAAB2F69ADDE2E9E7ACE", NULL, POSGUARD_PIN_FORMAT_ISO4,
                 POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("16-byte block, format 0", "041274EDCBA9876F041274EDCBA9876F", PAN, iso0,
                 POSGUARD_STATUS_INVALID_PIN_BLOCK);
    decode_fails("no PAN for format 0", "041274EDCBA9876F", NULL, iso0, POSGUARD_STATUS_INVALID_PAN);
    decode_fails("unknown format", "241234FFFFFFFFFF", NULL, (posguard_pin_format)7,
                 POSGUARD_STATUS_UNKNOWN_PIN_FORMAT);

    check_context = "NULL block / PIN buffer";
    uint8_t block[8] = {0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    char pin[POSGUARD_PIN_BUFFER_LEN];
    memset(pin, SENTINEL, sizeof pin);
    CHECK_STATUS(posguard_pin_decode(NULL, 8, NULL, iso2, pin, sizeof pin), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_decode(block, 8, NULL, iso2, NULL, sizeof pin), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_decrypt(block, 8, PAN, tdes_pin, iso0, NULL, sizeof pin), POSGUARD_STATUS_NULL_POINTER);
    CHECK(untouched(pin, sizeof pin));
}

static void translations(void) {
    uint8_t block[16];
    size_t len = 0;
    struct out o;
    CHECK_OK(posguard_pin_encrypt(PIN, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, block, sizeof block, &len));

    const posguard_pin_format pan_free[] = {POSGUARD_PIN_FORMAT_ISO1, POSGUARD_PIN_FORMAT_ISO2};
    for (size_t i = 0; i < COUNT(pan_free); i++) {
        check_context = "format 0 to a format without PAN";
        reset(&o);
        CHECK_STATUS(posguard_pin_translate(block, len, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, tdes_pin,
                                            pan_free[i], o.buf, sizeof o.buf, &o.len),
                     POSGUARD_STATUS_FORBIDDEN_TRANSLATION);
        CHECK(untouched(&o, sizeof o));
    }
    check_context = "translate, bad keys";
    reset(&o);
    CHECK_STATUS(posguard_pin_translate(block, len, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, tdes_mac,
                                        POSGUARD_PIN_FORMAT_ISO3, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_KEY_USAGE);
    CHECK_STATUS(posguard_pin_translate(block, len, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, NULL,
                                        POSGUARD_PIN_FORMAT_ISO3, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_translate(block, len, PAN, NULL, POSGUARD_PIN_FORMAT_ISO0, tdes_pin,
                                        POSGUARD_PIN_FORMAT_ISO3, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_translate(block, len, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, tdes_pin,
                                        (posguard_pin_format)9, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_UNKNOWN_PIN_FORMAT);
    CHECK_STATUS(posguard_pin_translate(block, len, "5544332211009966", tdes_pin, POSGUARD_PIN_FORMAT_ISO0, tdes_pin,
                                        POSGUARD_PIN_FORMAT_ISO3, o.buf, sizeof o.buf, &o.len),
                 POSGUARD_STATUS_INVALID_PIN_BLOCK);
    CHECK(untouched(&o, sizeof o));
}

static void small_buffers(void) {
    struct out o;
    check_context = "buffer too small";
    reset(&o);
    CHECK_STATUS(posguard_pin_encrypt(PIN, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, o.buf, 7, &o.len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(o.len == 8 && untouched(o.buf, sizeof o.buf));

    reset(&o);
    CHECK_STATUS(posguard_pin_encrypt(PIN, PAN, aes_pin, POSGUARD_PIN_FORMAT_ISO4, o.buf, 15, &o.len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(o.len == 16 && untouched(o.buf, sizeof o.buf));

    reset(&o);
    CHECK_STATUS(posguard_pin_encode(PIN, PAN, POSGUARD_PIN_FORMAT_ISO0, NULL, 0, &o.len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(o.len == 8 && untouched(o.buf, sizeof o.buf));

    reset(&o);
    CHECK_STATUS(posguard_key_check_value(tdes_pin, POSGUARD_KCV_METHOD_ZERO_BLOCK, 8, o.buf, 4, &o.len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(o.len == 8 && untouched(o.buf, sizeof o.buf));

    reset(&o);
    CHECK_STATUS(posguard_key_export_clear(tdes_pin, o.buf, 15, &o.len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(o.len == 16 && untouched(o.buf, sizeof o.buf));

    uint8_t block[8];
    size_t len = 0;
    CHECK_OK(posguard_pin_encrypt(PIN, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, block, sizeof block, &len));
    reset(&o);
    CHECK_STATUS(posguard_pin_translate(block, len, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, aes_pin,
                                        POSGUARD_PIN_FORMAT_ISO4, o.buf, 8, &o.len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(o.len == 16 && untouched(o.buf, sizeof o.buf));

    /* A PIN buffer must hold POSGUARD_PIN_BUFFER_LEN bytes, whatever the PIN's length. */
    char pin[POSGUARD_PIN_BUFFER_LEN];
    memset(pin, SENTINEL, sizeof pin);
    CHECK_STATUS(posguard_pin_decrypt(block, len, PAN, tdes_pin, POSGUARD_PIN_FORMAT_ISO0, pin, sizeof pin - 1),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(untouched(pin, sizeof pin));
}

static void policies(void) {
    check_context = "policy";
    posguard_pin_policy p;
    CHECK_STATUS(posguard_pin_policy_default(NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_OK(posguard_pin_policy_default(&p));
    CHECK_STATUS(posguard_pin_check_policy(NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_check_policy("1234567890123"), POSGUARD_STATUS_INVALID_PIN);
    CHECK_STATUS(posguard_pin_check_policy_with(PIN, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_pin_check_policy_with(NULL, &p), POSGUARD_STATUS_NULL_POINTER);
    p.blocklist_len = 2;
    CHECK_STATUS(posguard_pin_check_policy_with(PIN, &p), POSGUARD_STATUS_NULL_POINTER);
    const char *const blocklist[] = {"482913", NULL};
    p.blocklist = blocklist;
    CHECK_STATUS(posguard_pin_check_policy_with(PIN, &p), POSGUARD_STATUS_NULL_POINTER);
}

/* Every named status has its own static message, free of anything secret. */
static void status_strings(void) {
    check_context = "status strings";
    const posguard_status all[] = {
        POSGUARD_STATUS_OK,
        POSGUARD_STATUS_INVALID_KEY_LENGTH,
        POSGUARD_STATUS_WEAK_KEY,
        POSGUARD_STATUS_KEY_USAGE,
        POSGUARD_STATUS_KEY_ALGORITHM,
        POSGUARD_STATUS_UNKNOWN_ALGORITHM,
        POSGUARD_STATUS_UNKNOWN_KEY_USAGE,
        POSGUARD_STATUS_INVALID_MODE_OF_USE,
        POSGUARD_STATUS_INVALID_PIN,
        POSGUARD_STATUS_INVALID_PAN,
        POSGUARD_STATUS_INVALID_PIN_BLOCK,
        POSGUARD_STATUS_UNKNOWN_PIN_FORMAT,
        POSGUARD_STATUS_FORBIDDEN_TRANSLATION,
        POSGUARD_STATUS_WEAK_PIN,
        POSGUARD_STATUS_INVALID_LENGTH,
        POSGUARD_STATUS_BUFFER_TOO_SMALL,
        POSGUARD_STATUS_MAC_MISMATCH,
        POSGUARD_STATUS_CHECK_VALUE_MISMATCH,
        POSGUARD_STATUS_RNG,
        POSGUARD_STATUS_MALFORMED_TLV,
        POSGUARD_STATUS_MALFORMED_DOL,
        POSGUARD_STATUS_NULL_POINTER,
        POSGUARD_STATUS_INVALID_UTF8,
        POSGUARD_STATUS_INVALID_ARGUMENT,
        POSGUARD_STATUS_PANIC,
        POSGUARD_STATUS_END,
        POSGUARD_STATUS_NOT_FOUND,
    };
    const char *const secrets[] = {PIN, PAN, TDES_KEY, AES_KEY, "0123", "4567", "89ab", "cdef"};
    const char *unknown = posguard_status_str((posguard_status)99);
    CHECK(unknown != NULL && strcmp(unknown, "unknown status") == 0);
    CHECK(strcmp(posguard_status_str((posguard_status)-1), unknown) == 0);
    for (size_t i = 0; i < COUNT(all); i++) {
        const char *msg = posguard_status_str(all[i]);
        CHECK(msg != NULL && msg[0] != '\0' && strcmp(msg, unknown) != 0);
        for (size_t j = 0; j < i; j++) {
            CHECK(strcmp(msg, posguard_status_str(all[j])) != 0);
        }
        for (size_t j = 0; j < COUNT(secrets); j++) {
            CHECK(strstr(msg, secrets[j]) == NULL);
        }
    }
    /* The numbers are posguard's error codes, the same in every language. */
    CHECK(POSGUARD_STATUS_INVALID_PIN == 8 && POSGUARD_STATUS_FORBIDDEN_TRANSLATION == 12);
    CHECK(POSGUARD_STATUS_CHECK_VALUE_MISMATCH == 21 && POSGUARD_STATUS_RNG == 30);
    CHECK(POSGUARD_STATUS_BUFFER_TOO_SMALL == 15);
    CHECK(POSGUARD_STATUS_MALFORMED_TLV == 40 && POSGUARD_STATUS_MALFORMED_DOL == 41);
}

int main(void) {
    tdes_pin = make_key("tdes", "pin", TDES_KEY);
    aes_pin = make_key("aes", "pin", AES_KEY);
    tdes_mac = make_key("tdes", "mac", TDES_KEY);
    if (tdes_pin == NULL || aes_pin == NULL || tdes_mac == NULL) {
        return check_finish("test_bad_input");
    }
    keys();
    check_values();
    pins_and_pans();
    blocks();
    translations();
    small_buffers();
    policies();
    status_strings();
    posguard_key_free(tdes_pin);
    posguard_key_free(aes_pin);
    posguard_key_free(tdes_mac);
    return check_finish("test_bad_input");
}
