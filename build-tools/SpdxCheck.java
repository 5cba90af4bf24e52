// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fails the build when a hand-written source file lacks {@code SPDX-License-Identifier: Apache-2.0} in its
 * first three lines, or when jextract output carries one (generated bindings are never edited).
 *
 * <p>Sources: {@code *.java}, {@code *.c}, {@code *.h}, {@code *.sh} and every file starting with
 * {@code #!}, anywhere under the root given as the argument but for build output ({@code target}) and
 * version control. Run by the root POM's {@code spdx-check} execution, from its own source:
 * {@code java build-tools/SpdxCheck.java .}
 */
public final class SpdxCheck {

    static final String LINE = "SPDX-License-Identifier: Apache-2.0";

    /** jextract output, relative to the root: must not carry the line. */
    static final List<Path> GENERATED = List.of(
            Path.of("native-bindings/src/main/java/io/mmap4j/bindings"),
            Path.of("windows-mapping/src/main/java/io/mmap4j/windows/bindings"));

    static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".mvn");

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length == 0 ? "." : args[0]).toAbsolutePath().normalize();
        List<String> problems = check(root);
        problems.forEach(p -> System.err.println("spdx-check: " + p));
        if (!problems.isEmpty()) {
            System.err.println("spdx-check: " + problems.size() + " file(s) wrong; every hand-written source starts with"
                    + " the line \"// " + LINE + "\" (\"# " + LINE + "\" after a #! line), jextract output never");
            System.exit(1);
        }
    }

    /** {@return one line per file under {@code root} that breaks the rule} */
    static List<String> check(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && isSource(file)) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sources.stream().sorted().map(f -> problem(root, f)).filter(p -> !p.isEmpty()).toList();
    }

    static boolean isSource(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".java") || name.endsWith(".c") || name.endsWith(".h") || name.endsWith(".sh")) {
            return true;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        }
    }

    static String problem(Path root, Path file) {
        Path relative = root.relativize(file);
        boolean generated = GENERATED.stream().anyMatch(relative::startsWith);
        boolean carries;
        try (Stream<String> lines = Files.lines(file)) {
            carries = lines.limit(3).anyMatch(l -> l.contains(LINE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            return relative + ": unreadable as UTF-8 (" + e.getCause().getMessage() + ")";
        }
        if (generated && carries) {
            return relative + ": jextract output carries an SPDX line; regenerate it instead of editing it";
        }
        if (!generated && !carries) {
            return relative + ": no \"" + LINE + "\" in its first three lines";
        }
        return "";
    }
}
