package io.mmap4j.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The {@code ./mmap4j} launcher: one command per sample, and a tour that runs them all. */
public final class Main {
    private Main() {
    }

    /**
     * Runs a command.
     *
     * @param args the command and its arguments; {@code help} lists them
     * @throws Exception whatever the sample throws: it is a sample, its failures should be seen
     */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "tour" -> {
                Path dir = Files.createTempDirectory("mmap4j-tour");
                try {
                    out.println("== c-workflow: open, posix_fallocate, mmap, msync, munmap, ftruncate");
                    CWorkflow.run(dir.resolve("c-workflow.dat"), out);
                } finally {
                    deleteTree(dir);
                }
            }
            case "c-workflow" -> {
                if (args.length != 2) {
                    err.println("usage: mmap4j c-workflow FILE   (FILE is created; it must not exist)");
                    return 2;
                }
                CWorkflow.run(Path.of(args[1]), out);
            }
            case "residency", "touch", "evict", "lock", "maps" -> {
                return io.mmap4j.tool.PageCacheTool.run(command, java.util.List.of(args).subList(1, args.length), out, err);
            }
            case "help", "-h", "--help" -> out.print("""
                    usage: mmap4j COMMAND [ARGS]
                      tour               run every sample on temporary files, then remove them
                      c-workflow FILE    the C workflow: open, posix_fallocate a page, mmap MAP_SHARED,
                                         write, msync MS_SYNC and MS_ASYNC, munmap, ftruncate to the bytes written
                      help               this text
                    page-cache tool:
                    """ + io.mmap4j.tool.PageCacheTool.USAGE_TEXT);
            default -> {
                err.println("mmap4j: unknown command '" + command + "'; try: mmap4j help");
                return 2;
            }
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
