//! Runs the published TR-31 / ANSI X9.143 / ISO 20038 key block vectors in
//! `tests/vectors/tr31.json` (each names its source) through the Rust API.
//! The same file is run from C, Kotlin and Python.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::Replay;

use posguard::tr31::{self, OptionalBlock, UnwrapOptions, WrapOptions};
use posguard::{Algorithm, Key, KeyUsage, ModeOfUse};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    name: String,
    source: String,
    version: String,
    kbpk_algorithm: String,
    kbpk: String,
    block: String,
    strict: bool,
    allow_version_a: bool,
    key: Option<String>,
    usage: Option<String>,
    algorithm: Option<String>,
    mode: Option<String>,
    key_version: Option<String>,
    exportability: Option<String>,
    #[serde(default)]
    optional_blocks: Vec<String>,
    pad: Option<String>,
    mask_key_length: Option<bool>,
    error_code: Option<u32>,
}

fn load() -> Vec<Vector> {
    let file: File = serde_json::from_str(include_str!("vectors/tr31.json")).unwrap();
    assert!(file.vectors.len() >= 10);
    file.vectors
}

fn kbpk(v: &Vector) -> Key {
    let alg: Algorithm = v.kbpk_algorithm.parse().unwrap();
    Key::new(alg, KeyUsage::KeyBlockProtection, &hex::decode(&v.kbpk).unwrap()).unwrap()
}

#[test]
fn published_key_blocks_unwrap() {
    for v in load() {
        let ctx = format!("{} ({})", v.name, v.source);
        let kbpk = kbpk(&v);
        let options = UnwrapOptions { strict: v.strict, allow_version_a: v.allow_version_a };
        let result = tr31::unwrap(&kbpk, &v.block, &options);
        if let Some(code) = v.error_code {
            assert_eq!(result.unwrap_err().code(), code, "{ctx}");
            continue;
        }
        let key = result.unwrap_or_else(|e| panic!("{ctx}: {e}"));
        assert_eq!(hex::encode_upper(key.export_clear().expose()), v.key.clone().unwrap(), "{ctx}");
        assert_eq!(key.usage().code(), v.usage.as_deref().unwrap(), "{ctx}");
        assert_eq!(key.algorithm().name(), v.algorithm.as_deref().unwrap(), "{ctx}");
        assert_eq!(key.mode().code().to_string(), v.mode.clone().unwrap(), "{ctx}");

        let header = tr31::inspect(&v.block).unwrap();
        assert_eq!(header.version.code().to_string(), v.version, "{ctx}");
        assert_eq!(header.length, v.block.len());
        assert_eq!(header.usage, key.usage());
        assert_eq!(header.algorithm, key.algorithm());
        assert_eq!(header.mode, key.mode());
        assert_eq!(header.key_version, v.key_version.clone().unwrap(), "{ctx}");
        assert_eq!(header.exportability.code().to_string(), v.exportability.clone().unwrap(), "{ctx}");
        let blocks: Vec<String> = header.optional_blocks.iter().map(|b| format!("{}{}", b.id, b.data)).collect();
        assert_eq!(blocks, v.optional_blocks, "{ctx}");

        // A strict-only vector fails nowhere in lenient mode either.
        let lenient = tr31::unwrap(&kbpk, &v.block, &UnwrapOptions { strict: false, ..options }).unwrap();
        assert_eq!(lenient, key, "{ctx}");
        // Version A needs the legacy option.
        if v.version == "A" {
            assert_eq!(tr31::unwrap(&kbpk, &v.block, &UnwrapOptions::lenient()).unwrap_err().code(), 51);
        }
    }
}

#[test]
fn published_key_blocks_wrap_with_published_padding() {
    let mut n = 0;
    for v in load().into_iter().filter(|v| v.pad.is_some()) {
        let kbpk = kbpk(&v);
        let usage: KeyUsage = v.usage.as_deref().unwrap().parse().unwrap();
        let mode: ModeOfUse = v.mode.as_deref().unwrap().parse().unwrap();
        let alg: Algorithm = v.algorithm.as_deref().unwrap().parse().unwrap();
        let key = Key::with_mode(alg, usage, mode, &hex::decode(v.key.as_deref().unwrap()).unwrap()).unwrap();
        let options = WrapOptions {
            version: v.version.parse().unwrap(),
            key_version: v.key_version.clone().unwrap(),
            exportability: v.exportability.as_deref().unwrap().parse().unwrap(),
            optional_blocks: v
                .optional_blocks
                .iter()
                .filter(|b| !b.starts_with("PB"))
                .map(|b| OptionalBlock::new(&b[..2], &b[2..]))
                .collect(),
            mask_key_length: v.mask_key_length.unwrap(),
        };
        let mut rng = Replay(hex::decode(v.pad.as_deref().unwrap()).unwrap());
        assert_eq!(tr31::wrap(&kbpk, &key, &options, &mut rng).unwrap(), v.block, "{}", v.name);
        n += 1;
    }
    assert!(n >= 2);
}
