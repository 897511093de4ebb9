package io.citebot.index;

import io.citebot.ingest.ArticleParser;
import io.citebot.ingest.ArticleParser.Problem;
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

/** Which files of a folder are article files, and which of them cannot be read as such. */
final class ArticleFiles {

    private ArticleFiles() {
    }

    /** Files larger than this are reported, not read (a jsonl dump of this size holds tens of thousands of articles). */
    static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    /** Articles longer than this (some 150 pages) are reported, not indexed: a whole book or a dump in one line. */
    static final int MAX_ARTICLE_CHARS = 500_000;

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
                        if (file.getFileName().toString().startsWith(".") || !ArticleParser.supports(file)) {
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

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
