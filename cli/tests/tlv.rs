//! `posguard tlv` and `posguard dol` on real card data (core/tests/vectors/tlv.json,
//! each sample with its source), with expectations written from EMV Book 3
//! (Annex A names, 5.4 DOL rules) and PCI DSS (PAN display), not from posguard.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{json, ok, run, run_with_stdin, vectors};
use serde_json::Value;

const TLV_VECTORS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/vectors/tlv.json"));

/// Names of EMV Book 3 Annex A (Table 33), copied from the specification.
const ANNEX_A_NAMES: &[(&str, &str)] = &[
    ("4F", "Application Identifier (AID)"),
    ("50", "Application Label"),
    ("57", "Track 2 Equivalent Data"),
    ("5A", "Application Primary Account Number (PAN)"),
    ("5F20", "Cardholder Name"),
    ("5F24", "Application Expiration Date"),
    ("6F", "File Control Information (FCI) Template"),
    ("82", "Application Interchange Profile"),
    ("84", "Dedicated File (DF) Name"),
    ("8C", "Card Risk Management Data Object List 1 (CDOL1)"),
    ("94", "Application File Locator (AFL)"),
    ("95", "Terminal Verification Results"),
    ("9F02", "Amount, Authorised (Numeric)"),
    ("9F26", "Application Cryptogram"),
    ("9F27", "Cryptogram Information Data"),
    ("9F36", "Application Transaction Counter (ATC)"),
];

/// Cardholder data that PCI DSS says must not be displayed in full: PAN,
/// track 1 and 2 data (and their discretionary data), cardholder name.
const CARDHOLDER_DATA: &[&str] = &["5A", "56", "57", "5F20", "9F0B", "9F1F", "9F20", "9F6B"];

fn vector(name: &str) -> Value {
    vectors(TLV_VECTORS).into_iter().find(|v| v["name"] == name).unwrap()
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field].as_str().unwrap()
}

/// The objects of `posguard tlv decode --json` in depth-first pre-order.
fn pre_order(objects: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for o in objects.as_array().unwrap() {
        out.push(o.clone());
        out.extend(pre_order(&o["children"]));
    }
    out
}

/// The exit code and stderr of a command that must fail with nothing on stdout.
fn fails(args: &[&str]) -> (i32, String) {
    let out = run(args);
    assert!(out.stdout.is_empty(), "{args:?}");
    (out.status.code().unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn decodes_every_vector_with_annex_a_names() {
    let mut named = 0;
    for v in &vectors(TLV_VECTORS) {
        let (name, hex) = (str_of(v, "name"), str_of(v, "hex"));
        let text = ok(&["tlv", "decode", hex]);
        if v["strict_ok"] == true {
            assert_eq!(ok(&["tlv", "decode", hex, "--strict"]), text, "{name}");
        }
        // One line per object.
        let objects = text.lines().filter(|l| !l.trim_start().starts_with("- ")).count();
        assert_eq!(objects, v["tags"].as_array().unwrap().len(), "{name}");
        for tag in v["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()) {
            if let Some((_, annex)) = ANNEX_A_NAMES.iter().find(|(t, _)| *t == tag) {
                assert!(text.contains(&format!("{tag} {annex}")), "{name}: {tag} {annex} missing in\n{text}");
                named += 1;
            }
        }
    }
    assert!(named >= 40, "only {named} named tags checked");
}

#[test]
fn json_tree_lists_the_vector_tags_in_pre_order_with_their_values() {
    for v in &vectors(TLV_VECTORS) {
        let (name, hex) = (str_of(v, "name"), str_of(v, "hex"));
        let clear = pre_order(&json(&["tlv", "decode", hex, "--show-sensitive"])["objects"]);
        let masked = pre_order(&json(&["tlv", "decode", hex])["objects"]);
        for objects in [&clear, &masked] {
            let tags: Vec<&Value> = objects.iter().map(|o| &o["tag"]).collect();
            assert_eq!(tags, v["tags"].as_array().unwrap().iter().collect::<Vec<_>>(), "{name}");
        }
        for (tag, value) in v["expect"].as_object().unwrap() {
            let first = |objects: &[Value]| objects.iter().find(|o| o["tag"] == **tag).unwrap().clone();
            assert_eq!(first(&clear)["value"], value.as_str().unwrap().to_uppercase(), "{name} {tag}");
            assert_eq!(first(&clear)["masked"], false, "{name} {tag}");
            let shown = first(&masked);
            if CARDHOLDER_DATA.contains(&tag.as_str()) {
                assert_eq!(shown["masked"], true, "{name} {tag}");
                assert!(!value.as_str().unwrap().is_empty());
                assert_ne!(shown["value"], *value, "{name} {tag}");
                assert!(shown["decoded"].is_null(), "{name} {tag}");
            } else {
                assert_eq!(shown["value"], value.as_str().unwrap().to_uppercase(), "{name} {tag}");
            }
        }
    }
}

#[test]
fn pan_and_track_data_are_masked_unless_asked_for() {
    let record = vector("read record PAN + CDOL1 + CDOL2 (Visa test PAN)");
    let (hex, pan) = (str_of(&record, "hex"), record["expect"]["5A"].as_str().unwrap());
    let text = ok(&["tlv", "decode", hex]);
    // PCI DSS 3.4: at most the first six and last four digits are displayed.
    assert!(text.contains(&format!("{}******{}", &pan[..6], &pan[12..])), "{text}");
    assert!(!text.contains(&pan[6..12]), "{text}");
    assert!(!json(&["tlv", "decode", hex]).to_string().contains(&pan[6..12]));
    assert!(ok(&["tlv", "decode", hex, "--show-sensitive"]).contains(pan));

    let track = vector("read record track 2 equivalent + name");
    let hex = str_of(&track, "hex");
    let name_hex = track["expect"]["5F20"].as_str().unwrap();
    let name = String::from_utf8(hex::decode(name_hex).unwrap()).unwrap();
    for masked in [ok(&["tlv", "decode", hex]), json(&["tlv", "decode", hex]).to_string()] {
        assert!(!masked.contains(pan) && !masked.contains(&pan[6..12]), "{masked}");
        assert!(!masked.contains(&name) && !masked.contains(name_hex), "{masked}");
    }
    let clear = ok(&["tlv", "decode", hex, "--show-sensitive"]);
    assert!(clear.contains(pan) && clear.contains(&name), "{clear}");

    assert!(ok(&["tlv", "decode", "--help"]).contains("WARNING"));
}

#[test]
fn reads_hex_with_spaces_and_newlines_from_stdin() {
    let v = vector("visa debit adf fci with PDOL and BF63 (Lloyds)");
    let hex = str_of(&v, "hex");
    let spaced = hex.as_bytes().chunks(32).map(|line| {
        line.chunks(2).map(|b| std::str::from_utf8(b).unwrap().to_lowercase()).collect::<Vec<_>>().join(" ")
    });
    let stdin = spaced.collect::<Vec<_>>().join("\n") + "\n";
    let out = run_with_stdin(&["tlv", "decode", "-"], &stdin);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), ok(&["tlv", "decode", hex]));
}

#[test]
fn find_prints_the_first_value_and_masks_card_data() {
    let field55 = vector("field 55 cybersource apple pay sample");
    for (tag, value) in field55["expect"].as_object().unwrap() {
        assert_eq!(ok(&["tlv", "find", str_of(&field55, "hex"), "--tag", tag]), value.as_str().unwrap(), "{tag}");
    }
    // Depth-first into templates: 6F > A5 > BF0C > 61 > 4F, the first of two 61 entries.
    let ppse = vector("cb + mastercard ppse fci (two 61 entries)");
    assert_eq!(ok(&["tlv", "find", str_of(&ppse, "hex"), "--tag", "4f"]), "A0000000421010");

    let record = vector("read record PAN + CDOL1 + CDOL2 (Visa test PAN)");
    let (hex, pan) = (str_of(&record, "hex"), record["expect"]["5A"].as_str().unwrap());
    let masked = json(&["tlv", "find", hex, "--tag", "5A"]);
    assert_eq!(masked["masked"], true);
    assert!(!masked.to_string().contains(&pan[6..12]), "{masked}");
    assert_eq!(ok(&["tlv", "find", hex, "--tag", "5A", "--show-sensitive"]), pan);
    // The record template holds the PAN: refused unless asked; its value is the record after `70 46`.
    let (code, stderr) = fails(&["tlv", "find", hex, "--tag", "70"]);
    assert!(code == 1 && stderr.contains("--show-sensitive") && !stderr.contains(&pan[6..12]), "{stderr}");
    assert_eq!(ok(&["tlv", "find", hex, "--tag", "70", "--show-sensitive"]), hex[4..]);

    let (code, stderr) = fails(&["tlv", "find", hex, "--tag", "9F26"]);
    assert!(code == 1 && stderr.contains("no object"), "{stderr}");
    let (code, stderr) = fails(&["tlv", "find", hex, "--tag", "9F"]);
    assert!(code == 2 && stderr.contains("--tag"), "{stderr}");
}

#[test]
fn malformed_input_exits_1_with_the_byte_offset() {
    // (data, extra arguments, offset of the offending byte, counted by hand)
    let cases: &[(&str, &[&str], usize)] = &[
        // 5A at offset 2 claims 8 bytes (length byte at 3); its template has 1 left.
        ("70035A0811", &[], 3),
        // 70 claims 5 bytes (length byte at 1); 3 follow.
        ("70055A0811", &[], 1),
        // Tag 9F needs a second byte, at offset 1.
        ("9F", &[], 1),
        // 85: five length bytes (at offset 1); EMV allows at most 4.
        ("5A850000000001AA", &[], 1),
        // 80: indefinite length (at offset 1).
        ("70809A03251231", &[], 1),
        // Strict: a filler byte after the last object, at offset 5.
        ("9A0325123100", &["--strict"], 5),
        // Strict: the length 03 written as 81 03 (at offset 1).
        ("9A8103251231", &["--strict"], 1),
        // Nothing to decode.
        ("", &[], 0),
    ];
    for (data, extra, offset) in cases {
        let args = [&["tlv", "decode", data][..], extra].concat();
        let (code, stderr) = fails(&args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("offset {offset}:")), "{args:?}: {stderr}");
        let (_, stderr) = fails(&[&args[..], &["--json"]].concat());
        let error: Value = serde_json::from_str(&stderr).unwrap();
        assert_eq!(error["error"]["offset"], *offset, "{args:?}: {stderr}");
        if extra.is_empty() {
            let (code, stderr) = fails(&["tlv", "find", data, "--tag", "9F26"]);
            assert!(code == 1 && stderr.contains("offset"), "{data}: {stderr}");
        }
    }
    // Lenient mode takes what real cards send.
    assert!(ok(&["tlv", "decode", "9A0325123100"]).contains("9A Transaction Date"));
    assert!(ok(&["tlv", "decode", "9A8103251231"]).contains("9A Transaction Date"));

    let (code, stderr) = fails(&["tlv", "decode", "70ZZ"]);
    assert!(code == 2 && stderr.contains("hex"), "{stderr}");
}

#[test]
fn templates_nest_up_to_the_depth_limit() {
    // `depth` templates 70 inside each other around 9A 01 25.
    let nested = |depth: usize| {
        let mut data = "9A0125".to_owned();
        for _ in 0..depth {
            data = format!("70{:02X}{data}", data.len() / 2);
        }
        data
    };
    assert!(ok(&["tlv", "decode", &nested(15)]).contains("9A Transaction Date"));
    let (code, stderr) = fails(&["tlv", "decode", &nested(40)]);
    assert!(code == 1 && stderr.contains("deeper"), "{stderr}");
}

#[test]
fn dol_parse_lists_entries_with_names() {
    let cdol1 = vector("read record PAN + CDOL1 + CDOL2 (Visa test PAN)")["expect"]["8C"].clone();
    let pdol = vector("pboc adf fci with pdol and empty 9F12")["expect"]["9F38"].clone();
    // Read by hand: tag, length.
    let expected: &[(&Value, &[(&str, u64)])] = &[
        (&cdol1, &[("9F02", 6), ("9F03", 6), ("9F1A", 2), ("95", 5), ("5F2A", 2), ("9A", 3), ("9C", 1), ("9F37", 4)]),
        (&pdol, &[("9F7A", 1), ("9F02", 6), ("5F2A", 2)]),
    ];
    for (dol, entries) in expected {
        let doc = json(&["dol", "parse", dol.as_str().unwrap()]);
        let got: Vec<(&str, u64)> = doc["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["tag"].as_str().unwrap(), e["length"].as_u64().unwrap()))
            .collect();
        assert_eq!(got, *entries);
    }
    let text = ok(&["dol", "parse", cdol1.as_str().unwrap()]);
    assert_eq!(text.lines().count(), 8);
    assert!(text.lines().next().unwrap().contains("Amount, Authorised (Numeric)"), "{text}");

    // The tag at offset 3 needs a second byte, at offset 4.
    let (code, stderr) = fails(&["dol", "parse", "9F02069F"]);
    assert!(code == 1 && stderr.contains("offset 4"), "{stderr}");
}

/// `dol build DOL --value V1 --value V2 …`
fn build_args<'a>(dol: &'a str, values: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["dol", "build", dol];
    for v in values {
        args.extend(["--value", v]);
    }
    args
}

#[test]
fn dol_build_follows_emv_book_3_rules() {
    // EMV Book 3, 5.4: n is right-justified (leading zeros, cut on the left),
    // cn padded with trailing F, other formats left-justified (trailing
    // zeros, cut on the right); missing values and templates are zeros.
    let cdol1 = vector("read record PAN + CDOL1 + CDOL2 (Visa test PAN)")["expect"]["8C"].as_str().unwrap().to_owned();
    let values = [
        "9F02=1000",       // n 6: padded on the left
        "9F1A=0826",       // n 2: as is
        "95=000000800011", // b 5: cut on the right
        "5F2A=000978",     // n 2: cut on the left
        "9A=251231",       // n 3: as is
        "9f37=deadbeef",   // b 4: as is, any case
        "9C=01",           // n 1: replaced by the next --value 9C
        "9C=00",
    ]; // 9F03 (n 6) has no value: zeros
    let expected = ["000000001000", "000000000000", "0826", "0000008000", "0978", "251231", "00", "DEADBEEF"];
    assert_eq!(ok(&build_args(&cdol1, &values)), expected.concat());
    assert_eq!(json(&build_args(&cdol1, &values))["data"], expected.concat());

    // PAN (cn 10), language preference (an 4), a template, an unknown tag without a value.
    let values = ["5A=4761739001010119", "5F2D=656E", "70=1234"];
    let expected = ["4761739001010119FFFF", "656E0000", "0000", "0000"];
    assert_eq!(ok(&build_args("5A0A5F2D047002DF810102", &values)), expected.concat());

    for bad in ["9F02", "9F02=12=34", "9F02=123", "9F=12"] {
        let (code, stderr) = fails(&["dol", "build", &cdol1, "--value", bad]);
        assert!(code == 2 && stderr.contains("--value"), "{bad}: {stderr}");
    }
}
