package io.roster.coordinator.offsetlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.roster.offsets.CommittedOffset;
import io.roster.offsets.OffsetLogRecord;
import io.roster.offsets.PartitionId;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OffsetLogCodecTest {

    private static final PartitionId ORDERS_3 = new PartitionId("orders", 3);

    @Test
    void aRecordReadsBackAsWritten() {
        OffsetLogRecord record = OffsetLogRecord.offset("billing", ORDERS_3, 42, new CommittedOffset(1042, "batch-7", 1_795_430_400_000L));
        OffsetLogRecord read = OffsetLogCodec.decode(OffsetLogCodec.key("billing", ORDERS_3), OffsetLogCodec.value(record), null);
        assertEquals(record, read);
    }

    @Test
    void metadataMayBeAbsentEmptyOrAnyUnicode() {
        for (String metadata : new String[] {null, "", "日本語 ✓ \u0000 end"}) {
            OffsetLogRecord record = OffsetLogRecord.offset("g", ORDERS_3, 1, new CommittedOffset(0, metadata, 5));
            assertEquals(record, OffsetLogCodec.decode(OffsetLogCodec.key("g", ORDERS_3), OffsetLogCodec.value(record), null));
        }
    }

    @Test
    void aTombstoneHasNoValueAndCarriesItsSeqInAHeader() {
        OffsetLogRecord tombstone = OffsetLogRecord.tombstone("billing", ORDERS_3, 77);
        assertNull(OffsetLogCodec.value(tombstone), "compaction removes a key whose last value is null");
        OffsetLogRecord read = OffsetLogCodec.decode(OffsetLogCodec.key("billing", ORDERS_3), null, OffsetLogCodec.seqHeader(77));
        assertEquals(tombstone, read);
        assertTrue(read.isTombstone());
        assertThrows(IllegalArgumentException.class,
                () -> OffsetLogCodec.decode(OffsetLogCodec.key("billing", ORDERS_3), null, null));
    }

    /** The key is the stored identity that compaction works on: its bytes must never change. */
    @Test
    void theKeyLayoutIsStable() {
        assertEquals("0001" + "00000001" + "67" + "00000006" + "6f7264657273" + "00000003",
                HexFormat.of().formatHex(OffsetLogCodec.key("g", ORDERS_3)));
        assertArrayEquals(OffsetLogCodec.key("g", ORDERS_3), OffsetLogCodec.key("g", new PartitionId("orders", 3)));
    }

    @Test
    void theValueLayoutIsStable() {
        byte[] value = OffsetLogCodec.value(OffsetLogRecord.offset("g", ORDERS_3, 2, new CommittedOffset(1, "m", 3)));
        assertEquals("0001" + "0000000000000001" + "0000000000000003" + "0000000000000002" + "00000001" + "6d",
                HexFormat.of().formatHex(value));
    }

    /** Group and topic names are length-prefixed: no separator character can make two keys collide. */
    @Test
    void keysOfDifferentGroupsAndTopicsNeverCollide() {
        byte[] a = OffsetLogCodec.key("a/b", new PartitionId("c", 0));
        byte[] b = OffsetLogCodec.key("a", new PartitionId("b/c", 0));
        assertTrue(!Arrays.equals(a, b));
    }

    @Test
    void unknownVersionsAndTruncatedRecordsAreRefusedNotGuessed() {
        byte[] key = OffsetLogCodec.key("g", ORDERS_3);
        byte[] value = OffsetLogCodec.value(OffsetLogRecord.offset("g", ORDERS_3, 1, new CommittedOffset(1, null, 1)));
        byte[] futureKey = key.clone();
        futureKey[1] = 2;
        byte[] futureValue = value.clone();
        futureValue[1] = 2;
        assertThrows(IllegalArgumentException.class, () -> OffsetLogCodec.decode(futureKey, value, null));
        assertThrows(IllegalArgumentException.class, () -> OffsetLogCodec.decode(key, futureValue, null));
        assertThrows(IllegalArgumentException.class,
                () -> OffsetLogCodec.decode(Arrays.copyOf(key, key.length - 1), value, null));
        assertThrows(IllegalArgumentException.class,
                () -> OffsetLogCodec.decode(key, Arrays.copyOf(value, value.length - 3), null));
        assertThrows(IllegalArgumentException.class, () -> OffsetLogCodec.decode(key, Arrays.copyOf(value, value.length + 1), null));
        assertThrows(IllegalArgumentException.class, () -> OffsetLogCodec.decode(null, value, null));
    }
}
