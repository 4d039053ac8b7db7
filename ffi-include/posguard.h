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
 * - Decoded PINs and clear PIN blocks are secrets: wipe them after use.
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

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* POSGUARD_H */
