//! An acquirer host reading field 55 (ISO 8583 ICC data) of an authorisation
//! request: find the ARQC and the data the card computed it over, with their
//! EMV names and decoded values, and say which ones are missing.
//!
//! Run: `cargo run -p posguard-cli --example field55 [FIELD-55-HEX]`

use posguard::tlv::{self, Dictionary, Options, Tag};

/// The CyberSource SDK sample of core/tests/vectors/tlv.json ("field 55 cybersource apple pay sample").
const SAMPLE: &str = "9C01019A031207109F33036040209F1A0207849F370482766E409F3602001F82025C009F2608EF7753429A5D16B1\
                      9F100706010A03A00000950580000400009F02060000000700009F6E0482766E409F5B04123456789F2701809F34\
                      03AB12349F0902AB129F4104AB1234AB9F0702AB129F0610123456789012345678901234567890AB9F030200005F\
                      2A0207849F7C031234569F350123";

/// The cryptogram, its type, the IAD and ATC, then the terminal and card data
/// the ARQC covers (EMV Book 2, 8.1.1: the recommended minimum set).
const ARQC_TAGS: [u32; 13] =
    [0x9F26, 0x9F27, 0x9F10, 0x9F36, 0x9F02, 0x9F03, 0x9F1A, 0x95, 0x5F2A, 0x9A, 0x9C, 0x9F37, 0x82];

fn main() -> Result<(), posguard::Error> {
    let field55 = std::env::args().nth(1).unwrap_or_else(|| SAMPLE.to_owned());
    let data = hex::decode(field55).map_err(|_| posguard::Error::InvalidArgument("field 55 must be hex"))?;
    let dictionary = Dictionary::new();
    for tag in ARQC_TAGS {
        let tag = Tag::new(tag)?;
        let name = dictionary.get(tag).map_or("Unknown tag", |info| info.name.as_ref());
        // Zero-copy: `found` borrows its value from `data`.
        let Some(found) = tlv::find(&data, tag, Options::lenient())? else {
            println!("{:<5} {name:<40} missing", tag.to_string());
            continue;
        };
        let decoded = tlv::describe_value(tag, found.value()).map(|d| format!(" ({})", d.replace('\n', "; ")));
        println!(
            "{:<5} {name:<40} {}{}",
            tag.to_string(),
            hex::encode_upper(found.value()),
            decoded.unwrap_or_default()
        );
    }
    Ok(())
}
