//! ISO 9564-1 PIN blocks and PIN policy.
//!
//! PINs and PANs are NUL-terminated digit strings; a NULL PAN means "no PAN"
//! (formats 1 and 2 ignore the PAN; the others need one). Blocks are pointer
//! + length. Random fill comes from the operating system's RNG.

use std::ffi::c_char;

use getrandom::SysRng;
use posguard::pin::{self, PinPolicy as CorePinPolicy};

use crate::args::{OutBytes, OutPin, OutValue, opt_str_arg, ref_arg, slice_arg, str_arg};
use crate::{PosguardKey, Status, entry};

/// Size of a `char` buffer that holds any decoded PIN: 12 digits and a NUL.
pub const POSGUARD_PIN_BUFFER_LEN: usize = 13;

/// The largest PIN block, in bytes (format 4 and SM4; formats 0 to 3 are 8).
pub const POSGUARD_PIN_BLOCK_MAX_LEN: usize = 16;

/// A PIN block format. ISO 9564-1 formats keep their ISO number.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinFormat {
    /// ISO 9564-1 format 0 (ANSI X9.8): PIN XOR PAN, 8 bytes, TDES key.
    Iso0 = 0,
    /// ISO 9564-1 format 1: PIN with random fill, no PAN, 8 bytes, TDES key.
    Iso1 = 1,
    /// ISO 9564-1 format 2: PIN with `F` fill, no PAN (ICC offline PIN), 8 bytes, TDES key.
    Iso2 = 2,
    /// ISO 9564-1 format 3: PIN XOR PAN, random fill, 8 bytes, TDES key.
    Iso3 = 3,
    /// ISO 9564-1 format 4: 16 bytes, AES key, PAN of 1 to 19 digits.
    Iso4 = 4,
    /// China UnionPay SM4 block: format 0 widened to 16 bytes, SM4 key. It has
    /// no ISO number; 16 keeps it clear of future ones.
    Sm4 = 16,
}

/// A `posguard_pin_format` as C passes it: any integer, so that a value
/// outside the enum is `POSGUARD_STATUS_UNKNOWN_PIN_FORMAT`, not undefined
/// behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct PinFormatValue(u32);

impl PinFormatValue {
    fn get(self) -> Result<pin::PinFormat, posguard::Error> {
        use pin::PinFormat as F;
        [
            (PinFormat::Iso0, F::Iso0),
            (PinFormat::Iso1, F::Iso1),
            (PinFormat::Iso2, F::Iso2),
            (PinFormat::Iso3, F::Iso3),
            (PinFormat::Iso4, F::Iso4),
            (PinFormat::Sm4, F::Sm4),
        ]
        .into_iter()
        .find(|(c, _)| *c as u32 == self.0)
        .map(|(_, format)| format)
        .ok_or(posguard::Error::UnknownPinFormat)
    }
}

/// Encodes the clear PIN block (format 4: the 16-byte clear PIN field) into
/// `out` (8 or 16 bytes). The clear block is as secret as the PIN: wipe
/// `out` after use.
///
/// # Safety
/// `pin` is a NUL-terminated string; `pan` is NULL or one; `out` is writable
/// for `out_cap` bytes (NULL allowed when `out_cap` is 0, to ask for the
/// size); `out_len` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_encode(
    pin: *const c_char,
    pan: *const c_char,
    format: PinFormatValue,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (pin, pan, out) = unsafe { (str_arg(pin)?, opt_str_arg(pan)?, OutBytes::new(out, out_cap, out_len)?) };
        out.write(pin::encode(pin, pan, format.get()?, &mut SysRng)?.expose())
    })
}

/// Decodes a clear PIN block (format 4: the clear PIN field), checking every
/// field, and writes the PIN as NUL-terminated digits to `pin_out`, which
/// must hold at least `POSGUARD_PIN_BUFFER_LEN` bytes. Wipe it after use.
///
/// # Safety
/// `block` points to `block_len` readable bytes; `pan` is NULL or a
/// NUL-terminated string; `pin_out` is writable for `pin_out_cap` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_decode(
    block: *const u8,
    block_len: usize,
    pan: *const c_char,
    format: PinFormatValue,
    pin_out: *mut c_char,
    pin_out_cap: usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (block, pan, out) =
            unsafe { (slice_arg(block, block_len)?, opt_str_arg(pan)?, OutPin::new(pin_out, pin_out_cap)?) };
        out.write(&pin::decode(block, pan, format.get()?)?);
        Ok(())
    })
}

/// Encrypts a PIN into a PIN block of `format` under `key`, which must be a
/// PIN encryption key (usage P0) whose mode allows encryption, with the
/// format's algorithm (TDES for formats 0 to 3, AES for 4, SM4 for SM4).
/// Formats 0, 3 and SM4 need a PAN of 13 to 19 digits, format 4 one of 1 to
/// 19; formats 1 and 2 ignore it.
///
/// # Safety
/// As `posguard_pin_encode`; `key` is a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_encrypt(
    pin: *const c_char,
    pan: *const c_char,
    key: *const PosguardKey,
    format: PinFormatValue,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (pin, pan, key, out) = unsafe {
            (str_arg(pin)?, opt_str_arg(pan)?, PosguardKey::arg(key)?, OutBytes::new(out, out_cap, out_len)?)
        };
        out.write(pin::encrypt(pin, pan, key, format.get()?, &mut SysRng)?.as_bytes())
    })
}

/// Decrypts a PIN block of `format` under `key` (a P0 key whose mode allows
/// decryption), checks every field, and writes the PIN as NUL-terminated
/// digits to `pin_out` (at least `POSGUARD_PIN_BUFFER_LEN` bytes). Wipe it
/// after use.
///
/// # Safety
/// As `posguard_pin_decode`; `key` is a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_decrypt(
    block: *const u8,
    block_len: usize,
    pan: *const c_char,
    key: *const PosguardKey,
    format: PinFormatValue,
    pin_out: *mut c_char,
    pin_out_cap: usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (block, pan, key, out) = unsafe {
            (
                slice_arg(block, block_len)?,
                opt_str_arg(pan)?,
                PosguardKey::arg(key)?,
                OutPin::new(pin_out, pin_out_cap)?,
            )
        };
        out.write(&pin::decrypt(block, pan, key, format.get()?)?);
        Ok(())
    })
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_translate(
    block: *const u8,
    block_len: usize,
    pan: *const c_char,
    from_key: *const PosguardKey,
    from_format: PinFormatValue,
    to_key: *const PosguardKey,
    to_format: PinFormatValue,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (block, pan, from_key, to_key, out) = unsafe {
            (
                slice_arg(block, block_len)?,
                opt_str_arg(pan)?,
                PosguardKey::arg(from_key)?,
                PosguardKey::arg(to_key)?,
                OutBytes::new(out, out_cap, out_len)?,
            )
        };
        let (from_format, to_format) = (from_format.get()?, to_format.get()?);
        out.write(pin::translate(block, pan, from_key, from_format, to_key, to_format, &mut SysRng)?.as_bytes())
    })
}

/// A PIN policy for `posguard_pin_check_policy_with`. Start from
/// `posguard_pin_policy_default` and change what differs.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct PinPolicy {
    /// Minimum number of digits (at least 4).
    pub min_len: usize,
    /// Maximum number of digits (at most 12).
    pub max_len: usize,
    /// Refuse PINs whose digits are all equal (0000, 1111, ...).
    pub reject_repeated: bool,
    /// Refuse ascending or descending runs (1234, 9876, ...).
    pub reject_sequences: bool,
    /// Refuse the built-in list of well-known PINs.
    pub reject_common: bool,
    /// The caller's own refused PINs: `blocklist_len` NUL-terminated strings (NULL when empty).
    pub blocklist: *const *const c_char,
    /// Number of entries in `blocklist`.
    pub blocklist_len: usize,
}

/// Writes the default policy to `*out`: 4 to 12 digits, every rule on, empty blocklist.
///
/// # Safety
/// `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_policy_default(out: *mut PinPolicy) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { OutValue::new(out) }?;
        let d = CorePinPolicy::default();
        out.write(PinPolicy {
            min_len: d.min_len,
            max_len: d.max_len,
            reject_repeated: d.reject_repeated,
            reject_sequences: d.reject_sequences,
            reject_common: d.reject_common,
            blocklist: std::ptr::null(),
            blocklist_len: 0,
        });
        Ok(())
    })
}

/// Checks a PIN a cardholder chose (PIN set or change) against the default
/// policy: `POSGUARD_STATUS_OK`, `POSGUARD_STATUS_WEAK_PIN` (all digits
/// equal, a sequence, a well-known PIN) or `POSGUARD_STATUS_INVALID_PIN`
/// (not 4 to 12 digits).
///
/// # Safety
/// `pin` is a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_check_policy(pin: *const c_char) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        Ok(pin::check_policy(unsafe { str_arg(pin) }?)?)
    })
}

/// Like `posguard_pin_check_policy`, with the caller's `policy`.
///
/// # Safety
/// `pin` is a NUL-terminated string; `policy` points to a policy whose
/// `blocklist` holds `blocklist_len` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_pin_check_policy_with(pin: *const c_char, policy: *const PinPolicy) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (pin, policy) = unsafe { (str_arg(pin)?, ref_arg(policy)?) };
        // SAFETY: the caller guarantees `blocklist_len` string pointers.
        let entries = unsafe { slice_arg(policy.blocklist, policy.blocklist_len)? };
        // SAFETY: each entry is a NUL-terminated string (caller's contract).
        let blocklist = entries.iter().map(|&s| unsafe { str_arg(s) }).collect::<Result<Vec<_>, _>>()?;
        let policy = CorePinPolicy {
            min_len: policy.min_len,
            max_len: policy.max_len,
            reject_repeated: policy.reject_repeated,
            reject_sequences: policy.reject_sequences,
            reject_common: policy.reject_common,
            blocklist: &blocklist,
        };
        Ok(pin::check_policy_with(pin, &policy)?)
    })
}
