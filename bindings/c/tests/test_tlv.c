/* EMV BER-TLV through the C API: the published card data of
 * core/tests/vectors/tlv.json (each vector names its source; `cargo xtask
 * test --only c` turns it into posguard_tlv_vectors.h), DOL data worked out by
 * hand from the rules of EMV Book 3 section 5.4, and bad input: typed errors
 * with offsets, and nothing written on failure. */
#include "check.h"

struct tlv_expect {
    const char *tag;
    const char *value; /* hex; the first occurrence, depth-first */
};

struct tlv_vector {
    const char *name;
    const char *hex;
    bool strict_ok;          /* minimal encodings, no filler, no trailing bytes */
    const char *const *tags; /* every tag in depth-first pre-order, duplicates kept */
    size_t tags_len;
    const struct tlv_expect *expect;
    size_t expect_len;
};

#include "posguard_tlv_vectors.h"

#define MAX_DATA 1024
#define MAX_TAGS 64

/* A private tag (class bits 11) that no vector holds and the EMV dictionary does not define. */
#define ABSENT_TAG 0xDF8F7Fu

static uint32_t tag_of(const char *hex) { return (uint32_t)strtoul(hex, NULL, 16); }

/* Test data from hex, on the heap in exactly its size: ASan and valgrind
 * then catch any read past its end. Free it after use. */
static uint8_t *exact_unhex(const char *hex, size_t *len) {
    uint8_t buf[MAX_DATA];
    *len = unhex(hex, buf, sizeof buf);
    uint8_t *data = malloc(*len > 0 ? *len : 1);
    if (data == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(data, buf, *len);
    return data;
}

/* ---- walking ---------------------------------------------------------- */

/* The tags of a depth-first walk, and the error it ended with. */
struct walk {
    const uint8_t *data;
    size_t len;
    bool reencode; /* check that every object re-encodes to its own bytes (minimal data) */
    uint32_t tags[MAX_TAGS];
    size_t n_tags;
    size_t error_offset;
};

/* Re-encoding an object of minimally encoded data must give back exactly its bytes. */
static void check_reencodes(const struct walk *w, const posguard_tlv *t) {
    uint8_t out[MAX_DATA];
    size_t len = 0;
    if (t->constructed) {
        CHECK_OK(posguard_tlv_encode_template(t->tag, t->value, t->value_len, out, sizeof out, &len));
    } else {
        CHECK_OK(posguard_tlv_encode_primitive(t->tag, t->value, t->value_len, out, sizeof out, &len));
    }
    CHECK(bytes_equal(out, len, w->data + t->offset, t->value_offset + t->value_len - t->offset));
}

/* Walks a cursor's level and every template below it: END when the data is well-formed. */
static posguard_status walk_level(posguard_tlv_cursor *cursor, struct walk *w) {
    posguard_tlv t;
    posguard_status status;
    while ((status = posguard_tlv_next(cursor, &t)) == POSGUARD_STATUS_OK) {
        /* Zero-copy: the value lies in the caller's buffer, where the offsets say. */
        CHECK(t.offset < t.value_offset && t.value_offset + t.value_len <= w->len);
        CHECK(t.value == w->data + t.value_offset);
        CHECK(t.constructed == ((w->data[t.offset] & 0x20) != 0));
        CHECK(t.depth == cursor->depth);
        if (w->n_tags == MAX_TAGS) {
            CHECK(!"more tags than MAX_TAGS");
            return POSGUARD_STATUS_PANIC;
        }
        w->tags[w->n_tags++] = t.tag;
        if (w->reencode) {
            check_reencodes(w, &t);
        }
        posguard_tlv_cursor inner;
        CHECK_OK(posguard_tlv_children(&t, &inner));
        posguard_status inner_status = walk_level(&inner, w);
        if (inner_status != POSGUARD_STATUS_END) {
            return inner_status;
        }
    }
    if (status == POSGUARD_STATUS_MALFORMED_TLV) {
        w->error_offset = cursor->error_offset;
    }
    return status;
}

static posguard_status walk(const uint8_t *data, size_t len, bool strict, bool reencode, struct walk *w) {
    memset(w, 0, sizeof *w);
    w->data = data;
    w->len = len;
    w->reencode = reencode;
    posguard_tlv_cursor cursor;
    CHECK_OK(posguard_tlv_cursor_init(&cursor, data, len, strict));
    return walk_level(&cursor, w);
}

/* ---- the published vectors ------------------------------------------- */

static void run_vector(const struct tlv_vector *v) {
    size_t len;
    uint8_t *data = exact_unhex(v->hex, &len);
    struct walk w;

    for (int strict = 0; strict <= 1; strict++) {
        if (strict && !v->strict_ok) {
            continue;
        }
        CHECK_STATUS(walk(data, len, strict, v->strict_ok, &w), POSGUARD_STATUS_END);
        CHECK(w.n_tags == v->tags_len);
        for (size_t i = 0; i < w.n_tags && i < v->tags_len; i++) {
            CHECK(w.tags[i] == tag_of(v->tags[i]));
        }
    }

    /* Tags to and from hex, against the vector's own spelling. */
    for (size_t i = 0; i < v->tags_len; i++) {
        uint32_t tag = 0;
        char hex[POSGUARD_TAG_BUFFER_LEN];
        CHECK_OK(posguard_tag_parse(v->tags[i], &tag));
        CHECK(tag == tag_of(v->tags[i]));
        CHECK_OK(posguard_tag_format(tag, hex, sizeof hex));
        CHECK(strcmp(hex, v->tags[i]) == 0);
        CHECK(tag != ABSENT_TAG);
    }

    for (size_t i = 0; i < v->expect_len; i++) {
        uint8_t expected[MAX_DATA];
        size_t expected_len = unhex(v->expect[i].value, expected, sizeof expected);
        const uint8_t *value = NULL;
        size_t value_len = SIZE_MAX;
        CHECK_OK(posguard_tlv_find(data, len, tag_of(v->expect[i].tag), false, &value, &value_len));
        CHECK(value >= data && value + value_len <= data + len);
        CHECK(value != NULL && bytes_equal(value, value_len, expected, expected_len));
    }
    const uint8_t *value = NULL;
    size_t value_len = 7;
    CHECK_STATUS(posguard_tlv_find(data, len, ABSENT_TAG, false, &value, &value_len), POSGUARD_STATUS_NOT_FOUND);
    CHECK(value == NULL && value_len == 7);

    char text[8192];
    size_t text_len = 0;
    CHECK_OK(posguard_tlv_describe(data, len, false, v->strict_ok, text, sizeof text, &text_len));
    CHECK(text_len == strlen(text) + 1 && text_len > 1);
    free(data);
}

/* ---- building ---------------------------------------------------------- */

/* `len` by address: C evaluates the arguments (the call among them) in no set order. */
static void check_encoding(posguard_status status, const uint8_t *out, const size_t *len, const char *expected_hex) {
    uint8_t expected[MAX_DATA];
    size_t expected_len = unhex(expected_hex, expected, sizeof expected);
    CHECK_OK(status);
    CHECK(bytes_equal(out, *len, expected, expected_len));
}

static void building(void) {
    uint8_t value[300], out[MAX_DATA];
    size_t len = 0;
    check_context = "encode";

    size_t n = unhex("000000001000", value, sizeof value);
    check_encoding(posguard_tlv_encode_primitive(0x9F02, value, n, out, sizeof out, &len), out, &len,
                   "9F0206000000001000");
    check_encoding(posguard_tlv_encode_primitive(0x9F12, NULL, 0, out, sizeof out, &len), out, &len, "9F1200");

    /* Long form lengths, minimal (X.690 8.1.3): 81 for 128..255 bytes, 82 for 256..65535. */
    memset(value, 0xAB, sizeof value);
    CHECK_OK(posguard_tlv_encode_primitive(0x90, value, 200, out, sizeof out, &len));
    CHECK(len == 3 + 200 && out[0] == 0x90 && out[1] == 0x81 && out[2] == 200 && out[3] == 0xAB);
    CHECK_OK(posguard_tlv_encode_primitive(0x9F46, value, 300, out, sizeof out, &len));
    CHECK(len == 5 + 300 && out[2] == 0x82 && out[3] == 0x01 && out[4] == 0x2C && out[len - 1] == 0xAB);

    /* A GPO response in format 2, composed from the inside out. */
    uint8_t contents[64];
    size_t a = 0, b = 0;
    n = unhex("3900", value, sizeof value);
    CHECK_OK(posguard_tlv_encode_primitive(0x82, value, n, contents, sizeof contents, &a));
    n = unhex("08010100", value, sizeof value);
    CHECK_OK(posguard_tlv_encode_primitive(0x94, value, n, contents + a, sizeof contents - a, &b));
    check_encoding(posguard_tlv_encode_template(0x77, contents, a + b, out, sizeof out, &len), out, &len,
                   "770A" "82023900" "9404" "08010100");
    check_encoding(posguard_tlv_encode_template(0x70, NULL, 0, out, sizeof out, &len), out, &len, "7000");

    /* The nesting limit is 16 levels: 15 templates nest, 17 do not. (Whether
     * an empty 16th may is the core's to say: a nested level is refused
     * before it is known to be empty.) */
    uint8_t nested[64] = {0};
    size_t nested_len = 0;
    for (int level = 1; level <= 17; level++) {
        uint8_t wrapped[64];
        size_t wrapped_len = 0;
        posguard_status s = posguard_tlv_encode_template(0x70, nested, nested_len, wrapped, sizeof wrapped, &wrapped_len);
        if (s != POSGUARD_STATUS_OK) {
            CHECK_STATUS(s, POSGUARD_STATUS_MALFORMED_TLV);
            CHECK(level >= 16);
            break;
        }
        CHECK(level <= 16 && wrapped_len == nested_len + 2);
        memcpy(nested, wrapped, wrapped_len);
        nested_len = wrapped_len;
    }
    CHECK(nested_len >= 30);
}

/* ---- tags and the dictionary ------------------------------------------ */

static void tags(void) {
    uint32_t tag = 0;
    char hex[POSGUARD_TAG_BUFFER_LEN];
    check_context = "tags";

    CHECK_OK(posguard_tag_parse("5a", &tag));
    CHECK(tag == 0x5A);
    CHECK_OK(posguard_tag_parse("BF8F8F01", &tag));
    CHECK(tag == 0xBF8F8F01u);
    CHECK_OK(posguard_tag_format(0xBF8F8F01u, hex, sizeof hex));
    CHECK(strcmp(hex, "BF8F8F01") == 0);
    const char *const bad[] = {"", "9F", "9F0", "5A00", "00", "G1", "BF8F8F8F01", "9F8002"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        tag = 7;
        CHECK_STATUS(posguard_tag_parse(bad[i], &tag), POSGUARD_STATUS_MALFORMED_TLV);
        CHECK(tag == 7);
    }
    /* Not tags: filler, a first byte announcing more bytes, a non-final last byte. */
    const uint32_t bad_values[] = {0, 0x1F, 0x9F82, 0x5A5A};
    for (size_t i = 0; i < COUNT(bad_values); i++) {
        CHECK_STATUS(posguard_tag_format(bad_values[i], hex, sizeof hex), POSGUARD_STATUS_MALFORMED_TLV);
    }

    /* EMV Book 3 Annex A. */
    posguard_tag_info info;
    char name[POSGUARD_TAG_NAME_BUFFER_LEN];
    CHECK_OK(posguard_tlv_tag_info(0x5A, &info, name, sizeof name));
    CHECK(info.tag == 0x5A && info.format == POSGUARD_TLV_FORMAT_CN && info.source == POSGUARD_TLV_SOURCE_ICC);
    CHECK(info.sensitive && info.max_len == 10);
    CHECK(strstr(name, "Primary Account Number") != NULL);
    CHECK_OK(posguard_tlv_tag_info(0x9F02, &info, NULL, 0));
    CHECK(info.format == POSGUARD_TLV_FORMAT_N && info.source == POSGUARD_TLV_SOURCE_TERMINAL);
    CHECK(info.min_len == 6 && info.max_len == 6 && !info.sensitive);
    CHECK_OK(posguard_tlv_tag_info(0x57, &info, NULL, 0));
    CHECK(info.sensitive);
    CHECK_OK(posguard_tlv_tag_info(0x70, &info, name, sizeof name));
    CHECK(info.format == POSGUARD_TLV_FORMAT_TEMPLATE);
    CHECK(strstr(name, "READ RECORD") != NULL);
    CHECK_OK(posguard_tlv_tag_info(0x95, &info, name, sizeof name));
    CHECK(info.format == POSGUARD_TLV_FORMAT_B && strcmp(name, "Terminal Verification Results") == 0);

    memset(&info, SENTINEL, sizeof info);
    memset(name, SENTINEL, sizeof name);
    CHECK_STATUS(posguard_tlv_tag_info(ABSENT_TAG, &info, name, sizeof name), POSGUARD_STATUS_NOT_FOUND);
    CHECK_STATUS(posguard_tlv_tag_info(0x1F, &info, name, sizeof name), POSGUARD_STATUS_MALFORMED_TLV);
    CHECK_STATUS(posguard_tlv_tag_info(0x5A, &info, name, 10), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(untouched(&info, sizeof info) && untouched(name, sizeof name));
}

/* ---- DOLs ---------------------------------------------------------------- */

/* CDOL1 of the read record vector: amount, other amount, country, TVR,
 * currency, date, type, unpredictable number. */
#define CDOL1 "9F02069F03069F1A0295055F2A029A039C019F3704"

struct value_hex {
    uint32_t tag;
    const char *hex;
};

static size_t make_values(const struct value_hex *in, size_t n, posguard_tlv_value *out, uint8_t (*storage)[32]) {
    for (size_t i = 0; i < n; i++) {
        out[i].tag = in[i].tag;
        out[i].value = storage[i];
        out[i].value_len = unhex(in[i].hex, storage[i], sizeof storage[i]);
    }
    return n;
}

static void check_dol_build(const char *dol_hex, const struct value_hex *values, size_t n, const char *expected_hex) {
    uint8_t dol[64], storage[8][32], out[128], expected[128];
    posguard_tlv_value tlv_values[8];
    size_t dol_len = unhex(dol_hex, dol, sizeof dol), len = 0;
    size_t expected_len = unhex(expected_hex, expected, sizeof expected);
    make_values(values, n, tlv_values, storage);
    CHECK_OK(posguard_dol_build(dol, dol_len, tlv_values, n, out, sizeof out, &len));
    CHECK(bytes_equal(out, len, expected, expected_len));
}

static void dols(void) {
    uint8_t dol[64];
    size_t dol_len = unhex(CDOL1, dol, sizeof dol);
    posguard_dol_entry entries[16];
    size_t count = 0;
    check_context = "DOL";

    CHECK_OK(posguard_dol_parse(dol, dol_len, entries, COUNT(entries), &count));
    const posguard_dol_entry expected[] = {{0x9F02, 6}, {0x9F03, 6}, {0x9F1A, 2}, {0x95, 5},
                                           {0x5F2A, 2}, {0x9A, 3},   {0x9C, 1},   {0x9F37, 4}};
    CHECK(count == COUNT(expected));
    for (size_t i = 0; i < count && i < COUNT(expected); i++) {
        CHECK(entries[i].tag == expected[i].tag && entries[i].len == expected[i].len);
    }

    /* EMV Book 3 5.4: n is right-justified (cut on the left, zeros on the
     * left), b is cut or zero-padded on the right, absent data is zeros. */
    const struct value_hex cdol1_values[] = {
        {0x9F02, "000000001000"}, /* exact */
        {0x9F1A, "000840"},       /* n, 3 bytes for 2: the leftmost byte goes */
        {0x95, "8000"},           /* b, 2 bytes for 5: trailing zeros */
        {0x5F2A, "0978"},
        {0x9A, "240131"},
        {0x9C, "00"},
        {0x9F37, "1122334455"}, /* b, 5 bytes for 4: the rightmost byte goes */
        /* 9F03 absent: zeros */
    };
    check_dol_build(CDOL1, cdol1_values, COUNT(cdol1_values),
                    "000000001000" "000000000000" "0840" "8000000000" "0978" "240131" "00" "11223344");

    /* cn is left-justified with trailing F; a longer n keeps its rightmost
     * digits; a template, and a tag nobody gave, are zeros. */
    const struct value_hex more_values[] = {
        {0x5A, "4761739001010119"},
        {0x9F02, "0123456789012345"},
        {0x70, "5A0101"},
    };
    check_dol_build("5A0A9F020670039F7C02", more_values, COUNT(more_values),
                    "4761739001010119FFFF" "456789012345" "000000" "0000");
    check_dol_build("9F0206", NULL, 0, "000000000000");

    /* Too small: the count or size needed, nothing written. */
    memset(entries, SENTINEL, sizeof entries);
    CHECK_STATUS(posguard_dol_parse(dol, dol_len, entries, 3, &count), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(count == 8 && untouched(entries, sizeof entries));
    CHECK_STATUS(posguard_dol_parse(dol, dol_len, NULL, 0, &count), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(count == 8);
    uint8_t out[64];
    size_t len = 0;
    memset(out, SENTINEL, sizeof out);
    CHECK_STATUS(posguard_dol_build(dol, dol_len, NULL, 0, out, 28, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 29 && untouched(out, sizeof out));
    CHECK_STATUS(posguard_dol_build(dol, dol_len, NULL, 0, NULL, 0, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 29);

    /* Malformed DOLs and values. */
    /* A truncated tag, a missing length, a truncated second entry, a 5-byte length. */
    const char *const bad_dols[] = {"9F", "9F02", "9F02069F", "5A85"};
    for (size_t i = 0; i < COUNT(bad_dols); i++) {
        uint8_t bad[16];
        size_t bad_len = unhex(bad_dols[i], bad, sizeof bad);
        count = 99;
        CHECK_STATUS(posguard_dol_parse(bad, bad_len, entries, COUNT(entries), &count), POSGUARD_STATUS_MALFORMED_DOL);
        CHECK(count == 99);
        len = 99;
        CHECK_STATUS(posguard_dol_build(bad, bad_len, NULL, 0, out, sizeof out, &len), POSGUARD_STATUS_MALFORMED_DOL);
        CHECK(len == 99);
    }
    posguard_tlv_value bad_value = {.tag = 0x1F, .value = NULL, .value_len = 0};
    CHECK_STATUS(posguard_dol_build(dol, dol_len, &bad_value, 1, out, sizeof out, &len), POSGUARD_STATUS_MALFORMED_TLV);
    bad_value = (posguard_tlv_value){.tag = 0x9F02, .value = NULL, .value_len = 6};
    CHECK_STATUS(posguard_dol_build(dol, dol_len, &bad_value, 1, out, sizeof out, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dol_build(dol, dol_len, NULL, 1, out, sizeof out, &len), POSGUARD_STATUS_NULL_POINTER);
}

/* ---- bad input --------------------------------------------------------------- */

struct bad_tlv {
    const char *what;
    const char *hex;
    bool strict;
    size_t offset; /* of the offending byte */
};

static void malformed(void) {
    /* Offsets worked out by hand: where the data stops making sense. */
    const struct bad_tlv cases[] = {
        {"empty", "", false, 0},
        {"filler only", "00FF", false, 0},
        {"truncated tag", "9F", false, 1},
        {"truncated 3-byte tag", "DF81", false, 2},
        {"tag of 5 bytes", "BF8F8F8F0100", false, 0},
        {"truncated length", "5A", false, 1},
        {"truncated long length", "5A8201", false, 3},
        {"length past the end", "5A0501020304", false, 1},
        {"5-byte length", "5A850000000001AA", false, 1},
        {"indefinite length", "70805A01010000", false, 1},
        {"value past the end of its template", "70035A0501020304", false, 3},
        {"error in a template's second object", "70065A01015A0501", false, 6},
        {"error after a template", "70035A01019F", false, 6},
        {"non-minimal length (strict)", "5A810101", true, 1},
        {"non-minimal tag (strict)", "9F800100", true, 1},
        {"trailing filler (strict)", "5A01010000", true, 3},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        size_t len;
        uint8_t *data = exact_unhex(cases[i].hex, &len);
        struct walk w;
        check_context = cases[i].what;
        CHECK_STATUS(walk(data, len, cases[i].strict, false, &w), POSGUARD_STATUS_MALFORMED_TLV);
        CHECK(w.error_offset == cases[i].offset);
        const uint8_t *value = NULL;
        size_t value_len = 99;
        CHECK_STATUS(posguard_tlv_find(data, len, ABSENT_TAG, cases[i].strict, &value, &value_len),
                     POSGUARD_STATUS_MALFORMED_TLV);
        CHECK(value == NULL && value_len == 99);
        char text[256];
        size_t text_len = 99;
        memset(text, SENTINEL, sizeof text);
        CHECK_STATUS(posguard_tlv_describe(data, len, false, cases[i].strict, text, sizeof text, &text_len),
                     POSGUARD_STATUS_MALFORMED_TLV);
        CHECK(text_len == 99 && untouched(text, sizeof text));
        free(data);
    }

    /* Lenient mode accepts what strict mode refuses (non-minimal encodings,
     * trailing filler at any level); both skip filler between objects and
     * accept empty templates. */
    const struct bad_tlv accepted[] = {
        {"non-minimal length", "5A810101", false, 0},
        {"non-minimal tag", "9F800100", false, 0},
        {"trailing filler", "5A01010000", false, 0},
        {"filler around a template", "00FF70035A0101FF", false, 0},
        {"filler between objects", "5A0101005A0102", true, 0},
        {"filler at the end of a template", "70045A010100", false, 0},
        {"empty templates", "7000E000", true, 0},
    };
    for (size_t i = 0; i < COUNT(accepted); i++) {
        size_t len;
        uint8_t *data = exact_unhex(accepted[i].hex, &len);
        struct walk w;
        check_context = accepted[i].what;
        CHECK_STATUS(walk(data, len, accepted[i].strict, false, &w), POSGUARD_STATUS_END);
        CHECK(w.n_tags >= 1 && w.n_tags <= 2);
        free(data);
    }

    /* 20 nested templates: the limit is 16 levels, so the 17th level is refused,
     * at the start of the 16th template's contents (offset 2 * 16). */
    uint8_t deep[40];
    for (size_t i = 0; i < 20; i++) {
        deep[2 * i] = 0x70;
        deep[2 * i + 1] = (uint8_t)(2 * (19 - i));
    }
    struct walk w;
    check_context = "20 nested templates";
    CHECK_STATUS(walk(deep, sizeof deep, false, false, &w), POSGUARD_STATUS_MALFORMED_TLV);
    CHECK(w.n_tags == 16 && w.error_offset == 32);
    const uint8_t *value = NULL;
    size_t value_len = 0;
    CHECK_STATUS(posguard_tlv_find(deep, sizeof deep, 0x5A, false, &value, &value_len), POSGUARD_STATUS_MALFORMED_TLV);

    /* After the end or an error, a cursor answers the same again. */
    check_context = "sticky";
    posguard_tlv_cursor cursor;
    posguard_tlv t;
    uint8_t data[8];
    size_t len = unhex("5A01019F", data, sizeof data);
    CHECK_OK(posguard_tlv_cursor_init(&cursor, data, len, false));
    CHECK_OK(posguard_tlv_next(&cursor, &t));
    CHECK_STATUS(posguard_tlv_next(&cursor, &t), POSGUARD_STATUS_MALFORMED_TLV);
    CHECK_STATUS(posguard_tlv_next(&cursor, &t), POSGUARD_STATUS_MALFORMED_TLV);
    CHECK(cursor.error_offset == 4);
    CHECK_OK(posguard_tlv_cursor_init(&cursor, data, 3, false));
    CHECK_OK(posguard_tlv_next(&cursor, &t));
    CHECK_STATUS(posguard_tlv_next(&cursor, &t), POSGUARD_STATUS_END);
    CHECK_STATUS(posguard_tlv_next(&cursor, &t), POSGUARD_STATUS_END);
    /* A primitive object has no contents to walk. */
    posguard_tlv_cursor inner;
    CHECK_OK(posguard_tlv_children(&t, &inner));
    CHECK_STATUS(posguard_tlv_next(&inner, &t), POSGUARD_STATUS_END);
}

static void null_pointers(void) {
    uint8_t data[] = {0x5A, 0x01, 0x01};
    uint8_t out[16];
    char text[64];
    size_t len = 0;
    uint32_t tag = 0;
    const uint8_t *value = NULL;
    posguard_tlv_cursor cursor;
    posguard_tlv t;
    posguard_dol_entry entries[4];
    check_context = "NULL pointers";

    CHECK_STATUS(posguard_tlv_cursor_init(NULL, data, sizeof data, false), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_cursor_init(&cursor, NULL, 3, false), POSGUARD_STATUS_NULL_POINTER);
    CHECK_OK(posguard_tlv_cursor_init(&cursor, data, sizeof data, false));
    CHECK_STATUS(posguard_tlv_next(NULL, &t), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_next(&cursor, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_OK(posguard_tlv_next(&cursor, &t));
    CHECK_STATUS(posguard_tlv_children(NULL, &cursor), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_children(&t, NULL), POSGUARD_STATUS_NULL_POINTER);
    /* NULL with length 0 is an empty input, which is malformed. */
    CHECK_OK(posguard_tlv_cursor_init(&cursor, NULL, 0, false));
    CHECK_STATUS(posguard_tlv_next(&cursor, &t), POSGUARD_STATUS_MALFORMED_TLV);

    CHECK_STATUS(posguard_tlv_find(NULL, 3, 0x5A, false, &value, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_find(data, sizeof data, 0x5A, false, NULL, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_find(data, sizeof data, 0x5A, false, &value, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_encode_primitive(0x5A, NULL, 1, out, sizeof out, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_encode_primitive(0x5A, data, 1, NULL, 4, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_encode_primitive(0x5A, data, 1, out, sizeof out, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_encode_template(0x70, NULL, 3, out, sizeof out, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_encode_template(0x70, data, 3, out, sizeof out, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tag_parse(NULL, &tag), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tag_parse("5A", NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tag_format(0x5A, NULL, 9), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_tag_info(0x5A, NULL, text, sizeof text), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_describe(NULL, 3, false, false, text, sizeof text, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_describe(data, 3, false, false, NULL, 8, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_tlv_describe(data, 3, false, false, text, sizeof text, NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dol_parse(NULL, 3, entries, COUNT(entries), &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dol_parse(data, 3, entries, COUNT(entries), NULL), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dol_build(NULL, 3, NULL, 0, out, sizeof out, &len), POSGUARD_STATUS_NULL_POINTER);
    CHECK_STATUS(posguard_dol_build(data, 3, NULL, 0, out, sizeof out, NULL), POSGUARD_STATUS_NULL_POINTER);
}

static void small_buffers(void) {
    uint8_t value[6] = {0, 0, 0, 0, 0x10, 0};
    uint8_t out[16];
    char text[16];
    size_t len = 0;
    check_context = "small buffers";

    /* 9F02 06 + 6 bytes = 9 bytes. */
    memset(out, SENTINEL, sizeof out);
    CHECK_STATUS(posguard_tlv_encode_primitive(0x9F02, value, 6, out, 8, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 9 && untouched(out, sizeof out));
    CHECK_STATUS(posguard_tlv_encode_primitive(0x9F02, value, 6, NULL, 0, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 9);
    uint8_t contents[] = {0x5A, 0x01, 0x01};
    CHECK_STATUS(posguard_tlv_encode_template(0x70, contents, 3, out, 4, &len), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 5 && untouched(out, sizeof out));

    /* "9F02" and its NUL. */
    memset(text, SENTINEL, sizeof text);
    CHECK_STATUS(posguard_tag_format(0x9F02, text, 4), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(untouched(text, sizeof text));
    CHECK_OK(posguard_tag_format(0x9F02, text, 5));
    CHECK(strcmp(text, "9F02") == 0);

    /* Describe: the size needed, NUL included, then exactly that much. */
    size_t needed = 0;
    CHECK_STATUS(posguard_tlv_describe(contents, 3, false, true, NULL, 0, &needed), POSGUARD_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed > 1);
    char *exact = malloc(needed);
    CHECK(exact != NULL);
    if (exact != NULL) {
        memset(exact, SENTINEL, needed);
        CHECK_STATUS(posguard_tlv_describe(contents, 3, false, true, exact, needed - 1, &len),
                     POSGUARD_STATUS_BUFFER_TOO_SMALL);
        CHECK(len == needed && untouched(exact, needed));
        CHECK_OK(posguard_tlv_describe(contents, 3, false, true, exact, needed, &len));
        CHECK(len == needed && strlen(exact) == needed - 1);
        free(exact);
    }
}

/* ---- the decoder for people --------------------------------------------- */

static const struct tlv_vector *vector_named(const char *prefix) {
    for (size_t i = 0; i < COUNT(TLV_VECTORS); i++) {
        if (strncmp(TLV_VECTORS[i].name, prefix, strlen(prefix)) == 0) {
            return &TLV_VECTORS[i];
        }
    }
    CHECK(!"vector not found");
    return NULL;
}

/* Describes a vector; the text is NUL-terminated in a static buffer. */
static const char *describe(const struct tlv_vector *v, bool show_sensitive) {
    static char text[8192];
    uint8_t data[MAX_DATA];
    size_t len = unhex(v->hex, data, sizeof data), text_len = 0;
    text[0] = '\0';
    CHECK_OK(posguard_tlv_describe(data, len, show_sensitive, false, text, sizeof text, &text_len));
    return text;
}

static void describing(void) {
    /* The Visa test PAN of the READ RECORD vectors, in its record and in track 2. */
    const char *pan = "4761739001010119";
    const struct tlv_vector *record = vector_named("read record PAN");
    const struct tlv_vector *track2 = vector_named("read record track 2");
    if (record == NULL || track2 == NULL) {
        return;
    }
    check_context = "describe: PAN record";
    const char *text = describe(record, false);
    CHECK(strstr(text, "Application Primary Account Number") != NULL);
    CHECK(strstr(text, "Card Risk Management Data Object List 1") != NULL);
    CHECK(strstr(text, "READ RECORD") != NULL);
    CHECK(strstr(text, pan) == NULL);
    CHECK(strstr(describe(record, true), pan) != NULL);

    check_context = "describe: track 2";
    text = describe(track2, false);
    CHECK(strstr(text, "Track 2 Equivalent Data") != NULL);
    CHECK(strstr(text, pan) == NULL);
    CHECK(strstr(text, "1758928889") == NULL); /* track 2 discretionary data */
    CHECK(strstr(text, "EXPIRED/CARD") == NULL && strstr(text, "455850495245442F") == NULL); /* cardholder name */
    CHECK(strstr(describe(track2, true), pan) != NULL);
}

int main(void) {
    /* The same minimum as the Rust vector tests: an empty file must fail. */
    CHECK(COUNT(TLV_VECTORS) >= 20);
    for (size_t i = 0; i < COUNT(TLV_VECTORS); i++) {
        check_context = TLV_VECTORS[i].name;
        run_vector(&TLV_VECTORS[i]);
    }
    building();
    tags();
    dols();
    malformed();
    null_pointers();
    small_buffers();
    describing();
    printf("test_tlv: %zu TLV vectors\n", COUNT(TLV_VECTORS));
    return check_finish("test_tlv");
}
