//! Runs the published known-answer vectors in `tests/vectors/*.json` (each
//! vector names its source) through the Rust API. The same files are run from
//! C, Kotlin and Python.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{Replay, unhex};

use posguard::pin::{self, PinFormat};
use posguard::{Algorithm, CheckValueMethod, Key, KeyUsage};
use serde::Deserialize;

#[derive(Deserialize)]
struct PinFile {
    vectors: Vec<PinVector>,
}

#[derive(Deserialize)]
struct PinVector {
    name: String,
    format: String,
    pin: String,
    pan: Option<String>,
    key_algorithm: String,
    key: Option<String>,
    clear_block: Option<String>,
    encrypted_block: Option<String>,
}

#[derive(Deserialize)]
struct KcvFile {
    vectors: Vec<KcvVector>,
}

#[derive(Deserialize)]
struct KcvVector {
    name: String,
    key_algorithm: String,
    key: String,
    method: String,
    kcv: String,
}

#[test]
fn pin_vectors() {
    let file: PinFile = serde_json::from_str(include_str!("vectors/pin.json")).unwrap();
    assert!(file.vectors.len() >= 20);
    for v in &file.vectors {
        let format: PinFormat = v.format.parse().unwrap();
        let pan = v.pan.as_deref();
        if let Some(clear) = &v.clear_block {
            let decoded = pin::decode(&unhex(clear), pan, format).unwrap_or_else(|e| panic!("{}: {e}", v.name));
            assert_eq!(decoded.as_str(), v.pin, "{}", v.name);
            if matches!(format, PinFormat::Iso0 | PinFormat::Iso2 | PinFormat::Sm4) {
                let encoded = pin::encode(&v.pin, pan, format, &mut Replay(vec![])).unwrap();
                assert_eq!(hex::encode_upper(encoded.expose()), *clear, "{}", v.name);
            }
        }
        let (Some(key), Some(encrypted)) = (&v.key, &v.encrypted_block) else { continue };
        let alg: Algorithm = v.key_algorithm.parse().unwrap();
        let key = Key::new(alg, KeyUsage::PinEncryption, &unhex(key)).unwrap();
        let decrypted =
            pin::decrypt(&unhex(encrypted), pan, &key, format).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(decrypted.as_str(), v.pin, "{}", v.name);
        let fill = match (format, &v.clear_block) {
            (PinFormat::Iso4, Some(clear)) => unhex(clear)[8..].to_vec(),
            (PinFormat::Iso0 | PinFormat::Iso2 | PinFormat::Sm4, _) => vec![],
            _ => continue,
        };
        let block = pin::encrypt(&v.pin, pan, &key, format, &mut Replay(fill)).unwrap();
        assert_eq!(hex::encode_upper(block.as_bytes()), *encrypted, "{}", v.name);
    }
}

#[test]
fn kcv_vectors() {
    let file: KcvFile = serde_json::from_str(include_str!("vectors/kcv.json")).unwrap();
    assert!(file.vectors.len() >= 8);
    for v in &file.vectors {
        let alg: Algorithm = v.key_algorithm.parse().unwrap();
        let usage = if alg == Algorithm::Des { KeyUsage::MacIso9797_1 } else { KeyUsage::KeyEncryption };
        let key = Key::new(alg, usage, &unhex(&v.key)).unwrap();
        let method = match v.method.as_str() {
            "zero_block" => CheckValueMethod::ZeroBlock,
            "cmac" => CheckValueMethod::Cmac,
            other => panic!("{}: unknown method {other}", v.name),
        };
        let expected = unhex(&v.kcv);
        let kcv = key.check_value_with(method, expected.len()).unwrap();
        assert_eq!(kcv.as_bytes(), expected.as_slice(), "{}", v.name);
        key.verify_check_value(method, &expected).unwrap();
        if method == CheckValueMethod::default_for(alg) && expected.len() >= 3 {
            assert_eq!(key.check_value().unwrap().as_bytes(), &expected[..3], "{}", v.name);
        }
    }
}

#[derive(Deserialize)]
struct TlvFile {
    vectors: Vec<TlvVector>,
}

#[derive(Deserialize)]
struct TlvVector {
    name: String,
    hex: String,
    strict_ok: bool,
    tags: Vec<String>,
    expect: std::collections::BTreeMap<String, String>,
}

/// Real card and terminal data from public sources (each vector names its source).
#[test]
fn tlv_vectors() {
    use posguard::tlv::{self, Options, Tag};
    fn preorder(it: tlv::Iter<'_>, out: &mut Vec<String>) {
        for t in it {
            let t = t.unwrap();
            out.push(t.tag().to_string());
            preorder(t.children(), out);
        }
    }
    let file: TlvFile = serde_json::from_str(include_str!("vectors/tlv.json")).unwrap();
    assert!(file.vectors.len() >= 20);
    for v in &file.vectors {
        let data = unhex(&v.hex);
        let opts = if v.strict_ok { Options::strict() } else { Options::lenient() };
        let tree = tlv::parse(&data, opts).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(tlv::encode(&tree).unwrap(), data, "{}: re-encoding differs", v.name);
        let mut tags = Vec::new();
        preorder(tlv::iter(&data, opts), &mut tags);
        assert_eq!(tags, v.tags, "{}", v.name);
        for (tag, value) in &v.expect {
            let tag: Tag = tag.parse().unwrap();
            let found = tlv::find(&data, tag, opts).unwrap().unwrap_or_else(|| panic!("{}: {tag} missing", v.name));
            assert_eq!(hex::encode_upper(found.value()), *value, "{}: {tag}", v.name);
        }
    }
}
