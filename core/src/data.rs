//! Data encryption and decryption with data keys (TDES, AES, SM4; ECB and CBC).
//!
//! For terminal–host field encryption (track data, field 55, private fields)
//! under a terminal data key (TDK) or a DUKPT data key. Only keys with usage
//! `D0` (data encryption) are accepted, with a mode of use that allows the
//! direction (`B`, `E` or `N` to encrypt; `B`, `D` or `N` to decrypt): a PIN
//! key, MAC key or KEK never encrypts or decrypts arbitrary data.
//!
//! ```
//! use posguard::{Key, Algorithm, KeyUsage, data::{self, Mode, DataPadding}};
//! # fn main() -> Result<(), posguard::Error> {
//! let tdk = Key::new(Algorithm::Aes, KeyUsage::DataEncryption, &[0x2B; 16])?;
//! let iv = [0u8; 16];
//! let ct = data::encrypt(&tdk, b"track 2 data", Mode::Cbc, Some(&iv), DataPadding::Iso9797M2)?;
//! let pt = data::decrypt(&tdk, &ct, Mode::Cbc, Some(&iv), DataPadding::Iso9797M2)?;
//! assert_eq!(&pt[..], b"track 2 data");
//! # Ok(()) }
//! ```
//!
//! # IVs
//!
//! CBC takes an IV of one block (8 bytes for TDES, 16 for AES and SM4). When
//! none is given, the IV is all zeros: what terminal protocols and `psec`
//! default to. A zero (or any fixed) IV makes equal plaintexts give equal
//! ciphertexts; pass an explicit IV whenever the protocol defines one. ECB
//! takes no IV.
//!
//! # Padding oracles
//!
//! [`decrypt`] with [`DataPadding::Iso9797M2`] reports bad padding as
//! [`Error::InvalidPadding`]. If an attacker can submit ciphertexts and observe
//! that error, CBC decryption becomes a padding oracle: authenticate the
//! ciphertext (a MAC over it) before decrypting.

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::key::{Key, KeyUsage, ModeOfUse};

/// Block cipher mode of operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// Electronic codebook: each block alone (equal blocks give equal ciphertext). No IV.
    Ecb,
    /// Cipher block chaining (the default), with a one-block IV (zeros if none is given).
    #[default]
    Cbc,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 2] = [Mode::Ecb, Mode::Cbc];

    /// Name used across the bindings: `ecb`, `cbc`.
    pub const fn name(self) -> &'static str {
        match self {
            Mode::Ecb => "ecb",
            Mode::Cbc => "cbc",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mode {
    type Err = Error;
    /// Accepts `ecb` and `cbc`, any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        Mode::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(s.trim()))
            .ok_or(Error::InvalidArgument("mode must be ecb or cbc"))
    }
}

/// How the plaintext is padded to whole blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DataPadding {
    /// No padding (the default): the data must be a whole number of blocks.
    #[default]
    None,
    /// ISO/IEC 9797-1 padding method 2 (also ISO/IEC 7816-4): `80`, then `00`
    /// bytes to a whole number of blocks; always adds 1 to n bytes (n the block size), and is
    /// removed (and checked) on decryption.
    Iso9797M2,
    /// `00` bytes to a whole number of blocks (none when aligned). Not removable
    /// unambiguously: [`decrypt`] returns the padded data, and the caller cuts it
    /// to the length it knows (e.g. from a length field).
    Zeros,
}

impl DataPadding {
    /// Every padding.
    pub const ALL: [DataPadding; 3] = [DataPadding::None, DataPadding::Iso9797M2, DataPadding::Zeros];

    /// Name used across the bindings: `none`, `iso9797_2`, `zeros`.
    pub const fn name(self) -> &'static str {
        match self {
            DataPadding::None => "none",
            DataPadding::Iso9797M2 => "iso9797_2",
            DataPadding::Zeros => "zeros",
        }
    }
}

impl fmt::Display for DataPadding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DataPadding {
    type Err = Error;
    /// Accepts `none`, `iso9797_2` (also `iso9797-2`, `iso9797_m2`, `iso7816_4`) and `zeros` (also `zero`), any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(s));
        if is(&["none"]) {
            Ok(DataPadding::None)
        } else if is(&["iso9797_2", "iso9797-2", "iso9797_m2", "iso7816_4", "iso7816-4"]) {
            Ok(DataPadding::Iso9797M2)
        } else if is(&["zeros", "zero"]) {
            Ok(DataPadding::Zeros)
        } else {
            Err(Error::InvalidArgument("padding must be none, iso9797_2 or zeros"))
        }
    }
}

/// Checks the key and IV; returns the block size and the initial chaining value.
fn prepare(
    key: &Key,
    mode: Mode,
    iv: Option<&[u8]>,
    modes: &[ModeOfUse],
    operation: &'static str,
) -> Result<(usize, [u8; 16])> {
    key.require(KeyUsage::DataEncryption, modes, operation)?;
    key.cipher()?;
    let block = key.algorithm().block_size().unwrap_or(0);
    let mut chain = [0u8; 16];
    match (mode, iv) {
        (Mode::Ecb, Some(_)) => return Err(Error::InvalidArgument("ECB takes no IV")),
        (Mode::Ecb, None) | (Mode::Cbc, None) => {}
        (Mode::Cbc, Some(iv)) if iv.len() == block => chain[..block].copy_from_slice(iv),
        (Mode::Cbc, Some(_)) => return Err(Error::InvalidLength("the IV must be one cipher block")),
    }
    Ok((block, chain))
}

/// Encrypts `data` with a data key (usage `D0`, mode `B`, `E` or `N`).
///
/// Fails with [`Error::InvalidLength`] on data that is not a whole number of
/// blocks with [`DataPadding::None`], or an IV that is not one block;
/// [`Error::InvalidArgument`] on an IV for ECB.
pub fn encrypt(key: &Key, data: &[u8], mode: Mode, iv: Option<&[u8]>, padding: DataPadding) -> Result<Vec<u8>> {
    let (block, mut chain) = prepare(key, mode, iv, ModeOfUse::ENCRYPT, "encrypt data")?;
    let cipher = key.cipher()?;
    let rem = data.len() % block;
    let padded_len = match padding {
        DataPadding::None if rem != 0 => {
            return Err(Error::InvalidLength("data is not a whole number of cipher blocks (padding none)"));
        }
        DataPadding::None => data.len(),
        DataPadding::Iso9797M2 => data.len() + block - rem,
        DataPadding::Zeros if rem == 0 => data.len(),
        DataPadding::Zeros => data.len() + block - rem,
    };
    // Exact capacity: the plaintext copy is never reallocated (so never left behind).
    let mut out = Vec::with_capacity(padded_len);
    out.extend_from_slice(data);
    if padding == DataPadding::Iso9797M2 {
        out.push(0x80);
    }
    out.resize(padded_len, 0);
    for b in out.chunks_exact_mut(block) {
        if mode == Mode::Cbc {
            for (x, c) in b.iter_mut().zip(&chain) {
                *x ^= c;
            }
        }
        cipher.encrypt_block(b)?;
        chain[..block].copy_from_slice(b);
    }
    Ok(out)
}

/// Decrypts `data` with a data key (usage `D0`, mode `B`, `D` or `N`); the
/// plaintext is wiped when dropped.
///
/// Fails with [`Error::InvalidLength`] on data that is not a whole number of
/// blocks or an IV that is not one block, [`Error::InvalidArgument`] on an IV for
/// ECB, and [`Error::InvalidPadding`] when [`DataPadding::Iso9797M2`] padding is
/// not found. [`DataPadding::Zeros`] is not removed (see its docs).
pub fn decrypt(
    key: &Key,
    data: &[u8],
    mode: Mode,
    iv: Option<&[u8]>,
    padding: DataPadding,
) -> Result<Zeroizing<Vec<u8>>> {
    let (block, mut chain) = prepare(key, mode, iv, ModeOfUse::DECRYPT, "decrypt data")?;
    let cipher = key.cipher()?;
    if !data.len().is_multiple_of(block) {
        return Err(Error::InvalidLength("ciphertext is not a whole number of cipher blocks"));
    }
    let mut out = Zeroizing::new(Vec::with_capacity(data.len()));
    out.extend_from_slice(data);
    for b in out.chunks_exact_mut(block) {
        let mut next = [0u8; 16];
        next[..block].copy_from_slice(b);
        cipher.decrypt_block(b)?;
        if mode == Mode::Cbc {
            for (x, c) in b.iter_mut().zip(&chain) {
                *x ^= c;
            }
        }
        chain = next;
    }
    if padding == DataPadding::Iso9797M2 {
        // The last block must end in 80 00 .. 00; scan it whole (no early exit on the data).
        let start = out.len().saturating_sub(block);
        let mut marker = None;
        let mut seen_nonzero = false;
        for (i, &b) in out.iter().enumerate().skip(start).rev() {
            if !seen_nonzero && b != 0 {
                seen_nonzero = true;
                if b == 0x80 {
                    marker = Some(i);
                }
            }
        }
        match marker {
            Some(i) => out.truncate(i),
            None => return Err(Error::InvalidPadding),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::Algorithm;
    use alloc::vec;

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    fn key(alg: Algorithm, material: &[u8]) -> Key {
        Key::new(alg, KeyUsage::DataEncryption, material).unwrap()
    }

    /// NIST SP 800-38A, F.1.1 (ECB-AES128.Encrypt) and F.2.1 (CBC-AES128.Encrypt), first two blocks.
    #[test]
    fn sp800_38a_aes128() {
        let k = key(Algorithm::Aes, &unhex("2B7E151628AED2A6ABF7158809CF4F3C"));
        let pt = unhex("6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51");
        let ecb = encrypt(&k, &pt, Mode::Ecb, None, DataPadding::None).unwrap();
        assert_eq!(ecb, unhex("3AD77BB40D7A3660A89ECAF32466EF97F5D3D58503B9699DE785895A96FDBAAF"));
        let iv = unhex("000102030405060708090A0B0C0D0E0F");
        let cbc = encrypt(&k, &pt, Mode::Cbc, Some(&iv), DataPadding::None).unwrap();
        assert_eq!(cbc, unhex("7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2"));
        assert_eq!(&decrypt(&k, &cbc, Mode::Cbc, Some(&iv), DataPadding::None).unwrap()[..], &pt[..]);
        assert_eq!(&decrypt(&k, &ecb, Mode::Ecb, None, DataPadding::None).unwrap()[..], &pt[..]);
    }

    /// GB/T 32907-2016 Appendix A example 1 as a one-block ECB encryption.
    #[test]
    fn sm4_ecb_gbt32907() {
        let m = unhex("0123456789ABCDEFFEDCBA9876543210");
        let k = key(Algorithm::Sm4, &m);
        assert_eq!(
            encrypt(&k, &m, Mode::Ecb, None, DataPadding::None).unwrap(),
            unhex("681EDF34D206965E86B3E94F536E4246")
        );
    }

    /// CBC and ECB against RustCrypto `des` (TDES) and `sm4`/`aes` used directly, random inputs.
    #[test]
    fn modes_match_reference_ciphers() {
        use ::cipher::{BlockCipherEncrypt, KeyInit};
        use rand_chacha::ChaCha20Rng;
        use rand_core::{Rng, SeedableRng};
        let mut rng = ChaCha20Rng::seed_from_u64(44);
        for round in 0..60 {
            let mut material = [0u8; 32];
            rng.fill_bytes(&mut material);
            let (alg, len) = [(Algorithm::Tdes, 24), (Algorithm::Aes, 32), (Algorithm::Sm4, 16)][round % 3];
            let k = key(alg, &material[..len]);
            let block = alg.block_size().unwrap();
            let mut data = vec![0u8; block * (round % 5)];
            rng.fill_bytes(&mut data);
            let mut iv = vec![0u8; block];
            rng.fill_bytes(&mut iv);
            let enc_ref = |b: &mut [u8]| match alg {
                Algorithm::Tdes => {
                    des::TdesEde3::new_from_slice(&material[..24]).unwrap().encrypt_block(b.try_into().unwrap())
                }
                Algorithm::Aes => {
                    aes::Aes256::new_from_slice(&material[..32]).unwrap().encrypt_block(b.try_into().unwrap())
                }
                _ => sm4::Sm4::new_from_slice(&material[..16]).unwrap().encrypt_block(b.try_into().unwrap()),
            };
            let mut expected = data.clone();
            let mut chain = iv.clone();
            for b in expected.chunks_exact_mut(block) {
                for (x, c) in b.iter_mut().zip(&chain) {
                    *x ^= c;
                }
                enc_ref(b);
                chain.copy_from_slice(b);
            }
            let ct = encrypt(&k, &data, Mode::Cbc, Some(&iv), DataPadding::None).unwrap();
            assert_eq!(ct, expected, "{alg:?} round {round}");
            assert_eq!(&decrypt(&k, &ct, Mode::Cbc, Some(&iv), DataPadding::None).unwrap()[..], &data[..]);
        }
    }

    #[test]
    fn padding_round_trips_and_errors() {
        let k = key(Algorithm::Tdes, &unhex("0123456789ABCDEFFEDCBA9876543210"));
        for len in 0..20 {
            let data: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37) | 1).collect();
            let ct = encrypt(&k, &data, Mode::Cbc, None, DataPadding::Iso9797M2).unwrap();
            assert_eq!(ct.len(), (len / 8 + 1) * 8);
            assert_eq!(&decrypt(&k, &ct, Mode::Cbc, None, DataPadding::Iso9797M2).unwrap()[..], &data[..]);
            let ct = encrypt(&k, &data, Mode::Ecb, None, DataPadding::Zeros).unwrap();
            assert_eq!(ct.len(), len.div_ceil(8) * 8);
            let pt = decrypt(&k, &ct, Mode::Ecb, None, DataPadding::Zeros).unwrap();
            assert_eq!(&pt[..len], &data[..]);
            assert!(pt[len..].iter().all(|&b| b == 0));
            let r = encrypt(&k, &data, Mode::Cbc, None, DataPadding::None);
            if len % 8 == 0 {
                assert_eq!(r.unwrap().len(), len);
            } else {
                assert!(matches!(r, Err(Error::InvalidLength(_))));
            }
        }
        // Zero padding where method 2 is expected: the last block has no 80 marker.
        let ct = encrypt(&k, &[0x11; 5], Mode::Cbc, None, DataPadding::Zeros).unwrap();
        assert_eq!(decrypt(&k, &ct, Mode::Cbc, None, DataPadding::Iso9797M2).unwrap_err(), Error::InvalidPadding);
        let ct = encrypt(&k, &[0u8; 8], Mode::Cbc, None, DataPadding::None).unwrap();
        assert_eq!(decrypt(&k, &ct, Mode::Cbc, None, DataPadding::Iso9797M2).unwrap_err(), Error::InvalidPadding);
        assert_eq!(decrypt(&k, &[], Mode::Cbc, None, DataPadding::Iso9797M2).unwrap_err(), Error::InvalidPadding);
        assert!(matches!(decrypt(&k, &[0u8; 9], Mode::Ecb, None, DataPadding::None), Err(Error::InvalidLength(_))));
    }

    #[test]
    fn iv_rules() {
        let k = key(Algorithm::Aes, &[7u8; 16]);
        let d = [0u8; 16];
        assert!(matches!(
            encrypt(&k, &d, Mode::Ecb, Some(&[0u8; 16]), DataPadding::None),
            Err(Error::InvalidArgument(_))
        ));
        for bad in [0usize, 8, 15, 17] {
            assert!(matches!(
                encrypt(&k, &d, Mode::Cbc, Some(&vec![0u8; bad]), DataPadding::None),
                Err(Error::InvalidLength(_))
            ));
            assert!(matches!(
                decrypt(&k, &d, Mode::Cbc, Some(&vec![0u8; bad]), DataPadding::None),
                Err(Error::InvalidLength(_))
            ));
        }
        // No IV is a zero IV.
        assert_eq!(
            encrypt(&k, &d, Mode::Cbc, None, DataPadding::None).unwrap(),
            encrypt(&k, &d, Mode::Cbc, Some(&[0u8; 16]), DataPadding::None).unwrap()
        );
    }

    #[test]
    fn key_usage_is_enforced() {
        let m = [0x5Au8; 16];
        for usage in [KeyUsage::PinEncryption, KeyUsage::Mac, KeyUsage::KeyEncryption, KeyUsage::MacCmac] {
            let k = Key::new(Algorithm::Aes, usage, &m).unwrap();
            assert!(matches!(encrypt(&k, &m, Mode::Ecb, None, DataPadding::None), Err(Error::KeyUsage { .. })));
            assert!(matches!(decrypt(&k, &m, Mode::Ecb, None, DataPadding::None), Err(Error::KeyUsage { .. })));
        }
        let enc_only = Key::with_mode(Algorithm::Aes, KeyUsage::DataEncryption, ModeOfUse::Encrypt, &m).unwrap();
        let ct = encrypt(&enc_only, &m, Mode::Ecb, None, DataPadding::None).unwrap();
        assert!(matches!(decrypt(&enc_only, &ct, Mode::Ecb, None, DataPadding::None), Err(Error::KeyUsage { .. })));
        let dec_only = Key::with_mode(Algorithm::Aes, KeyUsage::DataEncryption, ModeOfUse::Decrypt, &m).unwrap();
        assert!(matches!(encrypt(&dec_only, &m, Mode::Ecb, None, DataPadding::None), Err(Error::KeyUsage { .. })));
        assert_eq!(&decrypt(&dec_only, &ct, Mode::Ecb, None, DataPadding::None).unwrap()[..], &m[..]);
        // An HMAC data key has no block cipher.
        let h = Key::new(Algorithm::Hmac, KeyUsage::DataEncryption, &m).unwrap();
        assert!(matches!(encrypt(&h, &m, Mode::Ecb, None, DataPadding::None), Err(Error::KeyAlgorithm { .. })));
    }

    #[test]
    fn names_parse() {
        for m in Mode::ALL {
            assert_eq!(m.name().parse::<Mode>().unwrap(), m);
        }
        for p in DataPadding::ALL {
            assert_eq!(p.name().parse::<DataPadding>().unwrap(), p);
        }
        assert_eq!("CBC".parse::<Mode>().unwrap(), Mode::Cbc);
        assert_eq!("ISO7816_4".parse::<DataPadding>().unwrap(), DataPadding::Iso9797M2);
        assert!("ofb".parse::<Mode>().is_err());
        assert!("pkcs7".parse::<DataPadding>().is_err());
        assert_eq!(Mode::default(), Mode::Cbc);
        assert_eq!(DataPadding::default(), DataPadding::None);
    }
}
