//! TR-31 / ANSI X9.143 / ISO 20038 key blocks: unwrap, wrap, inspect.
//!
//! Key blocks are NUL-terminated ASCII strings. The KBPK (key block
//! protection key) is a `posguard_key` with usage `K1` (or `K0`): TDES for
//! versions A, B and C, AES for D and E, at least as strong as the key it
//! protects, with a mode that allows decrypting (unwrap) or encrypting (wrap).

use std::ffi::{c_char, c_int, c_void};
use std::fmt;

use getrandom::SysRng;
use posguard::rand_core::{TryCryptoRng, TryRng};
use posguard::tr31::{self, Exportability, OptionalBlock, UnwrapOptions, Version, WrapOptions};
use posguard::{Error, Key};

use crate::args::{OutText, OutValue, opt_str_arg, ref_arg, slice_arg, str_arg};
use crate::values::{enum_value, write_key};
use crate::{PosguardKey, Status, entry};

/// `posguard_tr31_unwrap` flag: lenient validation for the blocks real HSMs
/// emit (no key length obfuscation, lower-case hex, ...). The cryptography,
/// lengths and policy checks are the same; the default is strict ANSI X9.143.
pub const POSGUARD_TR31_UNWRAP_LENIENT: u32 = 1;

/// `posguard_tr31_unwrap` flag: accept deprecated version A blocks (TR-31:2005).
pub const POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A: u32 = 2;

/// Size of a `char` buffer that holds any key block: 9999 characters and a NUL.
pub const POSGUARD_TR31_BLOCK_BUFFER_LEN: usize = 10000;

/// Size of a `char` buffer that holds an optional block id: 2 characters and a NUL.
pub const POSGUARD_TR31_ID_BUFFER_LEN: usize = 3;

/// Key block version: which binding method protects the block. The values
/// are the header's version characters (`'D'` is 68).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tr31Version {
    /// `'A'`: TDES key variant binding, TR-31:2005. Deprecated: unwrap only,
    /// with `POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A`.
    A = 65,
    /// `'B'`: TDES key derivation binding (TR-31:2018, X9.143).
    B = 66,
    /// `'C'`: TDES key variant binding (TR-31:2010).
    C = 67,
    /// `'D'`: AES key derivation binding, CBC (TR-31:2018, X9.143). The default.
    D = 68,
    /// `'E'`: AES key derivation binding, CTR (ISO 20038:2017).
    E = 69,
}

/// A `posguard_tr31_version` as C passes it: any integer, so that a value
/// outside the enum is `POSGUARD_STATUS_INVALID_ARGUMENT`, not undefined
/// behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct Tr31VersionValue(u32);

enum_value!(Tr31VersionValue => Version {
    Tr31Version::A => Version::A,
    Tr31Version::B => Version::B,
    Tr31Version::C => Version::C,
    Tr31Version::D => Version::D,
    Tr31Version::E => Version::E,
});

impl From<Version> for Tr31VersionValue {
    fn from(v: Version) -> Self {
        Tr31VersionValue(u32::from(v.code()))
    }
}

/// Whether the receiver may export (wrap again) the key. The values are the
/// header's characters (`'N'` is 78).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tr31Exportability {
    /// `'E'`: exportable under a trusted key.
    Exportable = 69,
    /// `'N'`: not exportable (the wrap default).
    NonExportable = 78,
    /// `'S'`: sensitive; exportable under an untrusted key only as the standard restricts.
    Sensitive = 83,
}

/// A `posguard_tr31_exportability` as C passes it (see `Tr31VersionValue`).
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct Tr31ExportabilityValue(u32);

enum_value!(Tr31ExportabilityValue => Exportability {
    Tr31Exportability::Exportable => Exportability::Exportable,
    Tr31Exportability::NonExportable => Exportability::NonExportable,
    Tr31Exportability::Sensitive => Exportability::Sensitive,
});

impl From<Exportability> for Tr31ExportabilityValue {
    fn from(e: Exportability) -> Self {
        Tr31ExportabilityValue(u32::from(e.code()))
    }
}

/// Fills `buf[len]` with random bytes; returns 0 on success, anything else
/// on failure (the call then fails with `POSGUARD_STATUS_RNG`). `ctx` is the
/// caller's pointer from the options. Must be a cryptographic RNG (e.g. the
/// secure element's TRNG) and must not unwind or longjmp.
pub type PosguardRngFill = Option<unsafe extern "C" fn(ctx: *mut c_void, buf: *mut u8, len: usize) -> c_int>;

/// An optional header block to write: a two-character id (upper-case
/// letters or digits, not `PB`, which wrap adds itself) and printable data.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Tr31OptionalBlock {
    /// Two characters, e.g. `"KS"` (key set id, a TDES DUKPT initial KSN in
    /// hex), `"IK"` (AES DUKPT initial key id), `"TS"` (time stamp), `"KC"` /
    /// `"KP"` (check value of the key / of the KBPK), or any other.
    pub id: *const c_char,
    /// The data (printable ASCII); NULL or `""` for `KC` and `KP` makes wrap
    /// compute the check value.
    pub data: *const c_char,
}

/// What `posguard_tr31_wrap` writes. Start from
/// `posguard_tr31_wrap_options_default` and change what differs.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Tr31WrapOptions {
    /// Key block version: B, C (TDES KBPK), D (default) or E (AES KBPK); A is never written.
    pub version: Tr31VersionValue,
    /// Two-character key version number; NULL means `"00"` (unused).
    pub key_version: *const c_char,
    /// Exportability written in the header (default `N`, non-exportable).
    pub exportability: Tr31ExportabilityValue,
    /// Optional blocks to write, in order (NULL when `optional_block_count` is 0).
    pub optional_blocks: *const Tr31OptionalBlock,
    /// Number of entries in `optional_blocks`.
    pub optional_block_count: usize,
    /// Pad the key to the longest key of its algorithm so the block does not
    /// reveal the key length (default true, as X9.143 expects).
    pub mask_key_length: bool,
    /// Source of the random padding; NULL (the default) is the operating system's RNG.
    pub rng: PosguardRngFill,
    /// Passed to `rng` as its first argument.
    pub rng_ctx: *mut c_void,
}

/// A parsed key block header, from `posguard_tr31_inspect`. Text fields are
/// NUL-terminated.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Tr31Header {
    /// Key block version.
    pub version: Tr31VersionValue,
    /// Length of the whole key block in characters.
    pub length: usize,
    /// TR-31 key usage code, e.g. `"P0"` (as `posguard_key_usage`).
    pub usage: [c_char; 3],
    /// Algorithm name: `"tdes"`, `"aes"`, `"des"`, `"hmac"` or `"sm4"` (as `posguard_key_algorithm`).
    pub algorithm: [c_char; 8],
    /// TR-31 mode of use, e.g. `'B'` (as `posguard_key_mode`).
    pub mode: c_char,
    /// Two-character key version number (`"00"` when unused).
    pub key_version: [c_char; 3],
    /// Exportability of the key.
    pub exportability: Tr31ExportabilityValue,
    /// Number of optional blocks, `PB` included; read them with `posguard_tr31_inspect_optional_block`.
    pub optional_block_count: usize,
}

/// Copies ASCII text and a NUL into a fixed array (the core's codes and names always fit).
fn fixed<const N: usize>(text: &str) -> Result<[c_char; N], Status> {
    let mut out = [0 as c_char; N];
    if text.len() >= N {
        return Err(Status::Panic);
    }
    for (o, b) in out.iter_mut().zip(text.bytes()) {
        *o = b as c_char;
    }
    Ok(out)
}

/// A caller's RNG callback as a `rand_core` RNG.
struct CallbackRng {
    fill: unsafe extern "C" fn(ctx: *mut c_void, buf: *mut u8, len: usize) -> c_int,
    ctx: *mut c_void,
}

/// The caller's RNG reported a failure.
#[derive(Debug)]
struct RngFailed;

impl fmt::Display for RngFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the caller's RNG failed")
    }
}

impl std::error::Error for RngFailed {}

impl TryRng for CallbackRng {
    type Error = RngFailed;

    fn try_next_u32(&mut self) -> Result<u32, RngFailed> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, RngFailed> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), RngFailed> {
        if dst.is_empty() {
            return Ok(());
        }
        // SAFETY: `dst` is valid for writing `dst.len()` bytes; the callback
        // and its context are the caller's, who promised they fit (see
        // `posguard_rng_fill`).
        match unsafe { (self.fill)(self.ctx, dst.as_mut_ptr(), dst.len()) } {
            0 => Ok(()),
            _ => Err(RngFailed),
        }
    }
}

// The caller promises a cryptographic RNG (documented on `posguard_rng_fill`).
impl TryCryptoRng for CallbackRng {}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tr31_unwrap(
    kbpk: *const PosguardKey,
    block: *const c_char,
    flags: u32,
    out: *mut *mut PosguardKey,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (kbpk, block, out) = unsafe { (PosguardKey::arg(kbpk)?, str_arg(block)?, OutValue::new(out)?) };
        if flags & !(POSGUARD_TR31_UNWRAP_LENIENT | POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A) != 0 {
            return Err(Status::InvalidArgument);
        }
        let options = UnwrapOptions {
            strict: flags & POSGUARD_TR31_UNWRAP_LENIENT == 0,
            allow_version_a: flags & POSGUARD_TR31_UNWRAP_ALLOW_VERSION_A != 0,
        };
        write_key(out, tr31::unwrap(kbpk, block, &options)?)
    })
}

/// Writes the default wrap options to `*out`: version D, key version
/// `"00"`, exportability N, no optional blocks, key length masked, the
/// operating system's RNG.
///
/// # Safety
/// `out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tr31_wrap_options_default(out: *mut Tr31WrapOptions) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { OutValue::new(out) }?;
        let d = WrapOptions::default();
        out.write(Tr31WrapOptions {
            version: d.version.into(),
            key_version: std::ptr::null(),
            exportability: d.exportability.into(),
            optional_blocks: std::ptr::null(),
            optional_block_count: 0,
            mask_key_length: d.mask_key_length,
            rng: None,
            rng_ctx: std::ptr::null_mut(),
        });
        Ok(())
    })
}

/// The core's wrap options from the C struct.
///
/// # Safety
/// As `posguard_tr31_wrap`'s `options`.
unsafe fn wrap_options(o: &Tr31WrapOptions) -> Result<WrapOptions, Status> {
    // SAFETY: the caller guarantees `optional_block_count` entries.
    let blocks = unsafe { slice_arg(o.optional_blocks, o.optional_block_count)? };
    let optional_blocks = blocks
        .iter()
        // SAFETY: each id is a NUL-terminated string, each data NULL or one (the caller's contract).
        .map(|b| Ok(OptionalBlock::new(unsafe { str_arg(b.id)? }, unsafe { opt_str_arg(b.data)? }.unwrap_or(""))))
        .collect::<Result<Vec<_>, Status>>()?;
    Ok(WrapOptions {
        version: o.version.get()?,
        // SAFETY: NULL or a NUL-terminated string (the caller's contract).
        key_version: unsafe { opt_str_arg(o.key_version)? }.unwrap_or("00").into(),
        exportability: o.exportability.get()?,
        optional_blocks,
        mask_key_length: o.mask_key_length,
    })
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tr31_wrap(
    kbpk: *const PosguardKey,
    key: *const PosguardKey,
    options: *const Tr31WrapOptions,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (kbpk, key, out) =
            unsafe { (PosguardKey::arg(kbpk)?, PosguardKey::arg(key)?, OutText::with_len(out, out_cap, out_len)?) };
        let (core_options, rng) = if options.is_null() {
            (WrapOptions::default(), None)
        } else {
            // SAFETY: non-NULL, and the caller guarantees valid options.
            let o = unsafe { ref_arg(options)? };
            // SAFETY: as above.
            (unsafe { wrap_options(o)? }, o.rng.map(|fill| CallbackRng { fill, ctx: o.rng_ctx }))
        };
        let block = wrap(kbpk, key, &core_options, rng)?;
        out.write(&block)
    })
}

fn wrap(kbpk: &Key, key: &Key, options: &WrapOptions, rng: Option<CallbackRng>) -> Result<String, Error> {
    match rng {
        Some(mut rng) => tr31::wrap(kbpk, key, options, &mut rng),
        None => tr31::wrap(kbpk, key, options, &mut SysRng),
    }
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tr31_inspect(
    block: *const c_char,
    out: *mut Tr31Header,
    error_offset: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (block, out) = unsafe { (str_arg(block)?, OutValue::new(out)?) };
        let header = match tr31::inspect(block) {
            Ok(header) => header,
            Err(e) => {
                if let Error::MalformedKeyBlock { offset, .. } = e {
                    // SAFETY: NULL or writable (the caller's contract); `as_mut` handles NULL.
                    if let Some(slot) = unsafe { error_offset.as_mut() } {
                        *slot = offset;
                    }
                }
                return Err(e.into());
            }
        };
        out.write(Tr31Header {
            version: header.version.into(),
            length: header.length,
            usage: fixed(header.usage.code())?,
            algorithm: fixed(header.algorithm.name())?,
            mode: header.mode.code() as c_char,
            key_version: fixed(&header.key_version)?,
            exportability: header.exportability.into(),
            optional_block_count: header.optional_blocks.len(),
        });
        Ok(())
    })
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_tr31_inspect_optional_block(
    block: *const c_char,
    index: usize,
    id_out: *mut c_char,
    id_cap: usize,
    data_out: *mut c_char,
    data_cap: usize,
    data_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (block, id, data) = unsafe {
            (str_arg(block)?, OutText::new(id_out, id_cap)?, OutText::with_len(data_out, data_cap, data_len)?)
        };
        if id_out.is_null() {
            return Err(Status::NullPointer);
        }
        if id_cap < POSGUARD_TR31_ID_BUFFER_LEN {
            return Err(Status::BufferTooSmall);
        }
        let header = tr31::inspect(block)?;
        let found = header.optional_blocks.get(index).ok_or(Status::NotFound)?;
        data.write(&found.data)?;
        id.write(&found.id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values_are_the_header_characters() {
        for v in [Version::A, Version::B, Version::C, Version::D, Version::E] {
            assert_eq!(Tr31VersionValue::from(v).get(), Ok(v));
        }
        for e in [Exportability::Exportable, Exportability::NonExportable, Exportability::Sensitive] {
            assert_eq!(Tr31ExportabilityValue::from(e).get(), Ok(e));
        }
        assert_eq!(Tr31VersionValue(0).get(), Err(Status::InvalidArgument));
        assert_eq!(Tr31VersionValue(u32::from('F')).get(), Err(Status::InvalidArgument));
        assert_eq!(Tr31ExportabilityValue(u32::from('X')).get(), Err(Status::InvalidArgument));
    }

    #[test]
    fn fixed_text_keeps_a_nul() {
        assert_eq!(fixed::<3>("P0"), Ok([b'P' as c_char, b'0' as c_char, 0]));
        assert_eq!(fixed::<3>("abc"), Err(Status::Panic));
    }
}
