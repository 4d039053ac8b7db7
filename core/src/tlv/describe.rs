//! The decoder for people: an indented tree of tags, names and decoded
//! values, with cardholder data masked unless the caller asks to see it.
//!
//! [`describe_tree`] gives the tree as data (what `--json` prints);
//! [`describe`] renders it as text:
//!
//! ```text
//! 6F File Control Information (FCI) Template
//!    84 Dedicated File (DF) Name: A0000000031010
//!    A5 File Control Information (FCI) Proprietary Template
//!       50 Application Label: "VISA CREDIT"
//! 95 Terminal Verification Results: 8000048000
//!      - Offline data authentication was not performed
//!      - Online PIN entered
//!      - Transaction exceeds floor limit
//! 5A Application Primary Account Number (PAN): 476173******0010
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::dict::{Dictionary, Format};
use super::value::{self, ValueContext};
use super::{Iter, Options, Tag, Tlv, find, iter};
use crate::error::Result;

/// How [`describe`] and [`describe_tree`] work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DescribeOptions {
    /// Show sensitive values (PAN, track data, cardholder name…) in clear.
    pub show_sensitive: bool,
    /// Parse in strict mode (see [`Options::strict`]).
    pub strict: bool,
}

/// One described object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Described {
    /// The tag.
    pub tag: Tag,
    /// Its name in the dictionary; `None` for an unknown tag.
    pub name: Option<String>,
    /// Its format in the dictionary; `None` for an unknown tag.
    pub format: Option<Format>,
    /// The value in hex; for a masked value, its masked rendering (see [`mask`]);
    /// empty for a template that holds a masked value.
    pub value_hex: String,
    /// What the value means: text of an `a`/`an`/`ans` element, or the
    /// decoder's rendering, one line per item. `None` when masked.
    pub decoded: Option<String>,
    /// The objects inside a template.
    pub children: Vec<Described>,
    /// True when the value (or, for a template, something inside it) is masked.
    pub masked: bool,
}

/// Describes every object of `data`, templates with their children.
pub fn describe_tree(data: &[u8], dictionary: &Dictionary, options: DescribeOptions) -> Result<Vec<Described>> {
    let parse = if options.strict { Options::strict() } else { Options::lenient() };
    let context = value_context(data, parse);
    walk(iter(data, parse), dictionary, options, &context)
}

/// Describes `data` as an indented tree: one line per object, children
/// indented 3 spaces per level, items of a decoded value as `- ` lines.
pub fn describe(data: &[u8], dictionary: &Dictionary, options: DescribeOptions) -> Result<String> {
    let mut out = String::new();
    render(&describe_tree(data, dictionary, options)?, 0, &mut out);
    Ok(out)
}

/// The masked rendering of a value that `dictionary` marks sensitive; `None`
/// for any other tag. A PAN keeps its first 6 and last 4 digits (fewer when it
/// is short); track 2 and track 1 keep the masked PAN, the expiry date and the
/// service code; everything else becomes one `*` per character (text) or per
/// hex digit, so only the length shows.
pub fn mask(tag: Tag, value: &[u8], dictionary: &Dictionary) -> Option<String> {
    let info = dictionary.get(tag).filter(|i| i.sensitive)?;
    let special = match tag.value() {
        0x5A => value::compressed_numeric(value).ok().map(|pan| value::mask_pan(&pan)),
        0x57 | 0x9F6B => value::mask_track2(value),
        0x56 => value::mask_track1(value),
        _ => None,
    };
    let per_char = if is_text(info.format) { value.len() } else { 2 * value.len() };
    Some(special.unwrap_or_else(|| "*".repeat(per_char)))
}

fn is_text(format: Format) -> bool {
    matches!(format, Format::A | Format::An | Format::Ans)
}

/// Currencies the amounts in `data` are in, found anywhere in it.
fn value_context(data: &[u8], options: Options) -> ValueContext {
    let get = |tag: u32| find(data, Tag::raw(tag), options).ok().flatten().map(|t| t.value());
    let code = |tag| get(tag).and_then(|v| value::numeric_code(v).ok());
    let exponent = |tag| get(tag).and_then(|v| value::numeric(v).ok()).and_then(|d| d.parse().ok());
    ValueContext {
        transaction_currency: code(0x5F2A),
        transaction_exponent: exponent(0x5F36),
        application_currency: code(0x9F42).or_else(|| code(0x9F51)),
        application_exponent: exponent(0x9F44),
    }
}

fn walk(
    objects: Iter<'_>,
    dictionary: &Dictionary,
    options: DescribeOptions,
    context: &ValueContext,
) -> Result<Vec<Described>> {
    objects.map(|tlv| describe_one(&tlv?, dictionary, options, context)).collect()
}

fn describe_one(
    tlv: &Tlv<'_>,
    dictionary: &Dictionary,
    options: DescribeOptions,
    context: &ValueContext,
) -> Result<Described> {
    let (tag, value) = (tlv.tag(), tlv.value());
    let info = dictionary.get(tag);
    let mut out = Described {
        tag,
        name: info.map(|i| String::from(i.name.as_ref())),
        format: info.map(|i| i.format),
        value_hex: String::new(),
        decoded: None,
        children: Vec::new(),
        masked: false,
    };
    if !options.show_sensitive
        && let Some(masked) = mask(tag, value, dictionary)
    {
        out.value_hex = masked;
        out.masked = true;
        return Ok(out);
    }
    if tlv.is_constructed() {
        out.children = walk(tlv.children(), dictionary, options, context)?;
        out.masked = out.children.iter().any(|c| c.masked);
        if !out.masked {
            out.value_hex = hex(value);
        }
        return Ok(out);
    }
    out.value_hex = hex(value);
    out.decoded = value::describe_value_in(tag, value, context).or_else(|| match info?.format {
        f if is_text(f) => printable(value),
        Format::Cn => value::compressed_numeric(value).ok().filter(|digits| *digits != out.value_hex),
        _ => None,
    });
    Ok(out)
}

/// `value` as text when every byte is printable ASCII.
fn printable(value: &[u8]) -> Option<String> {
    value.iter().all(|b| (0x20..=0x7E).contains(b)).then(|| value.iter().map(|&b| char::from(b)).collect())
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out
}

fn render(nodes: &[Described], depth: usize, out: &mut String) {
    for node in nodes {
        let indent = "   ".repeat(depth);
        let name = node.name.as_deref().unwrap_or("Unknown tag");
        let _ = write!(out, "{indent}{} {name}", node.tag);
        if node.tag.is_constructed() && !node.masked || !node.children.is_empty() {
            out.push('\n');
            render(&node.children, depth + 1, out);
            continue;
        }
        let text = node.format.is_some_and(is_text) && !node.masked;
        match (&node.decoded, text) {
            (Some(decoded), true) => {
                let _ = write!(out, ": {decoded:?}");
            }
            (Some(decoded), false) if !decoded.contains('\n') => {
                let _ = write!(out, ": {} ({decoded})", node.value_hex);
            }
            _ if node.value_hex.is_empty() => out.push_str(": (empty)"),
            _ => {
                let _ = write!(out, ": {}", node.value_hex);
            }
        }
        out.push('\n');
        if let Some(decoded) = node.decoded.as_ref().filter(|d| !text && d.contains('\n')) {
            for line in decoded.lines() {
                let _ = writeln!(out, "{indent}     - {line}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec;

    use proptest::prelude::*;

    use super::*;
    use crate::tlv::{Node, encode};

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s.replace(' ', "")).unwrap()
    }

    fn tag(s: &str) -> Tag {
        s.parse().unwrap()
    }

    fn text(data: &[u8], show_sensitive: bool) -> String {
        describe(data, &Dictionary::new(), DescribeOptions { show_sensitive, strict: false }).unwrap()
    }

    #[test]
    fn published_fci_as_a_tree() {
        // SELECT response of a Visa Electron card, from Stack Overflow "How do I
        // interpret the response from GET PROCESSING OPTIONS?" (q. 30919084).
        let fci =
            h("6F2C 8407A0000000032010 A521 500D5649534120454C454354524F4E 870101 5F2D046267656E BF0C05 9F4D020B0A");
        assert_eq!(
            text(&fci, false),
            "6F File Control Information (FCI) Template\n\
            \x20  84 Dedicated File (DF) Name: A0000000032010\n\
            \x20  A5 File Control Information (FCI) Proprietary Template\n\
            \x20     50 Application Label: \"VISA ELECTRON\"\n\
            \x20     87 Application Priority Indicator: 01\n\
            \x20     5F2D Language Preference: \"bgen\"\n\
            \x20     BF0C File Control Information (FCI) Issuer Discretionary Data\n\
            \x20        9F4D Log Entry: 0B0A\n"
        );
        let tree = describe_tree(&fci, &Dictionary::new(), DescribeOptions::default()).unwrap();
        assert_eq!(tree[0].children[1].children[0].decoded.as_deref(), Some("VISA ELECTRON"));
        assert_eq!(tree[0].value_hex, hex(&fci[2..]));
    }

    #[test]
    fn bit_fields_amounts_and_unknown_tags() {
        // TVR and other values from Elavon's published EMV tag list (developer.elavon.com).
        let data =
            h("95 05 8080008000  9F02 06 000000001000  5F2A 02 0124  9F1A 02 0124  DF7F 02 0102  E1 05 9A03251231");
        assert_eq!(
            text(&data, false),
            "95 Terminal Verification Results: 8080008000\n\
            \x20    - Offline data authentication was not performed\n\
            \x20    - ICC and terminal have different application versions\n\
            \x20    - Transaction exceeds floor limit\n\
            9F02 Amount, Authorised (Numeric): 000000001000 (10.00 CAD)\n\
            5F2A Transaction Currency Code: 0124 (CAD, Canadian Dollar)\n\
            9F1A Terminal Country Code: 0124 (CA, Canada)\n\
            DF7F Unknown tag: 0102\n\
            E1 Unknown tag\n\
            \x20  9A Transaction Date: 251231 (2025-12-31)\n"
        );
    }

    /// Card data: the track 2 and track 1 samples of ID TECH's knowledge base.
    fn card_record() -> Vec<u8> {
        let track2 = h("1234567890009876D24102010000032000001F");
        let track1 = b"B6279257749132343^TEST CARD/VIVOTECH^10128130072104350000";
        let record = Node::constructed(
            tag("70"),
            vec![
                Node::primitive(tag("57"), &track2),
                Node::primitive(tag("5F20"), b"TEST CARD/VIVOTECH"),
                Node::primitive(tag("56"), track1),
                Node::primitive(tag("5A"), &h("1234567890009876")),
                Node::primitive(tag("5F24"), &h("241031")),
            ],
        )
        .unwrap();
        encode(&[record]).unwrap()
    }

    #[test]
    fn card_data_is_masked_by_default() {
        let record = card_record();
        assert_eq!(
            text(&record, false),
            "70 READ RECORD Response Message Template\n\
            \x20  57 Track 2 Equivalent Data: 123456******9876D2410201*************\n\
            \x20  5F20 Cardholder Name: ******************\n\
            \x20  56 Track 1 Data: B627925******2343^******************^1012813*************\n\
            \x20  5A Application Primary Account Number (PAN): 123456******9876\n\
            \x20  5F24 Application Expiration Date: 241031 (2024-10-31)\n"
        );
        let tree = describe_tree(&record, &Dictionary::new(), DescribeOptions::default()).unwrap();
        assert!(tree[0].masked && tree[0].value_hex.is_empty(), "a template holding card data hides its hex");
        assert!(tree[0].children[0].masked && tree[0].children[0].decoded.is_none());
        assert!(!tree[0].children[4].masked);

        let clear = text(&record, true);
        assert!(clear.contains("57 Track 2 Equivalent Data: 1234567890009876D24102010000032000001F"), "{clear}");
        assert!(clear.contains("PAN 1234567890009876, expiry 2024-10, service code 201"), "{clear}");
        assert!(clear.contains("\"TEST CARD/VIVOTECH\""), "{clear}");
    }

    #[test]
    fn mask_follows_the_dictionary() {
        let d = Dictionary::new();
        assert_eq!(mask(tag("5A"), &h("4761739001010010"), &d).as_deref(), Some("476173******0010"));
        assert_eq!(mask(tag("5A"), &h("47617390010100101F"), &d).as_deref(), Some("476173*******0101"));
        assert_eq!(mask(tag("5A"), &h("47AA"), &d).as_deref(), Some("****"), "malformed: length only");
        assert_eq!(mask(tag("57"), &h("4761"), &d).as_deref(), Some("****"));
        assert_eq!(mask(tag("9F20"), &h("1234"), &d).as_deref(), Some("****"));
        assert_eq!(mask(tag("5F20"), b"A/B", &d).as_deref(), Some("***"));
        assert_eq!(mask(tag("9F02"), &h("000000001000"), &d), None);
        assert_eq!(mask(tag("DF7F"), &h("00"), &d), None);
        let mut custom = Dictionary::new();
        let secret = crate::tlv::TagInfo {
            tag: tag("DF7F"),
            name: "Vendor secret".into(),
            format: Format::B,
            source: crate::tlv::Source::Other,
            min_len: 0,
            max_len: 8,
            sensitive: true,
        };
        custom.register(secret).unwrap();
        assert_eq!(mask(tag("DF7F"), &h("0102"), &custom).as_deref(), Some("****"));
        let out = describe(&h("DF7F 02 0102"), &custom, DescribeOptions::default()).unwrap();
        assert_eq!(out, "DF7F Vendor secret: ****\n");
    }

    #[test]
    fn strict_mode_and_errors() {
        let data = h("9A 03 251231 00");
        assert!(describe(&data, &Dictionary::new(), DescribeOptions::default()).is_ok());
        let strict = DescribeOptions { strict: true, ..DescribeOptions::default() };
        assert!(describe(&data, &Dictionary::new(), strict).is_err());
        assert!(describe(&h("70 05 5A 08 11"), &Dictionary::new(), DescribeOptions::default()).is_err());
        assert_eq!(text(&h("9F4E 00"), false), "9F4E Merchant Name and Location: \"\"\n");
        assert_eq!(text(&h("9F26 00"), false), "9F26 Application Cryptogram: (empty)\n");
        assert_eq!(text(&h("70 00"), false), "70 READ RECORD Response Message Template\n");
    }

    fn pan_cn(pan: &str) -> Vec<u8> {
        let mut digits = pan.to_string();
        if digits.len() % 2 == 1 {
            digits.push('F');
        }
        h(&digits)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the PAN and name, default output never shows the whole PAN,
        /// more than its first 6 and last 4 digits, or the name, in any form.
        #[test]
        fn masking_never_leaks_pan_or_name(
            pan in "[0-9]{13,19}",
            surname in "[A-Z]{4,12}",
            first in "[A-Z]{4,12}",
            dd in "[0-9]{0,12}",
        ) {
            let name = format!("{surname}/{first}");
            let track2 = pan_cn(&format!("{pan}D2512201{dd}"));
            let track1 = format!("B{pan}^{name}^2512201{dd}");
            let record = Node::constructed(tag("70"), vec![
                Node::primitive(tag("5A"), &pan_cn(&pan)),
                Node::primitive(tag("57"), &track2),
                Node::primitive(tag("9F6B"), &track2),
                Node::primitive(tag("56"), track1.as_bytes()),
                Node::primitive(tag("5F20"), name.as_bytes()),
                Node::primitive(tag("9F1F"), dd.as_bytes()),
            ]).unwrap();
            let data = encode(&[record]).unwrap();
            let n = pan.len();
            let forbidden = [
                pan.clone(),
                pan[..n - 4].to_string(),
                pan[6..].to_string(),
                name.clone(),
                hex(name.as_bytes()),
                hex(pan.as_bytes()),
            ];
            let out = text(&data, false);
            let tree = format!("{:?}", describe_tree(&data, &Dictionary::new(), DescribeOptions::default()).unwrap());
            for f in &forbidden {
                prop_assert!(!out.contains(f.as_str()), "{} in {}", f, out);
                prop_assert!(!tree.contains(f.as_str()), "{} in {}", f, tree);
            }
            let masked = format!("{}{}{}", &pan[..6], "*".repeat(n - 10), &pan[n - 4..]);
            prop_assert!(out.contains(&masked));
            // The same data shown on request: the test can fail.
            let clear = text(&data, true);
            prop_assert!(clear.contains(&pan) && clear.contains(&name));
        }

        #[test]
        fn describe_and_mask_are_total(data in proptest::collection::vec(any::<u8>(), 0..300), strict in any::<bool>(), show in any::<bool>()) {
            let options = DescribeOptions { show_sensitive: show, strict };
            let _ = describe(&data, &Dictionary::new(), options);
            for info in Dictionary::builtin() {
                let _ = mask(info.tag, &data, &Dictionary::new());
            }
        }

        #[test]
        fn describe_is_total_on_well_formed_trees_of_known_tags(
            values in proptest::collection::vec((0..Dictionary::builtin().len(), proptest::collection::vec(any::<u8>(), 0..40)), 1..20),
            show in any::<bool>(),
        ) {
            let nodes: Vec<Node> = values
                .iter()
                .filter_map(|(i, v)| {
                    let t = Dictionary::builtin()[*i].tag;
                    (!t.is_constructed()).then(|| Node::primitive(t, v))
                })
                .collect();
            let data = encode(&[Node::constructed(tag("70"), nodes).unwrap()]).unwrap();
            let out = describe(&data, &Dictionary::new(), DescribeOptions { show_sensitive: show, strict: true });
            prop_assert!(out.is_ok());
        }
    }
}
