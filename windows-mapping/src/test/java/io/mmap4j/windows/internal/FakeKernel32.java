// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.windows.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kernel32 the tests run against. Off Windows: {@code src/test/c/fake_kernel32.c} (with its
 * {@code fake_kernel32.h}), compiled once per JVM with {@code cc -shared -fPIC} and named by the
 * system property the backend reads; its functions use the Windows x64 calling convention, so the
 * test JVMs run on the JDK's Windows x64 linker ({@code -Djdk.internal.foreign.CABI=WIN_64}, see
 * {@code pom.xml}). On Windows: the real one, so the same tests run there unchanged.
 */
final class FakeKernel32 {
    private FakeKernel32() {
    }

    private static WindowsNativeMemory backend;

    /** {@return whether this JVM really runs on Windows (os.name may be overridden for a test run)} */
    static boolean onRealWindows() {
        return java.io.File.separatorChar == '\\';
    }

    /** {@return the backend over the fake (or, on Windows, the real) kernel32; the same one every time} */
    static synchronized WindowsNativeMemory backend() {
        if (backend == null) {
            useFakeOffWindows();
            backend = new WindowsNativeMemory();
        }
        return backend;
    }

    /** Off Windows, compiles the fake and names it in the system property; on Windows, clears that property. */
    static synchronized void useFakeOffWindows() {
        if (onRealWindows()) {
            System.clearProperty(WindowsCalls.FAKE_KERNEL32);
            return;
        }
        Path library = library();
        System.setProperty(WindowsCalls.FAKE_KERNEL32, library.toString());
    }

    /** {@return the compiled fake, built on first use into the build directory} */
    static synchronized Path library() {
        Path source = Path.of(System.getProperty("mmap4j.test.fakeSource", "src/test/c/fake_kernel32.c"));
        Path dir = Path.of(System.getProperty("mmap4j.test.buildDir", "target")).resolve("fake-kernel32");
        Path library = dir.resolve("libfake_kernel32.so");
        try {
            Files.createDirectories(dir);
            Path header = source.resolveSibling("fake_kernel32.h");
            if (Files.exists(library) && Files.getLastModifiedTime(library).compareTo(Files.getLastModifiedTime(source)) >= 0
                    && Files.getLastModifiedTime(library).compareTo(Files.getLastModifiedTime(header)) >= 0) {
                return library;
            }
            Path log = dir.resolve("cc.log");
            Path partial = dir.resolve("libfake_kernel32.so.part");
            Process cc = new ProcessBuilder(List.of("cc", "-std=gnu11", "-O2", "-Wall", "-Wextra", "-Werror",
                    "-shared", "-fPIC", "-o", partial.toString(), source.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!cc.waitFor(60, TimeUnit.SECONDS)) {
                cc.destroyForcibly().waitFor();
                fail("cc ran past 60 s compiling " + source);
            }
            if (cc.exitValue() != 0) {
                fail("cc could not compile " + source + ":\n" + Files.readString(log));
            }
            Files.move(partial, library, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return library;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
