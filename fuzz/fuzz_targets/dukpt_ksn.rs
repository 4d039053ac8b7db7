//! DUKPT KSN parsing, derivation and device state must be total: any KSN
//! (any length, any counter), any usage and key type, any saved state give a
//! key, a device or an error, never a panic. What succeeds is consistent: the
//! host side from the BDK and from the initial key agree, a device agrees
//! with the host on its transactions, and a restored state saves back to the
//! same bytes.
//!
//! Saved states carry a CRC-32, which random bytes almost never match; the
//! `*_state_edit` inputs change bytes of a real saved state and fix the CRC
//! up, so the fuzzer reaches the field checks behind it.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use posguard::dukpt::{aes, tdes};
use posguard::{Algorithm, Key, KeyUsage};

/// ANSI X9.24-1:2009 A.4 BDK and the X9.24-3:2017 supplement's AES-128 BDK.
const TDES_BDK: [u8; 16] = *b"\x01\x23\x45\x67\x89\xAB\xCD\xEF\xFE\xDC\xBA\x98\x76\x54\x32\x10";
const AES_BDK: [u8; 16] = *b"\xFE\xDC\xBA\x98\x76\x54\x32\x10\xF1\xF1\xF1\xF1\xF1\xF1\xF1\xF1";

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    raw_ksn: &'a [u8],
    tdes_ksn: [u8; tdes::KSN_LEN],
    aes_ksn: [u8; aes::KSN_LEN],
    usage: u8,
    key_type: u8,
    name: &'a str,
    steps: u8,
    state: &'a [u8],
    edits: Vec<(u16, u8)>,
}

/// CRC-32 (IEEE 802.3, reflected, as zlib): the saved states' trailer.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// `state` with `edits` applied to its body and the CRC recomputed.
fn edited(state: &[u8], edits: &[(u16, u8)]) -> Vec<u8> {
    let mut body = state[..state.len().saturating_sub(4)].to_vec();
    for &(at, value) in edits.iter().take(8) {
        if body.is_empty() {
            break;
        }
        let i = usize::from(at) % body.len();
        body[i] = value;
    }
    let crc = crc32(&body);
    body.extend_from_slice(&crc.to_be_bytes());
    body
}

fn tdes_side(input: &Input<'_>, bdk: &Key) {
    let usage = tdes::Usage::ALL[usize::from(input.usage) % tdes::Usage::ALL.len()];
    let _ = input.name.parse::<tdes::Usage>();
    for ksn in [input.raw_ksn, &input.tdes_ksn[..]] {
        let ipek = tdes::derive_ipek(bdk, ksn);
        let key = tdes::derive_key(bdk, ksn, usage);
        if let Ok(key) = &key {
            let ipek = ipek.as_ref().expect("a KSN that derives a key derives an IPEK");
            let again = tdes::derive_key_from_ipek(ipek, ksn, usage).expect("same KSN from the IPEK");
            assert_eq!(key.export_clear(), again.export_clear());
        }
        let Ok(ipek) = ipek else { continue };
        // A device resumed at this KSN agrees with the host.
        let Ok(mut device) = tdes::Device::new(&ipek, ksn) else { continue };
        for _ in 0..input.steps % 8 {
            let before = device.remaining();
            match device.next() {
                Ok(t) => {
                    let host = tdes::derive_key_from_ipek(&ipek, &t.ksn(), usage).expect("host key");
                    assert_eq!(t.key(usage).expect("device key").export_clear(), host.export_clear());
                    assert_eq!(device.remaining() + 1, before);
                }
                Err(_) => assert_eq!(before, 0),
            }
        }
        let state = device.save();
        let restored = tdes::Device::restore(&state).expect("a saved state restores");
        assert_eq!((restored.ksn(), restored.remaining()), (device.ksn(), device.remaining()));
        let state = edited(&state, &input.edits);
        if let Ok(d) = tdes::Device::restore(&state) {
            assert_eq!(&d.save()[..], &state[..]);
        }
    }
    if let Ok(d) = tdes::Device::restore(input.state) {
        assert_eq!(&d.save()[..], input.state);
    }
}

fn aes_side(input: &Input<'_>, bdk: &Key) {
    let usage = aes::Usage::ALL[usize::from(input.usage) % aes::Usage::ALL.len()];
    let key_type = aes::KeyType::ALL[usize::from(input.key_type) % aes::KeyType::ALL.len()];
    let _ = input.name.parse::<aes::Usage>();
    let _ = input.name.parse::<aes::KeyType>();
    for ksn in [input.raw_ksn, &input.aes_ksn[..]] {
        let id = ksn.get(..aes::INITIAL_KEY_ID_LEN).unwrap_or(ksn);
        let ik = aes::derive_initial_key(bdk, id);
        let _ = aes::derive_initial_key(bdk, ksn);
        let key = aes::derive_key(bdk, ksn, usage, key_type);
        if let Ok(ik) = &ik {
            let device_key = aes::derive_working_key(ik, ksn, usage, key_type);
            assert_eq!(key.is_ok(), device_key.is_ok(), "{key:?} {device_key:?}");
            if let (Ok(host), Ok(device)) = (&key, &device_key) {
                assert_eq!(host.export_clear(), device.export_clear());
            }
            let _ = aes::derive_update_key(ik, id, key_type);
        }
        let Ok(ik) = ik else { continue };
        let Ok(mut device) = aes::Device::new(&ik, ksn) else { continue };
        for _ in 0..input.steps % 8 {
            let before = device.remaining();
            match device.next() {
                Ok(t) => {
                    let host = aes::derive_working_key(&ik, &t.ksn(), usage, key_type);
                    let mine = t.key(usage, key_type);
                    assert_eq!(host.is_ok(), mine.is_ok());
                    if let (Ok(host), Ok(mine)) = (host, mine) {
                        assert_eq!(host.export_clear(), mine.export_clear());
                    }
                    assert_eq!(device.remaining() + 1, before);
                }
                Err(_) => assert_eq!(before, 0),
            }
        }
        let state = device.save();
        let restored = aes::Device::restore(&state).expect("a saved state restores");
        assert_eq!((restored.ksn(), restored.remaining()), (device.ksn(), device.remaining()));
        let state = edited(&state, &input.edits);
        if let Ok(d) = aes::Device::restore(&state) {
            assert_eq!(&d.save()[..], &state[..]);
        }
    }
    if let Ok(d) = aes::Device::restore(input.state) {
        assert_eq!(&d.save()[..], input.state);
    }
}

fuzz_target!(|input: Input<'_>| {
    let tdes_bdk = Key::new(Algorithm::Tdes, KeyUsage::Bdk, &TDES_BDK).expect("fixed TDES BDK");
    let aes_bdk = Key::new(Algorithm::Aes, KeyUsage::Bdk, &AES_BDK).expect("fixed AES BDK");
    tdes_side(&input, &tdes_bdk);
    aes_side(&input, &aes_bdk);
});
