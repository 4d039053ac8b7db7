//! `posguard demo`: a simulated terminal and host exchanging a PIN, end to end.
//!
//! Each step prints what a newcomer should see (key check values, encrypted
//! PIN blocks, the rules posguard enforces) and nothing secret: the clear keys
//! and the PIN never reach a formatting call.

use std::fmt::Write;

use getrandom::SysRng;
use posguard::pin::{self, Pin, PinBlock, PinFormat};
use posguard::rand_core::{SeedableRng, TryCryptoRng};
use posguard::{Algorithm, Error, Key, KeyUsage};
use rand_chacha::ChaCha20Rng;
use serde_json::json;
use zeroize::Zeroizing;

use crate::{Failure, Output};

#[derive(clap::Args)]
pub struct Args {
    /// Draw keys and random fill from ChaCha20 seeded with this number instead
    /// of the OS RNG, for reproducible output. Never for real keys.
    #[arg(long)]
    seed: Option<u64>,
}

/// The demo card (a well-known test PAN).
const PAN: &str = "4111111111111111";
/// The PIN the cardholder chooses. Never printed: the CLI tests check it.
const PIN: &str = "730518";
/// The PIN the cardholder tries first, which the PIN policy refuses.
const WEAK_PIN: &str = "1234";

/// One step of the story: a heading and label/value rows.
struct Step {
    title: &'static str,
    rows: Vec<(&'static str, String)>,
}

pub fn run(args: &Args) -> Result<Output, Failure> {
    let steps = match args.seed {
        Some(seed) => steps(&mut ChaCha20Rng::seed_from_u64(seed))?,
        None => steps(&mut SysRng)?,
    };
    Ok(render(&steps))
}

fn steps<R: TryCryptoRng>(rng: &mut R) -> Result<Vec<Step>, Failure> {
    use PinFormat::{Iso0, Iso1, Iso4};

    let host_key = random_key(rng, Algorithm::Tdes, KeyUsage::PinEncryption)?;
    let terminal_aes = random_key(rng, Algorithm::Aes, KeyUsage::PinEncryption)?;
    let terminal_tdes = random_key(rng, Algorithm::Tdes, KeyUsage::PinEncryption)?;
    let keys = Step {
        title: "Keys: the host and the terminal create random PIN keys",
        rows: vec![
            ("host zone PIN key", describe(&host_key)?),
            ("terminal PIN key, format 4", describe(&terminal_aes)?),
            ("terminal PIN key, format 0", describe(&terminal_tdes)?),
        ],
    };

    let weak = refused(pin::check_policy(WEAK_PIN), |e| matches!(e, Error::WeakPin(_)), "a weak PIN was accepted")?;
    pin::check_policy(PIN)?;
    let block4 = pin::encrypt(PIN, Some(PAN), &terminal_aes, Iso4, rng)?;
    let block0 = pin::encrypt(PIN, Some(PAN), &terminal_tdes, Iso0, rng)?;
    let capture = Step {
        title: "Terminal: the cardholder chooses a PIN and enters it",
        rows: vec![
            ("card (PAN)", PAN.to_owned()),
            ("a weak PIN", weak),
            ("the cardholder's PIN", format!("accepted by the PIN policy, {} digits", PIN.len())),
            ("format 4 block, AES", hex(&block4)),
            ("format 0 block, TDES", hex(&block0)),
        ],
    };

    let host4 = pin::translate(block4.as_bytes(), Some(PAN), &terminal_aes, Iso4, &host_key, Iso0, rng)?;
    let host0 = pin::translate(block0.as_bytes(), Some(PAN), &terminal_tdes, Iso0, &host_key, Iso0, rng)?;
    let translation = Step {
        title: "Host: re-encrypt both as format 0 under the host zone key (same PIN, same block)",
        rows: vec![("from the format 4 block", hex(&host4)), ("from the format 0 block", hex(&host0))],
    };

    // The host's record of the PIN; `Pin` compares in constant time.
    let record = Pin::new(PIN)?;
    let verify = |block: &PinBlock| {
        if pin::decrypt(block.as_bytes(), Some(PAN), &host_key, Iso0)? == record {
            Ok("PIN verified: yes".to_owned())
        } else {
            Err(Failure::Check("the host could not verify the PIN"))
        }
    };
    let verification = Step {
        title: "Host: decrypt under the zone key and compare with its record",
        rows: vec![("from the format 4 block", verify(&host4)?), ("from the format 0 block", verify(&host0)?)],
    };

    let mac_key = random_key(rng, Algorithm::Tdes, KeyUsage::Mac)?;
    let rules = Step {
        title: "Rules: what posguard refuses",
        rows: vec![
            (
                "format 0 -> format 1",
                refused(
                    pin::translate(host0.as_bytes(), Some(PAN), &host_key, Iso0, &terminal_tdes, Iso1, rng),
                    |e| matches!(e, Error::ForbiddenTranslation { .. }),
                    "a translation to format 1 was allowed",
                )?,
            ),
            (
                "a MAC key encrypting a PIN",
                refused(
                    pin::encrypt(PIN, Some(PAN), &mac_key, Iso0, rng),
                    |e| matches!(e, Error::KeyUsage { .. }),
                    "a MAC key encrypted a PIN",
                )?,
            ),
        ],
    };

    Ok(vec![keys, capture, translation, verification, rules])
}

/// A 16-byte key (TDES 2-key, AES-128) from `rng`; the material is wiped after the key schedule.
fn random_key<R: TryCryptoRng>(rng: &mut R, algorithm: Algorithm, usage: KeyUsage) -> Result<Key, Error> {
    let mut material = Zeroizing::new([0u8; 16]);
    rng.try_fill_bytes(&mut material[..]).map_err(|_| Error::Rng)?;
    Key::new(algorithm, usage, &material[..])
}

fn describe(key: &Key) -> Result<String, Error> {
    Ok(format!("{:<10} KCV {}", key.kind(), key.check_value()?))
}

fn hex(block: &PinBlock) -> String {
    hex::encode_upper(block.as_bytes())
}

/// "refused: <reason>" for an error posguard must raise; success would be a bug.
fn refused<T>(result: posguard::Result<T>, expected: fn(&Error) -> bool, bug: &'static str) -> Result<String, Failure> {
    match result {
        Err(e) if expected(&e) => Ok(format!("refused: {e}")),
        Err(e) => Err(e.into()),
        Ok(_) => Err(Failure::Check(bug)),
    }
}

fn render(steps: &[Step]) -> Output {
    let width = steps.iter().flat_map(|s| &s.rows).map(|(label, _)| label.len()).max().unwrap_or(0);
    let mut text = String::from(
        "posguard demo: a payment terminal sends a cardholder's PIN to its host.\n\
         Only check values (KCV) and encrypted PIN blocks are printed, never a clear key or PIN.\n",
    );
    for (n, step) in steps.iter().enumerate() {
        // Writing to a String cannot fail.
        let _ = writeln!(text, "\n{}. {}", n + 1, step.title);
        for (label, value) in &step.rows {
            let _ = writeln!(text, "   {label:<width$}  {value}");
        }
    }
    let json = steps
        .iter()
        .map(|s| {
            let rows: Vec<_> = s.rows.iter().map(|(label, value)| json!({ "label": label, "value": value })).collect();
            json!({ "title": s.title, "rows": rows })
        })
        .collect::<Vec<_>>();
    Output { text: text.trim_end().to_owned(), json: json!({ "steps": json }) }
}
