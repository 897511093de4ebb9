package io.citebot.index;

import io.citebot.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** The model copied out of the jar once and loaded from disk on its own thread, giving the jar model's vectors. */
class ModelFilesTest {

    @TempDir
    Path tmp;

    @Test
    void should_copy_the_model_once_and_reuse_the_copy() throws Exception {
        ModelFiles.Copy first = ModelFiles.in(tmp);
        long size;
        try (var in = getClass().getClassLoader().getResourceAsStream(ModelFiles.MODEL)) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(Files.size(first.model())).isEqualTo(size);
        assertThat(first.model().getParent().getFileName().toString()).startsWith("bge-small-en-v1.5-q-");
        assertThat(Files.size(first.tokenizer())).isPositive();
        if (ModelFiles.platform() != null) {
            assertThat(first.nativeDir()).isNotNull();
            assertThat(first.nativeDir().resolve("libonnxruntime.so")).isRegularFile();
        }

        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first.model(), written);
        ModelFiles.Copy second = ModelFiles.in(tmp);
        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.model())).as("not copied again").isEqualTo(written);
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void should_never_use_a_copy_cut_short() throws Exception {
        // a crash while copying leaves a ".part" file beside the target, never a short target
        ModelFiles.Copy whole = ModelFiles.in(tmp.resolve("a"));
        Path folder = tmp.resolve("b").resolve(whole.model().getParent().getFileName());
        Files.createDirectories(folder);
        Files.write(folder.resolve(ModelFiles.MODEL + "123.part"), new byte[1000]);

        ModelFiles.Copy copy = ModelFiles.in(tmp.resolve("b"));

        assertThat(Files.size(copy.model())).isEqualTo(Files.size(whole.model()));
    }

    @Test
    void should_embed_from_the_copy_exactly_as_from_the_jar() {
        // the copy runs in a session of its own, each embedding on one thread; the jar's model on all cores: the
        // same vectors to the bit, for questions, passages in a batch, and a passage longer than the model reads
        BgeEmbedder fromDisk = BgeEmbedder.loading(tmp.resolve("model"));
        List<String> texts = List.of("Putin offered to mediate between Iran and the United States.", "Harbour expansion in Norway",
                "The harbour authority said on Tuesday that the expansion would double the port's capacity by 2027. ".repeat(40),
                "Ceasefire talks resumed in Doha", "Wildfires forced 3,000 people from their homes in British Columbia.",
                "Who won the 2022 Stanley Cup?", "A", "Inflation fell to 3.1% in November, the lowest since 2021.");

        float[] question = fromDisk.embedQuery("Who offered to mediate?");

        assertThat(fromDisk.ready()).isTrue();
        assertThat(question).containsExactly(TestFiles.embedder().embedQuery("Who offered to mediate?"));
        List<float[]> passages = fromDisk.embed(texts);
        List<float[]> expected = TestFiles.embedder().embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(passages.get(i)).containsExactly(expected.get(i));
        }
        assertThat(tmp.resolve("model")).isNotEmptyDirectory();
    }

    @Test
    void should_read_the_model_from_the_jar_where_no_copy_can_be_made() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");

        BgeEmbedder embedder = BgeEmbedder.loading(notAFolder.resolve("model"));

        assertThat(embedder.embedQuery("Who offered to mediate?")).containsExactly(TestFiles.embedder().embedQuery("Who offered to mediate?"));
    }
}
