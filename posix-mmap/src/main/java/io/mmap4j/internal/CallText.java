// SPDX-License-Identifier: Apache-2.0
package io.mmap4j.internal;

/**
 * What every platform backend writes into a {@link io.mmap4j.NativeCallException}: arguments as
 * {@code name=value} pairs, addresses in hex, flag words as names. Used only on failure paths.
 */
public final class CallText {
    private CallText() {
    }

    /**
     * {@return the arguments as {@code name=value} pairs separated by {@code ", "}}
     *
     * @param namesAndValues the arguments, name then value
     */
    public static String arguments(Object... namesAndValues) {
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                args.append(", ");
            }
            args.append(namesAndValues[i]).append('=').append(namesAndValues[i + 1]);
        }
        return args.toString();
    }

    /**
     * {@return an address as {@code 0x...}}
     *
     * @param address the address
     */
    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /**
     * {@return what a downcall's {@code invokeExact} threw, rethrown if unchecked; a checked one
     * means a bug in the calling class, returned as an {@link AssertionError} to throw}
     *
     * @param t what was thrown
     */
    public static AssertionError unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new AssertionError("native call threw " + t, t);
    }

    /** Names the bits of a flag word, {@code READ|WRITE}; bits left over are shown in hex. */
    public static final class Flags {
        private int left;
        private final StringBuilder text = new StringBuilder();

        /**
         * Starts naming {@code value}.
         *
         * @param value the flag word
         */
        public Flags(int value) {
            this.left = value;
        }

        /**
         * Names {@code bits} if all of them are set; zero bits and a null name name nothing.
         *
         * @param bits the bits
         * @param name their name
         * @return this
         */
        public Flags take(int bits, String name) {
            if (name != null && bits != 0 && (left & bits) == bits) {
                named(bits, name);
            }
            return this;
        }

        /**
         * Names a field of the word that holds {@code bits}, which may be zero (an access mode, a
         * mapping type), and clears it.
         *
         * @param bits the field's value
         * @param name its name
         * @return this
         */
        public Flags named(int bits, String name) {
            left &= ~bits;
            if (!text.isEmpty()) {
                text.append('|');
            }
            text.append(name);
            return this;
        }

        /** {@return the names, then any bits left in hex; {@code 0} for an empty word} */
        public String text() {
            if (left != 0) {
                if (!text.isEmpty()) {
                    text.append('|');
                }
                text.append("0x").append(Integer.toHexString(left));
            }
            return text.isEmpty() ? "0" : text.toString();
        }
    }
}
