//! `posguard mac` on the published vectors of core/tests/vectors/mac.json
//! (ISO/IEC 9797-1 Annex B, ANSI X9.9/X9.19, NIST SP 800-38B, GB/T 15852.1,
//! RFC 4231/4868; each vector names its source) and `posguard data` on NIST
//! SP 800-38A and GB/T 32907 examples; bad input of both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json, ok, run, run_with_stdin, vectors};
use serde_json::Value;

const MAC_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/mac.json"));

/// The retail MAC example of ISO/IEC 9797-1 Annex B / ANSI X9.19: K || K' and "Now is the time for all ".
const RETAIL_KEY: &str = "0123456789ABCDEFFEDCBA9876543210";
const NOW_IS_THE_TIME: &str = "4E6F77206973207468652074696D6520666F7220616C6C20";

fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap()
}

/// The JSON error object of a command that must fail with exit code `code` and no output.
fn json_error(args: &[&str], code: i32) -> Value {
    let out = run(&[args, &["--json"][..]].concat());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    serde_json::from_str::<Value>(&stderr).unwrap()["error"].clone()
}

#[test]
fn published_macs_generate_and_verify() {
    let all = vectors(MAC_VECTORS);
    assert!(all.len() >= 40);
    for v in &all {
        let name = s(v, "name");
        let padding = v["padding"].as_u64().unwrap().to_string();
        let (key, data, mac) = (s(v, "key"), s(v, "data"), s(v, "mac"));
        // An empty message is an empty hex argument, or `-` with nothing on stdin.
        let data = if data.is_empty() { "-" } else { data };
        let mut common = vec!["--key", key, "--key-algorithm", s(v, "key_algorithm"), "--key-usage", s(v, "key_usage")];
        common.extend(["--algorithm", s(v, "algorithm"), "--padding", &padding, data]);

        let mut generate = [&["mac", "generate"][..], &common].concat();
        let length = v["length"].as_u64().map(|n| n.to_string());
        if let Some(length) = &length {
            generate.extend(["--length", length]);
        }
        assert_eq!(ok(&generate), mac, "{name}");
        assert_eq!(json(&generate)["mac"], mac, "{name}");

        let verify = [&["mac", "verify", "--mac", mac][..], &common].concat();
        assert_eq!(json(&verify)["verified"], true, "{name}");
        // One flipped bit of the MAC: an integrity error that never shows the right value.
        let mut flipped = hex::decode(mac).unwrap();
        flipped[0] ^= 0x01;
        let flipped = hex::encode_upper(flipped);
        let verify = [&["mac", "verify", "--mac", &flipped][..], &common].concat();
        let error = json_error(&verify, 1);
        assert_eq!((error["code"].as_u64(), error["kind"].as_str()), (Some(20), Some("integrity")), "{name}");
        assert!(!error.to_string().contains(mac), "{name}");
    }
}

#[test]
fn mac_defaults_stdin_and_unionpay_text() {
    // ISO 9797-1 Annex B / X9.19: algorithm 3, padding 1 -> A1C72E74EA3FA9B6; the key algorithm
    // (tdes) and usage (M3) are the algorithm's defaults, the data comes from stdin in pieces.
    let out = run_with_stdin(
        &["mac", "generate", "--key", RETAIL_KEY, "--algorithm", "retail", "-"],
        &format!("{}\n{}\n", &NOW_IS_THE_TIME[..20], &NOW_IS_THE_TIME[20..]),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "A1C72E74EA3FA9B6");
    assert_eq!(
        ok(&["mac", "generate", "--key", RETAIL_KEY, "--algorithm", "iso9797_3", "--length", "4", NOW_IS_THE_TIME]),
        "A1C72E74"
    );

    // UnionPay: the MAC is 8 hex characters; --mac takes their hex, --mac-text the characters.
    let args = ["mac", "generate", "--key", RETAIL_KEY, "--algorithm", "unionpay_ecb", NOW_IS_THE_TIME];
    let out = json(&args);
    let (hex_mac, text) = (s(&out, "mac"), s(&out, "mac_text"));
    assert_eq!(hex::decode(hex_mac).unwrap(), text.as_bytes());
    assert!(text.len() == 8 && text.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase()), "{text}");
    let verify = ["mac", "verify", "--key", RETAIL_KEY, "--algorithm", "unionpay_ecb", NOW_IS_THE_TIME];
    assert_eq!(ok(&[&verify[..], &["--mac-text", text]].concat()), "MAC verified");
    assert_eq!(ok(&[&verify[..], &["--mac", hex_mac]].concat()), "MAC verified");
    // The XOR fold's documented weakness: swapping two 8-byte blocks keeps the MAC.
    let swapped = format!("{}{}{}", &NOW_IS_THE_TIME[16..32], &NOW_IS_THE_TIME[..16], &NOW_IS_THE_TIME[32..]);
    let verify = ["mac", "verify", "--key", RETAIL_KEY, "--algorithm", "unionpay_ecb", "--mac-text", text, &swapped];
    assert_eq!(ok(&verify), "MAC verified");
}

#[test]
fn bad_mac_input_is_a_typed_error() {
    let aes = "2B7E151628AED2A6ABF7158809CF4F3C";
    let gen_ = |extra: &[&'static str]| -> Vec<&'static str> {
        [&["mac", "generate", "--key", RETAIL_KEY][..], extra, &[NOW_IS_THE_TIME]].concat()
    };
    // (arguments, exit code, error code (0: command line), a word the message must contain)
    let cases: Vec<(Vec<&str>, i32, u64, &str)> = vec![
        (gen_(&["--algorithm", "iso9797_3", "--length", "9"]), 1, 14, "length"),
        (gen_(&["--algorithm", "iso9797_3", "--length", "3"]), 1, 14, "length"),
        (gen_(&["--algorithm", "cmac", "--key-algorithm", "tdes", "--padding", "2"]), 1, 16, "padding"),
        (gen_(&["--algorithm", "iso9797_3", "--padding", "4"]), 2, 0, "padding"),
        (gen_(&["--algorithm", "iso9797_3", "--key-algorithm", "aes"]), 1, 4, "TDES"),
        (gen_(&["--algorithm", "cmac", "--key-algorithm", "tdes", "--key-usage", "M3"]), 1, 3, "key usage"),
        (gen_(&["--algorithm", "cmac", "--key-algorithm", "tdes", "--key-usage", "P0"]), 1, 3, "key usage"),
        (gen_(&["--algorithm", "cmac"]), 2, 0, "--key-algorithm"),
        (gen_(&["--algorithm", "sha1"]), 2, 0, "unknown MAC algorithm"),
        (vec!["mac", "generate", "--key", aes, "--key-algorithm", "aes", "--algorithm", "cmac", "0G"], 2, 0, "hex"),
        (
            vec!["mac", "verify", "--key", RETAIL_KEY, "--algorithm", "retail", "--mac", "A1C7", NOW_IS_THE_TIME],
            1,
            14,
            "length",
        ),
        (vec!["mac", "verify", "--key", RETAIL_KEY, "--algorithm", "retail", NOW_IS_THE_TIME], 2, 0, "--mac"),
    ];
    for (args, code, error_code, needle) in &cases {
        let error = json_error(args, *code);
        assert!(s(&error, "message").contains(needle), "{args:?}: {error}");
        assert!(!error.to_string().contains(&RETAIL_KEY[..16]), "{args:?} echoed the key: {error}");
        if *error_code != 0 {
            assert_eq!(error["code"], *error_code, "{args:?}: {error}");
        }
    }
}

#[test]
fn data_of_published_examples() {
    // NIST SP 800-38A F.1.1 (ECB-AES128) and F.2.1 (CBC-AES128), first two blocks.
    let key = "2B7E151628AED2A6ABF7158809CF4F3C";
    let plain = "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51";
    let iv = "000102030405060708090A0B0C0D0E0F";
    let cbc = "7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2";
    let ecb = "3AD77BB40D7A3660A89ECAF32466EF97F5D3D58503B9699DE785895A96FDBAAF";
    let aes = ["--key", key, "--key-algorithm", "aes"];
    assert_eq!(ok(&[&["data", "encrypt"][..], &aes, &["--iv", iv, plain]].concat()), cbc);
    assert_eq!(ok(&[&["data", "decrypt"][..], &aes, &["--iv", iv, cbc]].concat()), plain);
    assert_eq!(ok(&[&["data", "encrypt"][..], &aes, &["--mode", "ecb", plain]].concat()), ecb);
    let out = json(&[&["data", "decrypt"][..], &aes, &["--mode", "ECB", &ecb.to_lowercase()]].concat());
    assert_eq!((s(&out, "data"), s(&out, "mode"), s(&out, "padding")), (plain, "ecb", "none"));

    // GB/T 32907-2016 Appendix A example 1: SM4, one block, key = plaintext.
    let sm4 = "0123456789ABCDEFFEDCBA9876543210";
    let args = ["data", "encrypt", "--key", sm4, "--key-algorithm", "sm4", "--mode", "ecb", sm4];
    assert_eq!(ok(&args), "681EDF34D206965E86B3E94F536E4246");

    // ISO 9797-1 method 2 padding is added and removed; zeros are kept.
    for (padding, back) in [("iso9797_2", "0A0B0C"), ("zeros", "0A0B0C0000000000")] {
        let tdes = ["--key", RETAIL_KEY, "--key-algorithm", "tdes", "--padding", padding];
        let ct = ok(&[&["data", "encrypt"][..], &tdes, &["0A0B0C"]].concat());
        assert_eq!(ct.len(), 16);
        assert_eq!(ok(&[&["data", "decrypt"][..], &tdes, &[&ct]].concat()), back);
    }
}

#[test]
fn bad_data_input_is_a_typed_error() {
    let aes = "2B7E151628AED2A6ABF7158809CF4F3C";
    let enc = |extra: &[&'static str]| -> Vec<&'static str> {
        [&["data", "encrypt", "--key", aes, "--key-algorithm", "aes"][..], extra].concat()
    };
    let cases: Vec<(Vec<&str>, i32, u64, &str)> = vec![
        (enc(&["00112233"]), 1, 14, "whole number"),
        (enc(&["--iv", "0001020304050607", "00112233445566778899AABBCCDDEEFF"]), 1, 14, "IV"),
        (enc(&["--mode", "ecb", "--iv", "000102030405060708090A0B0C0D0E0F", "00"]), 1, 16, "IV"),
        (enc(&["--mode", "ofb", "00"]), 2, 0, "ecb or cbc"),
        (enc(&["--padding", "pkcs7", "00"]), 2, 0, "padding"),
        (enc(&["00112"]), 2, 0, "hex"),
        (
            vec![
                "data",
                "decrypt",
                "--key",
                aes,
                "--key-algorithm",
                "aes",
                "--padding",
                "iso9797_2",
                "00112233445566778899AABBCCDDEEFF",
            ],
            1,
            17,
            "padding",
        ),
        (vec!["data", "decrypt", "--key", aes, "--key-algorithm", "hmac", "00"], 1, 4, "HMAC"),
    ];
    for (args, code, error_code, needle) in &cases {
        let error = json_error(args, *code);
        assert!(s(&error, "message").contains(needle), "{args:?}: {error}");
        assert!(!error.to_string().contains(&aes[..16]), "{args:?} echoed the key: {error}");
        if *error_code != 0 {
            assert_eq!(error["code"], *error_code, "{args:?}: {error}");
        }
    }
}
