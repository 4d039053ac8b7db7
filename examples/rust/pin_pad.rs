//! A terminal PIN pad in a few lines: check the cardholder's new PIN against
//! the PIN policy, encrypt it as an ISO 9564-1 format 4 block under the
//! terminal's AES PIN key, and print what may leave the device: the encrypted
//! block and the key's check value, never the PIN or the key.
//!
//! Run: `cargo run -p posguard-cli --example pin_pad`

use getrandom::SysRng;
use posguard::pin::{self, PinFormat};
use posguard::rand_core::TryRng;
use posguard::{Algorithm, Key, KeyUsage};
use zeroize::Zeroizing;

fn main() -> Result<(), posguard::Error> {
    // On a real terminal the PIN key arrives under a key-encryption key or by
    // DUKPT; here it is random. The material buffer is wiped on drop.
    let mut material = Zeroizing::new([0u8; 16]);
    SysRng.try_fill_bytes(&mut material[..]).map_err(|_| posguard::Error::Rng)?;
    let key = Key::new(Algorithm::Aes, KeyUsage::PinEncryption, &material[..])?;

    let pan = "4111111111111111";
    // What the cardholder typed on the keypad (a demo value).
    let pin = "730518";

    // PIN set or change: refuse weak PINs (1234, 0000, 2580…) with a reason.
    if let Err(e) = pin::check_policy("1234") {
        println!("weak PIN refused: {e}");
    }
    pin::check_policy(pin)?;

    // Format 4 binds the PIN to the PAN; its random fill comes from the OS RNG.
    let block = pin::encrypt(pin, Some(pan), &key, PinFormat::Iso4, &mut SysRng)?;

    println!("PIN key   {} KCV {}", key.kind(), key.check_value()?);
    println!("PIN block {}", hex::encode_upper(block.as_bytes()));
    Ok(())
}
