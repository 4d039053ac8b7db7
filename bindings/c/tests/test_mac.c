/* MACs and data encryption through the C API: the published vectors of
 * core/tests/vectors/mac.json (each names its source; turned into
 * posguard_mac_vectors.h by `cargo xtask test --only c`), every single-bit
 * flip of data or MAC refused, the UnionPay MACs, data encryption known
 * answers (NIST SP 800-38A, GB/T 32907) and round trips, and bad input. */
#include "check.h"

struct mac_vector {
    const char *name;
    posguard_mac_algorithm algorithm;
    const char *key_algorithm;
    const char *key_usage;
    const char *key;
    const char *data;
    unsigned padding; /* the ISO 9797-1 method number: the posguard_mac_padding value */
    size_t length;    /* 0: the algorithm's default */
    const char *mac;
};

#include "posguard_mac_vectors.h"

static int flips;

static void run_mac_vector(const struct mac_vector *v) {
    posguard_key *key = make_key(v->key_algorithm, v->key_usage, v->key);
    uint8_t data[512], expected[POSGUARD_MAC_MAX_LEN], mac[POSGUARD_MAC_MAX_LEN];
    size_t data_len = unhex(v->data, data, sizeof data);
    size_t expected_len = unhex(v->mac, expected, sizeof expected), len = 0;
    posguard_mac_padding padding = (posguard_mac_padding)v->padding;

    CHECK_OK(posguard_mac_generate(key, data, data_len, v->algorithm, padding, v->length, mac, sizeof mac, &len));
    CHECK(bytes_equal(mac, len, expected, expected_len));
    CHECK_OK(posguard_mac_verify(key, data, data_len, expected, expected_len, v->algorithm, padding));

    /* Every single-bit flip of the MAC or of the data is a mismatch. */
    for (size_t i = 0; i < expected_len * 8; i++) {
        expected[i / 8] ^= (uint8_t)(1u << (i % 8));
        CHECK_STATUS(posguard_mac_verify(key, data, data_len, expected, expected_len, v->algorithm, padding),
                     POSGUARD_STATUS_MAC_MISMATCH);
        expected[i / 8] ^= (uint8_t)(1u << (i % 8));
        flips++;
    }
    for (size_t i = 0; i < data_len * 8; i++) {
        data[i / 8] ^= (uint8_t)(1u << (i % 8));
        CHECK_STATUS(posguard_mac_verify(key, data, data_len, expected, expected_len, v->algorithm, padding),
                     POSGUARD_STATUS_MAC_MISMATCH);
        data[i / 8] ^= (uint8_t)(1u << (i % 8));
        flips++;
    }
    posguard_key_free(key);
}

static void unionpay(void) {
    check_context = "unionpay ecb";
    posguard_key *mak = make_key("tdes", "mac", "0123456789ABCDEFFEDCBA9876543210");
    posguard_key *sm4_mak = make_key("sm4", "mac", "0123456789ABCDEFFEDCBA9876543210");
    const uint8_t message[] = "0200 3020048020C0...: sixteen bytes, then sixteen more";
    size_t n = sizeof message - 1;
    uint8_t mac[POSGUARD_MAC_MAX_LEN];
    size_t len = 0;
    CHECK_OK(posguard_mac_generate(mak, message, n, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB, POSGUARD_MAC_PADDING_DEFAULT,
                                   0, mac, sizeof mac, &len));
    /* Eight upper-case hex characters, as ASCII: what goes into field 64. */
    CHECK(len == 8);
    for (size_t i = 0; i < len; i++) {
        CHECK((mac[i] >= '0' && mac[i] <= '9') || (mac[i] >= 'A' && mac[i] <= 'F'));
    }
    CHECK_OK(posguard_mac_verify(mak, message, n, mac, len, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB,
                                 POSGUARD_MAC_PADDING_DEFAULT));
    /* The documented weakness: swapping two 8-byte blocks leaves the MAC unchanged. */
    uint8_t swapped[64];
    memcpy(swapped, message, n);
    memcpy(swapped, message + 8, 8);
    memcpy(swapped + 8, message, 8);
    CHECK_OK(posguard_mac_verify(mak, swapped, n, mac, len, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB,
                                 POSGUARD_MAC_PADDING_DEFAULT));
    /* A changed byte is caught. */
    swapped[3] ^= 0x01;
    CHECK_STATUS(posguard_mac_verify(mak, swapped, n, mac, len, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB,
                                     POSGUARD_MAC_PADDING_DEFAULT),
                 POSGUARD_STATUS_MAC_MISMATCH);
    /* Longer forms: 16 characters for DES/TDES, 32 for SM4. */
    CHECK_OK(posguard_mac_generate(mak, message, n, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB, POSGUARD_MAC_PADDING_DEFAULT,
                                   16, mac, sizeof mac, &len));
    CHECK(len == 16);
    check_context = "unionpay ecb sm4";
    CHECK_OK(posguard_mac_generate(sm4_mak, message, n, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB_SM4,
                                   POSGUARD_MAC_PADDING_DEFAULT, 0, mac, sizeof mac, &len));
    CHECK(len == 8);
    CHECK_OK(posguard_mac_verify(sm4_mak, message, n, mac, len, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB_SM4,
                                 POSGUARD_MAC_PADDING_DEFAULT));
    CHECK_OK(posguard_mac_generate(sm4_mak, message, n, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB_SM4,
                                   POSGUARD_MAC_PADDING_DEFAULT, 32, mac, sizeof mac, &len));
    CHECK(len == 32);
    CHECK_STATUS(posguard_mac_generate(sm4_mak, message, n, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB_SM4,
                                       POSGUARD_MAC_PADDING_DEFAULT, 33, mac, sizeof mac, &len),
                 POSGUARD_STATUS_INVALID_LENGTH);
    CHECK_STATUS(posguard_mac_generate(mak, message, n, POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB_SM4,
                                       POSGUARD_MAC_PADDING_DEFAULT, 0, mac, sizeof mac, &len),
                 POSGUARD_STATUS_KEY_ALGORITHM);
    posguard_key_free(mak);
    posguard_key_free(sm4_mak);
}

static posguard_key *key_with_mode(const char *algorithm, const char *usage, char mode, const char *hex) {
    uint8_t material[32];
    size_t len = unhex(hex, material, sizeof material);
    posguard_key *key = NULL;
    CHECK_OK(posguard_key_new_with_mode(algorithm, usage, mode, material, len, &key));
    memset(material, 0, sizeof material);
    return key;
}

#define TDES_KEY "0123456789ABCDEFFEDCBA9876543210"
#define AES_KEY "2B7E151628AED2A6ABF7158809CF4F3C"

static void generate_fails(const char *what, const posguard_key *key, posguard_mac_algorithm algorithm,
                           posguard_mac_padding padding, size_t length, posguard_status expected) {
    uint8_t out[POSGUARD_MAC_MAX_LEN];
    size_t len;
    memset(out, SENTINEL, sizeof out);
    memset(&len, SENTINEL, sizeof len);
    check_context = what;
    CHECK_STATUS(posguard_mac_generate(key, (const uint8_t *)"data", 4, algorithm, padding, length, out, sizeof out,
                                       &len),
                 expected);
    CHECK(untouched(out, sizeof out) && untouched(&len, sizeof len));
}

static void verify_fails(const char *what, const posguard_key *key, const uint8_t *mac, size_t mac_len,
                         posguard_mac_algorithm algorithm, posguard_mac_padding padding, posguard_status expected) {
    check_context = what;
    CHECK_STATUS(posguard_mac_verify(key, (const uint8_t *)"data", 4, mac, mac_len, algorithm, padding), expected);
}

static void mac_bad_input(void) {
    posguard_key *mac = make_key("tdes", "mac", TDES_KEY);
    posguard_key *m1 = make_key("aes", "M1", AES_KEY);
    posguard_key *pin = make_key("tdes", "pin", TDES_KEY);
    posguard_key *data = make_key("aes", "data", AES_KEY);
    posguard_key *tdes3 = make_key("tdes", "mac", "0123456789ABCDEFFEDCBA98765432100123456789ABCDEF");
    posguard_key *aes_mac = make_key("aes", "mac", AES_KEY);
    posguard_key *generate_only = key_with_mode("aes", "M6", 'G', AES_KEY);
    posguard_key *verify_only = key_with_mode("aes", "M6", 'V', AES_KEY);
    const posguard_mac_algorithm A1 = POSGUARD_MAC_ALGORITHM_ISO9797_1, A3 = POSGUARD_MAC_ALGORITHM_ISO9797_3,
                                 CMAC = POSGUARD_MAC_ALGORITHM_CMAC, HMAC = POSGUARD_MAC_ALGORITHM_HMAC_SHA256;
    const posguard_mac_padding P1 = POSGUARD_MAC_PADDING_METHOD1, PD = POSGUARD_MAC_PADDING_DEFAULT;

    generate_fails("MAC length 3", mac, A1, P1, 3, POSGUARD_STATUS_INVALID_LENGTH);
    generate_fails("MAC length 9 for a TDES key", mac, A1, P1, 9, POSGUARD_STATUS_INVALID_LENGTH);
    generate_fails("CMAC length 17 for an AES key", aes_mac, CMAC, PD, 17, POSGUARD_STATUS_INVALID_LENGTH);
    generate_fails("CMAC with padding method 2", aes_mac, CMAC, POSGUARD_MAC_PADDING_METHOD2, 0,
                   POSGUARD_STATUS_INVALID_ARGUMENT);
    generate_fails("padding 4", mac, A1, (posguard_mac_padding)4, 0, POSGUARD_STATUS_INVALID_ARGUMENT);
    generate_fails("algorithm 6", mac, (posguard_mac_algorithm)6, P1, 0, POSGUARD_STATUS_INVALID_ARGUMENT);
    generate_fails("PIN key", pin, A3, P1, 0, POSGUARD_STATUS_KEY_USAGE);
    generate_fails("data key", data, CMAC, PD, 0, POSGUARD_STATUS_KEY_USAGE);
    generate_fails("M1 key for CMAC", m1, CMAC, PD, 0, POSGUARD_STATUS_KEY_USAGE);
    generate_fails("verify-only key", verify_only, CMAC, PD, 0, POSGUARD_STATUS_KEY_USAGE);
    generate_fails("3-key TDES for the retail MAC", tdes3, A3, P1, 0, POSGUARD_STATUS_KEY_ALGORITHM);
    generate_fails("AES key for HMAC", aes_mac, HMAC, PD, 0, POSGUARD_STATUS_KEY_ALGORITHM);
    generate_fails("NULL key", NULL, A1, P1, 0, POSGUARD_STATUS_NULL_POINTER);

    check_context = "NULL data with a length";
    uint8_t out[POSGUARD_MAC_MAX_LEN];
    size_t len = 0, needed = 0;
    CHECK_STATUS(posguard_mac_generate(mac, NULL, 4, A3, P1, 0, out, sizeof out, &len), POSGUARD_STATUS_NULL_POINTER);
    check_context = "empty data";
    CHECK_OK(posguard_mac_generate(mac, NULL, 0, A3, P1, 0, out, sizeof out, &len));
    check_context = "MAC buffer too small";
    CHECK_STATUS(posguard_mac_generate(mac, (const uint8_t *)"data", 4, A3, P1, 0, NULL, 0, &needed),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed == 8);
    memset(out, SENTINEL, sizeof out);
    CHECK_STATUS(posguard_mac_generate(mac, (const uint8_t *)"data", 4, A3, P1, 0, out, 7, &len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 8 && untouched(out, sizeof out));
    CHECK_STATUS(posguard_mac_generate(mac, (const uint8_t *)"data", 4, A3, P1, 0, out, sizeof out, NULL),
                 POSGUARD_STATUS_NULL_POINTER);

    uint8_t tag[16];
    size_t tag_len = 0;
    CHECK_OK(posguard_mac_generate(aes_mac, (const uint8_t *)"data", 4, CMAC, PD, 0, tag, sizeof tag, &tag_len));
    verify_fails("the good MAC", aes_mac, tag, tag_len, CMAC, PD, POSGUARD_STATUS_OK);
    verify_fails("the good MAC truncated to 8", aes_mac, tag, 8, CMAC, PD, POSGUARD_STATUS_OK);
    verify_fails("MAC of 3 bytes", aes_mac, tag, 3, CMAC, PD, POSGUARD_STATUS_INVALID_LENGTH);
    verify_fails("generate-only key", generate_only, tag, tag_len, CMAC, PD, POSGUARD_STATUS_KEY_USAGE);
    verify_fails("M1 key for CMAC", m1, tag, tag_len, CMAC, PD, POSGUARD_STATUS_KEY_USAGE);
    verify_fails("padding 9", aes_mac, tag, tag_len, CMAC, (posguard_mac_padding)9, POSGUARD_STATUS_INVALID_ARGUMENT);
    verify_fails("NULL MAC", aes_mac, NULL, 8, CMAC, PD, POSGUARD_STATUS_NULL_POINTER);
    verify_fails("empty MAC", aes_mac, NULL, 0, CMAC, PD, POSGUARD_STATUS_INVALID_LENGTH);
    check_context = "verify-only key verifies";
    CHECK_OK(posguard_mac_verify(verify_only, (const uint8_t *)"data", 4, tag, tag_len, CMAC, PD));
    check_context = "generate-only key generates";
    CHECK_OK(posguard_mac_generate(generate_only, (const uint8_t *)"data", 4, CMAC, PD, 0, out, sizeof out, &len));
    CHECK(bytes_equal(out, len, tag, tag_len));

    posguard_key_free(mac);
    posguard_key_free(m1);
    posguard_key_free(pin);
    posguard_key_free(data);
    posguard_key_free(tdes3);
    posguard_key_free(aes_mac);
    posguard_key_free(generate_only);
    posguard_key_free(verify_only);
}

/* ------------------------------------------------------------------ data */

struct data_vector {
    const char *name;
    const char *algorithm;
    const char *key;
    posguard_data_mode mode;
    const char *iv; /* NULL: none */
    const char *plaintext;
    const char *ciphertext;
};

static const struct data_vector DATA_VECTORS[] = {
    /* NIST SP 800-38A, F.1.1 ECB-AES128.Encrypt. */
    {"sp800-38a f.1.1 ecb-aes128", "aes", AES_KEY, POSGUARD_DATA_MODE_ECB, NULL,
     "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411E5FBC1191A0A52EF"
     "F69F2445DF4F9B17AD2B417BE66C3710",
     "3AD77BB40D7A3660A89ECAF32466EF97F5D3D58503B9699DE785895A96FDBAAF43B1CD7F598ECE23881B00E3ED030688"
     "7B0C785E27E8AD3F8223207104725DD4"},
    /* NIST SP 800-38A, F.2.1 CBC-AES128.Encrypt. */
    {"sp800-38a f.2.1 cbc-aes128", "aes", AES_KEY, POSGUARD_DATA_MODE_CBC, "000102030405060708090A0B0C0D0E0F",
     "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411E5FBC1191A0A52EF"
     "F69F2445DF4F9B17AD2B417BE66C3710",
     "7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B273BED6B8E3C1743B7116E69E22229516"
     "3FF1CAA1681FAC09120ECA307586E1A7"},
    /* GB/T 32907-2016 Appendix A, example 1 (SM4, one block). */
    {"gb/t 32907 example 1", "sm4", "0123456789ABCDEFFEDCBA9876543210", POSGUARD_DATA_MODE_ECB, NULL,
     "0123456789ABCDEFFEDCBA9876543210", "681EDF34D206965E86B3E94F536E4246"},
};

static void run_data_vector(const struct data_vector *v) {
    check_context = v->name;
    posguard_key *key = make_key(v->algorithm, "data", v->key);
    uint8_t iv[16], plain[64], cipher[64], out[80];
    size_t iv_len = v->iv != NULL ? unhex(v->iv, iv, sizeof iv) : 0;
    size_t plain_len = unhex(v->plaintext, plain, sizeof plain), cipher_len = unhex(v->ciphertext, cipher, sizeof cipher);
    size_t len = 0;
    CHECK_OK(posguard_data_encrypt(key, plain, plain_len, v->mode, iv, iv_len, POSGUARD_DATA_PADDING_NONE, out,
                                   sizeof out, &len));
    CHECK(bytes_equal(out, len, cipher, cipher_len));
    CHECK_OK(posguard_data_decrypt(key, cipher, cipher_len, v->mode, iv, iv_len, POSGUARD_DATA_PADDING_NONE, out,
                                   sizeof out, &len));
    CHECK(bytes_equal(out, len, plain, plain_len));
    posguard_key_free(key);
}

static int data_round_trips;

static void data_round_trip(const char *algorithm, const char *hex, size_t block) {
    posguard_key *key = make_key(algorithm, "data", hex);
    const posguard_data_padding paddings[] = {POSGUARD_DATA_PADDING_NONE, POSGUARD_DATA_PADDING_ZEROS,
                                              POSGUARD_DATA_PADDING_ISO9797_2};
    uint8_t iv[16], plain[48], cipher[64], back[64];
    for (size_t i = 0; i < sizeof iv; i++) {
        iv[i] = (uint8_t)(0xA0 + i);
    }
    for (size_t i = 0; i < sizeof plain; i++) {
        plain[i] = (uint8_t)(i * 7 + 1);
    }
    for (int mode = POSGUARD_DATA_MODE_ECB; mode <= POSGUARD_DATA_MODE_CBC; mode++) {
        for (size_t p = 0; p < COUNT(paddings); p++) {
            for (size_t n = 0; n <= sizeof plain; n++) {
                size_t iv_len = mode == POSGUARD_DATA_MODE_CBC ? block : 0;
                size_t len = 0, back_len = 0;
                posguard_status s = posguard_data_encrypt(key, plain, n, (posguard_data_mode)mode, iv, iv_len,
                                                          paddings[p], cipher, sizeof cipher, &len);
                if (paddings[p] == POSGUARD_DATA_PADDING_NONE && n % block != 0) {
                    CHECK(s == POSGUARD_STATUS_INVALID_LENGTH);
                    continue;
                }
                CHECK(s == POSGUARD_STATUS_OK);
                CHECK(len % block == 0 && len >= n);
                CHECK_OK(posguard_data_decrypt(key, cipher, len, (posguard_data_mode)mode, iv, iv_len, paddings[p],
                                               back, sizeof back, &back_len));
                if (paddings[p] == POSGUARD_DATA_PADDING_ZEROS) {
                    /* Zero padding stays: the caller cuts to the length it knows. */
                    CHECK(back_len == len && memcmp(back, plain, n) == 0);
                    for (size_t i = n; i < back_len; i++) {
                        CHECK(back[i] == 0);
                    }
                } else {
                    CHECK(bytes_equal(back, back_len, plain, n));
                }
                data_round_trips++;
            }
        }
    }
    posguard_key_free(key);
}

static void data_fails(const char *what, bool decrypt, const posguard_key *key, size_t data_len,
                       posguard_data_mode mode, const uint8_t *iv, size_t iv_len, posguard_data_padding padding,
                       posguard_status expected) {
    uint8_t data[64] = {0}, out[80];
    size_t len;
    memset(out, SENTINEL, sizeof out);
    memset(&len, SENTINEL, sizeof len);
    check_context = what;
    posguard_status s = decrypt ? posguard_data_decrypt(key, data, data_len, mode, iv, iv_len, padding, out, sizeof out,
                                                        &len)
                                : posguard_data_encrypt(key, data, data_len, mode, iv, iv_len, padding, out, sizeof out,
                                                        &len);
    CHECK_STATUS(s, expected);
    CHECK(untouched(out, sizeof out) && untouched(&len, sizeof len));
}

static void data_bad_input(void) {
    posguard_key *aes = make_key("aes", "data", AES_KEY);
    posguard_key *pin = make_key("aes", "pin", AES_KEY);
    posguard_key *mac = make_key("aes", "mac", AES_KEY);
    posguard_key *encrypt_only = key_with_mode("aes", "data", 'E', AES_KEY);
    posguard_key *decrypt_only = key_with_mode("aes", "data", 'D', AES_KEY);
    const uint8_t iv[16] = {0};
    const posguard_data_mode ECB = POSGUARD_DATA_MODE_ECB, CBC = POSGUARD_DATA_MODE_CBC;
    const posguard_data_padding NONE = POSGUARD_DATA_PADDING_NONE, M2 = POSGUARD_DATA_PADDING_ISO9797_2;

    data_fails("IV of 8 bytes for AES", false, aes, 16, CBC, iv, 8, NONE, POSGUARD_STATUS_INVALID_LENGTH);
    data_fails("decrypt: IV of 15 bytes", true, aes, 16, CBC, iv, 15, NONE, POSGUARD_STATUS_INVALID_LENGTH);
    data_fails("IV for ECB", false, aes, 16, ECB, iv, 16, NONE, POSGUARD_STATUS_INVALID_ARGUMENT);
    data_fails("15 bytes without padding", false, aes, 15, CBC, NULL, 0, NONE, POSGUARD_STATUS_INVALID_LENGTH);
    data_fails("decrypt 17 bytes", true, aes, 17, CBC, NULL, 0, M2, POSGUARD_STATUS_INVALID_LENGTH);
    data_fails("PIN key", false, pin, 16, CBC, NULL, 0, NONE, POSGUARD_STATUS_KEY_USAGE);
    data_fails("MAC key", true, mac, 16, CBC, NULL, 0, NONE, POSGUARD_STATUS_KEY_USAGE);
    data_fails("encrypt-only key decrypts", true, encrypt_only, 16, CBC, NULL, 0, NONE, POSGUARD_STATUS_KEY_USAGE);
    data_fails("decrypt-only key encrypts", false, decrypt_only, 16, CBC, NULL, 0, NONE, POSGUARD_STATUS_KEY_USAGE);
    data_fails("mode 2", false, aes, 16, (posguard_data_mode)2, NULL, 0, NONE, POSGUARD_STATUS_INVALID_ARGUMENT);
    data_fails("padding 3", false, aes, 16, CBC, NULL, 0, (posguard_data_padding)3, POSGUARD_STATUS_INVALID_ARGUMENT);
    data_fails("NULL key", false, NULL, 16, CBC, NULL, 0, NONE, POSGUARD_STATUS_NULL_POINTER);

    check_context = "decrypt: bad padding";
    uint8_t plain[16] = {0x11}, cipher[32], out[32];
    size_t len = 0, needed = 0;
    CHECK_OK(posguard_data_encrypt(aes, plain, sizeof plain, CBC, NULL, 0, NONE, cipher, sizeof cipher, &len));
    memset(out, SENTINEL, sizeof out);
    CHECK_STATUS(posguard_data_decrypt(aes, cipher, len, CBC, NULL, 0, M2, out, sizeof out, &needed),
                 POSGUARD_STATUS_INVALID_PADDING);
    CHECK(untouched(out, sizeof out));
    check_context = "data buffer too small";
    CHECK_STATUS(posguard_data_encrypt(aes, plain, sizeof plain, CBC, NULL, 0, M2, NULL, 0, &needed),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed == 32);
    CHECK_STATUS(posguard_data_encrypt(aes, plain, sizeof plain, CBC, NULL, 0, M2, out, 31, &len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 32 && untouched(out, sizeof out));
    CHECK_STATUS(posguard_data_encrypt(aes, plain, sizeof plain, CBC, NULL, 0, M2, out, sizeof out, NULL),
                 POSGUARD_STATUS_NULL_POINTER);

    posguard_key_free(aes);
    posguard_key_free(pin);
    posguard_key_free(mac);
    posguard_key_free(encrypt_only);
    posguard_key_free(decrypt_only);
}

int main(void) {
    /* The same minimum count as core/tests/mac_vectors.rs: an empty file must fail. */
    CHECK(COUNT(MAC_VECTORS) >= 40);
    for (size_t i = 0; i < COUNT(MAC_VECTORS); i++) {
        check_context = MAC_VECTORS[i].name;
        run_mac_vector(&MAC_VECTORS[i]);
    }
    unionpay();
    mac_bad_input();
    for (size_t i = 0; i < COUNT(DATA_VECTORS); i++) {
        run_data_vector(&DATA_VECTORS[i]);
    }
    check_context = "data round trips";
    data_round_trip("tdes", TDES_KEY, 8);
    data_round_trip("aes", "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", 16);
    data_round_trip("sm4", "0123456789ABCDEFFEDCBA9876543210", 16);
    data_bad_input();
    printf("test_mac: %zu MAC vectors (%d single-bit flips refused), %zu data vectors, %d data round trips\n",
           COUNT(MAC_VECTORS), flips, COUNT(DATA_VECTORS), data_round_trips);
    return check_finish("test_mac");
}
