package io.citebot.index;

import io.citebot.ingest.ArticleParser.Problem;
import io.citebot.ingest.ArticleParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** Which files of a folder are article files, and which of them cannot be read as such. */
final class ArticleFiles {

    private ArticleFiles() {
    }

    /**
     * A JSON-lines dump larger than this is reported, not read (it holds tens of thousands of articles; it is read
     * whole, and with the text it becomes this takes some 4 times its size of heap: split larger dumps).
     */
    static final long MAX_DUMP_BYTES = 256L * 1024 * 1024;
    /** Articles longer than this (some 150 pages) are reported, not indexed: a whole book or a dump in one line. */
    static final int MAX_ARTICLE_CHARS = 500_000;
    /**
     * A one-article file (.txt, .md) larger than this cannot hold an article of {@link #MAX_ARTICLE_CHARS}
     * (at most 4 bytes a character, and room for headers), so it is refused from its size, before it is read.
     */
    static final long MAX_TEXT_BYTES = 4L * MAX_ARTICLE_CHARS + 64 * 1024;
    /** A page (.html) larger than this is refused from its size: markup, scripts and styles around at most an article. */
    static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;

    /** The most bytes a file of this kind may have to be read at all. */
    static long maxBytes(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") ? MAX_DUMP_BYTES : name.endsWith(".html") || name.endsWith(".htm") ? MAX_PAGE_BYTES : MAX_TEXT_BYTES;
    }

    /** "16 MB", "2.0 MB": a limit as a reader says it. */
    static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** NUL bytes in the first 8 KB: an image, archive or random data named .txt, not text in any encoding we read. */
    static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The supported files under {@code root}, in a stable order. What cannot be read as an article file is
     * reported instead of stopping the walk: an unreadable folder, a link that points nowhere or in a loop, a
     * FIFO or device with an article's extension. Hidden files and folders are passed over.
     */
    static List<Path> list(Path root, List<Problem> problems) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (file.getFileName().toString().startsWith(".")) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (!ArticleParser.supports(file)) {
                            if (!attrs.isDirectory()) {
                                problems.add(new Problem(relative(root, file), 0, "not an article file (citebot reads "
                                        + ArticleParser.KINDS + (isArchive(file) ? "; unpack archives into the folder" : "") + ")"));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isRegularFile()) {
                            files.add(file);
                        } else if (attrs.isSymbolicLink()) {
                            problems.add(new Problem(relative(root, file), 0, "a link that points nowhere"));
                        } else if (!attrs.isDirectory()) {
                            problems.add(new Problem(relative(root, file), 0, "not a regular file (a FIFO, socket or device)"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        String reason = e instanceof FileSystemLoopException ? "a link that loops back to a folder above it"
                                : e instanceof AccessDeniedException ? "permission denied" : "could not be read: " + e.getMessage();
                        problems.add(new Problem(relative(root, file), 0, reason));
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(null);
        return files;
    }

    private static boolean isArchive(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(zip|tar|tgz|gz|bz2|xz|7z|rar|zst)");
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
