// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Stages one published module for Maven Central, after {@code maven-gpg-plugin} signed it: copies its POM
 * (the flattened one), jar, sources jar and Javadoc jar with their {@code .asc} signatures into
 * {@code STAGING/group/as/path/ARTIFACT/VERSION/}, writes {@code .md5}, {@code .sha1}, {@code .sha256} and
 * {@code .sha512} next to each (not next to signatures), then zips the whole staging directory into
 * {@code central-bundle.zip} beside it: the bundle the publishing portal takes.
 *
 * <p>Run by the release profile of the root POM: {@code java StageBundle.java STAGING GROUP ARTIFACT VERSION
 * BUILD_DIRECTORY}. A missing file or signature stops it with the file's name.
 */
public final class StageBundle {

    static final Map<String, String> CHECKSUMS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
            "sha512", "SHA-512");

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length != 5) {
            System.err.println("usage: java StageBundle.java STAGING GROUP ARTIFACT VERSION BUILD_DIRECTORY");
            System.exit(2);
        }
        Path staging = Path.of(args[0]).toAbsolutePath().normalize();
        String group = args[1];
        String artifact = args[2];
        String version = args[3];
        Path built = Path.of(args[4]);
        if (version.endsWith("-SNAPSHOT")) {
            fail("refusing to stage " + artifact + " " + version + ": Maven Central takes no snapshots");
        }

        Path artifactDirectory = staging.resolve(group.replace('.', '/')).resolve(artifact);
        deleteRecursively(artifactDirectory); // an earlier version staged here is not part of this bundle
        Path target = Files.createDirectories(artifactDirectory.resolve(version));
        String base = artifact + "-" + version;
        // maven-gpg-plugin copies the project's POM (flattened) to BUILD_DIRECTORY/ARTIFACT-VERSION.pom to sign it
        for (String name : List.of(base + ".pom", base + ".jar", base + "-sources.jar", base + "-javadoc.jar")) {
            Path file = built.resolve(name);
            Path signature = built.resolve(name + ".asc");
            if (!Files.isRegularFile(file)) {
                fail("missing " + file + ": was the module packaged (jar, source and javadoc plugins)?");
            }
            if (!Files.isRegularFile(signature)) {
                fail("missing " + signature + ": was maven-gpg-plugin run (-Prelease) with a key?");
            }
            Path copy = Files.copy(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(signature, target.resolve(name + ".asc"), StandardCopyOption.REPLACE_EXISTING);
            byte[] content = Files.readAllBytes(copy);
            for (var checksum : CHECKSUMS.entrySet()) {
                String hex = HexFormat.of().formatHex(MessageDigest.getInstance(checksum.getValue()).digest(content));
                Files.writeString(target.resolve(name + "." + checksum.getKey()), hex, StandardCharsets.US_ASCII);
            }
        }
        Path bundle = staging.resolveSibling("central-bundle.zip");
        zip(staging, bundle);
        System.out.println("stage-bundle: " + group + ":" + artifact + ":" + version + " staged in " + target
                + ", bundle " + bundle);
    }

    /** Zips every file under {@code directory}, paths relative to it, in sorted order. */
    static void zip(Path directory, Path zip) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(directory)) {
            all.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        Path part = Files.createTempFile(zip.getParent(), "central-bundle", ".part");
        try (OutputStream out = Files.newOutputStream(part); ZipOutputStream zipped = new ZipOutputStream(out)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(directory.relativize(file).toString().replace('\\', '/'));
                entry.setTime(0); // the same files give the same bundle
                zipped.putNextEntry(entry);
                Files.copy(file, zipped);
                zipped.closeEntry();
            }
        }
        Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void fail(String message) {
        System.err.println("stage-bundle: " + message);
        System.exit(1);
    }
}
