/*
 * posguard: the C API of the posguard payment-security library.
 *
 * Generated from bindings/c by `cargo xtask gen` (cbindgen): do not edit.
 * Link libposguard_ffi.a (plus -lpthread -ldl -lm) or libposguard_ffi.so.
 *
 * Conventions:
 * - Fallible functions return a posguard_status; posguard_status_str() gives
 *   a static message without secrets. No state is kept between calls.
 * - Binary inputs are pointer + length (length 0 accepts NULL). Text inputs
 *   (algorithm and usage names, PIN and PAN digits) are NUL-terminated UTF-8;
 *   a NULL PAN means "no PAN".
 * - Outputs go to caller buffers `out[out_cap]`, `*out_len` receiving the
 *   length. If the buffer is too small: POSGUARD_STATUS_BUFFER_TOO_SMALL with
 *   the size needed in *out_len and nothing written; on any other failure
 *   nothing is written at all. Text outputs are NUL-terminated (an *out_len
 *   counts the NUL).
 * - TLV: tags are uint32_t holding the tag bytes big-endian (0x9F02). Walking
 *   with posguard_tlv_cursor allocates nothing; the objects point into the
 *   caller's buffer, which must outlive them.
 * - Keys, DUKPT devices and DUKPT transactions are opaque handles, made by
 *   a function that writes `*out` and released by their _free function
 *   (which wipes them). Enum arguments outside their enum are
 *   POSGUARD_STATUS_INVALID_ARGUMENT.
 * - Decoded PINs, clear PIN blocks, decrypted data and saved DUKPT states
 *   are secrets: wipe them after use.
 */

#ifndef POSGUARD_H
#define POSGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Size of a `char` buffer that holds any decoded PIN: 12 digits and a NUL.
#define POSGUARD_PIN_BUFFER_LEN 13

/// The largest PIN block, in bytes (format 4 and SM4; formats 0 to 3 are 8).
#define POSGUARD_PIN_BLOCK_MAX_LEN 16

/// Size of a `char` buffer that holds any tag in hex: 8 digits and a NUL.
#define POSGUARD_TAG_BUFFER_LEN 9

/// Size of a `char` buffer that holds the name of any built-in tag, NUL included.
#define POSGUARD_TAG_NAME_BUFFER_LEN 128

/// Length of an AES DUKPT key serial number (KSN), in bytes.
#define POSGUARD_DUKPT_AES_KSN_LEN 12

/// Length of an AES DUKPT initial key ID (BDK ID and derivation ID), in bytes.
#define POSGUARD_DUKPT_AES_INITIAL_KEY_ID_LEN 8

/// The largest saved state of an AES DUKPT device, in bytes (AES-256 keys,
/// all 32 registers: 22-byte header, 32 × 32 bytes, 4-byte CRC).
#define POSGUARD_DUKPT_AES_STATE_MAX_LEN 1050

/// Length of a TDES DUKPT key serial number (KSN), in bytes.
#define POSGUARD_DUKPT_TDES_KSN_LEN 10

/// The largest saved state of a TDES DUKPT device, in bytes.
#define POSGUARD_DUKPT_TDES_STATE_MAX_LEN 363

/// The largest MAC, in bytes: HMAC-SHA256's 32 bytes, or 32 UnionPay SM4 hex characters.
#define POSGUARD_MAC_MAX_LEN 32

/// `posguard_tr31_unwrap` flag: lenient validation for the blocks real HSMs
/// emit (no key length obfuscation, lower-case hex, ...). The cryptography,
/// lengths and policy checks are the same; the default is strict ANSI X9.143.
#define POSGUARD_TR31_UNWRAP_LENIENT 1

/// `posguard_tr31_unwrap` flag: accept deprecated version A blocks (TR-31:2005).
#define POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A 2

/// Size of a `char` buffer that holds any key block: 9999 characters and a NUL.
#define POSGUARD_TR31_BLOCK_BUFFER_LEN 10000

/// Size of a `char` buffer that holds an optional block id: 2 characters and a NUL.
#define POSGUARD_TR31_ID_BUFFER_LEN 3

/// The result of a posguard call: `POSGUARD_STATUS_OK` or what went wrong.
///
/// Values 1 to 99 are posguard's error codes (`posguard::Error::code`), the
/// same numbers in every language; values from 100 come from the C boundary
/// itself (`POSGUARD_STATUS_END` and `POSGUARD_STATUS_NOT_FOUND` are answers,
/// not errors). `posguard_status_str` gives a static message that never
/// contains a key, a PIN or a PAN.
typedef enum posguard_status {
  /// Success.
  POSGUARD_STATUS_OK = 0,
  /// Key material has a length the algorithm does not allow.
  POSGUARD_STATUS_INVALID_KEY_LENGTH = 1,
  /// Key material is structurally weak (TDES parts equal).
  POSGUARD_STATUS_WEAK_KEY = 2,
  /// The key's usage or mode of use does not permit the operation.
  POSGUARD_STATUS_KEY_USAGE = 3,
  /// The key's algorithm does not fit the operation.
  POSGUARD_STATUS_KEY_ALGORITHM = 4,
  /// Unknown algorithm name.
  POSGUARD_STATUS_UNKNOWN_ALGORITHM = 5,
  /// Unknown key usage name or TR-31 code.
  POSGUARD_STATUS_UNKNOWN_KEY_USAGE = 6,
  /// Unknown mode of use, or one the key usage does not allow.
  POSGUARD_STATUS_INVALID_MODE_OF_USE = 7,
  /// The PIN is not 4 to 12 decimal digits.
  POSGUARD_STATUS_INVALID_PIN = 8,
  /// The PAN is not digits, or its length does not fit the format.
  POSGUARD_STATUS_INVALID_PAN = 9,
  /// The PIN block has the wrong length or malformed fields.
  POSGUARD_STATUS_INVALID_PIN_BLOCK = 10,
  /// Unknown PIN block format.
  POSGUARD_STATUS_UNKNOWN_PIN_FORMAT = 11,
  /// The translation is forbidden by ISO 9564-1 / PCI PIN.
  POSGUARD_STATUS_FORBIDDEN_TRANSLATION = 12,
  /// The PIN fails the PIN policy.
  POSGUARD_STATUS_WEAK_PIN = 13,
  /// A length argument (e.g. check value length) is out of range.
  POSGUARD_STATUS_INVALID_LENGTH = 14,
  /// The output buffer is too small: the size needed is reported and nothing
  /// was written.
  POSGUARD_STATUS_BUFFER_TOO_SMALL = 15,
  /// An argument's value is not one of the accepted ones (also an enum
  /// argument outside its enum).
  POSGUARD_STATUS_INVALID_ARGUMENT = 16,
  /// Decrypted data whose padding is not the padding method asked for.
  POSGUARD_STATUS_INVALID_PADDING = 17,
  /// MAC verification failed (a security event).
  POSGUARD_STATUS_MAC_MISMATCH = 20,
  /// Check value verification failed (a security event).
  POSGUARD_STATUS_CHECK_VALUE_MISMATCH = 21,
  /// A key block's MAC did not verify: wrong KBPK or an altered block (a security event).
  POSGUARD_STATUS_KEY_BLOCK_INTEGRITY = 22,
  /// The operating system's random number generator failed.
  POSGUARD_STATUS_RNG = 30,
  /// Malformed BER-TLV data (or an invalid tag); the cursor reports the offset.
  POSGUARD_STATUS_MALFORMED_TLV = 40,
  /// A malformed data object list (PDOL, CDOL1, ...).
  POSGUARD_STATUS_MALFORMED_DOL = 41,
  /// A malformed TR-31 / X9.143 key block.
  POSGUARD_STATUS_MALFORMED_KEY_BLOCK = 50,
  /// A key block the standard refuses (KBPK too weak or not fitting the version, header contradicting the key).
  POSGUARD_STATUS_KEY_BLOCK_POLICY = 51,
  /// A DUKPT KSN of the wrong size or with an invalid counter.
  POSGUARD_STATUS_INVALID_KSN = 60,
  /// A DUKPT device has no transaction counter left.
  POSGUARD_STATUS_DUKPT_EXHAUSTED = 61,
  /// Saved state (a DUKPT device's) that is malformed or inconsistent.
  POSGUARD_STATUS_INVALID_STATE = 62,
  /// A required pointer argument was NULL.
  POSGUARD_STATUS_NULL_POINTER = 100,
  /// A string argument is not valid UTF-8.
  POSGUARD_STATUS_INVALID_UTF8 = 102,
  /// A bug in posguard: a panic was caught at the boundary, or the core
  /// returned an error this binding does not know.
  POSGUARD_STATUS_PANIC = 104,
  /// Not an error: a TLV cursor has no more objects at its level.
  POSGUARD_STATUS_END = 105,
  /// Not an error: the tag looked for is not there.
  POSGUARD_STATUS_NOT_FOUND = 106,
} posguard_status;

/// A data element's format (EMV Book 3, 4.3).
typedef enum posguard_tlv_format {
  /// `n`: numeric BCD, right-justified, leading zeros.
  POSGUARD_TLV_FORMAT_N = 0,
  /// `cn`: compressed numeric BCD, left-justified, trailing `F`s.
  POSGUARD_TLV_FORMAT_CN = 1,
  /// `a`: alphabetic.
  POSGUARD_TLV_FORMAT_A = 2,
  /// `an`: alphanumeric.
  POSGUARD_TLV_FORMAT_AN = 3,
  /// `ans`: alphanumeric special.
  POSGUARD_TLV_FORMAT_ANS = 4,
  /// `b`: binary.
  POSGUARD_TLV_FORMAT_B = 5,
  /// A template (constructed).
  POSGUARD_TLV_FORMAT_TEMPLATE = 6,
} posguard_tlv_format;

/// Where a data element comes from.
typedef enum posguard_tlv_source {
  /// The card (ICC).
  POSGUARD_TLV_SOURCE_ICC = 0,
  /// The terminal.
  POSGUARD_TLV_SOURCE_TERMINAL = 1,
  /// The issuer (host response).
  POSGUARD_TLV_SOURCE_ISSUER = 2,
  /// Not stated.
  POSGUARD_TLV_SOURCE_OTHER = 3,
} posguard_tlv_source;

/// The type of a derived AES DUKPT key: algorithm and length (X9.24-3:2017 table 3).
typedef enum posguard_dukpt_aes_key_type {
  /// Two-key TDES (16 bytes).
  POSGUARD_DUKPT_AES_KEY_TYPE_TDES2 = 0,
  /// Three-key TDES (24 bytes).
  POSGUARD_DUKPT_AES_KEY_TYPE_TDES3 = 1,
  /// AES-128.
  POSGUARD_DUKPT_AES_KEY_TYPE_AES128 = 2,
  /// AES-192.
  POSGUARD_DUKPT_AES_KEY_TYPE_AES192 = 3,
  /// AES-256.
  POSGUARD_DUKPT_AES_KEY_TYPE_AES256 = 4,
  /// HMAC key of 128 bits (MAC usages only).
  POSGUARD_DUKPT_AES_KEY_TYPE_HMAC128 = 5,
  /// HMAC key of 192 bits (MAC usages only).
  POSGUARD_DUKPT_AES_KEY_TYPE_HMAC192 = 6,
  /// HMAC key of 256 bits (MAC usages only).
  POSGUARD_DUKPT_AES_KEY_TYPE_HMAC256 = 7,
} posguard_dukpt_aes_key_type;

/// How a key check value is computed.
typedef enum posguard_kcv_method {
  /// The algorithm's standard method: CMAC for AES (ANSI X9.24-1:2017),
  /// zero-block for DES, TDES and SM4. Length 0 means 3 bytes.
  POSGUARD_KCV_METHOD_DEFAULT = 0,
  /// Encrypt a block of zeros, keep the leftmost bytes.
  POSGUARD_KCV_METHOD_ZERO_BLOCK = 1,
  /// CMAC over a block of zeros, leftmost bytes.
  POSGUARD_KCV_METHOD_CMAC = 2,
  /// The UnionPay check value: zero-block; length 0 means 4 bytes.
  POSGUARD_KCV_METHOD_UNIONPAY = 3,
} posguard_kcv_method;

/// A PIN block format. ISO 9564-1 formats keep their ISO number.
typedef enum posguard_pin_format {
  /// ISO 9564-1 format 0 (ANSI X9.8): PIN XOR PAN, 8 bytes, TDES key.
  POSGUARD_PIN_FORMAT_ISO0 = 0,
  /// ISO 9564-1 format 1: PIN with random fill, no PAN, 8 bytes, TDES key.
  POSGUARD_PIN_FORMAT_ISO1 = 1,
  /// ISO 9564-1 format 2: PIN with `F` fill, no PAN (ICC offline PIN), 8 bytes, TDES key.
  POSGUARD_PIN_FORMAT_ISO2 = 2,
  /// ISO 9564-1 format 3: PIN XOR PAN, random fill, 8 bytes, TDES key.
  POSGUARD_PIN_FORMAT_ISO3 = 3,
  /// ISO 9564-1 format 4: 16 bytes, AES key, PAN of 1 to 19 digits.
  POSGUARD_PIN_FORMAT_ISO4 = 4,
  /// China UnionPay SM4 block: format 0 widened to 16 bytes, SM4 key. It has
  /// no ISO number; 16 keeps it clear of future ones.
  POSGUARD_PIN_FORMAT_SM4 = 16,
} posguard_pin_format;

/// Key block version: which binding method protects the block. The values
/// are the header's version characters (`'D'` is 68).
typedef enum posguard_tr31_version {
  /// `'A'`: TDES key variant binding, TR-31:2005. Deprecated: unwrap only,
  /// with `POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A`.
  POSGUARD_TR31_VERSION_A = 65,
  /// `'B'`: TDES key derivation binding (TR-31:2018, X9.143).
  POSGUARD_TR31_VERSION_B = 66,
  /// `'C'`: TDES key variant binding (TR-31:2010).
  POSGUARD_TR31_VERSION_C = 67,
  /// `'D'`: AES key derivation binding, CBC (TR-31:2018, X9.143). The default.
  POSGUARD_TR31_VERSION_D = 68,
  /// `'E'`: AES key derivation binding, CTR (ISO 20038:2017).
  POSGUARD_TR31_VERSION_E = 69,
} posguard_tr31_version;

/// Whether the receiver may export (wrap again) the key. The values are the
/// header's characters (`'N'` is 78).
typedef enum posguard_tr31_exportability {
  /// `'E'`: exportable under a trusted key.
  POSGUARD_TR31_EXPORTABILITY_EXPORTABLE = 69,
  /// `'N'`: not exportable (the wrap default).
  POSGUARD_TR31_EXPORTABILITY_NON_EXPORTABLE = 78,
  /// `'S'`: sensitive; exportable under an untrusted key only as the standard restricts.
  POSGUARD_TR31_EXPORTABILITY_SENSITIVE = 83,
} posguard_tr31_exportability;

/// The working key a TDES DUKPT transaction key is turned into (X9.24-1:2009 A.4.1).
typedef enum posguard_dukpt_tdes_usage {
  /// PIN encryption: TDES key, usage `P0`, mode `B`.
  POSGUARD_DUKPT_TDES_USAGE_PIN = 0,
  /// MAC on request messages: usage `M3` (ISO 9797-1 algorithm 3), mode `C`.
  POSGUARD_DUKPT_TDES_USAGE_MAC_REQUEST = 1,
  /// MAC on response messages: usage `M3`, mode `C`.
  POSGUARD_DUKPT_TDES_USAGE_MAC_RESPONSE = 2,
  /// Data encryption of requests (with the one-way step): usage `D0`, mode `B`.
  POSGUARD_DUKPT_TDES_USAGE_DATA_REQUEST = 3,
  /// Data encryption of responses (with the one-way step): usage `D0`, mode `B`.
  POSGUARD_DUKPT_TDES_USAGE_DATA_RESPONSE = 4,
} posguard_dukpt_tdes_usage;

/// What an AES DUKPT working key is for (X9.24-3:2017 table 2).
typedef enum posguard_dukpt_aes_usage {
  /// PIN encryption: usage `P0`, mode `B` (not with HMAC key types).
  POSGUARD_DUKPT_AES_USAGE_PIN = 0,
  /// MAC generation: `M6` (CMAC) or `M7` (HMAC key types), mode `G` on the
  /// device (`V` on the host, which verifies).
  POSGUARD_DUKPT_AES_USAGE_MAC_GENERATE = 1,
  /// MAC verification: `M6` or `M7`, mode `V` on the device (`G` on the host).
  POSGUARD_DUKPT_AES_USAGE_MAC_VERIFY = 2,
  /// MAC generation and verification: `M6` or `M7`, mode `C`.
  POSGUARD_DUKPT_AES_USAGE_MAC_BOTH = 3,
  /// Data encryption only: `D0`, mode `E` on the device (`D` on the host).
  POSGUARD_DUKPT_AES_USAGE_DATA_ENCRYPT = 4,
  /// Data decryption only: `D0`, mode `D` on the device (`E` on the host).
  POSGUARD_DUKPT_AES_USAGE_DATA_DECRYPT = 5,
  /// Data encryption and decryption: `D0`, mode `B`.
  POSGUARD_DUKPT_AES_USAGE_DATA_BOTH = 6,
  /// Key encryption key: `K0`, mode `B`.
  POSGUARD_DUKPT_AES_USAGE_KEK = 7,
} posguard_dukpt_aes_usage;

/// A MAC algorithm. Each variant is its own algorithm, so none can be confused.
typedef enum posguard_mac_algorithm {
  /// ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC, zero IV): DES (FIPS 113 / X9.9),
  /// TDES, AES or SM4 keys; padding methods 1 to 3; length 4 to the block size.
  POSGUARD_MAC_ALGORITHM_ISO9797_1 = 0,
  /// ISO/IEC 9797-1 MAC algorithm 3, the ANSI X9.19 retail MAC: double-length
  /// TDES keys only; padding methods 1 to 3; length 4 to 8 (default 8).
  POSGUARD_MAC_ALGORITHM_ISO9797_3 = 1,
  /// CMAC (NIST SP 800-38B) with a TDES, AES or SM4 key; its own padding;
  /// length 4 to the block size.
  POSGUARD_MAC_ALGORITHM_CMAC = 2,
  /// HMAC-SHA256 (RFC 2104) with an `hmac` key; length 10 to 32 (default 32).
  POSGUARD_MAC_ALGORITHM_HMAC_SHA256 = 3,
  /// China UnionPay POS MAC ("ECB" algorithm) with a DES or TDES MAK; the MAC
  /// is upper-case hex characters as ASCII bytes (default 8, at most 16), what
  /// goes into ISO 8583 field 64. WEAK: the XOR fold does not detect swapped
  /// or reordered blocks. Use it only because a host requires it.
  POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB = 4,
  /// The SM4 form of the UnionPay MAC (16-byte blocks); default 8 hex
  /// characters, at most 32. Same weakness.
  POSGUARD_MAC_ALGORITHM_UNIONPAY_ECB_SM4 = 5,
} posguard_mac_algorithm;

/// An ISO/IEC 9797-1 padding method, for MAC algorithms 1 and 3; the values
/// are the method numbers. The other algorithms have their own padding and
/// take only `DEFAULT` (or `METHOD1`, the same).
typedef enum posguard_mac_padding {
  /// The default: method 1 for algorithms 1 and 3, the algorithm's own for the others.
  POSGUARD_MAC_PADDING_DEFAULT = 0,
  /// Method 1: `00` bytes to a whole block (ambiguous: for fixed-length fields only).
  POSGUARD_MAC_PADDING_METHOD1 = 1,
  /// Method 2: `80`, then `00` bytes to a whole block.
  POSGUARD_MAC_PADDING_METHOD2 = 2,
  /// Method 3: a length block first, then as method 1.
  POSGUARD_MAC_PADDING_METHOD3 = 3,
} posguard_mac_padding;

/// Block cipher mode of operation.
typedef enum posguard_data_mode {
  /// Electronic codebook: each block alone (equal blocks give equal ciphertext); no IV.
  POSGUARD_DATA_MODE_ECB = 0,
  /// Cipher block chaining, with a one-block IV (all zeros when none is given).
  POSGUARD_DATA_MODE_CBC = 1,
} posguard_data_mode;

/// How the plaintext is padded to whole blocks. The values are the ISO/IEC
/// 9797-1 padding method numbers where there is one.
typedef enum posguard_data_padding {
  /// No padding: the data must be a whole number of blocks.
  POSGUARD_DATA_PADDING_NONE = 0,
  /// `00` bytes to a whole number of blocks (none when aligned). Decryption
  /// cannot remove it: it returns the padded data, to be cut to the length
  /// the caller knows.
  POSGUARD_DATA_PADDING_ZEROS = 1,
  /// ISO/IEC 9797-1 method 2 (ISO/IEC 7816-4): `80`, then `00` bytes; always
  /// added, and removed and checked on decryption.
  POSGUARD_DATA_PADDING_ISO9797_2 = 2,
} posguard_data_padding;

/// An opaque AES DUKPT originating device (PIN pad side): its intermediate
/// derivation key registers and transaction counter. Create it with
/// `posguard_dukpt_aes_device_new` or `_restore`, release it with
/// `posguard_dukpt_aes_device_free` (which wipes the registers). Calls that
/// take a non-const device must not run at the same time as any other call
/// on it.
typedef struct posguard_dukpt_aes_device posguard_dukpt_aes_device;

/// An opaque AES DUKPT transaction: its KSN and derivation key, from which
/// every working key of the transaction is derived. From
/// `posguard_dukpt_aes_device_next`; release it with
/// `posguard_dukpt_aes_transaction_free` (which wipes the key).
typedef struct posguard_dukpt_aes_transaction posguard_dukpt_aes_transaction;

/// An opaque TDES DUKPT originating device (PIN pad side): its future key
/// registers and encryption counter. Create it with
/// `posguard_dukpt_tdes_device_new` or `_restore`, release it with
/// `posguard_dukpt_tdes_device_free` (which wipes the registers). Calls that
/// take a non-const device must not run at the same time as any other call
/// on it.
typedef struct posguard_dukpt_tdes_device posguard_dukpt_tdes_device;

/// An opaque TDES DUKPT transaction: its KSN and transaction key. From
/// `posguard_dukpt_tdes_device_next`; release it with
/// `posguard_dukpt_tdes_transaction_free` (which wipes the key).
typedef struct posguard_dukpt_tdes_transaction posguard_dukpt_tdes_transaction;

/// An opaque key: material with its algorithm, usage and mode of use (TR-31
/// vocabulary). Every operation checks them: a MAC key cannot encrypt a PIN.
/// Create it with `posguard_key_new`, release it with `posguard_key_free`,
/// which wipes the material. A key never changes: several threads may use
/// it at once, as long as it is freed once, after the last call.
typedef struct posguard_key posguard_key;

/// One DOL entry: a tag and the length the card asks for.
typedef struct posguard_dol_entry {
  /// The data element requested.
  uint32_t tag;
  /// Its length in the DOL data, in bytes.
  size_t len;
} posguard_dol_entry;

/// A tag and its value, as input to `posguard_dol_build`.
typedef struct posguard_tlv_value {
  /// The tag.
  uint32_t tag;
  /// The value (NULL allowed when `value_len` is 0).
  const uint8_t *value;
  /// Length of the value in bytes.
  size_t value_len;
} posguard_tlv_value;

/// A PIN policy for `posguard_pin_check_policy_with`. Start from
/// `posguard_pin_policy_default` and change what differs.
typedef struct posguard_pin_policy {
  /// Minimum number of digits (at least 4).
  size_t min_len;
  /// Maximum number of digits (at most 12).
  size_t max_len;
  /// Refuse PINs whose digits are all equal (0000, 1111, ...).
  bool reject_repeated;
  /// Refuse ascending or descending runs (1234, 9876, ...).
  bool reject_sequences;
  /// Refuse the built-in list of well-known PINs.
  bool reject_common;
  /// The caller's own refused PINs: `blocklist_len` NUL-terminated strings (NULL when empty).
  const char *const *blocklist;
  /// Number of entries in `blocklist`.
  size_t blocklist_len;
} posguard_pin_policy;

/// What the built-in EMV dictionary knows about a tag; its name comes
/// separately, into a caller buffer.
typedef struct posguard_tag_info {
  /// The tag.
  uint32_t tag;
  /// Its format.
  enum posguard_tlv_format format;
  /// Who provides it.
  enum posguard_tlv_source source;
  /// Minimum value length in bytes.
  size_t min_len;
  /// Maximum value length in bytes.
  size_t max_len;
  /// Cardholder data (PAN, track data, name...) to mask in logs.
  bool sensitive;
} posguard_tag_info;

/// A position in BER-TLV data, advanced by `posguard_tlv_next`. The caller
/// owns it (e.g. on the stack) and sets it up with `posguard_tlv_cursor_init`
/// or `posguard_tlv_children`; its fields other than `error_offset` are
/// posguard's to change. Copy it to remember a position. It points into the
/// caller's buffer, which must outlive it.
typedef struct posguard_tlv_cursor {
  /// The bytes of this level: the whole input, or a template's contents.
  const uint8_t *data;
  /// Number of bytes at `data`.
  size_t len;
  /// Offset of `data[0]` in the input given to `posguard_tlv_cursor_init`.
  size_t base;
  /// Offset in `data` where the next read starts.
  size_t pos;
  /// Nesting depth of this level: 1 for the top level.
  size_t depth;
  /// Strict mode: no non-minimal encodings, no trailing bytes.
  bool strict;
  /// After `POSGUARD_STATUS_MALFORMED_TLV`: the offset of the offending byte in the input.
  size_t error_offset;
} posguard_tlv_cursor;

/// One BER-TLV object. `value` points into the caller's buffer (nothing is
/// copied) and is valid as long as that buffer is.
typedef struct posguard_tlv {
  /// The tag, its bytes read big-endian (e.g. `0x9F02`).
  uint32_t tag;
  /// The value; for a template, its encoded contents.
  const uint8_t *value;
  /// Length of the value in bytes.
  size_t value_len;
  /// Offset of the tag's first byte in the input given to `posguard_tlv_cursor_init`.
  size_t offset;
  /// Offset of the value's first byte in that input.
  size_t value_offset;
  /// Nesting depth: 1 for a top-level object.
  size_t depth;
  /// True for a template (constructed tag): walk its contents with `posguard_tlv_children`.
  bool constructed;
  /// Whether it was parsed in strict mode; `posguard_tlv_children` keeps the mode.
  bool strict;
} posguard_tlv;

/// An optional header block to write: a two-character id (upper-case
/// letters or digits, not `PB`, which wrap adds itself) and printable data.
typedef struct posguard_tr31_optional_block {
  /// Two characters, e.g. `"KS"` (key set id, a TDES DUKPT initial KSN in
  /// hex), `"IK"` (AES DUKPT initial key id), `"TS"` (time stamp), `"KC"` /
  /// `"KP"` (check value of the key / of the KBPK), or any other.
  const char *id;
  /// The data (printable ASCII); NULL or `""` for `KC` and `KP` makes wrap
  /// compute the check value.
  const char *data;
} posguard_tr31_optional_block;

/// Fills `buf[len]` with random bytes; returns 0 on success, anything else
/// on failure (the call then fails with `POSGUARD_STATUS_RNG`). `ctx` is the
/// caller's pointer from the options. Must be a cryptographic RNG (e.g. the
/// secure element's TRNG) and must not unwind or longjmp.
typedef int (*posguard_rng_fill)(void *ctx, uint8_t *buf, size_t len);

/// What `posguard_tr31_wrap` writes. Start from
/// `posguard_tr31_wrap_options_default` and change what differs.
typedef struct posguard_tr31_wrap_options {
  /// Key block version: B, C (TDES KBPK), D (default) or E (AES KBPK); A is never written.
  posguard_tr31_version version;
  /// Two-character key version number; NULL means `"00"` (unused).
  const char *key_version;
  /// Exportability written in the header (default `N`, non-exportable).
  posguard_tr31_exportability exportability;
  /// Optional blocks to write, in order (NULL when `optional_block_count` is 0).
  const struct posguard_tr31_optional_block *optional_blocks;
  /// Number of entries in `optional_blocks`.
  size_t optional_block_count;
  /// Pad the key to the longest key of its algorithm so the block does not
  /// reveal the key length (default true, as X9.143 expects).
  bool mask_key_length;
  /// Source of the random padding; NULL (the default) is the operating system's RNG.
  posguard_rng_fill rng;
  /// Passed to `rng` as its first argument.
  void *rng_ctx;
} posguard_tr31_wrap_options;

/// A parsed key block header, from `posguard_tr31_inspect`. Text fields are
/// NUL-terminated.
typedef struct posguard_tr31_header {
  /// Key block version.
  posguard_tr31_version version;
  /// Length of the whole key block in characters.
  size_t length;
  /// TR-31 key usage code, e.g. `"P0"` (as `posguard_key_usage`).
  char usage[3];
  /// Algorithm name: `"tdes"`, `"aes"`, `"des"`, `"hmac"` or `"sm4"` (as `posguard_key_algorithm`).
  char algorithm[8];
  /// TR-31 mode of use, e.g. `'B'` (as `posguard_key_mode`).
  char mode;
  /// Two-character key version number (`"00"` when unused).
  char key_version[3];
  /// Exportability of the key.
  posguard_tr31_exportability exportability;
  /// Number of optional blocks, `PB` included; read them with `posguard_tr31_inspect_optional_block`.
  size_t optional_block_count;
} posguard_tr31_header;

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/// Parses a DOL into `out[out_cap]` entries; `*out_count` receives the number
/// of entries (or the number needed, with `POSGUARD_STATUS_BUFFER_TOO_SMALL`
/// and nothing written). A malformed DOL is `POSGUARD_STATUS_MALFORMED_DOL`.
///
/// # Safety
/// `dol` points to `dol_len` readable bytes; `out` is writable for `out_cap`
/// entries (NULL allowed when `out_cap` is 0); `out_count` is writable.
enum posguard_status posguard_dol_parse(const uint8_t *dol,
                                        size_t dol_len,
                                        struct posguard_dol_entry *out,
                                        size_t out_cap,
                                        size_t *out_count);

/// Builds the DOL data for `dol` from `values[n_values]` with the EMV Book 3
/// rules and the built-in dictionary's formats: a longer value is cut (format
/// `n` on the left, others on the right), a shorter one padded (`n` with
/// leading zeros, `cn` with trailing `F`s, others with trailing zeros), an
/// absent value or a template is all zeros. The first value given for a tag
/// is used.
///
/// # Safety
/// `dol` points to `dol_len` readable bytes; `values` to `n_values` entries
/// whose `value` points to `value_len` readable bytes; `out`/`out_len` as in
/// `posguard_tlv_encode_primitive`.
enum posguard_status posguard_dol_build(const uint8_t *dol,
                                        size_t dol_len,
                                        const struct posguard_tlv_value *values,
                                        size_t n_values,
                                        uint8_t *out,
                                        size_t out_cap,
                                        size_t *out_len);

/// Creates a key with the default mode of use for its usage (e.g. `B`,
/// encrypt and decrypt, for a PIN key).
///
/// `algorithm`: `"tdes"`, `"aes"`, `"sm4"` or `"des"` (legacy MAC keys only),
/// any case; the material length picks TDES 2/3-key or AES-128/192/256.
/// `usage`: a name (`"pin"`, `"mac"`, `"data"`, `"kek"`, ...) or a TR-31 code
/// (`"P0"`, `"M0"`, ...). The material is copied (the caller may wipe its
/// copy). On success `*out` receives a handle to release with
/// `posguard_key_free`; on failure `*out` is not written.
///
/// # Safety
/// `algorithm` and `usage` are NUL-terminated strings; `material` points to
/// `material_len` readable bytes; `out` is writable. NULL gives
/// `POSGUARD_STATUS_NULL_POINTER`.
enum posguard_status posguard_key_new(const char *algorithm,
                                      const char *usage,
                                      const uint8_t *material,
                                      size_t material_len,
                                      struct posguard_key **out);

/// Like `posguard_key_new`, with an explicit TR-31 mode of use (`'B'`, `'C'`,
/// `'D'`, `'E'`, `'G'`, `'N'`, `'V'`, `'X'`), which must be one the usage
/// allows (e.g. `'E'`, encrypt only, for a terminal's PIN key).
///
/// # Safety
/// As `posguard_key_new`.
enum posguard_status posguard_key_new_with_mode(const char *algorithm,
                                                const char *usage,
                                                char mode,
                                                const uint8_t *material,
                                                size_t material_len,
                                                struct posguard_key **out);

/// Releases a key and wipes its material. NULL is a no-op.
///
/// # Safety
/// `key` is NULL or a handle from `posguard_key_new*` not yet freed; it must
/// not be used afterwards.
void posguard_key_free(struct posguard_key *key);

/// The key's algorithm name: `"des"`, `"tdes"`, `"aes"` or `"sm4"`; NULL for
/// a NULL key. The string lives as long as the key.
///
/// # Safety
/// `key` is NULL or a live handle.
const char *posguard_key_algorithm(const struct posguard_key *key);

/// The key's TR-31 usage code, e.g. `"P0"` for a PIN key; NULL for a NULL
/// key. The string lives as long as the key.
///
/// # Safety
/// `key` is NULL or a live handle.
const char *posguard_key_usage(const struct posguard_key *key);

/// The key's TR-31 mode of use, e.g. `'B'`; `'\0'` for a NULL key.
///
/// # Safety
/// `key` is NULL or a live handle.
char posguard_key_mode(const struct posguard_key *key);

/// The length of the key material in bytes (8 to 32); 0 for a NULL key.
///
/// # Safety
/// `key` is NULL or a live handle.
size_t posguard_key_length(const struct posguard_key *key);

/// Computes the key's check value: `len` bytes (1 to the cipher block size,
/// 8 or 16) by `method`; `len` 0 picks the standard length of
/// `POSGUARD_KCV_METHOD_DEFAULT` (3) and `POSGUARD_KCV_METHOD_UNIONPAY` (4).
/// Check values are not secret.
///
/// # Safety
/// `key` is a live handle; `out` is writable for `out_cap` bytes (NULL
/// allowed when `out_cap` is 0, to ask for the size); `out_len` is writable.
enum posguard_status posguard_key_check_value(const struct posguard_key *key,
                                              posguard_kcv_method method,
                                              size_t len,
                                              uint8_t *out,
                                              size_t out_cap,
                                              size_t *out_len);

/// Verifies an expected check value (its length selects the truncation),
/// in constant time: `POSGUARD_STATUS_OK` or
/// `POSGUARD_STATUS_CHECK_VALUE_MISMATCH` (treat as a security event).
///
/// # Safety
/// `key` is a live handle; `expected` points to `expected_len` readable bytes.
enum posguard_status posguard_key_verify_check_value(const struct posguard_key *key,
                                                     posguard_kcv_method method,
                                                     const uint8_t *expected,
                                                     size_t expected_len);

/// Copies the clear key material out. FOR TEST TOOLING AND KEY CEREMONIES
/// ONLY: every call is a place a clear key leaves the library; wipe `out`
/// after use. At most 32 bytes.
///
/// # Safety
/// As `posguard_key_check_value`.
enum posguard_status posguard_key_export_clear(const struct posguard_key *key,
                                               uint8_t *out,
                                               size_t out_cap,
                                               size_t *out_len);

/// Encodes the clear PIN block (format 4: the 16-byte clear PIN field) into
/// `out` (8 or 16 bytes). The clear block is as secret as the PIN: wipe
/// `out` after use.
///
/// # Safety
/// `pin` is a NUL-terminated string; `pan` is NULL or one; `out` is writable
/// for `out_cap` bytes (NULL allowed when `out_cap` is 0, to ask for the
/// size); `out_len` is writable.
enum posguard_status posguard_pin_encode(const char *pin,
                                         const char *pan,
                                         posguard_pin_format format,
                                         uint8_t *out,
                                         size_t out_cap,
                                         size_t *out_len);

/// Decodes a clear PIN block (format 4: the clear PIN field), checking every
/// field, and writes the PIN as NUL-terminated digits to `pin_out`, which
/// must hold at least `POSGUARD_PIN_BUFFER_LEN` bytes. Wipe it after use.
///
/// # Safety
/// `block` points to `block_len` readable bytes; `pan` is NULL or a
/// NUL-terminated string; `pin_out` is writable for `pin_out_cap` bytes.
enum posguard_status posguard_pin_decode(const uint8_t *block,
                                         size_t block_len,
                                         const char *pan,
                                         posguard_pin_format format,
                                         char *pin_out,
                                         size_t pin_out_cap);

/// Encrypts a PIN into a PIN block of `format` under `key`, which must be a
/// PIN encryption key (usage P0) whose mode allows encryption, with the
/// format's algorithm (TDES for formats 0 to 3, AES for 4, SM4 for SM4).
/// Formats 0, 3 and SM4 need a PAN of 13 to 19 digits, format 4 one of 1 to
/// 19; formats 1 and 2 ignore it.
///
/// # Safety
/// As `posguard_pin_encode`; `key` is a live handle.
enum posguard_status posguard_pin_encrypt(const char *pin,
                                          const char *pan,
                                          const struct posguard_key *key,
                                          posguard_pin_format format,
                                          uint8_t *out,
                                          size_t out_cap,
                                          size_t *out_len);

/// Decrypts a PIN block of `format` under `key` (a P0 key whose mode allows
/// decryption), checks every field, and writes the PIN as NUL-terminated
/// digits to `pin_out` (at least `POSGUARD_PIN_BUFFER_LEN` bytes). Wipe it
/// after use.
///
/// # Safety
/// As `posguard_pin_decode`; `key` is a live handle.
enum posguard_status posguard_pin_decrypt(const uint8_t *block,
                                          size_t block_len,
                                          const char *pan,
                                          const struct posguard_key *key,
                                          posguard_pin_format format,
                                          char *pin_out,
                                          size_t pin_out_cap);

/// Translates an encrypted PIN block from one key and format to another
/// without the clear PIN leaving the library. ISO 9564-1 / PCI PIN rules:
/// a PAN-bound block (formats 0, 3, 4, SM4) never becomes format 1 or 2
/// (`POSGUARD_STATUS_FORBIDDEN_TRANSLATION`), and the PAN is the same on
/// both sides.
///
/// # Safety
/// `block` points to `block_len` readable bytes; `pan` is NULL or a
/// NUL-terminated string; both keys are live handles; `out`/`out_len` as in
/// `posguard_pin_encode`.
enum posguard_status posguard_pin_translate(const uint8_t *block,
                                            size_t block_len,
                                            const char *pan,
                                            const struct posguard_key *from_key,
                                            posguard_pin_format from_format,
                                            const struct posguard_key *to_key,
                                            posguard_pin_format to_format,
                                            uint8_t *out,
                                            size_t out_cap,
                                            size_t *out_len);

/// Writes the default policy to `*out`: 4 to 12 digits, every rule on, empty blocklist.
///
/// # Safety
/// `out` is writable.
enum posguard_status posguard_pin_policy_default(struct posguard_pin_policy *out);

/// Checks a PIN a cardholder chose (PIN set or change) against the default
/// policy: `POSGUARD_STATUS_OK`, `POSGUARD_STATUS_WEAK_PIN` (all digits
/// equal, a sequence, a well-known PIN) or `POSGUARD_STATUS_INVALID_PIN`
/// (not 4 to 12 digits).
///
/// # Safety
/// `pin` is a NUL-terminated string.
enum posguard_status posguard_pin_check_policy(const char *pin);

/// Like `posguard_pin_check_policy`, with the caller's `policy`.
///
/// # Safety
/// `pin` is a NUL-terminated string; `policy` points to a policy whose
/// `blocklist` holds `blocklist_len` NUL-terminated strings.
enum posguard_status posguard_pin_check_policy_with(const char *pin, const struct posguard_pin_policy *policy);

/// The static, NUL-terminated message of a status (never NULL; never
/// contains a key, a PIN or a PAN). An unknown value gets "unknown status".
const char *posguard_status_str(posguard_status status);

/// Parses a tag written in hex (`"9F02"`, `"5a"`): 1 to 4 bytes forming
/// exactly one well-formed BER tag, else `POSGUARD_STATUS_MALFORMED_TLV`.
///
/// # Safety
/// `hex` is a NUL-terminated string; `tag` is writable.
enum posguard_status posguard_tag_parse(const char *hex, uint32_t *tag);

/// Writes a tag as NUL-terminated uppercase hex (`0x9F02` -> `"9F02"`) into
/// `out`, which `POSGUARD_TAG_BUFFER_LEN` bytes always fit. A value that is
/// not a well-formed tag is `POSGUARD_STATUS_MALFORMED_TLV`.
///
/// # Safety
/// `out` is writable for `out_cap` bytes.
enum posguard_status posguard_tag_format(uint32_t tag, char *out, size_t out_cap);

/// Looks `tag` up in the built-in EMV dictionary: `*out` receives its format,
/// source, length rules and sensitivity, and `name` (unless NULL) its
/// NUL-terminated name, e.g. "Application Primary Account Number (PAN)";
/// `POSGUARD_TAG_NAME_BUFFER_LEN` bytes fit every built-in name.
/// `POSGUARD_STATUS_NOT_FOUND` for a tag the dictionary does not know.
///
/// # Safety
/// `out` is writable; `name` is NULL or writable for `name_cap` bytes.
enum posguard_status posguard_tlv_tag_info(uint32_t tag, struct posguard_tag_info *out, char *name, size_t name_cap);

/// Sets `*cursor` at the start of `data[len]`, in strict mode (reject
/// non-minimal tags and lengths and trailing filler) or lenient mode (accept
/// what real cards send). The data is not read until `posguard_tlv_next`.
///
/// # Safety
/// `cursor` is writable; `data` points to `len` readable bytes that outlive
/// every use of the cursor (NULL allowed when `len` is 0).
enum posguard_status posguard_tlv_cursor_init(struct posguard_tlv_cursor *cursor,
                                              const uint8_t *data,
                                              size_t len,
                                              bool strict);

/// Reads the next object of the cursor's level into `*out` and advances:
/// `POSGUARD_STATUS_OK`, `POSGUARD_STATUS_END` when the level has no more
/// objects (`00`/`FF` filler is skipped), or `POSGUARD_STATUS_MALFORMED_TLV`
/// with `cursor->error_offset` set. An empty input is malformed; an empty
/// template is not. After `END` or an error the cursor stays where it is and
/// answers the same again. Allocates nothing.
///
/// # Safety
/// `cursor` was set up by `posguard_tlv_cursor_init` or
/// `posguard_tlv_children` and its buffer is still valid; `out` is writable.
enum posguard_status posguard_tlv_next(struct posguard_tlv_cursor *cursor, struct posguard_tlv *out);

/// Sets `*out` at the start of a template's contents, one level deeper (a
/// primitive object has none: the cursor ends at once). Nesting deeper than
/// the limit (16 levels) is `POSGUARD_STATUS_MALFORMED_TLV` on the first
/// `posguard_tlv_next`.
///
/// # Safety
/// `parent` was filled by `posguard_tlv_next` and its buffer is still valid;
/// `out` is writable.
enum posguard_status posguard_tlv_children(const struct posguard_tlv *parent, struct posguard_tlv_cursor *out);

/// Finds the first object with `tag`, depth-first (a template before its
/// contents, its contents before the next object): `*value` receives a
/// pointer into `data` and `*value_len` its length. `POSGUARD_STATUS_NOT_FOUND`
/// when absent; `POSGUARD_STATUS_MALFORMED_TLV` for malformed data met on the
/// way or an invalid tag. Allocates nothing.
///
/// # Safety
/// `data` points to `len` readable bytes; `value` and `value_len` are writable.
enum posguard_status posguard_tlv_find(const uint8_t *data,
                                       size_t len,
                                       uint32_t tag,
                                       bool strict,
                                       const uint8_t **value,
                                       size_t *value_len);

/// Encodes one primitive object (tag, minimal length, value) into `out`.
/// A constructed tag is `POSGUARD_STATUS_MALFORMED_TLV`: use
/// `posguard_tlv_encode_template`.
///
/// # Safety
/// `value` points to `value_len` readable bytes; `out` is writable for
/// `out_cap` bytes (NULL allowed when `out_cap` is 0, to ask for the size);
/// `out_len` is writable.
enum posguard_status posguard_tlv_encode_primitive(uint32_t tag,
                                                   const uint8_t *value,
                                                   size_t value_len,
                                                   uint8_t *out,
                                                   size_t out_cap,
                                                   size_t *out_len);

/// Encodes a template: a constructed `tag` around `contents`, zero or more
/// encoded objects (e.g. from `posguard_tlv_encode_primitive` or this
/// function), which are checked in strict mode and re-encoded minimally.
/// Compose nested templates from the inside out.
///
/// # Safety
/// As `posguard_tlv_encode_primitive`, with `contents` for `value`.
enum posguard_status posguard_tlv_encode_template(uint32_t tag,
                                                  const uint8_t *contents,
                                                  size_t contents_len,
                                                  uint8_t *out,
                                                  size_t out_cap,
                                                  size_t *out_len);

/// Describes `data` for people: an indented tree, one line per object with
/// its tag, its name in the built-in dictionary and its decoded value. PAN,
/// track data and other cardholder data are masked unless `show_sensitive`.
/// The text is NUL-terminated; `*out_len` receives its size with the NUL (or
/// the size needed, with `POSGUARD_STATUS_BUFFER_TOO_SMALL`).
///
/// # Safety
/// `data` points to `len` readable bytes; `out` is writable for `out_cap`
/// bytes (NULL allowed when `out_cap` is 0, to ask for the size); `out_len`
/// is writable.
enum posguard_status posguard_tlv_describe(const uint8_t *data,
                                           size_t len,
                                           bool show_sensitive,
                                           bool strict,
                                           char *out,
                                           size_t out_cap,
                                           size_t *out_len);

/// Encrypts `data[data_len]` with a data key (usage `D0`, mode `B`, `E` or
/// `N`) into `out` (`data_len` rounded up to whole blocks, plus a block for
/// `ISO9797_2` on aligned data). `iv[iv_len]` is the CBC IV, one block (8
/// bytes for TDES, 16 for AES and SM4); `iv_len` 0 means none (all zeros for
/// CBC; ECB takes none: an IV is `POSGUARD_STATUS_INVALID_ARGUMENT`). An IV
/// of the wrong size, or data not a whole number of blocks with padding
/// `NONE`, is `POSGUARD_STATUS_INVALID_LENGTH`. `out` must not overlap `data`.
///
/// # Safety
/// `key` is a live key handle; `data` points to `data_len` and `iv` to
/// `iv_len` readable bytes (NULL allowed for a length of 0); `out` is
/// writable for `out_cap` bytes (NULL allowed when `out_cap` is 0, to ask for
/// the size); `out_len` is writable.
enum posguard_status posguard_data_encrypt(const struct posguard_key *key,
                                           const uint8_t *data,
                                           size_t data_len,
                                           posguard_data_mode mode,
                                           const uint8_t *iv,
                                           size_t iv_len,
                                           posguard_data_padding padding,
                                           uint8_t *out,
                                           size_t out_cap,
                                           size_t *out_len);

/// Decrypts `data[data_len]` (a whole number of blocks) with a data key
/// (usage `D0`, mode `B`, `D` or `N`) into `out` (at most `data_len` bytes);
/// arguments as `posguard_data_encrypt`. With `ISO9797_2` the padding is
/// checked and removed (`POSGUARD_STATUS_INVALID_PADDING` when absent: CBC
/// without a MAC over the ciphertext is then a padding oracle). The
/// plaintext is secret: wipe `out` after use.
///
/// # Safety
/// As `posguard_data_encrypt`.
enum posguard_status posguard_data_decrypt(const struct posguard_key *key,
                                           const uint8_t *data,
                                           size_t data_len,
                                           posguard_data_mode mode,
                                           const uint8_t *iv,
                                           size_t iv_len,
                                           posguard_data_padding padding,
                                           uint8_t *out,
                                           size_t out_cap,
                                           size_t *out_len);

/// Derives a device's initial key from the BDK (an AES key of usage `B0`)
/// and its 8-byte initial key ID (X9.24-3:2017 6.3.3). The result is an AES
/// key of the BDK's length, usage `B1`, mode `X`. `*out` receives a key
/// handle to release with `posguard_key_free`.
///
/// # Safety
/// `bdk` is a live key handle; `initial_key_id` points to `initial_key_id_len`
/// readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_aes_derive_initial_key(const struct posguard_key *bdk,
                                                           const uint8_t *initial_key_id,
                                                           size_t initial_key_id_len,
                                                           struct posguard_key **out);

/// Derives the working key of `usage` and `key_type` for a 12-byte KSN from
/// the BDK (host side). The usage names the device's operation; the host's
/// copy of a one-way key has the opposite mode of use (a `MAC_GENERATE` key
/// verifies, `V`; a `DATA_ENCRYPT` key decrypts, `D`). A KSN of the wrong
/// size, counter 0 or more than 16 one-bits is `POSGUARD_STATUS_INVALID_KSN`;
/// a combination that makes no sense (PIN or data with an HMAC key type, a
/// key stronger than the BDK) is refused. `*out` receives a key handle to
/// release with `posguard_key_free`.
///
/// # Safety
/// `bdk` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_aes_derive_key(const struct posguard_key *bdk,
                                                   const uint8_t *ksn,
                                                   size_t ksn_len,
                                                   posguard_dukpt_aes_usage usage,
                                                   posguard_dukpt_aes_key_type key_type,
                                                   struct posguard_key **out);

/// As `posguard_dukpt_aes_derive_key`, from the device's initial key (usage
/// `B1`) instead of the BDK, as the device holds it: one-way keys carry the
/// device's mode of use (`MAC_GENERATE` generates, `G`).
///
/// # Safety
/// `initial_key` is a live key handle; `ksn` points to `ksn_len` readable
/// bytes; `out` is writable.
enum posguard_status posguard_dukpt_aes_derive_working_key(const struct posguard_key *initial_key,
                                                           const uint8_t *ksn,
                                                           size_t ksn_len,
                                                           posguard_dukpt_aes_usage usage,
                                                           posguard_dukpt_aes_key_type key_type,
                                                           struct posguard_key **out);

/// Derives the DUKPT update key (X9.24-3:2017 6.5.3): the key-encryption key
/// (usage `K0`, mode `B`) of `key_type` that protects a new initial key sent
/// to the device. HMAC key types are refused. `*out` receives a key handle
/// to release with `posguard_key_free`.
///
/// # Safety
/// `initial_key` is a live key handle; `initial_key_id` points to
/// `initial_key_id_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_aes_derive_update_key(const struct posguard_key *initial_key,
                                                          const uint8_t *initial_key_id,
                                                          size_t initial_key_id_len,
                                                          posguard_dukpt_aes_key_type key_type,
                                                          struct posguard_key **out);

/// Loads a device with its initial key (usage `B1`) and KSN. Counter 0 in
/// `ksn` (the initial KSN) makes the first transaction counter 1; a non-zero
/// counter is the next transaction's and must be valid (at most 16
/// one-bits). The initial key is used once and not kept: its handle may be
/// freed afterwards. `*out` receives a handle to release with
/// `posguard_dukpt_aes_device_free`.
///
/// # Safety
/// `initial_key` is a live key handle; `ksn` points to `ksn_len` readable
/// bytes; `out` is writable.
enum posguard_status posguard_dukpt_aes_device_new(const struct posguard_key *initial_key,
                                                   const uint8_t *ksn,
                                                   size_t ksn_len,
                                                   struct posguard_dukpt_aes_device **out);

/// Restores a device from a state saved by `posguard_dukpt_aes_device_save`.
/// The format, CRC, counter and registers are checked; anything
/// inconsistent is `POSGUARD_STATUS_INVALID_STATE`. `*out` receives a handle
/// to release with `posguard_dukpt_aes_device_free`.
///
/// # Safety
/// `state` points to `state_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_aes_device_restore(const uint8_t *state,
                                                       size_t state_len,
                                                       struct posguard_dukpt_aes_device **out);

/// Releases a device and wipes its registers. NULL is a no-op.
///
/// # Safety
/// `device` is NULL or a live device handle, not used afterwards.
void posguard_dukpt_aes_device_free(struct posguard_dukpt_aes_device *device);

/// Writes the KSN of the next transaction (12 bytes) to `out`; once
/// exhausted, the initial key ID with counter 0.
///
/// # Safety
/// `device` is a live device handle; `out` is writable for `out_cap` bytes
/// (NULL allowed when `out_cap` is 0, to ask for the size); `out_len` is writable.
enum posguard_status posguard_dukpt_aes_device_ksn(const struct posguard_dukpt_aes_device *device,
                                                   uint8_t *out,
                                                   size_t out_cap,
                                                   size_t *out_len);

/// How many transactions the device can still run, the next one included
/// (about 2.45 billion for a new device); 0 when exhausted or for a NULL device.
///
/// # Safety
/// `device` is NULL or a live device handle.
uint32_t posguard_dukpt_aes_device_remaining(const struct posguard_dukpt_aes_device *device);

/// Writes the AES key type of the device's initial and derivation keys
/// (AES-128, -192 or -256) to `*out`: the strongest working key type it may
/// derive, and the usual choice for `posguard_dukpt_aes_transaction_key`.
///
/// # Safety
/// `device` is a live device handle; `out` is writable.
enum posguard_status posguard_dukpt_aes_device_key_type(const struct posguard_dukpt_aes_device *device,
                                                        enum posguard_dukpt_aes_key_type *out);

/// Runs the next transaction: `*out` receives a transaction handle (release
/// it with `posguard_dukpt_aes_transaction_free`), and the device advances
/// past its counter (to the next one with at most 16 one-bits).
/// `POSGUARD_STATUS_DUKPT_EXHAUSTED` once none is left. Persist
/// `posguard_dukpt_aes_device_save` after this call and before the
/// transaction leaves the device, so a power cut never reuses a counter.
///
/// # Safety
/// `device` is a live device handle, not used by another call meanwhile; `out` is writable.
enum posguard_status posguard_dukpt_aes_device_next(struct posguard_dukpt_aes_device *device,
                                                    struct posguard_dukpt_aes_transaction **out);

/// Saves the device's state (at most `POSGUARD_DUKPT_AES_STATE_MAX_LEN`
/// bytes) to `out`, for `posguard_dukpt_aes_device_restore` after a restart.
/// It holds the derivation keys in clear: store it sealed and wipe the
/// buffer after use.
///
/// # Safety
/// As `posguard_dukpt_aes_device_ksn`.
enum posguard_status posguard_dukpt_aes_device_save(const struct posguard_dukpt_aes_device *device,
                                                    uint8_t *out,
                                                    size_t out_cap,
                                                    size_t *out_len);

/// Writes the transaction's KSN (12 bytes, sent with the transaction) to `out`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out`/`out_len` as in
/// `posguard_dukpt_aes_device_ksn`.
enum posguard_status posguard_dukpt_aes_transaction_ksn(const struct posguard_dukpt_aes_transaction *transaction,
                                                        uint8_t *out,
                                                        size_t out_cap,
                                                        size_t *out_len);

/// The transaction's working key of `usage` and `key_type`, with the
/// device's mode of use (the host derives the same key with
/// `posguard_dukpt_aes_derive_key`, with the opposite mode for one-way
/// usages). `*out` receives a key handle to release with `posguard_key_free`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out` is writable.
enum posguard_status posguard_dukpt_aes_transaction_key(const struct posguard_dukpt_aes_transaction *transaction,
                                                        posguard_dukpt_aes_usage usage,
                                                        posguard_dukpt_aes_key_type key_type,
                                                        struct posguard_key **out);

/// Releases a transaction and wipes its key. NULL is a no-op.
///
/// # Safety
/// `transaction` is NULL or a live transaction handle, not used afterwards.
void posguard_dukpt_aes_transaction_free(struct posguard_dukpt_aes_transaction *transaction);

/// Derives the initial key (IPEK) of the device whose KSN is `ksn` from the
/// BDK (X9.24-1:2009 A.6; the KSN's counter bits are ignored). `bdk` is a
/// double-length TDES key of usage `B0`; the IPEK is a TDES key of usage
/// `B1`, mode `X`, for injection into the device. `*out` receives a key
/// handle to release with `posguard_key_free`.
///
/// # Safety
/// `bdk` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_tdes_derive_ipek(const struct posguard_key *bdk,
                                                     const uint8_t *ksn,
                                                     size_t ksn_len,
                                                     struct posguard_key **out);

/// Derives the working key of `usage` for the transaction whose KSN is
/// `ksn`, from the BDK (host side: what decrypts a DUKPT PIN block or checks
/// its MAC). A KSN that is not 10 bytes, has counter 0 or a counter with more
/// than 10 one-bits is `POSGUARD_STATUS_INVALID_KSN`. `*out` receives a key
/// handle to release with `posguard_key_free`.
///
/// # Safety
/// As `posguard_dukpt_tdes_derive_ipek`.
enum posguard_status posguard_dukpt_tdes_derive_key(const struct posguard_key *bdk,
                                                    const uint8_t *ksn,
                                                    size_t ksn_len,
                                                    posguard_dukpt_tdes_usage usage,
                                                    struct posguard_key **out);

/// As `posguard_dukpt_tdes_derive_key`, from the device's initial key (usage
/// `B1`) instead of the BDK.
///
/// # Safety
/// `ipek` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_tdes_derive_key_from_ipek(const struct posguard_key *ipek,
                                                              const uint8_t *ksn,
                                                              size_t ksn_len,
                                                              posguard_dukpt_tdes_usage usage,
                                                              struct posguard_key **out);

/// Loads a device with its initial key (usage `B1`) and KSN. With counter 0
/// in `ksn` (the initial KSN) the first transaction uses counter 1; a
/// non-zero counter resumes the device at exactly that KSN. The device keeps
/// its own copy of what it needs: the IPEK handle may be freed afterwards.
/// `*out` receives a handle to release with `posguard_dukpt_tdes_device_free`.
///
/// # Safety
/// `ipek` is a live key handle; `ksn` points to `ksn_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_tdes_device_new(const struct posguard_key *ipek,
                                                    const uint8_t *ksn,
                                                    size_t ksn_len,
                                                    struct posguard_dukpt_tdes_device **out);

/// Restores a device from a state saved by `posguard_dukpt_tdes_device_save`.
/// Every field is checked; a malformed or inconsistent state is
/// `POSGUARD_STATUS_INVALID_STATE`. Wipe the caller's copy of the state after
/// use if it is not needed. `*out` receives a handle to release with
/// `posguard_dukpt_tdes_device_free`.
///
/// # Safety
/// `state` points to `state_len` readable bytes; `out` is writable.
enum posguard_status posguard_dukpt_tdes_device_restore(const uint8_t *state,
                                                        size_t state_len,
                                                        struct posguard_dukpt_tdes_device **out);

/// Releases a device and wipes its registers. NULL is a no-op.
///
/// # Safety
/// `device` is NULL or a live device handle, not used afterwards.
void posguard_dukpt_tdes_device_free(struct posguard_dukpt_tdes_device *device);

/// Writes the KSN the next transaction will use (10 bytes) to `out`. Once
/// the device is exhausted its counter field reads 0.
///
/// # Safety
/// `device` is a live device handle; `out` is writable for `out_cap` bytes
/// (NULL allowed when `out_cap` is 0, to ask for the size); `out_len` is writable.
enum posguard_status posguard_dukpt_tdes_device_ksn(const struct posguard_dukpt_tdes_device *device,
                                                    uint8_t *out,
                                                    size_t out_cap,
                                                    size_t *out_len);

/// How many transactions the device can still run (at most 1 048 575); 0
/// when exhausted or for a NULL device.
///
/// # Safety
/// `device` is NULL or a live device handle.
uint32_t posguard_dukpt_tdes_device_remaining(const struct posguard_dukpt_tdes_device *device);

/// Runs the next transaction: `*out` receives a transaction handle (its KSN
/// and key; release it with `posguard_dukpt_tdes_transaction_free`), and the
/// device erases that key and advances its counter (skipping counters with
/// more than 10 one-bits). `POSGUARD_STATUS_DUKPT_EXHAUSTED` once every
/// counter has been used. Persist `posguard_dukpt_tdes_device_save` after
/// this call and before the transaction leaves the device, so a power cut
/// never reuses a counter.
///
/// # Safety
/// `device` is a live device handle, not used by another call meanwhile; `out` is writable.
enum posguard_status posguard_dukpt_tdes_device_next(struct posguard_dukpt_tdes_device *device,
                                                     struct posguard_dukpt_tdes_transaction **out);

/// Saves the device's state (at most `POSGUARD_DUKPT_TDES_STATE_MAX_LEN`
/// bytes) to `out`, for `posguard_dukpt_tdes_device_restore` after a restart.
/// It holds clear keys: store it sealed (encrypted and authenticated) and
/// wipe the buffer after use.
///
/// # Safety
/// As `posguard_dukpt_tdes_device_ksn`.
enum posguard_status posguard_dukpt_tdes_device_save(const struct posguard_dukpt_tdes_device *device,
                                                     uint8_t *out,
                                                     size_t out_cap,
                                                     size_t *out_len);

/// Writes the transaction's KSN (10 bytes, sent with the transaction) to `out`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out`/`out_len` as in
/// `posguard_dukpt_tdes_device_ksn`.
enum posguard_status posguard_dukpt_tdes_transaction_ksn(const struct posguard_dukpt_tdes_transaction *transaction,
                                                         uint8_t *out,
                                                         size_t out_cap,
                                                         size_t *out_len);

/// The transaction's working key of `usage` (the key
/// `posguard_dukpt_tdes_derive_key` gives the host for the transaction's
/// KSN). `*out` receives a key handle to release with `posguard_key_free`.
///
/// # Safety
/// `transaction` is a live transaction handle; `out` is writable.
enum posguard_status posguard_dukpt_tdes_transaction_key(const struct posguard_dukpt_tdes_transaction *transaction,
                                                         posguard_dukpt_tdes_usage usage,
                                                         struct posguard_key **out);

/// Releases a transaction and wipes its key. NULL is a no-op.
///
/// # Safety
/// `transaction` is NULL or a live transaction handle, not used afterwards.
void posguard_dukpt_tdes_transaction_free(struct posguard_dukpt_tdes_transaction *transaction);

/// Computes the MAC of `data[data_len]` under `key` with `algorithm` and
/// `padding` into `out`; `length` is the MAC length in bytes (UnionPay: hex
/// characters), 0 for the algorithm's default. `*out_len` receives the MAC's
/// length (at most `POSGUARD_MAC_MAX_LEN`). A key that may not generate this
/// MAC is `POSGUARD_STATUS_KEY_USAGE` or `POSGUARD_STATUS_KEY_ALGORITHM`; a
/// length out of range `POSGUARD_STATUS_INVALID_LENGTH`; a padding method
/// the algorithm does not take `POSGUARD_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `key` is a live key handle; `data` points to `data_len` readable bytes;
/// `out` is writable for `out_cap` bytes (NULL allowed when `out_cap` is 0,
/// to ask for the size); `out_len` is writable.
enum posguard_status posguard_mac_generate(const struct posguard_key *key,
                                           const uint8_t *data,
                                           size_t data_len,
                                           posguard_mac_algorithm algorithm,
                                           posguard_mac_padding padding,
                                           size_t length,
                                           uint8_t *out,
                                           size_t out_cap,
                                           size_t *out_len);

/// Verifies `mac[mac_len]` over `data[data_len]` in constant time; the MAC
/// length is `mac_len`. `POSGUARD_STATUS_OK`, or
/// `POSGUARD_STATUS_MAC_MISMATCH` (treat as a security event; the expected
/// value is never revealed); a MAC length the algorithm cannot produce is
/// `POSGUARD_STATUS_INVALID_LENGTH`; key and padding errors as
/// `posguard_mac_generate`.
///
/// # Safety
/// `key` is a live key handle; `data` points to `data_len` and `mac` to
/// `mac_len` readable bytes.
enum posguard_status posguard_mac_verify(const struct posguard_key *key,
                                         const uint8_t *data,
                                         size_t data_len,
                                         const uint8_t *mac,
                                         size_t mac_len,
                                         posguard_mac_algorithm algorithm,
                                         posguard_mac_padding padding);

/// Unwraps a key block with `kbpk`: checks the header, the KBPK's fitness for
/// the version and the key, and the MAC in constant time, and returns the key
/// with the header's algorithm, usage and mode of use. `flags` is 0 (strict
/// ANSI X9.143, versions B to E) or an OR of `POSGUARD_TR31_UNWRAP_LENIENT`
/// and `POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A`; other bits are
/// `POSGUARD_STATUS_INVALID_ARGUMENT`.
///
/// A block altered in any way, or a wrong KBPK, is
/// `POSGUARD_STATUS_KEY_BLOCK_INTEGRITY` (a security event; nothing more is
/// revealed); a malformed one `POSGUARD_STATUS_MALFORMED_KEY_BLOCK`; one the
/// standard refuses (KBPK weaker than the key or of the wrong algorithm,
/// version A without the flag) `POSGUARD_STATUS_KEY_BLOCK_POLICY`. On
/// success `*out` receives a key handle to release with `posguard_key_free`.
///
/// # Safety
/// `kbpk` is a live key handle; `block` is a NUL-terminated string; `out` is writable.
enum posguard_status posguard_tr31_unwrap(const struct posguard_key *kbpk,
                                          const char *block,
                                          uint32_t flags,
                                          struct posguard_key **out);

/// Writes the default wrap options to `*out`: version D, key version
/// `"00"`, exportability N, no optional blocks, key length masked, the
/// operating system's RNG.
///
/// # Safety
/// `out` is writable.
enum posguard_status posguard_tr31_wrap_options_default(struct posguard_tr31_wrap_options *out);

/// Wraps `key` under `kbpk` into a key block, written NUL-terminated to
/// `out`; `*out_len` receives its size with the NUL (at most
/// `POSGUARD_TR31_BLOCK_BUFFER_LEN`), or the size needed with
/// `POSGUARD_STATUS_BUFFER_TOO_SMALL`. `options` NULL means the defaults of
/// `posguard_tr31_wrap_options_default`. The header takes the key's usage,
/// algorithm and mode of use. A KBPK that does not fit the version or is
/// weaker than the key is `POSGUARD_STATUS_KEY_BLOCK_POLICY`; a bad key
/// version or optional block `POSGUARD_STATUS_INVALID_ARGUMENT`. The block
/// is not secret.
///
/// # Safety
/// `kbpk` and `key` are live key handles; `options` is NULL or points to
/// options whose pointers are valid (see `posguard_tr31_wrap_options`);
/// `out` is writable for `out_cap` bytes (NULL allowed when `out_cap` is 0,
/// to ask for the size); `out_len` is writable.
enum posguard_status posguard_tr31_wrap(const struct posguard_key *kbpk,
                                        const struct posguard_key *key,
                                        const struct posguard_tr31_wrap_options *options,
                                        char *out,
                                        size_t out_cap,
                                        size_t *out_len);

/// Reads a key block's header without the KBPK (for tooling and logs) into
/// `*out`. The header rules are the lenient ones; the rest of the block must
/// have the right shape for the version. Nothing is verified: the header of
/// a block that was not unwrapped is not authenticated. On
/// `POSGUARD_STATUS_MALFORMED_KEY_BLOCK`, `*error_offset` (when not NULL)
/// receives the offset of the offending character; it is not written
/// otherwise.
///
/// # Safety
/// `block` is a NUL-terminated string; `out` is writable; `error_offset` is
/// NULL or writable.
enum posguard_status posguard_tr31_inspect(const char *block, struct posguard_tr31_header *out, size_t *error_offset);

/// Reads optional block `index` (0 to `optional_block_count - 1` of
/// `posguard_tr31_inspect`, in header order, `PB` included) of a key block:
/// its id NUL-terminated into `id_out` (at least
/// `POSGUARD_TR31_ID_BUFFER_LEN` bytes, else `POSGUARD_STATUS_BUFFER_TOO_SMALL`
/// at once) and its data NUL-terminated into `data_out`, `*data_len`
/// receiving the data's size with the NUL (or the size needed, with
/// `POSGUARD_STATUS_BUFFER_TOO_SMALL` and nothing written).
/// `POSGUARD_STATUS_NOT_FOUND` when there is no such block; the block's own
/// errors as `posguard_tr31_inspect`.
///
/// # Safety
/// `block` is a NUL-terminated string; `id_out` is writable for `id_cap`
/// bytes; `data_out` is writable for `data_cap` bytes (NULL allowed when
/// `data_cap` is 0, to ask for the size); `data_len` is writable.
enum posguard_status posguard_tr31_inspect_optional_block(const char *block,
                                                          size_t index,
                                                          char *id_out,
                                                          size_t id_cap,
                                                          char *data_out,
                                                          size_t data_cap,
                                                          size_t *data_len);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* POSGUARD_H */
