// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** Captures what a sample prints, and finds lines in it. */
final class SampleOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** {@return the groups of the one line that matches {@code regex} in full} */
    Matcher line(String regex) {
        Pattern p = Pattern.compile(regex);
        Matcher found = null;
        for (String line : lines()) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                if (found != null) {
                    fail("more than one line matches " + regex + " in:\n" + this);
                }
                found = m;
            }
        }
        if (found == null) {
            fail("no line matches " + regex + " in:\n" + this);
        }
        return found;
    }

    @Override
    public String toString() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
