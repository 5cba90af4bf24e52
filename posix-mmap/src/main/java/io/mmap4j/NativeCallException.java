// SPDX-License-Identifier: Apache-2.0
package io.mmap4j;

import java.io.IOException;

/**
 * A native call that failed: names the call, its arguments, the error code with its symbolic name
 * and the system's text for it, and, where one helps, a hint.
 *
 * <p>The message reads like the call itself, for example:
 * {@snippet lang=text :
 * mmap(length=4096, prot=READ|WRITE, flags=SHARED, fd=7, offset=123): EINVAL (Invalid argument): offset must be a multiple of the page size 4096
 * }
 *
 * <p>On POSIX the error code is {@code errno}; on Windows it is {@code GetLastError()}.
 */
public final class NativeCallException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @serial the name of the native function */
    private final String call;
    /** @serial the arguments as {@code name=value} pairs */
    private final String arguments;
    /** @serial the error code */
    private final int errorCode;
    /** @serial the symbolic name of the error code */
    private final String errorName;
    /** @serial the system's text for the error code */
    private final String errorText;
    /** @serial a hint, or the empty string */
    private final String hint;

    /**
     * Creates an exception for a failed call. Platform backends create these; users read them.
     *
     * @param call      the native function's name, for example {@code "mmap"}
     * @param arguments the arguments as {@code name=value} pairs separated by {@code ", "}
     * @param errorCode the error code ({@code errno} or {@code GetLastError()})
     * @param errorName the error code's symbolic name, for example {@code "EINVAL"}
     * @param errorText the system's text for the error code
     * @param hint      what probably went wrong and what to do, or the empty string
     */
    public NativeCallException(String call, String arguments, int errorCode, String errorName,
                               String errorText, String hint) {
        super(call + "(" + arguments + "): " + errorName + " (" + errorText + ")"
                + (hint.isEmpty() ? "" : ": " + hint));
        this.call = call;
        this.arguments = arguments;
        this.errorCode = errorCode;
        this.errorName = errorName;
        this.errorText = errorText;
        this.hint = hint;
    }

    /** {@return the native function that failed, for example {@code "mmap"}} */
    public String call() {
        return call;
    }

    /** {@return the call's arguments as {@code name=value} pairs separated by {@code ", "}} */
    public String arguments() {
        return arguments;
    }

    /** {@return the error code: {@code errno} on POSIX, {@code GetLastError()} on Windows} */
    public int errorCode() {
        return errorCode;
    }

    /** {@return the symbolic name of the error code, for example {@code "ENOMEM"}} */
    public String errorName() {
        return errorName;
    }

    /** {@return the system's text for the error code, for example {@code "Cannot allocate memory"}} */
    public String errorText() {
        return errorText;
    }

    /** {@return a hint on what went wrong and what to do, or the empty string} */
    public String hint() {
        return hint;
    }
}
