//! `posguard tlv …`: EMV BER-TLV for people (the core's decoder, card data
//! masked) and for scripts (`--json`).

use std::str::FromStr;

use clap::Subcommand;
use posguard::tlv::{self, DescribeOptions, Described, Dictionary, Format, Options, Tag};
use serde_json::{Value, json};

use crate::{Failure, Output, args};

#[derive(Subcommand)]
pub enum Command {
    /// Decode BER-TLV into an indented tree of tags, names and decoded values.
    ///
    /// Card data (PAN, track data, cardholder name…) is masked unless
    /// --show-sensitive is given. With --json: {"objects": [{tag, name, format,
    /// value, decoded, masked, children}]}.
    Decode {
        /// The TLV data in hex (spaces and newlines allowed); `-` reads it from stdin.
        #[arg(value_name = "HEX|-")]
        data: String,
        #[command(flatten)]
        view: View,
    },
    /// Print the value of the first object with a tag (depth-first), in hex.
    Find {
        /// The TLV data in hex (spaces and newlines allowed); `-` reads it from stdin.
        #[arg(value_name = "HEX|-")]
        data: String,
        /// The tag in hex, e.g. 9F02.
        #[arg(long, value_parser = Tag::from_str)]
        tag: Tag,
        #[command(flatten)]
        view: View,
    },
}

/// How much to show and how strictly to parse.
#[derive(clap::Args)]
pub struct View {
    /// Show card data in clear: PAN, track 1 and 2 data, cardholder name.
    ///
    /// WARNING: the output is then cardholder data (PCI DSS applies): keep it
    /// out of tickets, chats, logs and shell history.
    #[arg(long)]
    show_sensitive: bool,
    /// Reject what real cards get away with: non-minimal tags and lengths, trailing bytes.
    #[arg(long)]
    strict: bool,
}

impl View {
    fn options(&self) -> DescribeOptions {
        DescribeOptions { show_sensitive: self.show_sensitive, strict: self.strict }
    }
}

pub fn run(command: Command) -> Result<Output, Failure> {
    let dictionary = Dictionary::new();
    match command {
        Command::Decode { data, view } => {
            let data = args::data("the TLV data", &data)?;
            let tree = tlv::describe_tree(&data, &dictionary, view.options())?;
            let text = tlv::describe(&data, &dictionary, view.options())?;
            Ok(Output { text: text.trim_end().to_owned(), json: json!({ "objects": objects(&tree) }) })
        }
        Command::Find { data, tag, view } => {
            let data = args::data("the TLV data", &data)?;
            let parse = if view.strict { Options::strict() } else { Options::lenient() };
            let found = tlv::find(&data, tag, parse)?.ok_or(Failure::Check("no object with this tag in the data"))?;
            // Describe the object alone: the core masks it, and a template with card data inside.
            let object = &data[found.offset()..found.value_offset() + found.value().len()];
            let described = tlv::describe_tree(object, &dictionary, view.options())?;
            let node = described.first().ok_or(Failure::Check("the object could not be described"))?;
            if node.masked && node.value_hex.is_empty() {
                return Err(Failure::Check("this template holds card data: add --show-sensitive to print it"));
            }
            Ok(Output {
                text: node.value_hex.clone(),
                json: json!({ "tag": tag.to_string(), "name": node.name, "value": node.value_hex, "masked": node.masked }),
            })
        }
    }
}

/// The described tree as JSON, one object per TLV object.
fn objects(nodes: &[Described]) -> Value {
    nodes
        .iter()
        .map(|n| {
            json!({
                "tag": n.tag.to_string(),
                "name": n.name,
                "format": n.format.map(Format::name),
                "value": n.value_hex,
                "decoded": n.decoded,
                "masked": n.masked,
                "children": objects(&n.children),
            })
        })
        .collect()
}
