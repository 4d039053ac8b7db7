//! MACs (`posguard::mac`) and data encryption (`posguard::data`), one-shot.
//!
//! Algorithm, mode and padding names are the core's: MAC algorithms
//! `iso9797_1`, `iso9797_3`, `cmac`, `hmac_sha256`, `unionpay_ecb`,
//! `unionpay_ecb_sm4`; ISO/IEC 9797-1 padding methods 1, 2, 3; data modes
//! `ecb`, `cbc`; data paddings `none`, `iso9797_2`, `zeros`.

use posguard::mac::{self, Padding};
use posguard::{Error, data};
use zeroize::Zeroizing;

use crate::{Key, Result};

/// The ISO/IEC 9797-1 padding method numbered `number` (1, 2 or 3).
fn padding(number: u32) -> Result<Padding> {
    Ok(Padding::ALL
        .into_iter()
        .find(|p| u32::from(p.number()) == number)
        .ok_or(Error::InvalidArgument("MAC padding method must be 1, 2 or 3"))?)
}

/// The MAC of `data` under a MAC key (usage `M0`–`M8` as the algorithm needs,
/// a mode that allows generating). `algorithm`: `iso9797_1` (CBC-MAC; DES,
/// TDES, AES, SM4), `iso9797_3` (ANSI X9.19 retail MAC, double-length TDES),
/// `cmac`, `hmac_sha256`, `unionpay_ecb`, `unionpay_ecb_sm4`. `padding` is the
/// ISO/IEC 9797-1 method (1, 2, 3) of algorithms 1 and 3; the others take only
/// 1. `length` is the MAC length in bytes (UnionPay: hex characters), null for
/// the algorithm's default.
///
/// The UnionPay MACs return the ASCII hex characters (what goes into ISO 8583
/// field 64). They are weak (the XOR fold does not detect swapped blocks): use
/// them only where a host requires them.
#[uniffi::export(default(padding = 1, length = None))]
pub fn mac_generate(key: &Key, data: Vec<u8>, algorithm: String, padding: u32, length: Option<u32>) -> Result<Vec<u8>> {
    let padding = self::padding(padding)?;
    let length = length.map(|l| l as usize);
    Ok(mac::generate(&key.0, &data, algorithm.parse()?, padding, length)?.as_bytes().to_vec())
}

/// Verifies `mac` over `data` in constant time; its length is the MAC length.
/// Needs a key whose mode allows verifying. A wrong MAC throws
/// `PosguardException.MacMismatch` (an integrity failure: a security event),
/// never the expected value.
#[uniffi::export(default(padding = 1))]
pub fn mac_verify(key: &Key, data: Vec<u8>, mac: Vec<u8>, algorithm: String, padding: u32) -> Result<()> {
    let padding = self::padding(padding)?;
    Ok(mac::verify(&key.0, &data, &mac, algorithm.parse()?, padding)?)
}

/// Encrypts `data` with a data key (usage `D0`; TDES, AES or SM4; a mode that
/// allows encrypting). `mode`: `cbc` (IV one block, zeros when null) or `ecb`
/// (no IV). `padding`: `none` (data must be whole blocks), `iso9797_2` or
/// `zeros`. The clear data passed in is wiped after use.
#[uniffi::export(default(mode = "cbc", iv = None, padding = "none"))]
pub fn data_encrypt(key: &Key, data: Vec<u8>, mode: String, iv: Option<Vec<u8>>, padding: String) -> Result<Vec<u8>> {
    let data = Zeroizing::new(data);
    Ok(data::encrypt(&key.0, &data, mode.parse()?, iv.as_deref(), padding.parse()?)?)
}

/// Decrypts `data` with a data key (usage `D0`, a mode that allows
/// decrypting); same `mode`, `iv` and `padding` as `dataEncrypt`. `iso9797_2`
/// padding is checked and removed (`PosguardException.InvalidPadding` when
/// absent); `zeros` is not removed. The result is clear data: wipe it after use.
#[uniffi::export(default(mode = "cbc", iv = None, padding = "none"))]
pub fn data_decrypt(key: &Key, data: Vec<u8>, mode: String, iv: Option<Vec<u8>>, padding: String) -> Result<Vec<u8>> {
    Ok(data::decrypt(&key.0, &data, mode.parse()?, iv.as_deref(), padding.parse()?)?.to_vec())
}
