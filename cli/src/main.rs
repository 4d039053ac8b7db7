//! `posguard`: key check values, PIN blocks, TR-31 key blocks, DUKPT, MACs,
//! data encryption and EMV TLV from the command line, and a simulated
//! terminal and host (`posguard demo`).
//!
//! Hex goes in any case and comes out uppercase; `--json` prints one JSON
//! object. Errors go to stderr and never quote a key or PIN: exit code 2 for a
//! wrong command line, 1 when posguard refuses the operation (malformed TLV,
//! DOL or key block data: with the offset).

mod args;
mod data;
mod demo;
mod dol;
mod dukpt;
mod kcv;
mod mac;
mod pin;
mod tlv;
mod tr31;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::{Value, json};

#[derive(Parser)]
#[command(name = "posguard", version, about = "posguard: payment terminal security from the command line")]
struct Cli {
    /// Print one JSON object instead of text (errors too, on stderr).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compute a key check value (KCV).
    Kcv(kcv::Args),
    /// Encode, decode, encrypt, decrypt and translate PIN blocks (ISO 9564-1 formats 0-4, UnionPay SM4).
    #[command(subcommand)]
    Pin(pin::Command),
    /// Run a simulated terminal and host: keys, PIN capture, translation, verification.
    ///
    /// Prints check values and encrypted blocks only, never a clear key or PIN.
    Demo(demo::Args),
    /// Decode EMV BER-TLV (card responses, field 55) with tag names and decoded values; find a tag.
    #[command(subcommand)]
    Tlv(tlv::Command),
    /// Parse a data object list (PDOL, CDOL1…) or build the data it asks for.
    #[command(subcommand)]
    Dol(dol::Command),
    /// TR-31 / ANSI X9.143 / ISO 20038 key blocks: unwrap, wrap, inspect.
    #[command(subcommand)]
    Tr31(tr31::Command),
    /// DUKPT (TDES ANSI X9.24-1, AES X9.24-3): initial keys and transaction keys, printed in CLEAR for test rigs.
    ///
    /// The scheme follows the KSN's length (10 bytes: TDES, 12 bytes: AES) unless --scheme names it.
    #[command(subcommand)]
    Dukpt(dukpt::Command),
    /// MACs: ISO 9797-1 algorithms 1 and 3 (retail MAC), CMAC, HMAC-SHA256, UnionPay ECB (DES, SM4).
    #[command(subcommand)]
    Mac(mac::Command),
    /// Encrypt or decrypt data with a data key (TDES, AES, SM4; ECB or CBC).
    #[command(subcommand)]
    Data(data::Command),
}

/// What a command prints: `text` by default, `json` with `--json`.
pub struct Output {
    text: String,
    json: Value,
}

/// Why a command failed. Messages name what was wrong, never a key or PIN.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong (exit code 2).
    Usage(String),
    /// posguard refused the operation (exit code 1).
    Posguard(posguard::Error),
    /// A check the command makes did not hold (exit code 1).
    Check(&'static str),
}

impl From<posguard::Error> for Failure {
    fn from(e: posguard::Error) -> Self {
        Failure::Posguard(e)
    }
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Posguard(_) | Failure::Check(_) => 1,
        }
    }

    fn json(&self) -> Value {
        match self {
            Failure::Usage(message) => json!({ "error": { "kind": "usage", "message": message } }),
            Failure::Posguard(e) => {
                let mut error = json!({ "kind": e.kind().to_string(), "code": e.code(), "message": e.to_string() });
                // TLV and DOL errors: a byte offset; key blocks: a character offset.
                if let Some(offset) = e.offset() {
                    error["offset"] = json!(offset);
                }
                json!({ "error": error })
            }
            Failure::Check(message) => json!({ "error": { "kind": "check", "message": message } }),
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Usage(message) => message.clone(),
            Failure::Posguard(e) => e.to_string(),
            Failure::Check(message) => (*message).to_owned(),
        }
    }
}

fn main() -> ExitCode {
    let (result, json) = match Cli::try_parse() {
        Ok(cli) => (run(cli.command), cli.json),
        Err(e) if !e.use_stderr() => {
            // Help or version: nothing from the command line is quoted.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => (Err(Failure::Usage(clap_message(&e))), std::env::args_os().any(|a| a == "--json")),
    };
    match result {
        Ok(out) if json => println!("{}", out.json),
        Ok(out) => println!("{}", out.text),
        Err(failure) => {
            if json {
                eprintln!("{}", failure.json());
            } else {
                eprintln!("error: {}", failure.message());
            }
            return ExitCode::from(failure.exit_code());
        }
    }
    ExitCode::SUCCESS
}

fn run(command: Command) -> Result<Output, Failure> {
    match command {
        Command::Kcv(args) => kcv::run(&args),
        Command::Pin(command) => pin::run(command),
        Command::Demo(args) => demo::run(&args),
        Command::Tlv(command) => tlv::run(command),
        Command::Dol(command) => dol::run(command),
        Command::Tr31(command) => tr31::run(command),
        Command::Dukpt(command) => dukpt::run(command),
        Command::Mac(command) => mac::run(command),
        Command::Data(command) => data::run(command),
    }
}

/// Clap's message for a command-line error. Clap quotes the arguments it
/// rejects, so anything that could be a key, PIN, PAN or PIN block (a
/// misplaced `--key` value, say) is redacted.
fn clap_message(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut message = rendered.trim().strip_prefix("error: ").unwrap_or(rendered.trim()).to_owned();
    for word in std::env::args_os().skip(1) {
        let word = word.to_string_lossy();
        let value = word.split_once('=').map_or(&*word, |(_, v)| v);
        if args::looks_secret(value) {
            message = message.replace(value, "<redacted>");
        }
    }
    message
}
