//! Keys that carry their attributes.
//!
//! A [`Key`] is key material plus its [`Algorithm`], [`KeyUsage`] and
//! [`ModeOfUse`] in the TR-31 / ANSI X9.143 vocabulary. Every operation checks
//! them: a MAC key cannot encrypt a PIN, a PIN key cannot decrypt data. The
//! material never leaves the key except through the explicitly named
//! [`Key::export_clear`].

mod attributes;
mod kcv;
pub mod tr31;

use core::fmt;

pub use attributes::{Algorithm, KeyUsage, ModeOfUse};
pub use kcv::{CheckValue, CheckValueMethod, DEFAULT_CHECK_VALUE_LEN, UNIONPAY_CHECK_VALUE_LEN};

use crate::cipher::BlockCipher;
use crate::error::{Error, Result};
use crate::secret::SecretBytes;

/// A symmetric key with its attributes. The key schedule is computed once,
/// here, and the material and schedule are wiped on drop.
#[derive(Clone)]
pub struct Key {
    material: SecretBytes<32>,
    algorithm: Algorithm,
    usage: KeyUsage,
    mode: ModeOfUse,
    /// The expanded block cipher; `None` for HMAC keys.
    cipher: Option<BlockCipher>,
}

impl Key {
    /// A key with the default mode of use for `usage` (see [`KeyUsage::default_mode`]).
    ///
    /// Fails on a length the algorithm does not allow, on TDES material whose
    /// halves are equal (single DES in disguise), and on single DES for
    /// anything but legacy MAC keys.
    pub fn new(algorithm: Algorithm, usage: KeyUsage, material: &[u8]) -> Result<Self> {
        Self::with_mode(algorithm, usage, usage.default_mode(), material)
    }

    /// A key with an explicit mode of use, which must be one TR-31 allows for `usage`.
    pub fn with_mode(algorithm: Algorithm, usage: KeyUsage, mode: ModeOfUse, material: &[u8]) -> Result<Self> {
        if !algorithm.key_lengths().contains(&material.len()) {
            return Err(Error::InvalidKeyLength { algorithm, len: material.len() });
        }
        if algorithm == Algorithm::Des && !usage.is_mac() {
            return Err(Error::KeyAlgorithm {
                needed: "TDES, AES or SM4",
                actual: algorithm,
                operation: "hold a non-MAC key",
            });
        }
        if algorithm == Algorithm::Tdes {
            let k = material;
            let degenerate = k[..8] == k[8..16] || (k.len() == 24 && k[8..16] == k[16..24]);
            if degenerate {
                return Err(Error::WeakKey("TDES key parts are equal (effectively single DES)"));
            }
        }
        if !usage.allows_mode(mode) {
            return Err(Error::InvalidModeOfUse("mode of use not allowed for this key usage"));
        }
        Ok(Self {
            material: SecretBytes::from_slice(material)?,
            algorithm,
            usage,
            mode,
            cipher: match algorithm {
                Algorithm::Hmac => None,
                // MAC and derivation keys only ever encrypt: no decryption schedule to build and wipe.
                _ if usage.is_mac() || usage.is_derivation() => {
                    Some(BlockCipher::new_encrypt_only(algorithm, material)?)
                }
                _ => Some(BlockCipher::new(algorithm, material)?),
            },
        })
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key's usage.
    pub fn usage(&self) -> KeyUsage {
        self.usage
    }

    /// The key's mode of use.
    pub fn mode(&self) -> ModeOfUse {
        self.mode
    }

    /// Length of the key material in bytes.
    pub fn len(&self) -> usize {
        self.material.len()
    }

    /// Always false: a key has material.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// A short name of the algorithm and length, e.g. `TDES-2key`, `AES-128`, `SM4`, `HMAC-256`.
    pub fn kind(&self) -> &'static str {
        match (self.algorithm, self.len()) {
            (Algorithm::Des, _) => "DES",
            (Algorithm::Tdes, 16) => "TDES-2key",
            (Algorithm::Tdes, _) => "TDES-3key",
            (Algorithm::Aes, 16) => "AES-128",
            (Algorithm::Aes, 24) => "AES-192",
            (Algorithm::Aes, _) => "AES-256",
            (Algorithm::Sm4, _) => "SM4",
            (Algorithm::Hmac, 16) => "HMAC-128",
            (Algorithm::Hmac, 24) => "HMAC-192",
            (Algorithm::Hmac, 32) => "HMAC-256",
            (Algorithm::Hmac, _) => "HMAC",
        }
    }

    /// The clear key material. For test tooling and key ceremonies only: every
    /// call is a place a clear key leaves the library.
    pub fn export_clear(&self) -> SecretBytes<32> {
        self.material.clone()
    }

    /// Checks that the key may be used for `operation`: its usage must be
    /// `usage` and its mode one of `modes`.
    pub(crate) fn require(&self, usage: KeyUsage, modes: &[ModeOfUse], operation: &'static str) -> Result<()> {
        if self.usage == usage && modes.contains(&self.mode) {
            Ok(())
        } else {
            Err(Error::KeyUsage { usage: self.usage, mode: self.mode, operation })
        }
    }

    /// The block cipher, for block operations; an HMAC key has none.
    pub(crate) fn cipher(&self) -> Result<&BlockCipher> {
        self.cipher.as_ref().ok_or(Error::KeyAlgorithm {
            needed: "block cipher (DES, TDES, AES or SM4)",
            actual: self.algorithm,
            operation: "run a block cipher",
        })
    }

    /// The clear material, for derivations inside the crate (DUKPT, TR-31, HMAC).
    pub(crate) fn material(&self) -> &[u8] {
        self.material.expose()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kcv = self.check_value();
        f.debug_struct("Key")
            .field("alg", &format_args!("{}", self.kind()))
            .field("usage", &self.usage)
            .field("mode", &format_args!("{}", self.mode))
            .field("kcv", &format_args!("{:?}", kcv.map(|k| k.to_hex()).unwrap_or_default().as_str()))
            .finish()
    }
}

impl PartialEq for Key {
    /// Same attributes and same material (compared in constant time).
    fn eq(&self, other: &Self) -> bool {
        self.algorithm == other.algorithm
            && self.usage == other.usage
            && self.mode == other.mode
            && self.material == other.material
    }
}

impl Eq for Key {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    const K2: [u8; 16] =
        [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10];

    #[test]
    fn debug_shows_attributes_and_kcv_but_no_material() {
        let k = Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &K2).unwrap();
        let s = format!("{k:?}");
        assert_eq!(s, r#"Key { alg: TDES-2key, usage: PinEncryption, mode: B, kcv: "08D7B4" }"#);
        assert!(!s.contains("0123") && !s.contains("FEDC") && !s.contains("fedc"));
    }

    #[test]
    fn rejects_bad_lengths_and_degenerate_tdes() {
        for len in [0, 1, 7, 8, 15, 17, 23, 25, 32] {
            assert!(matches!(
                Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &alloc::vec![0x11; len]),
                Err(Error::InvalidKeyLength { len: l, .. }) if l == len
            ));
        }
        let mut k = [0x11u8; 16];
        k[8..].copy_from_slice(&[0x11; 8]);
        assert_eq!(Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &k).unwrap_err().code(), 2);
        let mut k3 = [0u8; 24];
        k3[..16].copy_from_slice(&K2);
        k3[16..].copy_from_slice(&K2[8..]);
        assert!(matches!(Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &k3), Err(Error::WeakKey(_))));
        assert!(Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &[1u8; 20]).is_err());
        assert!(Key::new(Algorithm::Sm4, KeyUsage::PinEncryption, &[1u8; 24]).is_err());
    }

    #[test]
    fn single_des_only_for_mac_keys() {
        assert!(Key::new(Algorithm::Des, KeyUsage::MacIso9797_1, &K2[..8]).is_ok());
        assert_eq!(Key::new(Algorithm::Des, KeyUsage::PinEncryption, &K2[..8]).unwrap_err().code(), 4);
    }

    #[test]
    fn mode_must_fit_usage() {
        assert!(Key::with_mode(Algorithm::Tdes, KeyUsage::PinEncryption, ModeOfUse::Encrypt, &K2).is_ok());
        assert!(matches!(
            Key::with_mode(Algorithm::Tdes, KeyUsage::PinEncryption, ModeOfUse::Generate, &K2),
            Err(Error::InvalidModeOfUse(_))
        ));
    }

    #[test]
    fn equality_and_export() {
        let a = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &K2).unwrap();
        let b = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &K2).unwrap();
        let c = Key::new(Algorithm::Aes, KeyUsage::DataEncryption, &K2).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.export_clear().expose(), &K2);
    }
}
