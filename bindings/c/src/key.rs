//! `posguard_key`: an opaque handle on a `posguard::Key`, and its check values.

use std::ffi::{CString, c_char};
use std::ptr;

use posguard::{Algorithm, CheckValueMethod, Key, KeyUsage, ModeOfUse};

use crate::args::{OutBytes, OutValue, ref_arg, slice_arg, str_arg};
use crate::{Status, entry, guard};

/// An opaque key: material with its algorithm, usage and mode of use (TR-31
/// vocabulary). Every operation checks them: a MAC key cannot encrypt a PIN.
/// Create it with `posguard_key_new`, release it with `posguard_key_free`,
/// which wipes the material. A key never changes: several threads may use
/// it at once, as long as it is freed once, after the last call.
pub struct PosguardKey {
    key: Key,
    /// NUL-terminated attribute names, so the getters can return pointers
    /// that live as long as the handle.
    algorithm: CString,
    usage: CString,
}

// The thread-safety promised above.
const _: fn() = || {
    fn shareable<T: Send + Sync>() {}
    shareable::<PosguardKey>();
};

impl PosguardKey {
    /// Wraps a key in a handle (also for the keys TR-31 and DUKPT return).
    pub(crate) fn new(key: Key) -> Result<Self, Status> {
        // The core's names are ASCII without NUL: CString::new cannot fail.
        let c_string = |s: &str| CString::new(s).map_err(|_| Status::Panic);
        Ok(PosguardKey { algorithm: c_string(key.algorithm().name())?, usage: c_string(key.usage().code())?, key })
    }

    /// The key behind a handle argument.
    ///
    /// # Safety
    /// `p` is NULL or a live handle from `posguard_key_new*`.
    pub(crate) unsafe fn arg<'a>(p: *const PosguardKey) -> Result<&'a Key, Status> {
        // SAFETY: forwarded from the caller.
        unsafe { ref_arg(p) }.map(|handle| &handle.key)
    }
}

/// Shared body of the two constructors; `mode` is `None` for the usage's default.
///
/// # Safety
/// As `posguard_key_new_with_mode`.
unsafe fn key_new(
    algorithm: *const c_char,
    usage: *const c_char,
    mode: Option<c_char>,
    material: *const u8,
    material_len: usize,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: the caller passes valid strings, buffers and out pointer (see the public functions).
        let (algorithm, usage, material, out) =
            unsafe { (str_arg(algorithm)?, str_arg(usage)?, slice_arg(material, material_len)?, OutValue::new(out)?) };
        let (algorithm, usage) = (algorithm.parse::<Algorithm>()?, usage.parse::<KeyUsage>()?);
        let key = match mode {
            None => Key::new(algorithm, usage, material)?,
            Some(mode) => {
                let mode = char::from(mode as u8).encode_utf8(&mut [0; 4]).parse::<ModeOfUse>()?;
                Key::with_mode(algorithm, usage, mode, material)?
            }
        };
        out.write(Box::into_raw(Box::new(PosguardKey::new(key)?)));
        Ok(())
    })
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_new(
    algorithm: *const c_char,
    usage: *const c_char,
    material: *const u8,
    material_len: usize,
    out: *mut *mut PosguardKey,
) -> Status {
    // SAFETY: same contract.
    unsafe { key_new(algorithm, usage, None, material, material_len, out) }
}

/// Like `posguard_key_new`, with an explicit TR-31 mode of use (`'B'`, `'C'`,
/// `'D'`, `'E'`, `'G'`, `'N'`, `'V'`, `'X'`), which must be one the usage
/// allows (e.g. `'E'`, encrypt only, for a terminal's PIN key).
///
/// # Safety
/// As `posguard_key_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_new_with_mode(
    algorithm: *const c_char,
    usage: *const c_char,
    mode: c_char,
    material: *const u8,
    material_len: usize,
    out: *mut *mut PosguardKey,
) -> Status {
    // SAFETY: same contract.
    unsafe { key_new(algorithm, usage, Some(mode), material, material_len, out) }
}

/// Releases a key and wipes its material. NULL is a no-op.
///
/// # Safety
/// `key` is NULL or a handle from `posguard_key_new*` not yet freed; it must
/// not be used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_free(key: *mut PosguardKey) {
    guard((), || {
        if !key.is_null() {
            // SAFETY: the caller passes a live handle made by Box::into_raw in key_new.
            drop(unsafe { Box::from_raw(key) });
        }
    })
}

/// The key's algorithm name: `"des"`, `"tdes"`, `"aes"` or `"sm4"`; NULL for
/// a NULL key. The string lives as long as the key.
///
/// # Safety
/// `key` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_algorithm(key: *const PosguardKey) -> *const c_char {
    // SAFETY: forwarded from the caller.
    guard(ptr::null(), || unsafe { ref_arg(key) }.map_or(ptr::null(), |k| k.algorithm.as_ptr()))
}

/// The key's TR-31 usage code, e.g. `"P0"` for a PIN key; NULL for a NULL
/// key. The string lives as long as the key.
///
/// # Safety
/// `key` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_usage(key: *const PosguardKey) -> *const c_char {
    // SAFETY: forwarded from the caller.
    guard(ptr::null(), || unsafe { ref_arg(key) }.map_or(ptr::null(), |k| k.usage.as_ptr()))
}

/// The key's TR-31 mode of use, e.g. `'B'`; `'\0'` for a NULL key.
///
/// # Safety
/// `key` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_mode(key: *const PosguardKey) -> c_char {
    // SAFETY: forwarded from the caller. Mode codes are ASCII letters.
    guard(0, || unsafe { PosguardKey::arg(key) }.map_or(0, |k| k.mode().code() as c_char))
}

/// The length of the key material in bytes (8 to 32); 0 for a NULL key.
///
/// # Safety
/// `key` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_length(key: *const PosguardKey) -> usize {
    // SAFETY: forwarded from the caller.
    guard(0, || unsafe { PosguardKey::arg(key) }.map_or(0, Key::len))
}

/// How a key check value is computed.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KcvMethod {
    /// The algorithm's standard method: CMAC for AES (ANSI X9.24-1:2017),
    /// zero-block for DES, TDES and SM4. Length 0 means 3 bytes.
    Default = 0,
    /// Encrypt a block of zeros, keep the leftmost bytes.
    ZeroBlock = 1,
    /// CMAC over a block of zeros, leftmost bytes.
    Cmac = 2,
    /// The UnionPay check value: zero-block; length 0 means 4 bytes.
    Unionpay = 3,
}

impl KcvMethod {
    fn core(self, key: &Key) -> CheckValueMethod {
        match self {
            KcvMethod::Default => CheckValueMethod::default_for(key.algorithm()),
            KcvMethod::ZeroBlock | KcvMethod::Unionpay => CheckValueMethod::ZeroBlock,
            KcvMethod::Cmac => CheckValueMethod::Cmac,
        }
    }
}

/// A `posguard_kcv_method` as C passes it: any integer, so that a value
/// outside the enum is `POSGUARD_STATUS_INVALID_ARGUMENT`, not undefined
/// behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct KcvMethodValue(u32);

impl KcvMethodValue {
    fn get(self) -> Result<KcvMethod, Status> {
        [KcvMethod::Default, KcvMethod::ZeroBlock, KcvMethod::Cmac, KcvMethod::Unionpay]
            .into_iter()
            .find(|m| *m as u32 == self.0)
            .ok_or(Status::InvalidArgument)
    }
}

/// Computes the key's check value: `len` bytes (1 to the cipher block size,
/// 8 or 16) by `method`; `len` 0 picks the standard length of
/// `POSGUARD_KCV_METHOD_DEFAULT` (3) and `POSGUARD_KCV_METHOD_UNIONPAY` (4).
/// Check values are not secret.
///
/// # Safety
/// `key` is a live handle; `out` is writable for `out_cap` bytes (NULL
/// allowed when `out_cap` is 0, to ask for the size); `out_len` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_check_value(
    key: *const PosguardKey,
    method: KcvMethodValue,
    len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (key, out) = unsafe { (PosguardKey::arg(key)?, OutBytes::new(out, out_cap, out_len)?) };
        let kcv = match (method.get()?, len) {
            (KcvMethod::Default, 0) => key.check_value(),
            (KcvMethod::Unionpay, 0) => key.check_value_unionpay(),
            (method, len) => key.check_value_with(method.core(key), len),
        }?;
        out.write(kcv.as_bytes())
    })
}

/// Verifies an expected check value (its length selects the truncation),
/// in constant time: `POSGUARD_STATUS_OK` or
/// `POSGUARD_STATUS_CHECK_VALUE_MISMATCH` (treat as a security event).
///
/// # Safety
/// `key` is a live handle; `expected` points to `expected_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_verify_check_value(
    key: *const PosguardKey,
    method: KcvMethodValue,
    expected: *const u8,
    expected_len: usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (key, expected) = unsafe { (PosguardKey::arg(key)?, slice_arg(expected, expected_len)?) };
        Ok(key.verify_check_value(method.get()?.core(key), expected)?)
    })
}

/// Copies the clear key material out. FOR TEST TOOLING AND KEY CEREMONIES
/// ONLY: every call is a place a clear key leaves the library; wipe `out`
/// after use. At most 32 bytes.
///
/// # Safety
/// As `posguard_key_check_value`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_key_export_clear(
    key: *const PosguardKey,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (key, out) = unsafe { (PosguardKey::arg(key)?, OutBytes::new(out, out_cap, out_len)?) };
        out.write(key.export_clear().expose())
    })
}
