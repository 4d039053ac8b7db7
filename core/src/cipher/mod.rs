//! The one place posguard touches block ciphers: RustCrypto `aes` and `sm4`,
//! posguard's own DES/TDEA ([`fast_des`]) and CMAC ([`Cmac`]), wrapped so that a
//! key schedule is computed once per key (inside [`crate::Key`]) and never per block.
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
//! thousands of random keys and blocks. It also implements the RustCrypto
//! cipher traits, which those tests use.
//!
//! Side channels: the round function indexes the SP tables (8 x 64 `u32`,
//! 2 KiB) with key-dependent data, as RustCrypto's own S-box lookups and
//! OpenSSL's DES do; the key schedule likewise indexes the PC-1/PC-2 nibble
//! tables (3.75 KiB) with key bits. The tables are small enough to stay
//! L1-resident, but this is not constant-time code against an attacker who
//! shares the cache. AES and SM4 come from RustCrypto unchanged.

mod fast_des;

use ::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockSizeUser, KeyInit};
use zeroize::Zeroize;

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
    /// Encryption-only AES schedules ([`BlockCipher::new_encrypt_only`]): half the
    /// schedule to expand and to wipe, for keys that never decrypt (MAC keys, CTR).
    Aes128Enc(aes::Aes128Enc),
    Aes192Enc(aes::Aes192Enc),
    Aes256Enc(aes::Aes256Enc),
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

    /// As [`Self::new`], for a key that will only encrypt: AES keys get an
    /// encryption-only schedule (their `decrypt_block` is an error); other
    /// ciphers are expanded as usual.
    pub(crate) fn new_encrypt_only(algorithm: Algorithm, material: &[u8]) -> Result<Self> {
        Ok(match (algorithm, material.len()) {
            (Algorithm::Aes, 16) => Self::Aes128Enc(init(algorithm, material)?),
            (Algorithm::Aes, 24) => Self::Aes192Enc(init(algorithm, material)?),
            (Algorithm::Aes, 32) => Self::Aes256Enc(init(algorithm, material)?),
            _ => Self::new(algorithm, material)?,
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
            Self::Aes128Enc(c) => enc(c, block),
            Self::Aes192Enc(c) => enc(c, block),
            Self::Aes256Enc(c) => enc(c, block),
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
            Self::Aes128Enc(_) | Self::Aes192Enc(_) | Self::Aes256Enc(_) => {
                Err(Error::InvalidArgument("an encryption-only key schedule cannot decrypt"))
            }
        }
    }

    /// The block size in bytes: 8 (DES, TDES) or 16 (AES, SM4).
    pub(crate) fn block_size(&self) -> usize {
        match self {
            Self::Des(_) | Self::Tdes(_) => 8,
            _ => 16,
        }
    }

    /// CMAC (NIST SP 800-38B) of `data`, written to the front of `out`; returns the bytes written.
    pub(crate) fn cmac(&self, data: &[u8], out: &mut [u8]) -> usize {
        self.cmac_parts(&[data], out)
    }

    /// CMAC over the concatenation of `parts`, without copying them together (TR-31 MACs
    /// the header and the key data); written to the front of `out`, returns the bytes written.
    pub(crate) fn cmac_parts(&self, parts: &[&[u8]], out: &mut [u8]) -> usize {
        let mut mac = Cmac::new(self);
        parts.iter().for_each(|p| mac.update(self, p));
        let tag = mac.finalize(self);
        let n = self.block_size().min(out.len());
        out[..n].copy_from_slice(&tag[..n]);
        n
    }
}

/// CMAC (NIST SP 800-38B) state over a [`BlockCipher`] that the caller passes
/// to each step (so a one-shot MAC borrows the key's schedule and a streaming
/// one owns a copy). Computed here over [`BlockCipher::encrypt_block`] rather
/// than by RustCrypto `cmac`, which takes the cipher by value: cloning a key
/// schedule and wiping the clone cost more than the MAC of a short message.
/// SP 800-38B 6.2: subkeys K1 = dbl(E(0)), K2 = dbl(K1); a full last block is
/// XORed with K1, a partial one padded 10* and XORed with K2. Checked against
/// SP 800-38B's examples and against RustCrypto `cmac`. Wiped on drop.
pub(crate) struct Cmac {
    block: usize,
    k1: [u8; 16],
    k2: [u8; 16],
    state: [u8; 16],
    pending: [u8; 16],
    pending_len: usize,
}

impl Cmac {
    /// A CMAC under `cipher` (whose block size it keeps).
    pub(crate) fn new(cipher: &BlockCipher) -> Self {
        let bs = cipher.block_size();
        let mut mac = Self { block: bs, k1: [0; 16], k2: [0; 16], state: [0; 16], pending: [0; 16], pending_len: 0 };
        // Cannot fail here or below: every slice is exactly one block of this cipher.
        let _ = cipher.encrypt_block(&mut mac.k2[..bs]);
        dbl(&mac.k2[..bs], &mut mac.k1[..bs]);
        dbl(&mac.k1[..bs], &mut mac.k2[..bs]);
        mac
    }

    /// Feeds `data`. A full block is held back until more data shows it is not the last.
    pub(crate) fn update(&mut self, cipher: &BlockCipher, mut data: &[u8]) {
        let bs = self.block;
        while !data.is_empty() {
            if self.pending_len == bs {
                // A full block with more data after it: an ordinary CBC step.
                self.state.iter_mut().zip(self.pending.iter()).for_each(|(s, p)| *s ^= p);
                let _ = cipher.encrypt_block(&mut self.state[..bs]);
                self.pending_len = 0;
            }
            let take = (bs - self.pending_len).min(data.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&data[..take]);
            self.pending_len += take;
            data = &data[take..];
        }
    }

    /// The tag, in the front `block size` bytes.
    pub(crate) fn finalize(mut self, cipher: &BlockCipher) -> [u8; 16] {
        let (bs, n) = (self.block, self.pending_len);
        let subkey = if n == bs {
            self.k1
        } else {
            self.pending[n..].fill(0);
            self.pending[n] = 0x80;
            self.k2
        };
        for ((s, p), k) in self.state.iter_mut().zip(self.pending.iter()).zip(subkey.iter()) {
            *s ^= p ^ k;
        }
        let _ = cipher.encrypt_block(&mut self.state[..bs]);
        self.state
    }
}

impl Drop for Cmac {
    fn drop(&mut self) {
        self.k1.zeroize();
        self.k2.zeroize();
        self.state.zeroize();
        self.pending.zeroize();
    }
}

/// SP 800-38B subkey generation: `input` (8 or 16 bytes) doubled in GF(2^64) or GF(2^128).
pub(crate) fn dbl(input: &[u8], out: &mut [u8]) {
    let rb = if input.len() == 16 { 0x87 } else { 0x1B };
    let carry = input.first().is_some_and(|b| b & 0x80 != 0);
    for (i, o) in out.iter_mut().enumerate() {
        let next = input.get(i + 1).map_or(0, |b| b >> 7);
        *o = input.get(i).map_or(0, |b| b << 1) | next;
    }
    if carry && let Some(last) = out.last_mut() {
        *last ^= rb;
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

    /// The CMAC here against RustCrypto `cmac` (an independent implementation) for every
    /// cipher, random keys and every message length 0..80, also split into two parts.
    #[test]
    fn cmac_matches_rustcrypto() {
        use cmac::{Cmac, Mac};
        use rand_core::{Rng, SeedableRng};
        fn reference<C: cmac::block_api::CmacCipher + KeyInit>(key: &[u8], data: &[u8]) -> alloc::vec::Vec<u8> {
            let mut mac = <Cmac<C> as cmac::KeyInit>::new_from_slice(key).unwrap();
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(38);
        for round in 0..20 {
            let mut key = [0u8; 32];
            rng.fill_bytes(&mut key);
            for len in 0..80 {
                let mut data = alloc::vec![0u8; len];
                rng.fill_bytes(&mut data);
                let cases: [(Algorithm, usize, alloc::vec::Vec<u8>); 4] = [
                    (Algorithm::Tdes, 24, reference::<des::TdesEde3>(&key[..24], &data)),
                    (Algorithm::Aes, 16, reference::<aes::Aes128>(&key[..16], &data)),
                    (Algorithm::Aes, 32, reference::<aes::Aes256>(&key, &data)),
                    (Algorithm::Sm4, 16, reference::<sm4::Sm4>(&key[..16], &data)),
                ];
                for (alg, klen, expected) in cases {
                    let c = BlockCipher::new(alg, &key[..klen]).unwrap();
                    let mut out = [0u8; 16];
                    let split = (round * 7 + len) % (len + 1);
                    assert_eq!(c.cmac_parts(&[&data[..split], &data[split..]], &mut out), expected.len());
                    assert_eq!(out[..expected.len()], expected[..], "{alg:?} {len}");
                }
            }
        }
    }

    #[test]
    fn encrypt_only_schedules_encrypt_alike_and_refuse_to_decrypt() {
        for len in [16, 24, 32] {
            let key = [0x5Au8; 32];
            let full = BlockCipher::new(Algorithm::Aes, &key[..len]).unwrap();
            let enc = BlockCipher::new_encrypt_only(Algorithm::Aes, &key[..len]).unwrap();
            let (mut a, mut b) = ([7u8; 16], [7u8; 16]);
            full.encrypt_block(&mut a).unwrap();
            enc.encrypt_block(&mut b).unwrap();
            assert_eq!(a, b);
            assert!(matches!(enc.decrypt_block(&mut b), Err(Error::InvalidArgument(_))));
        }
        let tdes = BlockCipher::new_encrypt_only(Algorithm::Tdes, &[9u8; 16]).unwrap();
        assert!(tdes.decrypt_block(&mut [0u8; 8]).is_ok());
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
