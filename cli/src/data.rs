//! `posguard data …`: encrypt and decrypt data with a data key (usage D0):
//! TDES, AES or SM4, ECB or CBC, as terminal–host field encryption does.

use std::str::FromStr;

use clap::Subcommand;
use posguard::data::{self, DataPadding, Mode};
use posguard::{Algorithm, KeyUsage};
use serde_json::json;
use zeroize::Zeroizing;

use crate::{Failure, Output, args};

#[derive(Subcommand)]
pub enum Command {
    /// Encrypt data; prints the ciphertext in hex.
    Encrypt(Args),
    /// Decrypt data; prints the plaintext in hex (clear data: mind where it goes).
    Decrypt(Args),
}

#[derive(clap::Args)]
pub struct Args {
    /// The data in hex (spaces and newlines allowed); `-` reads it from stdin.
    #[arg(value_name = "DATA_HEX|-")]
    data: String,
    /// The data key (usage D0) in hex; `-` reads it from a line of stdin (before the data, if both are `-`).
    #[arg(long, value_name = "HEX")]
    key: String,
    /// Key algorithm: tdes, aes or sm4.
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    key_algorithm: Algorithm,
    /// ecb or cbc.
    #[arg(long, value_name = "MODE", value_parser = Mode::from_str, default_value = "cbc")]
    mode: Mode,
    /// CBC initialisation vector, one block in hex [default: zeros]; ECB takes none.
    #[arg(long, value_name = "HEX")]
    iv: Option<String>,
    /// none (whole blocks only), iso9797_2 (80 00…, removed on decryption) or zeros (kept on decryption).
    #[arg(long, value_name = "PADDING", value_parser = DataPadding::from_str, default_value = "none")]
    padding: DataPadding,
}

pub fn run(command: Command) -> Result<Output, Failure> {
    let (args, encrypt) = match command {
        Command::Encrypt(args) => (args, true),
        Command::Decrypt(args) => (args, false),
    };
    let key = args::key("--key", &args.key, args.key_algorithm, KeyUsage::DataEncryption)?;
    let iv = args.iv.as_deref().map(|iv| args::hex("--iv", iv)).transpose()?;
    let input = args::data("DATA", &args.data)?;
    let iv = iv.as_ref().map(|iv| iv.as_slice());
    let out = if encrypt {
        Zeroizing::new(data::encrypt(&key, &input, args.mode, iv, args.padding)?)
    } else {
        data::decrypt(&key, &input, args.mode, iv, args.padding)?
    };
    let hex = Zeroizing::new(hex::encode_upper(&*out));
    Ok(Output {
        text: hex.to_string(),
        json: json!({
            "operation": if encrypt { "encrypt" } else { "decrypt" },
            "mode": args.mode.name(),
            "padding": args.padding.name(),
            "data": hex.as_str(),
        }),
    })
}
