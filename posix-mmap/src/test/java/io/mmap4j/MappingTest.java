package io.mmap4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MappingTest {
    @TempDir
    Path dir;

    @Test
    void aSharedWritableMappingShowsAsRwSInProcMaps() throws Exception {
        Path p = dir.resolve("f");
        long page = PageSize.get();
        try (MappedFile file = MappedFile.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            file.allocate(0, page);
            try (Mapping m = file.map(0, page, MapOptions.readWrite())) {
                m.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 'x');
                assertEquals("rw-s", ProcMaps.read().at(m.address()).orElseThrow().perms());
            }
        }
        assertEquals('x', Files.readAllBytes(p)[0]);
    }
}
