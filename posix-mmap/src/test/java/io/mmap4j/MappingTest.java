// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingTest {
    // Linux's values, for the raw-options tests; the bindings test checks them against the headers
    static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2;
    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_POPULATE = 0x8000;

    @TempDir
    Path dir;
    long page;

    @BeforeEach
    void readPageSize() {
        page = PageSize.get();
    }

    /** A file of {@code pages} pages whose byte i is (byte) i, and a read-write handle to it. */
    private Path patternFile(String name, long pages) throws IOException {
        Path p = dir.resolve(name);
        byte[] bytes = new byte[Math.toIntExact(pages * page)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Files.write(p, bytes);
        return p;
    }

    @Test
    void aSharedWritableMappingShowsAsRwSAndItsWritesReachTheFile() throws Exception {
        Path p = dir.resolve("f");
        try (MappedFile file = MappedFile.open(p, READ, WRITE, CREATE)) {
            file.allocate(0, page);
            try (Mapping m = file.map(0, page, MapOptions.readWrite())) {
                m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'x');
                ProcMaps.Entry e = ProcMaps.read().at(m.address()).orElseThrow();
                assertEquals("rw-s", e.perms());
                assertTrue(e.path().endsWith("/f"), e.path());
                assertTrue(m.isShared());
                assertTrue(m.isWritable());
            }
        }
        assertEquals('x', Files.readAllBytes(p)[0]);
    }

    @Test
    void aReadOnlyMappingShowsAsRSAndHandsOutAReadOnlySegment() throws Exception {
        Path p = patternFile("f", 1);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(0, page, MapOptions.readOnly())) {
            assertEquals("r--s", ProcMaps.read().at(m.address()).orElseThrow().perms());
            assertTrue(m.segment().isReadOnly());
            assertEquals(5, m.segment().get(ValueLayout.JAVA_BYTE, 5));
        }
    }

    @Test
    void aPrivateMappingShowsAsRwPAndItsWritesNeverReachTheFile() throws Exception {
        Path p = patternFile("f", 2);
        byte[] before = Files.readAllBytes(p);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(0, 2 * page, MapOptions.copyOnWrite())) {
            assertEquals("rw-p", ProcMaps.read().at(m.address()).orElseThrow().perms());
            assertFalse(m.isShared());
            m.segment().fill((byte) 0x7f);
            m.sync(SyncMode.SYNC);
            assertEquals(0x7f, m.segment().get(ValueLayout.JAVA_BYTE, page + 3));
            assertArrayEquals(before, Files.readAllBytes(p));
        }
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    @Test
    void closingRemovesTheMappingFromProcMapsAndInvalidatesEverySegment() throws Exception {
        Path p = patternFile("f", 4);
        try (MappedFile file = MappedFile.open(p)) {
            Mapping m = file.map(0, 4 * page, MapOptions.readOnly());
            long start = m.address();
            MemorySegment s = m.segment();
            MemorySegment slice = s.asSlice(page, page);
            assertEquals(1, ProcMaps.read().overlapping(start, start + 4 * page).size());
            m.close();
            assertTrue(ProcMaps.read().overlapping(start, start + 4 * page).isEmpty());
            assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0));
            assertThrows(IllegalStateException.class, () -> slice.get(ValueLayout.JAVA_BYTE, 0));
            assertThrows(IllegalStateException.class, m::segment);
            assertFalse(m.isOpen());
            m.close(); // twice is fine
        }
    }

    @Test
    void partialUnmapOfTheMiddleLeavesTwoUsableMappingsAndRemovesExactlyThatRange() throws Exception {
        Path p = patternFile("f", 16);
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            Mapping m = file.map(0, 16 * page, MapOptions.readWrite());
            long start = m.address();
            MemorySegment old = m.segment();

            List<Mapping> parts = m.unmap(6 * page, 4 * page).parts();

            assertEquals(2, parts.size());
            Mapping head = parts.get(0), tail = parts.get(1);
            assertEquals(start, head.address());
            assertEquals(6 * page, head.length());
            assertEquals(start + 10 * page, tail.address());
            assertEquals(6 * page, tail.length());
            assertEquals(10 * page, tail.fileOffset());
            // the kernel's view: pages 0-5 and 10-15 mapped, 6-9 gone
            ProcMaps maps = ProcMaps.read();
            assertTrue(maps.overlapping(start + 6 * page, start + 10 * page).isEmpty());
            assertEquals(start + 6 * page, maps.at(start).orElseThrow().end());
            assertEquals(start + 10 * page, maps.at(start + 10 * page).orElseThrow().start());
            assertEquals(10 * page, maps.at(start + 10 * page).orElseThrow().offset());
            // the old segment throws everywhere, also over the parts that stay mapped
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 7 * page));
            assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0));
            assertFalse(m.isOpen());
            // the parts read the file's bytes and write through to it
            assertEquals((byte) (5 * page + 1), head.segment().get(ValueLayout.JAVA_BYTE, 5 * page + 1));
            assertEquals((byte) (10 * page + 2), tail.segment().get(ValueLayout.JAVA_BYTE, 2));
            tail.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 0x55);
            head.close();
            tail.close();
            assertTrue(ProcMaps.read().overlapping(start, start + 16 * page).isEmpty());
        }
        assertEquals(0x55, Files.readAllBytes(p)[Math.toIntExact(10 * page)]);
    }

    @Test
    void partialUnmapOfTheStartOrTheEndLeavesOneMapping() throws Exception {
        Path p = patternFile("f", 8);
        try (MappedFile file = MappedFile.open(p)) {
            Mapping m = file.map(0, 8 * page, MapOptions.readOnly());
            long start = m.address();
            List<Mapping> rest = m.unmap(0, 2 * page).parts();
            assertEquals(1, rest.size());
            Mapping afterStart = rest.getFirst();
            assertEquals(start + 2 * page, afterStart.address());
            assertEquals((byte) (2 * page), afterStart.segment().get(ValueLayout.JAVA_BYTE, 0));

            List<Mapping> rest2 = afterStart.unmap(4 * page, 2 * page).parts();
            assertEquals(1, rest2.size());
            Mapping middle = rest2.getFirst();
            assertEquals(start + 2 * page, middle.address());
            assertEquals(4 * page, middle.length());
            ProcMaps maps = ProcMaps.read();
            assertTrue(maps.overlapping(start, start + 2 * page).isEmpty());
            assertTrue(maps.overlapping(start + 6 * page, start + 8 * page).isEmpty());
            assertEquals(start + 6 * page, maps.at(start + 2 * page).orElseThrow().end());
            middle.close();
        }
    }

    @Test
    void partialUnmapOfAnUnalignedRangeIsRefusedAndChangesNothing() throws Exception {
        Path p = patternFile("f", 4);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(0, 4 * page, MapOptions.readOnly())) {
            MemorySegment s = m.segment();
            var e = assertThrows(IllegalArgumentException.class, () -> m.unmap(page + 1, page));
            assertTrue(e.getMessage().contains("offset " + (page + 1)), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.unmap(page, 4 * page));
            assertThrows(IllegalArgumentException.class, () -> m.unmap(-page, page));
            assertTrue(m.isOpen());
            assertEquals(3, s.get(ValueLayout.JAVA_BYTE, 3));
            assertEquals(1, ProcMaps.read().overlapping(m.address(), m.address() + 4 * page).size());
        }
    }

    @Test
    void anUnalignedOffsetIsAlignedDownInternallyAndTheSegmentStartsAtTheByteAskedFor() throws Exception {
        Path p = patternFile("f", 3);
        long offset = page + 123;
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(offset, 100, MapOptions.readOnly())) {
            assertEquals(100, m.segment().byteSize());
            assertEquals(offset, m.fileOffset());
            assertEquals((byte) offset, m.segment().get(ValueLayout.JAVA_BYTE, 0));
            ProcMaps.Entry e = ProcMaps.read().at(m.address()).orElseThrow();
            assertEquals(page, e.offset());
            assertEquals(m.address() - 123, e.start());
            m.sync(0, 100, SyncMode.SYNC);
        }
    }

    @Test
    void aStrictOffsetGoesToTheKernelAndFailsWithEinvalNamingThePageSize() throws Exception {
        Path p = patternFile("f", 2);
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            var e = assertThrows(NativeCallException.class,
                    () -> file.map(123, page, MapOptions.readWrite().strictOffset()));
            assertEquals("mmap", e.call());
            assertEquals("EINVAL", e.errorName());
            assertEquals("mmap(length=" + page + ", prot=READ|WRITE, flags=SHARED, fd=" + file.nativeHandle()
                    + ", offset=123): EINVAL (Invalid argument): offset must be a multiple of the page size " + page,
                    e.getMessage());
            var raw = assertThrows(NativeCallException.class,
                    () -> file.map(123, page, MapOptions.raw(PROT_READ, MAP_SHARED)));
            assertEquals("EINVAL", raw.errorName());
        }
    }

    @Test
    void rawProtAndFlagsPassThroughUnchanged() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero (here: Rss after MAP_POPULATE)");
        Path p = patternFile("f", 2);
        try (MappedFile file = MappedFile.open(p, READ, WRITE);
             Mapping m = file.map(0, 2 * page, MapOptions.raw(PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE))) {
            assertEquals(PROT_READ | PROT_WRITE, m.raw().prot());
            assertEquals(MAP_SHARED | MAP_POPULATE, m.raw().flags());
            assertEquals("rw-s", ProcMaps.read().at(m.address()).orElseThrow().perms());
            // MAP_POPULATE faulted every page in before mmap returned
            assertEquals(2 * page / 1024, ProcMaps.smapsAt(m.address()).get("Rss"));
            assertFalse(m.segment().isReadOnly());
        }
    }

    @Test
    void rawProtIsHonouredLikeTheTypedForm() throws Exception {
        Path p = patternFile("f", 1);
        try (MappedFile file = MappedFile.open(p, READ, WRITE)) {
            try (Mapping ro = file.map(0, page, MapOptions.raw(PROT_READ, MAP_PRIVATE))) {
                assertEquals("r--p", ProcMaps.read().at(ro.address()).orElseThrow().perms());
                assertTrue(ro.segment().isReadOnly());
            }
            try (Mapping none = file.map(0, page, MapOptions.raw(PROT_NONE, MAP_SHARED))) {
                assertEquals("---s", ProcMaps.read().at(none.address()).orElseThrow().perms());
                var e = assertThrows(IllegalStateException.class, none::segment);
                assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
            }
            try (Mapping none = file.map(0, page, MapOptions.of(Protection.NONE, Sharing.PRIVATE))) {
                assertThrows(IllegalStateException.class, none::segment);
            }
        }
    }

    @Test
    void rawFlagsThatPlaceAMappingAtAFixedAddressAreRefusedWhereTheyAreGiven() {
        // refused while the options are built, so no call can follow (a count of /proc/self/maps lines around it
        // said nothing: the JVM maps and unmaps its own memory at any moment)
        long live = Ledger.liveCount();
        var e = assertThrows(IllegalArgumentException.class, () -> MapOptions.raw(PROT_READ, MAP_SHARED | MAP_FIXED));
        assertTrue(e.getMessage().startsWith("flags: SHARED|FIXED"), e.getMessage());
        assertEquals(live, Ledger.liveCount());
    }

    @Test
    void openingWithTheSameOptionTwiceIsHarmless() throws Exception {
        Path p = patternFile("f", 1);
        try (MappedFile file = MappedFile.open(p, READ, READ, WRITE, WRITE)) {
            assertTrue(file.isWritable());
        }
    }

    @Test
    void syncWritesBackExactlyThePagesUnderTheRange() throws Exception {
        Emulation.skipIfEmulated("qemu-user synthesises /proc/self/smaps with every size and counter zero (here: Shared_Dirty and Private_Dirty)");
        Path p = patternFile("f", 4);
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(0, 4 * page, MapOptions.readWrite())) {
            for (long i = 0; i < 4; i++) {
                m.segment().set(ValueLayout.JAVA_BYTE, i * page + 7, (byte) 1);
            }
            long kb = page / 1024;
            assertEquals(4 * kb, dirtyKb(m));
            // bytes page+100 .. 2*page+5 touch pages 1 and 2: both are written back. (ext4 may write
            // back the others too, when its journal commit flushes the whole inode.)
            m.sync(page + 100, page - 94, SyncMode.SYNC);
            assertTrue(dirtyKb(m) <= 2 * kb, "dirty kB after syncing two of four pages: " + dirtyKb(m));
            m.sync(SyncMode.SYNC_INVALIDATE);
            assertEquals(0, dirtyKb(m));
            m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 2);
            m.sync(0, 1, SyncMode.ASYNC);
            m.sync(0, 1, SyncMode.ASYNC_INVALIDATE);
            m.sync(0, 1, SyncMode.INVALIDATE);
            assertThrows(IllegalArgumentException.class, () -> m.sync(4 * page - 1, 2, SyncMode.SYNC));
            assertThrows(IllegalArgumentException.class, () -> m.sync(0, 0, SyncMode.SYNC));
        }
    }

    private static long dirtyKb(Mapping m) {
        var smaps = ProcMaps.smapsAt(m.address());
        return smaps.get("Shared_Dirty") + smaps.get("Private_Dirty");
    }

    @Test
    void aMappingLongerThanTwoGibibytesReadsAndWritesPastTheTwoGibibyteMark() throws Exception {
        Path p = dir.resolve("big");
        long size = 3L << 30;
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.setLength(size); // sparse: no disk used until written
        }
        long far = size - page + 8;
        try (MappedFile file = MappedFile.open(p, READ, WRITE); Mapping m = file.map(MapOptions.readWrite())) {
            assertEquals(size, m.segment().byteSize());
            m.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, far, 0x1122334455667788L);
            m.sync(far, 8, SyncMode.SYNC);
        }
        try (FileChannel ch = FileChannel.open(p)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder());
            ch.read(b, far);
            assertEquals(0x1122334455667788L, b.flip().getLong());
        }
    }

    @Test
    void manyThreadsReadOneMappingAndAgreeOnItsContents() throws Exception {
        Path p = patternFile("f", 64);
        try (MappedFile file = MappedFile.open(p); Mapping m = file.map(MapOptions.readOnly());
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            long expected = sum(m.segment());
            List<Future<Long>> sums = IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> sum(m.segment()))).toList();
            for (Future<Long> s : sums) {
                assertEquals(expected, s.get());
            }
        }
    }

    @Test
    void aConfinedMappingBelongsToItsThreadAndRefusesOthersWithoutCrashing() throws Exception {
        Path p = patternFile("f", 2);
        try (MappedFile file = MappedFile.open(p); ExecutorService other = Executors.newSingleThreadExecutor()) {
            Mapping m = file.map(0, 2 * page, MapOptions.readOnly().confined());
            assertTrue(MapOptions.readOnly().confined().isConfined());
            assertEquals(1, m.segment().get(ValueLayout.JAVA_BYTE, 1));
            var read = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> other.submit(() -> m.segment().get(ValueLayout.JAVA_BYTE, 1)).get());
            assertTrue(read.getCause() instanceof WrongThreadException, read.getCause().toString());
            var close = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> other.submit(() -> { m.close(); return null; }).get());
            assertTrue(close.getCause() instanceof WrongThreadException, close.getCause().toString());
            assertTrue(m.isOpen(), "a refused close changes nothing");
            List<Mapping> parts = m.unmap(page, page).parts();
            assertEquals(0, parts.getFirst().segment().get(ValueLayout.JAVA_BYTE, 0));
            parts.getFirst().close();
            assertTrue(ProcMaps.read().overlapping(m.address(), m.address() + 2 * page).isEmpty());
        }
    }

    private static long sum(MemorySegment s) {
        long total = 0;
        for (long i = 0; i < s.byteSize(); i += 8) {
            total += s.get(ValueLayout.JAVA_LONG_UNALIGNED, i);
        }
        return total;
    }

    @Test
    void toStringNamesTheFileAndState() throws Exception {
        Path p = patternFile("f", 1);
        try (MappedFile file = MappedFile.open(p)) {
            Mapping m = file.map(0, page, MapOptions.readOnly());
            assertTrue(m.toString().contains(p.toString()));
            m.close();
            assertTrue(m.toString().endsWith(", closed]"));
            assertTrue(file.toString().contains("read-only"));
        }
    }
}
