package io.citebot.index;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The embedding model's files, copied once out of the jar into a folder (the data folder's {@code model/}), so a
 * start reads them from disk instead of inflating 34 MB from the jar each time. A copy is named by the jar entry's
 * CRC, which the jar's directory gives without reading the entry: a new model in a new release gets a new folder,
 * and a copy cut short by a crash is never used (each file is written aside and moved into place when whole).
 * ONNX Runtime's native libraries for this platform are copied beside it, so the runtime does not unpack them into
 * the temporary folder at every start either.
 */
public final class ModelFiles {

    static final String MODEL = "bge-small-en-v1.5-q.onnx";
    static final String TOKENIZER = "bge-small-en-v1.5-q-tokenizer.json";
    private static final List<String> NATIVE = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    /** The copied files: the model, its tokenizer, and the folder of native libraries (null where none fit). */
    public record Copy(Path model, Path tokenizer, Path nativeDir) {
    }

    private ModelFiles() {
    }

    /** The files in {@code dir}, copied out of the classpath when not there yet. */
    public static Copy in(Path dir) throws IOException {
        URL model = resource(MODEL);
        Path folder = dir.resolve("bge-small-en-v1.5-q-" + stamp(model));
        Path modelFile = copy(model, folder.resolve(MODEL));
        Path tokenizer = copy(resource(TOKENIZER), folder.resolve(TOKENIZER));
        Path nativeDir = null;
        String platform = platform();
        if (platform != null) {
            Path natives = folder.resolve("native-" + platform);
            boolean all = true;
            for (String lib : NATIVE) {
                URL url = ModelFiles.class.getClassLoader().getResource("ai/onnxruntime/native/" + platform + "/" + lib);
                if (url == null) {
                    all = false;
                    break;
                }
                copy(url, natives.resolve(lib));
            }
            nativeDir = all ? natives : null;
        }
        return new Copy(modelFile, tokenizer, nativeDir);
    }

    private static URL resource(String name) throws IOException {
        URL url = ModelFiles.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("the embedding model " + name + " is not on the classpath");
        }
        return url;
    }

    /** The entry's CRC and size from the jar's directory; for a plain file (a development classpath), its size and time. */
    static String stamp(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            var entry = jar.getJarEntry();
            return Long.toHexString(entry.getCrc()) + "-" + entry.getSize();
        }
        long size = c.getContentLengthLong();
        return Long.toHexString(c.getLastModified()) + "-" + size;
    }

    /** Copies {@code url} to {@code target} unless it is there; written aside and moved, so it is whole or absent. */
    private static Path copy(URL url, Path target) throws IOException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            try (InputStream in = url.openStream()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
        return target;
    }

    /** ONNX Runtime's name for this platform's native folder, or null where it ships none we copy. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return null;
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-aarch64";
            default -> null;
        };
    }
}
