//! `posguard pin …`: PIN blocks for test benches.

use std::str::FromStr;

use clap::Subcommand;
use getrandom::SysRng;
use posguard::pin::{self, Pin, PinFormat};
use posguard::{Algorithm, Key, KeyUsage};
use serde_json::json;

use crate::{Failure, Output, args};

#[derive(Subcommand)]
pub enum Command {
    /// Encode a PIN into a clear PIN block (format 4: the clear PIN field).
    ///
    /// Prints a CLEAR PIN block: a tool for test benches, not for real PINs.
    Encode {
        /// The PIN, 4 to 12 digits.
        #[arg(long)]
        pin: String,
        #[command(flatten)]
        target: Target,
    },
    /// Decode a clear PIN block (format 4: the clear PIN field).
    ///
    /// Prints the CLEAR PIN: a tool for test benches, not for real PINs.
    Decode {
        /// The clear PIN block in hex.
        #[arg(long, value_name = "HEX")]
        block: String,
        #[command(flatten)]
        target: Target,
    },
    /// Encrypt a PIN into a PIN block under a PIN encryption key.
    Encrypt {
        /// The PIN, 4 to 12 digits.
        #[arg(long)]
        pin: String,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Decrypt a PIN block under a PIN encryption key.
    ///
    /// Prints the CLEAR PIN: a tool for test benches, not for real PINs.
    Decrypt {
        /// The encrypted PIN block in hex.
        #[arg(long, value_name = "HEX")]
        block: String,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        key: KeyArgs,
    },
    /// Translate an encrypted PIN block to another key and format (ISO 9564 / PCI rules apply).
    Translate(Translate),
}

/// The block format and the PAN it is bound to.
#[derive(clap::Args)]
pub struct Target {
    /// PIN block format: iso0..iso4, 0..4 or sm4.
    #[arg(long, value_parser = PinFormat::from_str)]
    format: PinFormat,
    /// The PAN: 13-19 digits for formats 0, 3 and sm4, 1-19 for format 4 encryption; formats 1 and 2 ignore it.
    #[arg(long)]
    pan: Option<String>,
}

/// A PIN encryption key (usage P0).
#[derive(clap::Args)]
pub struct KeyArgs {
    /// The PIN encryption key in hex; `-` reads it from a line of stdin.
    #[arg(long, value_name = "HEX")]
    key: String,
    /// Key algorithm: tdes, aes or sm4 [default: the format's, tdes for 0-3, aes for 4, sm4 for sm4].
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    algorithm: Option<Algorithm>,
}

#[derive(clap::Args)]
pub struct Translate {
    /// The encrypted PIN block in hex.
    #[arg(long, value_name = "HEX")]
    block: String,
    /// The PAN the block is bound to (unchanged by translation).
    #[arg(long)]
    pan: Option<String>,
    /// The key the block is encrypted under, in hex (`-`: a line of stdin).
    #[arg(long, value_name = "HEX")]
    from_key: String,
    /// Algorithm of --from-key [default: the format's].
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    from_algorithm: Option<Algorithm>,
    /// Format of the block: iso0..iso4, 0..4 or sm4.
    #[arg(long, value_parser = PinFormat::from_str)]
    from_format: PinFormat,
    /// The key to encrypt the new block under, in hex (`-`: the next line of stdin).
    #[arg(long, value_name = "HEX")]
    to_key: String,
    /// Algorithm of --to-key [default: the format's].
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    to_algorithm: Option<Algorithm>,
    /// Format of the new block: iso0..iso4, 0..4 or sm4.
    #[arg(long, value_parser = PinFormat::from_str)]
    to_format: PinFormat,
}

/// A P0 key from a hex option; the algorithm defaults to the one `format` is enciphered with.
fn pin_key(option: &str, hex: &str, algorithm: Option<Algorithm>, format: PinFormat) -> Result<Key, Failure> {
    args::key(option, hex, algorithm.unwrap_or(format.algorithm()), KeyUsage::PinEncryption)
}

pub fn run(command: Command) -> Result<Output, Failure> {
    match command {
        Command::Encode { pin, target } => {
            let block = pin::encode(&pin, target.pan.as_deref(), target.format, &mut SysRng)?;
            Ok(block_output(target.format, block.expose()))
        }
        Command::Decode { block, target } => {
            let block = args::hex("--block", &block)?;
            Ok(pin_output(target.format, &pin::decode(&block, target.pan.as_deref(), target.format)?))
        }
        Command::Encrypt { pin, target, key } => {
            let key = pin_key("--key", &key.key, key.algorithm, target.format)?;
            let block = pin::encrypt(&pin, target.pan.as_deref(), &key, target.format, &mut SysRng)?;
            Ok(block_output(target.format, block.as_bytes()))
        }
        Command::Decrypt { block, target, key } => {
            let key = pin_key("--key", &key.key, key.algorithm, target.format)?;
            let block = args::hex("--block", &block)?;
            Ok(pin_output(target.format, &pin::decrypt(&block, target.pan.as_deref(), &key, target.format)?))
        }
        Command::Translate(t) => {
            let from_key = pin_key("--from-key", &t.from_key, t.from_algorithm, t.from_format)?;
            let to_key = pin_key("--to-key", &t.to_key, t.to_algorithm, t.to_format)?;
            let block = args::hex("--block", &t.block)?;
            let pan = t.pan.as_deref();
            let out = pin::translate(&block, pan, &from_key, t.from_format, &to_key, t.to_format, &mut SysRng)?;
            Ok(block_output(t.to_format, out.as_bytes()))
        }
    }
}

fn block_output(format: PinFormat, block: &[u8]) -> Output {
    let block = hex::encode_upper(block);
    Output { json: json!({ "format": format.name(), "block": block }), text: block }
}

fn pin_output(format: PinFormat, pin: &Pin) -> Output {
    Output { text: pin.as_str().to_owned(), json: json!({ "format": format.name(), "pin": pin.as_str() }) }
}
