// Written by hand in the shape of jextract's output (jextract needs windows.h, so it cannot run here).
// Regenerate on Windows with the command in windows-mapping/README.md; the output replaces this file.

package io.mmap4j.windows.bindings;

import java.lang.invoke.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

import static java.lang.foreign.ValueLayout.*;
import static java.lang.foreign.MemoryLayout.PathElement.*;

/** The C type layouts of Windows x64 (LLP64), shared by the header class and the struct classes. */
@SuppressWarnings("restricted") // AddressLayout.withTargetLayout, as in jextract's output
public class Kernel32$shared {

    Kernel32$shared() {
        // Should not be called directly
    }

    // jextract on Windows writes these as Linker.nativeLinker().canonicalLayouts().get("long") and so on. Here they
    // are the Windows x64 (LLP64) layouts spelled out, so that the same classes describe Windows when loaded on
    // Linux, where the tests run them against a fake kernel32: "long" is 32 bits on Windows, 64 on Linux.
    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
    public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, C_CHAR));
    public static final ValueLayout.OfInt C_LONG = ValueLayout.JAVA_INT;

    static final boolean TRACE_DOWNCALLS = Boolean.getBoolean("jextract.trace.downcalls");

    static void traceDowncall(String name, Object... args) {
         String traceArgs = Arrays.stream(args)
                       .map(Object::toString)
                       .collect(Collectors.joining(", "));
         System.out.printf("%s(%s)\n", name, traceArgs);
    }
}
