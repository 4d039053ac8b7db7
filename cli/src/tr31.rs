//! `posguard tr31 …`: TR-31 / ANSI X9.143 / ISO 20038 key blocks for key
//! loading rigs: read a header, unwrap a block, wrap a key.

use std::io::Read;
use std::str::FromStr;

use clap::Subcommand;
use getrandom::SysRng;
use posguard::tr31::{self, Exportability, Header, OptionalBlock, UnwrapOptions, Version, WrapOptions};
use posguard::{Algorithm, CheckValueMethod, Key, KeyUsage, ModeOfUse};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::{Failure, Output, args};

#[derive(Subcommand)]
pub enum Command {
    /// Unwrap a key block: check its MAC and header, print the key's attributes and check value.
    ///
    /// The clear key is printed only with --show-key. Strict ANSI X9.143
    /// validation unless --lenient; version A blocks only with --allow-version-a.
    Unwrap {
        /// The key block (`-` reads it from stdin).
        #[arg(value_name = "BLOCK|-")]
        block: String,
        #[command(flatten)]
        kbpk: Kbpk,
        /// Accept what real HSMs emit: no key length obfuscation, lower-case hex, unchecked KC/KP blocks…
        #[arg(long)]
        lenient: bool,
        /// Accept deprecated version A (TR-31:2005) blocks.
        #[arg(long)]
        allow_version_a: bool,
        /// Also print the CLEAR key in hex: for test rigs and key ceremonies, never for production keys.
        #[arg(long)]
        show_key: bool,
    },
    /// Wrap a key into a key block (versions B, C, D, E) with a random pad from the OS.
    Wrap(Wrap),
    /// Read a key block's header without the KBPK (version, usage, algorithm, mode, optional blocks).
    Inspect {
        /// The key block (`-` reads it from stdin).
        #[arg(value_name = "BLOCK|-")]
        block: String,
    },
}

/// The key block protection key.
#[derive(clap::Args)]
pub struct Kbpk {
    /// The key block protection key (KBPK, usage K1) in hex; `-` reads it from a line of stdin.
    #[arg(long, value_name = "HEX")]
    kbpk: String,
    /// KBPK algorithm: tdes or aes [default: the version's: tdes for A, B, C; aes for D, E].
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    kbpk_algorithm: Option<Algorithm>,
}

#[derive(clap::Args)]
pub struct Wrap {
    #[command(flatten)]
    kbpk: Kbpk,
    /// The key to wrap, in hex; `-` reads it from a line of stdin (after the KBPK's line if both are `-`).
    #[arg(long, value_name = "HEX")]
    key: String,
    /// Algorithm of the key: tdes, aes, des or hmac.
    #[arg(long, value_name = "ALG", value_parser = Algorithm::from_str)]
    algorithm: Algorithm,
    /// Usage of the key: TR-31 code (P0, K0, B0, M3, D0…) or name (pin, kek, bdk…).
    #[arg(long, value_name = "USAGE", value_parser = KeyUsage::from_str)]
    usage: KeyUsage,
    /// Mode of use (B, C, D, E, G, N, V, X) [default: the usage's usual mode].
    #[arg(long, value_name = "M", value_parser = ModeOfUse::from_str)]
    mode: Option<ModeOfUse>,
    /// Key block version: B, C, D or E.
    #[arg(long, value_name = "V", value_parser = Version::from_str, default_value = "D")]
    version: Version,
    /// Two-character key version number.
    #[arg(long, value_name = "KV", default_value = "00")]
    key_version: String,
    /// Exportability: E (exportable), N (non-exportable) or S (sensitive).
    #[arg(long, value_name = "E|N|S", value_parser = Exportability::from_str, default_value = "N")]
    exportability: Exportability,
    /// An optional block, repeatable, in order: ID=DATA (e.g. KS=FFFF9876543210E00000,
    /// TS=20200818221218Z). KC or KP without data: the check value of the key / of the KBPK.
    #[arg(long = "block", value_name = "ID=DATA")]
    blocks: Vec<String>,
    /// Do not pad the key to its algorithm's longest length (X9.143 expects the padding).
    #[arg(long)]
    no_mask_key_length: bool,
}

pub fn run(command: Command) -> Result<Output, Failure> {
    match command {
        Command::Unwrap { block, kbpk, lenient, allow_version_a, show_key } => {
            let kbpk_key = kbpk_key(&kbpk, version_of(&block))?;
            let block = block_arg(&block)?;
            let header = tr31::inspect(&block).ok();
            let options = UnwrapOptions { strict: !lenient, allow_version_a };
            let key = tr31::unwrap(&kbpk_key, &block, &options)?;
            // The header read without the KBPK is the one the MAC just authenticated.
            let header = header.ok_or(Failure::Check("the key block header could not be read"))?;
            Ok(unwrap_output(&header, &key, show_key))
        }
        Command::Wrap(w) => wrap(w),
        Command::Inspect { block } => {
            let header = tr31::inspect(&block_arg(&block)?)?;
            Ok(Output { text: header_text(&header), json: json!({ "header": header_json(&header) }) })
        }
    }
}

/// The key block argument; `-` reads it from stdin (surrounding whitespace dropped).
fn block_arg(value: &str) -> Result<Zeroizing<String>, Failure> {
    let mut text = Zeroizing::new(String::new());
    if value == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("key block: cannot read stdin: {e}")))?;
    } else {
        text.push_str(value);
    }
    Ok(Zeroizing::new(text.trim().to_owned()))
}

/// The version letter of a block argument (not for `-`), to pick the KBPK algorithm.
fn version_of(block: &str) -> Option<Version> {
    block.get(..1).and_then(|c| c.parse().ok())
}

/// The KBPK as a K1 key, mode B; its algorithm is given or the one `version` needs.
fn kbpk_key(kbpk: &Kbpk, version: Option<Version>) -> Result<Key, Failure> {
    let algorithm = match (kbpk.kbpk_algorithm, version) {
        (Some(algorithm), _) => algorithm,
        (None, Some(version)) => version.kbpk_algorithm(),
        (None, None) => {
            return Err(Failure::Usage(
                "give --kbpk-algorithm (tdes or aes): the key block's version is not known yet".into(),
            ));
        }
    };
    args::key("--kbpk", &kbpk.kbpk, algorithm, KeyUsage::KeyBlockProtection)
}

fn wrap(w: Wrap) -> Result<Output, Failure> {
    let kbpk = kbpk_key(&w.kbpk, Some(w.version))?;
    let key = args::key("--key", &w.key, w.algorithm, w.usage)?;
    let key = match w.mode {
        Some(mode) => Key::with_mode(w.algorithm, w.usage, mode, key.export_clear().expose())?,
        None => key,
    };
    let mut optional_blocks = Vec::with_capacity(w.blocks.len());
    for b in &w.blocks {
        let (id, data) = b.split_once('=').unwrap_or((b, ""));
        optional_blocks.push(OptionalBlock::new(id, data));
    }
    let options = WrapOptions {
        version: w.version,
        key_version: w.key_version,
        exportability: w.exportability,
        optional_blocks,
        mask_key_length: !w.no_mask_key_length,
    };
    let block = tr31::wrap(&kbpk, &key, &options, &mut SysRng)?;
    let (kcv, method) = kcv(&key);
    Ok(Output {
        text: block.clone(),
        json: json!({
            "block": block,
            "version": w.version.code().to_string(),
            "key_kind": key.kind(),
            "kcv": kcv,
            "kcv_method": method,
        }),
    })
}

/// The key's usual check value (CMAC for AES, zero-block otherwise) and its
/// method; `None` for HMAC keys, which have none.
pub fn kcv(key: &Key) -> (Option<String>, Option<&'static str>) {
    match key.check_value() {
        Ok(kcv) => (Some(kcv.to_hex()), Some(CheckValueMethod::default_for(key.algorithm()).name())),
        Err(_) => (None, None),
    }
}

fn header_json(h: &Header) -> Value {
    json!({
        "version": h.version.code().to_string(),
        "length": h.length,
        "usage": h.usage.name(),
        "usage_code": h.usage.code(),
        "algorithm": h.algorithm.name(),
        "mode": h.mode.code().to_string(),
        "key_version": h.key_version,
        "exportability": h.exportability.code().to_string(),
        "optional_blocks": h.optional_blocks.iter().map(|b| json!({ "id": b.id, "data": b.data })).collect::<Vec<_>>(),
    })
}

fn header_text(h: &Header) -> String {
    let mut lines = vec![
        format!("version        {}", h.version.code()),
        format!("length         {}", h.length),
        format!("usage          {} ({})", h.usage.code(), h.usage.name()),
        format!("algorithm      {}", h.algorithm.name()),
        format!("mode of use    {}", h.mode.code()),
        format!("key version    {}", h.key_version),
        format!("exportability  {} ({})", h.exportability.code(), h.exportability.name()),
    ];
    if h.optional_blocks.is_empty() {
        lines.push("optional blocks: none".into());
    } else {
        lines.push("optional blocks:".into());
        lines.extend(h.optional_blocks.iter().map(|b| format!("  {} {}", b.id, b.data)));
    }
    lines.join("\n")
}

fn unwrap_output(header: &Header, key: &Key, show_key: bool) -> Output {
    let (kcv, method) = kcv(key);
    let mut text = header_text(header);
    text.push_str(&format!("\nkey            {}", key.kind()));
    match (&kcv, method) {
        (Some(kcv), Some(method)) => text.push_str(&format!("\nKCV            {kcv} ({method})")),
        _ => text.push_str("\nKCV            none (HMAC key)"),
    }
    let mut json = json!({
        "header": header_json(header),
        "key_kind": key.kind(),
        "kcv": kcv,
        "kcv_method": method,
    });
    if show_key {
        let clear = Zeroizing::new(hex::encode_upper(key.export_clear().expose()));
        text.push_str(&format!("\nkey (CLEAR)    {}", clear.as_str()));
        json["key"] = json!(clear.as_str());
    }
    Output { text, json }
}
