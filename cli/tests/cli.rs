//! Runs the built `posguard` binary: published vectors (core/tests/vectors,
//! each with its source), round trips, JSON output, error hygiene and the demo.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json, ok, run, run_with_stdin, vectors};
use serde_json::Value;

const KCV_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/kcv.json"));
const PIN_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/pin.json"));

/// The PIN the demo's cardholder chooses (`PIN` in src/demo.rs); it must never be printed.
const DEMO_PIN: &str = "730518";
const DEMO_PAN: &str = "4111111111111111";

fn s<'a>(v: &'a Value, field: &str) -> Option<&'a str> {
    v[field].as_str()
}

/// The `--pan` arguments for a vector (formats 1 and 2 have none).
fn pan_args(v: &Value) -> Vec<&str> {
    s(v, "pan").map(|pan| vec!["--pan", pan]).unwrap_or_default()
}

#[test]
fn kcv_of_published_vectors() {
    let vectors = vectors(KCV_VECTORS);
    assert!(vectors.len() >= 10);
    for v in &vectors {
        let (key, kcv, alg) = (s(v, "key").unwrap(), s(v, "kcv").unwrap(), s(v, "key_algorithm").unwrap());
        let method = s(v, "method").unwrap().replace('_', "-");
        let len = (kcv.len() / 2).to_string();
        // Hex input is case-insensitive, output uppercase.
        for key in [key.to_owned(), key.to_lowercase()] {
            let args = ["kcv", "--key", &key, "--algorithm", alg, "--method", &method, "--length", &len];
            assert_eq!(ok(&args), kcv.to_uppercase(), "{}", s(v, "name").unwrap());
            assert_eq!(json(&args)["kcv"], kcv.to_uppercase());
        }
    }
}

#[test]
fn kcv_defaults_and_unionpay() {
    // 3-byte default; the 4-byte UnionPay value starts with the same bytes (psec: 08D7).
    let key = "0123456789ABCDEFFEDCBA9876543210";
    let three = ok(&["kcv", "--key", key, "--algorithm", "tdes"]);
    let four = ok(&["kcv", "--key", key, "--algorithm", "tdes", "--method", "unionpay"]);
    assert_eq!(three.len(), 6);
    assert_eq!(four.len(), 8);
    assert!(three.starts_with("08D7") && four.starts_with(&three));
    // AES defaults to the CMAC method (kcv.json: aes 3F419E1C… cmac 08793E).
    assert_eq!(ok(&["kcv", "--key", "3F419E1CB7079442AA37474C2EFBF8B8", "--algorithm", "aes"]), "08793E");
}

#[test]
fn pin_decrypt_and_decode_published_vectors() {
    let mut decrypted = 0;
    for v in &vectors(PIN_VECTORS) {
        let (name, format, pin) = (s(v, "name").unwrap(), s(v, "format").unwrap(), s(v, "pin").unwrap());
        if let (Some(key), Some(block)) = (s(v, "key"), s(v, "encrypted_block")) {
            let alg = s(v, "key_algorithm").unwrap();
            let mut args =
                vec!["pin", "decrypt", "--block", block, "--key", key, "--algorithm", alg, "--format", format];
            args.extend(pan_args(v));
            assert_eq!(ok(&args), pin, "{name}");
            assert_eq!(json(&args)["pin"], pin, "{name}");
            decrypted += 1;
        }
        if let Some(clear) = s(v, "clear_block") {
            let mut args = vec!["pin", "decode", "--block", clear, "--format", format];
            args.extend(pan_args(v));
            assert_eq!(ok(&args), pin, "{name}");
            // Formats without random fill encode to exactly the published block.
            if ["iso0", "iso2", "sm4"].contains(&format) {
                let mut args = vec!["pin", "encode", "--pin", pin, "--format", format];
                args.extend(pan_args(v));
                assert_eq!(ok(&args), clear.to_uppercase(), "{name}");
            }
        }
    }
    assert!(decrypted >= 15);
}

#[test]
fn encode_decode_and_encrypt_decrypt_round_trip_every_format() {
    let pan = "4012345678909";
    let tdes = "0123456789ABCDEFFEDCBA9876543210";
    for format in ["iso0", "1", "iso2", "ISO3", "4", "sm4"] {
        for pin in ["8264", "90210573", "135792468024"] {
            let block = json(&["pin", "encode", "--pin", pin, "--pan", pan, "--format", format])["block"].clone();
            let block = block.as_str().unwrap();
            assert_eq!(block, block.to_uppercase());
            assert_eq!(ok(&["pin", "decode", "--block", &block.to_lowercase(), "--pan", pan, "--format", format]), pin);

            let encrypted = ok(&["pin", "encrypt", "--pin", pin, "--pan", pan, "--key", tdes, "--format", format]);
            assert_eq!(
                ok(&["pin", "decrypt", "--block", &encrypted, "--pan", pan, "--key", tdes, "--format", format]),
                pin
            );
        }
    }
}

#[test]
fn translate_keeps_the_pin_and_reads_keys_from_stdin() {
    // ANSI X9.24-1 A.4: PIN 1234, PAN 4012345678909, format 0 block under a DUKPT PIN key.
    let (pan, from, block) = ("4012345678909", "042666B49184CF5C68DE9628D0397B36", "1B9C1845EB993A7A");
    let aes = "00112233445566778899AABBCCDDEEFF";
    let args = ["pin", "translate", "--block", block, "--pan", pan, "--from-key", "-", "--from-format", "0"];
    let out =
        run_with_stdin(&[&args[..], &["--to-key", "-", "--to-format", "iso4"]].concat(), &format!("{from}\n{aes}\n"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let translated = String::from_utf8(out.stdout).unwrap();
    assert_eq!(translated.trim().len(), 32);
    assert_eq!(
        ok(&["pin", "decrypt", "--block", translated.trim(), "--pan", pan, "--key", aes, "--format", "4"]),
        "1234"
    );

    // PAN-bound format 0 never becomes format 1.
    let out =
        run_with_stdin(&[&args[..], &["--to-key", "-", "--to-format", "1"]].concat(), &format!("{from}\n{from}\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("forbidden"));
}

#[test]
fn bad_input_fails_cleanly_without_echoing_secrets() {
    let key = "0123456789ABCDEFFEDCBA9876543210";
    let pin = "730518";
    let pan = "4012345678909";
    // (arguments, exit code, a word the message must contain)
    let cases: &[(&[&str], i32, &str)] = &[
        (&["kcv", "--key", &key[..31], "--algorithm", "tdes"], 2, "hex"),
        (&["kcv", "--key", &key[..30], "--algorithm", "tdes"], 1, "key length"),
        (&["kcv", "--key", "0123456789ABCDEFFEDCBA987654321G", "--algorithm", "tdes"], 2, "hex"),
        (&["kcv", key, "--algorithm", "tdes"], 2, "unexpected argument"),
        (&["kcv", "--key", key, "--algorithm", "rsa"], 2, "unknown algorithm"),
        (&["kcv", "--key", key, "--algorithm", "tdes", "--length", "9"], 1, "length"),
        (&["pin", "encrypt", "--pin", "73051a", "--pan", pan, "--key", key, "--format", "0"], 1, "invalid PIN"),
        (&["pin", "encrypt", "--pin", "123", "--pan", pan, "--key", key, "--format", "0"], 1, "invalid PIN"),
        (&["pin", "encrypt", "--pin", pin, "--pan", "401234", "--key", key, "--format", "0"], 1, "invalid PAN"),
        (&["pin", "encrypt", "--pin", pin, "--pan", pan, "--key", key, "--format", "iso9"], 2, "unknown PIN block"),
        (
            &["pin", "encrypt", "--pin", pin, "--pan", pan, "--key", key, "--format", "0", "--algorithm", "aes"],
            1,
            "key",
        ),
        (&["pin", "decrypt", "--block", "1B9C1845EB993A", "--pan", pan, "--key", key, "--format", "0"], 1, "length"),
        (&["pin", "decode", "--block", "0412FFFFFFFFFFFF", "--format", "2"], 1, "invalid PIN block"),
        (&["pin", "encode", "--pin", pin, "--format", "0"], 1, "PAN"),
    ];
    for (args, code, needle) in cases {
        for json in [false, true] {
            let args = if json { [args, &["--json"][..]].concat() } else { args.to_vec() };
            let out = run(&args);
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(*code), "{args:?}: {stderr}");
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(stderr.contains(needle), "{args:?}: {stderr}");
            assert!(!stderr.contains("0123456789") && !stderr.contains(pin), "{args:?} echoed a secret: {stderr}");
            if json {
                let error: Value = serde_json::from_str(&stderr).unwrap();
                assert!(error["error"]["message"].is_string(), "{stderr}");
            }
        }
    }
}

#[test]
fn help_says_decrypt_prints_a_clear_pin() {
    assert!(ok(&["pin", "decrypt", "--help"]).contains("CLEAR PIN"));
    assert!(ok(&["pin", "decode", "--help"]).contains("CLEAR PIN"));
}

fn assert_demo_keeps_secrets(text: &str) {
    assert!(!text.contains(DEMO_PIN), "the demo printed its PIN:\n{text}");
    assert!(!text.to_lowercase().contains("key material"), "{text}");
    // No PIN-like number at all: apart from check values (hex that may be all
    // digits), the only all-digit word of 4+ digits is the PAN.
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    for pair in words.windows(2) {
        let (before, word) = (pair[0], pair[1]);
        if before != "KCV" && word.len() >= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            assert_eq!(word, DEMO_PAN, "{text}");
        }
    }
}

#[test]
fn demo_runs_end_to_end_and_prints_no_secret() {
    let text = ok(&["demo"]);
    assert_eq!(text.matches("PIN verified: yes").count(), 2, "{text}");
    assert_eq!(text.matches("refused").count(), 3, "{text}");
    assert!(text.contains("KCV"));
    // A fixed seed makes the output reproducible, so the secret checks below
    // cannot trip over a random block that happens to contain the PIN digits.
    let seeded = ok(&["demo", "--seed", "1"]);
    assert_eq!(seeded, ok(&["demo", "--seed", "1"]));
    assert_ne!(seeded, ok(&["demo", "--seed", "2"]));
    assert_demo_keeps_secrets(&seeded);

    let doc = json(&["demo", "--seed", "1"]);
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert_demo_keeps_secrets(&doc.to_string());
}
