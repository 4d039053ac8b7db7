/* Round trips for every PIN block format, translation, PIN policy, and the
 * key handle's attributes. Expected values come from the published vectors
 * (test_vectors.c); here only properties are checked. */
#include "check.h"

#define TDES_KEY "0123456789ABCDEFFEDCBA9876543210"
#define TDES_KEY_2 "89ABCDEF01234567FEDCBA9876543210"
#define AES_KEY "00112233445566778899AABBCCDDEEFF"
#define SM4_KEY "0123456789ABCDEFFEDCBA9876543210"
#define PAN "4012345678909"

struct format_case {
    const char *name;
    posguard_pin_format format;
    const char *algorithm;
    const char *key;
    size_t block_len;
    bool random_fill;
};

static const struct format_case FORMATS[] = {
    {"iso0", POSGUARD_PIN_FORMAT_ISO0, "tdes", TDES_KEY, 8, false},
    {"iso1", POSGUARD_PIN_FORMAT_ISO1, "tdes", TDES_KEY, 8, true},
    {"iso2", POSGUARD_PIN_FORMAT_ISO2, "tdes", TDES_KEY, 8, false},
    {"iso3", POSGUARD_PIN_FORMAT_ISO3, "tdes", TDES_KEY, 8, true},
    {"iso4", POSGUARD_PIN_FORMAT_ISO4, "aes", AES_KEY, 16, true},
    {"sm4", POSGUARD_PIN_FORMAT_SM4, "sm4", SM4_KEY, 16, false},
};

static const char *const PINS[] = {"0000", "8264", "90210", "123456789012"};

static void round_trips(const struct format_case *f) {
    posguard_key *key = make_key(f->algorithm, "pin", f->key);
    for (size_t i = 0; i < COUNT(PINS); i++) {
        uint8_t block[POSGUARD_PIN_BLOCK_MAX_LEN], again[POSGUARD_PIN_BLOCK_MAX_LEN];
        size_t len = 0, again_len = 0;
        char pin[POSGUARD_PIN_BUFFER_LEN] = "";

        CHECK_OK(posguard_pin_encode(PINS[i], PAN, f->format, block, sizeof block, &len));
        CHECK(len == f->block_len);
        CHECK_OK(posguard_pin_decode(block, len, PAN, f->format, pin, sizeof pin));
        CHECK(strcmp(pin, PINS[i]) == 0);

        memset(pin, 0, sizeof pin);
        CHECK_OK(posguard_pin_encrypt(PINS[i], PAN, key, f->format, block, sizeof block, &len));
        CHECK(len == f->block_len);
        CHECK_OK(posguard_pin_decrypt(block, len, PAN, key, f->format, pin, sizeof pin));
        CHECK(strcmp(pin, PINS[i]) == 0);

        /* Random fill comes from the OS RNG: with a 4-digit PIN two blocks
         * differ (a repeat has odds of at most 6^-10, format 3's fill). */
        if (strlen(PINS[i]) == 4) {
            CHECK_OK(posguard_pin_encrypt(PINS[i], PAN, key, f->format, again, sizeof again, &again_len));
            CHECK(bytes_equal(block, len, again, again_len) == !f->random_fill);
        }
    }
    posguard_key_free(key);
}

/* Translates "8264" from one key/format to another and decrypts the result. */
static void translate(const struct format_case *from, const struct format_case *to, const char *to_key_hex) {
    posguard_key *from_key = make_key(from->algorithm, "pin", from->key);
    posguard_key *to_key = make_key(to->algorithm, "pin", to_key_hex);
    uint8_t block[POSGUARD_PIN_BLOCK_MAX_LEN], out[POSGUARD_PIN_BLOCK_MAX_LEN];
    size_t len = 0, out_len = 0;
    char pin[POSGUARD_PIN_BUFFER_LEN] = "";

    CHECK_OK(posguard_pin_encrypt("8264", PAN, from_key, from->format, block, sizeof block, &len));
    CHECK_OK(posguard_pin_translate(block, len, PAN, from_key, from->format, to_key, to->format, out, sizeof out,
                                    &out_len));
    CHECK(out_len == to->block_len);
    CHECK_OK(posguard_pin_decrypt(out, out_len, PAN, to_key, to->format, pin, sizeof pin));
    CHECK(strcmp(pin, "8264") == 0);
    posguard_key_free(from_key);
    posguard_key_free(to_key);
}

static void translations(void) {
    const struct format_case *iso0 = &FORMATS[0], *iso1 = &FORMATS[1], *iso2 = &FORMATS[2], *iso3 = &FORMATS[3],
                             *iso4 = &FORMATS[4], *sm4 = &FORMATS[5];
    check_context = "translate";
    translate(iso0, iso3, TDES_KEY_2);
    translate(iso0, iso4, AES_KEY);
    translate(iso4, iso0, TDES_KEY_2);
    translate(iso3, sm4, SM4_KEY);
    translate(iso1, iso2, TDES_KEY_2);
    translate(iso2, iso0, TDES_KEY_2);
}

static void policy(void) {
    check_context = "policy";
    const char *const weak[] = {"0000", "1111", "1234", "9876", "123456"};
    for (size_t i = 0; i < COUNT(weak); i++) {
        CHECK_STATUS(posguard_pin_check_policy(weak[i]), POSGUARD_STATUS_WEAK_PIN);
    }
    CHECK_OK(posguard_pin_check_policy("8264"));
    CHECK_STATUS(posguard_pin_check_policy("12a4"), POSGUARD_STATUS_INVALID_PIN);
    CHECK_STATUS(posguard_pin_check_policy("123"), POSGUARD_STATUS_INVALID_PIN);

    posguard_pin_policy p;
    CHECK_OK(posguard_pin_policy_default(&p));
    CHECK(p.min_len == 4 && p.max_len == 12 && p.reject_repeated && p.reject_sequences && p.reject_common);
    CHECK(p.blocklist == NULL && p.blocklist_len == 0);
    CHECK_STATUS(posguard_pin_check_policy_with("1234", &p), POSGUARD_STATUS_WEAK_PIN);

    const char *const blocklist[] = {"482913", "771199"};
    p.min_len = 6;
    p.reject_sequences = false;
    p.blocklist = blocklist;
    p.blocklist_len = COUNT(blocklist);
    CHECK_OK(posguard_pin_check_policy_with("123456", &p));
    CHECK_OK(posguard_pin_check_policy_with("482914", &p));
    CHECK_STATUS(posguard_pin_check_policy_with("8264", &p), POSGUARD_STATUS_WEAK_PIN);
    CHECK_STATUS(posguard_pin_check_policy_with("771199", &p), POSGUARD_STATUS_WEAK_PIN);
    CHECK_STATUS(posguard_pin_check_policy_with("482913", &p), POSGUARD_STATUS_WEAK_PIN);
}

static void key_attributes(void) {
    check_context = "key attributes";
    uint8_t material[32], exported[32];
    size_t len = unhex(TDES_KEY, material, sizeof material), exported_len = 0;
    posguard_key *key = NULL;

    CHECK_OK(posguard_key_new("TDES", "P0", material, len, &key));
    CHECK(strcmp(posguard_key_algorithm(key), "tdes") == 0);
    CHECK(strcmp(posguard_key_usage(key), "P0") == 0);
    CHECK(posguard_key_mode(key) == 'B');
    CHECK(posguard_key_length(key) == 16);
    CHECK_OK(posguard_key_export_clear(key, exported, sizeof exported, &exported_len));
    CHECK(bytes_equal(exported, exported_len, material, len));
    posguard_key_free(key);

    /* An encrypt-only PIN key (a terminal's) cannot decrypt. */
    CHECK_OK(posguard_key_new_with_mode("tdes", "pin", 'E', material, len, &key));
    CHECK(posguard_key_mode(key) == 'E');
    uint8_t block[8];
    size_t block_len = 0;
    char pin[POSGUARD_PIN_BUFFER_LEN];
    CHECK_OK(posguard_pin_encrypt("8264", PAN, key, POSGUARD_PIN_FORMAT_ISO0, block, sizeof block, &block_len));
    CHECK_STATUS(posguard_pin_decrypt(block, block_len, PAN, key, POSGUARD_PIN_FORMAT_ISO0, pin, sizeof pin),
                 POSGUARD_STATUS_KEY_USAGE);
    posguard_key_free(key);

    key = make_key("aes", "mac", "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    CHECK(strcmp(posguard_key_algorithm(key), "aes") == 0);
    CHECK(strcmp(posguard_key_usage(key), "M0") == 0);
    CHECK(posguard_key_mode(key) == 'C');
    CHECK(posguard_key_length(key) == 32);
    /* Asking for the size: no buffer, capacity 0. */
    CHECK_STATUS(posguard_key_check_value(key, POSGUARD_KCV_METHOD_DEFAULT, 0, NULL, 0, &len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 3);
    posguard_key_free(key);
}

int main(void) {
    for (size_t i = 0; i < COUNT(FORMATS); i++) {
        check_context = FORMATS[i].name;
        round_trips(&FORMATS[i]);
    }
    translations();
    policy();
    key_attributes();
    return check_finish("test_pin");
}
