package io.citebot.index;

import io.citebot.TestFiles;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The real model, counting the questions it is asked to embed. */
public final class CountingEmbedder implements Embedder {
    public final AtomicInteger questions = new AtomicInteger();
    private final Embedder model = TestFiles.embedder();

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return model.embed(texts);
    }

    @Override
    public float[] embedQuery(String question) {
        questions.incrementAndGet();
        return model.embedQuery(question);
    }
}
