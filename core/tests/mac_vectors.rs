//! Runs the published MAC known-answer vectors in `tests/vectors/mac.json` (each
//! names its source) through `posguard::mac`: one-shot generate, verify, the
//! streaming interface, and rejection of a MAC with its last bit flipped.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::unhex;

use posguard::mac::{self, Mac, MacAlgorithm, Padding};
use posguard::{Algorithm, Error, Key, KeyUsage};
use serde::Deserialize;

#[derive(Deserialize)]
struct MacFile {
    vectors: Vec<MacVector>,
}

#[derive(Deserialize)]
struct MacVector {
    name: String,
    source: String,
    algorithm: String,
    key_algorithm: String,
    key_usage: String,
    key: String,
    data: String,
    padding: u8,
    length: Option<usize>,
    mac: String,
}

#[test]
fn published_mac_vectors() {
    let file: MacFile = serde_json::from_str(include_str!("vectors/mac.json")).unwrap();
    assert!(file.vectors.len() >= 40);
    for v in &file.vectors {
        assert!(!v.source.is_empty(), "{}: no source", v.name);
        let algorithm: MacAlgorithm = v.algorithm.parse().unwrap();
        let key_algorithm: Algorithm = v.key_algorithm.parse().unwrap();
        let usage: KeyUsage = v.key_usage.parse().unwrap();
        let key = Key::new(key_algorithm, usage, &unhex(&v.key)).unwrap();
        let padding = Padding::try_from(v.padding).unwrap();
        let data = unhex(&v.data);
        let expected = unhex(&v.mac);
        assert_eq!(v.mac, v.mac.to_uppercase(), "{}: hex is upper-case", v.name);

        let got = mac::generate(&key, &data, algorithm, padding, v.length).unwrap();
        assert_eq!(got.to_hex(), v.mac, "{}", v.name);
        mac::verify(&key, &data, &expected, algorithm, padding).unwrap();

        let mut streaming = Mac::with_message_len(&key, algorithm, padding, v.length, data.len() as u64).unwrap();
        for chunk in data.chunks(5) {
            streaming.update(chunk);
        }
        assert_eq!(streaming.finalize().unwrap().as_bytes(), &expected[..], "{} (streaming)", v.name);

        let mut flipped = expected.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert_eq!(mac::verify(&key, &data, &flipped, algorithm, padding), Err(Error::MacMismatch), "{}", v.name);
    }
}
