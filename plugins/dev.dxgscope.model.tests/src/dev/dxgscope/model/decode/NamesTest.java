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

    /** Every command the headers name, range markers aside; by each numbering. */
    @Test
    void vmbusCommandsAreNamedByTheirNumbering() {
        assertEquals("SETQUEUEDLIMIT", Names.vmbusCommand(1, 31), "LIMIT in a name that is a command");
        assertEquals("INVALIDATECACHE", Names.vmbusCommand(1, 67), "INVALID in a name that is a command");
        assertEquals("DESTROYNTSHAREDOBJECT", Names.vmbusCommand(1, 1005), "global numbering from 1000");
        assertEquals("SIGNALGUESTEVENT", Names.vmbusCommand(3, 0), "host-to-guest numbering");
        assertEquals("CREATEDEVICE", Names.vmbusCommand(1, 0));
        assertEquals("command 999", Names.vmbusCommand(1, 999), "no name: the number");
    }
}
