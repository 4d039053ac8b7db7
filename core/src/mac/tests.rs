//! Unit tests of `posguard::mac`. Published known answers live in
//! `tests/vectors/mac.json` (run by `tests/mac_vectors.rs`); here: properties,
//! errors, and differential tests against reference implementations written
//! independently in the test from the published algorithm descriptions over
//! RustCrypto `des` / `sm4` / `aes` (not posguard's DES).

use alloc::vec;
use alloc::vec::Vec;

use ::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

use super::*;

/// A reference block encryption (RustCrypto), in place.
type Enc<'a> = &'a dyn Fn(&mut [u8]);

const K2: &str = "0123456789ABCDEFFEDCBA9876543210";

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

fn key(alg: Algorithm, usage: KeyUsage, material: &[u8]) -> Key {
    Key::new(alg, usage, material).unwrap()
}

fn rng() -> ChaCha20Rng {
    ChaCha20Rng::seed_from_u64(97971)
}

fn random(r: &mut ChaCha20Rng, len: usize) -> Vec<u8> {
    let mut v = vec![0u8; len];
    r.fill_bytes(&mut v);
    v
}

/// A random key for `algorithm` (with usage M0), never a degenerate TDES key.
fn random_key(r: &mut ChaCha20Rng, algorithm: MacAlgorithm) -> Key {
    let (alg, len) = match algorithm {
        MacAlgorithm::Iso9797_1 => {
            [(Algorithm::Des, 8), (Algorithm::Tdes, 16), (Algorithm::Aes, 32), (Algorithm::Sm4, 16)]
                [(r.next_u32() % 4) as usize]
        }
        MacAlgorithm::Iso9797_3 => (Algorithm::Tdes, 16),
        MacAlgorithm::Cmac => {
            [(Algorithm::Tdes, 24), (Algorithm::Aes, 16), (Algorithm::Sm4, 16)][(r.next_u32() % 3) as usize]
        }
        MacAlgorithm::HmacSha256 => (Algorithm::Hmac, 32),
        MacAlgorithm::UnionPayEcb => [(Algorithm::Des, 8), (Algorithm::Tdes, 16)][(r.next_u32() % 2) as usize],
        MacAlgorithm::UnionPayEcbSm4 => (Algorithm::Sm4, 16),
    };
    key(alg, KeyUsage::Mac, &random(r, len))
}

fn paddings(algorithm: MacAlgorithm) -> &'static [Padding] {
    if algorithm.takes_padding() { &Padding::ALL } else { &[Padding::Method1] }
}

#[test]
fn algorithm_names_round_trip() {
    for a in MacAlgorithm::ALL {
        assert_eq!(a.name().parse::<MacAlgorithm>().unwrap(), a);
        assert_eq!(a.name().to_uppercase().replace('_', "-").parse::<MacAlgorithm>().unwrap(), a);
    }
    assert_eq!("retail".parse::<MacAlgorithm>().unwrap(), MacAlgorithm::Iso9797_3);
    assert_eq!("X9.19".parse::<MacAlgorithm>().unwrap(), MacAlgorithm::Iso9797_3);
    for bad in ["", "iso9797_2", "cmac_aes", "hmac_sha1"] {
        assert!(matches!(bad.parse::<MacAlgorithm>(), Err(Error::InvalidArgument(_))), "{bad}");
    }
}

/// Every single-bit flip of the data or of the MAC makes verification fail.
#[test]
fn every_bit_flip_is_detected() {
    let mut r = rng();
    for algorithm in MacAlgorithm::ALL {
        for &padding in paddings(algorithm) {
            let k = random_key(&mut r, algorithm);
            let data = random(&mut r, 37);
            let tag = generate(&k, &data, algorithm, padding, None).unwrap();
            verify(&k, &data, tag.as_bytes(), algorithm, padding).unwrap();
            for bit in 0..data.len() * 8 {
                let mut d = data.clone();
                d[bit / 8] ^= 1 << (bit % 8);
                assert_eq!(
                    verify(&k, &d, tag.as_bytes(), algorithm, padding),
                    Err(Error::MacMismatch),
                    "{algorithm} {padding} data bit {bit}"
                );
            }
            for bit in 0..tag.len() * 8 {
                let mut t = tag.as_bytes().to_vec();
                t[bit / 8] ^= 1 << (bit % 8);
                assert_eq!(
                    verify(&k, &data, &t, algorithm, padding),
                    Err(Error::MacMismatch),
                    "{algorithm} {padding} MAC bit {bit}"
                );
            }
        }
    }
}

/// The UnionPay XOR fold does not see swapped blocks: documented, and pinned here.
#[test]
fn unionpay_does_not_detect_swapped_blocks() {
    let mut r = rng();
    for (algorithm, n) in [(MacAlgorithm::UnionPayEcb, 8), (MacAlgorithm::UnionPayEcbSm4, 16)] {
        let k = random_key(&mut r, algorithm);
        let data = random(&mut r, 3 * n);
        let mut swapped = data.clone();
        swapped[..n].copy_from_slice(&data[n..2 * n]);
        swapped[n..2 * n].copy_from_slice(&data[..n]);
        let tag = generate(&k, &data, algorithm, Padding::Method1, None).unwrap();
        verify(&k, &swapped, tag.as_bytes(), algorithm, Padding::Method1).unwrap();
        // A CBC-MAC does see it.
        let k1 = random_key(&mut r, MacAlgorithm::Iso9797_3);
        let tag = generate(&k1, &data, MacAlgorithm::Iso9797_3, Padding::Method2, None).unwrap();
        assert!(verify(&k1, &swapped, tag.as_bytes(), MacAlgorithm::Iso9797_3, Padding::Method2).is_err());
    }
}

/// Streaming with random split points gives the one-shot result.
#[test]
fn streaming_equals_one_shot() {
    let mut r = rng();
    for round in 0..300 {
        let algorithm = MacAlgorithm::ALL[round % MacAlgorithm::ALL.len()];
        let padding = paddings(algorithm)[round / 6 % paddings(algorithm).len()];
        let k = random_key(&mut r, algorithm);
        let len = (r.next_u32() % 300) as usize;
        let data = random(&mut r, len);
        let expected = generate(&k, &data, algorithm, padding, None).unwrap();
        let mut mac = if padding == Padding::Method3 {
            Mac::with_message_len(&k, algorithm, padding, None, data.len() as u64).unwrap()
        } else {
            Mac::new(&k, algorithm, padding, None).unwrap()
        };
        let mut rest = &data[..];
        while !rest.is_empty() {
            let n = (r.next_u32() as usize % 40).min(rest.len());
            mac.update(&rest[..n]);
            rest = &rest[n..];
        }
        assert_eq!(mac.finalize().unwrap(), expected, "{algorithm} {padding} len {}", data.len());
    }
}

/// Truncation keeps the leftmost bytes; each algorithm's length range is enforced.
#[test]
fn lengths() {
    let mut r = rng();
    let data = random(&mut r, 50);
    let cases = [
        (MacAlgorithm::Iso9797_1, Algorithm::Tdes, 16, 8, 4, 8),
        (MacAlgorithm::Iso9797_1, Algorithm::Aes, 16, 16, 4, 16),
        (MacAlgorithm::Iso9797_3, Algorithm::Tdes, 16, 8, 4, 8),
        (MacAlgorithm::Cmac, Algorithm::Tdes, 24, 8, 4, 8),
        (MacAlgorithm::Cmac, Algorithm::Sm4, 16, 16, 4, 16),
        (MacAlgorithm::HmacSha256, Algorithm::Hmac, 16, 32, 10, 32),
        (MacAlgorithm::UnionPayEcb, Algorithm::Tdes, 16, 8, 8, 16),
        (MacAlgorithm::UnionPayEcbSm4, Algorithm::Sm4, 16, 8, 8, 32),
    ];
    for (algorithm, alg, klen, default, min, max) in cases {
        let k = key(alg, KeyUsage::Mac, &random(&mut r, klen));
        let full = generate(&k, &data, algorithm, Padding::Method1, Some(max)).unwrap();
        assert_eq!(generate(&k, &data, algorithm, Padding::Method1, None).unwrap().len(), default);
        for n in min..=max {
            let t = generate(&k, &data, algorithm, Padding::Method1, Some(n)).unwrap();
            assert_eq!(t.as_bytes(), &full.as_bytes()[..n], "{algorithm} {n}");
            verify(&k, &data, t.as_bytes(), algorithm, Padding::Method1).unwrap();
            let mut m = Mac::new(&k, algorithm, Padding::Method1, Some(n)).unwrap();
            m.update(&data);
            m.verify(t.as_bytes()).unwrap();
        }
        for n in [0, min - 1, max + 1, 64] {
            assert!(
                matches!(generate(&k, &data, algorithm, Padding::Method1, Some(n)), Err(Error::InvalidLength(_))),
                "{algorithm} {n}"
            );
        }
        let short = &full.as_bytes()[..min - 1];
        assert!(matches!(verify(&k, &data, short, algorithm, Padding::Method1), Err(Error::InvalidLength(_))));
        let mut long = full.as_bytes().to_vec();
        long.push(0);
        assert!(matches!(verify(&k, &data, &long, algorithm, Padding::Method1), Err(Error::InvalidLength(_))));
        // An empty MAC never verifies.
        assert!(matches!(verify(&k, &data, &[], algorithm, Padding::Method1), Err(Error::InvalidLength(_))));
        // A Mac created for one length refuses a MAC of another.
        let mut m = Mac::new(&k, algorithm, Padding::Method1, Some(max)).unwrap();
        m.update(&data);
        assert_eq!(m.verify(&full.as_bytes()[..min]), Err(Error::MacMismatch));
    }
}

#[test]
fn key_usage_and_mode_are_enforced() {
    let m16 = unhex(K2);
    // Not MAC keys.
    for usage in [KeyUsage::PinEncryption, KeyUsage::DataEncryption, KeyUsage::KeyEncryption, KeyUsage::Cvk] {
        let k = key(Algorithm::Tdes, usage, &m16);
        assert!(matches!(
            generate(&k, b"x", MacAlgorithm::Iso9797_3, Padding::Method1, None),
            Err(Error::KeyUsage { .. })
        ));
        assert!(matches!(
            verify(&k, b"x", &[0; 8], MacAlgorithm::Iso9797_3, Padding::Method1),
            Err(Error::KeyUsage { .. })
        ));
    }
    // A specific MAC usage must name the algorithm; M0 fits every one.
    let specific = [
        (KeyUsage::MacIso9797_1, MacAlgorithm::Iso9797_1),
        (KeyUsage::MacIso9797_3, MacAlgorithm::Iso9797_3),
        (KeyUsage::MacCmac, MacAlgorithm::Cmac),
    ];
    for (usage, fits) in specific {
        let k = key(Algorithm::Tdes, usage, &m16);
        for algorithm in
            [MacAlgorithm::Iso9797_1, MacAlgorithm::Iso9797_3, MacAlgorithm::Cmac, MacAlgorithm::UnionPayEcb]
        {
            let r = generate(&k, b"x", algorithm, Padding::Method1, None);
            assert_eq!(r.is_ok(), algorithm == fits, "{usage:?} {algorithm}");
            if algorithm != fits {
                assert!(matches!(r, Err(Error::KeyUsage { .. })));
            }
        }
        assert!(generate(&key(Algorithm::Tdes, KeyUsage::Mac, &m16), b"x", fits, Padding::Method1, None).is_ok());
    }
    for usage in [KeyUsage::MacIso9797_2, KeyUsage::MacIso9797_4, KeyUsage::MacIso9797_5, KeyUsage::MacIso9797_6] {
        let k = key(Algorithm::Tdes, usage, &m16);
        for algorithm in MacAlgorithm::ALL {
            assert!(matches!(generate(&k, b"x", algorithm, Padding::Method1, None), Err(Error::KeyUsage { .. })));
        }
    }
    let h = key(Algorithm::Hmac, KeyUsage::MacHmac, &m16);
    assert!(generate(&h, b"x", MacAlgorithm::HmacSha256, Padding::Method1, None).is_ok());
    assert!(matches!(generate(&h, b"x", MacAlgorithm::Cmac, Padding::Method1, None), Err(Error::KeyUsage { .. })));
    // Generate-only keys cannot verify, verify-only keys cannot generate.
    let g = Key::with_mode(Algorithm::Tdes, KeyUsage::MacIso9797_3, ModeOfUse::Generate, &m16).unwrap();
    let v = Key::with_mode(Algorithm::Tdes, KeyUsage::MacIso9797_3, ModeOfUse::Verify, &m16).unwrap();
    let tag = generate(&g, b"msg", MacAlgorithm::Iso9797_3, Padding::Method2, None).unwrap();
    assert!(matches!(
        verify(&g, b"msg", tag.as_bytes(), MacAlgorithm::Iso9797_3, Padding::Method2),
        Err(Error::KeyUsage { .. })
    ));
    verify(&v, b"msg", tag.as_bytes(), MacAlgorithm::Iso9797_3, Padding::Method2).unwrap();
    assert!(matches!(
        generate(&v, b"msg", MacAlgorithm::Iso9797_3, Padding::Method2, None),
        Err(Error::KeyUsage { .. })
    ));
    let gc = Key::with_mode(Algorithm::Aes, KeyUsage::MacCmac, ModeOfUse::Verify, &m16).unwrap();
    assert!(matches!(generate(&gc, b"msg", MacAlgorithm::Cmac, Padding::Method1, None), Err(Error::KeyUsage { .. })));
}

#[test]
fn key_algorithm_must_fit() {
    let m = unhex("0123456789ABCDEFFEDCBA987654321089ABCDEF0123456702468ACE13579BDF");
    let cases: [(MacAlgorithm, Algorithm, usize); 9] = [
        (MacAlgorithm::Iso9797_1, Algorithm::Hmac, 16),
        (MacAlgorithm::Iso9797_3, Algorithm::Tdes, 24),
        (MacAlgorithm::Iso9797_3, Algorithm::Des, 8),
        (MacAlgorithm::Iso9797_3, Algorithm::Aes, 16),
        (MacAlgorithm::Cmac, Algorithm::Des, 8),
        (MacAlgorithm::HmacSha256, Algorithm::Aes, 32),
        (MacAlgorithm::UnionPayEcb, Algorithm::Sm4, 16),
        (MacAlgorithm::UnionPayEcb, Algorithm::Aes, 16),
        (MacAlgorithm::UnionPayEcbSm4, Algorithm::Tdes, 16),
    ];
    for (algorithm, alg, len) in cases {
        let k = key(alg, KeyUsage::Mac, &m[..len]);
        assert!(
            matches!(generate(&k, b"x", algorithm, Padding::Method1, None), Err(Error::KeyAlgorithm { .. })),
            "{algorithm} {alg:?} {len}"
        );
        assert!(matches!(Mac::new(&k, algorithm, Padding::Method1, None), Err(Error::KeyAlgorithm { .. })));
    }
}

#[test]
fn padding_only_where_the_algorithm_takes_it() {
    let mut r = rng();
    for algorithm in MacAlgorithm::ALL {
        let k = random_key(&mut r, algorithm);
        for padding in [Padding::Method2, Padding::Method3] {
            let g = generate(&k, b"abc", algorithm, padding, None);
            if algorithm.takes_padding() {
                assert!(g.is_ok());
            } else {
                assert!(matches!(g, Err(Error::InvalidArgument(_))), "{algorithm} {padding}");
                assert!(matches!(verify(&k, b"abc", &[0; 8], algorithm, padding), Err(Error::InvalidArgument(_))));
            }
        }
    }
}

#[test]
fn padding_3_needs_the_length_up_front() {
    let k = key(Algorithm::Tdes, KeyUsage::MacIso9797_3, &unhex(K2));
    assert!(matches!(Mac::new(&k, MacAlgorithm::Iso9797_3, Padding::Method3, None), Err(Error::InvalidArgument(_))));
    let mut m = Mac::with_message_len(&k, MacAlgorithm::Iso9797_3, Padding::Method3, None, 10).unwrap();
    m.update(&[1; 9]);
    assert!(matches!(m.finalize(), Err(Error::InvalidLength(_))));
    let mut m = Mac::with_message_len(&k, MacAlgorithm::Iso9797_3, Padding::Method1, None, 3).unwrap();
    m.update(&[1; 4]);
    assert!(matches!(m.verify(&[0; 8]), Err(Error::InvalidLength(_))));
}

/// ISO 9797-1 padding: method 1 gives the same MAC to `m` and `m || 00` (within a
/// block) and an empty message is one zero block; methods 2 and 3 distinguish them.
#[test]
fn padding_semantics() {
    let k = key(Algorithm::Des, KeyUsage::MacIso9797_1, &unhex("0123456789ABCDEF"));
    let g = |d: &[u8], p| generate(&k, d, MacAlgorithm::Iso9797_1, p, None).unwrap();
    assert_eq!(g(b"abc", Padding::Method1), g(b"abc\0", Padding::Method1));
    assert_eq!(g(b"", Padding::Method1), g(&[0; 8], Padding::Method1));
    assert_ne!(g(b"abc", Padding::Method2), g(b"abc\0", Padding::Method2));
    assert_ne!(g(b"abc", Padding::Method3), g(b"abc\0", Padding::Method3));
    // Method 3 on an empty message is the length block (zero) alone: E(0).
    assert_eq!(g(b"", Padding::Method3), g(b"", Padding::Method1));
}

// ---- Differential tests against independent code over RustCrypto ciphers ----

/// ISO/IEC 9797-1 padding (clause 6.1), written from the standard's text.
fn reference_pad(data: &[u8], n: usize, padding: Padding) -> Vec<u8> {
    let mut out = Vec::new();
    if padding == Padding::Method3 {
        let mut l = vec![0u8; n];
        l[n - 8..].copy_from_slice(&((data.len() as u64) * 8).to_be_bytes());
        out.extend_from_slice(&l);
    }
    out.extend_from_slice(data);
    if padding == Padding::Method2 {
        out.push(0x80);
    }
    while out.len() % n != 0 || (out.is_empty() && padding == Padding::Method1) {
        out.push(0);
    }
    out
}

fn reference_cbc_mac(enc: &dyn Fn(&mut [u8]), padded: &[u8], n: usize) -> Vec<u8> {
    let mut h = vec![0u8; n];
    for block in padded.chunks(n) {
        for (x, d) in h.iter_mut().zip(block) {
            *x ^= d;
        }
        enc(&mut h);
    }
    h
}

/// ANSI X9.19 retail MAC and ISO 9797-1 algorithm 1 against RustCrypto `des` / `aes` / `sm4`,
/// for every message length from 0 to 300 bytes.
#[test]
fn iso9797_matches_rustcrypto_reference() {
    let mut r = rng();
    for len in 0..=300 {
        let data = random(&mut r, len);
        let padding = Padding::ALL[len % 3];
        // Algorithm 3.
        let km = random(&mut r, 16);
        let Ok(k) = Key::new(Algorithm::Tdes, KeyUsage::MacIso9797_3, &km) else { continue };
        let d1 = des::Des::new_from_slice(&km[..8]).unwrap();
        let d2 = des::Des::new_from_slice(&km[8..]).unwrap();
        let mut h =
            reference_cbc_mac(&|b| d1.encrypt_block(b.try_into().unwrap()), &reference_pad(&data, 8, padding), 8);
        d2.decrypt_block(h.as_mut_slice().try_into().unwrap());
        d1.encrypt_block(h.as_mut_slice().try_into().unwrap());
        let got = generate(&k, &data, MacAlgorithm::Iso9797_3, padding, None).unwrap();
        assert_eq!(got.as_bytes(), &h[..], "retail MAC len {len} {padding}");
        // Algorithm 1 with TDES (3-key), AES-256 and SM4.
        let km = random(&mut r, 32);
        let tdes = des::TdesEde3::new_from_slice(&km[..24]).unwrap();
        let aes = aes::Aes256::new_from_slice(&km).unwrap();
        let sm4 = sm4::Sm4::new_from_slice(&km[..16]).unwrap();
        let refs: [(Algorithm, usize, usize, Enc<'_>); 3] = [
            (Algorithm::Tdes, 24, 8, &|b| tdes.encrypt_block(b.try_into().unwrap())),
            (Algorithm::Aes, 32, 16, &|b| aes.encrypt_block(b.try_into().unwrap())),
            (Algorithm::Sm4, 16, 16, &|b| sm4.encrypt_block(b.try_into().unwrap())),
        ];
        for (alg, klen, n, enc) in refs {
            let k = key(alg, KeyUsage::MacIso9797_1, &km[..klen]);
            let expected = reference_cbc_mac(enc, &reference_pad(&data, n, padding), n);
            let got = generate(&k, &data, MacAlgorithm::Iso9797_1, padding, None).unwrap();
            assert_eq!(got.as_bytes(), &expected[..], "{alg:?} CBC-MAC len {len} {padding}");
        }
    }
}

/// The UnionPay ECB MAC, written from the published step list (UnionPay POS terminal
/// specification, as restated in the module docs), over RustCrypto `des` and `sm4`.
fn reference_unionpay(enc: &dyn Fn(&mut [u8]), data: &[u8], n: usize) -> Vec<u8> {
    let mut x = vec![0u8; n];
    for block in data.chunks(n) {
        for (a, b) in x.iter_mut().zip(block) {
            *a ^= b;
        }
    }
    let hex1 = hex::encode_upper(&x).into_bytes();
    let mut first = hex1[..n].to_vec();
    enc(&mut first);
    for (f, l) in first.iter_mut().zip(&hex1[n..]) {
        *f ^= l;
    }
    enc(&mut first);
    hex::encode_upper(&first).into_bytes()
}

#[test]
fn unionpay_matches_reference() {
    let mut r = rng();
    for len in 0..=300 {
        let data = random(&mut r, len);
        let km = random(&mut r, 24);
        let des1 = des::Des::new_from_slice(&km[..8]).unwrap();
        let tdes = des::TdesEde2::new_from_slice(&km[..16]).unwrap();
        let sm4 = sm4::Sm4::new_from_slice(&km[..16]).unwrap();
        let cases: [(MacAlgorithm, Algorithm, usize, usize, Enc<'_>); 3] = [
            (MacAlgorithm::UnionPayEcb, Algorithm::Des, 8, 8, &|b| des1.encrypt_block(b.try_into().unwrap())),
            (MacAlgorithm::UnionPayEcb, Algorithm::Tdes, 16, 8, &|b| tdes.encrypt_block(b.try_into().unwrap())),
            (MacAlgorithm::UnionPayEcbSm4, Algorithm::Sm4, 16, 16, &|b| sm4.encrypt_block(b.try_into().unwrap())),
        ];
        for (algorithm, alg, klen, n, enc) in cases {
            let Ok(k) = Key::new(alg, KeyUsage::Mac, &km[..klen]) else { continue };
            let expected = reference_unionpay(enc, &data, n);
            let got = generate(&k, &data, algorithm, Padding::Method1, None).unwrap();
            assert_eq!(got.as_bytes(), &expected[..8], "{algorithm} {alg:?} len {len}");
            let long = generate(&k, &data, algorithm, Padding::Method1, Some(2 * n)).unwrap();
            assert_eq!(long.as_bytes(), &expected[..], "{algorithm} {alg:?} len {len}");
        }
    }
}

/// Streaming CMAC (pieces fed to `Mac`) equals the one-shot `BlockCipher::cmac` and
/// RustCrypto `cmac` over RustCrypto `aes` (an independent implementation).
#[test]
fn cmac_matches_rustcrypto_aes_cmac() {
    use ::cmac::Mac as _;
    let mut r = rng();
    for len in 0..=200 {
        let data = random(&mut r, len);
        let km = random(&mut r, 16);
        let mut reference = <::cmac::Cmac<aes::Aes128> as KeyInit>::new_from_slice(&km).unwrap();
        reference.update(&data);
        let expected = reference.finalize().into_bytes();
        let k = key(Algorithm::Aes, KeyUsage::MacCmac, &km);
        assert_eq!(generate(&k, &data, MacAlgorithm::Cmac, Padding::Method1, None).unwrap().as_bytes(), &expected[..]);
        let mut m = Mac::new(&k, MacAlgorithm::Cmac, Padding::Method1, None).unwrap();
        m.update(&data);
        m.verify(&expected).unwrap();
    }
}

#[test]
fn mac_value_basics() {
    let k = key(Algorithm::Tdes, KeyUsage::MacIso9797_3, &unhex(K2));
    let t = generate(&k, b"Now is the time for all ", MacAlgorithm::Iso9797_3, Padding::Method1, None).unwrap();
    assert_eq!(t.to_hex(), "A1C72E74EA3FA9B6");
    assert_eq!(alloc::format!("{t:?}"), "MacValue(A1C72E74EA3FA9B6)");
    assert!(!t.is_empty());
    assert_eq!(t.as_ref(), t.as_bytes());
    let debug = alloc::format!("{:?}", Mac::new(&k, MacAlgorithm::Iso9797_3, Padding::Method1, None).unwrap());
    assert!(!debug.contains("0123") && debug.contains("Iso9797_3"));
}
