// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The child side of {@link MappingModelCheckTest}: runs random sequences of mapping operations
 * against a plain Java model of every mapping's bytes, the file's bytes and each page's rights.
 *
 * <p>Arguments: {@code SEED COUNT [FIRST]}: runs sequences {@code FIRST} (default 0) to
 * {@code FIRST + COUNT - 1}; sequence {@code i} draws from its own generator, seeded from
 * {@code SEED} and {@code i}, so one failing sequence can be run alone. Each sequence maps a fresh
 * temporary file in the working directory and anonymous memory, takes 5 to 20 steps, then checks
 * every live mapping against {@code /proc/self/maps} and the model, closes everything and compares
 * the file with the model.
 *
 * <p>Every step that breaks a rule (a stale segment, a write to read-only pages, a segment over
 * {@code PROT_NONE} pages, an unaligned or outside range, an operation on a closed mapping) must
 * throw exactly the exception the API promises and change nothing. On the first step that does
 * not behave as the model says, prints {@code FAILED}, the seed, the sequence and its steps, and
 * exits 1. On success prints {@code sequences: N} and how many illegal steps of each kind it
 * checked (lines {@code checked KIND: N}), and exits 0.
 */
final class MappingModelCheck {
    private static final long P = PageSize.get();
    private static final int MAX_PAGES = 16;
    private static final int MAX_LIVE = 4;
    private static final int MAX_HELD = 8;
    private static final int MAX_FILE_PAGES = 64;

    private static final int NONE = 0, READ = 1, READ_WRITE = 2; // a page's rights in the model
    private static final Protection[] PROTECTIONS = {Protection.NONE, Protection.READ, Protection.READ_WRITE};
    private static final Advice[] HARMLESS = {Advice.NORMAL, Advice.RANDOM, Advice.SEQUENTIAL, Advice.WILLNEED,
            Advice.DONTDUMP, Advice.DODUMP, Advice.COLD, Advice.PAGEOUT};

    /** Counts of checked illegal steps, by kind, across all sequences. */
    private static final TreeMap<String, Integer> ILLEGAL = new TreeMap<>();
    private static long steps;

    private MappingModelCheck() {
    }

    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        int first = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path dir = Path.of("").toAbsolutePath();
        long started = System.nanoTime();
        for (int i = first; i < first + count; i++) {
            Sequence s = new Sequence(dir, seed, i);
            try {
                s.run();
            } catch (Throwable t) {
                System.out.println("FAILED seed=" + seed + " sequence=" + i + " (run alone: "
                        + MappingModelCheck.class.getName() + " " + seed + " 1 " + i + ")");
                System.out.println("steps:");
                for (int k = 0; k < s.log.size(); k++) {
                    System.out.println((k == s.log.size() - 1 ? " >> " : "    ") + s.log.get(k));
                }
                System.out.println("model: " + s.describe());
                t.printStackTrace(System.out);
                System.out.flush();
                System.exit(1);
            }
        }
        System.out.println("sequences: " + count);
        System.out.println("steps: " + steps);
        ILLEGAL.forEach((k, v) -> System.out.println("checked " + k + ": " + v));
        System.out.println("seconds: " + (System.nanoTime() - started) / 1_000_000_000.0);
        System.out.flush();
        System.exit(0);
    }

    /** A broken expectation. */
    private static final class ModelViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelViolation(String message) {
            super(message);
        }

        ModelViolation(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new ModelViolation(what);
        }
    }

    /** Runs {@code step}, which must throw exactly {@code expected} (and, if given, with that message). */
    private static void expect(String kind, Class<? extends Throwable> expected, String message, Step step) {
        try {
            step.run();
        } catch (Throwable t) {
            if (t.getClass() != expected || (message != null && !message.equals(t.getMessage()))) {
                throw new ModelViolation("expected " + expected.getName() + (message == null ? "" : ": " + message)
                        + ", got " + t, t);
            }
            ILLEGAL.merge(kind, 1, Integer::sum);
            return;
        }
        throw new ModelViolation("expected " + expected.getName() + " (" + kind + "), nothing was thrown");
    }

    private enum Kind {
        FILE_SHARED(true, true), FILE_PRIVATE(true, false), ANON_PRIVATE(false, false), ANON_SHARED(false, true);

        final boolean file;
        final boolean shared;

        Kind(boolean file, boolean shared) {
            this.file = file;
            this.shared = shared;
        }
    }

    /** The model of one mapping; dead once closed, split or resized (its successors are new models). */
    private static final class Model {
        final int id;
        final Mapping mapping;
        final Kind kind;
        final long slack;     // bytes from the first kernel page to the mapping's first byte
        final long length;
        final long fileOffset;
        final int[] prot;     // per kernel page
        final byte[][] pages; // per kernel page: its own bytes (anonymous, or copied on write), or null: the file's
        int generation;       // bumped whenever the mapping's segments are invalidated
        boolean dead;

        Model(int id, Mapping mapping, Kind kind, long slack, long length, long fileOffset, int[] prot, byte[][] pages) {
            this.id = id;
            this.mapping = mapping;
            this.kind = kind;
            this.slack = slack;
            this.length = length;
            this.fileOffset = fileOffset;
            this.prot = prot;
            this.pages = pages;
        }

        int kernelPages() {
            return prot.length;
        }

        /** The kernel page that holds byte {@code offset}. */
        int pageOf(long offset) {
            return (int) ((offset + slack) / P);
        }

        /** {@return the lowest rights of the kernel pages holding any byte of {@code [offset, offset + n)}} */
        int rights(long offset, long n) {
            int r = READ_WRITE;
            for (int i = pageOf(offset); i <= pageOf(offset + n - 1); i++) {
                r = Math.min(r, prot[i]);
            }
            return r;
        }

        boolean uniform() {
            return Arrays.stream(prot).allMatch(p -> p == prot[0]);
        }

        /**
         * {@return how many kernel mappings (VMAs) hold this one, from /proc/self/maps: more than one
         * when rights differ, but also when advice (RANDOM, DONTDUMP, ...) or accounting (a private
         * mapping once made writable) split it, which the model does not follow}
         */
        int kernelMappings() {
            long base = mapping.address() - slack;
            return ProcMaps.read().overlapping(base, base + prot.length * P).size();
        }

        /** Whether {@code [offset, offset + n)} bounds whole pages, as unmap, protect and discard require. */
        boolean boundsWholePages(long offset, long n) {
            boolean start = offset == 0 || (offset + slack) % P == 0;
            boolean end = offset + n == length || (offset + n + slack) % P == 0;
            return start && end;
        }

        @Override
        public String toString() {
            return "#" + id + " " + kind + (dead ? " dead" : "") + " slack=" + slack + " length=" + length
                    + " fileOffset=" + fileOffset + " prot=" + Arrays.toString(prot) + " gen=" + generation;
        }
    }

    /** A segment kept across steps: valid while its model lives at the same generation. */
    private record Held(Model owner, int generation, MemorySegment segment, long start, boolean readOnly) {
        boolean valid() {
            return !owner.dead && owner.generation == generation;
        }
    }

    /** One random sequence of steps. */
    private static final class Sequence {
        final SplittableRandom rnd;
        final Path path;
        final List<String> log = new ArrayList<>();
        final List<Model> live = new ArrayList<>();
        final List<Model> dead = new ArrayList<>();
        final List<Held> held = new ArrayList<>();
        MappedFile file;
        byte[] fileBytes;
        long fileSize;
        int nextId;

        Sequence(Path dir, long seed, int index) {
            this.rnd = new SplittableRandom(new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong());
            this.path = dir.resolve("model-" + index);
        }

        String describe() {
            return "file size " + fileSize + "; live " + live + "; dead " + dead;
        }

        void run() throws Exception {
            int pages = 8 + rnd.nextInt(25);
            fileSize = pages * P;
            fileBytes = new byte[(int) (MAX_FILE_PAGES * P)];
            rnd.nextBytes(fileBytes);
            Arrays.fill(fileBytes, (int) fileSize, fileBytes.length, (byte) 0);
            Files.write(path, Arrays.copyOf(fileBytes, (int) fileSize));
            file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            log.add("file of " + pages + " pages");
            int n = 5 + rnd.nextInt(16);
            for (int i = 0; i < n; i++) {
                step();
                steps++;
            }
            finish(); // closes every mapping; on a failure the process ends instead
            file.close();
            Files.delete(path);
        }

        void step() throws Exception {
            int r = rnd.nextInt(100);
            if (live.isEmpty() || (r < 14 && live.size() < MAX_LIVE)) {
                map();
            } else if (r < 24) {
                unmap(pick());
            } else if (r < 36) {
                protect(pick());
            } else if (r < 42) {
                advise(pick());
            } else if (r < 46) {
                sync(pick());
            } else if (r < 55) {
                remap(pick());
            } else if (r < 70) {
                access(pick(), true);
            } else if (r < 85) {
                access(pick(), false);
            } else if (r < 93) {
                useHeld();
            } else if (r < 96) {
                useDead();
            } else if (r < 98) {
                close(pick());
            } else {
                reopenFile();
            }
        }

        Model pick() {
            return live.get(rnd.nextInt(live.size()));
        }

        // ---- map, close, reopen

        void map() throws Exception {
            Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
            Protection protection = rnd.nextBoolean() ? Protection.READ : Protection.READ_WRITE;
            // MAP_SHARED_VALIDATE is for files: the kernel refuses it for anonymous memory (EINVAL)
            Sharing sharing = !kind.shared ? Sharing.PRIVATE
                    : kind.file && rnd.nextInt(4) == 0 ? Sharing.SHARED_VALIDATE : Sharing.SHARED;
            int kp = 1 + rnd.nextInt(MAX_PAGES);
            long slack = 0, fileOffset = 0;
            if (kind.file) {
                kp = (int) Math.min(kp, fileSize / P);
                slack = rnd.nextInt(5) == 0 ? 1 + rnd.nextLong(P - 1) : 0;
                fileOffset = rnd.nextLong(fileSize / P - kp + 1) * P + slack;
            }
            long length = rnd.nextBoolean() ? kp * P - slack : 1 + rnd.nextLong(kp * P - slack);
            kp = (int) ((slack + length + P - 1) / P);
            log.add("map " + kind + " " + protection + " " + sharing + " fileOffset=" + fileOffset + " length=" + length);
            MapOptions options = MapOptions.of(protection, sharing);
            Mapping m = kind.file ? file.map(fileOffset, length, options) : Mapping.anonymous(length, options);
            check(m.length() == length && Math.floorMod(m.address(), P) == slack,
                    "mapping at 0x" + Long.toHexString(m.address()) + " of " + m.length() + " bytes");
            int[] prot = new int[kp];
            Arrays.fill(prot, protection == Protection.READ ? READ : READ_WRITE);
            byte[][] pages = new byte[kp][];
            if (!kind.file) {
                for (int i = 0; i < kp; i++) {
                    pages[i] = new byte[(int) P];
                }
            }
            live.add(new Model(nextId++, m, kind, slack, length, fileOffset, prot, pages));
        }

        void close(Model m) throws Exception {
            log.add("close #" + m.id);
            m.mapping.close();
            kill(m);
            live.remove(m);
        }

        void reopenFile() throws Exception {
            log.add("close and reopen the file");
            file.close();
            file = MappedFile.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }

        void kill(Model m) {
            m.dead = true;
            dead.add(m);
            if (dead.size() > MAX_LIVE) {
                dead.removeFirst();
            }
        }

        // ---- range operations

        /** A range of whole kernel pages {@code [a, b)} in bytes: {start, length}. */
        long[] wholePages(Model m) {
            int kp = m.kernelPages();
            int a = rnd.nextInt(kp), b = a + 1 + rnd.nextInt(kp - a);
            long start = a == 0 ? 0 : a * P - m.slack;
            long end = b == kp ? m.length : b * P - m.slack;
            return new long[]{start, end - start};
        }

        /** Any non-empty byte range inside the mapping: {start, length}. */
        long[] anyRange(Model m) {
            long start = rnd.nextLong(m.length);
            long n = 1 + rnd.nextLong(Math.min(m.length - start, 3 * P));
            return new long[]{start, n};
        }

        /** A range that is not inside the mapping: {start, length}. */
        long[] outside(Model m) {
            return switch (rnd.nextInt(4)) {
                case 0 -> new long[]{-P, P};
                case 1 -> new long[]{0, m.length + 1 + rnd.nextLong(P)};
                case 2 -> new long[]{rnd.nextLong(m.length), 0};
                default -> new long[]{m.length, P};
            };
        }

        /** A range for unmap or protect: mostly whole pages, sometimes shifted by a byte, sometimes outside. */
        long[] pageRange(Model m) {
            int r = rnd.nextInt(20);
            if (r == 0) {
                return outside(m);
            }
            long[] range = wholePages(m);
            if (r < 4) {
                if (rnd.nextBoolean() && range[0] + 1 < m.length && range[1] > 1) {
                    range[0]++;
                    range[1]--;
                } else if (range[1] > 1) {
                    range[1]--;
                }
            }
            return range;
        }

        static boolean inside(Model m, long start, long n) {
            return start >= 0 && n > 0 && start + n <= m.length;
        }

        void unmap(Model m) throws Exception {
            long[] r = pageRange(m);
            log.add("unmap #" + m.id + " offset=" + r[0] + " length=" + r[1]);
            if (!inside(m, r[0], r[1])) {
                expect("unmap outside the mapping", IllegalArgumentException.class, null, () -> m.mapping.unmap(r[0], r[1]));
                return;
            }
            if (!m.boundsWholePages(r[0], r[1])) {
                expect("unaligned unmap", IllegalArgumentException.class, null, () -> m.mapping.unmap(r[0], r[1]));
                return; // segments stay valid: nothing changed
            }
            long base = m.mapping.address() - m.slack;
            List<Mapping> parts = m.mapping.unmap(r[0], r[1]).parts();
            check(!m.mapping.isOpen(), "the unmapped-from mapping is closed");
            kill(m);
            live.remove(m);
            long end = r[0] + r[1];
            int a = m.pageOf(r[0]), b = end == m.length ? m.kernelPages() : m.pageOf(end);
            int expectedParts = (r[0] > 0 ? 1 : 0) + (end < m.length ? 1 : 0);
            check(parts.size() == expectedParts, "parts: " + parts);
            int next = 0;
            if (r[0] > 0) {
                Mapping head = parts.get(next++);
                check(head.address() == m.mapping.address() && head.length() == r[0] && head.fileOffset() == m.fileOffset,
                        "head part " + head);
                live.add(new Model(nextId++, head, m.kind, m.slack, r[0], m.fileOffset, Arrays.copyOfRange(m.prot, 0, a),
                        Arrays.copyOfRange(m.pages, 0, a)));
            }
            if (end < m.length) {
                Mapping tail = parts.get(next);
                check(tail.address() == base + b * P && tail.length() == m.length - end
                        && (!m.kind.file || tail.fileOffset() == m.fileOffset + end), "tail part " + tail);
                int kp = m.kernelPages();
                live.add(new Model(nextId++, tail, m.kind, 0, m.length - end, m.fileOffset + end,
                        Arrays.copyOfRange(m.prot, b, kp), Arrays.copyOfRange(m.pages, b, kp)));
            }
        }

        void protect(Model m) throws Exception {
            long[] r = pageRange(m);
            int to = rnd.nextInt(3);
            log.add("protect #" + m.id + " offset=" + r[0] + " length=" + r[1] + " " + PROTECTIONS[to]);
            if (!inside(m, r[0], r[1])) {
                expect("protect outside the mapping", IllegalArgumentException.class, null,
                        () -> m.mapping.protect(r[0], r[1], PROTECTIONS[to]));
                return;
            }
            if (!m.boundsWholePages(r[0], r[1])) {
                expect("unaligned protect", IllegalArgumentException.class, null,
                        () -> m.mapping.protect(r[0], r[1], PROTECTIONS[to]));
                return;
            }
            m.generation++;
            m.mapping.protect(r[0], r[1], PROTECTIONS[to]);
            int a = m.pageOf(r[0]), b = r[0] + r[1] == m.length ? m.kernelPages() : m.pageOf(r[0] + r[1]);
            Arrays.fill(m.prot, a, b, to);
        }

        void advise(Model m) throws Exception {
            long[] r = rnd.nextInt(10) == 0 ? new long[]{0, m.length} : anyRange(m);
            Advice advice = HARMLESS[rnd.nextInt(HARMLESS.length)];
            log.add("advise #" + m.id + " offset=" + r[0] + " length=" + r[1] + " " + advice);
            m.mapping.advise(r[0], r[1], advice); // no advice here changes what the pages hold
        }

        void sync(Model m) throws Exception {
            long[] r = rnd.nextInt(8) == 0 ? outside(m) : anyRange(m);
            SyncMode mode = SyncMode.values()[rnd.nextInt(SyncMode.values().length)];
            log.add("sync #" + m.id + " offset=" + r[0] + " length=" + r[1] + " " + mode);
            if (!inside(m, r[0], r[1])) {
                expect("sync outside the mapping", IllegalArgumentException.class, null,
                        () -> m.mapping.sync(r[0], r[1], mode));
                return;
            }
            m.mapping.sync(r[0], r[1], mode);
        }

        void remap(Model m) throws Exception {
            int kp = 1 + rnd.nextInt(MAX_PAGES);
            long newLength = rnd.nextBoolean() ? kp * P - m.slack : 1 + rnd.nextLong(kp * P - m.slack);
            if (rnd.nextInt(20) == 0) {
                newLength = -rnd.nextLong(2);
            }
            boolean mayMove = rnd.nextInt(5) != 0;
            long n = newLength;
            log.add("remap #" + m.id + " newLength=" + n + " mayMove=" + mayMove);
            if (n <= 0) {
                expect("remap to a length that is not positive", IllegalArgumentException.class, null,
                        () -> m.mapping.remap(n, (mayMove ? RemapOptions.mayMove() : RemapOptions.inPlace())));
                return;
            }
            int newPages = (int) ((m.slack + n + P - 1) / P);
            if (m.kind == Kind.ANON_SHARED && newPages > m.kernelPages()) {
                expect("growing shared anonymous memory", UnsupportedOperationException.class, null,
                        () -> m.mapping.remap(n, (mayMove ? RemapOptions.mayMove() : RemapOptions.inPlace())));
                return;
            }
            if (m.kind.file && n > m.length && m.mapping.file() != file) {
                // its MappedFile was closed (and the file reopened as another): the size cannot be checked
                expect("growing a file mapping whose MappedFile is closed", IllegalStateException.class, null,
                        () -> m.mapping.remap(n, (mayMove ? RemapOptions.mayMove() : RemapOptions.inPlace())));
                return;
            }
            if (m.kind.file && m.fileOffset + n > fileSize) {
                long size = rnd.nextBoolean() ? m.fileOffset + n : (m.fileOffset + n + P - 1) / P * P;
                if (size > MAX_FILE_PAGES * P) {
                    log.add("(file would pass " + MAX_FILE_PAGES + " pages; skipped)");
                    return;
                }
                log.add("allocate 0.." + size);
                file.allocate(0, size);
                fileSize = size; // the model's bytes past the old end are zeros already
            }
            boolean grows = newPages > m.kernelPages();
            // mremap grows only a range that lies in one kernel mapping; the model cannot tell when
            // advice or accounting split one, so it asks the kernel, and checks that rights split it
            int vmas = grows ? m.kernelMappings() : 1;
            check(m.uniform() || !grows || vmas > 1, "pages of different rights in one kernel mapping");
            m.generation++;
            Mapping resized;
            try {
                resized = m.mapping.remap(n, (mayMove ? RemapOptions.mayMove() : RemapOptions.inPlace()));
            } catch (NativeCallException e) {
                boolean expected = grows && (vmas > 1 ? e.errorName().equals("EFAULT")
                        : !mayMove && e.errorName().equals("ENOMEM"));
                if (!expected || !e.call().equals("mremap")) {
                    throw new ModelViolation("remap failed against the model (kernel mappings: " + vmas + ")", e);
                }
                check(m.mapping.isOpen(), "the mapping stays open after a failed remap");
                ILLEGAL.merge("remap the kernel refused (" + e.errorName() + ")", 1, Integer::sum);
                return;
            }
            check(vmas == 1, "remap grew a range of " + vmas + " kernel mappings");
            check(!m.mapping.isOpen(), "the remapped mapping is closed");
            check(resized.length() == n && Math.floorMod(resized.address(), P) == m.slack
                    && resized.fileOffset() == m.fileOffset, "resized " + resized);
            kill(m);
            live.remove(m);
            int[] prot = Arrays.copyOf(m.prot, newPages);
            byte[][] pages = Arrays.copyOf(m.pages, newPages);
            for (int i = m.kernelPages(); i < newPages; i++) {
                prot[i] = m.prot[0];
                pages[i] = m.kind.file ? null : new byte[(int) P];
            }
            live.add(new Model(nextId++, resized, m.kind, m.slack, n, m.fileOffset, prot, pages));
        }

        // ---- reading and writing

        /** Takes a fresh segment (whole or a range) and reads or writes through it. */
        void access(Model m, boolean write) throws Exception {
            boolean whole = rnd.nextInt(3) == 0;
            long[] r = whole ? new long[]{0, m.length} : rnd.nextInt(15) == 0 ? outside(m) : anyRange(m);
            log.add((write ? "write" : "read") + " #" + m.id + (whole ? " through segment()"
                    : " through segment(" + r[0] + ", " + r[1] + ")"));
            if (!whole && !inside(m, r[0], r[1])) {
                expect("segment(offset, length) outside the mapping", IllegalArgumentException.class, null,
                        () -> m.mapping.segment(r[0], r[1]));
                return;
            }
            int rights = m.rights(r[0], r[1]);
            if (whole && !(m.uniform() && rights != NONE)) {
                expect(rights == NONE ? "segment() over PROT_NONE pages" : "segment() over pages of mixed rights",
                        IllegalStateException.class, null, m.mapping::segment);
                return;
            }
            if (rights == NONE) {
                expect("segment(offset, length) over PROT_NONE pages", IllegalStateException.class, null,
                        () -> m.mapping.segment(r[0], r[1]));
                return;
            }
            MemorySegment s = whole ? m.mapping.segment() : m.mapping.segment(r[0], r[1]);
            check(s.byteSize() == r[1] && s.isReadOnly() == (rights == READ),
                    "segment of " + s.byteSize() + " bytes, read-only " + s.isReadOnly());
            Held h = new Held(m, m.generation, s, r[0], s.isReadOnly());
            if (rnd.nextBoolean()) {
                held.add(h);
                if (held.size() > MAX_HELD) {
                    held.removeFirst();
                }
            }
            use(h, write);
        }

        /** Reads or writes a random part of a held segment, which must still be valid. */
        void use(Held h, boolean write) {
            Model m = h.owner();
            long size = h.segment().byteSize();
            long at = rnd.nextLong(size);
            int n = (int) (1 + rnd.nextLong(Math.min(size - at, 2 * P)));
            log.add("  " + (write ? "write " : "read ") + n + " bytes at " + (h.start() + at) + " of #" + m.id);
            if (write) {
                byte[] data = new byte[n];
                rnd.nextBytes(data);
                if (h.readOnly()) {
                    expect("write to read-only pages", IllegalArgumentException.class,
                            "Attempt to write a read-only segment",
                            () -> MemorySegment.copy(data, 0, h.segment(), JAVA_BYTE, at, n));
                    return;
                }
                MemorySegment.copy(data, 0, h.segment(), JAVA_BYTE, at, n);
                write(m, h.start() + at, data);
            } else {
                byte[] actual = new byte[n];
                MemorySegment.copy(h.segment(), JAVA_BYTE, at, actual, 0, n);
                compare(m, h.start() + at, actual);
            }
        }

        void useHeld() {
            if (held.isEmpty()) {
                return;
            }
            Held h = held.get(rnd.nextInt(held.size()));
            boolean write = rnd.nextBoolean();
            if (h.valid()) {
                log.add("use a held segment of #" + h.owner().id);
                use(h, write);
                return;
            }
            log.add((write ? "write" : "read") + " through a stale segment of #" + h.owner().id
                    + (h.readOnly() ? " (read-only)" : ""));
            MemorySegment s = h.segment();
            if (!write) {
                expect("read through a stale segment", IllegalStateException.class, null,
                        () -> s.get(JAVA_BYTE, rnd.nextLong(s.byteSize())));
            } else if (h.readOnly()) {
                // the JDK checks read-only before liveness
                expect("write through a stale read-only segment", IllegalArgumentException.class,
                        "Attempt to write a read-only segment", () -> s.set(JAVA_BYTE, rnd.nextLong(s.byteSize()), (byte) 1));
            } else {
                expect("write through a stale segment", IllegalStateException.class, null,
                        () -> s.set(JAVA_BYTE, rnd.nextLong(s.byteSize()), (byte) 1));
            }
        }

        /** Calls an operation on a closed (split, resized or closed) mapping. */
        void useDead() {
            if (dead.isEmpty()) {
                return;
            }
            Model m = dead.get(rnd.nextInt(dead.size()));
            Mapping d = m.mapping;
            long n = Math.min(m.length, P);
            int op = rnd.nextInt(8);
            log.add("operation " + op + " on closed #" + m.id);
            Step step = switch (op) {
                case 0 -> d::segment;
                case 1 -> () -> d.segment(0, n);
                case 2 -> () -> d.protect(0, m.length, Protection.READ);
                case 3 -> () -> d.unmap(0, m.length);
                case 4 -> () -> d.remap(m.length, RemapOptions.mayMove());
                case 5 -> () -> d.sync(0, n, SyncMode.SYNC);
                case 6 -> () -> d.advise(0, n, Advice.WILLNEED);
                default -> () -> d.residency(0, n);
            };
            expect("operation on a closed mapping", IllegalStateException.class, null, step);
            check(!d.isOpen(), "a closed mapping stays closed");
        }

        // ---- the model's bytes

        byte fileByte(long at) {
            return at < fileSize ? fileBytes[(int) at] : 0;
        }

        byte expected(Model m, long offset) {
            byte[] page = m.pages[m.pageOf(offset)];
            return page != null ? page[(int) ((offset + m.slack) % P)] : fileByte(m.fileOffset + offset);
        }

        void write(Model m, long offset, byte[] data) {
            for (int k = 0; k < data.length; k++) {
                long at = offset + k;
                int i = m.pageOf(at);
                if (m.kind == Kind.FILE_SHARED) {
                    fileBytes[(int) (m.fileOffset + at)] = data[k];
                    continue;
                }
                if (m.pages[i] == null) { // copy on write: the page as the file holds it now
                    byte[] copy = new byte[(int) P];
                    long pageStart = m.fileOffset - m.slack + i * P;
                    for (int j = 0; j < P; j++) {
                        copy[j] = fileByte(pageStart + j);
                    }
                    m.pages[i] = copy;
                }
                m.pages[i][(int) ((at + m.slack) % P)] = data[k];
            }
        }

        void compare(Model m, long offset, byte[] actual) {
            for (int k = 0; k < actual.length; k++) {
                byte want = expected(m, offset + k);
                if (actual[k] != want) {
                    throw new ModelViolation("#" + m.id + " byte " + (offset + k) + " (kernel page "
                            + m.pageOf(offset + k) + ") reads " + actual[k] + ", the model says " + want);
                }
            }
        }

        // ---- the end of a sequence

        /** Checks rights against /proc/self/maps and every readable byte, closes all, checks the file. */
        void finish() throws Exception {
            log.add("finish: compare with /proc/self/maps, every byte and the file");
            ProcMaps maps = ProcMaps.read();
            for (Model m : live) {
                long base = m.mapping.address() - m.slack;
                for (int i = 0; i < m.kernelPages(); i++) {
                    long at = base + i * P;
                    ProcMaps.Entry e = maps.at(at).orElseThrow(() -> new ModelViolation("nothing mapped at 0x"
                            + Long.toHexString(at)));
                    String want = (m.prot[i] >= READ ? "r" : "-") + (m.prot[i] == READ_WRITE ? "w" : "-") + "-"
                            + (m.kind.shared ? "s" : "p");
                    check(e.perms().equals(want), "#" + m.id + " page " + i + " is " + e.perms() + ", the model says " + want);
                    check(!m.kind.file || e.path().equals(path.toString()), "#" + m.id + " maps " + e.path());
                }
                for (int i = 0; i < m.kernelPages(); i++) {
                    if (m.prot[i] == NONE) {
                        continue;
                    }
                    long from = Math.max(0, i * P - m.slack), to = Math.min(m.length, (i + 1) * P - m.slack);
                    byte[] actual = m.mapping.segment(from, to - from).toArray(JAVA_BYTE);
                    compare(m, from, actual);
                }
            }
            for (Model m : List.copyOf(live)) {
                close(m);
            }
            for (Held h : held) {
                expect("read through a segment after close", IllegalStateException.class, null,
                        () -> h.segment().get(JAVA_BYTE, 0));
            }
            byte[] onDisk = Files.readAllBytes(path);
            check(onDisk.length == fileSize, "the file has " + onDisk.length + " bytes, the model " + fileSize);
            for (int k = 0; k < onDisk.length; k++) {
                if (onDisk[k] != fileBytes[k]) {
                    throw new ModelViolation("file byte " + k + " is " + onDisk[k] + ", the model says " + fileBytes[k]);
                }
            }
            check(ProcMaps.read().entries().stream().noneMatch(e -> e.path().equals(path.toString())),
                    "nothing maps the file once every mapping is closed");
        }
    }
}
