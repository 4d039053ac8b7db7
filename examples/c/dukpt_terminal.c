/* Firmware-style DUKPT terminal with posguard: key injection by TR-31 key
 * block, then a PIN transaction with a request MAC.
 *
 * 1. The key injection facility derives the terminal's initial key (IPEK)
 *    from its BDK and wraps it in a TR-31 key block under the key block
 *    protection key (KBPK) the terminal shares with it.
 * 2. The terminal reads the block's header, unwraps the IPEK (the block's
 *    MAC is checked) and loads its TDES DUKPT device (ANSI X9.24-1).
 * 3. For a transaction it takes the next KSN and transaction keys, encrypts
 *    the PIN under the DUKPT PIN key, MACs the request under the DUKPT MAC
 *    key, and saves the device state before the request leaves: a power cut
 *    never reuses a counter.
 * 4. The host derives the same keys from the BDK and the KSN, and checks.
 *
 * Only what a terminal log may show is printed: the block header, KSN, PIN
 * block and MAC; never the PIN, the BDK or the IPEK.
 */
#include <stdio.h>
#include <string.h>

#include "posguard.h"

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

#define TRY(step, call)                                                                                  \
    do {                                                                                                 \
        posguard_status s_ = (call);                                                                     \
        if (s_ != POSGUARD_STATUS_OK) {                                                                  \
            fprintf(stderr, "%s failed: %s (status %d)\n", step, posguard_status_str(s_), (int)s_);      \
            return 1;                                                                                    \
        }                                                                                                \
    } while (0)

/* The ANSI X9.24-1 test BDK and initial KSN; a KBPK shared by the KIF and the terminal. */
static const uint8_t BDK[16] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
                                0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10};
static const uint8_t INITIAL_KSN[POSGUARD_DUKPT_TDES_KSN_LEN] = {0xFF, 0xFF, 0x98, 0x76, 0x54,
                                                                  0x32, 0x10, 0xE0, 0x00, 0x00};
static const uint8_t KBPK[32] = {0x88, 0xE1, 0xAB, 0x2A, 0x2E, 0x3D, 0xD3, 0x8C, 0x1F, 0xA0, 0x39,
                                 0xA5, 0x36, 0x50, 0x0C, 0xC8, 0xA8, 0x7A, 0xB9, 0xD6, 0x2D, 0xC9,
                                 0x2C, 0x01, 0x05, 0x8F, 0xA7, 0x9F, 0x44, 0x65, 0x7D, 0xE6};

/* Step 1: the key injection facility. */
static int inject(char *block, size_t block_cap) {
    posguard_key *bdk = NULL, *kbpk = NULL, *ipek = NULL;
    TRY("loading the BDK", posguard_key_new("tdes", "B0", BDK, sizeof BDK, &bdk));
    TRY("loading the KBPK", posguard_key_new("aes", "K1", KBPK, sizeof KBPK, &kbpk));
    TRY("deriving the IPEK", posguard_dukpt_tdes_derive_ipek(bdk, INITIAL_KSN, sizeof INITIAL_KSN, &ipek));
    posguard_key_free(bdk);
    posguard_tr31_wrap_options options;
    TRY("wrap options", posguard_tr31_wrap_options_default(&options));
    posguard_tr31_optional_block ks = {.id = "KS", .data = "FFFF9876543210E00000"}; /* the initial KSN */
    options.optional_blocks = &ks;
    options.optional_block_count = 1;
    size_t len = 0;
    posguard_status status = posguard_tr31_wrap(kbpk, ipek, &options, block, block_cap, &len);
    posguard_key_free(ipek);
    posguard_key_free(kbpk);
    TRY("wrapping the IPEK", status);
    return 0;
}

int main(void) {
    char block[POSGUARD_TR31_BLOCK_BUFFER_LEN];
    if (inject(block, sizeof block) != 0) {
        return 1;
    }

    /* Step 2: the terminal. The header is not secret (and not yet authenticated). */
    posguard_tr31_header header;
    TRY("reading the key block header", posguard_tr31_inspect(block, &header, NULL));
    printf("key block: version %c, usage %s, algorithm %s, mode %c, %zu optional block(s)\n", (char)header.version,
           header.usage, header.algorithm, header.mode, header.optional_block_count);
    posguard_key *kbpk = NULL, *ipek = NULL;
    TRY("loading the KBPK", posguard_key_new("aes", "K1", KBPK, sizeof KBPK, &kbpk));
    posguard_status status = posguard_tr31_unwrap(kbpk, block, 0, &ipek);
    posguard_key_free(kbpk);
    TRY("unwrapping the IPEK", status);
    posguard_dukpt_tdes_device *device = NULL;
    status = posguard_dukpt_tdes_device_new(ipek, INITIAL_KSN, sizeof INITIAL_KSN, &device);
    posguard_key_free(ipek); /* the device keeps its own future keys */
    TRY("loading the DUKPT device", status);

    /* Step 3: a transaction. */
    char pin[POSGUARD_PIN_BUFFER_LEN] = "4827"; /* from the keypad */
    const char *pan = "4012345678909";
    const uint8_t request[] = "0200 PAN=4012345678909 AMOUNT=000000001000";
    posguard_dukpt_tdes_transaction *tx = NULL;
    TRY("starting the transaction", posguard_dukpt_tdes_device_next(device, &tx));
    uint8_t state[POSGUARD_DUKPT_TDES_STATE_MAX_LEN];
    size_t state_len = 0;
    TRY("saving the device state", posguard_dukpt_tdes_device_save(device, state, sizeof state, &state_len));
    /* ... a real terminal seals and stores `state` here, before the request leaves ... */
    wipe(state, sizeof state);
    posguard_dukpt_tdes_device_free(device);

    uint8_t ksn[POSGUARD_DUKPT_TDES_KSN_LEN], pin_block[POSGUARD_PIN_BLOCK_MAX_LEN], mac[POSGUARD_MAC_MAX_LEN];
    size_t ksn_len = 0, pin_block_len = 0, mac_len = 0;
    posguard_key *pin_key = NULL, *mac_key = NULL;
    TRY("reading the KSN", posguard_dukpt_tdes_transaction_ksn(tx, ksn, sizeof ksn, &ksn_len));
    TRY("PIN key", posguard_dukpt_tdes_transaction_key(tx, POSGUARD_DUKPT_TDES_USAGE_PIN, &pin_key));
    TRY("MAC key", posguard_dukpt_tdes_transaction_key(tx, POSGUARD_DUKPT_TDES_USAGE_MAC_REQUEST, &mac_key));
    posguard_dukpt_tdes_transaction_free(tx); /* wipes the transaction key */
    status = posguard_pin_encrypt(pin, pan, pin_key, POSGUARD_PIN_FORMAT_ISO0, pin_block, sizeof pin_block,
                                  &pin_block_len);
    wipe(pin, sizeof pin);
    posguard_key_free(pin_key);
    TRY("encrypting the PIN", status);
    status = posguard_mac_generate(mac_key, request, sizeof request - 1, POSGUARD_MAC_ALGORITHM_ISO9797_3,
                                   POSGUARD_MAC_PADDING_METHOD1, 0, mac, sizeof mac, &mac_len);
    posguard_key_free(mac_key);
    TRY("computing the request MAC", status);
    print_hex("KSN:                  ", ksn, ksn_len);
    print_hex("PIN block (format 0): ", pin_block, pin_block_len);
    print_hex("request MAC (X9.19):  ", mac, mac_len);

    /* Step 4: the host, from the BDK and the KSN. */
    posguard_key *bdk = NULL, *host_mac = NULL, *host_pin = NULL;
    TRY("host: loading the BDK", posguard_key_new("tdes", "B0", BDK, sizeof BDK, &bdk));
    TRY("host: MAC key", posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_MAC_REQUEST,
                                                        &host_mac));
    TRY("host: PIN key", posguard_dukpt_tdes_derive_key(bdk, ksn, ksn_len, POSGUARD_DUKPT_TDES_USAGE_PIN, &host_pin));
    posguard_key_free(bdk);
    status = posguard_mac_verify(host_mac, request, sizeof request - 1, mac, mac_len,
                                 POSGUARD_MAC_ALGORITHM_ISO9797_3, POSGUARD_MAC_PADDING_METHOD1);
    posguard_key_free(host_mac);
    TRY("host: verifying the MAC", status);
    char host_pin_digits[POSGUARD_PIN_BUFFER_LEN];
    status = posguard_pin_decrypt(pin_block, pin_block_len, pan, host_pin, POSGUARD_PIN_FORMAT_ISO0, host_pin_digits,
                                  sizeof host_pin_digits);
    posguard_key_free(host_pin);
    /* A host would forward the PIN block to the issuer (translated in its HSM), not look at the PIN. */
    printf("host: MAC verified, PIN block decrypts to a %zu-digit PIN\n",
           status == POSGUARD_STATUS_OK ? strlen(host_pin_digits) : (size_t)0);
    wipe(host_pin_digits, sizeof host_pin_digits);
    TRY("host: decrypting the PIN block", status);
    return 0;
}
