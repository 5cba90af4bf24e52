// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A small C program that a test writes out and compiles with the system's {@code cc}, to act as a
 * second process that shares nothing with the JVM but the kernel.
 *
 * {@snippet :
 * CProgram hello = CProgram.compile("hello", "int main(void) { return 0; }", dir);
 * String out = hello.run("arg");
 * }
 *
 * @param binary the compiled program
 */
record CProgram(Path binary) {
    private static final long TIMEOUT_SECONDS = Emulation.scaled(Duration.ofSeconds(30)).toSeconds();

    /**
     * Writes {@code source} to {@code dir/name.c} and compiles it with {@code cc -Wall -Werror};
     * fails the test with the compiler's output if that fails.
     *
     * @param name   the program's name, also the binary's file name in {@code dir}
     * @param source C source text
     * @param dir    where the source and the binary go
     * @return the compiled program
     */
    static CProgram compile(String name, String source, Path dir) throws IOException, InterruptedException {
        Path c = dir.resolve(name + ".c");
        Path binary = dir.resolve(name);
        Files.writeString(c, source);
        Output out = exec(List.of("cc", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-o", binary.toString(), c.toString()),
                dir, "cc-" + name);
        if (out.exitCode() != 0) {
            fail("cc could not compile " + c + " (exit code " + out.exitCode() + "):\n" + out.stdout() + out.stderr());
        }
        return new CProgram(binary);
    }

    /**
     * Runs the program to its end; fails the test if it exits with a code other than 0, giving
     * what it wrote on standard error.
     *
     * @param args its arguments
     * @return what it wrote on standard output
     */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Output out = exec(command, binary.getParent(), binary.getFileName().toString());
        if (out.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + out.exitCode() + ":\n" + out.stderr());
        }
        return out.stdout();
    }

    private record Output(int exitCode, String stdout, String stderr) {
    }

    private static Output exec(List<String> command, Path dir, String logName) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(dir, logName, ".stdout");
        Path stderr = Files.createTempFile(dir, logName, ".stderr");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " ran past " + TIMEOUT_SECONDS + " s and was killed");
        }
        return new Output(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
