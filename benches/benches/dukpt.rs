//! DUKPT benches. Targets (issue 3, one thread): TDES DUKPT full host path,
//! BDK -> PIN key -> format 0 PIN block, <= 2 µs at counter 1 and <= 5.5 µs at
//! a counter with 10 one-bits; AES DUKPT transaction (working) key <= 100 ns
//! with 1 one-bit and <= 1 µs with 16 one-bits in the counter.
//!
//! The AES working key is measured both from the device's initial key
//! (`derive_working_key`) and from the BDK (`derive_key`, which derives the
//! initial key first).

#![allow(missing_docs, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use posguard::dukpt::{aes, tdes};
use posguard::pin::{self, PinFormat};
use posguard::{Algorithm, KeyUsage};
use posguard_benches::{PAN, PIN, criterion, key, material, rng};

/// ANSI X9.24-1:2009 A.4: BDK, initial KSN, IPEK; KSNs of counter 1 and of
/// counter 0FFC00 (10 one-bits, the A.4.2 sequence's EFFC00).
const TDES_BDK: &str = "0123456789ABCDEFFEDCBA9876543210";
const TDES_INITIAL_KSN: &str = "FFFF9876543210E00000";
const TDES_IPEK: &str = "6AC292FAA1315B4D858AB3A3D7D5933A";
const TDES_KSN_1: &str = "FFFF9876543210E00001";
const TDES_KSN_10_BITS: &str = "FFFF9876543210EFFC00";

/// ANSI X9.24-3:2017 supplement: AES-128 BDK, initial key ID, initial key;
/// KSNs of counter 1 and of counter FFFF0000 (16 one-bits, the last valid one).
const AES_BDK: &str = "FEDCBA9876543210F1F1F1F1F1F1F1F1";
const AES_INITIAL_KEY_ID: &str = "1234567890123456";
const AES_INITIAL_KEY: &str = "1273671EA26AC29AFA4D1084127652A1";
const AES_KSN_1: &str = "123456789012345600000001";
const AES_KSN_16_BITS: &str = "1234567890123456FFFF0000";

/// BDK -> transaction PIN key -> ISO 9564-1 format 0 PIN block.
fn tdes_host_pin_block(c: &mut Criterion) {
    let mut group = c.benchmark_group("dukpt_tdes_host_pin_block");
    let bdk = key(Algorithm::Tdes, KeyUsage::Bdk, TDES_BDK);
    let mut rng = rng();
    for (name, ksn) in [("counter_1", TDES_KSN_1), ("counter_10_bits", TDES_KSN_10_BITS)] {
        let ksn = material(ksn);
        group.bench_function(name, |b| {
            b.iter(|| {
                let pin_key = tdes::derive_key(&bdk, black_box(&ksn), tdes::Usage::Pin).expect("derive");
                pin::encrypt(black_box(PIN), Some(PAN), &pin_key, PinFormat::Iso0, &mut rng).expect("encrypt")
            })
        });
    }
    // The key derivation alone, and from the IPEK (no A.6 step).
    let ipek = key(Algorithm::Tdes, KeyUsage::DukptInitialKey, TDES_IPEK);
    for (name, ksn) in [("counter_1", TDES_KSN_1), ("counter_10_bits", TDES_KSN_10_BITS)] {
        let ksn = material(ksn);
        group.bench_function(format!("key_only_{name}"), |b| {
            b.iter(|| tdes::derive_key(&bdk, black_box(&ksn), tdes::Usage::Pin).expect("derive"))
        });
        group.bench_function(format!("key_from_ipek_{name}"), |b| {
            b.iter(|| tdes::derive_key_from_ipek(&ipek, black_box(&ksn), tdes::Usage::Pin).expect("derive"))
        });
    }
    group.finish();
}

/// The device: `next()` (New Key: future key registers, counter advance),
/// and `next()` plus the transaction's PIN key. Averaged over the counter
/// range as it is walked; a device is reloaded when exhausted.
fn tdes_device(c: &mut Criterion) {
    let mut group = c.benchmark_group("dukpt_tdes_device");
    let ipek = key(Algorithm::Tdes, KeyUsage::DukptInitialKey, TDES_IPEK);
    let ksn = material(TDES_INITIAL_KSN);
    let new = || tdes::Device::new(&ipek, &ksn).expect("device");
    let mut device = new();
    group.bench_function("next", |b| {
        b.iter(|| match device.next() {
            Ok(t) => t,
            Err(_) => {
                device = new();
                device.next().expect("next")
            }
        })
    });
    let mut device = new();
    group.bench_function("next_pin_key", |b| {
        b.iter(|| {
            let t = match device.next() {
                Ok(t) => t,
                Err(_) => {
                    device = new();
                    device.next().expect("next")
                }
            };
            t.key(tdes::Usage::Pin).expect("key")
        })
    });
    group.finish();
}

/// AES-128 PIN working keys at counters with 1 and 16 one-bits.
fn aes_working_key(c: &mut Criterion) {
    let mut group = c.benchmark_group("dukpt_aes_working_key");
    let bdk = key(Algorithm::Aes, KeyUsage::Bdk, AES_BDK);
    let ik = key(Algorithm::Aes, KeyUsage::DukptInitialKey, AES_INITIAL_KEY);
    let (pin, aes128) = (aes::Usage::Pin, aes::KeyType::Aes128);
    for (name, ksn) in [("1_bit", AES_KSN_1), ("16_bits", AES_KSN_16_BITS)] {
        let ksn = material(ksn);
        group.bench_function(format!("from_initial_key_{name}"), |b| {
            b.iter(|| aes::derive_working_key(&ik, black_box(&ksn), pin, aes128).expect("derive"))
        });
        group.bench_function(format!("from_bdk_{name}"), |b| {
            b.iter(|| aes::derive_key(&bdk, black_box(&ksn), pin, aes128).expect("derive"))
        });
    }
    group.finish();
}

/// The device's initial key from the BDK, and the device's `next()` + PIN key.
fn aes_initial_key_and_device(c: &mut Criterion) {
    let bdk = key(Algorithm::Aes, KeyUsage::Bdk, AES_BDK);
    let id = material(AES_INITIAL_KEY_ID);
    c.bench_function("dukpt_aes_initial_key/aes128", |b| {
        b.iter(|| aes::derive_initial_key(&bdk, black_box(&id)).expect("derive"))
    });

    let ik = key(Algorithm::Aes, KeyUsage::DukptInitialKey, AES_INITIAL_KEY);
    let ksn = material(&format!("{AES_INITIAL_KEY_ID}00000000"));
    let new = || aes::Device::new(&ik, &ksn).expect("device");
    let mut device = new();
    c.bench_function("dukpt_aes_device/next_pin_key", |b| {
        b.iter(|| {
            let t = match device.next() {
                Ok(t) => t,
                Err(_) => {
                    device = new();
                    device.next().expect("next")
                }
            };
            t.key(aes::Usage::Pin, aes::KeyType::Aes128).expect("key")
        })
    });
}

criterion_group! {
    name = benches;
    config = criterion();
    targets = tdes_host_pin_block, tdes_device, aes_working_key, aes_initial_key_and_device
}
criterion_main!(benches);
