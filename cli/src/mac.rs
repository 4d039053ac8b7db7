//! `posguard mac …`: generate and verify MACs with every variant named, to
//! find out why a host answers "security authentication failed" (A0).

use std::str::FromStr;

use clap::Subcommand;
use posguard::mac::{self, MacAlgorithm, MacValue, Padding};
use posguard::{Algorithm, Key, KeyUsage};
use serde_json::json;

use crate::{Failure, Output, args};

#[derive(Subcommand)]
pub enum Command {
    /// Compute a MAC; prints it in hex (UnionPay MACs: the hex of their ASCII characters, and the characters).
    Generate {
        #[command(flatten)]
        common: Common,
        /// MAC length in bytes (UnionPay: in characters) [default: the algorithm's].
        #[arg(long, value_name = "N")]
        length: Option<usize>,
    },
    /// Verify a MAC (constant time); exits 1 with "MAC verification failed" on a mismatch.
    Verify {
        #[command(flatten)]
        common: Common,
        /// The MAC to check, in hex; its length is the MAC length.
        #[arg(long, value_name = "HEX", required_unless_present = "mac_text", conflicts_with = "mac_text")]
        mac: Option<String>,
        /// Or, for the UnionPay MACs: the MAC as its characters, as carried in ISO 8583 field 64.
        #[arg(long, value_name = "CHARS")]
        mac_text: Option<String>,
    },
}

#[derive(clap::Args)]
pub struct Common {
    /// The message in hex (spaces and newlines allowed); `-` reads it from stdin.
    #[arg(value_name = "DATA_HEX|-")]
    data: String,
    /// The MAC key in hex; `-` reads it from a line of stdin (before the data, if both are `-`).
    #[arg(long, value_name = "HEX")]
    key: String,
    /// Key algorithm: des, tdes, aes, sm4 or hmac [default: tdes for iso9797_3, hmac for hmac_sha256,
    /// sm4 for unionpay_ecb_sm4, des or tdes by key length for unionpay_ecb].
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    key_algorithm: Option<Algorithm>,
    /// Key usage (TR-31 code) [default: the algorithm's: M1 iso9797_1, M3 iso9797_3, M6 cmac, M7 hmac_sha256,
    /// M0 unionpay]; M0 is accepted by every algorithm.
    #[arg(long, value_name = "USAGE", value_parser = KeyUsage::from_str)]
    key_usage: Option<KeyUsage>,
    /// MAC algorithm: iso9797_1 (CBC-MAC), iso9797_3 (ANSI X9.19 retail MAC), cmac, hmac_sha256,
    /// unionpay_ecb, unionpay_ecb_sm4 (the UnionPay MACs are weak: see the API docs).
    #[arg(long, value_name = "ALG", value_parser = MacAlgorithm::from_str)]
    algorithm: MacAlgorithm,
    /// ISO/IEC 9797-1 padding method 1, 2 or 3 (iso9797_1 and iso9797_3 only).
    #[arg(long, value_name = "1|2|3", value_parser = Padding::from_str, default_value = "1")]
    padding: Padding,
}

impl Common {
    /// The MAC key with its algorithm and usage (given or the MAC algorithm's).
    fn key(&self) -> Result<Key, Failure> {
        let algorithm = match (self.key_algorithm, self.algorithm) {
            (Some(a), _) => a,
            (None, MacAlgorithm::Iso9797_3) => Algorithm::Tdes,
            (None, MacAlgorithm::HmacSha256) => Algorithm::Hmac,
            (None, MacAlgorithm::UnionPayEcbSm4) => Algorithm::Sm4,
            (None, MacAlgorithm::UnionPayEcb) => {
                // A single DES MAK is 8 bytes (16 hex digits), a TDES one 16 or 24.
                let digits = self.key.bytes().filter(u8::is_ascii_hexdigit).count();
                if digits == 16 { Algorithm::Des } else { Algorithm::Tdes }
            }
            (None, _) => {
                return Err(Failure::Usage(format!(
                    "give --key-algorithm (des, tdes, aes or sm4) for {}",
                    self.algorithm.name()
                )));
            }
        };
        let usage = self.key_usage.unwrap_or(match self.algorithm {
            MacAlgorithm::Iso9797_1 => KeyUsage::MacIso9797_1,
            MacAlgorithm::Iso9797_3 => KeyUsage::MacIso9797_3,
            MacAlgorithm::Cmac => KeyUsage::MacCmac,
            MacAlgorithm::HmacSha256 => KeyUsage::MacHmac,
            _ => KeyUsage::Mac,
        });
        args::key("--key", &self.key, algorithm, usage)
    }
}

fn is_unionpay(algorithm: MacAlgorithm) -> bool {
    matches!(algorithm, MacAlgorithm::UnionPayEcb | MacAlgorithm::UnionPayEcbSm4)
}

pub fn run(command: Command) -> Result<Output, Failure> {
    match command {
        Command::Generate { common, length } => {
            let key = common.key()?;
            let data = args::data("DATA", &common.data)?;
            let value = mac::generate(&key, &data, common.algorithm, common.padding, length)?;
            Ok(generate_output(&common, &value))
        }
        Command::Verify { common, mac, mac_text } => {
            let key = common.key()?;
            let expected = match (mac, mac_text) {
                (Some(hex), _) => args::hex("--mac", &hex)?.to_vec(),
                (None, Some(text)) => text.into_bytes(),
                (None, None) => return Err(Failure::Usage("give --mac or --mac-text".into())),
            };
            let data = args::data("DATA", &common.data)?;
            mac::verify(&key, &data, &expected, common.algorithm, common.padding)?;
            Ok(Output {
                text: "MAC verified".into(),
                json: json!({
                    "verified": true,
                    "algorithm": common.algorithm.name(),
                    "padding": common.padding.number(),
                    "length": expected.len(),
                }),
            })
        }
    }
}

fn generate_output(common: &Common, value: &MacValue) -> Output {
    let hex = value.to_hex();
    let mut json = json!({
        "mac": hex,
        "algorithm": common.algorithm.name(),
        "padding": common.padding.number(),
        "length": value.len(),
    });
    let mut text = hex.clone();
    if is_unionpay(common.algorithm) {
        // The UnionPay MAC is printable hex characters: show them as well.
        let chars = String::from_utf8_lossy(value.as_bytes()).into_owned();
        text = format!("{hex} ({chars})");
        json["mac_text"] = json!(chars);
    }
    Output { text, json }
}
