/* TR-31 / ANSI X9.143 / ISO 20038 key blocks through the C API: the
 * published vectors of core/tests/vectors/tr31.json (each names its source;
 * turned into posguard_tr31_vectors.h by `cargo xtask test --only c`), wrap ->
 * unwrap round trips for versions B to E, every single-character change
 * rejected, and bad input (a status each, nothing written). */
#include "check.h"

struct tr31_vector {
    const char *name;
    const char *version;
    const char *kbpk_algorithm;
    const char *kbpk;
    const char *block;
    bool strict;
    bool allow_version_a;
    const char *key; /* hex; NULL for an error vector */
    const char *usage;
    const char *algorithm;
    const char *mode;
    const char *key_version;
    const char *exportability;
    const char *const *optional_blocks; /* "KS" + data, ... (PB included) */
    size_t optional_blocks_len;
    const char *pad; /* hex: the published random padding, or NULL */
    bool mask_key_length;
    unsigned error_code; /* 0, or the status unwrap must give */
};

#include "posguard_tr31_vectors.h"

/* An RNG that replays the published padding, so wrapping reproduces the block. */
struct replay {
    uint8_t bytes[64];
    size_t len;
    int calls;
};

static int replay_fill(void *ctx, uint8_t *buf, size_t len) {
    struct replay *r = ctx;
    r->calls++;
    if (len != r->len) {
        fprintf(stderr, "[%s] replay RNG: asked for %zu bytes, have %zu\n", check_context, len, r->len);
        return 1;
    }
    memcpy(buf, r->bytes, len);
    return 0;
}

static int failing_fill(void *ctx, uint8_t *buf, size_t len) {
    (void)ctx;
    (void)buf;
    (void)len;
    return -1;
}

static bool key_material_is(const posguard_key *key, const char *hex) {
    uint8_t expected[32], got[32];
    size_t expected_len = unhex(hex, expected, sizeof expected), len = 0;
    bool ok = posguard_key_export_clear(key, got, sizeof got, &len) == POSGUARD_STATUS_OK &&
              bytes_equal(got, len, expected, expected_len);
    memset(got, 0, sizeof got);
    return ok;
}

static bool same_key(const posguard_key *a, const posguard_key *b) {
    uint8_t ka[32], kb[32];
    size_t la = 0, lb = 0;
    bool ok = posguard_key_export_clear(a, ka, sizeof ka, &la) == POSGUARD_STATUS_OK &&
              posguard_key_export_clear(b, kb, sizeof kb, &lb) == POSGUARD_STATUS_OK && bytes_equal(ka, la, kb, lb) &&
              strcmp(posguard_key_algorithm(a), posguard_key_algorithm(b)) == 0 &&
              strcmp(posguard_key_usage(a), posguard_key_usage(b)) == 0 && posguard_key_mode(a) == posguard_key_mode(b);
    memset(ka, 0, sizeof ka);
    memset(kb, 0, sizeof kb);
    return ok;
}

/* Optional block `index` of `block` as "ID" + data. */
static bool optional_block_is(const char *block, size_t index, const char *expected) {
    char id[POSGUARD_TR31_ID_BUFFER_LEN], data[256];
    size_t len = 0;
    if (posguard_tr31_inspect_optional_block(block, index, id, sizeof id, data, sizeof data, &len) !=
        POSGUARD_STATUS_OK) {
        return false;
    }
    return strlen(id) == 2 && strncmp(expected, id, 2) == 0 && strcmp(expected + 2, data) == 0 &&
           len == strlen(data) + 1;
}

static int vectors_unwrapped, vectors_wrapped;

static void run_vector(const struct tr31_vector *v) {
    posguard_key *kbpk = make_key(v->kbpk_algorithm, "K1", v->kbpk);
    uint32_t flags = (v->strict ? 0 : POSGUARD_TR31_UNWRAP_LENIENT) |
                     (v->allow_version_a ? POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A : 0);
    posguard_key *key;
    memset(&key, SENTINEL, sizeof key);
    if (v->error_code != 0) {
        CHECK_STATUS(posguard_tr31_unwrap(kbpk, v->block, flags, &key), (posguard_status)v->error_code);
        CHECK(untouched(&key, sizeof key));
        posguard_key_free(kbpk);
        return;
    }
    CHECK_OK(posguard_tr31_unwrap(kbpk, v->block, flags, &key));
    CHECK(key_material_is(key, v->key));
    CHECK(strcmp(posguard_key_usage(key), v->usage) == 0);
    CHECK(strcmp(posguard_key_algorithm(key), v->algorithm) == 0);
    CHECK(posguard_key_mode(key) == v->mode[0]);
    vectors_unwrapped++;

    /* The header without the KBPK. */
    posguard_tr31_header h;
    memset(&h, 0, sizeof h);
    CHECK_OK(posguard_tr31_inspect(v->block, &h, NULL));
    CHECK((int)h.version == v->version[0]);
    CHECK(h.length == strlen(v->block));
    CHECK(strcmp(h.usage, v->usage) == 0);
    CHECK(strcmp(h.algorithm, v->algorithm) == 0);
    CHECK(h.mode == v->mode[0]);
    CHECK(strcmp(h.key_version, v->key_version) == 0);
    CHECK((int)h.exportability == v->exportability[0]);
    CHECK(h.optional_block_count == v->optional_blocks_len);
    for (size_t i = 0; i < v->optional_blocks_len; i++) {
        CHECK(optional_block_is(v->block, i, v->optional_blocks[i]));
    }

    /* Lenient validation accepts every strict block, with the same key. */
    posguard_key *lenient = NULL;
    CHECK_OK(posguard_tr31_unwrap(kbpk, v->block, flags | POSGUARD_TR31_UNWRAP_LENIENT, &lenient));
    CHECK(lenient != NULL && same_key(lenient, key));
    posguard_key_free(lenient);
    /* Version A only with the legacy flag. */
    if (v->version[0] == 'A') {
        posguard_key *refused = NULL;
        CHECK_STATUS(posguard_tr31_unwrap(kbpk, v->block, POSGUARD_TR31_UNWRAP_LENIENT, &refused),
                     POSGUARD_STATUS_KEY_BLOCK_POLICY);
        CHECK(refused == NULL);
    }

    /* Every single-character change is refused; in the MAC (the last 8
     * characters in every version) it is an integrity failure. */
    size_t n = strlen(v->block);
    char altered[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    for (size_t i = 0; i < n && n < sizeof altered; i++) {
        memcpy(altered, v->block, n + 1);
        altered[i] = altered[i] == '0' ? '1' : '0';
        posguard_key *bad = NULL;
        posguard_status s = posguard_tr31_unwrap(kbpk, altered, flags, &bad);
        CHECK(s != POSGUARD_STATUS_OK && bad == NULL);
        if (i >= n - 8) {
            CHECK(s == POSGUARD_STATUS_KEY_BLOCK_INTEGRITY);
        }
        posguard_key_free(bad);
    }

    /* Wrapping with the published padding reproduces the published block. */
    if (v->pad != NULL) {
        posguard_key *clear = NULL;
        uint8_t material[32];
        size_t material_len = unhex(v->key, material, sizeof material);
        CHECK_OK(posguard_key_new_with_mode(v->algorithm, v->usage, v->mode[0], material, material_len, &clear));
        memset(material, 0, sizeof material);
        posguard_tr31_optional_block blocks[8];
        size_t count = 0;
        char ids[8][3];
        for (size_t i = 0; i < v->optional_blocks_len && count < 8; i++) {
            if (strncmp(v->optional_blocks[i], "PB", 2) != 0) {
                memcpy(ids[count], v->optional_blocks[i], 2);
                ids[count][2] = '\0';
                blocks[count].id = ids[count];
                blocks[count].data = v->optional_blocks[i] + 2;
                count++;
            }
        }
        struct replay replay = {.len = 0, .calls = 0};
        replay.len = unhex(v->pad, replay.bytes, sizeof replay.bytes);
        posguard_tr31_wrap_options options;
        CHECK_OK(posguard_tr31_wrap_options_default(&options));
        options.version = (posguard_tr31_version)v->version[0];
        options.key_version = v->key_version;
        options.exportability = (posguard_tr31_exportability)v->exportability[0];
        options.optional_blocks = blocks;
        options.optional_block_count = count;
        options.mask_key_length = v->mask_key_length;
        options.rng = replay_fill;
        options.rng_ctx = &replay;
        char out[POSGUARD_TR31_BLOCK_BUFFER_LEN];
        size_t out_len = 0;
        CHECK_OK(posguard_tr31_wrap(kbpk, clear, &options, out, sizeof out, &out_len));
        CHECK(strcmp(out, v->block) == 0);
        CHECK(out_len == strlen(v->block) + 1);
        CHECK(replay.calls == 1);
        posguard_key_free(clear);
        vectors_wrapped++;
    }
    posguard_key_free(key);
    posguard_key_free(kbpk);
}

/* Wrap then unwrap gives the same key and attributes, for every version. */
static int round_trips;

static void round_trip(const char *what, const posguard_key *kbpk, const posguard_key *key,
                       const posguard_tr31_wrap_options *options) {
    check_context = what;
    char block[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    size_t len = 0;
    CHECK_OK(posguard_tr31_wrap(kbpk, key, options, block, sizeof block, &len));
    CHECK(len == strlen(block) + 1);
    posguard_key *back = NULL;
    /* Strict validation insists on key length masking (where the block shows its absence). */
    bool masked = options == NULL || options->mask_key_length;
    CHECK_OK(posguard_tr31_unwrap(kbpk, block, masked ? 0 : POSGUARD_TR31_UNWRAP_LENIENT, &back));
    CHECK(back != NULL && same_key(back, key));
    posguard_key_free(back);
    posguard_tr31_header h;
    CHECK_OK(posguard_tr31_inspect(block, &h, NULL));
    CHECK(h.version == (options != NULL ? options->version : POSGUARD_TR31_VERSION_D));
    CHECK(h.exportability == (options != NULL ? options->exportability : POSGUARD_TR31_EXPORTABILITY_NON_EXPORTABLE));
    CHECK(strcmp(h.usage, posguard_key_usage(key)) == 0);
    CHECK(h.mode == posguard_key_mode(key));
    /* Wrapping twice gives different blocks (random padding), except in
     * version E without length masking, where a key has no padding at all. */
    char again[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    CHECK_OK(posguard_tr31_wrap(kbpk, key, options, again, sizeof again, &len));
    bool padded = options == NULL || options->version != POSGUARD_TR31_VERSION_E || options->mask_key_length;
    CHECK(padded ? strcmp(block, again) != 0 : strcmp(block, again) == 0);
    round_trips++;
}

static void round_trips_all_versions(void) {
    posguard_key *tdes_kbpk = make_key("tdes", "K1", "89E88CF7931444F334BD7547FC3F380C1D22BF32387C600A");
    posguard_key *aes_kbpk = make_key("aes", "K1", "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6");
    posguard_key *tdes_pin = make_key("tdes", "pin", "0123456789ABCDEFFEDCBA9876543210");
    posguard_key *aes_data = make_key("aes", "data", "00112233445566778899AABBCCDDEEFF0011223344556677");
    posguard_key *hmac = make_key("hmac", "M7", "000102030405060708090A0B0C0D0E0F1011121314151617");
    uint8_t material[16];
    unhex("0123456789ABCDEFFEDCBA9876543210", material, sizeof material);
    posguard_key *tdes_bdk = NULL;
    CHECK_OK(posguard_key_new_with_mode("tdes", "B0", 'X', material, sizeof material, &tdes_bdk));

    posguard_tr31_optional_block blocks[] = {
        {.id = "KS", .data = "00604B120F9292800000"},
        {.id = "KC", .data = NULL},
        {.id = "KP", .data = ""},
        {.id = "TS", .data = "20200818221218Z"},
        {.id = "99", .data = "any printable data, e.g. a reference"},
    };
    const posguard_tr31_version versions[] = {POSGUARD_TR31_VERSION_B, POSGUARD_TR31_VERSION_C,
                                              POSGUARD_TR31_VERSION_D, POSGUARD_TR31_VERSION_E};
    for (size_t i = 0; i < COUNT(versions); i++) {
        bool aes = versions[i] == POSGUARD_TR31_VERSION_D || versions[i] == POSGUARD_TR31_VERSION_E;
        const posguard_key *kbpk = aes ? aes_kbpk : tdes_kbpk;
        for (int mask = 0; mask <= 1; mask++) {
            for (size_t nblocks = 0; nblocks <= COUNT(blocks); nblocks += COUNT(blocks)) {
                posguard_tr31_wrap_options o;
                CHECK_OK(posguard_tr31_wrap_options_default(&o));
                o.version = versions[i];
                o.mask_key_length = mask;
                o.key_version = "c1";
                o.exportability = POSGUARD_TR31_EXPORTABILITY_EXPORTABLE;
                o.optional_blocks = nblocks > 0 ? blocks : NULL;
                o.optional_block_count = nblocks;
                round_trip("round trip tdes pin", kbpk, tdes_pin, &o);
                round_trip("round trip tdes bdk", kbpk, tdes_bdk, &o);
                if (aes) {
                    round_trip("round trip aes data", kbpk, aes_data, &o);
                    /* HMAC keys have no check value: no KC block. */
                    o.optional_block_count = nblocks > 0 ? 1 : 0;
                    round_trip("round trip hmac", kbpk, hmac, &o);
                }
            }
        }
    }
    round_trip("round trip defaults (NULL options)", aes_kbpk, aes_data, NULL);

    /* Optional blocks come back in order, KC and KP computed, PB added. */
    check_context = "optional blocks";
    posguard_tr31_wrap_options o;
    CHECK_OK(posguard_tr31_wrap_options_default(&o));
    o.optional_blocks = blocks;
    o.optional_block_count = COUNT(blocks);
    char block[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    size_t len = 0;
    CHECK_OK(posguard_tr31_wrap(aes_kbpk, tdes_pin, &o, block, sizeof block, &len));
    posguard_tr31_header h;
    CHECK_OK(posguard_tr31_inspect(block, &h, NULL));
    CHECK(h.optional_block_count == COUNT(blocks) + 1);
    CHECK(optional_block_is(block, 0, "KS00604B120F9292800000"));
    /* KC of the TDES key: "00" + its 3-byte zero-block check value; 08D7B4 is
     * the published check value of the ANSI X9.24 test key 0123...3210. */
    CHECK(optional_block_is(block, 1, "KC0008D7B4"));
    CHECK(optional_block_is(block, 3, "TS20200818221218Z"));
    CHECK(optional_block_is(block, 4, "99any printable data, e.g. a reference"));
    char id[POSGUARD_TR31_ID_BUFFER_LEN], data[64];
    CHECK_OK(posguard_tr31_inspect_optional_block(block, 5, id, sizeof id, data, sizeof data, &len));
    CHECK(strcmp(id, "PB") == 0);

    posguard_key_free(tdes_kbpk);
    posguard_key_free(aes_kbpk);
    posguard_key_free(tdes_pin);
    posguard_key_free(aes_data);
    posguard_key_free(hmac);
    posguard_key_free(tdes_bdk);
}

#define AES_KBPK "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6"
/* X9.143:2021 section 8.1 (see tr31.json). */
#define GOOD_D                                                                                                         \
    "D0144P0AE00E00002C77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13C3829DE55D3AB54C48F4C4FEF7AC75E90" \
    "FC47F1B77E7B19A73ED46E64410082557"

static void unwrap_fails(const char *what, const posguard_key *kbpk, const char *block, uint32_t flags,
                         posguard_status expected) {
    posguard_key *key;
    memset(&key, SENTINEL, sizeof key);
    check_context = what;
    CHECK_STATUS(posguard_tr31_unwrap(kbpk, block, flags, &key), expected);
    CHECK(untouched(&key, sizeof key));
}

static void inspect_fails(const char *what, const char *block, posguard_status expected) {
    posguard_tr31_header h;
    memset(&h, SENTINEL, sizeof h);
    check_context = what;
    CHECK_STATUS(posguard_tr31_inspect(block, &h, NULL), expected);
    CHECK(untouched(&h, sizeof h));
}

static void wrap_fails(const char *what, const posguard_key *kbpk, const posguard_key *key,
                       const posguard_tr31_wrap_options *o, posguard_status expected) {
    char out[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    size_t len;
    memset(out, SENTINEL, sizeof out);
    memset(&len, SENTINEL, sizeof len);
    check_context = what;
    CHECK_STATUS(posguard_tr31_wrap(kbpk, key, o, out, sizeof out, &len), expected);
    CHECK(untouched(out, sizeof out));
    CHECK(untouched(&len, sizeof len));
}

static void bad_input(void) {
    posguard_key *aes_kbpk = make_key("aes", "K1", AES_KBPK);
    posguard_key *tdes_kbpk = make_key("tdes", "K1", "B8ED59E0A279A295E9F5ED7944FD06B9");
    posguard_key *pin_key = make_key("aes", "pin", AES_KBPK);
    posguard_key *aes128_kbpk = make_key("aes", "K1", "00112233445566778899AABBCCDDEEFF");
    posguard_key *aes256_key = make_key("aes", "data", AES_KBPK);
    posguard_key *tdes_key = make_key("tdes", "pin", "0123456789ABCDEFFEDCBA9876543210");

    check_context = "the good block unwraps";
    posguard_key *key = NULL;
    CHECK_OK(posguard_tr31_unwrap(aes_kbpk, GOOD_D, 0, &key));
    posguard_key_free(key);

    /* Malformed headers and payloads. */
    unwrap_fails("empty block", aes_kbpk, "", 0, POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    unwrap_fails("header only", aes_kbpk, "D0016P0AE00E0000", 0, POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    unwrap_fails("unknown version", aes_kbpk,
                 "X0144P0AE00E00002C77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13C3829DE55D3AB54C48F4C4"
                 "FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557",
                 0, POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    unwrap_fails("length field disagrees", aes_kbpk,
                 "D0128P0AE00E00002C77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13C3829DE55D3AB54C48F4C4"
                 "FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557",
                 0, POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    unwrap_fails("non-hex payload", aes_kbpk,
                 "D0144P0AE00E0000ZC77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13C3829DE55D3AB54C48F4C4"
                 "FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557",
                 0, POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    unwrap_fails("unknown usage code", aes_kbpk,
                 "D0144Z9AE00E00002C77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13C3829DE55D3AB54C48F4C4"
                 "FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557",
                 0, POSGUARD_STATUS_UNKNOWN_KEY_USAGE);
    unwrap_fails("non-UTF-8 block", aes_kbpk, "D0144P0AE00E\xff", 0, POSGUARD_STATUS_INVALID_UTF8);
    inspect_fails("inspect: empty", "", POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    inspect_fails("inspect: truncated", "D0144P0AE00E0000", POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    inspect_fails("inspect: unknown usage", "D0144Z9AE00E00002C77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FA"
                                            "C12C13C3829DE55D3AB54C48F4C4FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557",
                  POSGUARD_STATUS_UNKNOWN_KEY_USAGE);
    inspect_fails("inspect: NULL block", NULL, POSGUARD_STATUS_NULL_POINTER);

    check_context = "inspect: error offset";
    size_t offset = 9999;
    posguard_tr31_header h;
    CHECK_STATUS(posguard_tr31_inspect("D0144P0AE00E0000ZC77FA3F4A553BED6E88AE5C172A4166E3D4ACA8E2AC71C158A476FAC12C13"
                                       "C3829DE55D3AB54C48F4C4FEF7AC75E90FC47F1B77E7B19A73ED46E64410082557",
                                       &h, &offset),
                 POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    CHECK(offset == 16);
    offset = 12345;
    CHECK_OK(posguard_tr31_inspect(GOOD_D, &h, &offset));
    CHECK(offset == 12345);

    /* A single character changed in the MAC: an integrity failure. */
    char altered[] = GOOD_D;
    altered[sizeof altered - 2] = altered[sizeof altered - 2] == '7' ? '8' : '7';
    unwrap_fails("altered MAC", aes_kbpk, altered, 0, POSGUARD_STATUS_KEY_BLOCK_INTEGRITY);
    posguard_key *other_kbpk = make_key("aes", "K1", "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");
    unwrap_fails("wrong KBPK", other_kbpk, GOOD_D, 0, POSGUARD_STATUS_KEY_BLOCK_INTEGRITY);
    posguard_key_free(other_kbpk);

    /* KBPKs the standard refuses. */
    unwrap_fails("KBPK with a PIN usage", pin_key, GOOD_D, 0, POSGUARD_STATUS_KEY_USAGE);
    unwrap_fails("TDES KBPK for version D", tdes_kbpk, GOOD_D, 0, POSGUARD_STATUS_KEY_BLOCK_POLICY);
    unwrap_fails("unknown flag", aes_kbpk, GOOD_D, 4, POSGUARD_STATUS_INVALID_ARGUMENT);
    unwrap_fails("NULL KBPK", NULL, GOOD_D, 0, POSGUARD_STATUS_NULL_POINTER);
    unwrap_fails("NULL block", aes_kbpk, NULL, 0, POSGUARD_STATUS_NULL_POINTER);
    check_context = "NULL out";
    CHECK_STATUS(posguard_tr31_unwrap(aes_kbpk, GOOD_D, 0, NULL), POSGUARD_STATUS_NULL_POINTER);

    /* Wrap. */
    posguard_tr31_wrap_options o;
    CHECK_OK(posguard_tr31_wrap_options_default(&o));
    wrap_fails("KBPK weaker than the key", aes128_kbpk, aes256_key, NULL, POSGUARD_STATUS_KEY_BLOCK_POLICY);
    wrap_fails("KBPK with a PIN usage", pin_key, tdes_key, NULL, POSGUARD_STATUS_KEY_USAGE);
    wrap_fails("TDES KBPK for version D", tdes_kbpk, tdes_key, NULL, POSGUARD_STATUS_KEY_BLOCK_POLICY);
    o.version = POSGUARD_TR31_VERSION_A;
    wrap_fails("version A is never written", tdes_kbpk, tdes_key, &o, POSGUARD_STATUS_KEY_BLOCK_POLICY);
    o.version = (posguard_tr31_version)0;
    wrap_fails("version 0", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    o.version = (posguard_tr31_version)'F';
    wrap_fails("version F", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    CHECK_OK(posguard_tr31_wrap_options_default(&o));
    o.exportability = (posguard_tr31_exportability)'X';
    wrap_fails("exportability X", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    CHECK_OK(posguard_tr31_wrap_options_default(&o));
    o.key_version = "1";
    wrap_fails("key version of 1 character", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    CHECK_OK(posguard_tr31_wrap_options_default(&o));
    posguard_tr31_optional_block pb = {.id = "PB", .data = "0000"};
    o.optional_blocks = &pb;
    o.optional_block_count = 1;
    wrap_fails("optional block PB", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    posguard_tr31_optional_block twice[] = {{.id = "KS", .data = "01"}, {.id = "KS", .data = "02"}};
    o.optional_blocks = twice;
    o.optional_block_count = 2;
    wrap_fails("duplicate optional block", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    posguard_tr31_optional_block kc = {.id = "KC", .data = NULL};
    o.optional_blocks = &kc;
    o.optional_block_count = 1;
    posguard_key *hmac = make_key("hmac", "M7", "000102030405060708090A0B0C0D0E0F");
    wrap_fails("KC for an HMAC key (no check value)", aes_kbpk, hmac, &o, POSGUARD_STATUS_KEY_ALGORITHM);
    posguard_key_free(hmac);
    posguard_tr31_optional_block lower = {.id = "ks", .data = "01"};
    o.optional_blocks = &lower;
    o.optional_block_count = 1;
    wrap_fails("lower-case optional block id", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    posguard_tr31_optional_block unprintable = {.id = "KS", .data = "\t"};
    o.optional_blocks = &unprintable;
    wrap_fails("unprintable optional block data", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_INVALID_ARGUMENT);
    posguard_tr31_optional_block no_id = {.id = NULL, .data = "01"};
    o.optional_blocks = &no_id;
    wrap_fails("NULL optional block id", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_NULL_POINTER);
    o.optional_blocks = NULL;
    wrap_fails("NULL optional blocks with a count", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_NULL_POINTER);
    CHECK_OK(posguard_tr31_wrap_options_default(&o));
    o.rng = failing_fill;
    wrap_fails("failing RNG", aes_kbpk, tdes_key, &o, POSGUARD_STATUS_RNG);
    wrap_fails("NULL key", aes_kbpk, NULL, NULL, POSGUARD_STATUS_NULL_POINTER);

    check_context = "wrap: buffer too small";
    char out[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    size_t needed = 0, len = 0;
    CHECK_STATUS(posguard_tr31_wrap(aes_kbpk, tdes_key, NULL, NULL, 0, &needed), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    /* Version D, a TDES key masked to 24 bytes: 16 header characters, 2 + 24
     * bytes of key data padded to 32 (64 characters), a 16-byte MAC (32), a NUL. */
    CHECK(needed == 16 + 64 + 32 + 1);
    memset(out, SENTINEL, sizeof out);
    CHECK_STATUS(posguard_tr31_wrap(aes_kbpk, tdes_key, NULL, out, needed - 1, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == needed);
    CHECK(untouched(out, sizeof out));
    CHECK_OK(posguard_tr31_wrap(aes_kbpk, tdes_key, NULL, out, needed, &len));
    CHECK(len == needed && strlen(out) == needed - 1);
    CHECK_STATUS(posguard_tr31_wrap(aes_kbpk, tdes_key, NULL, out, sizeof out, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tr31_wrap_options_default(NULL), POSGUARD_STATUS_NULL_POINTER);

    check_context = "optional block reads";
    /* A published block with one optional block, KS (TR-31:2018 A.7.3.1). */
    const char *with_blocks = NULL;
    for (size_t i = 0; i < COUNT(TR31_VECTORS) && with_blocks == NULL; i++) {
        if (TR31_VECTORS[i].optional_blocks_len == 1 &&
            strcmp(TR31_VECTORS[i].optional_blocks[0], "KS00604B120F9292800000") == 0) {
            with_blocks = TR31_VECTORS[i].block;
        }
    }
    CHECK(with_blocks != NULL);
    if (with_blocks == NULL) {
        return;
    }
    char id[POSGUARD_TR31_ID_BUFFER_LEN], data[64];
    memset(id, SENTINEL, sizeof id);
    memset(data, SENTINEL, sizeof data);
    CHECK_STATUS(posguard_tr31_inspect_optional_block(with_blocks, 1, id, sizeof id, data, sizeof data, &len),
                 POSGUARD_STATUS_NOT_FOUND);
    CHECK_STATUS(posguard_tr31_inspect_optional_block(with_blocks, 0, id, 2, data, sizeof data, &len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(posguard_tr31_inspect_optional_block(with_blocks, 0, id, sizeof id, data, 4, &len),
                 POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == strlen("00604B120F9292800000") + 1);
    CHECK(untouched(id, sizeof id) && untouched(data, sizeof data));
    CHECK_STATUS(posguard_tr31_inspect_optional_block(with_blocks, 0, NULL, 0, data, sizeof data, &len),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tr31_inspect_optional_block(with_blocks, 0, id, sizeof id, data, sizeof data, NULL),
                 POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tr31_inspect_optional_block("D0016", 0, id, sizeof id, data, sizeof data, &len),
                 POSGUARD_STATUS_MALFORMED_KEY_BLOCK);
    CHECK_OK(posguard_tr31_inspect_optional_block(with_blocks, 0, id, sizeof id, data, sizeof data, &len));
    CHECK(strcmp(id, "KS") == 0 && strcmp(data, "00604B120F9292800000") == 0);

    posguard_key_free(aes_kbpk);
    posguard_key_free(tdes_kbpk);
    posguard_key_free(pin_key);
    posguard_key_free(aes128_kbpk);
    posguard_key_free(aes256_key);
    posguard_key_free(tdes_key);
}

int main(void) {
    CHECK(COUNT(TR31_VECTORS) >= 10);
    for (size_t i = 0; i < COUNT(TR31_VECTORS); i++) {
        check_context = TR31_VECTORS[i].name;
        run_vector(&TR31_VECTORS[i]);
    }
    CHECK(vectors_wrapped >= 2);
    round_trips_all_versions();
    bad_input();
    printf("test_tr31: %zu vectors (%d unwrapped, %d wrapped again), %d round trips\n", COUNT(TR31_VECTORS),
           vectors_unwrapped, vectors_wrapped, round_trips);
    return check_finish("test_tr31");
}
