package io.mmap4j.bindings.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/**
 * Checks the committed jextract output against the C headers of the machine running the tests: a
 * small C program, built with {@code cc} from the same headers as {@code jextract/linux.h}, prints
 * every constant listed in {@code jextract/linux.args} and the layout of every listed struct, and
 * each value must equal what the generated Java returns. The lists come from the args file, so they
 * cannot drift from what jextract was told to generate.
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
    private static final Path ARGS_FILE = MODULE_DIR.resolve("jextract/linux.args");
    private static final Path HEADER_FILE = MODULE_DIR.resolve("jextract/linux.h");

    @Test
    void everyConstantMatchesTheSystemHeaders(@TempDir Path dir) throws Exception {
        List<String> constants = JextractArgs.read().values("--include-constant");
        assertTrue(constants.size() > 100, "expected the args file to list the constants, found " + constants);

        StringBuilder body = new StringBuilder();
        Map<String, Long> javaValues = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (String name : constants) {
            Method getter;
            try {
                getter = Libc.class.getMethod(name);
            } catch (NoSuchMethodException e) {
                mismatches.add(name + ": listed in linux.args but Libc has no method " + name + "()");
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

        Map<String, Long> cValues = compileAndRun(dir, body.toString());
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
        assertTrue(mismatches.isEmpty(), mismatches.size() + " constant(s) differ from the system headers;"
                + " regenerate the bindings (README.md):\n  " + String.join("\n  ", mismatches));
    }

    @Test
    void structLayoutsMatchTheSystemHeaders(@TempDir Path dir) throws Exception {
        List<String> structs = JextractArgs.read().values("--include-struct");
        assertTrue(!structs.isEmpty(), "expected the args file to list structs");

        StringBuilder body = new StringBuilder();
        Map<String, Long> javaValues = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        for (String struct : structs) {
            Class<?> type;
            try {
                type = Class.forName(Libc.class.getPackageName() + "." + struct);
            } catch (ClassNotFoundException e) {
                mismatches.add("struct " + struct + ": listed in linux.args but there is no generated class " + struct);
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

        Map<String, Long> cValues = compileAndRun(dir, body.toString());
        javaValues.forEach((key, java) -> {
            Long c = cValues.get(key);
            if (c == null) {
                mismatches.add(key + ": the C program printed no value");
            } else if (!java.equals(c)) {
                mismatches.add(key + ": headers say " + c + ", generated layout says " + java);
            }
        });
        assertTrue(mismatches.isEmpty(), mismatches.size() + " struct layout fact(s) differ from the system headers;"
                + " regenerate the bindings (README.md):\n  " + String.join("\n  ", mismatches));
    }

    @Test
    void theArgsFileListsEveryFunctionMmap4jCalls() throws IOException {
        List<String> listed = JextractArgs.read().values("--include-function");
        List<String> missing = FUNCTIONS_MMAP4J_CALLS.stream().filter(f -> !listed.contains(f)).toList();
        assertEquals(List.of(), missing, "functions mmap4j calls but jextract/linux.args does not list");
    }

    @Test
    void everyListedFunctionHasASymbolInLibc() throws Exception {
        List<String> functions = JextractArgs.read().values("--include-function");
        List<String> problems = new ArrayList<>();
        for (String function : functions) {
            try {
                MemorySegment address = symbolOf(function);
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

    /** {@code Libc.f$address()} for an ordinary function, {@code Libc.f.address()} for a variadic one. */
    private static MemorySegment symbolOf(String function) throws ReflectiveOperationException {
        Method getter;
        try {
            getter = Libc.class.getMethod(function + "$address");
        } catch (NoSuchMethodException notPlain) {
            Class<?> invoker = Class.forName(Libc.class.getName() + "$" + function);
            getter = invoker.getMethod("address");
        }
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

    private static String printLine(String key, String cExpression) {
        return "    printf(\"%s=%lld\\n\", \"" + key + "\", " + cExpression + ");\n";
    }

    /** Builds {@code body} into a C program over jextract/linux.h, runs it and parses its NAME=value lines. */
    private static Map<String, Long> compileAndRun(Path dir, String body) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(HEADER_FILE), "no " + HEADER_FILE + " (is the working directory the module?)");
        // linux.h defines _GNU_SOURCE before any system header, so it must come first
        String program = "#include \"" + HEADER_FILE + "\"\n"
                + "#include <stddef.h>\n"
                + "#include <stdio.h>\n"
                + "\n"
                + "int main(void) {\n"
                + body
                + "    return 0;\n"
                + "}\n";
        Path source = dir.resolve("headers.c");
        Path binary = dir.resolve("headers");
        Files.writeString(source, program);

        Run cc = run(dir, List.of("cc", "-std=gnu11", "-Wall", "-Werror", "-o", binary.toString(), source.toString()));
        if (cc.exitCode() != 0) {
            fail("cc failed (exit " + cc.exitCode() + ") on " + source + ":\n" + cc.output() + "\nprogram:\n" + program);
        }
        Run prog = run(dir, List.of(binary.toString()));
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
        return values;
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.getFirst() + " (this test needs a C compiler `cc` on PATH)", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), output);
    }

    /** The options in jextract/linux.args: one option and its value per line; '#' starts a comment. */
    private record JextractArgs(List<String[]> options) {
        static JextractArgs read() throws IOException {
            List<String[]> options = new ArrayList<>();
            for (String line : Files.readAllLines(ARGS_FILE)) {
                // as in jextract's own @file parsing, a token starting with '#' comments out the rest of the line
                String trimmed = line.replaceFirst("(^|\\s)#.*", "").strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                options.add(trimmed.split("\\s+"));
            }
            return new JextractArgs(options);
        }

        List<String> values(String option) {
            List<String> values = new ArrayList<>();
            for (String[] tokens : options) {
                if (tokens[0].equals(option)) {
                    assertEquals(2, tokens.length, "expected '" + option + " NAME' in " + ARGS_FILE + ", got "
                            + String.join(" ", tokens));
                    values.add(tokens[1]);
                }
            }
            return values;
        }
    }
}
