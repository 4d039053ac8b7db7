//! Data encryption and decryption with data keys (TDES, AES, SM4; ECB and CBC).
//!
//! Only keys of usage `D0` (terminal data keys, DUKPT data keys) are
//! accepted, with a mode that allows the direction (`B`, `E` or `N` to
//! encrypt; `B`, `D` or `N` to decrypt): a PIN key, MAC key or KEK never
//! encrypts or decrypts arbitrary data.

use posguard::data::{self, DataPadding as CorePadding, Mode};
use zeroize::Zeroizing;

use crate::args::{OutBytes, slice_arg};
use crate::values::enum_value;
use crate::{PosguardKey, Status, entry};

/// Block cipher mode of operation.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataMode {
    /// Electronic codebook: each block alone (equal blocks give equal ciphertext); no IV.
    Ecb = 0,
    /// Cipher block chaining, with a one-block IV (all zeros when none is given).
    Cbc = 1,
}

/// A `posguard_data_mode` as C passes it: any integer, so that a value
/// outside the enum is `POSGUARD_STATUS_INVALID_ARGUMENT`, not undefined
/// behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct DataModeValue(u32);

enum_value!(DataModeValue => Mode {
    DataMode::Ecb => Mode::Ecb,
    DataMode::Cbc => Mode::Cbc,
});

/// How the plaintext is padded to whole blocks. The values are the ISO/IEC
/// 9797-1 padding method numbers where there is one.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataPadding {
    /// No padding: the data must be a whole number of blocks.
    None = 0,
    /// `00` bytes to a whole number of blocks (none when aligned). Decryption
    /// cannot remove it: it returns the padded data, to be cut to the length
    /// the caller knows.
    Zeros = 1,
    /// ISO/IEC 9797-1 method 2 (ISO/IEC 7816-4): `80`, then `00` bytes; always
    /// added, and removed and checked on decryption.
    Iso9797_2 = 2,
}

/// A `posguard_data_padding` as C passes it (see `DataModeValue`).
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct DataPaddingValue(u32);

enum_value!(DataPaddingValue => CorePadding {
    DataPadding::None => CorePadding::None,
    DataPadding::Zeros => CorePadding::Zeros,
    DataPadding::Iso9797_2 => CorePadding::Iso9797M2,
});

/// The IV argument: none when `iv_len` is 0.
///
/// # Safety
/// `iv` points to `iv_len` readable bytes (NULL allowed when `iv_len` is 0).
unsafe fn iv_arg<'a>(iv: *const u8, iv_len: usize) -> Result<Option<&'a [u8]>, Status> {
    // SAFETY: forwarded from the caller.
    let iv = unsafe { slice_arg(iv, iv_len)? };
    Ok(if iv.is_empty() { None } else { Some(iv) })
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_data_encrypt(
    key: *const PosguardKey,
    data: *const u8,
    data_len: usize,
    mode: DataModeValue,
    iv: *const u8,
    iv_len: usize,
    padding: DataPaddingValue,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded from the caller.
    unsafe { crypt(key, data, data_len, mode, iv, iv_len, padding, out, out_cap, out_len, data::encrypt) }
}

/// Decrypts `data[data_len]` (a whole number of blocks) with a data key
/// (usage `D0`, mode `B`, `D` or `N`) into `out` (at most `data_len` bytes);
/// arguments as `posguard_data_encrypt`. With `ISO9797_2` the padding is
/// checked and removed (`POSGUARD_STATUS_INVALID_PADDING` when absent: CBC
/// without a MAC over the ciphertext is then a padding oracle). The
/// plaintext is secret: wipe `out` after use.
///
/// # Safety
/// As `posguard_data_encrypt`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_data_decrypt(
    key: *const PosguardKey,
    data: *const u8,
    data_len: usize,
    mode: DataModeValue,
    iv: *const u8,
    iv_len: usize,
    padding: DataPaddingValue,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    // SAFETY: forwarded from the caller.
    unsafe {
        crypt(key, data, data_len, mode, iv, iv_len, padding, out, out_cap, out_len, |k, d, m, i, p| {
            data::decrypt(k, d, m, i, p).map(|clear| clear.to_vec())
        })
    }
}

/// The body both directions share: arguments checked and converted, `op` run, its
/// output written to the caller's buffer.
///
/// # Safety
/// As `posguard_data_encrypt`.
#[allow(clippy::too_many_arguments)]
unsafe fn crypt(
    key: *const PosguardKey,
    data: *const u8,
    data_len: usize,
    mode: DataModeValue,
    iv: *const u8,
    iv_len: usize,
    padding: DataPaddingValue,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    op: impl FnOnce(&posguard::Key, &[u8], Mode, Option<&[u8]>, CorePadding) -> posguard::Result<Vec<u8>>,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (key, data, iv, out) = unsafe {
            (
                PosguardKey::arg(key)?,
                slice_arg(data, data_len)?,
                iv_arg(iv, iv_len)?,
                OutBytes::new(out, out_cap, out_len)?,
            )
        };
        let result = Zeroizing::new(op(key, data, mode.get()?, iv, padding.get()?)?);
        out.write(&result)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values() {
        assert_eq!(DataModeValue(0).get(), Ok(Mode::Ecb));
        assert_eq!(DataModeValue(1).get(), Ok(Mode::Cbc));
        assert_eq!(DataPaddingValue(0).get(), Ok(CorePadding::None));
        assert_eq!(DataPaddingValue(1).get(), Ok(CorePadding::Zeros));
        assert_eq!(DataPaddingValue(2).get(), Ok(CorePadding::Iso9797M2));
        assert_eq!(DataModeValue(2).get(), Err(Status::InvalidArgument));
        assert_eq!(DataPaddingValue(3).get(), Err(Status::InvalidArgument));
    }
}
