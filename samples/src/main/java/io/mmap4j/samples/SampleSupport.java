// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import io.mmap4j.MapOptions;
import io.mmap4j.MappedFile;
import io.mmap4j.Mapping;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * What several samples share: checksums and text views of bytes, sizes, temporary directories, and
 * a child JVM running one of {@link Main}'s commands on the same code, spoken to in lines.
 */
public final class SampleSupport {
    private SampleSupport() {
    }

    /** {@return the CRC-32C of a segment's bytes, as 8 hex digits} */
    static String crc32c(MemorySegment bytes) {
        var crc = new CRC32C();
        crc.update(bytes.asByteBuffer());
        return "%08x".formatted(crc.getValue());
    }

    /** {@return the CRC-32C of a file's bytes, as 8 hex digits} */
    static String crc32c(Path file) throws IOException {
        return crc32c(MemorySegment.ofArray(Files.readAllBytes(file)));
    }

    /** {@return the UTF-8 text at the start of a segment, up to its first NUL or its end, quoted} */
    static String text(MemorySegment bytes) {
        long end = 0;
        while (end < bytes.byteSize() && bytes.get(ValueLayout.JAVA_BYTE, end) != 0) {
            end++;
        }
        return "\"" + new String(bytes.asSlice(0, end).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8) + "\"";
    }

    /** {@return the text of a file up to its first NUL, quoted, read with plain file I/O ({@code read(2)})} */
    static String fileText(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        int nul = s.indexOf('\0');
        return "\"" + (nul < 0 ? s : s.substring(0, nul)) + "\"";
    }

    /** {@return a byte count in MiB, one decimal} */
    static String mib(long bytes) {
        return "%.1f MiB".formatted(bytes / (1024.0 * 1024.0));
    }

    /**
     * Parses a size such as {@code 256m}, {@code 8g}, {@code 4096} or {@code 10MiB}.
     *
     * @throws IllegalArgumentException if {@code text} is not a positive size
     */
    static long parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long size = Math.multiplyExact(Long.parseLong(digits), unit);
            if (size > 0) {
                return size;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("size: '" + text + "' is not a positive size such as 4096, 256m or 8g");
    }

    /** A directory given on the command line, or a new temporary one that {@link #close()} removes. */
    record WorkDir(Path path, boolean temporary) implements AutoCloseable {
        static WorkDir of(String[] args, int index, String prefix) throws IOException {
            if (args.length > index) {
                return new WorkDir(Files.createDirectories(Path.of(args[index])), false);
            }
            return temporary(prefix);
        }

        static WorkDir temporary(String prefix) throws IOException {
            return new WorkDir(Files.createTempDirectory(prefix), true);
        }

        @Override
        public void close() throws IOException {
            if (temporary) {
                deleteTree(path);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The command line that runs {@code Main} with {@code args} in a new JVM on the same code: the
     * same {@code java}; {@code -jar} when this code runs from the executable jar (whose manifest
     * enables native access), otherwise the running class and module path with
     * {@code --enable-native-access=ALL-UNNAMED}. Public for the page-cache tool's daemon; the
     * package is not exported.
     *
     * @param jvmOptions options for the new JVM, before the code's location
     * @param args       the command and its arguments, as {@code Main} takes them
     * @return the command line, starting with the {@code java} executable
     */
    public static List<String> childCommand(List<String> jvmOptions, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        Path code = codeLocation();
        if (Files.isRegularFile(code)) {
            command.add("-jar");
            command.add(code.toString());
        } else {
            // tests run in module mode: target/classes and the dependencies are on jdk.module.path
            String modulePath = System.getProperty("jdk.module.path", "");
            String classPath = System.getProperty("java.class.path", "");
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-cp");
            command.add(modulePath.isEmpty() ? classPath
                    : classPath.isEmpty() ? modulePath : modulePath + File.pathSeparator + classPath);
            command.add(Main.class.getName());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** {@return the jar or class directory this code was loaded from} */
    static Path codeLocation() {
        try {
            return Path.of(SampleSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the samples' code lives", e);
        }
    }

    /** The hidden command a peeking child runs: {@code peek-child FILE}. */
    static final String PEEK_COMMAND = "peek-child";

    /**
     * The child's side of a peek: maps {@code file} {@code MAP_SHARED} read-only, says
     * {@code ready PID}, then answers each {@code look} line with {@code saw} and the text at the
     * start of the mapping, until its input ends. It never writes and never calls {@code msync}.
     */
    static void peek(Path file, BufferedReader in, PrintStream out) throws IOException {
        try (MappedFile f = MappedFile.open(file); Mapping m = f.map(MapOptions.readOnly())) {
            out.println("ready " + ProcessHandle.current().pid());
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.equals("look")) {
                    throw new IllegalArgumentException("peek-child: unknown request '" + line + "'");
                }
                out.println("saw " + text(m.segment()));
                out.flush();
            }
        }
    }

    /**
     * A child JVM running one command of {@link Main}, with its standard error merged into its
     * standard output: a warning from the child therefore shows up where a line was expected.
     */
    static final class Child implements AutoCloseable {
        private final Process process;
        private final BufferedReader lines;
        private final BufferedWriter input;
        private final String launch;

        private Child(Process process, String launch) {
            this.process = process;
            this.launch = launch;
            this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        static Child start(List<String> jvmOptions, String... args) throws IOException {
            String options = jvmOptions.isEmpty() ? "" : String.join(" ", jvmOptions) + " ";
            String launch = Files.isRegularFile(codeLocation())
                    ? "java " + options + "-jar " + codeLocation().getFileName()
                    : "java " + options + "-cp <the running class path>";
            return new Child(new ProcessBuilder(childCommand(jvmOptions, args)).redirectErrorStream(true).start(),
                    launch);
        }

        /** Starts a child that maps {@code file} {@code MAP_SHARED} and answers {@link #look()}. */
        static Child peeking(Path file) throws IOException {
            Child child = start(List.of(), PEEK_COMMAND, file.toString());
            child.expect("ready ");
            return child;
        }

        /** {@return what a {@linkplain #peeking peeking} child sees at the start of its mapping, quoted} */
        String look() throws IOException {
            send("look");
            return expect("saw ");
        }

        /** {@return how the child was launched, in short: its JVM options, and the jar or the class path} */
        String launch() {
            return launch;
        }

        long pid() {
            return process.pid();
        }

        /** Sends one line to the child's standard input. */
        void send(String line) throws IOException {
            input.write(line);
            input.newLine();
            input.flush();
        }

        /**
         * {@return the child's next line of output, with {@code prefix} removed}
         *
         * @throws IOException if the child ends first, or the line does not start with {@code prefix}
         */
        String expect(String prefix) throws IOException {
            String line = lines.readLine();
            if (line == null) {
                throw new IOException("child " + process.pid() + " ended before saying '" + prefix + "'");
            }
            if (!line.startsWith(prefix)) {
                throw new IOException("child " + process.pid() + " said '" + line + "', expected '" + prefix + "...'");
            }
            return line.substring(prefix.length());
        }

        /** {@return the child's next line of output, or null once it has ended} */
        String nextLine() throws IOException {
            return lines.readLine();
        }

        /** Closes the child's input and waits for it to end with exit code 0. */
        @Override
        public void close() throws IOException {
            input.close();
            try {
                String rest = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("child " + process.pid() + " did not end within 60 s");
                }
                if (process.exitValue() != 0 || !rest.isEmpty()) {
                    throw new IOException("child " + process.pid() + " ended with exit code " + process.exitValue()
                            + (rest.isEmpty() ? "" : " after saying: " + rest.strip()));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for child " + process.pid(), e);
            }
        }
    }
}
