// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the child-JVM scenarios share: each access that must fail prints {@code caught <class>:
 * <message> (<what>)}, anything else that goes wrong prints a line starting {@code FAILED}, and the
 * child exits with {@link #exitCode()}.
 */
final class ScenarioChecks {
    private static final AtomicInteger FAILURES = new AtomicInteger();

    private ScenarioChecks() {
    }

    /** An access that may throw anything. */
    interface Access {
        void run() throws Throwable;
    }

    /** {@return 0 if every expectation held, else 1} */
    static int exitCode() {
        return FAILURES.get() == 0 ? 0 : 1;
    }

    /** A file {@code data} of {@code pages} pages, zero-filled, open read-write. */
    static MappedFile create(Path dir, int pages) throws Exception {
        MappedFile file = MappedFile.open(dir.resolve("data"), StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE);
        file.allocate(0, pages * PageSize.get());
        return file;
    }

    /** Runs {@code access}, which must throw exactly {@code expected}, and prints what it threw. */
    static void expect(String what, Class<? extends Throwable> expected, Access access) {
        try {
            access.run();
            check(false, what + " threw nothing, expected " + expected.getName());
        } catch (Throwable t) {
            if (t.getClass() == expected) {
                System.out.println("caught " + t.getClass().getName() + ": " + t.getMessage() + " (" + what + ")");
            } else {
                check(false, what + " threw " + t + ", expected " + expected.getName());
                t.printStackTrace(System.out);
            }
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            FAILURES.incrementAndGet();
            System.out.println("FAILED: " + what);
        }
    }
}
