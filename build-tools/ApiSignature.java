// SPDX-License-Identifier: Apache-2.0
import java.io.IOException;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.reflect.AccessFlag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of some packages as sorted text lines, checked against a committed baseline: one line per
 * accessible class, field, constructor and method, with its modifiers, its generic signature (or descriptor),
 * its supertypes, permitted subclasses, thrown exceptions and constant values. Read from the compiled classes
 * with {@code java.lang.classfile}, so nothing is loaded or run, and the output depends on the classes alone.
 *
 * <p>{@code java ApiSignature.java CLASSES BASELINE UPDATE PACKAGE...}: with UPDATE {@code true} it writes
 * BASELINE; otherwise it fails (status 1) when the API differs from BASELINE, listing lines removed or changed
 * (incompatible) and lines added (compatible), and how to record an intended change. Run by posix-mmap's
 * {@code api-check} execution; {@code ApiGuardTest} shows it failing on a removed method.
 */
public final class ApiSignature {

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: java ApiSignature.java CLASSES BASELINE UPDATE(true|false) PACKAGE...");
            System.exit(2);
        }
        Path classes = Path.of(args[0]);
        Path baseline = Path.of(args[1]);
        boolean update = args[2].equals("true") || args[2].isEmpty();
        List<String> packages = List.of(args).subList(3, args.length);
        List<String> api = signature(classes, packages);
        String header = "# The public API of " + String.join(", ", packages) + ", one line per element (build-tools/ApiSignature.java).\n"
                + "# Regenerate with ./mvnw -q -B -DskipTests verify -pl posix-mmap -am -Dapi.update and commit it with the change.\n";
        if (update) {
            Files.createDirectories(baseline.toAbsolutePath().getParent());
            Files.writeString(baseline, header + String.join("\n", api) + "\n", StandardCharsets.UTF_8);
            System.out.println("api-signature: wrote " + api.size() + " lines to " + baseline);
            return;
        }
        if (!Files.exists(baseline)) {
            fail("no baseline " + baseline + ": create it with -Dapi.update and commit it");
        }
        Set<String> recorded = Files.readAllLines(baseline, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> current = new TreeSet<>(api);
        List<String> removed = recorded.stream().filter(l -> !current.contains(l)).toList();
        List<String> added = current.stream().filter(l -> !recorded.contains(l)).toList();
        if (removed.isEmpty() && added.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder();
        if (!removed.isEmpty()) {
            report.append("api-signature: INCOMPATIBLE change: ").append(removed.size())
                    .append(" element(s) of the baseline removed or changed (a major version; while it is 0, a minor one):\n");
            removed.forEach(l -> report.append("  - ").append(l).append('\n'));
        }
        if (!added.isEmpty()) {
            report.append("api-signature: ").append(added.size())
                    .append(" element(s) added or changed to (compatible when nothing is removed: a minor version):\n");
            added.forEach(l -> report.append("  + ").append(l).append('\n'));
        }
        report.append("api-signature: the public API differs from ").append(baseline)
                .append("; if this is intended, run ./mvnw -q -B -DskipTests verify -pl posix-mmap -am -Dapi.update,")
                .append(" commit the baseline with the change and note it in CHANGELOG.md");
        fail(report.toString());
    }

    static void fail(String message) {
        System.err.println(message.startsWith("api-signature: ") ? message : "api-signature: " + message);
        System.exit(1);
    }

    /** {@return the sorted API lines of the accessible types of {@code packages} (not their subpackages)} */
    static List<String> signature(Path classes, List<String> packages) throws IOException {
        Map<String, ClassModel> models = new HashMap<>();
        for (String pkg : packages) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                fail("no package " + pkg + " under " + classes);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                    models.put(model.thisClass().asInternalName(), model);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (ClassModel model : models.values()) {
            if (model.thisClass().asInternalName().endsWith("module-info") || !accessible(model, models)) {
                continue;
            }
            String type = model.thisClass().asInternalName().replace('/', '.');
            lines.add(type + " " + classLine(model, models));
            for (FieldModel field : model.fields()) {
                Set<AccessFlag> flags = field.flags().flags();
                if (visible(flags) && !flags.contains(AccessFlag.SYNTHETIC)) {
                    String constant = field.findAttribute(Attributes.constantValue())
                            .map(c -> " = " + c.constant().constantValue()).orElse("");
                    lines.add(type + " field " + modifiers(flags) + field.fieldName().stringValue() + " "
                            + field.findAttribute(Attributes.signature()).map(s -> s.signature().stringValue())
                                    .orElse(field.fieldType().stringValue())
                            + constant);
                }
            }
            for (MethodModel method : model.methods()) {
                Set<AccessFlag> flags = method.flags().flags();
                if (!visible(flags) || flags.contains(AccessFlag.SYNTHETIC) || flags.contains(AccessFlag.BRIDGE)) {
                    continue;
                }
                String name = method.methodName().stringValue();
                if (name.equals("<init>") && isEnum(model)) {
                    continue;
                }
                String throwsClause = method.findAttribute(Attributes.exceptions())
                        .map(e -> e.exceptions().stream().map(c -> c.asInternalName().replace('/', '.')).sorted()
                                .collect(Collectors.joining(", ", " throws ", "")))
                        .orElse("");
                boolean isDefault = isInterface(model) && !flags.contains(AccessFlag.ABSTRACT) && !flags.contains(AccessFlag.STATIC);
                lines.add(type + " method " + modifiers(flags) + (isDefault ? "default " : "") + name
                        + method.methodType().stringValue()
                        + method.findAttribute(Attributes.signature()).map(s -> " " + s.signature().stringValue()).orElse("")
                        + throwsClause);
            }
        }
        lines.sort(null);
        return lines;
    }

    static String classLine(ClassModel model, Map<String, ClassModel> models) {
        Set<AccessFlag> flags = effectiveFlags(model);
        String kind = flags.contains(AccessFlag.ANNOTATION) ? "@interface" : flags.contains(AccessFlag.INTERFACE) ? "interface"
                : flags.contains(AccessFlag.ENUM) ? "enum" : model.findAttribute(Attributes.record()).isPresent() ? "record" : "class";
        StringBuilder line = new StringBuilder(modifiers(flags).replace("interface ", "").replace("abstract ",
                kind.equals("interface") || kind.equals("@interface") ? "" : "abstract ")).append(kind);
        line.append(model.findAttribute(Attributes.signature()).map(s -> " " + s.signature().stringValue())
                .orElseGet(() -> " extends " + model.superclass().map(c -> c.asInternalName().replace('/', '.')).orElse("-")
                        + (model.interfaces().isEmpty() ? "" : model.interfaces().stream()
                                .map(c -> c.asInternalName().replace('/', '.')).sorted()
                                .collect(Collectors.joining(", ", " implements ", "")))));
        model.findAttribute(Attributes.permittedSubclasses()).ifPresent(p -> line.append(" permits ").append(
                p.permittedSubclasses().stream().map(c -> c.asInternalName().replace('/', '.')).sorted()
                        .collect(Collectors.joining(", "))));
        return line.toString();
    }

    /** A nested class's own flags (public, protected, static) are in its InnerClasses entry, not its header. */
    static Set<AccessFlag> effectiveFlags(ClassModel model) {
        return innerInfo(model).map(InnerClassInfo::flags).orElse(model.flags().flags());
    }

    static Optional<InnerClassInfo> innerInfo(ClassModel model) {
        return model.findAttribute(Attributes.innerClasses()).flatMap(a -> a.classes().stream()
                .filter(i -> i.innerClass().asInternalName().equals(model.thisClass().asInternalName())).findFirst());
    }

    static boolean accessible(ClassModel model, Map<String, ClassModel> models) {
        Optional<InnerClassInfo> inner = innerInfo(model);
        if (inner.isEmpty()) {
            return model.flags().has(AccessFlag.PUBLIC);
        }
        if (inner.get().outerClass().isEmpty()) {
            return false; // local or anonymous
        }
        if (!visible(inner.get().flags())) {
            return false;
        }
        ClassEntry outer = inner.get().outerClass().get();
        ClassModel outerModel = models.get(outer.asInternalName());
        return outerModel != null && accessible(outerModel, models);
    }

    static boolean visible(Set<AccessFlag> flags) {
        return flags.contains(AccessFlag.PUBLIC) || flags.contains(AccessFlag.PROTECTED);
    }

    static boolean isEnum(ClassModel model) {
        return model.flags().has(AccessFlag.ENUM);
    }

    static boolean isInterface(ClassModel model) {
        return model.flags().has(AccessFlag.INTERFACE);
    }

    static String modifiers(Set<AccessFlag> flags) {
        StringBuilder text = new StringBuilder();
        for (AccessFlag flag : List.of(AccessFlag.PUBLIC, AccessFlag.PROTECTED, AccessFlag.ABSTRACT, AccessFlag.STATIC,
                AccessFlag.FINAL, AccessFlag.INTERFACE, AccessFlag.VOLATILE, AccessFlag.TRANSIENT, AccessFlag.VARARGS,
                AccessFlag.SYNCHRONIZED, AccessFlag.NATIVE)) {
            if (flags.contains(flag)) {
                text.append(flag.name().toLowerCase(java.util.Locale.ROOT)).append(' ');
            }
        }
        return text.toString();
    }
}
