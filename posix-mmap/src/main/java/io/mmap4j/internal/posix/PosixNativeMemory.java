// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal.posix;

import io.mmap4j.Advice;
import io.mmap4j.DiscardAdvice;
import io.mmap4j.MapFlag;
import io.mmap4j.MapOptions;
import io.mmap4j.NativeCallException;
import io.mmap4j.Protection;
import io.mmap4j.Seal;
import io.mmap4j.SyncMode;
import io.mmap4j.spi.Backend;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The POSIX (Linux) backend, with every optional capability: remapping, reservations, sealing.
 * Stateless apart from the page size, read once. Calls nothing of the API layer but its value types.
 */
public final class PosixNativeMemory implements Backend, Backend.Remapping, Backend.Reservations, Backend.Sealing {
    private static final long PAGE_SIZE = readPageSize();

    private final long pageSize = PAGE_SIZE;
    private final String platform = "Linux " + System.getProperty("os.arch");

    /** Reads the page size; fails if the C library cannot be called. */
    public PosixNativeMemory() {
    }

    private static long readPageSize() {
        try {
            return PosixCalls.sysconf(LinuxAbi._SC_PAGESIZE, "_SC_PAGESIZE");
        } catch (NativeCallException e) {
            throw new IllegalStateException("cannot read the page size", e);
        }
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public Optional<Remapping> remapping() {
        return Optional.of(this);
    }

    @Override
    public Optional<Reservations> reservations() {
        return Optional.of(this);
    }

    @Override
    public Optional<Sealing> sealing() {
        return Optional.of(this);
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public long granularity() {
        return pageSize;
    }

    @Override
    public long mappingLimit() {
        // read whole: Files.readString asks for the rest at offset 1, which the kernel answers with EOF
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/proc/sys/vm/max_map_count"))) {
            return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        } catch (java.io.IOException | NumberFormatException | SecurityException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public long open(Path path, OpenRequest request, int permissions) throws IOException {
        // O_NONBLOCK: a FIFO would block open() until a writer came; mmap4j refuses FIFOs anyway
        int flags = openFlags(request) | LinuxAbi.O_NONBLOCK;
        if (request.noFollow()) {
            flags |= LinuxAbi.O_NOFOLLOW;
        }
        return requireRegular(PosixCalls.open(path.toString(), flags, permissions), path.toString());
    }

    private static int openFlags(OpenRequest request) {
        int flags = (request.write() ? LinuxAbi.O_RDWR : LinuxAbi.O_RDONLY) | LinuxAbi.O_CLOEXEC;
        if (request.createNew()) {
            flags |= LinuxAbi.O_CREAT | LinuxAbi.O_EXCL;
        } else if (request.create()) {
            flags |= LinuxAbi.O_CREAT;
        }
        if (request.truncate()) {
            flags |= LinuxAbi.O_TRUNC;
        }
        return flags;
    }

    /** {@return {@code fd} if it is a regular file; otherwise closes it and throws} */
    private static int requireRegular(int fd, String path) throws IOException {
        try {
            int type = PosixCalls.fstat(fd).mode() & LinuxAbi.S_IFMT;
            if (type != LinuxAbi.S_IFREG) {
                throw new FileSystemException(path, null, "not a regular file but a " + typeName(type)
                        + "; mmap4j maps regular files");
            }
            return fd;
        } catch (IOException | RuntimeException e) {
            try {
                PosixCalls.close(fd);
            } catch (NativeCallException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static String typeName(int type) {
        if (type == LinuxAbi.S_IFDIR) {
            return "directory";
        } else if (type == LinuxAbi.S_IFIFO) {
            return "FIFO";
        } else if (type == LinuxAbi.S_IFCHR) {
            return "character device";
        } else if (type == LinuxAbi.S_IFBLK) {
            return "block device";
        } else if (type == LinuxAbi.S_IFSOCK) {
            return "socket";
        }
        return "file of type 0" + Integer.toOctalString(type);
    }

    @Override
    public void close(long handle) throws NativeCallException {
        PosixCalls.close(fd(handle));
    }

    @Override
    public long size(long handle) throws NativeCallException {
        return PosixCalls.fstat(fd(handle)).size();
    }

    @Override
    public void allocate(long handle, long offset, long length) throws NativeCallException {
        // fallocate(2) with mode 0 is posix_fallocate without glibc's silent emulation, which would
        // write a zero into every block on a file system that cannot reserve space.
        PosixCalls.fallocate(fd(handle), 0, offset, length);
    }

    @Override
    public void truncate(long handle, long size) throws NativeCallException {
        PosixCalls.ftruncate(fd(handle), size);
    }

    @Override
    public void force(long handle, boolean metadata) throws NativeCallException {
        PosixCalls.fsync(fd(handle), metadata);
    }

    @Override
    public int prot(MapOptions options) {
        if (options.isRaw()) {
            return options.rawProt();
        }
        return prot(options.protection());
    }

    @Override
    public int flags(MapOptions options) {
        if (options.isRaw()) {
            int flags = options.rawFlags();
            if ((flags & (LinuxAbi.MAP_FIXED | LinuxAbi.MAP_FIXED_NOREPLACE)) != 0) {
                throw new IllegalArgumentException("flags: " + PosixNames.mapFlags(flags)
                        + " places a mapping at a chosen address, which this call does not take");
            }
            return flags;
        }
        int flags = switch (options.sharing()) {
            case SHARED -> LinuxAbi.MAP_SHARED;
            case SHARED_VALIDATE -> LinuxAbi.MAP_SHARED_VALIDATE;
            case PRIVATE -> LinuxAbi.MAP_PRIVATE;
        };
        for (MapFlag f : options.flags()) {
            flags |= switch (f) {
                case POPULATE -> LinuxAbi.MAP_POPULATE;
                case NORESERVE -> LinuxAbi.MAP_NORESERVE;
                case LOCKED -> LinuxAbi.MAP_LOCKED;
                case HUGETLB -> LinuxAbi.MAP_HUGETLB;
                case HUGE_2MB -> LinuxAbi.MAP_HUGETLB | (21 << LinuxAbi.MAP_HUGE_SHIFT);
                case HUGE_1GB -> LinuxAbi.MAP_HUGETLB | (30 << LinuxAbi.MAP_HUGE_SHIFT);
                case SYNC -> LinuxAbi.MAP_SYNC;
                case STACK -> LinuxAbi.MAP_STACK;
                case ADDRESS_32BIT -> {
                    if (LinuxAbi.MAP_32BIT == 0) {
                        throw new UnsupportedOperationException("MAP_32BIT exists only on x86_64, not on os.arch "
                                + System.getProperty("os.arch"));
                    }
                    yield LinuxAbi.MAP_32BIT;
                }
            };
        }
        return flags;
    }

    @Override
    public int prot(Protection p) {
        return (p.canRead() ? LinuxAbi.PROT_READ : 0) | (p.canWrite() ? LinuxAbi.PROT_WRITE : 0)
                | (p.canExecute() ? LinuxAbi.PROT_EXEC : 0);
    }

    @Override
    public boolean canRead(int prot) {
        return (prot & LinuxAbi.PROT_READ) != 0;
    }

    @Override
    public boolean canWrite(int prot) {
        // a segment is never write-only: writing needs reading too
        return (prot & LinuxAbi.PROT_WRITE) != 0 && canRead(prot);
    }

    @Override
    public boolean isShared(int flags) {
        int type = flags & LinuxAbi.MAP_TYPE;
        return type == LinuxAbi.MAP_SHARED || type == LinuxAbi.MAP_SHARED_VALIDATE;
    }

    @Override
    public long map(long handle, long length, int prot, int flags, long offset) throws NativeCallException {
        return PosixCalls.mmap(length, prot, flags, fd(handle), offset);
    }

    @Override
    public void sync(MemorySegment range, SyncMode mode) throws NativeCallException {
        int flags = switch (mode) {
            case SYNC -> LinuxAbi.MS_SYNC;
            case ASYNC -> LinuxAbi.MS_ASYNC;
            case INVALIDATE -> LinuxAbi.MS_INVALIDATE;
            case SYNC_INVALIDATE -> LinuxAbi.MS_SYNC | LinuxAbi.MS_INVALIDATE;
            case ASYNC_INVALIDATE -> LinuxAbi.MS_ASYNC | LinuxAbi.MS_INVALIDATE;
        };
        PosixCalls.msync(range, flags);
    }

    @Override
    public void currentProtection(long address, long length, ProtectionSink sink) throws IOException {
        for (SelfMaps.Region e : SelfMaps.read()) { // /proc/self/maps: the kernel's own view
            if (e.start() < address + length && address < e.end()) {
                long from = Math.max(e.start(), address), to = Math.min(e.end(), address + length);
                int prot = (e.read() ? LinuxAbi.PROT_READ : 0) | (e.write() ? LinuxAbi.PROT_WRITE : 0)
                        | (e.execute() ? LinuxAbi.PROT_EXEC : 0);
                sink.run(from - address, to - from, prot);
            }
        }
    }

    @Override
    public boolean canUnmapPart() {
        return true;
    }

    @Override
    public void unmap(long address, long length) throws NativeCallException {
        PosixCalls.munmap(address, length);
    }

    @Override
    public long mapAt(long address, boolean replace, long handle, long length, int prot, int flags, long offset)
            throws NativeCallException {
        int fixed = replace ? LinuxAbi.MAP_FIXED : LinuxAbi.MAP_FIXED_NOREPLACE;
        int anonymous = handle == -1 ? LinuxAbi.MAP_ANONYMOUS : 0;
        long r = PosixCalls.mmapAt(address, length, prot, flags | fixed | anonymous, (int) handle, offset);
        if (r != address) { // a kernel before 4.17 ignores MAP_FIXED_NOREPLACE and treats the address as a hint
            PosixCalls.munmap(r, length);
            throw PosixCalls.failure("mmap", LinuxAbi.EEXIST, "this kernel lacks MAP_FIXED_NOREPLACE (Linux 4.17+) "
                    + "and placed the mapping elsewhere", "addr", io.mmap4j.internal.CallText.hex(address), "length", length);
        }
        return r;
    }

    @Override
    public long mapAnonymous(long length, int prot, int flags) throws NativeCallException {
        return PosixCalls.mmap(length, prot, flags | LinuxAbi.MAP_ANONYMOUS, -1, 0);
    }

    @Override
    public long reserve(long address, long length) throws NativeCallException {
        int flags = LinuxAbi.MAP_PRIVATE | LinuxAbi.MAP_ANONYMOUS | LinuxAbi.MAP_NORESERVE;
        return address == 0
                ? PosixCalls.mmap(length, LinuxAbi.PROT_NONE, flags, -1, 0)
                : PosixCalls.mmapAt(address, length, LinuxAbi.PROT_NONE, flags | LinuxAbi.MAP_FIXED, -1, 0);
    }

    @Override
    public void protect(long address, long length, int prot) throws NativeCallException {
        PosixCalls.mprotect(address, length, prot);
    }

    @Override
    public int advice(Advice advice) {
        return switch (advice) {
            case NORMAL -> LinuxAbi.MADV_NORMAL;
            case RANDOM -> LinuxAbi.MADV_RANDOM;
            case SEQUENTIAL -> LinuxAbi.MADV_SEQUENTIAL;
            case WILLNEED -> LinuxAbi.MADV_WILLNEED;
            case HUGEPAGE -> LinuxAbi.MADV_HUGEPAGE;
            case NOHUGEPAGE -> LinuxAbi.MADV_NOHUGEPAGE;
            case DONTFORK -> LinuxAbi.MADV_DONTFORK;
            case DOFORK -> LinuxAbi.MADV_DOFORK;
            case MERGEABLE -> LinuxAbi.MADV_MERGEABLE;
            case UNMERGEABLE -> LinuxAbi.MADV_UNMERGEABLE;
            case DONTDUMP -> LinuxAbi.MADV_DONTDUMP;
            case DODUMP -> LinuxAbi.MADV_DODUMP;
            case COLD -> LinuxAbi.MADV_COLD;
            case PAGEOUT -> LinuxAbi.MADV_PAGEOUT;
            case POPULATE_READ -> LinuxAbi.MADV_POPULATE_READ;
            case POPULATE_WRITE -> LinuxAbi.MADV_POPULATE_WRITE;
        };
    }

    @Override
    public int advice(DiscardAdvice advice) {
        return switch (advice) {
            case DONTNEED -> LinuxAbi.MADV_DONTNEED;
            case FREE -> LinuxAbi.MADV_FREE;
            case REMOVE -> LinuxAbi.MADV_REMOVE;
        };
    }

    @Override
    public void advise(MemorySegment range, int advice) throws NativeCallException {
        PosixCalls.madvise(range, advice);
    }

    @Override
    public void lock(MemorySegment range, boolean onFault) throws NativeCallException {
        PosixCalls.mlock(range, onFault ? LinuxAbi.MLOCK_ONFAULT : 0);
    }

    @Override
    public void lockRaw(MemorySegment range, int flags) throws NativeCallException {
        PosixCalls.mlock(range, flags);
    }

    @Override
    public void unlock(MemorySegment range) throws NativeCallException {
        PosixCalls.munlock(range);
    }

    @Override
    public void syncRaw(MemorySegment range, int flags) throws NativeCallException {
        PosixCalls.msync(range, flags);
    }

    @Override
    public void residency(MemorySegment range, MemorySegment vector) throws NativeCallException {
        PosixCalls.mincore(range, vector);
    }

    // ---- descriptors users hand in

    @Override
    public boolean describe(long handle) throws IOException {
        int fd = fd(handle);
        int type = PosixCalls.fstat(fd).mode() & LinuxAbi.S_IFMT; // EBADF if it is not open
        if (type != LinuxAbi.S_IFREG) {
            throw new FileSystemException("fd " + fd, null, "not a regular file but a " + typeName(type)
                    + "; mmap4j maps regular files");
        }
        int access = openFlags(fd) & LinuxAbi.O_ACCMODE;
        if (access == LinuxAbi.O_WRONLY) {
            throw new FileSystemException("fd " + fd, null, "opened write-only (O_WRONLY); mapping needs read access");
        }
        return access == LinuxAbi.O_RDWR;
    }

    /** {@return the descriptor's open flags, from /proc/self/fdinfo} */
    private static int openFlags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring(6).trim(), 8);
            }
        }
        throw new IOException("/proc/self/fdinfo/" + fd + " has no flags line");
    }

    @Override
    public long descriptorOf(FileChannel channel) throws IOException {
        // The JDK does not say which descriptor a channel holds, and the channel's position is the
        // caller's: never move it. Any descriptor of the same file will do (it is only reopened), so
        // find the file: by a one-byte read-only mapping through the channel, whose line in
        // /proc/self/maps names the device and inode; else by the position and access mode that
        // /proc/self/fdinfo shows, if they point at one file only.
        long[] file = fileOfMapping(channel);
        if (file != null) {
            List<Integer> same = descriptorsOf(channel, file);
            if (!same.isEmpty()) {
                return same.get(0);
            }
            // overlayfs and the like show another device and inode in /proc/self/maps: look by position
        }
        List<Integer> same = descriptorsOf(channel, null);
        return same.get(0);
    }

    /** {@return the descriptors of {@code file} ({st_dev, st_ino}), or if null, of the one file with the channel's position and mode} */
    private static List<Integer> descriptorsOf(FileChannel channel, long[] file) throws IOException {
        long position = channel.position();
        boolean writable = io.mmap4j.internal.Channels.isWritable(channel);
        List<Integer> same = new ArrayList<>(1);
        java.util.Set<String> files = new java.util.TreeSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fdinfo"))) {
            for (Path info : fds) {
                try {
                    int fd = Integer.parseInt(info.getFileName().toString());
                    Path link = Path.of("/proc/self/fd/" + fd);
                    if (!Files.isRegularFile(link)) {
                        continue;
                    }
                    long dev = (long) Files.getAttribute(link, "unix:dev"), ino = (long) Files.getAttribute(link, "unix:ino");
                    if (file != null) {
                        if (dev == file[0] && ino == file[1]) {
                            same.add(fd);
                        }
                        continue;
                    }
                    long pos = -1;
                    int access = -1;
                    for (String line : Files.readAllLines(info)) {
                        if (line.startsWith("pos:")) {
                            pos = Long.parseLong(line.substring(4).trim());
                        } else if (line.startsWith("flags:")) {
                            access = Integer.parseInt(line.substring(6).trim(), 8) & LinuxAbi.O_ACCMODE;
                        }
                    }
                    boolean modeFits = writable ? access == LinuxAbi.O_RDWR || access == LinuxAbi.O_WRONLY
                            : access == LinuxAbi.O_RDONLY;
                    if (pos == position && modeFits) {
                        same.add(fd);
                        files.add(dev + ":" + ino);
                    }
                } catch (IOException | RuntimeException closedMeanwhile) {
                    // a descriptor closed while we looked (the stream's own, for one): not the channel's
                }
            }
        }
        if (file == null && (same.isEmpty() || files.size() > 1)) {
            throw new IOException("cannot tell which file " + channel + " has open without moving its position: "
                    + (same.isEmpty() ? "no descriptor" : same.size() + " descriptors of " + files.size() + " files")
                    + " in /proc/self/fdinfo had its position " + position + " and access mode"
                    + " (an empty or write-only channel cannot be mapped to name its file)"
                    + "; open the file by path (MappedFile.open) or borrow its descriptor");
        }
        return same;
    }

    /** {@return {st_dev, st_ino} of the channel's file, read off a one-byte mapping of it, or null if it cannot be mapped} */
    private static long[] fileOfMapping(FileChannel channel) throws IOException {
        if (channel.size() == 0) {
            return null; // FileChannel.map would grow a writable file, and cannot map an empty one
        }
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            long address = channel.map(FileChannel.MapMode.READ_ONLY, 0, 1, arena).address();
            String prefix = Long.toHexString(address) + "-";
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"), java.nio.charset.StandardCharsets.ISO_8859_1)) { // names are bytes
                if (line.startsWith(prefix)) {
                    String[] f = line.trim().split(" +");  // start-end perms offset major:minor inode path
                    int colon = f[3].indexOf(':');
                    long major = Long.parseLong(f[3], 0, colon, 16), minor = Long.parseLong(f[3], colon + 1, f[3].length(), 16);
                    long dev = (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
                    return new long[] {dev, Long.parseLong(f[4])};
                }
            }
            return null;
        } catch (java.nio.channels.NonReadableChannelException | UnsupportedOperationException writeOnly) {
            return null;
        }
    }

    @Override
    public long reopen(long handle, boolean write) throws IOException {
        // the /proc magic link opens the very file, even one already deleted or never named (memfd)
        String path = "/proc/self/fd/" + fd(handle);
        int flags = (write ? LinuxAbi.O_RDWR : LinuxAbi.O_RDONLY) | LinuxAbi.O_CLOEXEC | LinuxAbi.O_NONBLOCK;
        return requireRegular(PosixCalls.open(path, flags, 0), path);
    }

    // ---- what a mapping's page size is, and which raw calls the library can follow

    @Override
    public long mappingPageSize(int flags, long handle) throws NativeCallException {
        if ((flags & LinuxAbi.MAP_HUGETLB) != 0) {
            int log2 = (flags >>> LinuxAbi.MAP_HUGE_SHIFT) & LinuxAbi.MAP_HUGE_MASK;
            return log2 != 0 ? 1L << log2 : HugePages.defaultSize(pageSize);
        }
        if (handle != -1) {
            // a hugetlbfs file is mapped in huge pages without MAP_HUGETLB; its block size says which
            long block = PosixCalls.fstat(fd(handle)).blockSize();
            if (block > pageSize && HugePages.isHugetlbfs(handle)) {
                return block;
            }
        }
        return pageSize;
    }

    @Override
    public String refusedRawFlags(int flags) {
        return (flags & (LinuxAbi.MAP_FIXED | LinuxAbi.MAP_FIXED_NOREPLACE)) == 0 ? null
                : PosixNames.mapFlags(flags) + " places a mapping at a chosen address, replacing what is there; "
                + "use MapOptions.atAddress (never replaces) or a Reservation";
    }

    @Override
    public String refusedRawAdvice(int advice) {
        return RawAdvice.refusal(advice);
    }

    @Override
    public boolean discardsContents(int advice) {
        return RawAdvice.discards(advice);
    }

    @Override
    public boolean splitsMappings(int advice) {
        // these act on the pages and set no flag on the range, so the kernel never splits for them
        return advice != LinuxAbi.MADV_WILLNEED && advice != LinuxAbi.MADV_DONTNEED && advice != LinuxAbi.MADV_FREE
                && advice != LinuxAbi.MADV_REMOVE && advice != LinuxAbi.MADV_COLD && advice != LinuxAbi.MADV_PAGEOUT
                && advice != LinuxAbi.MADV_POPULATE_READ && advice != LinuxAbi.MADV_POPULATE_WRITE;
    }

    @Override
    public String protectionReach(int prot, long address, long length) {
        int grows = prot & (LinuxAbi.PROT_GROWSDOWN | LinuxAbi.PROT_GROWSUP);
        if (grows == 0) {
            return null;
        }
        try {
            for (SelfMaps.Region e : SelfMaps.read()) {
                if (e.start() <= address && address < e.end()) { // the kernel region the change starts in
                    if (e.start() < address || e.end() > address + length) {
                        return PosixNames.prot(prot) + " would change pages of the kernel region " + e
                                + ", which reaches outside this mapping";
                    }
                    return null;
                }
            }
            return "the mapping is not in /proc/self/maps";
        } catch (IOException e) {
            return PosixNames.prot(prot) + " changes pages outside the range, and /proc/self/maps cannot be read: " + e;
        }
    }

    @Override
    public long remap(long address, long length, long newLength, boolean mayMove) throws NativeCallException {
        return PosixCalls.mremap(address, length, newLength, mayMove ? LinuxAbi.MREMAP_MAYMOVE : 0);
    }

    @Override
    public long memfd(String name, boolean allowSealing) throws NativeCallException {
        return PosixCalls.memfdCreate(name, LinuxAbi.MFD_CLOEXEC | (allowSealing ? LinuxAbi.MFD_ALLOW_SEALING : 0));
    }

    @Override
    public long openSharedMemory(String name, OpenRequest request, int permissions) throws NativeCallException {
        return PosixCalls.shmOpen(name, openFlags(request), permissions);
    }

    @Override
    public void unlinkSharedMemory(String name) throws NativeCallException {
        PosixCalls.shmUnlink(name);
    }

    @Override
    public Path sharedMemoryPath(String name) {
        return Path.of("/dev/shm", name.substring(1));
    }

    @Override
    public Path handlePath(long handle) {
        return Path.of("/proc/self/fd/" + handle);
    }

    @Override
    public void addSeals(long handle, Set<Seal> seals) throws NativeCallException {
        int bits = 0;
        for (Seal s : seals) {
            bits |= sealBit(s);
        }
        PosixCalls.fcntl(fd(handle), LinuxAbi.F_ADD_SEALS, bits, "F_ADD_SEALS", PosixNames.seals(bits));
    }

    @Override
    public Set<Seal> seals(long handle) throws NativeCallException {
        int bits = PosixCalls.fcntl(fd(handle), LinuxAbi.F_GET_SEALS, 0, "F_GET_SEALS", "0");
        EnumSet<Seal> seals = EnumSet.noneOf(Seal.class);
        for (Seal s : Seal.values()) {
            if ((bits & sealBit(s)) != 0) {
                seals.add(s);
            }
        }
        return seals;
    }

    private static int sealBit(Seal s) {
        return switch (s) {
            case SEAL -> LinuxAbi.F_SEAL_SEAL;
            case SHRINK -> LinuxAbi.F_SEAL_SHRINK;
            case GROW -> LinuxAbi.F_SEAL_GROW;
            case WRITE -> LinuxAbi.F_SEAL_WRITE;
        };
    }

    @Override
    public void adviseFileCache(long handle, long offset, long length, boolean willNeed) throws NativeCallException {
        PosixCalls.posixFadvise(fd(handle), offset, length,
                willNeed ? LinuxAbi.POSIX_FADV_WILLNEED : LinuxAbi.POSIX_FADV_DONTNEED,
                willNeed ? "POSIX_FADV_WILLNEED" : "POSIX_FADV_DONTNEED");
    }

    @Override
    public long[] cacheStat(long handle, long offset, long length) throws NativeCallException {
        try {
            return PosixCalls.cachestat(fd(handle), offset, length);
        } catch (NativeCallException e) {
            if (e.errorCode() == LinuxAbi.ENOSYS) {
                var unsupported = unsupported("page-cache statistics of a file: cachestat (Linux 6.5+) is not in this "
                        + "kernel (" + System.getProperty("os.version") + "); map the file and use Mapping.residency() "
                        + "(mincore) instead");
                unsupported.initCause(e);
                throw unsupported;
            }
            throw e;
        }
    }

    private static int fd(long handle) {
        return Math.toIntExact(handle);
    }

    /** {@return a hint for a failed call, or ""} */
    static String hint(String call, int errno) {
        if (errno == LinuxAbi.EPERM && call.equals("cachestat")) {
            return "the kernel gives cachestat only for files the caller may write (or owns, or has CAP_FOWNER for); "
                    + "mincore on a mapping would answer, but the kernel then reports every page resident";
        }
        if (errno == LinuxAbi.EOPNOTSUPP && call.equals("cachestat")) {
            return "this file system (hugetlbfs) has no page-cache statistics";
        }
        if (errno == LinuxAbi.EOPNOTSUPP && call.equals("fallocate")) {
            return "this file system cannot reserve space; mmap4j does not fall back to writing zeros";
        }
        if (errno == LinuxAbi.ENOSPC && call.equals("fallocate")) {
            return "the file system has no room for the requested range";
        }
        if (errno == LinuxAbi.EMFILE || errno == LinuxAbi.ENFILE) {
            return "too many open files; close some or raise the limit (ulimit -n)";
        }
        if (errno == LinuxAbi.ENOMEM && call.equals("munmap")) {
            return "unmapping part of a mapping would exceed the mapping count limit (sysctl vm.max_map_count)";
        }
        if (errno == LinuxAbi.EINVAL && call.equals("msync")) {
            return "the address must be page-aligned and the flags must not combine SYNC with ASYNC";
        }
        if (errno == LinuxAbi.EINVAL && call.equals("madvise")) {
            return "the address must be page-aligned, and this kernel (" + KERNEL + ") must know the advice "
                    + "for this kind of mapping (COLD, PAGEOUT need 5.4+, POPULATE_* 5.14+, FREE private anonymous memory)";
        }
        if (call.equals("mlock") && (errno == LinuxAbi.ENOMEM || errno == LinuxAbi.EAGAIN || errno == LinuxAbi.EPERM)) {
            return memlockHint();
        }
        if (errno == LinuxAbi.EACCES && call.equals("mprotect")) {
            return "a shared mapping of a file opened read-only cannot be made writable";
        }
        if (errno == LinuxAbi.ENOMEM && (call.equals("mprotect") || call.equals("mincore"))) {
            return "the range is not fully mapped, or splitting it would pass vm.max_map_count";
        }
        if (errno == LinuxAbi.ENOMEM && call.equals("mremap")) {
            return "the mapping cannot grow in place (allow it to move), or the address space is full";
        }
        if (errno == LinuxAbi.EFAULT && call.equals("mremap")) {
            return "the range must lie within one kernel mapping, and the kernel splits a mapping where protection "
                    + "or advice differ (see /proc/self/maps)";
        }
        if (errno == LinuxAbi.EPERM && call.equals("fcntl")) {
            return "the file is sealed against this (F_SEAL_SEAL), or it was created without sealing";
        }
        if (errno == LinuxAbi.EBUSY && call.equals("fcntl")) {
            return "F_SEAL_WRITE needs no writable shared mapping of the file to exist";
        }
        return "";
    }

    private static final String KERNEL = System.getProperty("os.version");

    private static String memlockHint() {
        String limit;
        try {
            long bytes = PosixCalls.memlockLimit();
            limit = bytes < 0 ? "unlimited" : bytes + " bytes (ulimit -l " + bytes / 1024 + ")";
        } catch (NativeCallException e) {
            limit = "unknown (" + e.getMessage() + ")";
        }
        return "locking this would pass RLIMIT_MEMLOCK, now " + limit + "; raise it with ulimit -l, "
                + "LimitMEMLOCK= in a systemd unit or /etc/security/limits.conf, or grant CAP_IPC_LOCK";
    }

    /** {@return a hint for a failed mmap, or ""} */
    static String mmapHint(int errno, long length, int prot, int flags, long offset) {
        long page = PAGE_SIZE;
        if (errno == LinuxAbi.EINVAL && offset % page != 0) {
            return "offset must be a multiple of the page size " + page;
        }
        if (errno == LinuxAbi.EINVAL && (flags & LinuxAbi.MAP_ANONYMOUS) != 0
                && (flags & LinuxAbi.MAP_TYPE) == LinuxAbi.MAP_SHARED_VALIDATE) {
            return "anonymous memory takes MAP_SHARED or MAP_PRIVATE, not MAP_SHARED_VALIDATE";
        }
        if (errno == LinuxAbi.EACCES) {
            return (flags & LinuxAbi.MAP_TYPE) != LinuxAbi.MAP_PRIVATE && (prot & LinuxAbi.PROT_WRITE) != 0
                    ? "a shared writable mapping needs the file open for reading and writing"
                    : "the file is not open for reading, or its file system forbids mapping (noexec?)";
        }
        if (errno == LinuxAbi.ENODEV) {
            return "this file system does not support memory mapping";
        }
        if ((flags & LinuxAbi.MAP_HUGETLB) != 0 && (errno == LinuxAbi.ENOMEM || errno == LinuxAbi.EINVAL)) {
            return "no huge pages of that size are available (see /proc/sys/vm/nr_hugepages; file mappings need hugetlbfs)";
        }
        if (errno == LinuxAbi.EOPNOTSUPP && (flags & LinuxAbi.MAP_SYNC) != 0) {
            return "MAP_SYNC needs a file on a DAX-capable file system (persistent memory)";
        }
        if (errno == LinuxAbi.EAGAIN && (flags & LinuxAbi.MAP_LOCKED) != 0) {
            return memlockHint();
        }
        if (errno == LinuxAbi.EEXIST) {
            return "something is already mapped in that range (MAP_FIXED_NOREPLACE never replaces it)";
        }
        if (errno == LinuxAbi.ENOMEM) {
            return "out of address space or mappings: check ulimit -v and sysctl vm.max_map_count (length " + length + ")";
        }
        return "";
    }
}
