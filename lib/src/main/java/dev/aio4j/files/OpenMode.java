package dev.aio4j.files;

/**
 * How {@link AsyncFiles#open} opens a file: Python's mode letters {@code "r"}, {@code "w"},
 * {@code "a"} and {@code "r+"}. Every mode reads and writes text in the file's charset, and also
 * bytes ({@code readBytes}, {@code write(byte[])}); there is no separate binary mode.
 *
 * <pre>{@code
 * AsyncFiles.open(Path.of("log.txt"), OpenMode.APPEND)
 * }</pre>
 */
public enum OpenMode {
    /** {@code "r"}: read; the file must exist ({@code NoSuchFileException} otherwise). */
    READ,
    /** {@code "w"}: write from the start; creates the file or truncates it. */
    WRITE,
    /** {@code "a"}: write at the end; creates the file if needed. Every write goes to the end. */
    APPEND,
    /** {@code "r+"}: read and write at the current position; the file must exist and is not truncated. */
    READ_WRITE;

    /** Whether a file opened this way can be read. */
    public boolean readable() {
        return this == READ || this == READ_WRITE;
    }

    /** Whether a file opened this way can be written. */
    public boolean writable() {
        return this != READ;
    }
}
