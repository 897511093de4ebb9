package io.citebot.eval;

/**
 * Figures of one evaluation run. Retrieval metrics are at article level (passages collapsed to their article).
 *
 * @param retrievalQueries   questions that name a gold document: retrieval figures are over these
 * @param containment        share of answered questions whose answer text contains a gold answer
 * @param containmentAll     share of all questions whose answer contains a gold answer (refusals count as misses)
 * @param questionSentences  share of answers holding a sentence that is itself a question
 * @param citationCorrect    share of answered questions where a cited passage contains a gold answer
 * @param refusalRate        share of questions refused
 * @param passagesPerSecond  ingest speed, or 0 when an existing index was reused
 * @param modelPassagesPerSecond the embedding model's own speed on the same passages (time inside the model only)
 * @param latencyP50Ms       median time of a question (retrieval and answer, the embedding included)
 * @param embeddingP50Ms     median time of a question's embedding, in the same run
 * @param beyondEmbeddingP50Ms median of each question's time less its embedding
 * @param peakHeapMb         peak heap use of the whole process (MB)
 * @param shortAnswered      share of all questions answered with a short answer
 * @param shortExactMatch    SQuAD exact match of the short answers over all questions (none counts 0)
 * @param shortF1            SQuAD token F1 of the short answers over all questions (none counts 0)
 * @param shortExactMatchGiven exact match over the questions that got a short answer
 */
public record EvalReport(String mode, int queries, int retrievalQueries, double hitsAt1, double hitsAt5, double hitsAt10,
                         double recallAt5, double mrrAt10, double containment, double containmentAll, double citationCorrect,
                         double refusalRate, double questionSentences, double answerWords, int passages, double ingestSeconds, double passagesPerSecond,
                         double modelPassagesPerSecond, double latencyP50Ms, double latencyP99Ms,
                         double embeddingP50Ms, double beyondEmbeddingP50Ms, long peakHeapMb,
                         double shortAnswered, double shortExactMatch, double shortF1, double shortExactMatchGiven) {
}
