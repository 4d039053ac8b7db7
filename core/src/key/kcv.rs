//! Key check values: how two parties confirm they hold the same key without
//! revealing it.

use alloc::string::String;
use core::fmt::{self, Write};

use subtle::ConstantTimeEq;

use super::{Algorithm, Key};
use crate::error::{Error, Result};

/// How a check value is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CheckValueMethod {
    /// Encrypt one block of zeros and keep the leftmost bytes (the classic
    /// TDES/DES method, the SM4 method, and the legacy AES method).
    ZeroBlock,
    /// CMAC over one block of zeros, leftmost bytes (ANSI X9.24-1:2017 for AES keys).
    Cmac,
}

impl CheckValueMethod {
    /// Name used across the bindings: `zero_block`, `cmac`.
    pub const fn name(self) -> &'static str {
        match self {
            CheckValueMethod::ZeroBlock => "zero_block",
            CheckValueMethod::Cmac => "cmac",
        }
    }

    /// The standard method for an algorithm: CMAC for AES, zero-block otherwise.
    pub const fn default_for(algorithm: Algorithm) -> Self {
        match algorithm {
            Algorithm::Aes => CheckValueMethod::Cmac,
            _ => CheckValueMethod::ZeroBlock,
        }
    }
}

impl core::str::FromStr for CheckValueMethod {
    type Err = Error;
    /// Accepts `zero_block` (also `zero-block`) and `cmac`, any case.
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().replace('-', "_").as_str() {
            "zero_block" => Ok(CheckValueMethod::ZeroBlock),
            "cmac" => Ok(CheckValueMethod::Cmac),
            _ => Err(Error::InvalidArgument("check value method must be zero_block or cmac")),
        }
    }
}

/// A key check value: not secret, printed as uppercase hex.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CheckValue {
    bytes: [u8; 16],
    len: usize,
}

impl CheckValue {
    /// The check value bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Uppercase hex, e.g. `08D7B4`.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(self.len * 2);
        // Writing to a String cannot fail.
        let _ = write!(s, "{self}");
        s
    }
}

impl fmt::Display for CheckValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_bytes().iter().try_for_each(|b| write!(f, "{b:02X}"))
    }
}

impl fmt::Debug for CheckValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CheckValue({self})")
    }
}

/// Default check value length in bytes (3 bytes = 6 hex digits, the industry habit).
pub const DEFAULT_CHECK_VALUE_LEN: usize = 3;

/// The UnionPay check value length (the 4 bytes carried in field 62 with each working key).
pub const UNIONPAY_CHECK_VALUE_LEN: usize = 4;

impl Key {
    /// The 3-byte check value with the algorithm's standard method
    /// (zero-block for DES/TDES/SM4, CMAC for AES).
    pub fn check_value(&self) -> Result<CheckValue> {
        self.check_value_with(CheckValueMethod::default_for(self.algorithm), DEFAULT_CHECK_VALUE_LEN)
    }

    /// The 4-byte zero-block check value UnionPay sign-on responses carry.
    pub fn check_value_unionpay(&self) -> Result<CheckValue> {
        self.check_value_with(CheckValueMethod::ZeroBlock, UNIONPAY_CHECK_VALUE_LEN)
    }

    /// A check value of `len` bytes (1 to the cipher block size) by `method`.
    pub fn check_value_with(&self, method: CheckValueMethod, len: usize) -> Result<CheckValue> {
        let cipher = self.cipher()?;
        let block = self.algorithm.block_size().unwrap_or(0);
        if len == 0 || len > block {
            return Err(Error::InvalidLength("check value length must be 1 to the cipher block size"));
        }
        let mut out = CheckValue { bytes: [0; 16], len };
        match method {
            CheckValueMethod::ZeroBlock => cipher.encrypt_block(&mut out.bytes[..block])?,
            CheckValueMethod::Cmac => {
                cipher.cmac(&[0u8; 16][..block], &mut out.bytes);
            }
        }
        out.bytes[len..].fill(0);
        Ok(out)
    }

    /// Verifies an expected check value (its length selects the truncation)
    /// computed with `method`. Constant time; a mismatch is an integrity error.
    pub fn verify_check_value(&self, method: CheckValueMethod, expected: &[u8]) -> Result<()> {
        let actual = self.check_value_with(method, expected.len())?;
        if bool::from(actual.as_bytes().ct_eq(expected)) { Ok(()) } else { Err(Error::CheckValueMismatch) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KeyUsage;

    #[test]
    fn method_names() {
        for m in [CheckValueMethod::ZeroBlock, CheckValueMethod::Cmac] {
            assert_eq!(m.name().parse::<CheckValueMethod>(), Ok(m));
        }
        assert_eq!("Zero-Block".parse::<CheckValueMethod>(), Ok(CheckValueMethod::ZeroBlock));
        assert_eq!("kcv".parse::<CheckValueMethod>().unwrap_err().code(), 16);
    }

    #[test]
    fn lengths_are_checked() {
        let k = Key::new(
            Algorithm::Tdes,
            KeyUsage::KeyEncryption,
            &hex::decode("0123456789ABCDEFFEDCBA9876543210").unwrap(),
        )
        .unwrap();
        assert!(k.check_value_with(CheckValueMethod::ZeroBlock, 0).is_err());
        assert!(k.check_value_with(CheckValueMethod::ZeroBlock, 9).is_err());
        assert_eq!(k.check_value_with(CheckValueMethod::ZeroBlock, 8).unwrap().as_bytes().len(), 8);
        assert_eq!(k.check_value_unionpay().unwrap().as_bytes().len(), 4);
    }

    #[test]
    fn verify_is_an_integrity_error_on_mismatch() {
        let k = Key::new(
            Algorithm::Tdes,
            KeyUsage::KeyEncryption,
            &hex::decode("0123456789ABCDEFFEDCBA9876543210").unwrap(),
        )
        .unwrap();
        let good = k.check_value().unwrap();
        assert!(k.verify_check_value(CheckValueMethod::ZeroBlock, good.as_bytes()).is_ok());
        let mut bad = [0u8; 3];
        bad.copy_from_slice(good.as_bytes());
        bad[2] ^= 1;
        assert_eq!(k.verify_check_value(CheckValueMethod::ZeroBlock, &bad), Err(Error::CheckValueMismatch));
    }
}
