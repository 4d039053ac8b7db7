package io.github.posguard

import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Every kind of bad input gives its own PosguardException subclass and the core's code. */
class BadInputTest {
    private val pan = "4111111111111111"

    @Test
    fun `wrong key length`() {
        for (len in listOf(0, 8, 15, 17, 32)) {
            assertPosguard<PosguardException.InvalidKeyLength>(1u) { Key(ByteArray(len) { 1 }, "tdes", "pin") }
        }
        assertPosguard<PosguardException.InvalidKeyLength>(1u) { Key(ByteArray(24), "sm4", "pin") }
    }

    @Test
    fun `TDES key with equal halves`() {
        assertPosguard<PosguardException.WeakKey>(2u) { Key(Keys.TDES.copyOf(8) + Keys.TDES.copyOf(8), "tdes", "pin") }
    }

    @Test
    fun `MAC key cannot encrypt a PIN`() {
        Key(Keys.TDES, "tdes", "mac").use { mac ->
            assertPosguard<PosguardException.KeyUsage>(3u) { pinEncrypt("4821", pan, mac, PinFormat.ISO0) }
        }
    }

    @Test
    fun `key of the wrong algorithm for the format`() {
        Keys.pinKeyFor(PinFormat.ISO4).use { aes ->
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { pinEncrypt("4821", pan, aes, PinFormat.ISO0) }
        }
        assertPosguard<PosguardException.KeyAlgorithm>(4u) { Key(Keys.TDES.copyOf(8), "des", "pin") }
    }

    @Test
    fun `unknown algorithm, usage and mode strings`() {
        assertPosguard<PosguardException.UnknownAlgorithm>(5u) { Key(Keys.AES, "rot13", "pin") }
        assertPosguard<PosguardException.UnknownKeyUsage>(6u) { Key(Keys.AES, "aes", "Z9") }
        assertPosguard<PosguardException.UnknownKeyUsage>(6u) { Key(Keys.AES, "aes", "") }
        assertPosguard<PosguardException.InvalidModeOfUse>(7u) { Key.withMode(Keys.AES, "aes", "pin", "Q") }
        assertPosguard<PosguardException.InvalidModeOfUse>(7u) { Key.withMode(Keys.AES, "aes", "pin", "G") }
    }

    @Test
    fun `bad PINs`() {
        Keys.pinKeyFor(PinFormat.ISO0).use { key ->
            for (pin in listOf("12a4", "123", "1234567890123", "", "12 34", "١٢٣٤")) {
                val e = assertPosguard<PosguardException.InvalidPin>(8u) { pinEncrypt(pin, pan, key, PinFormat.ISO0) }
                assertFalse(e.message!!.contains(pin.ifEmpty { "\u0000" }), "no PIN in the message")
                assertPosguard<PosguardException.InvalidPin>(8u) { pinEncode(pin, pan, PinFormat.ISO0) }
            }
        }
        assertPosguard<PosguardException.InvalidPin>(8u) { pinCheckPolicy("12a4") }
    }

    @Test
    fun `bad PANs`() {
        for (format in listOf(PinFormat.ISO0, PinFormat.ISO3, PinFormat.SM4)) {
            for (bad in listOf("411111111111", "41111111111111111111", "41111111111x1111", null)) {
                val e = assertPosguard<PosguardException.InvalidPan>(9u) { pinEncode("4821", bad, format) }
                assertFalse(bad != null && e.message!!.contains(bad), "no PAN in the message")
            }
        }
        Keys.pinKeyFor(PinFormat.ISO4).use { key ->
            assertPosguard<PosguardException.InvalidPan>(9u) { pinEncrypt("4821", null, key, PinFormat.ISO4) }
            assertPosguard<PosguardException.InvalidPan>(9u) { pinEncrypt("4821", "41111111111111111111", key, PinFormat.ISO4) }
        }
    }

    @Test
    fun `block of the wrong length`() {
        for (format in PinFormat.entries) {
            val wrong = if (format == PinFormat.ISO4 || format == PinFormat.SM4) 8 else 16
            Keys.pinKeyFor(format).use { key ->
                assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecrypt(ByteArray(wrong), pan, key, format) }
            }
            assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecode(ByteArray(wrong + 1), pan, format) }
        }
    }

    @Test
    fun `block whose decoded PIN field is malformed`() {
        // ISO 9564-1 format 2: control 2, length, digits, F fill. 241234FFFFFFFFFF is PIN 1234.
        for (bad in listOf("341234FFFFFFFFFF", "2D1234FFFFFFFFFF", "24123AFFFFFFFFFF", "241234FFFFFFFFFE")) {
            assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecode(hex(bad), null, PinFormat.ISO2) }
        }
        // A published format 0 block read as format 3: its control field is 0, not 3.
        val v = vectors("pin.json").first { it.getString("format") == "iso0" && !it.isNull("key") }
        Key(hex(v.getString("key")), "tdes", "pin").use { key ->
            val block = hex(v.getString("encrypted_block"))
            assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecrypt(block, v.optStr("pan"), key, PinFormat.ISO3) }
        }
    }

    @Test
    fun `unknown format`() {
        for (name in listOf("iso5", "5", "", "sm3", "format")) {
            assertPosguard<PosguardException.UnknownPinFormat>(11u) { parsePinFormat(name) }
        }
    }

    @Test
    fun `forbidden translation`() {
        Keys.pinKeyFor(PinFormat.ISO0).use { key ->
            val block = pinEncrypt("4821", pan, key, PinFormat.ISO0)
            val e = assertPosguard<PosguardException.ForbiddenTranslation>(12u) {
                pinTranslate(block, pan, key, PinFormat.ISO0, key, PinFormat.ISO1)
            }
            assertTrue(e.reason.contains("translation"), e.reason)
        }
    }

    @Test
    fun `weak PIN`() {
        assertPosguard<PosguardException.WeakPin>(13u) { pinCheckPolicy("0000") }
    }

    @Test
    fun `check value length out of range`() {
        Key(Keys.TDES, "tdes", "kek").use { key ->
            assertPosguard<PosguardException.InvalidLength>(14u) { key.kcv(0u) }
            assertPosguard<PosguardException.InvalidLength>(14u) { key.kcvWith(CheckValueMethod.ZERO_BLOCK, 9u) }
        }
    }

    @Test
    fun `exceptions are one sealed hierarchy`() {
        val e: PosguardException = assertPosguard<PosguardException.UnknownPinFormat>(11u) { parsePinFormat("x") }
        val described = when (e) {
            is PosguardException.UnknownPinFormat -> "format ${e.code}"
            else -> "other"
        }
        assertTrue(described == "format 11" && e.message!!.contains("unknown PIN block format"), e.message)
    }
}
