//! Runs the AES DUKPT known-answer vectors in `tests/vectors/dukpt_aes.json`
//! (ANSI X9.24-3-2017 supplement; each vector names its source) through the
//! Rust API. The same file is run from C, Kotlin and Python.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{Replay, unhex};

use posguard::dukpt::aes::{self, KeyType, Usage};
use posguard::pin::{self, PinFormat};
use posguard::{Algorithm, Key, KeyUsage};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    source: String,
    kind: String,
    bdk: String,
    initial_key_id: String,
    initial_key: Option<String>,
    ksn: Option<String>,
    usage: Option<String>,
    key_type: String,
    key: String,
    pin: Option<String>,
    pan: Option<String>,
    pin_field: Option<String>,
    encrypted_pin_block: Option<String>,
}

fn hex_of(key: &Key) -> String {
    hex::encode_upper(key.export_clear().expose())
}

fn load() -> File {
    serde_json::from_str(include_str!("vectors/dukpt_aes.json")).unwrap()
}

#[test]
fn aes_dukpt_vectors() {
    let file = load();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for v in &file.vectors {
        assert!(!v.source.is_empty(), "{}: no source", v.name);
        *counts.entry(v.kind.as_str()).or_default() += 1;
        let bdk = Key::new(Algorithm::Aes, KeyUsage::Bdk, &unhex(&v.bdk)).unwrap();
        let ikid = unhex(&v.initial_key_id);
        let ik = aes::derive_initial_key(&bdk, &ikid).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        if let Some(expected) = &v.initial_key {
            assert_eq!(hex_of(&ik), *expected, "{}: initial key", v.name);
        }
        assert_eq!((ik.algorithm(), ik.usage()), (Algorithm::Aes, KeyUsage::DukptInitialKey), "{}", v.name);
        let key_type: KeyType = v.key_type.parse().unwrap();
        match v.kind.as_str() {
            "initial_key" => assert_eq!(hex_of(&ik), v.key, "{}", v.name),
            // Intermediate derivation keys have no public API: checked by the unit tests in src/dukpt/aes.rs.
            "derivation_key" => {}
            "working_key" | "pin_block" => {
                let ksn = unhex(v.ksn.as_deref().unwrap());
                let usage: Usage = v.usage.as_deref().unwrap().parse().unwrap();
                let host = aes::derive_key(&bdk, &ksn, usage, key_type).unwrap_or_else(|e| panic!("{}: {e}", v.name));
                assert_eq!(hex_of(&host), v.key, "{}: from BDK", v.name);
                let from_ik = aes::derive_working_key(&ik, &ksn, usage, key_type).unwrap();
                // Same key; the device's copy (from the initial key) has the device's mode of use.
                assert_eq!(hex_of(&from_ik), v.key, "{}: from initial key", v.name);
                assert_eq!(from_ik.usage(), host.usage(), "{}", v.name);
                assert_eq!(host.algorithm(), key_type.algorithm(), "{}", v.name);
                if v.kind == "pin_block" {
                    check_pin_block(v, &host);
                }
            }
            "update_key" => {
                let key = aes::derive_update_key(&ik, &ikid, key_type).unwrap_or_else(|e| panic!("{}: {e}", v.name));
                assert_eq!(hex_of(&key), v.key, "{}", v.name);
                assert_eq!(key.usage(), KeyUsage::KeyEncryption, "{}", v.name);
            }
            other => panic!("{}: unknown kind {other}", v.name),
        }
    }
    assert!(counts["initial_key"] >= 2 && counts["update_key"] >= 5 && counts["pin_block"] >= 2, "{counts:?}");
    assert!(counts["working_key"] >= 40 && counts["derivation_key"] >= 30, "{counts:?}");
}

fn check_pin_block(v: &Vector, key: &Key) {
    let pin_text = v.pin.as_deref().unwrap();
    let pan = v.pan.as_deref();
    let field = unhex(v.pin_field.as_deref().unwrap());
    let expected = v.encrypted_pin_block.as_deref().unwrap();
    let block = pin::encrypt(pin_text, pan, key, PinFormat::Iso4, &mut Replay(field[8..].to_vec())).unwrap();
    assert_eq!(hex::encode_upper(block.as_bytes()), expected, "{}", v.name);
    let clear = pin::decrypt(&unhex(expected), pan, key, PinFormat::Iso4).unwrap();
    assert_eq!(clear.as_str(), pin_text, "{}", v.name);
}

/// The device side reaches the same published keys: a device loaded with the
/// published initial key gives, for each counter of the supplement's first
/// eight KSNs, the published working keys.
#[test]
fn device_reproduces_published_working_keys() {
    let file = load();
    let ik_hex = "1273671EA26AC29AFA4D1084127652A1";
    let ik =
        Key::with_mode(Algorithm::Aes, KeyUsage::DukptInitialKey, posguard::ModeOfUse::Derive, &unhex(ik_hex)).unwrap();
    let mut device = aes::Device::new(&ik, &unhex("123456789012345600000000")).unwrap();
    let mut checked = 0;
    for counter in 1..=8u32 {
        let tx = device.next().unwrap();
        assert_eq!(tx.counter(), counter);
        let ksn = hex::encode_upper(tx.ksn());
        for v in file.vectors.iter().filter(|v| {
            v.kind == "working_key"
                && v.initial_key.as_deref() == Some(ik_hex)
                && v.ksn.as_deref() == Some(ksn.as_str())
        }) {
            let usage: Usage = v.usage.as_deref().unwrap().parse().unwrap();
            let key_type: KeyType = v.key_type.parse().unwrap();
            assert_eq!(hex_of(&tx.key(usage, key_type).unwrap()), v.key, "{}: device", v.name);
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked}");
}
