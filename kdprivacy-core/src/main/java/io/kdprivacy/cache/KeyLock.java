package io.kdprivacy.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An exclusive lock on one cache key across processes: a file lock on {@code <hash>.lock}. Lock files may be
 * deleted by a cleanup while another process is about to lock them, so a lock counts only if, once acquired,
 * the path still names the file that was opened (same file key, read from the path without opening it: on
 * POSIX systems closing any descriptor of a file drops the process's locks on it). Otherwise the lock is taken
 * again on the file the path now names. Cleanups delete a lock file only while holding its lock.
 */
final class KeyLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private KeyLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    static KeyLock acquire(Path file) throws IOException {
        while (true) {
            KeyLock held = lock(file);
            if (held != null) {
                return held;
            }
        }
    }

    /** The lock if no one holds it now, else null. */
    static KeyLock tryAcquire(Path file) throws IOException {
        while (true) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Object opened = fileKey(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;   // held by this JVM
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            KeyLock held = checked(file, channel, lock, opened);
            if (held != null) {
                return held;
            }
        }
    }

    private static KeyLock lock(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Object opened = fileKey(file);
        FileLock lock;
        try {
            lock = channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return checked(file, channel, lock, opened);
    }

    /** The lock, if {@code file} still names the file that was opened; else releases it and returns null. */
    private static KeyLock checked(Path file, FileChannel channel, FileLock lock, Object opened) throws IOException {
        if (opened != null && opened.equals(fileKey(file))) {
            return new KeyLock(file, channel, lock);
        }
        lock.release();
        channel.close();
        return null;
    }

    /** The identity of the file {@code file} names (device and inode on Unix), or null if there is none. */
    private static Object fileKey(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : file;   // where the platform has no file keys, the path stands for the file
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Deletes the lock file while the lock is held, so no one can take it on the old file afterwards. */
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
