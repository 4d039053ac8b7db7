// App-style EMV data handling on a smart-POS: lay out the terminal's data as the card's
// CDOL1 asks for the GENERATE AC command, then put the cryptogram data into ISO 8583
// field 55 for the authorization request and log it with card data masked.
// Compiled and run by the binding's Maven test build (bindings/kotlin/pom.xml).
package io.github.posguard.examples.field55

import io.github.posguard.Tlv
import io.github.posguard.dolBuild
import io.github.posguard.tlvDescribe
import io.github.posguard.tlvEncode
import io.github.posguard.tlvFind

/** The ICC data elements this acquirer wants in field 55, in this order. */
val FIELD_55_TAGS = listOf(
    "9F26", "9F27", "9F10", "9F37", "9F36", "95", "9A", "9C", "9F02", "5F2A", "82", "9F1A", "9F03", "9F33", "9F34",
)

/** One card transaction; [terminalData] holds the terminal's own data elements by tag (amount, date, TVR…). */
class EmvTransaction(private val terminalData: Map<String, ByteArray>) {
    /** GENERATE AC command data, from the CDOL1 in the records the card returned. */
    fun generateAcData(records: List<ByteArray>): ByteArray {
        val cdol1 = records.firstNotNullOfOrNull { tlvFind(it, "8C") } ?: error("the card sent no CDOL1")
        return dolBuild(cdol1, terminalData)
    }

    /** Field 55: each listed element from the card's data if it sent one, else from the terminal's. */
    fun field55(cardData: List<ByteArray>): ByteArray = tlvEncode(
        FIELD_55_TAGS.mapNotNull { tag ->
            val value = cardData.firstNotNullOfOrNull { tlvFind(it, tag) } ?: terminalData[tag]
            value?.let { Tlv(tag, it) }
        },
    )
}

private fun hex(s: String) = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

fun main() {
    // READ RECORD response of a Visa test card (openemv/emv-utils test data): PAN, CDOL1, CDOL2.
    val record = hex(
        "70465A0847617390010101195F3401015F24032212318C159F02069F03069F1A0295055F2A029A039C019F37048D19" +
            "8A029F02069F03069F1A0295055F2A029A039C019F37049108",
    )
    val transaction = EmvTransaction(
        mapOf(
            "9F02" to hex("000000001000"), "9F1A" to hex("0826"), "95" to hex("0000008000"), "5F2A" to hex("0826"),
            "9A" to hex("251231"), "9C" to hex("00"), "9F37" to hex("1A2B3C4D"), "9F33" to hex("E0F8C8"),
        ),
    )
    val command = transaction.generateAcData(listOf(record))
    println("GENERATE AC data: ${command.size} bytes")
    // A made-up format 2 GENERATE AC response: CID (ARQC), ATC, cryptogram, issuer application data.
    val response = hex("771E" + "9F270180" + "9F36020001" + "9F26081122334455667788" + "9F100706010A03A00000")
    val field55 = transaction.field55(listOf(response, record))
    print(tlvDescribe(field55)) // masked by default: safe for the app's log
}
