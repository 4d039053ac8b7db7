//! Key block binding: the block encryption key (KBEK) and block
//! authentication key (KBAK) from the KBPK, the MAC, and the encryption of
//! the key data.
//!
//! - A, C (TR-31:2018 5.3.1, key variant binding): KBEK = KBPK XOR 0x45..,
//!   KBAK = KBPK XOR 0x4D..; TDES CBC with the header's first 8 bytes as IV;
//!   MAC = leftmost 4 bytes of the TDES CBC-MAC over header || encrypted key data.
//! - B (5.3.2.1): KBEK/KBAK by TDES CMAC KDF (SP 800-108 counter mode);
//!   MAC = 8-byte TDES CMAC over header || clear key data; TDES CBC with IV = MAC.
//! - D (5.3.2.3): as B with AES: 16-byte AES-CMAC; AES CBC with IV = MAC.
//! - E (ISO 20038:2017 6.3, 6.2): as D, but the KBEK derivation data says
//!   "encryption, CTR" (0x0002) and the key data is encrypted with AES CTR
//!   whose initial counter block is the MAC, so the key data needs no padding
//!   to a block boundary.

use zeroize::Zeroizing;

use super::Version;
use crate::cipher::{BlockCipher, dbl};
use crate::error::Result;
use crate::key::{Algorithm, Key};

/// The two keys that protect one key block; both schedules are wiped on drop.
pub(super) struct BlockKeys {
    pub enc: BlockCipher,
    pub mac: BlockCipher,
}

/// Derivation data key usage indicators (TR-31:2018 table 1/2, ISO 20038 table 1).
const KDF_ENCRYPTION_CBC: u16 = 0x0000;
const KDF_MAC: u16 = 0x0001;
const KDF_ENCRYPTION_CTR: u16 = 0x0002;

/// Derivation data algorithm indicator and key length in bits for a KBPK.
fn kdf_algorithm(algorithm: Algorithm, len: usize) -> (u16, u16) {
    let code = match (algorithm, len) {
        (Algorithm::Tdes, 16) => 0x0000,
        (Algorithm::Tdes, _) => 0x0001,
        (_, 16) => 0x0002,
        (_, 24) => 0x0003,
        _ => 0x0004,
    };
    // len is at most 32 (a Key), so the bit length fits.
    (code, (len * 8) as u16)
}

/// The CMAC KDF: CMAC_KBPK(counter || usage || 00 || algorithm || length), counter 1, 2, ...
///
/// The derivation data is 8 bytes, one whole TDES block or half an AES block, so
/// each CMAC is a single encryption: E(KBPK, data XOR K1) for TDES, E(KBPK,
/// (data || 80 00..) XOR K2) for AES (SP 800-38B 6.2). The subkey is computed once
/// per KBPK here instead of once per CMAC.
fn derive(kbpk: &BlockCipher, usage: u16, (alg, bits): (u16, u16), out: &mut [u8]) -> Result<()> {
    let bs = if alg <= 1 { 8 } else { 16 };
    let mut subkey = Zeroizing::new([0u8; 16]);
    kbpk.encrypt_block(&mut subkey[..bs])?;
    let l = Zeroizing::new(*subkey);
    dbl(&l[..bs], &mut subkey[..bs]);
    if bs == 16 {
        let k1 = Zeroizing::new(*subkey);
        dbl(&k1[..bs], &mut subkey[..bs]);
    }
    let mut data = [0u8; 16];
    data[1..3].copy_from_slice(&usage.to_be_bytes());
    data[4..6].copy_from_slice(&alg.to_be_bytes());
    data[6..8].copy_from_slice(&bits.to_be_bytes());
    if bs == 16 {
        data[8] = 0x80;
    }
    let mut block = Zeroizing::new([0u8; 16]);
    for (counter, chunk) in (1u8..).zip(out.chunks_mut(bs)) {
        data[0] = counter;
        for ((b, d), k) in block.iter_mut().zip(&data).zip(subkey.iter()) {
            *b = d ^ k;
        }
        kbpk.encrypt_block(&mut block[..bs])?;
        chunk.copy_from_slice(&block[..chunk.len()]);
    }
    Ok(())
}

/// KBEK and KBAK for `version` from the KBPK (whose algorithm the caller checked);
/// `decrypting` for an unwrap, whose CBC needs the KBEK's decryption schedule.
pub(super) fn block_keys(version: Version, kbpk: &Key, decrypting: bool) -> Result<BlockKeys> {
    let material = kbpk.material();
    let len = material.len();
    let alg = kbpk.algorithm();
    let mut kbek = Zeroizing::new([0u8; 32]);
    let mut kbak = Zeroizing::new([0u8; 32]);
    let (kbek, kbak) = (&mut kbek[..len], &mut kbak[..len]);
    match version {
        Version::A | Version::C => {
            for ((e, a), k) in kbek.iter_mut().zip(kbak.iter_mut()).zip(material) {
                *e = k ^ 0x45;
                *a = k ^ 0x4D;
            }
        }
        Version::B | Version::D | Version::E => {
            let cipher = kbpk.cipher()?;
            let kdf_alg = kdf_algorithm(alg, len);
            let enc_usage = if version == Version::E { KDF_ENCRYPTION_CTR } else { KDF_ENCRYPTION_CBC };
            derive(cipher, enc_usage, kdf_alg, kbek)?;
            derive(cipher, KDF_MAC, kdf_alg, kbak)?;
        }
    }
    // The MAC key only encrypts, and so does the encryption key of a wrap or of CTR (E):
    // encryption-only AES schedules cost half as much to expand and to wipe.
    let enc = if decrypting && version != Version::E {
        BlockCipher::new(alg, kbek)?
    } else {
        BlockCipher::new_encrypt_only(alg, kbek)?
    };
    Ok(BlockKeys { enc, mac: BlockCipher::new_encrypt_only(alg, kbak)? })
}

/// The key block MAC over `header` and `data` (encrypted key data for A/C,
/// clear key data otherwise), full length into `out`; returns the MAC length.
pub(super) fn mac(version: Version, keys: &BlockKeys, header: &[u8], data: &[u8], out: &mut [u8; 16]) -> Result<usize> {
    match version {
        Version::A | Version::C => {
            // ISO 9797-1 MAC algorithm 1, no padding (header and data are whole TDES blocks).
            let mut chain = [0u8; 8];
            for chunk in header.chunks(8).chain(data.chunks(8)) {
                for (c, d) in chain.iter_mut().zip(chunk) {
                    *c ^= d;
                }
                keys.mac.encrypt_block(&mut chain)?;
            }
            out[..8].copy_from_slice(&chain);
            Ok(4)
        }
        _ => Ok(keys.mac.cmac_parts(&[header, data], &mut out[..]).min(version.mac_len())),
    }
}

/// CBC encryption in place (`data` is whole blocks of `iv.len()` bytes).
pub(super) fn cbc_encrypt(cipher: &BlockCipher, iv: &[u8], data: &mut [u8]) -> Result<()> {
    let bs = iv.len();
    let mut prev = [0u8; 16];
    prev[..bs].copy_from_slice(iv);
    for block in data.chunks_mut(bs) {
        for (b, p) in block.iter_mut().zip(&prev) {
            *b ^= p;
        }
        cipher.encrypt_block(block)?;
        prev[..bs].copy_from_slice(block);
    }
    Ok(())
}

/// CBC decryption in place (`data` is whole blocks of `iv.len()` bytes).
pub(super) fn cbc_decrypt(cipher: &BlockCipher, iv: &[u8], data: &mut [u8]) -> Result<()> {
    let bs = iv.len();
    let mut prev = [0u8; 16];
    let mut next = [0u8; 16];
    prev[..bs].copy_from_slice(iv);
    for block in data.chunks_mut(bs) {
        next[..bs].copy_from_slice(block);
        cipher.decrypt_block(block)?;
        for (b, p) in block.iter_mut().zip(&prev) {
            *b ^= p;
        }
        prev[..bs].copy_from_slice(&next[..bs]);
    }
    Ok(())
}

/// AES CTR (SP 800-38A, 128-bit big-endian counter) from `iv`, in place; its own inverse.
pub(super) fn ctr(cipher: &BlockCipher, iv: &[u8; 16], data: &mut [u8]) -> Result<()> {
    let mut counter = u128::from_be_bytes(*iv);
    let mut stream = Zeroizing::new([0u8; 16]);
    for chunk in data.chunks_mut(16) {
        stream.copy_from_slice(&counter.to_be_bytes());
        cipher.encrypt_block(&mut stream[..])?;
        for (d, s) in chunk.iter_mut().zip(stream.iter()) {
            *d ^= s;
        }
        counter = counter.wrapping_add(1);
    }
    Ok(())
}
