//! `posguard dol …`: data object lists (PDOL, CDOL1, CDOL2, DDOL, TDOL).

use std::str::FromStr;

use clap::Subcommand;
use posguard::tlv::{Dictionary, Tag, dol};
use serde_json::json;

use crate::{Failure, Output, args};

#[derive(Subcommand)]
pub enum Command {
    /// List the entries of a DOL: tag, length in bytes, name.
    Parse {
        /// The DOL in hex, e.g. the value of 8C (CDOL1); `-` reads it from stdin.
        #[arg(value_name = "DOL-HEX|-")]
        dol: String,
    },
    /// Build the data a DOL asks for, in hex (EMV Book 3, 5.4).
    ///
    /// Numeric (n) values are padded with leading zeros or cut on the left,
    /// others padded (cn with F, others with zeros) or cut on the right; tags
    /// without a --value, and templates, become zeros.
    Build {
        /// The DOL in hex, e.g. the value of 8C (CDOL1); `-` reads it from stdin.
        #[arg(value_name = "DOL-HEX|-")]
        dol: String,
        /// A data element, e.g. 9F02=000000001000; repeat for more (the last one for a tag wins).
        #[arg(long = "value", value_name = "TAG=HEX", value_parser = tag_value)]
        values: Vec<(Tag, Vec<u8>)>,
    },
}

/// Parses `TAG=HEX`; the message does not quote the value.
fn tag_value(arg: &str) -> Result<(Tag, Vec<u8>), String> {
    let (tag, value) = arg.split_once('=').ok_or("expected TAG=HEX, e.g. 9F02=000000001000")?;
    let tag = Tag::from_str(tag).map_err(|_| "the tag must be 1 to 4 bytes of hex forming one BER tag, e.g. 9F02")?;
    let value = hex::decode(value).map_err(|_| "the value must be an even number of hex digits")?;
    Ok((tag, value))
}

pub fn run(command: Command) -> Result<Output, Failure> {
    let dictionary = Dictionary::new();
    match command {
        Command::Parse { dol } => {
            let dol = args::data("the DOL", &dol)?;
            let entries = dol::parse(&dol)?;
            let name = |tag| dictionary.get(tag).map(|info| info.name.as_ref());
            let text = entries
                .iter()
                .map(|e| format!("{:<6} {:>3}  {}", e.tag.to_string(), e.len, name(e.tag).unwrap_or("Unknown tag")))
                .collect::<Vec<_>>()
                .join("\n");
            let json = entries
                .iter()
                .map(|e| json!({ "tag": e.tag.to_string(), "length": e.len, "name": name(e.tag) }))
                .collect::<Vec<_>>();
            Ok(Output { text, json: json!({ "entries": json }) })
        }
        Command::Build { dol, values } => {
            let dol = args::data("the DOL", &dol)?;
            let value = |tag| values.iter().rev().find(|(t, _)| *t == tag).map(|(_, v)| v.as_slice());
            let data = hex::encode_upper(dol::build(&dol, value, &dictionary)?);
            Ok(Output { json: json!({ "data": data }), text: data })
        }
    }
}
