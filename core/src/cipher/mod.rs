//! The one place posguard touches block ciphers: RustCrypto `aes`, `sm4` and
//! `cmac`, and posguard's own DES/TDEA ([`fast_des`]), wrapped so that a key
//! schedule is computed once per key (inside [`crate::Key`]) and never per block.
//!
//! # Why DES/TDEA is implemented here
//!
//! TDEA is the hot path of posguard: every format 0-3 PIN block, every
//! translation into one, every TDES MAC and every step of a TDES DUKPT
//! derivation. RustCrypto `des` computes the permutations bit by bit and
//! takes about 0.8 µs per TDEA block on the benchmark machine, which alone
//! exceeds the 0.5 µs budget for a format 0 PIN block. [`fast_des`] is the
//! classic table-driven DES (S-boxes merged with P into eight "SP" tables,
//! round keys pre-split into 6-bit groups, IP/FP as delta swaps): about
//! 0.26 µs per TDEA block there, three times faster. Its correctness is pinned
//! by known-answer tests (FIPS 81, NIST SP 800-20, SP 800-67, Rivest's
//! iterated test, SP 800-38B TDEA CMAC) and by differential tests against
//! RustCrypto `des` (kept as a dev-dependency, the reference) over tens of
//! thousands of random keys and blocks. CMAC runs over it through the
//! RustCrypto cipher traits.
//!
//! Side channels: the round function indexes the SP tables (8 x 64 `u32`,
//! 2 KiB) with key-dependent data, as RustCrypto's own S-box lookups and
//! OpenSSL's DES do; the key schedule likewise indexes the PC-1/PC-2 nibble
//! tables (3.75 KiB) with key bits. The tables are small enough to stay
//! L1-resident, but this is not constant-time code against an attacker who
//! shares the cache. AES and SM4 come from RustCrypto unchanged.

mod fast_des;

use ::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit};
use cmac::block_api::CmacCipher;
use cmac::digest::InnerInit;
use cmac::{Cmac, Mac};

use crate::error::{Error, Result};
use crate::key::Algorithm;

/// An expanded block cipher key. Every variant zeroizes its schedule on drop
/// (posguard's DES/TDEA, and the RustCrypto `zeroize` feature for the others).
#[derive(Clone)]
pub(crate) enum BlockCipher {
    Des(fast_des::Des),
    /// 2-key TDEA is held as K1, K2, K1.
    Tdes(fast_des::Tdes),
    Aes128(aes::Aes128),
    Aes192(aes::Aes192),
    Aes256(aes::Aes256),
    Sm4(sm4::Sm4),
}

fn init<C: KeyInit>(algorithm: Algorithm, material: &[u8]) -> Result<C> {
    C::new_from_slice(material).map_err(|_| Error::InvalidKeyLength { algorithm, len: material.len() })
}

fn enc<C: BlockCipherEncrypt>(c: &C, block: &mut [u8]) -> Result<()> {
    let block = <&mut Block<C>>::try_from(block).map_err(|_| Error::InvalidLength("data is not one cipher block"))?;
    c.encrypt_block(block);
    Ok(())
}

fn dec<C: BlockCipherDecrypt + BlockSizeUser>(c: &C, block: &mut [u8]) -> Result<()> {
    let block = <&mut Block<C>>::try_from(block).map_err(|_| Error::InvalidLength("data is not one cipher block"))?;
    c.decrypt_block(block);
    Ok(())
}

fn cmac_into<C: CmacCipher>(cipher: C, data: &[u8], out: &mut [u8]) -> usize {
    let mut mac = <Cmac<C>>::inner_init(cipher);
    mac.update(data);
    let tag = mac.finalize().into_bytes();
    let n = tag.len().min(out.len());
    out[..n].copy_from_slice(&tag[..n]);
    n
}

impl BlockCipher {
    /// Expands `material` for `algorithm`; the length must already be one the algorithm allows.
    pub(crate) fn new(algorithm: Algorithm, material: &[u8]) -> Result<Self> {
        let (des_keys, rest) = material.as_chunks::<8>();
        Ok(match (algorithm, material.len(), des_keys, rest) {
            (Algorithm::Des, _, [k], []) => Self::Des(fast_des::Des::new([k])),
            (Algorithm::Tdes, _, [k1, k2], []) => Self::Tdes(fast_des::Tdes::new_2key(k1, k2)),
            (Algorithm::Tdes, _, [k1, k2, k3], []) => Self::Tdes(fast_des::Tdes::new([k1, k2, k3])),
            (Algorithm::Des | Algorithm::Tdes, len, ..) => return Err(Error::InvalidKeyLength { algorithm, len }),
            (Algorithm::Aes, 16, ..) => Self::Aes128(init(algorithm, material)?),
            (Algorithm::Aes, 24, ..) => Self::Aes192(init(algorithm, material)?),
            (Algorithm::Aes, ..) => Self::Aes256(init(algorithm, material)?),
            (Algorithm::Sm4, ..) => Self::Sm4(init(algorithm, material)?),
            (Algorithm::Hmac, ..) => {
                return Err(Error::KeyAlgorithm {
                    needed: "block cipher (DES, TDES, AES or SM4)",
                    actual: algorithm,
                    operation: "expand a block cipher key",
                });
            }
        })
    }

    /// Encrypts exactly one block in place.
    pub(crate) fn encrypt_block(&self, block: &mut [u8]) -> Result<()> {
        match self {
            Self::Des(c) => enc(c, block),
            Self::Tdes(c) => enc(c, block),
            Self::Aes128(c) => enc(c, block),
            Self::Aes192(c) => enc(c, block),
            Self::Aes256(c) => enc(c, block),
            Self::Sm4(c) => enc(c, block),
        }
    }

    /// Decrypts exactly one block in place.
    pub(crate) fn decrypt_block(&self, block: &mut [u8]) -> Result<()> {
        match self {
            Self::Des(c) => dec(c, block),
            Self::Tdes(c) => dec(c, block),
            Self::Aes128(c) => dec(c, block),
            Self::Aes192(c) => dec(c, block),
            Self::Aes256(c) => dec(c, block),
            Self::Sm4(c) => dec(c, block),
        }
    }

    /// CMAC (NIST SP 800-38B) of `data`, written to the front of `out`; returns the bytes written.
    pub(crate) fn cmac(&self, data: &[u8], out: &mut [u8]) -> usize {
        match self.clone() {
            Self::Des(c) => cmac_into(c, data, out),
            Self::Tdes(c) => cmac_into(c, data, out),
            Self::Aes128(c) => cmac_into(c, data, out),
            Self::Aes192(c) => cmac_into(c, data, out),
            Self::Aes256(c) => cmac_into(c, data, out),
            Self::Sm4(c) => cmac_into(c, data, out),
        }
    }

    /// CMAC over the concatenation of `parts`, without copying them together (TR-31 MACs
    /// the header and the key data); written to the front of `out`, returns the bytes written.
    pub(crate) fn cmac_parts(&self, parts: &[&[u8]], out: &mut [u8]) -> usize {
        fn run<C: CmacCipher>(cipher: C, parts: &[&[u8]], out: &mut [u8]) -> usize {
            let mut mac = <Cmac<C>>::inner_init(cipher);
            parts.iter().for_each(|p| mac.update(p));
            let tag = mac.finalize().into_bytes();
            let n = tag.len().min(out.len());
            out[..n].copy_from_slice(&tag[..n]);
            n
        }
        match self.clone() {
            Self::Des(c) => run(c, parts, out),
            Self::Tdes(c) => run(c, parts, out),
            Self::Aes128(c) => run(c, parts, out),
            Self::Aes192(c) => run(c, parts, out),
            Self::Aes256(c) => run(c, parts, out),
            Self::Sm4(c) => run(c, parts, out),
        }
    }
}

/// The DES key schedule of `C0C0C0C000000000`, the mask of the TDES DUKPT key
/// variants (ANSI X9.24-1 A.2, A.6), computed at compile time.
pub(crate) const DUKPT_C0_SCHEDULE: [u64; 16] = fast_des::const_schedule([0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0]);

impl BlockCipher {
    /// For DES and TDES: the cipher of this key with every 8-byte part XOR the
    /// mask whose schedule is given, without expanding a key (see
    /// `fast_des::Dea::xor_masked`). `None` for the other ciphers.
    pub(crate) fn des_xor_masked(&self, mask_schedule: &[u64; 16]) -> Option<Self> {
        match self {
            Self::Des(c) => Some(Self::Des(c.xor_masked(mask_schedule))),
            Self::Tdes(c) => Some(Self::Tdes(c.xor_masked(mask_schedule))),
            _ => None,
        }
    }
}

/// An encryption-only AES key schedule (no decryption round keys: about a third
/// cheaper to expand), for derivation ladders such as AES DUKPT that only ever
/// encrypt. Zeroized on drop (RustCrypto `zeroize` feature).
#[derive(Clone)]
pub(crate) enum AesEncryptor {
    Aes128(aes::Aes128Enc),
    Aes192(aes::Aes192Enc),
    Aes256(aes::Aes256Enc),
}

impl AesEncryptor {
    /// Expands a 16-, 24- or 32-byte AES key.
    pub(crate) fn new(material: &[u8]) -> Result<Self> {
        Ok(match material.len() {
            16 => Self::Aes128(init(Algorithm::Aes, material)?),
            24 => Self::Aes192(init(Algorithm::Aes, material)?),
            _ => Self::Aes256(init(Algorithm::Aes, material)?),
        })
    }

    /// Encrypts one 16-byte block in place.
    pub(crate) fn encrypt_block(&self, block: &mut [u8; 16]) {
        let block: &mut Block<aes::Aes128Enc> = block.into();
        match self {
            Self::Aes128(c) => c.encrypt_block(block),
            Self::Aes192(c) => c.encrypt_block(block),
            Self::Aes256(c) => c.encrypt_block(block),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> alloc::vec::Vec<u8> {
        hex::decode(s).unwrap()
    }

    /// GB/T 32907-2016 Appendix A, example 1: key = plaintext = 0123456789ABCDEFFEDCBA9876543210.
    #[test]
    fn sm4_gbt32907_example_1() {
        let k = unhex("0123456789ABCDEFFEDCBA9876543210");
        let c = BlockCipher::new(Algorithm::Sm4, &k).unwrap();
        let mut b = k.clone();
        c.encrypt_block(&mut b).unwrap();
        assert_eq!(b, unhex("681EDF34D206965E86B3E94F536E4246"));
        c.decrypt_block(&mut b).unwrap();
        assert_eq!(b, k);
    }

    /// NIST SP 800-38B, Appendix D.1 example 1 (AES-128, empty message).
    #[test]
    fn aes_cmac_sp800_38b_d1_empty() {
        let c = BlockCipher::new(Algorithm::Aes, &unhex("2B7E151628AED2A6ABF7158809CF4F3C")).unwrap();
        let mut out = [0u8; 16];
        assert_eq!(c.cmac(&[], &mut out), 16);
        assert_eq!(out.to_vec(), unhex("BB1D6929E95937287FA37D129B756746"));
    }

    /// NIST SP 800-38B Appendix D.4 (three-key TDEA), examples 13 (empty message) and 16 (32 bytes):
    /// CMAC through the RustCrypto traits implemented by `fast_des`.
    #[test]
    fn tdes_cmac_sp800_38b_d4() {
        let c = BlockCipher::new(Algorithm::Tdes, &unhex("8AA83BF8CBDA10620BC1BF19FBB6CD58BC313D4A371CA8B5")).unwrap();
        let message = unhex("6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51");
        for (data, tag) in [(&[][..], "B7A688E122FFAF95"), (&message[..], "33E6B1092400EAE5")] {
            let mut out = [0u8; 16];
            assert_eq!(c.cmac(data, &mut out), 8);
            assert_eq!(out[..8].to_vec(), unhex(tag));
        }
    }

    #[test]
    fn des_key_lengths_are_exact() {
        for (alg, len) in [(Algorithm::Des, 7), (Algorithm::Des, 16), (Algorithm::Tdes, 8), (Algorithm::Tdes, 20)] {
            assert!(BlockCipher::new(alg, &[1u8; 32][..len]).is_err(), "{alg:?} {len}");
        }
    }

    /// The published single-block vectors in `tests/vectors/kcv.json` ("cipher": each names its source).
    #[test]
    fn published_block_vectors() {
        let file: serde_json::Value = serde_json::from_str(include_str!("../../tests/vectors/kcv.json")).unwrap();
        let vectors = file["cipher"].as_array().unwrap();
        assert!(vectors.len() >= 3);
        for v in vectors {
            let alg: Algorithm = v["algorithm"].as_str().unwrap().parse().unwrap();
            let c = BlockCipher::new(alg, &unhex(v["key"].as_str().unwrap())).unwrap();
            let mut b = unhex(v["plaintext"].as_str().unwrap());
            c.encrypt_block(&mut b).unwrap();
            assert_eq!(b, unhex(v["ciphertext"].as_str().unwrap()), "{}", v["name"]);
        }
    }

    #[test]
    fn wrong_block_size_is_an_error_not_a_panic() {
        let c = BlockCipher::new(Algorithm::Aes, &[7u8; 16]).unwrap();
        assert!(c.encrypt_block(&mut [0u8; 8]).is_err());
        assert!(c.decrypt_block(&mut [0u8; 17]).is_err());
        let c = BlockCipher::new(Algorithm::Tdes, &[7u8; 16]).unwrap();
        assert!(c.encrypt_block(&mut [0u8; 16]).is_err());
        assert!(c.decrypt_block(&mut [0u8; 7]).is_err());
    }
}
