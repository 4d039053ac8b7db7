package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * Data object lists: entries read by hand from the published records in tlv.json, DOL data
 * written by hand from the EMV Book 3 (v4.4), 5.4 rules.
 */
class DolTest {
    private fun record(name: String) = hex(vectors("tlv.json").single { it.getString("name") == name }.getString("hex"))

    /** READ RECORD with a PAN, CDOL1 and CDOL2 (openemv/emv-utils test data). */
    private val visaRecord = record("read record PAN + CDOL1 + CDOL2 (Visa test PAN)")
    private val cdol1 = tlvFind(visaRecord, "8C")!!

    private fun entries(dol: ByteArray) = dolParse(dol).map { it.tag to it.length.toInt() }

    private fun build(dol: String, vararg values: Pair<String, String>): String =
        dolBuild(hex(dol), values.associate { (tag, value) -> tag to hex(value) }).toHex()

    @Test
    fun `published DOLs parse into tag and length entries`() {
        assertEquals(
            listOf("9F02" to 6, "9F03" to 6, "9F1A" to 2, "95" to 5, "5F2A" to 2, "9A" to 3, "9C" to 1, "9F37" to 4),
            entries(cdol1),
        )
        val cdol2 = tlvFind(visaRecord, "8D")!!
        assertEquals(
            listOf(
                "8A" to 2, "9F02" to 6, "9F03" to 6, "9F1A" to 2, "95" to 5,
                "5F2A" to 2, "9A" to 3, "9C" to 1, "9F37" to 4, "91" to 8,
            ),
            entries(cdol2),
        )
        // PBOC application FCI: PDOL asking for 9F7A, the amount and the currency.
        val pdol = tlvFind(record("pboc adf fci with pdol and empty 9F12"), "9F38")!!
        assertEquals(listOf("9F7A" to 1, "9F02" to 6, "5F2A" to 2), entries(pdol))
        assertEquals(emptyList<Pair<String, Int>>(), entries(ByteArray(0)))
    }

    @Test
    fun `CDOL1 data follows the EMV padding and truncation rules`() {
        val values = mapOf(
            "9F02" to hex("000000001000"), // n, exact length
            // 9F03 absent: zeros
            "9F1A" to hex("0826"),
            "95" to hex("8000"), // b, shorter: trailing zeros
            "5F2A" to hex("000826"), // n, longer: leftmost byte dropped
            "9A" to hex("251231"),
            "9C" to hex("00"),
            "9F37" to hex("0102030405"), // b, longer: rightmost byte dropped
        )
        val expected = "000000001000" + "000000000000" + "0826" + "8000000000" + "0826" + "251231" + "00" + "01020304"
        assertEquals(expected, dolBuild(cdol1, values).toHex())
        assertEquals(29, dolBuild(cdol1, emptyMap()).size)
        assertArrayEquals(ByteArray(29), dolBuild(cdol1, emptyMap()), "absent values are zeros")
    }

    @Test
    fun `each format pads and truncates its own way`() {
        // n: right-justified, leading zeros; truncated on the left.
        assertEquals("000000001000", build("9F0206", "9F02" to "1000"))
        assertEquals("1000", build("9F0202", "9F02" to "000000001000"))
        // cn: left-justified, trailing F; truncated on the right.
        assertEquals("4761739001010119FFFF", build("5A0A", "5A" to "4761739001010119"))
        assertEquals("47617390", build("5A04", "5A" to "4761739001010119"))
        // ans and an: left-justified, trailing zeros; truncated on the right.
        assertEquals("53484F500000", build("9F4E06", "9F4E" to "53484F50"))
        assertEquals("5348", build("9F4E02", "9F4E" to "53484F50"))
        assertEquals("31323334353637380000", build("9F1E0A", "9F1E" to "3132333435363738"))
        // A template, or a tag the terminal has no value for: zeros.
        assertEquals("0000", build("7002", "70" to "0102"))
        assertEquals("000000", build("DF7F03"))
        // Entries in DOL order, the same tag twice allowed.
        assertEquals("01" + "ABCD" + "01", build("9C01" + "9F3702" + "9C01", "9C" to "01", "9F37" to "ABCD"))
    }

    @Test
    fun `a registered tag's format is used`() {
        // Unknown tags count as binary: left-justified.
        assertEquals("010200", build("DF7D03", "DF7D" to "0102"))
        registerTag(TagInfo("DF7D", "Vendor amount", TagFormat.N, TagSource.TERMINAL, 1UL, 6UL, sensitive = false))
        assertEquals("000102", build("DF7D03", "DF7D" to "0102"))
    }

    @Test
    fun `malformed DOLs throw MalformedDol with the byte offset`() {
        val cases = mapOf(
            "9F" to 1, // truncated tag
            "9F0206" + "9F" to 4,
            "9F02" to 2, // no length
            "9F0280" to 2, // indefinite length
            "9F02850000000001" to 2, // 5 length bytes
            "DF81828301" to 0, // tag of 5 bytes
        )
        for ((dol, offset) in cases) {
            val e = assertPosguard<PosguardException.MalformedDol>(41u) { dolParse(hex(dol)) }
            assertEquals(offset.toULong(), e.offset, dol)
            assertPosguard<PosguardException.MalformedDol>(41u) { dolBuild(hex(dol), emptyMap()) }
        }
        // More DOL data than a terminal ever builds (4 KiB).
        assertPosguard<PosguardException.MalformedDol>(41u) { dolBuild(hex("9F02821001"), emptyMap()) }
        assertEquals(0x1000, dolBuild(hex("9F02821000"), emptyMap()).size)
        // A malformed tag name among the values.
        assertPosguard<PosguardException.MalformedTlv>(40u) { dolBuild(cdol1, mapOf("9F" to hex("00"))) }
    }
}
