//! `posguard dukpt …`: host-side DUKPT derivations for cross-checking devices:
//! TDES DUKPT (ANSI X9.24-1:2009, 10-byte KSN) and AES DUKPT (ANSI X9.24-3:2017,
//! 12-byte KSN).
//!
//! The scheme follows the KSN's length (10 bytes: TDES, 12 bytes: AES; for
//! `ipek` also 8 bytes: an AES initial key ID) unless `--scheme` names it.
//! These commands print derived keys in CLEAR, labelled as such: they are
//! for test rigs and key escrow checks, with test BDKs.

use std::str::FromStr;

use clap::{Subcommand, ValueEnum};
use posguard::dukpt::{aes, tdes};
use posguard::{Algorithm, Key, KeyUsage};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::{Failure, Output, args, tr31::kcv};

#[derive(Subcommand)]
pub enum Command {
    /// Derive a device's initial key and print it in CLEAR.
    ///
    /// TDES: the IPEK from the BDK and the KSN (X9.24-1:2009 A.6; the counter
    /// bits are ignored). AES: the initial key from the BDK and the initial key
    /// ID, the first 8 bytes of the KSN (X9.24-3:2017 6.3.3); an 8-byte --ksn
    /// is taken as the initial key ID.
    Ipek {
        /// The base derivation key (BDK) in hex; `-` reads it from a line of stdin.
        #[arg(long, value_name = "HEX")]
        bdk: String,
        #[command(flatten)]
        ksn: KsnArgs,
    },
    /// Derive the working key of one transaction and print it in CLEAR.
    ///
    /// TDES usages: pin, mac_request, mac_response, data_request, data_response.
    /// AES usages: pin, mac_generate, mac_verify, mac_both, data_encrypt,
    /// data_decrypt, data_both, kek; AES key types: tdes2, tdes3, aes128,
    /// aes192, aes256, hmac128, hmac192, hmac256 [default: the BDK's AES type].
    ///
    /// From --bdk (the host) an AES one-way key gets the host's mode of use
    /// (the device's mac_generate key verifies); from --ipek, the device's.
    /// The key material is the same.
    Derive {
        #[command(flatten)]
        base: BaseKey,
        #[command(flatten)]
        ksn: KsnArgs,
        /// What the key is for (see above).
        #[arg(long, value_name = "USAGE")]
        usage: String,
        /// AES DUKPT only: the type of the derived key (see above).
        #[arg(long, value_name = "TYPE", value_parser = aes::KeyType::from_str)]
        key_type: Option<aes::KeyType>,
    },
}

/// The KSN and the scheme.
#[derive(clap::Args)]
pub struct KsnArgs {
    /// The key serial number in hex: 10 bytes (TDES DUKPT) or 12 bytes (AES DUKPT).
    #[arg(long, value_name = "HEX")]
    ksn: String,
    /// tdes (ANSI X9.24-1) or aes (ANSI X9.24-3) [default: by the KSN's length].
    #[arg(long, value_enum)]
    scheme: Option<Scheme>,
}

/// The key derivation starts from: the BDK (host) or the device's initial key.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
pub struct BaseKey {
    /// The base derivation key (BDK) in hex; `-` reads it from a line of stdin.
    #[arg(long, value_name = "HEX")]
    bdk: Option<String>,
    /// Or: the device's initial key (IPEK / AES initial key) in hex; `-`: a line of stdin.
    #[arg(long, value_name = "HEX")]
    ipek: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scheme {
    /// TDES DUKPT, ANSI X9.24-1:2009: 10-byte KSN, double-length TDES BDK.
    Tdes,
    /// AES DUKPT, ANSI X9.24-3:2017: 12-byte KSN, AES BDK.
    Aes,
}

impl Scheme {
    fn name(self) -> &'static str {
        match self {
            Scheme::Tdes => "tdes",
            Scheme::Aes => "aes",
        }
    }

    fn standard(self) -> &'static str {
        match self {
            Scheme::Tdes => "ANSI X9.24-1:2009",
            Scheme::Aes => "ANSI X9.24-3:2017",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Scheme::Tdes => Algorithm::Tdes,
            Scheme::Aes => Algorithm::Aes,
        }
    }
}

/// The KSN bytes and the scheme: given, or by length (10: TDES, 12: AES, and
/// for `ipek` 8: an AES initial key ID).
fn ksn_and_scheme(args: &KsnArgs, allow_key_id: bool) -> Result<(Zeroizing<Vec<u8>>, Scheme), Failure> {
    let ksn = args::hex("--ksn", &args.ksn)?;
    let scheme = match (args.scheme, ksn.len()) {
        (Some(scheme), _) => scheme,
        (None, tdes::KSN_LEN) => Scheme::Tdes,
        (None, aes::KSN_LEN) => Scheme::Aes,
        (None, aes::INITIAL_KEY_ID_LEN) if allow_key_id => Scheme::Aes,
        (None, _) => {
            return Err(posguard::Error::InvalidKsn("a KSN is 10 bytes (TDES DUKPT) or 12 bytes (AES DUKPT)").into());
        }
    };
    Ok((ksn, scheme))
}

pub fn run(command: Command) -> Result<Output, Failure> {
    match command {
        Command::Ipek { bdk, ksn } => {
            let (ksn, scheme) = ksn_and_scheme(&ksn, true)?;
            let bdk = args::key("--bdk", &bdk, scheme.algorithm(), KeyUsage::Bdk)?;
            let (key, label) = match scheme {
                Scheme::Tdes => (tdes::derive_ipek(&bdk, &ksn)?, "IPEK"),
                Scheme::Aes => {
                    // A 12-byte KSN starts with the initial key ID; other lengths go to the core to refuse.
                    let id = if ksn.len() == aes::KSN_LEN { &ksn[..aes::INITIAL_KEY_ID_LEN] } else { &ksn[..] };
                    (aes::derive_initial_key(&bdk, id)?, "initial key")
                }
            };
            let mut out = key_output(scheme, &ksn, None, label, &key);
            out.json["kind"] = json!("initial_key");
            Ok(out)
        }
        Command::Derive { base, ksn, usage, key_type } => {
            let (ksn, scheme) = ksn_and_scheme(&ksn, false)?;
            let base_key = match (&base.bdk, &base.ipek) {
                (Some(bdk), _) => args::key("--bdk", bdk, scheme.algorithm(), KeyUsage::Bdk)?,
                (None, Some(ipek)) => args::key("--ipek", ipek, scheme.algorithm(), KeyUsage::DukptInitialKey)?,
                (None, None) => return Err(Failure::Usage("give --bdk or --ipek".into())),
            };
            let from_bdk = base.bdk.is_some();
            let (key, usage_name, key_type_name) = match scheme {
                Scheme::Tdes => {
                    if key_type.is_some() {
                        return Err(Failure::Usage("--key-type applies to AES DUKPT only".into()));
                    }
                    let usage = tdes::Usage::from_str(&usage)?;
                    let key = if from_bdk {
                        tdes::derive_key(&base_key, &ksn, usage)?
                    } else {
                        tdes::derive_key_from_ipek(&base_key, &ksn, usage)?
                    };
                    (key, usage.name(), "tdes2")
                }
                Scheme::Aes => {
                    let usage = aes::Usage::from_str(&usage)?;
                    let key_type = match key_type {
                        Some(t) => t,
                        None => aes_type(base_key.len())?,
                    };
                    let key = if from_bdk {
                        aes::derive_key(&base_key, &ksn, usage, key_type)?
                    } else {
                        aes::derive_working_key(&base_key, &ksn, usage, key_type)?
                    };
                    (key, usage.name(), key_type.name())
                }
            };
            let label = format!("{usage_name} key");
            let mut out = key_output(scheme, &ksn, Some(counter(scheme, &ksn)), &label, &key);
            out.json["kind"] = json!("working_key");
            out.json["usage"] = json!(usage_name);
            out.json["key_type"] = json!(key_type_name);
            Ok(out)
        }
    }
}

/// The AES key type of an AES BDK or initial key of `len` bytes.
fn aes_type(len: usize) -> Result<aes::KeyType, Failure> {
    Ok(match len {
        16 => aes::KeyType::Aes128,
        24 => aes::KeyType::Aes192,
        32 => aes::KeyType::Aes256,
        len => return Err(posguard::Error::InvalidKeyLength { algorithm: Algorithm::Aes, len }.into()),
    })
}

/// The transaction counter of a KSN: the right-most 21 bits (TDES) or 32 bits (AES).
fn counter(scheme: Scheme, ksn: &[u8]) -> u32 {
    let tail = |n: usize| ksn.iter().skip(ksn.len().saturating_sub(n)).fold(0u32, |c, b| c << 8 | u32::from(*b));
    match scheme {
        Scheme::Tdes => tail(3) & 0x1F_FFFF,
        Scheme::Aes => tail(4),
    }
}

/// One `label  value` line of the text output.
fn row(label: &str, value: &str) -> String {
    format!("{label:<25} {value}")
}

/// A derived key, labelled as clear, with its attributes and check value.
fn key_output(scheme: Scheme, ksn: &[u8], counter: Option<u32>, label: &str, key: &Key) -> Output {
    let clear = Zeroizing::new(hex::encode_upper(key.export_clear().expose()));
    let ksn = hex::encode_upper(ksn);
    let (kcv, method) = kcv(key);
    let kcv_text = match (&kcv, method) {
        (Some(kcv), Some(method)) => format!("{kcv} ({method})"),
        _ => "none (HMAC key)".into(),
    };
    let ksn_label = if ksn.len() == 2 * aes::INITIAL_KEY_ID_LEN { "initial key ID" } else { "KSN" };
    let mut lines = vec![row("scheme", &format!("{} ({})", scheme.name(), scheme.standard())), row(ksn_label, &ksn)];
    lines.extend(counter.map(|c| row("counter", &c.to_string())));
    let usage = key.usage();
    lines.extend([
        row("key type", key.kind()),
        row("attributes", &format!("usage {} ({}), mode {}", usage.code(), usage.name(), key.mode().code())),
        row(&format!("{label} (CLEAR)"), clear.as_str()),
        row("KCV", &kcv_text),
    ]);
    let mut json: Value = json!({
        "scheme": scheme.name(),
        "ksn": ksn,
        "key": clear.as_str(),
        "key_kind": key.kind(),
        "key_usage": key.usage().code(),
        "mode": key.mode().code().to_string(),
        "kcv": kcv,
        "kcv_method": method,
    });
    if let Some(counter) = counter {
        json["counter"] = json!(counter);
    }
    Output { text: lines.join("\n"), json }
}
