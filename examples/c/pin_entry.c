/* Firmware-style PIN entry with posguard.
 *
 * The cardholder types a PIN on the keypad; the terminal encrypts it at once
 * into an ISO 9564 format 0 PIN block under its TDES PIN key, wipes the
 * clear digits, and hands the block to the authorisation message. It prints
 * the block and the key's check value (what a terminal log may show), never
 * the PIN or the key.
 */
#include <stdio.h>

#include "posguard.h"

/* Stands in for the keypad driver: the keys the cardholder presses, '#' is ENTER. */
static const char KEYPRESSES[] = "4827#";

static int keypad_read(void) {
    static size_t next;
    return KEYPRESSES[next] != '\0' ? KEYPRESSES[next++] : '#';
}

/* Clears a secret; the volatile stores cannot be optimised away. */
static void wipe(void *buf, size_t len) {
    volatile unsigned char *p = buf;
    while (len-- > 0) {
        *p++ = 0;
    }
}

static void print_hex(const char *label, const uint8_t *bytes, size_t len) {
    printf("%s", label);
    for (size_t i = 0; i < len; i++) {
        printf("%02X", bytes[i]);
    }
    printf("\n");
}

static int fail(const char *step, posguard_status status) {
    fprintf(stderr, "%s failed: %s (status %d)\n", step, posguard_status_str(status), (int)status);
    return 1;
}

int main(void) {
    /* A real terminal loads its PIN key from secure storage after key
     * injection; this is the ANSI X9.24 test key. */
    uint8_t material[16] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
                            0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10};
    const char *pan = "4012345678909"; /* read from the card */

    posguard_key *pin_key = NULL;
    posguard_status status = posguard_key_new("tdes", "pin", material, sizeof material, &pin_key);
    wipe(material, sizeof material); /* the key handle holds its own copy */
    if (status != POSGUARD_STATUS_OK) {
        return fail("loading the PIN key", status);
    }

    char pin[POSGUARD_PIN_BUFFER_LEN] = {0};
    size_t digits = 0;
    for (int key = keypad_read(); key != '#'; key = keypad_read()) {
        if (digits < sizeof pin - 1) {
            pin[digits++] = (char)key;
        }
    }

    uint8_t block[POSGUARD_PIN_BLOCK_MAX_LEN];
    size_t block_len = 0;
    status = posguard_pin_encrypt(pin, pan, pin_key, POSGUARD_PIN_FORMAT_ISO0, block, sizeof block, &block_len);
    wipe(pin, sizeof pin);
    if (status != POSGUARD_STATUS_OK) {
        posguard_key_free(pin_key);
        return fail("encrypting the PIN", status);
    }

    uint8_t kcv[3];
    size_t kcv_len = 0;
    status = posguard_key_check_value(pin_key, POSGUARD_KCV_METHOD_DEFAULT, 0, kcv, sizeof kcv, &kcv_len);
    posguard_key_free(pin_key); /* wipes the key material */
    if (status != POSGUARD_STATUS_OK) {
        return fail("computing the check value", status);
    }

    print_hex("PIN block (ISO 9564 format 0): ", block, block_len);
    print_hex("PIN key check value:           ", kcv, kcv_len);
    return 0;
}
