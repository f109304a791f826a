package io.ringstore.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class ValuePayloadTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRoundTripAListIncludingEmptyAndBinaryElements() {
        Dict d = new Dict();
        int slot = d.insert(b("k"), 7);
        ListValue list = new ListValue();
        list.pushTail(b("a"));
        list.pushTail(new byte[0]);
        list.pushTail(new byte[] {0, (byte) 0xff, '\r', '\n'});
        d.setValue(slot, list);
        d.setMeta(slot, ObjectType.meta(ObjectType.LIST, ObjectType.ENC_QUICKLIST, 0));
        ListValue back = ValuePayload.decodeList(ValuePayload.encode(d.table(), slot));
        assertEquals(3, back.length());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(list.get(i), back.get(i));
        }
    }

    @Test
    void shouldRejectMalformedListPayloads() {
        assertNull(ValuePayload.decodeList(new byte[] {0, 0, 0, 0}), "an empty list is never stored");
        assertNull(ValuePayload.decodeList(new byte[] {0, 0, 0, 1, 0, 0, 0, 5, 'a'}), "element longer than the rest");
        assertNull(ValuePayload.decodeList(new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 'a', 'x'}), "trailing bytes");
        assertNull(ValuePayload.decodeList(new byte[] {0, 0}), "truncated count");
    }
}
