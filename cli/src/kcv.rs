//! `posguard kcv`: key check values.

use std::str::FromStr;

use clap::ValueEnum;
use posguard::{Algorithm, CheckValueMethod, KeyUsage};
use serde_json::json;

use crate::{Failure, Output, args};

/// The usual check value length: 3 bytes, 6 hex digits.
const DEFAULT_LENGTH: usize = 3;

#[derive(clap::Args)]
pub struct Args {
    /// The key in hex; `-` reads it from a line of stdin.
    #[arg(long, value_name = "HEX")]
    key: String,
    /// Key algorithm: tdes, aes, sm4 or des.
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    algorithm: Algorithm,
    /// Default: cmac for AES keys (ANSI X9.24-1:2017), zero-block otherwise.
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// Check value length in bytes, 1 to the cipher block size [default: 3].
    #[arg(long, value_name = "N")]
    length: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Method {
    /// Encrypt a block of zeros, keep the leftmost bytes.
    ZeroBlock,
    /// CMAC of a block of zeros, leftmost bytes.
    Cmac,
    /// The 4-byte zero-block check value of UnionPay sign-on responses.
    Unionpay,
}

pub fn run(args: &Args) -> Result<Output, Failure> {
    // A check value does not depend on the usage; single DES keys exist only as MAC keys.
    let usage = if args.algorithm == Algorithm::Des { KeyUsage::Mac } else { KeyUsage::KeyEncryption };
    let key = args::key("--key", &args.key, args.algorithm, usage)?;
    let method = args.method.unwrap_or(match CheckValueMethod::default_for(args.algorithm) {
        CheckValueMethod::Cmac => Method::Cmac,
        _ => Method::ZeroBlock,
    });
    let kcv = match (method, args.length) {
        (Method::Unionpay, None) => key.check_value_unionpay()?,
        (Method::Unionpay, Some(_)) => {
            return Err(Failure::Usage("--length does not apply to --method unionpay (always 4 bytes)".into()));
        }
        (Method::ZeroBlock, len) => key.check_value_with(CheckValueMethod::ZeroBlock, len.unwrap_or(DEFAULT_LENGTH))?,
        (Method::Cmac, len) => key.check_value_with(CheckValueMethod::Cmac, len.unwrap_or(DEFAULT_LENGTH))?,
    };
    let method = method.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default();
    Ok(Output { text: kcv.to_hex(), json: json!({ "key_kind": key.kind(), "method": method, "kcv": kcv.to_hex() }) })
}
