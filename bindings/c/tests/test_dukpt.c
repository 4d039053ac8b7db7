/* TDES DUKPT (ANSI X9.24-1:2009) and AES DUKPT (ANSI X9.24-3:2017) through
 * the C API: the published vectors of core/tests/vectors/dukpt_tdes.json and
 * dukpt_aes.json (each names its source; turned into posguard_dukpt_vectors.h
 * by `cargo xtask test --only c`), device against host for hundreds of
 * transactions across a save/restore, exhaustion, and bad input. */
#include "check.h"

struct dukpt_tdes_vector {
    const char *name;
    const char *bdk;
    const char *ksn;
    const char *ipek;
    const char *transaction_key;
    const char *pin_key;
    const char *mac_request_key;
    const char *pin;
    const char *pan;
    const char *encrypted_pin_block;
    const char *message; /* hex, or NULL: then the MACs and ciphertexts are NULL too */
    const char *mac_request;
    const char *mac_response;
    const char *data_request_ciphertext;
    const char *data_response_ciphertext;
};

struct dukpt_aes_vector {
    const char *name;
    const char *kind; /* initial_key, derivation_key, working_key, update_key, pin_block */
    const char *bdk;
    const char *initial_key_id;
    const char *initial_key;
    const char *ksn;
    posguard_dukpt_aes_usage usage;
    posguard_dukpt_aes_key_type key_type;
    const char *key;
    const char *pin;
    const char *pan;
    const char *pin_field;
    const char *encrypted_pin_block;
};

#include "posguard_dukpt_vectors.h"

static bool key_is(const posguard_key *key, const char *hex) {
    uint8_t expected[32], got[32];
    size_t expected_len = unhex(hex, expected, sizeof expected), len = 0;
    bool ok = key != NULL && posguard_key_export_clear(key, got, sizeof got, &len) == POSGUARD_STATUS_OK &&
              bytes_equal(got, len, expected, expected_len);
    memset(got, 0, sizeof got);
    return ok;
}

static bool same_key(const posguard_key *a, const posguard_key *b) {
    uint8_t ka[32], kb[32];
    size_t la = 0, lb = 0;
    bool ok = a != NULL && b != NULL && posguard_key_export_clear(a, ka, sizeof ka, &la) == POSGUARD_STATUS_OK &&
              posguard_key_export_clear(b, kb, sizeof kb, &lb) == POSGUARD_STATUS_OK && bytes_equal(ka, la, kb, lb) &&
              strcmp(posguard_key_usage(a), posguard_key_usage(b)) == 0 && posguard_key_mode(a) == posguard_key_mode(b);
    memset(ka, 0, sizeof ka);
    memset(kb, 0, sizeof kb);
    return ok;
}

/* The host's copy of a one-way DUKPT key has the opposite mode of use: it
 * verifies what the device generated and decrypts what it encrypted. */
static char host_mode(char device_mode) {
    switch (device_mode) {
    case 'G':
        return 'V';
    case 'V':
        return 'G';
    case 'E':
        return 'D';
    case 'D':
        return 'E';
    default:
        return device_mode;
    }
}

/* Host and device hold the same key: same material and usage, and the mode as host_mode says. */
static bool host_has_device_key(const posguard_key *host, const posguard_key *device) {
    uint8_t kh[32], kd[32];
    size_t lh = 0, ld = 0;
    bool ok = host != NULL && device != NULL &&
              posguard_key_export_clear(host, kh, sizeof kh, &lh) == POSGUARD_STATUS_OK &&
              posguard_key_export_clear(device, kd, sizeof kd, &ld) == POSGUARD_STATUS_OK &&
              bytes_equal(kh, lh, kd, ld) && strcmp(posguard_key_usage(host), posguard_key_usage(device)) == 0 &&
              posguard_key_mode(host) == host_mode(posguard_key_mode(device));
    memset(kh, 0, sizeof kh);
    memset(kd, 0, sizeof kd);
    return ok;
}

static posguard_key *key_with_mode(const char *algorithm, const char *usage, char mode, const char *hex) {
    uint8_t material[32];
    size_t len = unhex(hex, material, sizeof material);
    posguard_key *key = NULL;
    CHECK_OK(posguard_key_new_with_mode(algorithm, usage, mode, material, len, &key));
    memset(material, 0, sizeof material);
    return key;
}

/* ---------------------------------------------------------------- TDES */

static int tdes_macs, tdes_data;

static void run_tdes_vector(const struct dukpt_tdes_vector *v) {
    posguard_key *bdk = make_key("tdes", "B0", v->bdk);
    uint8_t ksn[POSGUARD_DUKPT_TDES_KSN_LEN + 2];
    size_t ksn_len = unhex(v->ksn, ksn, sizeof ksn);
    posguard_key *ipek = NULL, *pin_key = NULL, *pin_from_ipek = NULL, *mac_key = NULL;

    CHECK_OK(posguard_dukpt_tdes_derive_ipek(bdk, ksn, ksn_len, &ipek));
    CHECK(key_is(ipek, v->ipek));
    CHECK(ipek != NULL && strcmp(posguard_key_usage(ipek), "B1") == 0 && posguard_key_mode(ipek) == 'X');
    CHECK_OK(posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_PIN, &pin_key));
    CHECK_OK(posguard_dukpt_tdes_derive_key_from_ipek(ipek, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_PIN,
                                                      &pin_from_ipek));
    CHECK(same_key(pin_key, pin_from_ipek));
    CHECK(pin_key != NULL && strcmp(posguard_key_usage(pin_key), "P0") == 0);
    if (v->pin_key != NULL) {
        CHECK(key_is(pin_key, v->pin_key));
    }
    CHECK_OK(posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_MAC_REQUEST, &mac_key));
    CHECK(mac_key != NULL && strcmp(posguard_key_usage(mac_key), "M3") == 0 && posguard_key_mode(mac_key) == 'C');
    if (v->mac_request_key != NULL) {
        CHECK(key_is(mac_key, v->mac_request_key));
    }

    /* ISO 9564-1 format 0 is deterministic: the published encrypted PIN block. */
    uint8_t expected[64], out[64];
    size_t expected_len = unhex(v->encrypted_pin_block, expected, sizeof expected), len = 0;
    CHECK_OK(posguard_pin_encrypt(v->pin, v->pan, pin_key, POSGUARD_PIN_FORMAT_ISO0, out, sizeof out, &len));
    CHECK(bytes_equal(out, len, expected, expected_len));
    char pin[POSGUARD_PIN_BUFFER_LEN];
    CHECK_OK(posguard_pin_decrypt(expected, expected_len, v->pan, pin_key, POSGUARD_PIN_FORMAT_ISO0, pin, sizeof pin));
    CHECK(strcmp(pin, v->pin) == 0);
    /* A DUKPT MAC key is refused where a PIN key is expected. */
    CHECK_STATUS(posguard_pin_encrypt(v->pin, v->pan, mac_key, POSGUARD_PIN_FORMAT_ISO0, out, sizeof out, &len),
                 POSGUARD_STATUS_KEY_USAGE);

    if (v->message != NULL) {
        uint8_t message[64];
        size_t message_len = unhex(v->message, message, sizeof message);
        /* Request and response MACs: ISO 9797-1 algorithm 3 (X9.19), padding method 1. */
        const struct {
            posguard_dukpt_tdes_usage usage;
            const char *mac;
        } macs[] = {{POSGUARD_DUKPT_TDES_USAGE_MAC_REQUEST, v->mac_request},
                    {POSGUARD_DUKPT_TDES_USAGE_MAC_RESPONSE, v->mac_response}};
        for (size_t i = 0; i < COUNT(macs); i++) {
            posguard_key *k = NULL;
            CHECK_OK(posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, macs[i].usage, &k));
            expected_len = unhex(macs[i].mac, expected, sizeof expected);
            CHECK_OK(posguard_mac_generate(k, message, message_len, POSGUARD_MAC_ALGORITHM_ISO9797_3,
                                           POSGUARD_MAC_PADDING_METHOD1, 0, out, sizeof out, &len));
            CHECK(bytes_equal(out, len, expected, expected_len));
            CHECK_OK(posguard_mac_verify(k, message, message_len, expected, expected_len,
                                         POSGUARD_MAC_ALGORITHM_ISO9797_3, POSGUARD_MAC_PADDING_METHOD1));
            posguard_key_free(k);
            tdes_macs++;
        }
        /* Request and response data keys: TDES-CBC, zero IV, zero padding. */
        const struct {
            posguard_dukpt_tdes_usage usage;
            const char *ciphertext;
        } data[] = {{POSGUARD_DUKPT_TDES_USAGE_DATA_REQUEST, v->data_request_ciphertext},
                    {POSGUARD_DUKPT_TDES_USAGE_DATA_RESPONSE, v->data_response_ciphertext}};
        for (size_t i = 0; i < COUNT(data); i++) {
            posguard_key *k = NULL;
            CHECK_OK(posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, data[i].usage, &k));
            CHECK(k != NULL && strcmp(posguard_key_usage(k), "D0") == 0 && posguard_key_mode(k) == 'B');
            expected_len = unhex(data[i].ciphertext, expected, sizeof expected);
            CHECK_OK(posguard_data_encrypt(k, message, message_len, POSGUARD_DATA_MODE_CBC, NULL, 0,
                                           POSGUARD_DATA_PADDING_ZEROS, out, sizeof out, &len));
            CHECK(bytes_equal(out, len, expected, expected_len));
            posguard_key_free(k);
            tdes_data++;
        }
    }
    posguard_key_free(bdk);
    posguard_key_free(ipek);
    posguard_key_free(pin_key);
    posguard_key_free(pin_from_ipek);
    posguard_key_free(mac_key);
}

/* The device loaded with the annex's initial key and KSN gives the published
 * KSNs and PIN keys (A.4.2), and resumed at the first rollover KSN the A.4.3
 * sequence, across a save/restore. */
static int tdes_device_vectors;

static void tdes_device_sequence(const char *start_ksn, bool initial, bool save_restore) {
    const struct dukpt_tdes_vector *first = &DUKPT_TDES_VECTORS[0];
    posguard_key *ipek = make_key("tdes", "B1", first->ipek);
    uint8_t ksn[POSGUARD_DUKPT_TDES_KSN_LEN];
    unhex(start_ksn, ksn, sizeof ksn);
    posguard_dukpt_tdes_device *device = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_new(ipek, ksn, sizeof ksn, &device));
    posguard_key_free(ipek); /* the device keeps what it needs */
    if (save_restore) {
        uint8_t state[POSGUARD_DUKPT_TDES_STATE_MAX_LEN];
        size_t state_len = 0;
        CHECK_OK(posguard_dukpt_tdes_device_save(device, state, sizeof state, &state_len));
        posguard_dukpt_tdes_device_free(device);
        device = NULL;
        CHECK_OK(posguard_dukpt_tdes_device_restore(state, state_len, &device));
        memset(state, 0, sizeof state);
    }
    for (size_t i = 0; i < COUNT(DUKPT_TDES_VECTORS) && device != NULL; i++) {
        const struct dukpt_tdes_vector *v = &DUKPT_TDES_VECTORS[i];
        bool in_initial = strncmp(v->ksn, "FFFF9876543210E000", 18) == 0;
        if (v->transaction_key == NULL || in_initial != initial) {
            continue;
        }
        check_context = v->name;
        uint8_t expected[POSGUARD_DUKPT_TDES_KSN_LEN], got[16];
        size_t len = 0;
        unhex(v->ksn, expected, sizeof expected);
        CHECK_OK(posguard_dukpt_tdes_device_ksn(device, got, sizeof got, &len));
        CHECK(bytes_equal(got, len, expected, sizeof expected));
        posguard_dukpt_tdes_transaction *tx = NULL;
        CHECK_OK(posguard_dukpt_tdes_device_next(device, &tx));
        CHECK_OK(posguard_dukpt_tdes_transaction_ksn(tx, got, sizeof got, &len));
        CHECK(bytes_equal(got, len, expected, sizeof expected));
        posguard_key *pin_key = NULL;
        CHECK_OK(posguard_dukpt_tdes_transaction_key(tx, POSGUARD_DUKPT_TDES_USAGE_PIN, &pin_key));
        CHECK(key_is(pin_key, v->pin_key));
        uint8_t block[16];
        uint8_t published[16];
        size_t published_len = unhex(v->encrypted_pin_block, published, sizeof published);
        CHECK_OK(posguard_pin_encrypt(v->pin, v->pan, pin_key, POSGUARD_PIN_FORMAT_ISO0, block, sizeof block, &len));
        CHECK(bytes_equal(block, len, published, published_len));
        posguard_key_free(pin_key);
        posguard_dukpt_tdes_transaction_free(tx);
        tdes_device_vectors++;
    }
    posguard_dukpt_tdes_device_free(device);
}

#define TDES_BDK "0123456789ABCDEFFEDCBA9876543210"

/* Device and host agree on every key for hundreds of consecutive
 * transactions, including across a save/restore half way. */
static int tdes_agreements;

static void tdes_device_vs_host(const char *what, const char *start_ksn, int transactions) {
    check_context = what;
    posguard_key *bdk = make_key("tdes", "B0", TDES_BDK);
    uint8_t ksn[POSGUARD_DUKPT_TDES_KSN_LEN];
    unhex(start_ksn, ksn, sizeof ksn);
    posguard_key *ipek = NULL;
    CHECK_OK(posguard_dukpt_tdes_derive_ipek(bdk, ksn, sizeof ksn, &ipek));
    posguard_dukpt_tdes_device *device = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_new(ipek, ksn, sizeof ksn, &device));
    posguard_key_free(ipek);
    uint32_t remaining = posguard_dukpt_tdes_device_remaining(device);
    CHECK(remaining > 0);
    uint8_t last[POSGUARD_DUKPT_TDES_KSN_LEN] = {0};
    for (int t = 0; t < transactions && device != NULL; t++) {
        if (t == transactions / 2) {
            uint8_t state[POSGUARD_DUKPT_TDES_STATE_MAX_LEN];
            size_t state_len = 0;
            CHECK_OK(posguard_dukpt_tdes_device_save(device, state, sizeof state, &state_len));
            CHECK(state_len <= POSGUARD_DUKPT_TDES_STATE_MAX_LEN);
            posguard_dukpt_tdes_device_free(device);
            device = NULL;
            CHECK_OK(posguard_dukpt_tdes_device_restore(state, state_len, &device));
            memset(state, 0, sizeof state);
            CHECK(posguard_dukpt_tdes_device_remaining(device) == remaining);
            if (device == NULL) {
                break;
            }
        }
        posguard_dukpt_tdes_transaction *tx = NULL;
        CHECK_OK(posguard_dukpt_tdes_device_next(device, &tx));
        CHECK(posguard_dukpt_tdes_device_remaining(device) == --remaining);
        uint8_t tx_ksn[POSGUARD_DUKPT_TDES_KSN_LEN];
        size_t len = 0;
        CHECK_OK(posguard_dukpt_tdes_transaction_ksn(tx, tx_ksn, sizeof tx_ksn, &len));
        CHECK(len == sizeof tx_ksn && memcmp(tx_ksn, last, sizeof last) != 0);
        memcpy(last, tx_ksn, sizeof last);
        for (int u = POSGUARD_DUKPT_TDES_USAGE_PIN; u <= POSGUARD_DUKPT_TDES_USAGE_DATA_RESPONSE; u++) {
            posguard_key *device_key = NULL, *host_key = NULL;
            CHECK_OK(posguard_dukpt_tdes_transaction_key(tx, (posguard_dukpt_tdes_usage)u, &device_key));
            CHECK_OK(posguard_dukpt_tdes_derive_key(bdk, tx_ksn, len, (posguard_dukpt_tdes_usage)u, &host_key));
            CHECK(same_key(device_key, host_key));
            posguard_key_free(device_key);
            posguard_key_free(host_key);
        }
        posguard_dukpt_tdes_transaction_free(tx);
        tdes_agreements++;
    }
    posguard_dukpt_tdes_device_free(device);
    posguard_key_free(bdk);
}

/* A device created at the last counter with at most 10 one-bits (0x1FF800)
 * runs one transaction, then is exhausted. */
static void tdes_exhaustion(void) {
    check_context = "tdes exhaustion";
    posguard_key *ipek = make_key("tdes", "B1", "6AC292FAA1315B4D858AB3A3D7D5933A");
    uint8_t ksn[POSGUARD_DUKPT_TDES_KSN_LEN];
    unhex("FFFF9876543210FFF800", ksn, sizeof ksn);
    posguard_dukpt_tdes_device *device = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_new(ipek, ksn, sizeof ksn, &device));
    CHECK(posguard_dukpt_tdes_device_remaining(device) == 1);
    posguard_dukpt_tdes_transaction *tx = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_next(device, &tx));
    posguard_dukpt_tdes_transaction_free(tx);
    CHECK(posguard_dukpt_tdes_device_remaining(device) == 0);
    tx = NULL;
    CHECK_STATUS(posguard_dukpt_tdes_device_next(device, &tx), POSGUARD_STATUS_DUKPT_EXHAUSTED);
    CHECK(tx == NULL);
    /* Saved and restored, it stays exhausted. */
    uint8_t state[POSGUARD_DUKPT_TDES_STATE_MAX_LEN];
    size_t state_len = 0;
    CHECK_OK(posguard_dukpt_tdes_device_save(device, state, sizeof state, &state_len));
    posguard_dukpt_tdes_device_free(device);
    device = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_restore(state, state_len, &device));
    CHECK_STATUS(posguard_dukpt_tdes_device_next(device, &tx), POSGUARD_STATUS_DUKPT_EXHAUSTED);
    posguard_dukpt_tdes_device_free(device);
    posguard_key_free(ipek);
}

static void key_fails(const char *what, posguard_status got, posguard_status expected, posguard_key *const *out) {
    check_context = what;
    if (got != expected) {
        fprintf(stderr, "[%s] returned %d (%s), expected %d\n", what, (int)got, posguard_status_str(got),
                (int)expected);
        check_failures++;
    }
    CHECK(untouched(out, sizeof *out));
}

static void tdes_bad_input(void) {
    posguard_key *bdk = make_key("tdes", "B0", TDES_BDK);
    posguard_key *ipek = make_key("tdes", "B1", "6AC292FAA1315B4D858AB3A3D7D5933A");
    posguard_key *pin = make_key("tdes", "pin", TDES_BDK);
    posguard_key *bdk3 = make_key("tdes", "B0", "0123456789ABCDEFFEDCBA98765432100123456789ABCDEF");
    posguard_key *aes_bdk = make_key("aes", "B0", "FEDCBA9876543210F1F1F1F1F1F1F1F1");
    uint8_t ksn[16], bad[16];
    size_t ksn_len = unhex("FFFF9876543210E00001", ksn, sizeof ksn);
    posguard_key *out;
    posguard_dukpt_tdes_device *device;
#define RESET() memset(&out, SENTINEL, sizeof out)

    RESET();
    key_fails("KSN of 9 bytes", posguard_dukpt_tdes_derive_key(bdk, ksn, 9, POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    key_fails("KSN of 11 bytes",
              posguard_dukpt_tdes_derive_key(bdk, (const uint8_t *)"\xFF\xFF\x98\x76\x54\x32\x10\xE0\x00\x01\x00", 11,
                                             POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    key_fails("IPEK: KSN of 0 bytes", posguard_dukpt_tdes_derive_ipek(bdk, NULL, 0, &out), POSGUARD_STATUS_INVALID_KSN,
              &out);
    size_t bad_len = unhex("FFFF9876543210E007FF", bad, sizeof bad); /* 11 one-bits */
    key_fails("counter with 11 one-bits",
              posguard_dukpt_tdes_derive_key(bdk, bad, bad_len, POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    bad_len = unhex("FFFF9876543210E00000", bad, sizeof bad);
    key_fails("counter 0", posguard_dukpt_tdes_derive_key(bdk, bad, bad_len, POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    key_fails("usage 5", posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, (posguard_dukpt_tdes_usage)5, &out),
              POSGUARD_STATUS_INVALID_ARGUMENT, &out);
    key_fails("usage -1", posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, (posguard_dukpt_tdes_usage)-1, &out),
              POSGUARD_STATUS_INVALID_ARGUMENT, &out);
    key_fails("PIN key as BDK", posguard_dukpt_tdes_derive_ipek(pin, ksn, ksn_len, &out), POSGUARD_STATUS_KEY_USAGE,
              &out);
    key_fails("IPEK as BDK", posguard_dukpt_tdes_derive_key(ipek, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_KEY_USAGE, &out);
    key_fails("BDK as IPEK",
              posguard_dukpt_tdes_derive_key_from_ipek(bdk, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_KEY_USAGE, &out);
    key_fails("3-key TDES BDK", posguard_dukpt_tdes_derive_ipek(bdk3, ksn, ksn_len, &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("AES BDK", posguard_dukpt_tdes_derive_ipek(aes_bdk, ksn, ksn_len, &out), POSGUARD_STATUS_KEY_ALGORITHM,
              &out);
    key_fails("NULL BDK", posguard_dukpt_tdes_derive_ipek(NULL, ksn, ksn_len, &out), POSGUARD_STATUS_NULL_POINTER,
              &out);
    key_fails("NULL KSN", posguard_dukpt_tdes_derive_ipek(bdk, NULL, 10, &out), POSGUARD_STATUS_NULL_POINTER, &out);
    check_context = "NULL out";
    CHECK_STATUS(posguard_dukpt_tdes_derive_ipek(bdk, ksn, ksn_len, NULL), POSGUARD_STATUS_NULL_POINTER);

    check_context = "device bad input";
    memset(&device, SENTINEL, sizeof device);
    CHECK_STATUS(posguard_dukpt_tdes_device_new(ipek, ksn, 9, &device), POSGUARD_STATUS_INVALID_KSN);
    bad_len = unhex("FFFF9876543210E007FF", bad, sizeof bad);
    CHECK_STATUS(posguard_dukpt_tdes_device_new(ipek, bad, bad_len, &device), POSGUARD_STATUS_INVALID_KSN);
    CHECK_STATUS(posguard_dukpt_tdes_device_new(bdk, ksn, ksn_len, &device), POSGUARD_STATUS_KEY_USAGE);
    CHECK_STATUS(posguard_dukpt_tdes_device_new(NULL, ksn, ksn_len, &device), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dukpt_tdes_device_restore((const uint8_t *)"PGTD", 4, &device), POSGUARD_STATUS_INVALID_STATE);
    CHECK_STATUS(posguard_dukpt_tdes_device_restore(NULL, 0, &device), POSGUARD_STATUS_INVALID_STATE);
    CHECK(untouched(&device, sizeof device));
    CHECK_STATUS(posguard_dukpt_tdes_device_new(ipek, ksn, ksn_len, NULL), POSGUARD_STATUS_NULL_POINTER);

    /* A saved state: every byte changed, and every truncation, is refused. */
    device = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_new(ipek, ksn, ksn_len, &device));
    uint8_t state[POSGUARD_DUKPT_TDES_STATE_MAX_LEN];
    size_t state_len = 0, needed = 0;
    CHECK_STATUS(posguard_dukpt_tdes_device_save(device, NULL, 0, &needed), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    memset(state, SENTINEL, sizeof state);
    CHECK_STATUS(posguard_dukpt_tdes_device_save(device, state, needed - 1, &state_len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(state_len == needed && untouched(state, sizeof state));
    CHECK_OK(posguard_dukpt_tdes_device_save(device, state, sizeof state, &state_len));
    CHECK(state_len == needed);
    posguard_dukpt_tdes_device *restored;
    for (size_t i = 0; i < state_len; i++) {
        state[i] ^= 0x01;
        memset(&restored, SENTINEL, sizeof restored);
        CHECK_STATUS(posguard_dukpt_tdes_device_restore(state, state_len, &restored), POSGUARD_STATUS_INVALID_STATE);
        CHECK(untouched(&restored, sizeof restored));
        state[i] ^= 0x01;
        CHECK_STATUS(posguard_dukpt_tdes_device_restore(state, i, &restored), POSGUARD_STATUS_INVALID_STATE);
    }
    memset(state, 0, sizeof state);

    check_context = "device getters";
    uint8_t small[4];
    size_t len = 0;
    memset(small, SENTINEL, sizeof small);
    CHECK_STATUS(posguard_dukpt_tdes_device_ksn(device, small, sizeof small, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == POSGUARD_DUKPT_TDES_KSN_LEN && untouched(small, sizeof small));
    CHECK_STATUS(posguard_dukpt_tdes_device_ksn(NULL, small, sizeof small, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dukpt_tdes_device_next(device, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dukpt_tdes_device_next(NULL, NULL), POSGUARD_STATUS_NULL_POINTER);
    /* The failed calls above did not use a counter. */
    uint8_t next_ksn[POSGUARD_DUKPT_TDES_KSN_LEN];
    CHECK_OK(posguard_dukpt_tdes_device_ksn(device, next_ksn, sizeof next_ksn, &len));
    CHECK(bytes_equal(next_ksn, len, ksn, ksn_len));
    CHECK(posguard_dukpt_tdes_device_remaining(NULL) == 0);
    posguard_dukpt_tdes_transaction *tx = NULL;
    CHECK_OK(posguard_dukpt_tdes_device_next(device, &tx));
    RESET();
    key_fails("transaction: usage 9", posguard_dukpt_tdes_transaction_key(tx, (posguard_dukpt_tdes_usage)9, &out),
              POSGUARD_STATUS_INVALID_ARGUMENT, &out);
    key_fails("transaction: NULL", posguard_dukpt_tdes_transaction_key(NULL, POSGUARD_DUKPT_TDES_USAGE_PIN, &out),
              POSGUARD_STATUS_NULL_POINTER, &out);
    posguard_dukpt_tdes_transaction_free(tx);
    posguard_dukpt_tdes_transaction_free(NULL);
    posguard_dukpt_tdes_device_free(device);
    posguard_dukpt_tdes_device_free(NULL);
#undef RESET

    posguard_key_free(bdk);
    posguard_key_free(ipek);
    posguard_key_free(pin);
    posguard_key_free(bdk3);
    posguard_key_free(aes_bdk);
}

/* ----------------------------------------------------------------- AES */

static int aes_counts[5];

static void run_aes_vector(const struct dukpt_aes_vector *v) {
    posguard_key *bdk = make_key("aes", "B0", v->bdk);
    uint8_t id[16], ksn[16];
    size_t id_len = unhex(v->initial_key_id, id, sizeof id);
    posguard_key *ik = NULL;
    CHECK_OK(posguard_dukpt_aes_derive_initial_key(bdk, id, id_len, &ik));
    CHECK(ik != NULL && strcmp(posguard_key_usage(ik), "B1") == 0 && strcmp(posguard_key_algorithm(ik), "aes") == 0);
    if (v->initial_key != NULL) {
        CHECK(key_is(ik, v->initial_key));
    }
    if (strcmp(v->kind, "initial_key") == 0) {
        CHECK(key_is(ik, v->key));
        aes_counts[0]++;
    } else if (strcmp(v->kind, "derivation_key") == 0) {
        /* Intermediate derivation keys have no API: the core's unit tests check them. */
        aes_counts[1]++;
    } else if (strcmp(v->kind, "working_key") == 0 || strcmp(v->kind, "pin_block") == 0) {
        size_t ksn_len = unhex(v->ksn, ksn, sizeof ksn);
        posguard_key *host = NULL, *from_ik = NULL;
        CHECK_OK(posguard_dukpt_aes_derive_key(bdk, ksn, ksn_len, v->usage, v->key_type, &host));
        CHECK(key_is(host, v->key));
        CHECK_OK(posguard_dukpt_aes_derive_working_key(ik, ksn, ksn_len, v->usage, v->key_type, &from_ik));
        CHECK(host_has_device_key(host, from_ik));
        if (strcmp(v->kind, "pin_block") == 0) {
            /* Format 4 has random fill: decrypt the published block, and decode the published field. */
            uint8_t block[16];
            size_t block_len = unhex(v->encrypted_pin_block, block, sizeof block);
            char pin[POSGUARD_PIN_BUFFER_LEN];
            CHECK_OK(posguard_pin_decrypt(block, block_len, v->pan, host, POSGUARD_PIN_FORMAT_ISO4, pin, sizeof pin));
            CHECK(strcmp(pin, v->pin) == 0);
            block_len = unhex(v->pin_field, block, sizeof block);
            memset(pin, 0, sizeof pin);
            CHECK_OK(posguard_pin_decode(block, block_len, NULL, POSGUARD_PIN_FORMAT_ISO4, pin, sizeof pin));
            CHECK(strcmp(pin, v->pin) == 0);
            aes_counts[4]++;
        } else {
            aes_counts[2]++;
        }
        posguard_key_free(host);
        posguard_key_free(from_ik);
    } else if (strcmp(v->kind, "update_key") == 0) {
        posguard_key *update = NULL;
        CHECK_OK(posguard_dukpt_aes_derive_update_key(ik, id, id_len, v->key_type, &update));
        CHECK(key_is(update, v->key));
        CHECK(update != NULL && strcmp(posguard_key_usage(update), "K0") == 0);
        posguard_key_free(update);
        aes_counts[3]++;
    } else {
        fprintf(stderr, "[%s] unknown kind %s\n", v->name, v->kind);
        check_failures++;
    }
    posguard_key_free(ik);
    posguard_key_free(bdk);
}

/* A device loaded with the published initial key gives, for the first eight
 * counters, the published working keys. */
static int aes_device_vectors;

static void aes_device_known_answers(void) {
    check_context = "aes device known answers";
    const char *ik_hex = "1273671EA26AC29AFA4D1084127652A1";
    posguard_key *ik = key_with_mode("aes", "B1", 'X', ik_hex);
    uint8_t ksn[POSGUARD_DUKPT_AES_KSN_LEN];
    unhex("123456789012345600000000", ksn, sizeof ksn);
    posguard_dukpt_aes_device *device = NULL;
    CHECK_OK(posguard_dukpt_aes_device_new(ik, ksn, sizeof ksn, &device));
    posguard_key_free(ik);
    posguard_dukpt_aes_key_type key_type;
    CHECK_OK(posguard_dukpt_aes_device_key_type(device, &key_type));
    CHECK(key_type == POSGUARD_DUKPT_AES_KEY_TYPE_AES128);
    for (int counter = 1; counter <= 8 && device != NULL; counter++) {
        posguard_dukpt_aes_transaction *tx = NULL;
        CHECK_OK(posguard_dukpt_aes_device_next(device, &tx));
        uint8_t tx_ksn[POSGUARD_DUKPT_AES_KSN_LEN];
        size_t len = 0;
        CHECK_OK(posguard_dukpt_aes_transaction_ksn(tx, tx_ksn, sizeof tx_ksn, &len));
        CHECK(len == sizeof tx_ksn && tx_ksn[11] == counter);
        for (size_t i = 0; i < COUNT(DUKPT_AES_VECTORS); i++) {
            const struct dukpt_aes_vector *v = &DUKPT_AES_VECTORS[i];
            uint8_t vksn[POSGUARD_DUKPT_AES_KSN_LEN];
            if (strcmp(v->kind, "working_key") != 0 || v->initial_key == NULL || strcmp(v->initial_key, ik_hex) != 0 ||
                v->ksn == NULL || unhex(v->ksn, vksn, sizeof vksn) != len || memcmp(vksn, tx_ksn, len) != 0) {
                continue;
            }
            posguard_key *key = NULL;
            CHECK_OK(posguard_dukpt_aes_transaction_key(tx, v->usage, v->key_type, &key));
            CHECK(key_is(key, v->key));
            posguard_key_free(key);
            aes_device_vectors++;
        }
        posguard_dukpt_aes_transaction_free(tx);
    }
    posguard_dukpt_aes_device_free(device);
}

#define AES_BDK "FEDCBA9876543210F1F1F1F1F1F1F1F1"
#define AES256_BDK "FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1"

static int aes_agreements;

static void aes_device_vs_host(const char *what, const char *bdk_hex, const char *start_ksn, int transactions) {
    check_context = what;
    posguard_key *bdk = make_key("aes", "B0", bdk_hex);
    uint8_t ksn[POSGUARD_DUKPT_AES_KSN_LEN];
    unhex(start_ksn, ksn, sizeof ksn);
    posguard_key *ik = NULL;
    CHECK_OK(posguard_dukpt_aes_derive_initial_key(bdk, ksn, POSGUARD_DUKPT_AES_INITIAL_KEY_ID_LEN, &ik));
    posguard_dukpt_aes_device *device = NULL;
    CHECK_OK(posguard_dukpt_aes_device_new(ik, ksn, sizeof ksn, &device));
    posguard_key_free(ik);
    posguard_dukpt_aes_key_type device_type = POSGUARD_DUKPT_AES_KEY_TYPE_TDES2;
    CHECK_OK(posguard_dukpt_aes_device_key_type(device, &device_type));
    uint32_t remaining = posguard_dukpt_aes_device_remaining(device);
    CHECK(remaining > 0);
    const struct {
        posguard_dukpt_aes_usage usage;
        posguard_dukpt_aes_key_type key_type;
    } keys[] = {
        {POSGUARD_DUKPT_AES_USAGE_PIN, device_type},
        {POSGUARD_DUKPT_AES_USAGE_MAC_GENERATE, POSGUARD_DUKPT_AES_KEY_TYPE_AES128},
        {POSGUARD_DUKPT_AES_USAGE_MAC_VERIFY, POSGUARD_DUKPT_AES_KEY_TYPE_HMAC128},
        {POSGUARD_DUKPT_AES_USAGE_DATA_BOTH, POSGUARD_DUKPT_AES_KEY_TYPE_TDES2},
        {POSGUARD_DUKPT_AES_USAGE_DATA_ENCRYPT, POSGUARD_DUKPT_AES_KEY_TYPE_AES128},
        {POSGUARD_DUKPT_AES_USAGE_KEK, POSGUARD_DUKPT_AES_KEY_TYPE_AES128},
    };
    for (int t = 0; t < transactions && device != NULL; t++) {
        if (t == transactions / 2) {
            uint8_t state[POSGUARD_DUKPT_AES_STATE_MAX_LEN];
            size_t state_len = 0;
            CHECK_OK(posguard_dukpt_aes_device_save(device, state, sizeof state, &state_len));
            posguard_dukpt_aes_device_free(device);
            device = NULL;
            CHECK_OK(posguard_dukpt_aes_device_restore(state, state_len, &device));
            memset(state, 0, sizeof state);
            CHECK(posguard_dukpt_aes_device_remaining(device) == remaining);
            if (device == NULL) {
                break;
            }
        }
        posguard_dukpt_aes_transaction *tx = NULL;
        CHECK_OK(posguard_dukpt_aes_device_next(device, &tx));
        CHECK(posguard_dukpt_aes_device_remaining(device) == --remaining);
        uint8_t tx_ksn[POSGUARD_DUKPT_AES_KSN_LEN];
        size_t len = 0;
        CHECK_OK(posguard_dukpt_aes_transaction_ksn(tx, tx_ksn, sizeof tx_ksn, &len));
        for (size_t k = 0; k < COUNT(keys); k++) {
            posguard_key *device_key = NULL, *host_key = NULL;
            CHECK_OK(posguard_dukpt_aes_transaction_key(tx, keys[k].usage, keys[k].key_type, &device_key));
            CHECK_OK(posguard_dukpt_aes_derive_key(bdk, tx_ksn, len, keys[k].usage, keys[k].key_type, &host_key));
            CHECK(host_has_device_key(host_key, device_key));
            posguard_key_free(device_key);
            posguard_key_free(host_key);
        }
        posguard_dukpt_aes_transaction_free(tx);
        aes_agreements++;
    }
    posguard_dukpt_aes_device_free(device);
    posguard_key_free(bdk);
}

/* A device at the last valid counter (0xFFFF0000, 16 one-bits) runs one
 * transaction, then is exhausted. */
static void aes_exhaustion(void) {
    check_context = "aes exhaustion";
    posguard_key *ik = key_with_mode("aes", "B1", 'X', "1273671EA26AC29AFA4D1084127652A1");
    uint8_t ksn[POSGUARD_DUKPT_AES_KSN_LEN];
    unhex("1234567890123456FFFF0000", ksn, sizeof ksn);
    posguard_dukpt_aes_device *device = NULL;
    CHECK_OK(posguard_dukpt_aes_device_new(ik, ksn, sizeof ksn, &device));
    CHECK(posguard_dukpt_aes_device_remaining(device) == 1);
    posguard_dukpt_aes_transaction *tx = NULL;
    CHECK_OK(posguard_dukpt_aes_device_next(device, &tx));
    posguard_dukpt_aes_transaction_free(tx);
    CHECK(posguard_dukpt_aes_device_remaining(device) == 0);
    tx = NULL;
    CHECK_STATUS(posguard_dukpt_aes_device_next(device, &tx), POSGUARD_STATUS_DUKPT_EXHAUSTED);
    CHECK(tx == NULL);
    uint8_t state[POSGUARD_DUKPT_AES_STATE_MAX_LEN];
    size_t state_len = 0;
    CHECK_OK(posguard_dukpt_aes_device_save(device, state, sizeof state, &state_len));
    posguard_dukpt_aes_device_free(device);
    device = NULL;
    CHECK_OK(posguard_dukpt_aes_device_restore(state, state_len, &device));
    CHECK_STATUS(posguard_dukpt_aes_device_next(device, &tx), POSGUARD_STATUS_DUKPT_EXHAUSTED);
    posguard_dukpt_aes_device_free(device);
    posguard_key_free(ik);
}

static void aes_bad_input(void) {
    posguard_key *bdk = make_key("aes", "B0", AES_BDK);
    posguard_key *ik = key_with_mode("aes", "B1", 'X', "1273671EA26AC29AFA4D1084127652A1");
    posguard_key *pin = make_key("aes", "pin", AES_BDK);
    posguard_key *tdes_bdk = make_key("tdes", "B0", TDES_BDK);
    uint8_t ksn[16], id[8];
    size_t ksn_len = unhex("123456789012345600000001", ksn, sizeof ksn);
    unhex("1234567890123456", id, sizeof id);
    uint8_t bad[16];
    size_t bad_len;
    posguard_key *out;
#define RESET() memset(&out, SENTINEL, sizeof out)
    RESET();
    key_fails("KSN of 10 bytes",
              posguard_dukpt_aes_derive_key(bdk, ksn, 10, POSGUARD_DUKPT_AES_USAGE_PIN,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_AES128, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    bad_len = unhex("12345678901234560001FFFF", bad, sizeof bad); /* 17 one-bits */
    key_fails("counter with 17 one-bits",
              posguard_dukpt_aes_derive_key(bdk, bad, bad_len, POSGUARD_DUKPT_AES_USAGE_PIN,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_AES128, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    bad_len = unhex("123456789012345600000000", bad, sizeof bad);
    key_fails("counter 0",
              posguard_dukpt_aes_derive_key(bdk, bad, bad_len, POSGUARD_DUKPT_AES_USAGE_PIN,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_AES128, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    key_fails("initial key id of 7 bytes", posguard_dukpt_aes_derive_initial_key(bdk, id, 7, &out),
              POSGUARD_STATUS_INVALID_KSN, &out);
    key_fails("usage 8",
              posguard_dukpt_aes_derive_key(bdk, ksn, ksn_len, (posguard_dukpt_aes_usage)8,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_AES128, &out),
              POSGUARD_STATUS_INVALID_ARGUMENT, &out);
    key_fails("key type 8",
              posguard_dukpt_aes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_AES_USAGE_PIN,
                                            (posguard_dukpt_aes_key_type)8, &out),
              POSGUARD_STATUS_INVALID_ARGUMENT, &out);
    key_fails("PIN with an HMAC key type",
              posguard_dukpt_aes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_AES_USAGE_PIN,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_HMAC128, &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("data with an HMAC key type",
              posguard_dukpt_aes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_AES_USAGE_DATA_BOTH,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_HMAC256, &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("AES-256 key from an AES-128 BDK",
              posguard_dukpt_aes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_AES_USAGE_PIN,
                                            POSGUARD_DUKPT_AES_KEY_TYPE_AES256, &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("update key of an HMAC type",
              posguard_dukpt_aes_derive_update_key(ik, id, sizeof id, POSGUARD_DUKPT_AES_KEY_TYPE_HMAC128, &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("PIN key as BDK", posguard_dukpt_aes_derive_initial_key(pin, id, sizeof id, &out),
              POSGUARD_STATUS_KEY_USAGE, &out);
    key_fails("TDES BDK", posguard_dukpt_aes_derive_initial_key(tdes_bdk, id, sizeof id, &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("BDK as initial key",
              posguard_dukpt_aes_derive_working_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_AES_USAGE_PIN,
                                                    POSGUARD_DUKPT_AES_KEY_TYPE_AES128, &out),
              POSGUARD_STATUS_KEY_USAGE, &out);
    key_fails("NULL BDK", posguard_dukpt_aes_derive_initial_key(NULL, id, sizeof id, &out),
              POSGUARD_STATUS_NULL_POINTER, &out);

    check_context = "aes device bad input";
    posguard_dukpt_aes_device *device;
    memset(&device, SENTINEL, sizeof device);
    CHECK_STATUS(posguard_dukpt_aes_device_new(ik, ksn, 11, &device), POSGUARD_STATUS_INVALID_KSN);
    bad_len = unhex("12345678901234560001FFFF", bad, sizeof bad);
    CHECK_STATUS(posguard_dukpt_aes_device_new(ik, bad, bad_len, &device), POSGUARD_STATUS_INVALID_KSN);
    CHECK_STATUS(posguard_dukpt_aes_device_new(bdk, ksn, ksn_len, &device), POSGUARD_STATUS_KEY_USAGE);
    CHECK_STATUS(posguard_dukpt_aes_device_restore((const uint8_t *)"PGDA\x01", 5, &device),
                 POSGUARD_STATUS_INVALID_STATE);
    CHECK(untouched(&device, sizeof device));

    device = NULL;
    CHECK_OK(posguard_dukpt_aes_device_new(ik, ksn, ksn_len, &device));
    uint8_t state[POSGUARD_DUKPT_AES_STATE_MAX_LEN];
    size_t state_len = 0, needed = 0;
    CHECK_STATUS(posguard_dukpt_aes_device_save(device, NULL, 0, &needed), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    memset(state, SENTINEL, sizeof state);
    CHECK_STATUS(posguard_dukpt_aes_device_save(device, state, needed - 1, &state_len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(state_len == needed && untouched(state, sizeof state));
    CHECK_OK(posguard_dukpt_aes_device_save(device, state, sizeof state, &state_len));
    posguard_dukpt_aes_device *restored;
    for (size_t i = 0; i < state_len; i++) {
        state[i] ^= 0x80;
        memset(&restored, SENTINEL, sizeof restored);
        CHECK_STATUS(posguard_dukpt_aes_device_restore(state, state_len, &restored), POSGUARD_STATUS_INVALID_STATE);
        CHECK(untouched(&restored, sizeof restored));
        state[i] ^= 0x80;
    }
    CHECK_STATUS(posguard_dukpt_aes_device_restore(state, state_len - 1, &restored), POSGUARD_STATUS_INVALID_STATE);
    memset(state, 0, sizeof state);

    posguard_dukpt_aes_key_type key_type;
    CHECK_STATUS(posguard_dukpt_aes_device_key_type(NULL, &key_type), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dukpt_aes_device_key_type(device, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dukpt_aes_device_next(device, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK(posguard_dukpt_aes_device_remaining(NULL) == 0);
    posguard_dukpt_aes_transaction *tx = NULL;
    CHECK_OK(posguard_dukpt_aes_device_next(device, &tx));
    RESET();
    key_fails("transaction: PIN with an HMAC key type",
              posguard_dukpt_aes_transaction_key(tx, POSGUARD_DUKPT_AES_USAGE_PIN, POSGUARD_DUKPT_AES_KEY_TYPE_HMAC128,
                                                 &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("transaction: key stronger than the initial key",
              posguard_dukpt_aes_transaction_key(tx, POSGUARD_DUKPT_AES_USAGE_PIN, POSGUARD_DUKPT_AES_KEY_TYPE_AES256,
                                                 &out),
              POSGUARD_STATUS_KEY_ALGORITHM, &out);
    key_fails("transaction: usage 99",
              posguard_dukpt_aes_transaction_key(tx, (posguard_dukpt_aes_usage)99, POSGUARD_DUKPT_AES_KEY_TYPE_AES128,
                                                 &out),
              POSGUARD_STATUS_INVALID_ARGUMENT, &out);
    /* A MAC key from DUKPT is refused by PIN encryption; a generate-only MAC key cannot verify. */
    check_context = "aes transaction key usage";
    posguard_key *mac = NULL;
    CHECK_OK(posguard_dukpt_aes_transaction_key(tx, POSGUARD_DUKPT_AES_USAGE_MAC_GENERATE,
                                                 POSGUARD_DUKPT_AES_KEY_TYPE_AES128, &mac));
    CHECK(mac != NULL && strcmp(posguard_key_usage(mac), "M6") == 0 && posguard_key_mode(mac) == 'G');
    uint8_t block[16], tag[16];
    size_t len = 0, tag_len = 0;
    CHECK_STATUS(posguard_pin_encrypt("1234", "4111111111111111", mac, POSGUARD_PIN_FORMAT_ISO4, block, sizeof block,
                                      &len),
                 POSGUARD_STATUS_KEY_USAGE);
    CHECK_OK(posguard_mac_generate(mac, (const uint8_t *)"message", 7, POSGUARD_MAC_ALGORITHM_CMAC,
                                   POSGUARD_MAC_PADDING_DEFAULT, 0, tag, sizeof tag, &tag_len));
    CHECK_STATUS(posguard_mac_verify(mac, (const uint8_t *)"message", 7, tag, tag_len, POSGUARD_MAC_ALGORITHM_CMAC,
                                     POSGUARD_MAC_PADDING_DEFAULT),
                 POSGUARD_STATUS_KEY_USAGE);
    posguard_key_free(mac);
    posguard_dukpt_aes_transaction_free(tx);
    posguard_dukpt_aes_transaction_free(NULL);
    posguard_dukpt_aes_device_free(device);
    posguard_dukpt_aes_device_free(NULL);
#undef RESET
    posguard_key_free(bdk);
    posguard_key_free(ik);
    posguard_key_free(pin);
    posguard_key_free(tdes_bdk);
}

int main(void) {
    /* The same minimum counts as core/tests/dukpt_*_vectors.rs: an empty file must fail. */
    CHECK(COUNT(DUKPT_TDES_VECTORS) >= 34);
    for (size_t i = 0; i < COUNT(DUKPT_TDES_VECTORS); i++) {
        check_context = DUKPT_TDES_VECTORS[i].name;
        run_tdes_vector(&DUKPT_TDES_VECTORS[i]);
    }
    CHECK(tdes_macs >= 10 && tdes_data >= 10);
    tdes_device_sequence("FFFF9876543210E00000", true, false);
    /* The rollover sequence (A.4.3): the device resumed at its first KSN. */
    const char *rollover = NULL;
    for (size_t i = 0; i < COUNT(DUKPT_TDES_VECTORS) && rollover == NULL; i++) {
        if (DUKPT_TDES_VECTORS[i].transaction_key != NULL &&
            strncmp(DUKPT_TDES_VECTORS[i].ksn, "FFFF9876543210E000", 18) != 0) {
            rollover = DUKPT_TDES_VECTORS[i].ksn;
        }
    }
    CHECK(rollover != NULL);
    if (rollover != NULL) {
        tdes_device_sequence(rollover, false, true);
    }
    CHECK(tdes_device_vectors >= 34);
    tdes_device_vs_host("tdes device vs host from counter 0", "FFFF9876543210E00000", 300);
    tdes_device_vs_host("tdes device vs host near the end", "FFFF9876543210FFC000", 200);
    tdes_exhaustion();
    tdes_bad_input();

    CHECK(COUNT(DUKPT_AES_VECTORS) >= 80);
    for (size_t i = 0; i < COUNT(DUKPT_AES_VECTORS); i++) {
        check_context = DUKPT_AES_VECTORS[i].name;
        run_aes_vector(&DUKPT_AES_VECTORS[i]);
    }
    CHECK(aes_counts[0] >= 2 && aes_counts[1] >= 30 && aes_counts[2] >= 40 && aes_counts[3] >= 5 &&
          aes_counts[4] >= 2);
    aes_device_known_answers();
    CHECK(aes_device_vectors >= 20);
    aes_device_vs_host("aes-128 device vs host", AES_BDK, "123456789012345600000000", 300);
    aes_device_vs_host("aes-256 device vs host near the end", AES256_BDK, "1234567890123456FFF00000", 100);
    aes_exhaustion();
    aes_bad_input();

    printf("test_dukpt: %zu TDES vectors (%d MACs, %d data, %d device), %zu AES vectors (%d device); "
           "%d TDES and %d AES device/host transactions\n",
           COUNT(DUKPT_TDES_VECTORS), tdes_macs, tdes_data, tdes_device_vectors, COUNT(DUKPT_AES_VECTORS),
           aes_device_vectors, tdes_agreements, aes_agreements);
    return check_finish("test_dukpt");
}
