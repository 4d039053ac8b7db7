//! Shared by the vector tests: hex decoding and an RNG that replays published random bytes.

#![allow(clippy::unwrap_used, clippy::panic, dead_code)]

use core::convert::Infallible;

use rand_core::{TryCryptoRng, TryRng};

pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

/// Replays the random bytes a published vector used (a format 4 PIN field's random half,
/// a key block's padding), so encryption reproduces the published output byte for byte.
pub struct Replay(pub Vec<u8>);

impl TryRng for Replay {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        assert!(dst.len() <= self.0.len(), "vector did not supply enough random bytes");
        let rest = self.0.split_off(dst.len());
        dst.copy_from_slice(&self.0);
        self.0 = rest;
        Ok(())
    }
}

impl TryCryptoRng for Replay {}
