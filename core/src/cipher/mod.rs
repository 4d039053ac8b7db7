//! The one place posguard touches block ciphers: RustCrypto `des`, `aes`,
//! `sm4` and `cmac`, wrapped so that a key schedule is computed once per key
//! (inside [`crate::Key`]) and never per block.

use ::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit};
use cmac::block_api::CmacCipher;
use cmac::digest::InnerInit;
use cmac::{Cmac, Mac};

use crate::error::{Error, Result};
use crate::key::Algorithm;

/// An expanded block cipher key. Every variant zeroizes its schedule on drop
/// (the RustCrypto `zeroize` feature).
#[derive(Clone)]
pub(crate) enum BlockCipher {
    Des(des::Des),
    Tdes2(des::TdesEde2),
    Tdes3(des::TdesEde3),
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
        Ok(match (algorithm, material.len()) {
            (Algorithm::Des, _) => Self::Des(init(algorithm, material)?),
            (Algorithm::Tdes, 16) => Self::Tdes2(init(algorithm, material)?),
            (Algorithm::Tdes, _) => Self::Tdes3(init(algorithm, material)?),
            (Algorithm::Aes, 16) => Self::Aes128(init(algorithm, material)?),
            (Algorithm::Aes, 24) => Self::Aes192(init(algorithm, material)?),
            (Algorithm::Aes, _) => Self::Aes256(init(algorithm, material)?),
            (Algorithm::Sm4, _) => Self::Sm4(init(algorithm, material)?),
        })
    }

    /// Encrypts exactly one block in place.
    pub(crate) fn encrypt_block(&self, block: &mut [u8]) -> Result<()> {
        match self {
            Self::Des(c) => enc(c, block),
            Self::Tdes2(c) => enc(c, block),
            Self::Tdes3(c) => enc(c, block),
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
            Self::Tdes2(c) => dec(c, block),
            Self::Tdes3(c) => dec(c, block),
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
            Self::Tdes2(c) => cmac_into(c, data, out),
            Self::Tdes3(c) => cmac_into(c, data, out),
            Self::Aes128(c) => cmac_into(c, data, out),
            Self::Aes192(c) => cmac_into(c, data, out),
            Self::Aes256(c) => cmac_into(c, data, out),
            Self::Sm4(c) => cmac_into(c, data, out),
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
    }
}
