// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.tool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DirectoryTest {
    @TempDir
    Path dir;

    /** File names are decoded as UTF-8 (a UTF-8 locale): the typed walk is used only then. */
    private static boolean utf8Names() {
        return "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));
    }

    @Test
    void theTestsRunWithTheTypedWalkSoThatItIsTheOneTested() {
        assertTrue(Directory.class.getModule().isNativeAccessEnabled(), "native access for io.mmap4j.samples (argLine)");
        assumeTrue(utf8Names(), "a UTF-8 locale");
        assertTrue(Directory.usable());
    }

    @Test
    void entriesComeWithTheTypesGetdentsGivesAndWithoutDotAndDotDot() throws Exception {
        assumeTrue(utf8Names(), "a UTF-8 locale");
        Files.write(dir.resolve("file"), new byte[] {1});
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("file"));
        Files.write(dir.resolve("naïve ✓"), new byte[0]);
        Map<String, Byte> types = Directory.read(dir).stream()
                .collect(Collectors.toMap(e -> e.path().getFileName().toString(), Directory.Entry::type));
        assertEquals(Map.of("file", Directory.DT_REG, "sub", Directory.DT_DIR, "link", Directory.DT_LNK,
                "naïve ✓", Directory.DT_REG), types);
        assertEquals(List.of(dir.resolve("file")), Directory.read(dir).stream()
                .filter(e -> e.path().getFileName().toString().equals("file")).map(Directory.Entry::path).toList(),
                "the entries' paths are the directory's, resolved");
    }

    @Test
    void aDirectoryWhoseEntriesFillManyBuffersIsReadWholeWithNamesOfEveryLength() throws Exception {
        assumeTrue(utf8Names(), "a UTF-8 locale");
        // 1,500 records of about 220 bytes: ten getdents64 calls of 32 KiB; names of 1 to 255 bytes
        // (NAME_MAX), some of them two-byte UTF-8 characters
        java.util.Set<String> made = new java.util.HashSet<>();
        for (int i = 0; i < 1500; i++) {
            String name = (i % 3 == 0 ? "é" : "f") + i + "-" + "x".repeat(i % 250);
            made.add(name.substring(0, Math.min(name.length(), 200)));
        }
        made.add("y".repeat(255));
        made.add("é".repeat(127) + "z"); // 255 bytes
        made.add("1");
        for (String name : made) {
            Files.write(dir.resolve(name), new byte[0]);
        }
        List<Directory.Entry> entries = Directory.read(dir);
        assertNotNull(entries);
        assertEquals(made, entries.stream().map(e -> e.path().getFileName().toString())
                .collect(Collectors.toSet()));
        assertEquals(made.size(), entries.size(), "each name once");
        assertTrue(entries.stream().allMatch(e -> e.type() == Directory.DT_REG));
    }

    @Test
    void aDirectoryThatCannotBeReadOrHoldsANameThatIsNotUtf8IsLeftToJavaNioFile() throws Exception {
        assumeTrue(utf8Names(), "a UTF-8 locale");
        assertNull(Directory.read(dir.resolve("missing")), "opendir fails: java.nio.file says why");
        assertNull(Directory.read(dir.resolve("missing-too").resolve("x")));
        // a name made of bytes that are not UTF-8, made by a shell
        Process p = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"").directory(dir.toFile()).start();
        assertEquals(0, p.waitFor());
        assertNull(Directory.read(dir), "java.nio.file keeps such a name as bytes; a String could not");
    }

    @Test
    void statTellsHardLinksApartByDeviceAndInodeAndGivesTheSize() throws Exception {
        assumeTrue(utf8Names(), "a UTF-8 locale");
        Path a = Files.write(dir.resolve("a"), new byte[12345]);
        Path b = Files.createLink(dir.resolve("b"), a);
        Path c = Files.write(dir.resolve("c"), new byte[1]);
        try (var fa = io.mmap4j.MappedFile.open(a); var fb = io.mmap4j.MappedFile.open(b);
             var fc = io.mmap4j.MappedFile.open(c)) {
            Directory.Status sa = Directory.stat(fa.nativeHandle()), sb = Directory.stat(fb.nativeHandle()),
                    sc = Directory.stat(fc.nativeHandle());
            assertNotNull(sa);
            assertEquals(sa.key(), sb.key(), "two names of one file");
            assertNotEquals(sa.key(), sc.key());
            assertEquals(12345, sa.size());
            assertEquals(Files.getAttribute(a, "unix:ino"), sa.key().inode());
            assertEquals(Files.getAttribute(a, "unix:dev"), devOf(sa.key()));
        }
        assertNull(Directory.stat(-1), "a bad descriptor gives no answer");
    }

    /** st_dev as glibc makes it from the major and minor numbers (gnu_dev_makedev). */
    private static long devOf(Directory.Key k) {
        long major = k.device() >>> 32, minor = k.device() & 0xffffffffL;
        return (major & 0xfff) << 8 | (major & ~0xfffL) << 32 | (minor & 0xff) | (minor & ~0xffL) << 12;
    }
}
