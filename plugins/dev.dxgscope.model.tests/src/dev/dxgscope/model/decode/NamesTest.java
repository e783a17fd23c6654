package dev.dxgscope.model.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void aRequestValueShowsItsDirectionTypeNumberAndSize() {
        assertEquals("0xc0184709 (_IOWR 'G' 0x09, 24 bytes)", Names.request(0xc0184709), "QueryAdapterInfo");
        assertEquals("0xc0144709 (_IOWR 'G' 0x09, 20 bytes)", Names.request(0xc0144709), "a size the driver does not know");
        assertEquals("0x80040001 (_IOR 0x00 0x01, 4 bytes)", Names.request(0x80040001), "a type byte that is no letter");
        assertEquals("0x00004700 (_IO 'G' 0x00, 0 bytes)", Names.request(0x4700));
        assertEquals("0x7fff47ff (_IOW 'G' 0xff, 16383 bytes)", Names.request(0x7fff47ff), "the widest size field");
    }
}
