//! Message authentication codes: ISO/IEC 9797-1 algorithms 1 and 3 (ANSI
//! X9.19 retail MAC), CMAC, HMAC-SHA256 and the China UnionPay POS MAC.
//!
//! Only MAC keys compute MACs: usage `M0` (any algorithm) or the algorithm's
//! own usage (`M1` algorithm 1, `M3` algorithm 3, `M6` CMAC, `M7` HMAC);
//! generating needs mode `C`, `G` or `N`, verifying `C`, `V` or `N`.

use posguard::mac::{self, MacAlgorithm as CoreMacAlgorithm, Padding};

use crate::args::{OutBytes, slice_arg};
use crate::values::enum_value;
use crate::{PosguardKey, Status, entry};

/// The largest MAC, in bytes: HMAC-SHA256's 32 bytes, or 32 UnionPay SM4 hex characters.
pub const POSGUARD_MAC_MAX_LEN: usize = 32;

const _: () = assert!(POSGUARD_MAC_MAX_LEN == mac::MAX_MAC_LEN);

/// A MAC algorithm. Each variant is its own algorithm, so none can be confused.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacAlgorithm {
    /// ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC, zero IV): DES (FIPS 113 / X9.9),
    /// TDES, AES or SM4 keys; padding methods 1 to 3; length 4 to the block size.
    Iso9797_1 = 0,
    /// ISO/IEC 9797-1 MAC algorithm 3, the ANSI X9.19 retail MAC: double-length
    /// TDES keys only; padding methods 1 to 3; length 4 to 8 (default 8).
    Iso9797_3 = 1,
    /// CMAC (NIST SP 800-38B) with a TDES, AES or SM4 key; its own padding;
    /// length 4 to the block size.
    Cmac = 2,
    /// HMAC-SHA256 (RFC 2104) with an `hmac` key; length 10 to 32 (default 32).
    HmacSha256 = 3,
    /// China UnionPay POS MAC ("ECB" algorithm) with a DES or TDES MAK; the MAC
    /// is upper-case hex characters as ASCII bytes (default 8, at most 16), what
    /// goes into ISO 8583 field 64. WEAK: the XOR fold does not detect swapped
    /// or reordered blocks. Use it only because a host requires it.
    UnionpayEcb = 4,
    /// The SM4 form of the UnionPay MAC (16-byte blocks); default 8 hex
    /// characters, at most 32. Same weakness.
    UnionpayEcbSm4 = 5,
}

/// A `posguard_mac_algorithm` as C passes it: any integer, so that a value
/// outside the enum is `POSGUARD_STATUS_INVALID_ARGUMENT`, not undefined
/// behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct MacAlgorithmValue(u32);

enum_value!(MacAlgorithmValue => CoreMacAlgorithm {
    MacAlgorithm::Iso9797_1 => CoreMacAlgorithm::Iso9797_1,
    MacAlgorithm::Iso9797_3 => CoreMacAlgorithm::Iso9797_3,
    MacAlgorithm::Cmac => CoreMacAlgorithm::Cmac,
    MacAlgorithm::HmacSha256 => CoreMacAlgorithm::HmacSha256,
    MacAlgorithm::UnionpayEcb => CoreMacAlgorithm::UnionPayEcb,
    MacAlgorithm::UnionpayEcbSm4 => CoreMacAlgorithm::UnionPayEcbSm4,
});

/// An ISO/IEC 9797-1 padding method, for MAC algorithms 1 and 3; the values
/// are the method numbers. The other algorithms have their own padding and
/// take only `DEFAULT` (or `METHOD1`, the same).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacPadding {
    /// The default: method 1 for algorithms 1 and 3, the algorithm's own for the others.
    Default = 0,
    /// Method 1: `00` bytes to a whole block (ambiguous: for fixed-length fields only).
    Method1 = 1,
    /// Method 2: `80`, then `00` bytes to a whole block.
    Method2 = 2,
    /// Method 3: a length block first, then as method 1.
    Method3 = 3,
}

/// A `posguard_mac_padding` as C passes it (see `MacAlgorithmValue`).
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct MacPaddingValue(u32);

enum_value!(MacPaddingValue => Padding {
    MacPadding::Default => Padding::default(),
    MacPadding::Method1 => Padding::Method1,
    MacPadding::Method2 => Padding::Method2,
    MacPadding::Method3 => Padding::Method3,
});

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_mac_generate(
    key: *const PosguardKey,
    data: *const u8,
    data_len: usize,
    algorithm: MacAlgorithmValue,
    padding: MacPaddingValue,
    length: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (key, data, out) =
            unsafe { (PosguardKey::arg(key)?, slice_arg(data, data_len)?, OutBytes::new(out, out_cap, out_len)?) };
        let length = if length == 0 { None } else { Some(length) };
        let value = mac::generate(key, data, algorithm.get()?, padding.get()?, length)?;
        out.write(value.as_bytes())
    })
}

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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posguard_mac_verify(
    key: *const PosguardKey,
    data: *const u8,
    data_len: usize,
    mac: *const u8,
    mac_len: usize,
    algorithm: MacAlgorithmValue,
    padding: MacPaddingValue,
) -> Status {
    entry(|| {
        // SAFETY: forwarded from the caller.
        let (key, data, expected) =
            unsafe { (PosguardKey::arg(key)?, slice_arg(data, data_len)?, slice_arg(mac, mac_len)?) };
        Ok(mac::verify(key, data, expected, algorithm.get()?, padding.get()?)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values() {
        for (i, a) in CoreMacAlgorithm::ALL.into_iter().enumerate() {
            assert_eq!(MacAlgorithmValue(i as u32).get(), Ok(a));
        }
        for p in Padding::ALL {
            assert_eq!(MacPaddingValue(u32::from(p.number())).get(), Ok(p));
        }
        assert_eq!(MacPaddingValue(0).get(), Ok(Padding::Method1));
        assert_eq!(MacAlgorithmValue(6).get(), Err(Status::InvalidArgument));
        assert_eq!(MacPaddingValue(4).get(), Err(Status::InvalidArgument));
    }
}
