/* Firmware-style EMV card data handling with posguard.
 *
 * After READ RECORD the terminal walks the records the card sent (zero-copy:
 * nothing is allocated, every value points into the record buffer), logs
 * them, and builds the data the card's CDOL1 asks for in GENERATE AC. The log
 * shows tag names and lengths; values the dictionary marks sensitive (PAN,
 * track data, cardholder name) never appear.
 */
#include <stdio.h>

#include "posguard.h"

/* READ RECORD responses of a Visa test card (openemv/emv-utils tests; also in
 * core/tests/vectors/tlv.json): 70 { 57 track 2, 5F20 name, 9F1F track 1
 * discretionary data } and 70 { 5A PAN, 5F34, 5F24 expiry, 8C CDOL1, 8D CDOL2 }. */
static const uint8_t RECORD_1[] = {
    0x70, 0x33, 0x57, 0x11, 0x47, 0x61, 0x73, 0x90, 0x01, 0x01, 0x01, 0x19, 0xD2, 0x21, 0x22, 0x01, 0x17,
    0x58, 0x92, 0x88, 0x89, 0x5F, 0x20, 0x0C, 0x45, 0x58, 0x50, 0x49, 0x52, 0x45, 0x44, 0x2F, 0x43, 0x41,
    0x52, 0x44, 0x9F, 0x1F, 0x0E, 0x31, 0x37, 0x35, 0x38, 0x39, 0x30, 0x39, 0x36, 0x30, 0x30, 0x30, 0x30,
    0x30, 0x30};
static const uint8_t RECORD_2[] = {
    0x70, 0x46, 0x5A, 0x08, 0x47, 0x61, 0x73, 0x90, 0x01, 0x01, 0x01, 0x19, 0x5F, 0x34, 0x01, 0x01, 0x5F,
    0x24, 0x03, 0x22, 0x12, 0x31, 0x8C, 0x15, 0x9F, 0x02, 0x06, 0x9F, 0x03, 0x06, 0x9F, 0x1A, 0x02, 0x95,
    0x05, 0x5F, 0x2A, 0x02, 0x9A, 0x03, 0x9C, 0x01, 0x9F, 0x37, 0x04, 0x8D, 0x19, 0x8A, 0x02, 0x9F, 0x02,
    0x06, 0x9F, 0x03, 0x06, 0x9F, 0x1A, 0x02, 0x95, 0x05, 0x5F, 0x2A, 0x02, 0x9A, 0x03, 0x9C, 0x01, 0x9F,
    0x37, 0x04, 0x91, 0x08};

static void print_hex(const uint8_t *bytes, size_t len) {
    for (size_t i = 0; i < len; i++) {
        printf("%02X", bytes[i]);
    }
    printf("\n");
}

static int fail(const char *step, posguard_status status) {
    fprintf(stderr, "%s failed: %s (status %d)\n", step, posguard_status_str(status), (int)status);
    return 1;
}

/* Logs one level of TLV and, indented, every template inside it. */
static posguard_status log_level(posguard_tlv_cursor *cursor, int indent) {
    posguard_tlv t;
    posguard_status status;
    while ((status = posguard_tlv_next(cursor, &t)) == POSGUARD_STATUS_OK) {
        char tag[POSGUARD_TAG_BUFFER_LEN] = "?";
        char name[POSGUARD_TAG_NAME_BUFFER_LEN] = "unknown tag";
        posguard_tag_info info = {0};
        posguard_tag_format(t.tag, tag, sizeof tag);
        bool known = posguard_tlv_tag_info(t.tag, &info, name, sizeof name) == POSGUARD_STATUS_OK;
        printf("%*s%s %s, %zu bytes", indent, "", tag, name, t.value_len);
        if (t.constructed) {
            printf("\n");
            posguard_tlv_cursor inner;
            posguard_tlv_children(&t, &inner);
            posguard_status inner_status = log_level(&inner, indent + 3);
            if (inner_status != POSGUARD_STATUS_END) {
                return inner_status;
            }
        } else if (known && info.sensitive) {
            printf(" (sensitive, not logged)\n");
        } else {
            printf(": ");
            print_hex(t.value, t.value_len);
        }
    }
    if (status == POSGUARD_STATUS_MALFORMED_TLV) {
        fprintf(stderr, "malformed record at byte %zu\n", cursor->error_offset);
    }
    return status;
}

int main(void) {
    const struct {
        const uint8_t *data;
        size_t len;
    } records[] = {{RECORD_1, sizeof RECORD_1}, {RECORD_2, sizeof RECORD_2}};

    for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
        printf("record %zu:\n", i + 1);
        posguard_tlv_cursor cursor;
        posguard_tlv_cursor_init(&cursor, records[i].data, records[i].len, true);
        posguard_status status = log_level(&cursor, 3);
        if (status != POSGUARD_STATUS_END) {
            return fail("reading the record", status);
        }
    }

    /* GENERATE AC: the card's CDOL1 says which terminal data it wants, in
     * which order and length; posguard pads and cuts per EMV Book 3 5.4. */
    const uint8_t *cdol1 = NULL;
    size_t cdol1_len = 0;
    posguard_status status = posguard_tlv_find(RECORD_2, sizeof RECORD_2, 0x8C, true, &cdol1, &cdol1_len);
    if (status != POSGUARD_STATUS_OK) {
        return fail("finding CDOL1", status);
    }
    static const uint8_t amount[] = {0x00, 0x00, 0x00, 0x00, 0x15, 0x00}; /* 15.00 */
    static const uint8_t gbp[] = {0x08, 0x26};                          /* country and currency 826 */
    static const uint8_t date[] = {0x25, 0x03, 0x14};
    static const uint8_t tvr[] = {0x00, 0x00, 0x00, 0x00, 0x00};
    static const uint8_t purchase[] = {0x00};
    static const uint8_t unpredictable[] = {0x9A, 0x3E, 0x51, 0x07}; /* from the terminal's RNG */
    const posguard_tlv_value terminal_data[] = {
        {0x9F02, amount, sizeof amount}, {0x9F1A, gbp, sizeof gbp},   {0x5F2A, gbp, sizeof gbp},
        {0x9A, date, sizeof date},       {0x95, tvr, sizeof tvr},     {0x9C, purchase, sizeof purchase},
        {0x9F37, unpredictable, sizeof unpredictable}, /* 9F03, other amount: absent, sent as zeros */
    };
    uint8_t cdol1_data[64];
    size_t cdol1_data_len = 0;
    status = posguard_dol_build(cdol1, cdol1_len, terminal_data, sizeof terminal_data / sizeof terminal_data[0],
                                cdol1_data, sizeof cdol1_data, &cdol1_data_len);
    if (status != POSGUARD_STATUS_OK) {
        return fail("building the CDOL1 data", status);
    }
    printf("GENERATE AC data (CDOL1): ");
    print_hex(cdol1_data, cdol1_data_len);

    /* The decoder for people, for a support log: masked by default. */
    char text[2048];
    size_t text_len = 0;
    status = posguard_tlv_describe(RECORD_2, sizeof RECORD_2, false, true, text, sizeof text, &text_len);
    if (status != POSGUARD_STATUS_OK) {
        return fail("describing record 2", status);
    }
    printf("record 2, described:\n%s", text);
    return 0;
}
