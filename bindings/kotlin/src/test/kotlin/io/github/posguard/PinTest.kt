package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource

class PinTest {
    private val pan = "4111111111111111"
    private val pins = (4..12).map { len -> "7395028146325".take(len) }

    /** Formats 1 and 2 do not bind the PAN (ISO 9564-1); the others do. */
    private fun bindsPan(f: PinFormat) = f != PinFormat.ISO1 && f != PinFormat.ISO2

    @ParameterizedTest
    @EnumSource(PinFormat::class)
    fun `encode and decode round trip`(format: PinFormat) {
        val blockLen = if (format == PinFormat.ISO4 || format == PinFormat.SM4) 16 else 8
        for (pin in pins) {
            val clear = pinEncode(pin, pan, format)
            assertEquals(blockLen, clear.size)
            assertEquals(pin, pinDecode(clear, pan, format))
            clear.fill(0)
        }
    }

    @ParameterizedTest
    @EnumSource(PinFormat::class)
    fun `encrypt and decrypt round trip`(format: PinFormat) {
        Keys.pinKeyFor(format).use { key ->
            for (pin in pins) {
                assertEquals(pin, pinDecrypt(pinEncrypt(pin, pan, key, format), pan, key, format))
            }
        }
    }

    @Test
    fun `formats 1 and 2 take no PAN`() {
        Keys.pinKeyFor(PinFormat.ISO1).use { key ->
            for (format in listOf(PinFormat.ISO1, PinFormat.ISO2)) {
                assertEquals("4821", pinDecrypt(pinEncrypt("4821", null, key, format), null, key, format))
            }
        }
    }

    @Test
    fun `random fill makes formats 1, 3 and 4 non-deterministic, format 0 deterministic`() {
        for (format in listOf(PinFormat.ISO1, PinFormat.ISO3, PinFormat.ISO4)) {
            Keys.pinKeyFor(format).use { key ->
                assertFalse(pinEncrypt("4821", pan, key, format).contentEquals(pinEncrypt("4821", pan, key, format)))
            }
        }
        Keys.pinKeyFor(PinFormat.ISO0).use { key ->
            assertArrayEquals(pinEncrypt("4821", pan, key, PinFormat.ISO0), pinEncrypt("4821", pan, key, PinFormat.ISO0))
        }
    }

    @Test
    fun `translation follows the ISO 9564 rules for every pair of formats`() {
        for (from in PinFormat.entries) for (to in PinFormat.entries) {
            Keys.pinKeyFor(from).use { fromKey ->
                Keys.pinKeyFor(to).use { toKey ->
                    val block = pinEncrypt("902417", pan, fromKey, from)
                    if (bindsPan(from) && !bindsPan(to)) {
                        assertPosguard<PosguardException.ForbiddenTranslation>(12u) {
                            pinTranslate(block, pan, fromKey, from, toKey, to)
                        }
                    } else {
                        val out = pinTranslate(block, pan, fromKey, from, toKey, to)
                        assertEquals("902417", pinDecrypt(out, pan, toKey, to), "$from -> $to")
                    }
                }
            }
        }
    }

    @Test
    fun `format names parse`() {
        assertEquals(PinFormat.ISO0, parsePinFormat("iso0"))
        assertEquals(PinFormat.ISO3, parsePinFormat("ISO-3"))
        assertEquals(PinFormat.ISO4, parsePinFormat("4"))
        assertEquals(PinFormat.SM4, parsePinFormat("sm4"))
    }

    @Test
    fun `the default policy is the core's default`() {
        // posguard::pin::PinPolicy::default(): 4 to 12 digits, every rule on, empty blocklist.
        assertEquals(PinPolicy(4u, 12u, true, true, true, emptyList()), PinPolicy())
    }

    @Test
    fun `policy accepts ordinary PINs and refuses weak ones`() {
        for (pin in listOf("8264", "4071", "90210", "1357924")) pinCheckPolicy(pin)
        for (pin in listOf("0000", "1111", "1234", "9876", "123456", "1212", "2580")) {
            val e = assertPosguard<PosguardException.WeakPin>(13u) { pinCheckPolicy(pin) }
            assertFalse(e.reason.any { it.isDigit() }, "the message names the rule, not the PIN")
        }
    }

    @Test
    fun `policy is configurable`() {
        val lax = PinPolicy(rejectRepeated = false, rejectSequences = false, rejectCommon = false)
        pinCheckPolicy("1111", lax)
        pinCheckPolicy("1234", lax)
        val six = PinPolicy(minLen = 6u, maxLen = 6u, blocklist = listOf("482913"))
        assertPosguard<PosguardException.WeakPin>(13u) { pinCheckPolicy("8264", six) }
        assertPosguard<PosguardException.WeakPin>(13u) { pinCheckPolicy("8264193", six) }
        assertPosguard<PosguardException.WeakPin>(13u) { pinCheckPolicy("482913", six) }
        pinCheckPolicy("482914", six)
    }
}
