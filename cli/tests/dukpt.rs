//! `posguard dukpt` on the published vectors of core/tests/vectors/dukpt_tdes.json
//! (ANSI X9.24-1:2009 Annex A.4) and dukpt_aes.json (the ANSI X9.24-3:2017
//! supplement), each naming its source; the derived keys are then used with
//! `posguard pin`, `mac` and `data` as a test rig would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json, ok, run, run_with_stdin, vectors};
use serde_json::Value;

const TDES_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/dukpt_tdes.json"));
const AES_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/dukpt_aes.json"));

/// X9.24-1:2009 A.4: the BDK, the initial KSN and the IPEK derived from them.
const TDES_BDK: &str = "0123456789ABCDEFFEDCBA9876543210";
const TDES_KSN: &str = "FFFF9876543210E00000";
const TDES_IPEK: &str = "6AC292FAA1315B4D858AB3A3D7D5933A";
/// The X9.24-3:2017 supplement's AES-128 BDK.
const AES_BDK: &str = "FEDCBA9876543210F1F1F1F1F1F1F1F1";

fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap()
}

/// The `key` of a `--json` derivation.
fn key(args: &[&str]) -> String {
    s(&json(args), "key").to_owned()
}

/// The JSON error object of a command that must fail with exit code `code`.
fn json_error(args: &[&str], code: i32) -> Value {
    let out = run(&[args, &["--json"][..]].concat());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(!stderr.contains(&TDES_BDK[..16]) && !stderr.contains(&AES_BDK[..16]), "{args:?} echoed a key: {stderr}");
    serde_json::from_str::<Value>(&stderr).unwrap()["error"].clone()
}

#[test]
fn tdes_ipek_of_annex_a4() {
    let out = json(&["dukpt", "ipek", "--bdk", TDES_BDK, "--ksn", TDES_KSN]);
    assert_eq!((s(&out, "key"), s(&out, "scheme"), s(&out, "key_usage")), (TDES_IPEK, "tdes", "B1"));
    // The counter bits do not matter; lower-case hex in, upper-case out; --scheme is optional.
    let lower = TDES_BDK.to_lowercase();
    assert_eq!(
        key(&["dukpt", "ipek", "--bdk", &lower, "--ksn", "FFFF9876543210E00015", "--scheme", "tdes"]),
        TDES_IPEK
    );
    // Text output labels the clear key.
    let text = ok(&["dukpt", "ipek", "--bdk", TDES_BDK, "--ksn", TDES_KSN]);
    assert!(text.contains("IPEK (CLEAR)") && text.contains(TDES_IPEK) && text.contains("X9.24-1"), "{text}");
}

#[test]
fn tdes_working_keys_and_their_use() {
    let mut checked = 0;
    for v in &vectors(TDES_VECTORS) {
        let (name, ksn, bdk) = (s(v, "name"), s(v, "ksn"), s(v, "bdk"));
        assert_eq!(s(v, "ipek"), TDES_IPEK, "{name}");
        let from_bdk = |usage: &str| key(&["dukpt", "derive", "--bdk", bdk, "--ksn", ksn, "--usage", usage]);
        let from_ipek = |usage: &str| key(&["dukpt", "derive", "--ipek", TDES_IPEK, "--ksn", ksn, "--usage", usage]);

        let pin_key = from_bdk("pin");
        assert_eq!(pin_key, s(v, "pin_key"), "{name}");
        assert_eq!(from_ipek("pin"), pin_key, "{name}");
        assert_eq!(from_bdk("mac_request"), s(v, "mac_request_key"), "{name}");

        // The published encrypted PIN block decrypts under the derived PIN key.
        let (pin, pan, epb) = (s(v, "pin"), s(v, "pan"), s(v, "encrypted_pin_block"));
        assert_eq!(ok(&["pin", "decrypt", "--block", epb, "--pan", pan, "--key", &pin_key, "--format", "0"]), pin);

        // MACs (X9.19, padding 1) and data (TDES-CBC, zero IV, zero padding) where published.
        if let Some(message) = v["message"].as_str() {
            for (usage, field) in [("mac_request", "mac_request"), ("mac_response", "mac_response")] {
                let mak = from_bdk(usage);
                let mac = ok(&["mac", "generate", "--key", &mak, "--algorithm", "iso9797_3", message]);
                assert_eq!(mac, s(v, field), "{name} {usage}");
            }
            for (usage, field) in
                [("data_request", "data_request_ciphertext"), ("data_response", "data_response_ciphertext")]
            {
                let dek = from_bdk(usage);
                let args = ["data", "encrypt", "--key", &dek, "--key-algorithm", "tdes", "--padding", "zeros", message];
                assert_eq!(ok(&args), s(v, field), "{name} {usage}");
                let args = ["data", "decrypt", "--key", &dek, "--key-algorithm", "tdes", s(v, field)];
                assert!(ok(&args).starts_with(message), "{name} {usage}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 30);
}

#[test]
fn aes_initial_and_working_keys_of_the_supplement() {
    let (mut initial, mut working) = (0, 0);
    for v in &vectors(AES_VECTORS) {
        let (name, bdk, id) = (s(v, "name"), s(v, "bdk"), s(v, "initial_key_id"));
        match s(v, "kind") {
            "initial_key" => {
                // An 8-byte --ksn is the initial key ID; a 12-byte KSN's counter is ignored.
                assert_eq!(key(&["dukpt", "ipek", "--bdk", bdk, "--ksn", id]), s(v, "key"), "{name}");
                let ksn = format!("{id}00000001");
                let out = json(&["dukpt", "ipek", "--bdk", bdk, "--ksn", &ksn]);
                assert_eq!((s(&out, "key"), s(&out, "scheme")), (s(v, "key"), "aes"), "{name}");
                initial += 1;
            }
            "working_key" | "pin_block" => {
                let (ksn, usage, key_type) = (s(v, "ksn"), s(v, "usage"), s(v, "key_type"));
                let args = ["dukpt", "derive", "--bdk", bdk, "--ksn", ksn, "--usage", usage, "--key-type", key_type];
                let out = json(&args);
                assert_eq!((s(&out, "key"), s(&out, "key_type")), (s(v, "key"), key_type), "{name}");
                if let Some(ik) = v["initial_key"].as_str() {
                    let args =
                        ["dukpt", "derive", "--ipek", ik, "--ksn", ksn, "--usage", usage, "--key-type", key_type];
                    assert_eq!(key(&args), s(v, "key"), "{name}");
                }
                if let Some(epb) = v["encrypted_pin_block"].as_str() {
                    let (pin, pan) = (s(v, "pin"), s(v, "pan"));
                    let args = ["pin", "decrypt", "--block", epb, "--pan", pan, "--key", s(v, "key"), "--format", "4"];
                    assert_eq!(ok(&args), pin, "{name}");
                }
                working += 1;
            }
            _ => {}
        }
    }
    assert!(initial >= 2 && working >= 40, "{initial} {working}");
}

#[test]
fn aes_key_type_defaults_to_the_bdk_type_and_modes_follow_the_side() {
    let ksn = "123456789012345600000001";
    let default = json(&["dukpt", "derive", "--bdk", AES_BDK, "--ksn", ksn, "--usage", "pin"]);
    let explicit = json(&["dukpt", "derive", "--bdk", AES_BDK, "--ksn", ksn, "--usage", "pin", "--key-type", "aes128"]);
    assert_eq!(default["key"], explicit["key"]);
    assert_eq!((s(&default, "key_type"), default["counter"].as_u64()), ("aes128", Some(1)));
    // The host (from the BDK) verifies what the device (from its initial key) generates.
    let host = json(&["dukpt", "derive", "--bdk", AES_BDK, "--ksn", ksn, "--usage", "mac_generate"]);
    let ik = key(&["dukpt", "ipek", "--bdk", AES_BDK, "--ksn", ksn]);
    let device = json(&["dukpt", "derive", "--ipek", &ik, "--ksn", ksn, "--usage", "mac_generate"]);
    assert_eq!(host["key"], device["key"]);
    assert_eq!((s(&host, "key_usage"), s(&host, "mode"), s(&device, "mode")), ("M6", "V", "G"));
    // Keys from stdin.
    let out = run_with_stdin(&["dukpt", "derive", "--bdk", "-", "--ksn", ksn, "--usage", "pin", "--json"], AES_BDK);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["key"], default["key"]);
}

#[test]
fn bad_dukpt_input_is_a_typed_error() {
    let aes_ksn = "123456789012345600000001";
    let derive = |bdk: &'static str, ksn: &'static str, extra: &[&'static str]| -> Vec<&'static str> {
        [&["dukpt", "derive", "--bdk", bdk, "--ksn", ksn][..], extra].concat()
    };
    // (arguments, exit code, error code (0: a command-line error), a word the message must contain)
    let cases: Vec<(Vec<&str>, i32, u64, &str)> = vec![
        // KSN of the wrong size, by length and against an explicit scheme.
        (derive(TDES_BDK, "FFFF9876543210E000", &["--usage", "pin"]), 1, 60, "KSN"),
        (derive(TDES_BDK, "FFFF9876543210E0000001", &["--usage", "pin", "--scheme", "tdes"]), 1, 60, "KSN"),
        (derive(AES_BDK, "FFFF9876543210E00001", &["--usage", "pin", "--scheme", "aes"]), 1, 60, "KSN"),
        // Counters: zero, more than 10 (TDES) or 16 (AES, counter 1FFFF) one-bits.
        (derive(TDES_BDK, "FFFF9876543210E00000", &["--usage", "pin"]), 1, 60, "KSN"),
        (derive(TDES_BDK, "FFFF9876543210E007FF", &["--usage", "pin"]), 1, 60, "KSN"),
        (derive(AES_BDK, "12345678901234560001FFFF", &["--usage", "pin"]), 1, 60, "KSN"),
        // Usages and key types that do not exist or make no sense.
        (derive(TDES_BDK, "FFFF9876543210E00001", &["--usage", "mac_generate"]), 1, 6, "usage"),
        (derive(AES_BDK, aes_ksn, &["--usage", "mac_request"]), 1, 6, "usage"),
        (derive(TDES_BDK, "FFFF9876543210E00001", &["--usage", "pin", "--key-type", "aes128"]), 2, 0, "AES DUKPT only"),
        (derive(AES_BDK, aes_ksn, &["--usage", "pin", "--key-type", "aes512"]), 2, 0, "aes512"),
        (derive(AES_BDK, aes_ksn, &["--usage", "pin", "--key-type", "hmac128"]), 1, 4, "HMAC"),
        (derive(AES_BDK, aes_ksn, &["--usage", "pin", "--key-type", "aes256"]), 1, 4, "stronger"),
        // Keys of the wrong size or form for the scheme.
        (derive("0123456789ABCDEFFEDCBA98765432", "FFFF9876543210E00001", &["--usage", "pin"]), 1, 1, "key length"),
        (derive("0123456789ABCDEF0123456789ABCDEF", "FFFF9876543210E00001", &["--usage", "pin"]), 1, 2, "weak key"),
        (derive("0123456789ABCDEFFEDCBA987654321", "FFFF9876543210E00001", &["--usage", "pin"]), 2, 0, "hex"),
        (vec!["dukpt", "derive", "--ksn", aes_ksn, "--usage", "pin"], 2, 0, "--bdk"),
        (
            vec!["dukpt", "derive", "--bdk", AES_BDK, "--ipek", AES_BDK, "--ksn", aes_ksn, "--usage", "pin"],
            2,
            0,
            "--ipek",
        ),
        (vec!["dukpt", "ipek", "--bdk", TDES_BDK, "--ksn", "FFFF98765432"], 1, 60, "KSN"),
    ];
    for (args, code, error_code, needle) in &cases {
        let error = json_error(args, *code);
        assert!(s(&error, "message").contains(needle), "{args:?}: {error}");
        if *error_code != 0 {
            assert_eq!(error["code"], *error_code, "{args:?}: {error}");
        }
        // Text mode: the same, on stderr.
        let out = run(args);
        assert_eq!(out.status.code(), Some(*code), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "), "{args:?}");
    }
}
