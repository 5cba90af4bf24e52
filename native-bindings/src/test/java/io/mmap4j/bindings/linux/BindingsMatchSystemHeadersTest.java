// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.bindings.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks each committed jextract package against the C headers of its platform: a small C program,
 * built from the same headers as {@code jextract/linux.h}, prints every constant listed in the
 * platform's args files and the layout of every listed struct, and each value must equal what the
 * generated Java returns. The lists come from the args files, so they cannot drift from what jextract
 * was told to generate.
 *
 * <p>The package of the machine's own architecture is checked with {@code cc}. The other is checked
 * with its cross compiler ({@code aarch64-linux-gnu-gcc}, or {@code x86_64-linux-gnu-gcc} on aarch64),
 * linked statically and run directly, which on a foreign architecture needs an emulator registered
 * with {@code binfmt_misc} (qemu-user, as {@code .ci/aarch64} sets up). Without the cross compiler or
 * the emulator that platform's checks are skipped, saying which is missing.
 */
class BindingsMatchSystemHeadersTest {

    /** The functions mmap4j calls; the args file must list each (it may list more). */
    private static final List<String> FUNCTIONS_MMAP4J_CALLS = List.of(
            "open", "close", "posix_fallocate", "ftruncate", "fstat", "mmap", "msync", "munmap",
            "mprotect", "madvise", "mlock", "munlock", "mincore", "mremap", "memfd_create",
            "shm_open", "shm_unlink", "sysconf", "strerror");

    /** Layout facts the struct check must cover whatever the generated layouts contain. */
    private static final List<String> LAYOUT_KEYS_THAT_MUST_BE_CHECKED = List.of(
            "stat.size", "stat.st_mode.offset", "stat.st_size.offset",
            "timespec.size", "timespec.tv_sec.offset", "timespec.tv_nsec.offset",
            "rlimit.size", "rlimit.rlim_cur.offset", "rlimit.rlim_max.offset");

    // surefire runs the tests with the module directory as working directory
    private static final Path MODULE_DIR = Path.of("").toAbsolutePath();
    private static final Path HEADER_FILE = MODULE_DIR.resolve("jextract/linux.h");

    /** The generated packages: each with its args file, its package and the GNU triple of its compilers. */
    enum Platform {
        X86_64("x86_64", "x86_64-linux-gnu", "amd64", "x86_64"),
        AARCH64("aarch64", "aarch64-linux-gnu", "aarch64");

        final String arch;
        final String triple;
        final List<String> javaArchNames;

        Platform(String arch, String triple, String... javaArchNames) {
            this.arch = arch;
            this.triple = triple;
            this.javaArchNames = List.of(javaArchNames);
        }

        String packageName() {
            return "io.mmap4j.bindings.linux." + arch;
        }

        Class<?> libc() throws ClassNotFoundException {
            return Class.forName(packageName() + ".Libc", false, Platform.class.getClassLoader()); // initialized on first call
        }

        /** The common args file, then this platform's. */
        List<Path> argsFiles() {
            return List.of(MODULE_DIR.resolve("jextract/linux.args"), MODULE_DIR.resolve("jextract/linux-" + arch + ".args"));
        }

        boolean isThisMachine() {
            return javaArchNames.contains(System.getProperty("os.arch"));
        }

        /** {@code cc} here; the cross compiler, linking statically, for the other architecture. */
        List<String> compiler() {
            return isThisMachine() ? List.of("cc") : List.of(triple + "-gcc", "-static");
        }
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyConstantMatchesTheSystemHeaders(Platform platform, @TempDir Path dir) throws Exception {
        Class<?> libc = platform.libc();
        List<String> constants = JextractArgs.read(platform).values("--include-constant");
        assertTrue(constants.size() > 100, "expected the args file to list the constants, found " + constants);

        StringBuilder body = new StringBuilder();
        Map<String, Long> javaValues = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (String name : constants) {
            Method getter;
            try {
                getter = libc.getMethod(name);
            } catch (NoSuchMethodException e) {
                mismatches.add(name + ": listed in the args files but " + libc.getName() + " has no method " + name + "()");
                body.append(printLine(name, "(long long)(" + name + ")"));
                continue;
            }
            Object value = getter.invoke(null);
            switch (value) {
                case Integer i -> javaValues.put(name, i.longValue());
                case Long l -> javaValues.put(name, l);
                case MemorySegment s -> javaValues.put(name, s.address());
                default -> mismatches.add(name + ": unexpected Java type " + value.getClass().getName());
            }
            // a pointer constant (MAP_FAILED) compares by address; everything else as a signed 64-bit value
            String cValue = value instanceof MemorySegment
                    ? "(long long)(long)(" + name + ")"
                    : "(long long)(" + name + ")";
            body.append(printLine(name, cValue));
        }

        Map<String, Long> cValues = compileAndRun(platform, dir, body.toString());
        for (String name : constants) {
            Long c = cValues.get(name);
            Long java = javaValues.get(name);
            if (c == null) {
                mismatches.add(name + ": the C program printed no value");
            } else if (java != null && !java.equals(c)) {
                mismatches.add(name + ": headers say " + c + " (0x" + Long.toHexString(c) + "), Libc." + name
                        + "() returns " + java + " (0x" + Long.toHexString(java) + ")");
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " constant(s) of " + platform.packageName()
                + " differ from the " + platform.arch + " headers;"
                + " regenerate the bindings (README.md):\n  " + String.join("\n  ", mismatches));
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void structLayoutsMatchTheSystemHeaders(Platform platform, @TempDir Path dir) throws Exception {
        List<String> structs = JextractArgs.read(platform).values("--include-struct");
        assertTrue(!structs.isEmpty(), "expected the args file to list structs");

        StringBuilder body = new StringBuilder();
        Map<String, Long> javaValues = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (String struct : structs) {
            Class<?> type;
            try {
                type = Class.forName(platform.packageName() + "." + struct);
            } catch (ClassNotFoundException e) {
                mismatches.add("struct " + struct + ": listed in the args files but there is no generated class "
                        + platform.packageName() + "." + struct);
                continue;
            }
            String cType = "struct " + struct;
            GroupLayout layout = (GroupLayout) type.getMethod("layout").invoke(null);
            javaValues.put(struct + ".size", layout.byteSize());
            body.append(printLine(struct + ".size", "(long long)sizeof(" + cType + ")"));
            javaValues.put(struct + ".align", layout.byteAlignment());
            body.append(printLine(struct + ".align", "(long long)_Alignof(" + cType + ")"));
            for (MemoryLayout member : layout.memberLayouts()) {
                if (member.name().isEmpty()) {
                    continue; // padding jextract inserted; the named members around it pin it down
                }
                String field = member.name().get();
                String key = struct + "." + field;
                Method offset;
                try {
                    offset = type.getMethod(field + "$offset");
                } catch (NoSuchMethodException e) {
                    mismatches.add(key + ": no generated accessor " + struct + "." + field + "$offset()");
                    continue;
                }
                javaValues.put(key + ".offset", (Long) offset.invoke(null));
                body.append(printLine(key + ".offset", "(long long)offsetof(" + cType + ", " + field + ")"));
                javaValues.put(key + ".size", member.byteSize());
                body.append(printLine(key + ".size", "(long long)sizeof(((" + cType + " *)0)->" + field + ")"));
            }
        }
        for (String key : LAYOUT_KEYS_THAT_MUST_BE_CHECKED) {
            if (!javaValues.containsKey(key)) {
                mismatches.add(key + ": not covered by the generated layouts");
            }
        }

        Map<String, Long> cValues = compileAndRun(platform, dir, body.toString());
        javaValues.forEach((key, java) -> {
            Long c = cValues.get(key);
            if (c == null) {
                mismatches.add(key + ": the C program printed no value");
            } else if (!java.equals(c)) {
                mismatches.add(key + ": headers say " + c + ", generated layout says " + java);
            }
        });
        assertTrue(mismatches.isEmpty(), mismatches.size() + " struct layout fact(s) of " + platform.packageName()
                + " differ from the " + platform.arch + " headers;"
                + " regenerate the bindings (README.md):\n  " + String.join("\n  ", mismatches));
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void theArgsFilesListEveryFunctionMmap4jCalls(Platform platform) throws IOException {
        List<String> listed = JextractArgs.read(platform).values("--include-function");
        List<String> missing = FUNCTIONS_MMAP4J_CALLS.stream().filter(f -> !listed.contains(f)).toList();
        assertEquals(List.of(), missing, "functions mmap4j calls but the " + platform.arch + " args files do not list");
    }

    @Test
    void eachPlatformsArgsFileNamesItsOwnPackage() throws IOException {
        for (Platform platform : Platform.values()) {
            assertEquals(List.of(platform.packageName()), JextractArgs.read(platform).values("--target-package"),
                    "--target-package in " + platform.argsFiles());
        }
    }

    /** Symbols resolve in this process's C library, so only the package of this machine is checked. */
    @ParameterizedTest
    @EnumSource(Platform.class)
    void everyListedFunctionHasASymbolInLibc(Platform platform) throws Exception {
        Class<?> libc = platform.libc();
        List<String> functions = JextractArgs.read(platform).values("--include-function");
        List<String> problems = new ArrayList<>();
        for (String function : functions) {
            try {
                if (!platform.isThisMachine()) {
                    // another target's symbols cannot be looked up here: check that the accessor was generated
                    accessorOf(libc, function);
                    continue;
                }
                MemorySegment address = symbolOf(libc, function);
                if (address == null || address.equals(MemorySegment.NULL)) {
                    problems.add(function + ": null address");
                }
            } catch (ReflectiveOperationException e) {
                problems.add(function + ": no generated " + function + "$address() nor variadic invoker class Libc."
                        + function + " (" + e + ")");
            } catch (RuntimeException | Error e) {
                problems.add(function + ": symbol lookup failed: " + e);
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " listed function(s) without a symbol:\n  "
                + String.join("\n  ", problems));
    }

    /** {@return the generated accessor of a function's address: {@code Libc.f$address()} or a variadic invoker's {@code address()}} */
    private static Method accessorOf(Class<?> libc, String function) throws ReflectiveOperationException {
        try {
            return libc.getMethod(function + "$address");
        } catch (NoSuchMethodException notPlain) {
            Class<?> invoker = Class.forName(libc.getName() + "$" + function, false, libc.getClassLoader());
            return invoker.getMethod("address");
        }
    }

    /** {@code Libc.f$address()} for an ordinary function, {@code Libc.f.address()} for a variadic one. */
    private static MemorySegment symbolOf(Class<?> libc, String function) throws ReflectiveOperationException {
        Method getter = accessorOf(libc, function);
        try {
            return (MemorySegment) getter.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The probe's first line, which shows that it started at all. */
    private static final String STARTED = "probe.started";

    private static String printLine(String key, String cExpression) {
        return "    printf(\"%s=%lld\\n\", \"" + key + "\", " + cExpression + ");\n";
    }

    /**
     * Builds {@code body} into a C program over jextract/linux.h with {@code platform}'s compiler, runs it
     * and parses its NAME=value lines. Skips (never passes) when a foreign platform's compiler or emulator
     * is missing.
     */
    private static Map<String, Long> compileAndRun(Platform platform, Path dir, String body)
            throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(HEADER_FILE), "no " + HEADER_FILE + " (is the working directory the module?)");
        // linux.h defines _GNU_SOURCE before any system header, so it must come first
        String program = "#include \"" + HEADER_FILE + "\"\n"
                + "#include <stddef.h>\n"
                + "#include <stdio.h>\n"
                + "\n"
                + "int main(void) {\n"
                + printLine(STARTED, "1LL")
                + body
                + "    return 0;\n"
                + "}\n";
        Path source = dir.resolve("headers.c");
        Path binary = dir.resolve("headers");
        Files.writeString(source, program);

        List<String> compiler = platform.compiler();
        if (!platform.isThisMachine()) {
            assumeTrue(onPath(compiler.getFirst()), "no " + compiler.getFirst() + " on PATH to build the " + platform.arch
                    + " probe (Debian: apt-get install crossbuild-essential-" + debianArch(platform) + ")");
        }
        List<String> command = new ArrayList<>(compiler);
        command.addAll(List.of("-std=gnu11", "-Wall", "-Werror", "-o", binary.toString(), source.toString()));
        Run cc = run(dir, command);
        if (cc.exitCode() != 0) {
            fail(String.join(" ", compiler) + " failed (exit " + cc.exitCode() + ") on " + source + ":\n" + cc.output()
                    + "\nprogram:\n" + program);
        }
        Run prog = run(dir, List.of(binary.toString()));
        if (!platform.isThisMachine() && !prog.output().startsWith(STARTED + "=1\n")) {
            // a foreign binary starts only through an emulator registered with binfmt_misc; without one the
            // kernel refuses it (ENOEXEC) and Java, like execvp, hands it to /bin/sh, which prints nonsense
            assumeTrue(false, "the " + platform.arch + " probe cannot run on os.arch " + System.getProperty("os.arch")
                    + ": no emulator for it is registered with binfmt_misc (exit " + prog.exitCode() + ")");
        }
        if (prog.exitCode() != 0) {
            fail("the C program exited with " + prog.exitCode() + ":\n" + prog.output());
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : prog.output().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                fail("unexpected line from the C program: " + line);
            }
            values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
        }
        values.remove(STARTED);
        return values;
    }

    private record Run(int exitCode, String output) {
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String debianArch(Platform platform) {
        return platform == Platform.X86_64 ? "amd64" : "arm64";
    }

    private static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.getFirst() + " (this test needs a C compiler `cc` on PATH): "
                    + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), output);
    }

    /** The options in a platform's args files: one option and its value per line; '#' starts a comment. */
    private record JextractArgs(List<Path> files, List<String[]> options) {
        static JextractArgs read(Platform platform) throws IOException {
            List<String[]> options = new ArrayList<>();
            for (Path file : platform.argsFiles()) {
                for (String line : Files.readAllLines(file)) {
                    // as in jextract's own @file parsing, a token starting with '#' comments out the rest of the line
                    String trimmed = line.replaceFirst("(^|\\s)#.*", "").strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    options.add(trimmed.split("\\s+"));
                }
            }
            return new JextractArgs(platform.argsFiles(), options);
        }

        List<String> values(String option) {
            List<String> values = new ArrayList<>();
            for (String[] tokens : options) {
                if (tokens[0].equals(option)) {
                    assertEquals(2, tokens.length, "expected '" + option + " NAME' in " + files + ", got "
                            + String.join(" ", tokens));
                    values.add(tokens[1]);
                }
            }
            return values;
        }
    }
}
