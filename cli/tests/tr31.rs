//! `posguard tr31` on the published key blocks of core/tests/vectors/tr31.json
//! (TR-31:2018 Annex A.7, ANSI X9.143:2021 section 8, ISO 20038:2017 Annex B;
//! each vector names its source), round trips through `wrap`, and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json, ok, run, run_with_stdin, vectors};
use serde_json::Value;

const TR31_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/tr31.json"));

/// A 256-bit AES KBPK and a 2-key TDES KBPK for the round trips (arbitrary test keys).
const AES_KBPK: &str = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
const TDES_KBPK: &str = "1D22BF32387C600AD97F9B97A51311AC";
/// A 2-key TDES key to wrap.
const TDES_KEY: &str = "0123456789ABCDEFFEDCBA9876543210";

fn s<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap()
}

/// The unwrap command line of a vector.
fn unwrap_args(v: &Value) -> Vec<&str> {
    let mut args = vec!["tr31", "unwrap", "--kbpk", s(v, "kbpk"), "--kbpk-algorithm", s(v, "kbpk_algorithm")];
    args.push(s(v, "block"));
    if v["strict"] == false {
        args.push("--lenient");
    }
    if v["allow_version_a"] == true {
        args.push("--allow-version-a");
    }
    args
}

/// The exit code and stderr of a command that must fail with nothing on stdout.
fn fails(args: &[&str]) -> (i32, String) {
    let out = run(args);
    assert!(out.stdout.is_empty(), "{args:?}");
    (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The JSON error object of a failing `--json` command.
fn json_error(args: &[&str]) -> Value {
    let (code, stderr) = fails(&[args, &["--json"][..]].concat());
    assert_eq!(code, 1, "{args:?}: {stderr}");
    serde_json::from_str::<Value>(&stderr).unwrap()["error"].clone()
}

/// Header attributes as the vectors write them (codes), from `--json` output.
fn assert_header(header: &Value, v: &Value, name: &str) {
    assert_eq!(header["version"], v["version"], "{name}");
    assert_eq!(header["usage_code"], v["usage"], "{name}");
    assert_eq!(header["algorithm"], v["algorithm"], "{name}");
    assert_eq!(header["mode"], v["mode"], "{name}");
    assert_eq!(header["key_version"], v["key_version"], "{name}");
    assert_eq!(header["exportability"], v["exportability"], "{name}");
    assert_eq!(header["length"], s(v, "block").len(), "{name}");
    let blocks: Vec<String> = header["optional_blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| format!("{}{}", s(b, "id"), s(b, "data")))
        .collect();
    let expected: Vec<String> =
        v["optional_blocks"].as_array().unwrap().iter().map(|b| b.as_str().unwrap().to_owned()).collect();
    // The vectors list PB as well; `inspect` reports every block in order.
    assert_eq!(blocks, expected, "{name}");
}

#[test]
fn published_key_blocks_unwrap_and_inspect() {
    let mut unwrapped = 0;
    for v in &vectors(TR31_VECTORS) {
        let name = s(v, "name");
        let args = unwrap_args(v);
        if let Some(code) = v["error_code"].as_u64() {
            assert_eq!(json_error(&args)["code"], code, "{name}");
            continue;
        }
        // Without --show-key: attributes and check value, never the key.
        let key = s(v, "key");
        let out = json(&args);
        assert!(out.get("key").is_none(), "{name}");
        assert_header(&out["header"], v, name);
        assert!(out["kcv"].is_string() && out["key_kind"].is_string(), "{name}");
        let text = ok(&args);
        assert!(!text.contains(key) && text.contains(out["kcv"].as_str().unwrap()), "{name}: {text}");

        // With --show-key: the key, labelled as clear.
        let shown = json(&[&args[..], &["--show-key"]].concat());
        assert_eq!(shown["key"], key, "{name}");
        let text = ok(&[&args[..], &["--show-key"]].concat());
        assert!(text.contains(&format!("key (CLEAR)    {key}")), "{name}: {text}");

        // The KBPK algorithm defaults to the version's.
        let defaulted: Vec<&str> =
            args.iter().copied().filter(|a| *a != "--kbpk-algorithm" && *a != s(v, "kbpk_algorithm")).collect();
        assert_eq!(json(&defaulted)["kcv"], out["kcv"], "{name}");

        // inspect needs no KBPK and reads the same header.
        assert_header(&json(&["tr31", "inspect", s(v, "block")])["header"], v, name);
        unwrapped += 1;
    }
    assert!(unwrapped >= 10);
}

#[test]
fn version_a_and_strictness_need_their_flags() {
    let all = vectors(TR31_VECTORS);
    let version_a = all.iter().find(|v| v["version"] == "A").unwrap();
    let args: Vec<&str> = unwrap_args(version_a).into_iter().filter(|a| *a != "--allow-version-a").collect();
    let error = json_error(&args);
    assert_eq!(error["code"], 51, "{error}");
    assert!(s(&error, "message").contains("legacy"), "{error}");

    // TR-31:2018 A.7.2.2 has no key length obfuscation: strict validation refuses it, with the offset.
    let lenient = all.iter().find(|v| v["name"] == "tr31_2018_a722_version_b").unwrap();
    let args: Vec<&str> = unwrap_args(lenient).into_iter().filter(|a| *a != "--lenient").collect();
    let error = json_error(&args);
    assert_eq!(error["code"], 50, "{error}");
    assert!(error["offset"].is_u64(), "{error}");
}

#[test]
fn wrap_then_unwrap_every_version() {
    // (version, KBPK, key algorithm, key, usage, mode)
    let cases = [
        ("B", TDES_KBPK, "tdes", TDES_KEY, "P0", "E"),
        ("C", TDES_KBPK, "tdes", TDES_KEY, "M3", "C"),
        ("D", AES_KBPK, "aes", "3F419E1CB7079442AA37474C2EFBF8B8", "D0", "B"),
        ("D", AES_KBPK, "hmac", "00112233445566778899AABBCCDDEEFF0011223344556677", "M7", "G"),
        ("E", AES_KBPK, "aes", "FEDCBA9876543210F1F1F1F1F1F1F1F1FEDCBA9876543210F1F1F1F1F1F1F1F1", "B0", "X"),
    ];
    for (version, kbpk, alg, key, usage, mode) in cases {
        let mut args = vec!["tr31", "wrap", "--kbpk", kbpk, "--key", key, "--algorithm", alg, "--usage", usage];
        args.extend(["--mode", mode, "--version", version, "--key-version", "07", "--exportability", "E"]);
        args.extend(["--block", "KS=FFFF9876543210E00000", "--block", "TS=20200818221218Z", "--block", "KP"]);
        let wrapped = json(&args);
        let block = s(&wrapped, "block");
        assert!(block.starts_with(version), "{block}");
        // A fresh random pad every time (a version E block of a longest-length key has none).
        if version != "E" {
            assert_ne!(ok(&args), block);
        }

        let out = json(&["tr31", "unwrap", "--kbpk", kbpk, block, "--show-key"]);
        let h = &out["header"];
        assert_eq!((s(h, "version"), s(h, "usage_code"), s(h, "algorithm"), s(h, "mode")), (version, usage, alg, mode));
        assert_eq!((s(h, "key_version"), s(h, "exportability")), ("07", "E"));
        let ids: Vec<&str> = h["optional_blocks"].as_array().unwrap().iter().map(|b| s(b, "id")).collect();
        assert_eq!(&ids[..3], ["KS", "TS", "KP"], "{block}");
        assert_eq!(out["key"], key, "{block}");
        assert_eq!(out["kcv"], wrapped["kcv"], "{block}");
    }
}

#[test]
fn wrap_defaults_and_stdin() {
    // Defaults: version D, key version 00, non-exportable, the usage's mode; keys from stdin.
    let key = "3F419E1CB7079442AA37474C2EFBF8B8";
    let out = run_with_stdin(
        &["tr31", "wrap", "--kbpk", "-", "--key", "-", "--algorithm", "aes", "--usage", "pin"],
        &format!("{AES_KBPK}\n{key}\n"),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let block = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(block.starts_with('D') && block[5..12] == *"P0AB00N", "{block}");
    // The block from stdin too (the KBPK algorithm then has to be given).
    let out = run_with_stdin(&["tr31", "unwrap", "--kbpk", AES_KBPK, "--kbpk-algorithm", "aes", "-", "--json"], &block);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out["header"]["usage"], "pin");
}

#[test]
fn bad_key_blocks_fail_cleanly() {
    let v = vectors(TR31_VECTORS).into_iter().find(|v| v["name"] == "x9143_2021_81_version_d").unwrap();
    let (kbpk, block, key) = (s(&v, "kbpk"), s(&v, "block"), s(&v, "key"));

    // Any changed character of the encrypted key or MAC: an integrity error, nothing more.
    for i in [20, block.len() / 2, block.len() - 1] {
        let mut bad = block.to_owned().into_bytes();
        bad[i] = if bad[i] == b'0' { b'1' } else { b'0' };
        let bad = String::from_utf8(bad).unwrap();
        let error = json_error(&["tr31", "unwrap", "--kbpk", kbpk, &bad]);
        assert_eq!((error["code"].as_u64(), error["kind"].as_str()), (Some(22), Some("integrity")), "{i}: {error}");
    }
    // A flipped header character (usage P0 -> P1: unknown) is malformed; a wrong KBPK fails the MAC.
    let unknown_usage = block.replacen("P0", "Z9", 1);
    assert_eq!(json_error(&["tr31", "unwrap", "--kbpk", kbpk, &unknown_usage])["code"], 6);
    let other_kbpk = format!("{}00", &kbpk[..62]);
    assert_eq!(json_error(&["tr31", "unwrap", "--kbpk", &other_kbpk, block])["code"], 22);

    // (arguments, exit code, a word the message must contain)
    let cases: &[(&[&str], i32, &str)] = &[
        (&["tr31", "inspect", "D0112P0AE00E"], 1, "malformed key block"),
        (&["tr31", "inspect", &block[..block.len() - 1]], 1, "malformed key block"),
        (&["tr31", "inspect", "X0112P0AE00E0000"], 1, "malformed key block"),
        (&["tr31", "unwrap", "--kbpk", kbpk, "--kbpk-algorithm", "tdes", block], 1, "key length"),
        (&["tr31", "unwrap", "--kbpk", TDES_KBPK, "--kbpk-algorithm", "tdes", block], 1, "AES KBPK"),
        (&["tr31", "unwrap", "--kbpk", &kbpk[..63], block], 2, "hex"),
        (&["tr31", "wrap", "--kbpk", AES_KBPK, "--key", key, "--algorithm", "aes", "--usage", "Q9"], 2, "usage"),
        (
            &[
                "tr31",
                "wrap",
                "--kbpk",
                TDES_KBPK,
                "--key",
                TDES_KEY,
                "--algorithm",
                "tdes",
                "--usage",
                "P0",
                "--version",
                "A",
            ],
            1,
            "version A",
        ),
        (
            &[
                "tr31",
                "wrap",
                "--kbpk",
                TDES_KBPK,
                "--key",
                key,
                "--algorithm",
                "aes",
                "--usage",
                "P0",
                "--version",
                "B",
            ],
            1,
            "weaker",
        ),
        (
            &["tr31", "wrap", "--kbpk", AES_KBPK, "--key", key, "--algorithm", "aes", "--usage", "P0", "--mode", "G"],
            1,
            "mode of use",
        ),
        (
            &[
                "tr31",
                "wrap",
                "--kbpk",
                AES_KBPK,
                "--key",
                key,
                "--algorithm",
                "aes",
                "--usage",
                "P0",
                "--block",
                "PB=00",
            ],
            1,
            "PB",
        ),
    ];
    for (args, code, needle) in cases {
        for json in [false, true] {
            let args = if json { [args, &["--json"][..]].concat() } else { args.to_vec() };
            let (status, stderr) = fails(&args);
            assert_eq!(status, *code, "{args:?}: {stderr}");
            assert!(stderr.contains(needle), "{args:?}: {stderr}");
            for secret in [kbpk, AES_KBPK, TDES_KBPK, TDES_KEY, key] {
                assert!(!stderr.contains(&secret[..16]), "{args:?} echoed a key: {stderr}");
            }
            if json {
                let error: Value = serde_json::from_str(&stderr).unwrap();
                assert!(error["error"]["message"].is_string(), "{stderr}");
            }
        }
    }
}

#[test]
fn unwrap_help_says_show_key_prints_a_clear_key() {
    assert!(ok(&["tr31", "unwrap", "--help"]).contains("CLEAR key"));
}
