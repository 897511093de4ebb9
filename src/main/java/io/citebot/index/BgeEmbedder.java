package io.citebot.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * BAAI's bge-small-en-v1.5 (quantized ONNX, 384 dimensions), run in-process by LangChain4j from the model file
 * inside its Maven artifact: no download, no GPU. The model embeds a batch on all cores.
 */
public final class BgeEmbedder implements Embedder {

    /**
     * BGE v1.5's instruction for short retrieval queries. Measured on ../shared/bench/squad (hybrid mode):
     * see the README's benchmark notes.
     */
    static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final EmbeddingModel model;
    private final boolean queryInstruction;

    public BgeEmbedder() {
        this(true);
    }

    public BgeEmbedder(boolean queryInstruction) {
        this.model = new BgeSmallEnV15QuantizedEmbeddingModel();
        this.queryInstruction = queryInstruction;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) {
            out.add(Vectors.normalize(e.vector()));
        }
        return out;
    }

    @Override
    public float[] embedQuery(String question) {
        String text = queryInstruction ? QUERY_INSTRUCTION + question : question;
        return Vectors.normalize(model.embed(text).content().vector());
    }
}
