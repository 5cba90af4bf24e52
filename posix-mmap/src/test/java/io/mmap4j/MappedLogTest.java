// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs(OS.LINUX)
class MappedLogTest {
    private static final int HEADER = MappedLog.HEADER_SIZE;
    private final long page = PageSize.get();

    @TempDir
    Path dir;

    @Test
    void aNewLogStartsWithAHeaderWhoseLengthFollowsTheAppends() throws Exception {
        Path p = dir.resolve("log");
        try (MappedLog log = MappedLog.open(p)) {
            assertEquals(page, Files.size(p), "one page reserved ahead");
            assertHeader(p, 0);
            assertEquals(0, log.size());
            assertEquals(0, log.segment().byteSize());
            assertEquals(0, log.append(bytes("hello ")));
            assertEquals(6, log.append(bytes("world")));
            assertEquals(11, log.size());
            assertHeader(p, 11); // a reader of the file sees the length before any sync
            assertEquals("hello world", new String(log.segment().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
            assertTrue(log.segment().isReadOnly());
            assertEquals(page - HEADER, log.capacity());
        }
        assertEquals(HEADER + 11, Files.size(p), "closed at the header plus the bytes appended");
        assertHeader(p, 11);
    }

    @Test
    void closeShrinksTheFileToHeaderPlusDataAndReopeningAppendsAfterIt() throws Exception {
        Path p = dir.resolve("log");
        long expected = 0;
        MappedLog log = MappedLog.open(p);
        for (int i = 0; i < 100; i++) {
            assertEquals(expected, log.append(LogEntries.entry(i)));
            expected += LogEntries.entry(i).length;
        }
        log.sync(SyncMode.SYNC);
        log.close();
        log.close(); // a second close does nothing
        assertEquals(expected, log.size());
        assertThrows(IllegalStateException.class, () -> log.append(new byte[1]));
        assertThrows(IllegalStateException.class, log::segment);
        assertEquals(HEADER + expected, Files.size(p));

        try (MappedLog again = MappedLog.open(p)) {
            assertEquals(expected, again.size());
            assertEquals(expected, again.append(LogEntries.entry(100)));
            assertEquals(0, Files.size(p) % page, "open again: whole pages reserved ahead");
            LogEntries.Reader r = new LogEntries.Reader();
            r.readAll(again.segment());
            assertEquals(101, r.entries());
        }
        assertEquals(HEADER + expected + LogEntries.entry(100).length, Files.size(p));
    }

    @Test
    void reopeningTakesTheLengthFromTheHeaderAndOverwritesWhatLiesPastIt() throws Exception {
        // what a writer killed in the middle of an append leaves: a committed length, the bytes of an
        // append that never returned, and zeros reserved ahead
        Path p = dir.resolve("log");
        byte[] file = new byte[(int) (2 * page)];
        ByteBuffer.wrap(header(1, HEADER, 5)).get(file, 0, HEADER);
        System.arraycopy(bytes("12345half-written"), 0, file, HEADER, 17);
        Files.write(p, file);
        try (MappedLog log = MappedLog.open(p)) {
            assertEquals(5, log.size());
            assertEquals(5, log.append(bytes("678")));
            assertEquals("12345678", new String(log.segment().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
            assertEquals(2 * page, Files.size(p), "opening never shrinks the file");
        }
        assertEquals(HEADER + 8, Files.size(p));
        assertEquals("12345678", new String(Arrays.copyOfRange(Files.readAllBytes(p), HEADER, HEADER + 8),
                StandardCharsets.US_ASCII));
    }

    @Test
    void anEmptyFileBecomesALog() throws Exception {
        Path p = Files.createFile(dir.resolve("log"));
        try (MappedLog log = MappedLog.open(p)) {
            assertEquals(0, log.size());
            assertHeader(p, 0);
        }
        assertEquals(HEADER, Files.size(p));
    }

    @Test
    void aFileThatIsNotALogIsRefusedAndLeftAsItWas() throws Exception {
        Path p = dir.resolve("notes.txt");
        byte[] text = bytes("Hello, this is somebody's text file and certainly not a log of mmap4j.\n");
        Files.write(p, text);
        for (var open : java.util.List.<Opener>of(MappedLog::open, MappedLog::follow)) {
            IOException e = assertThrows(IOException.class, () -> open.open(p));
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("is not an mmap4j log: it starts with 0x48656c6c6f2c2074 (\"Hello, t\")"
                    + " where a log starts with \"MMAP4JLG\""), e.getMessage());
            assertArrayEquals(text, Files.readAllBytes(p), "the file is untouched");
        }

        Path shortFile = dir.resolve("short");
        Files.write(shortFile, bytes("MMAP4JLG"));
        IOException e = assertThrows(IOException.class, () -> MappedLog.open(shortFile));
        assertTrue(e.getMessage().contains("it is 8 bytes long, shorter than the 64-byte log header"), e.getMessage());
        assertEquals(8, Files.size(shortFile));
    }

    @Test
    void aCorruptHeaderIsRefusedNamingTheField() throws Exception {
        assertRefused(header(2, HEADER, 0), "has a log header of format version 2; this library reads version 1 only");
        assertRefused(header(1, 32, 0), "has a corrupt log header: header size 32, expected 64");
        assertRefused(header(1, HEADER, 1), "has a corrupt log header: committed length 1 is not within the 0 bytes "
                + "after the header (file size 64)");
        assertRefused(header(1, HEADER, -1), "committed length -1 is not within");
    }

    @Test
    void followingAnEmptyFileSaysTheWriterHasNotOpenedItYet() throws Exception {
        Path p = Files.createFile(dir.resolve("log"));
        IOException e = assertThrows(IOException.class, () -> MappedLog.follow(p));
        assertEquals(p + " is empty: no log header yet; open the log with MappedLog.open first", e.getMessage());
    }

    @Test
    void aFollowerThreadSeesOnlyFullyWrittenEntries() throws Exception {
        Path p = dir.resolve("log");
        int entries = 30_000; // about 4.7 MB: the log grows and moves a dozen times
        try (MappedLog log = MappedLog.open(p); MappedLog.Follower follower = MappedLog.follow(p)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Set<Long>> followed = CompletableFuture.supplyAsync(() -> {
                LogEntries.Reader r = new LogEntries.Reader();
                Set<Long> sizes = new HashSet<>();
                started.countDown();
                try {
                    while (r.entries() < entries) {
                        long before = follower.size();
                        MemorySegment s = follower.segment();
                        assertTrue(s.byteSize() >= before, "the committed length never goes back");
                        r.readAll(s); // every entry it covers is whole and intact
                        sizes.add(s.byteSize());
                        seen.set(r.entries());
                        if (!writing.get() && r.entries() < entries && follower.size() == s.byteSize()) {
                            throw new AssertionError("writer done but the follower sees " + r.entries() + " entries");
                        }
                    }
                } catch (NativeCallException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return sizes;
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < entries; i++) {
                if (i == entries / 3 || i == 2 * entries / 3) {
                    // the follower reads this length before the log grows on, however slow it is: it sees
                    // at least three lengths on any machine
                    long deadline = System.nanoTime() + Emulation.scaled(Duration.ofSeconds(60)).toNanos();
                    while (seen.get() < i && !followed.isDone() && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    assertTrue(seen.get() >= i, "the follower read " + i + " entries before more were appended");
                }
                log.append(LogEntries.entry(i));
                if (i % 1000 == 0) {
                    Thread.sleep(1); // let the follower look at every stage of the growth
                }
            }
            writing.set(false);
            Set<Long> sizes = followed.get(60, TimeUnit.SECONDS);
            assertTrue(sizes.size() > 2, "the follower saw the log while it grew: " + sizes.size() + " lengths");
            assertEquals(log.size(), follower.size());
        }
        try (MappedLog.Follower afterClose = MappedLog.follow(p)) {
            LogEntries.Reader r = new LogEntries.Reader();
            r.readAll(afterClose.segment());
            assertEquals(entries, r.entries());
        }
    }

    @Test
    void aFollowerKeepsReadingAfterTheWriterClosesAndClosingTwiceDoesNothing() throws Exception {
        Path p = dir.resolve("log");
        MappedLog.Follower follower;
        try (MappedLog log = MappedLog.open(p)) {
            follower = MappedLog.follow(p);
            log.append(bytes("abc"));
            assertEquals(3, follower.size());
        }
        assertEquals("abc", new String(follower.segment().toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        assertTrue(follower.segment().isReadOnly());
        follower.close();
        follower.close();
        assertThrows(IllegalStateException.class, follower::size);
        assertThrows(IllegalStateException.class, follower::segment);
    }

    @Test
    void holdingTheLogsMonitorBlocksNoneOfItsMethods() throws Exception {
        Path p = dir.resolve("log");
        try (MappedLog log = MappedLog.open(p); MappedLog.Follower follower = MappedLog.follow(p)) {
            synchronized (log) {
                synchronized (follower) {
                    CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> {
                        try {
                            log.append(bytes("x"));
                            log.sync(SyncMode.ASYNC);
                            assertTrue(log.toString().contains("1 bytes"), log.toString());
                            return log.size() + follower.segment().byteSize();
                        } catch (NativeCallException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    assertEquals(2, other.get(10, TimeUnit.SECONDS));
                }
            }
        }
    }

    @Test
    void syncWritesTheDataPagesAndTheHeaderPage() throws Exception {
        Path p = dir.resolve("log");
        try (MappedLog log = MappedLog.open(p)) {
            log.sync(SyncMode.SYNC); // empty: the header's page only
            while (log.size() < 3 * page) {
                log.append(LogEntries.entry(log.size()));
            }
            log.sync(SyncMode.SYNC);
            log.sync(SyncMode.ASYNC);
            assertHeader(p, log.size());
        }
    }

    private interface Opener {
        AutoCloseable open(Path p) throws IOException;
    }

    private void assertRefused(byte[] header, String message) throws IOException {
        Path p = Files.createTempFile(dir, "corrupt", ".log");
        Files.write(p, header);
        for (Opener open : java.util.List.<Opener>of(MappedLog::open, MappedLog::follow)) {
            IOException e = assertThrows(IOException.class, () -> open.open(p));
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(message), e.getMessage());
            assertArrayEquals(header, Files.readAllBytes(p), "the file is untouched");
        }
    }

    private static byte[] header(int version, int headerSize, long length) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put(bytes("MMAP4JLG")).putInt(version).putInt(headerSize).putLong(length);
        return b.array();
    }

    private static void assertHeader(Path p, long length) throws IOException {
        byte[] file = Files.readAllBytes(p);
        assertArrayEquals(header(1, HEADER, length), Arrays.copyOf(file, HEADER), "the header");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
