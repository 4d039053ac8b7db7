//! Runs the TDES DUKPT known answers of `tests/vectors/dukpt_tdes.json` (ANSI X9.24-1:2009
//! Annex A.4; each vector names its source) through the host side and the device side.
//! MACs and data ciphertexts are recomputed from the derived keys with RustCrypto `des`
//! (an implementation independent of posguard's), so they check the keys, not our MAC code.

#![allow(clippy::unwrap_used, clippy::panic, clippy::expect_used)]

mod common;

use common::unhex;

use des::cipher::{Array, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use posguard::dukpt::tdes::{self, Device, Usage};
use posguard::pin::{self, PinFormat};
use posguard::{Algorithm, Key, KeyUsage, ModeOfUse};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    source: String,
    bdk: String,
    ksn: String,
    ipek: String,
    transaction_key: Option<String>,
    pin_key: Option<String>,
    mac_request_key: Option<String>,
    pin: String,
    pan: String,
    encrypted_pin_block: String,
    message: Option<String>,
    mac_request: Option<String>,
    mac_response: Option<String>,
    data_request_ciphertext: Option<String>,
    data_response_ciphertext: Option<String>,
}

fn load() -> Vec<Vector> {
    let file: File = serde_json::from_str(include_str!("vectors/dukpt_tdes.json")).unwrap();
    assert!(file.vectors.len() >= 34);
    file.vectors
}

fn clear(k: &Key) -> Vec<u8> {
    k.export_clear().expose().to_vec()
}

/// ISO 9797-1 MAC algorithm 3 with padding method 1, full 8 bytes (RustCrypto `des`).
fn retail_mac(key: &[u8], message: &[u8]) -> Vec<u8> {
    let k1 = des::Des::new_from_slice(&key[..8]).unwrap();
    let k2 = des::Des::new_from_slice(&key[8..16]).unwrap();
    let mut state = Array::from([0u8; 8]);
    for chunk in message.chunks(8) {
        for (s, m) in state.iter_mut().zip(chunk) {
            *s ^= m;
        }
        k1.encrypt_block(&mut state);
    }
    k2.decrypt_block(&mut state);
    k1.encrypt_block(&mut state);
    state.to_vec()
}

/// TDES-CBC, IV zero, zero padding (RustCrypto `des`).
fn tdes_cbc(key: &[u8], message: &[u8]) -> Vec<u8> {
    let c = des::TdesEde2::new_from_slice(key).unwrap();
    let mut chain = Array::from([0u8; 8]);
    let mut out = Vec::new();
    for chunk in message.chunks(8) {
        for (s, m) in chain.iter_mut().zip(chunk) {
            *s ^= m;
        }
        c.encrypt_block(&mut chain);
        out.extend_from_slice(&chain);
    }
    out
}

#[test]
fn host_side_known_answers() {
    let mut rng = ChaCha20Rng::seed_from_u64(3);
    let (mut macs, mut data) = (0, 0);
    for v in load() {
        assert!(v.source.contains("X9.24-1") || v.source.contains("dukpt"), "{}", v.name);
        let bdk = Key::new(Algorithm::Tdes, KeyUsage::Bdk, &unhex(&v.bdk)).unwrap();
        let ksn = unhex(&v.ksn);
        let ipek = tdes::derive_ipek(&bdk, &ksn).unwrap();
        assert_eq!(clear(&ipek), unhex(&v.ipek), "{}", v.name);

        let pin_key = tdes::derive_key(&bdk, &ksn, Usage::Pin).unwrap();
        assert_eq!(pin_key, tdes::derive_key_from_ipek(&ipek, &ksn, Usage::Pin).unwrap());
        if let Some(expected) = &v.pin_key {
            assert_eq!(clear(&pin_key), unhex(expected), "{}", v.name);
        }
        if let Some(txn) = &v.transaction_key {
            // The PIN variant is the transaction key XOR 00000000000000FF on both halves.
            let mut k = clear(&pin_key);
            k[7] ^= 0xFF;
            k[15] ^= 0xFF;
            assert_eq!(k, unhex(txn), "{}", v.name);
        }
        let mac_req = tdes::derive_key(&bdk, &ksn, Usage::MacRequest).unwrap();
        assert_eq!((mac_req.usage(), mac_req.mode()), (KeyUsage::MacIso9797_3, ModeOfUse::Both));
        if let Some(expected) = &v.mac_request_key {
            assert_eq!(clear(&mac_req), unhex(expected), "{}", v.name);
        }

        // ISO 9564-1 format 0 is deterministic: the published encrypted PIN block.
        let block = pin::encrypt(&v.pin, Some(&v.pan), &pin_key, PinFormat::Iso0, &mut rng).unwrap();
        assert_eq!(block.as_bytes().to_vec(), unhex(&v.encrypted_pin_block), "{}", v.name);
        assert_eq!(pin::decrypt(block.as_bytes(), Some(&v.pan), &pin_key, PinFormat::Iso0).unwrap().as_str(), v.pin);

        if let Some(message) = &v.message {
            let message = unhex(message);
            for (usage, expected) in [(Usage::MacRequest, &v.mac_request), (Usage::MacResponse, &v.mac_response)] {
                let key = tdes::derive_key(&bdk, &ksn, usage).unwrap();
                assert_eq!(retail_mac(&clear(&key), &message), unhex(expected.as_ref().unwrap()), "{} {usage}", v.name);
                macs += 1;
            }
            for (usage, expected) in
                [(Usage::DataRequest, &v.data_request_ciphertext), (Usage::DataResponse, &v.data_response_ciphertext)]
            {
                let key = tdes::derive_key(&bdk, &ksn, usage).unwrap();
                assert_eq!((key.usage(), key.mode()), (KeyUsage::DataEncryption, ModeOfUse::BothEncDec));
                assert_eq!(tdes_cbc(&clear(&key), &message), unhex(expected.as_ref().unwrap()), "{} {usage}", v.name);
                data += 1;
            }
        }
    }
    assert!(macs >= 10 && data >= 10);
}

/// The device, loaded with the annex's initial key and KSN, produces the A.4.2 initial
/// sequence; resumed at the first rollover KSN it produces the A.4.3 rollover sequence
/// (including the skips over counters with more than 10 one-bits).
#[test]
fn device_side_known_answers() {
    let vectors = load();
    let ipek = Key::new(Algorithm::Tdes, KeyUsage::DukptInitialKey, &unhex(&vectors[0].ipek)).unwrap();
    let annex: Vec<&Vector> = vectors.iter().filter(|v| v.transaction_key.is_some()).collect();
    let (initial, rollover): (Vec<&Vector>, Vec<&Vector>) =
        annex.iter().partition(|v| v.ksn.starts_with("FFFF9876543210E000"));
    assert_eq!((initial.len(), rollover.len()), (21, 13));

    let mut rng = ChaCha20Rng::seed_from_u64(4);
    let mut check = |device: &mut Device, expected: &[&Vector]| {
        for v in expected {
            assert_eq!(hex::encode_upper(device.ksn()), v.ksn);
            let t = device.next().unwrap();
            assert_eq!(hex::encode_upper(t.ksn()), v.ksn);
            let pin_key = t.key(Usage::Pin).unwrap();
            assert_eq!(clear(&pin_key), unhex(v.pin_key.as_ref().unwrap()), "{}", v.name);
            let block = pin::encrypt(&v.pin, Some(&v.pan), &pin_key, PinFormat::Iso0, &mut rng).unwrap();
            assert_eq!(block.as_bytes().to_vec(), unhex(&v.encrypted_pin_block), "{}", v.name);
            // A MAC key is refused where a PIN key is expected.
            assert!(
                pin::encrypt(&v.pin, Some(&v.pan), &t.key(Usage::MacRequest).unwrap(), PinFormat::Iso0, &mut rng)
                    .is_err()
            );
        }
    };

    let mut device = Device::new(&ipek, &unhex("FFFF9876543210E00000")).unwrap();
    check(&mut device, &initial);
    let mut device = Device::new(&ipek, &unhex(&rollover[0].ksn)).unwrap();
    let saved = device.save();
    device = Device::restore(&saved).unwrap();
    check(&mut device, &rollover);
}
