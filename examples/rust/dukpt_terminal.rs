//! A terminal's key life, end to end: the key-injection host wraps the
//! terminal's DUKPT initial key in a TR-31 key block; the terminal unwraps it
//! (the block's header gives the key its usage), starts its DUKPT device and,
//! for each transaction, encrypts the PIN and MACs the request under fresh
//! keys; the acquirer host derives the same keys from the BDK and the KSN.
//!
//! Run: `cargo run -p posguard-cli --example dukpt_terminal`

use getrandom::SysRng;
use posguard::dukpt::aes::{self, KeyType, Usage};
use posguard::mac::{self, MacAlgorithm, Padding};
use posguard::pin::{self, PinFormat};
use posguard::tr31::{self, UnwrapOptions, WrapOptions};
use posguard::{Algorithm, Key, KeyUsage};
use rand_core::UnwrapErr;

/// The AES-128 BDK of the ANSI X9.24-3:2017 supplement's test vectors (a published test key).
const BDK: [u8; 16] = [0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1, 0xF1];
/// The supplement's initial key ID (BDK ID 12345678, derivation ID 90123456).
const INITIAL_KEY_ID: [u8; 8] = [0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x56];
const PAN: &str = "4111111111111111";

fn main() -> Result<(), posguard::Error> {
    let mut rng = UnwrapErr(SysRng);

    // Key-injection facility: derive the terminal's initial key and ship it in a TR-31
    // version D block under the key block protection key shared with the terminal.
    let bdk = Key::new(Algorithm::Aes, KeyUsage::Bdk, &BDK)?;
    let kbpk_material: [u8; 32] = core::array::from_fn(|i| i as u8 ^ 0x5A); // from the key ceremony, in real life
    let kbpk = Key::new(Algorithm::Aes, KeyUsage::KeyBlockProtection, &kbpk_material)?;
    let initial_key = aes::derive_initial_key(&bdk, &INITIAL_KEY_ID)?;
    let block = tr31::wrap(&kbpk, &initial_key, &WrapOptions::default(), &mut rng)?;
    println!("key block:    {}… ({} characters)", &block[..16], block.len());
    println!("header:       {:?}", tr31::inspect(&block)?.usage);

    // Terminal: unwrap (the MAC is checked first; the header gives usage B1, mode X) and start DUKPT.
    let injected = tr31::unwrap(&kbpk, &block, &UnwrapOptions::default())?;
    let mut ksn = [0u8; aes::KSN_LEN];
    ksn[..8].copy_from_slice(&INITIAL_KEY_ID);
    let mut device = aes::Device::new(&injected, &ksn)?;

    for (pin_digits, amount) in [("4821", "000000001999"), ("093577", "000000250000")] {
        // Terminal: one transaction, two keys from the same KSN.
        let txn = device.next()?;
        let pin_key = txn.key(Usage::Pin, KeyType::Aes128)?;
        let mac_key = txn.key(Usage::MacGenerate, KeyType::Aes128)?;
        let pin_block = pin::encrypt(pin_digits, Some(PAN), &pin_key, PinFormat::Iso4, &mut rng)?;
        let request = format!("0200|{PAN}|{amount}|{}", hex::encode_upper(pin_block.as_bytes()));
        let tag = mac::generate(&mac_key, request.as_bytes(), MacAlgorithm::Cmac, Padding::Method1, Some(8))?;
        // The saved state goes to the terminal's sealed storage before the request leaves.
        let _state = device.save();

        // Acquirer host: the KSN travels with the request; the BDK never leaves the HSM.
        let ksn = txn.ksn();
        // The host derives the device's "MAC generation" key; on the host it is a verify-only key.
        let host_mac_key = aes::derive_key(&bdk, &ksn, Usage::MacGenerate, KeyType::Aes128)?;
        mac::verify(&host_mac_key, request.as_bytes(), tag.as_bytes(), MacAlgorithm::Cmac, Padding::Method1)?;
        let host_pin_key = aes::derive_key(&bdk, &ksn, Usage::Pin, KeyType::Aes128)?;
        let pin = pin::decrypt(pin_block.as_bytes(), Some(PAN), &host_pin_key, PinFormat::Iso4)?;
        assert_eq!(pin.as_str(), pin_digits);
        println!("KSN {}  MAC {}  PIN block {}  host: MAC ok, PIN ok", hex::encode_upper(ksn), tag.to_hex(), {
            hex::encode_upper(pin_block.as_bytes())
        });

        // A MAC verification key refuses to generate, and a PIN key refuses to MAC.
        assert!(mac::generate(&host_mac_key, b"x", MacAlgorithm::Cmac, Padding::Method1, None).is_err());
        assert!(mac::generate(&pin_key, b"x", MacAlgorithm::Cmac, Padding::Method1, None).is_err());
    }
    println!("transactions left on the device: {}", device.remaining());
    Ok(())
}
