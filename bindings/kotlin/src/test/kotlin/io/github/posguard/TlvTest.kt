package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import kotlin.random.Random

class TlvTest {
    /** Real card data with its sources (core/tests/vectors/tlv.json). */
    private val cards = vectors("tlv.json")

    private fun card(name: String) = hex(cards.single { it.getString("name") == name }.getString("hex"))

    /** ISO/IEC 8825-1 8.1.2.5: bit 6 of the tag's first byte marks a constructed object. */
    private fun constructedBit(tag: String) = tag.substring(0, 2).toInt(16) and 0x20 != 0

    @TestFactory
    fun `published card data`(): List<DynamicTest> = cards.map { v ->
        dynamicTest(v.getString("name")) {
            val data = hex(v.getString("hex"))
            val strict = v.getBoolean("strict_ok")
            val items = tlvDecode(data, strict)
            val tags = v.getJSONArray("tags").map { it as String }
            assertEquals(tags, items.preorder().map { it.tag })
            assertEquals(tags, tlvDecode(data).preorder().map { it.tag }, "lenient mode reads the same tree")
            for (node in items.preorder()) {
                val start = node.offset.toInt()
                assertEquals(node.tag, data.copyOfRange(start, start + node.tag.length / 2).toHex(), "tag at its offset")
                assertEquals(constructedBit(node.tag), node.constructed, node.tag)
                assertTrue(node.constructed || node.children.isEmpty(), node.tag)
            }
            val expect = v.getJSONObject("expect")
            for (tag in expect.keySet()) {
                assertEquals(expect.getString(tag), tlvFind(data, tag, strict)?.toHex(), tag)
                assertEquals(expect.getString(tag), tlvFind(data, tag.lowercase())?.toHex(), tag)
            }
            if (strict) {
                assertArrayEquals(data, tlvEncode(items), "encode(decode(x)) == x")
                for (node in items.preorder().filter { it.constructed }) {
                    assertArrayEquals(node.value, tlvEncode(node.children), "a template's value is its children")
                }
            }
        }
    }

    @TestFactory
    fun `every truncation of strict card data is an error unless it ends between objects`(): List<DynamicTest> =
        cards.filter { it.getBoolean("strict_ok") }.map { v ->
            dynamicTest(v.getString("name")) {
                val data = hex(v.getString("hex"))
                val items = tlvDecode(data, strict = true)
                val boundaries = items.map { it.offset.toInt() }.toSet()
                for (len in 1 until data.size) {
                    val prefix = data.copyOf(len)
                    if (len in boundaries) {
                        assertEquals(items.count { it.offset.toInt() < len }, tlvDecode(prefix, strict = true).size)
                    } else {
                        assertPosguard<PosguardException.MalformedTlv>(40u) { tlvDecode(prefix, strict = true) }
                    }
                }
            }
        }

    @Test
    fun `encode builds templates from their children`() {
        // pyemv's decode() docstring example (tlv.json): 9C, template E0 holding 5F2A, an empty 9F02.
        val items = listOf(
            Tlv("9C", hex("01")),
            Tlv("E0", value = hex("FFFF"), children = listOf(Tlv("5F2A", hex("0208")))),
            Tlv("9f02"),
        )
        assertEquals("9C0101E0055F2A0202089F0200", tlvEncode(items).toHex())
        assertArrayEquals(ByteArray(0), tlvEncode(emptyList()))
    }

    @Test
    fun `encode uses minimal lengths`() {
        // ISO/IEC 8825-1 8.1.3: short form up to 127, then 81 xx, 82 xxxx.
        for ((size, header) in listOf(0 to "9000", 127 to "907F", 128 to "908180", 255 to "9081FF", 256 to "90820100")) {
            val value = ByteArray(size) { it.toByte() }
            val encoded = tlvEncode(listOf(Tlv("90", value)))
            assertEquals(header, encoded.copyOf(header.length / 2).toHex())
            assertArrayEquals(value, encoded.copyOfRange(header.length / 2, encoded.size))
            assertArrayEquals(value, tlvDecode(encoded, strict = true).single().value)
        }
    }

    @Test
    fun `encode refuses what it cannot encode`() {
        assertPosguard<PosguardException.MalformedTlv>(40u) {
            tlvEncode(listOf(Tlv("5A", hex("47"), children = listOf(Tlv("9C", hex("00"))))))
        }
        for (bad in listOf("", "9F", "9F0201", "5G", "0x5A", "00")) {
            assertPosguard<PosguardException.MalformedTlv>(40u) { tlvEncode(listOf(Tlv(bad, hex("01")))) }
            assertPosguard<PosguardException.MalformedTlv>(40u) { tlvFind(hex("5A0101"), bad) }
            assertPosguard<PosguardException.MalformedTlv>(40u) { tagInfo(bad) }
        }
    }

    @Test
    fun `find returns the first match depth-first, or null`() {
        // Template 70 holding 9F02 = 1, then a top-level 9F02 = 2: the one inside the template comes first.
        val data = hex("7009" + "9F0206000000000001" + "9F0206000000000002")
        assertEquals("000000000001", tlvFind(data, "9F02")?.toHex())
        assertEquals("9F0206000000000001", tlvFind(data, "70")?.toHex())
        assertNull(tlvFind(data, "9F03"))
    }

    @Test
    fun `decode keeps order and duplicates and skips filler`() {
        val items = tlvDecode(hex("00" + "9C0101" + "FF" + "9C0102" + "0000"))
        assertEquals(listOf("9C" to "01", "9C" to "02"), items.map { it.tag to it.value.toHex() })
        assertEquals(listOf(1UL, 5UL), items.map { it.offset })
        assertMalformedTlv(8) { tlvDecode(hex("009C0101FF9C01020000"), strict = true) }
    }

    @Test
    fun `bad input throws MalformedTlv with the byte offset`() {
        assertMalformedTlv(0) { tlvDecode(ByteArray(0)) }
        assertMalformedTlv(1) { tlvDecode(hex("9F")) } // truncated tag: its second byte is missing
        assertMalformedTlv(2) { tlvDecode(hex("9F02")) } // no length
        assertMalformedTlv(4) { tlvDecode(hex("9F028201")) } // long-form length cut short
        assertMalformedTlv(1) { tlvDecode(hex("5A084761739001")) } // value past the end
        assertMalformedTlv(3) { tlvDecode(hex("7003" + "5A0811")) } // value past the end of its template
        assertMalformedTlv(1) { tlvDecode(hex("5A85000000000100")) } // 5 length bytes
        assertMalformedTlv(1) { tlvDecode(hex("7080" + "9C0100" + "0000")) } // indefinite length
        assertMalformedTlv(0) { tlvDecode(hex("DF81828301")) } // tag of 5 bytes
        assertMalformedTlv(1) { tlvDecode(hex("5A810111"), strict = true) } // non-minimal length
        assertEquals("11", tlvDecode(hex("5A810111")).single().value.toHex(), "lenient mode accepts it")
        assertMalformedTlv(5) { tlvDecode(hex("9A0325123100"), strict = true) } // trailing bytes
        for (bad in listOf("", "9F", "5A0847", "7080")) {
            assertPosguard<PosguardException.MalformedTlv>(40u) { tlvFind(hex(bad), "5A") }
            assertPosguard<PosguardException.MalformedTlv>(40u) { tlvDescribe(hex(bad)) }
        }
    }

    @Test
    fun `nesting past the limit is an error`() {
        /** [templates] nested 70 templates around a 9C object. */
        fun nested(templates: Int): ByteArray =
            (0 until templates).fold(hex("9C0100")) { inner, _ -> byteArrayOf(0x70, inner.size.toByte()) + inner }
        // The default limit is 16 levels: 15 templates and the object inside the innermost one.
        val levels = generateSequence(tlvDecode(nested(15)).single()) { it.children.singleOrNull() }.toList()
        assertEquals(16, levels.size)
        assertEquals("9C", levels.last().tag)
        // The object on level 17 starts at byte 2 * 16, after 16 template headers.
        assertMalformedTlv(32) { tlvDecode(nested(16)) }
        assertMalformedTlv(32) { tlvDecode(nested(20)) }
        assertMalformedTlv(32) { tlvFind(nested(20), "5A") }
        // Encoding as deep a tree is refused too.
        val deep = (1 until 20).fold(Tlv("70")) { inner, _ -> Tlv("70", children = listOf(inner)) }
        assertPosguard<PosguardException.MalformedTlv>(40u) { tlvEncode(listOf(deep)) }
    }

    @Test
    fun `random bytes never crash the parser`() {
        val random = Random(55)
        repeat(3000) {
            // Bias towards bytes that start templates and long lengths, so inputs get past the first object.
            val data = ByteArray(random.nextInt(0, 48)) {
                listOf(0x70, 0x81, 0x82, 0x9F, 0x00, 0xFF, random.nextInt(256))[random.nextInt(7)].toByte()
            }
            for (strict in listOf(false, true)) {
                try {
                    tlvEncode(tlvDecode(data, strict))
                    tlvFind(data, "9F02", strict)
                    tlvDescribe(data, strict = strict)
                } catch (e: PosguardException.MalformedTlv) {
                    assertTrue(e.offset <= data.size.toULong(), "offset ${e.offset} inside input of ${data.size}")
                }
            }
        }
    }

    @Test
    fun `describe masks the PAN unless asked`() {
        val record = card("read record PAN + CDOL1 + CDOL2 (Visa test PAN)")
        val masked = tlvDescribe(record)
        assertTrue(masked.startsWith("70 READ RECORD Response Message Template\n"), masked)
        // PCI DSS 3.4 display rule: first 6 and last 4 digits at most.
        assertTrue(masked.contains("476173******0119"), masked)
        assertFalse(masked.contains("4761739001010119") || masked.contains("7390010101"), masked)
        assertTrue(masked.contains("9F02"), "the CDOL1 entries are shown: $masked")
        val clear = tlvDescribe(record, showSensitive = true)
        assertTrue(clear.contains("4761739001010119"), clear)

        val track2 = card("read record track 2 equivalent + name")
        val hidden = tlvDescribe(track2, strict = true)
        for (secret in listOf("4761739001010119", "EXPIRED/CARD", "455850495245442F43415244")) {
            assertFalse(hidden.contains(secret), hidden)
        }
        assertTrue(tlvDescribe(track2, showSensitive = true).contains("EXPIRED/CARD"))
    }

    @Test
    fun `tag info comes from the EMV dictionary`() {
        // EMV Book 3 Annex A: 9F02 Amount, Authorised (Numeric), terminal, n 12 (6 bytes).
        val amount = tagInfo("9f02")!!
        assertEquals("9F02", amount.tag)
        assertEquals("Amount, Authorised (Numeric)", amount.name)
        assertEquals(TagFormat.N, amount.format)
        assertEquals(TagSource.TERMINAL, amount.source)
        assertEquals(6UL to 6UL, amount.minLength to amount.maxLength)
        assertFalse(amount.sensitive)
        // 5A: PAN, ICC, cn up to 19 digits (10 bytes); cardholder data.
        val pan = tagInfo("5A")!!
        assertTrue(pan.name.contains("(PAN)"), pan.name)
        assertEquals(TagFormat.CN, pan.format)
        assertEquals(TagSource.ICC, pan.source)
        assertEquals(10UL, pan.maxLength)
        assertTrue(pan.sensitive)
        assertTrue(tagInfo("57")!!.sensitive)
        assertEquals(TagFormat.TEMPLATE, tagInfo("70")!!.format)
        assertNull(tagInfo("DF7F"))
    }

    @Test
    fun `registered tags are named, masked and can be replaced`() {
        val data = hex("DF7E020102")
        assertNull(tagInfo("DF7E"))
        assertEquals("DF7E Unknown tag: 0102\n", tlvDescribe(data))
        val secret = TagInfo("df7e", "Vendor reader secret", TagFormat.B, TagSource.OTHER, 1UL, 2UL, sensitive = true)
        registerTag(secret)
        val info = tagInfo("DF7E")!!
        assertEquals(
            listOf("DF7E", "Vendor reader secret", TagFormat.B, TagSource.OTHER, 1UL, 2UL, true),
            listOf(info.tag, info.name, info.format, info.source, info.minLength, info.maxLength, info.sensitive),
        )
        assertEquals("DF7E Vendor reader secret: ****\n", tlvDescribe(data))
        registerTag(secret.copy(name = "Vendor reader flags", sensitive = false))
        assertEquals("DF7E Vendor reader flags: 0102\n", tlvDescribe(data))
        assertPosguard<PosguardException.MalformedTlv>(40u) { registerTag(secret.copy(tag = "DF")) }
    }
}
