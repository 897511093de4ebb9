package io.citebot.answer;

import io.citebot.index.Hit;
import io.citebot.index.TextAnalysis;
import io.citebot.ingest.Sentences;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers with the retrieved passages' own sentences. Each sentence is scored by how much of the question it
 * covers (question terms weighted by their BM25 idf, so rare words count most), helped by its article's
 * headline, its passage's retrieval rank and whether it holds the kind of thing the question asks for
 * (a date for "when", a number for "how many"). The best few are shown in article order, each cited.
 *
 * <p>The refusal decision rests on {@linkplain #confidence evidence strength}. Its lexical part is the
 * idf-weighted share of the question's terms that the best passage (with its headline) contains: off-topic
 * questions leave their rarest terms uncovered. When retrieval measured meaning too (dense and hybrid modes), the
 * best passage's cosine similarity, scaled from [{@value #COSINE_FLOOR}, {@value #COSINE_CEILING}] to [0, 1],
 * counts half: it keeps answering questions that paraphrase their passage.
 */
public final class ExtractiveAnswerer implements Answerer {

    public static final String REFUSAL = "The articles I have do not cover this question, so I can't answer it.";

    /*
     * Sentence score = SENTENCE * coverage of the question by the sentence + HEADLINE * coverage by sentence and
     * headline + RANK * the passage's retrieval score relative to the best + TYPE if it holds what the question
     * asks for. Measured on ../shared/bench/squad (docs/benchmarks.md, "Answer composition"): the retrieval rank counts
     * (0 -> 0.814 containment, 0.15 -> 0.826, 0.3 -> 0.832); the other weights move it by less than 0.01.
     */
    static final double SENTENCE = 0.5;
    static final double HEADLINE = 0.3;
    static final double RANK = 0.3;
    static final double TYPE = 0.1;

    /** A sentence must score at least this share of the best sentence's score to join the answer. */
    static final double RELATIVE_CUTOFF = 0.5;
    /** Sentences sharing this share of their terms say the same thing; only the first is kept. */
    static final double DUPLICATE_OVERLAP = 0.7;

    /** Cosine similarity (bge-small-en-v1.5) at or below which a passage shows no sign of answering. */
    static final double COSINE_FLOOR = 0.5;
    /** Cosine similarity at or above which a passage is as close as questions and their passages get. */
    static final double COSINE_CEILING = 0.8;
    /** Share of the cosine in the evidence strength, when there is one. Calibrated with the threshold (docs/answers.md). */
    static final double COSINE_WEIGHT = 0.5;
    /**
     * A refusal names an article whose passage is at least this close to the question in meaning. Unrelated
     * passages reach 0.5 to 0.6 with bge-small (more with their headline embedded); 0.65 means a shared topic.
     */
    static final double RELATED_COSINE = 0.65;
    /** Without cosines, a refusal names an article whose passage holds this share of the question's weighted terms. */
    static final double RELATED_COVERAGE = 0.5;

    private final TextAnalysis analysis;
    private final Function<Collection<String>, Map<String, Double>> idf;
    private final int maxSentences;
    private final double minConfidence;
    private final double minLexicalConfidence;

    /**
     * @param idf                  inverse document frequency of analyzed terms over the indexed passages
     * @param maxSentences         the most sentences an answer holds
     * @param minConfidence        refuse below this evidence strength (0..1) when the hits carry cosine similarities
     * @param minLexicalConfidence the same for evidence without cosines (BM25 mode), which is on another scale;
     *                             both are calibrated in docs/answers.md
     */
    public ExtractiveAnswerer(TextAnalysis analysis, Function<Collection<String>, Map<String, Double>> idf,
                              int maxSentences, double minConfidence, double minLexicalConfidence) {
        if (maxSentences < 1) {
            throw new IllegalArgumentException("maxSentences must be at least 1");
        }
        if (minConfidence < 0 || minConfidence > 1 || minLexicalConfidence < 0 || minLexicalConfidence > 1) {
            throw new IllegalArgumentException("minimum confidences must be in [0, 1]");
        }
        this.analysis = analysis;
        this.idf = idf;
        this.maxSentences = maxSentences;
        this.minConfidence = minConfidence;
        this.minLexicalConfidence = minLexicalConfidence;
    }

    /** One threshold for both kinds of evidence. */
    public ExtractiveAnswerer(TextAnalysis analysis, Function<Collection<String>, Map<String, Double>> idf,
                              int maxSentences, double minConfidence) {
        this(analysis, idf, maxSentences, minConfidence, minConfidence);
    }

    @Override
    public Answer answer(String question, List<Hit> hits) {
        var timeline = Timeline.topic(question);
        if (timeline.isPresent()) {
            return timeline(timeline.get(), hits);
        }
        var overview = Overview.topic(question);
        if (overview.isPresent()) {
            return brief(overview.get(), hits);
        }
        Set<String> qTerms = new LinkedHashSet<>(analysis.queryTerms(question));
        if (qTerms.isEmpty() || hits.isEmpty()) {
            return Answer.refusal(REFUSAL, 0);
        }
        Evidence evidence = weigh(qTerms, hits);
        Map<String, Double> weights = evidence.weights();
        double total = evidence.total();
        double confidence = evidence.confidence();
        if (refuses(confidence, hits)) {
            return refusal(question, hits, confidence);
        }
        AnswerType type = AnswerType.of(question);
        Set<String> said = said(question, qTerms);
        double topScore = hits.getFirst().score();
        List<Candidate> candidates = new ArrayList<>();
        for (int rank = 0; rank < hits.size(); rank++) {
            Hit hit = hits.get(rank);
            Set<String> titleTerms = new HashSet<>(analysis.terms(hit.article().title()));
            double prior = topScore > 0 ? hit.score() / topScore : 0;
            for (Sentences.Span s : Sentences.split(hit.passage().text())) {
                Set<String> terms = new HashSet<>(analysis.terms(s.text()));
                if (!AnswerSentences.usable(s.text(), terms, said)) {
                    continue;
                }
                Set<String> withTitle = new HashSet<>(terms);
                withTitle.addAll(titleTerms);
                double score = SENTENCE * coverage(qTerms, terms, weights, total)
                        + HEADLINE * coverage(qTerms, withTitle, weights, total)
                        + RANK * prior
                        + (type.matches(s.text(), question) ? TYPE : 0);
                candidates.add(new Candidate(hit, rank, s, terms, score));
            }
        }
        if (candidates.isEmpty()) {
            return Answer.refusal(REFUSAL, confidence);
        }
        List<Candidate> picked = select(candidates);
        var kind = ShortAnswers.kind(question, type);
        var found = kind.flatMap(k -> ShortAnswers.find(question, k, candidates, analysis, qTerms, weights, total, said));
        if (found.isEmpty()) {
            return Composition.compose(Composition.inReadingOrder(picked), confidence);
        }
        // the sentences that state the short answer lead, then the others (all of them: a supporting sentence that
        // was not picked is added, not swapped for one that was)
        List<Candidate> support = found.get().support();
        List<Candidate> ordered = new ArrayList<>(support);
        for (Candidate c : Composition.inReadingOrder(picked)) {
            if (!ordered.contains(c) && ordered.stream().noneMatch(o -> BriefComposer.overlap(o.terms(), c.terms()) >= DUPLICATE_OVERLAP)) {
                ordered.add(c);
            }
        }
        Answer answer = Composition.compose(ordered, confidence);
        Map<String, Integer> numbers = new LinkedHashMap<>();
        answer.citations().forEach(c -> numbers.put(c.passageId(), c.n()));
        List<Integer> cites = support.stream().map(c -> numbers.get(c.hit().passage().id())).distinct().toList();
        return answer.withShortAnswer(new ShortAnswer(found.get().text(), cites));
    }

    /**
     * A brief for an overview question: the most informative sentence of each of the most relevant articles,
     * newest first. With no topic ("What are these articles about?") every retrieved article counts; with one,
     * the evidence must reach the same threshold as any answer.
     */
    private Answer brief(String topic, List<Hit> hits) {
        if (hits.isEmpty()) {
            return Answer.refusal(REFUSAL, 0);
        }
        Set<String> tTerms = new LinkedHashSet<>(analysis.queryTerms(topic));
        double confidence = 1;
        Map<String, Double> weights = Map.of();
        double total = 0;
        if (!tTerms.isEmpty()) {
            Evidence evidence = weigh(tTerms, hits);
            weights = evidence.weights();
            total = evidence.total();
            confidence = evidence.confidence();
            if (refuses(confidence, hits)) {
                return refusal(topic, hits, confidence);
            }
        }
        Set<String> said = said(topic, tTerms);
        List<Candidate> candidates = new ArrayList<>();
        for (int rank = 0; rank < hits.size(); rank++) {
            Hit hit = hits.get(rank);
            List<Sentences.Span> sentences = Sentences.split(hit.passage().text());
            for (int i = 0; i < sentences.size(); i++) {
                Sentences.Span s = sentences.get(i);
                Set<String> terms = new HashSet<>(analysis.terms(s.text()));
                if (!AnswerSentences.usable(s.text(), terms, said) || terms.size() < BriefComposer.MIN_TERMS) {
                    continue;
                }
                // the lede of an article states its story; early sentences beat late ones
                double position = hit.passage().ordinal() == 0 && i == 0 ? 1 : 1.0 / (2 + hit.passage().ordinal() + i);
                double score = (tTerms.isEmpty() ? 0 : coverage(tTerms, terms, weights, total)) + BriefComposer.POSITION * position;
                candidates.add(new Candidate(hit, rank, s, terms, score));
            }
        }
        List<Candidate> picked = BriefComposer.pick(candidates, maxSentences + 1, DUPLICATE_OVERLAP);
        if (picked.isEmpty()) {
            return Answer.refusal(REFUSAL, confidence);
        }
        return Composition.compose(BriefComposer.newestFirst(picked), confidence);
    }

    /** The question's terms weighted by idf, their total, and the evidence strength of {@code hits} for them. */
    private record Evidence(Map<String, Double> weights, double total, double confidence) {
    }

    private Evidence weigh(Set<String> terms, List<Hit> hits) {
        Map<String, Double> weights = idf.apply(terms);
        double total = terms.stream().mapToDouble(weights::get).sum();
        return new Evidence(weights, total, confidence(terms, weights, total, hits));
    }

    /** Most developments a timeline lists. */
    static final int TIMELINE_EVENTS = 8;

    /**
     * A timeline: for each publication date among the relevant articles, the sentence that says most about the topic
     * (a lede counts extra), the best {@value #TIMELINE_EVENTS} dates listed in date order, one cited line each. The
     * evidence must reach the threshold of any answer; with one date only, it says so.
     */
    private Answer timeline(String topic, List<Hit> hits) {
        Set<String> tTerms = new LinkedHashSet<>(analysis.queryTerms(topic));
        if (tTerms.isEmpty() || hits.isEmpty()) {
            return Answer.refusal(REFUSAL, 0);
        }
        Evidence evidence = weigh(tTerms, hits);
        Map<String, Double> weights = evidence.weights();
        double total = evidence.total();
        double confidence = evidence.confidence();
        if (refuses(confidence, hits)) {
            return refusal(topic, hits, confidence);
        }
        Set<String> said = said(topic, tTerms);
        Map<LocalDate, Candidate> best = new HashMap<>();
        for (int rank = 0; rank < hits.size(); rank++) {
            Hit hit = hits.get(rank);
            LocalDate date = hit.article().date();
            if (date == null) {
                continue;
            }
            List<Sentences.Span> sentences = Sentences.split(hit.passage().text());
            for (int i = 0; i < sentences.size(); i++) {
                Sentences.Span s = sentences.get(i);
                Set<String> terms = new HashSet<>(analysis.terms(s.text()));
                double cover = coverage(tTerms, terms, weights, total);
                if (cover == 0 || !AnswerSentences.usable(s.text(), terms, said) || terms.size() < BriefComposer.MIN_TERMS) {
                    continue;
                }
                double position = hit.passage().ordinal() == 0 && i == 0 ? 1 : 1.0 / (2 + hit.passage().ordinal() + i);
                Candidate c = new Candidate(hit, rank, s, terms, cover + BriefComposer.POSITION * position);
                best.merge(date, c, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        if (best.isEmpty()) {
            return brief(topic, hits);
        }
        List<Candidate> picked = BriefComposer.pick(best.values().stream()
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()).toList(), TIMELINE_EVENTS, DUPLICATE_OVERLAP);
        List<Candidate> chronological = picked.stream()
                .sorted(Comparator.comparing((Candidate c) -> c.hit().article().date())).toList();
        return Composition.timeline(chronological, confidence);
    }

    /**
     * The refusal for {@code question}: it names the closest articles when some passage is near the question
     * in meaning (cosine at least {@value #RELATED_COSINE}) or, without cosines, holds half of its weighted terms.
     */
    public Answer refusal(String question, List<Hit> hits, double confidence) {
        Set<String> qTerms = new LinkedHashSet<>(analysis.queryTerms(question));
        if (qTerms.isEmpty()) {
            return Answer.refusal(REFUSAL, confidence);
        }
        Map<String, Double> weights = idf.apply(qTerms);
        double total = qTerms.stream().mapToDouble(weights::get).sum();
        return Closest.refusal(confidence, hits, hit -> !Double.isNaN(hit.similarity())
                ? hit.similarity() >= RELATED_COSINE
                : coverage(qTerms, passageTerms(hit), weights, total) >= RELATED_COVERAGE);
    }

    /**
     * Everything {@code question} says, for telling whether a sentence adds to it: its search terms and its words as
     * a passage's are analysed ("has", "most" are question stopwords but passage terms; a sentence bringing only
     * those brings nothing).
     */
    private Set<String> said(String question, Set<String> qTerms) {
        Set<String> said = new HashSet<>(analysis.terms(question));
        said.addAll(qTerms);
        return said;
    }

    private Set<String> passageTerms(Hit hit) {
        Set<String> terms = new HashSet<>(analysis.terms(hit.passage().text()));
        terms.addAll(analysis.terms(hit.article().title()));
        return terms;
    }

    /** Evidence strength (0..1) of {@code hits} for {@code question}; see {@link #confidence}. */
    public double evidence(String question, List<Hit> hits) {
        Set<String> qTerms = new LinkedHashSet<>(analysis.queryTerms(question));
        if (qTerms.isEmpty() || hits.isEmpty()) {
            return 0;
        }
        Map<String, Double> weights = idf.apply(qTerms);
        double total = qTerms.stream().mapToDouble(weights::get).sum();
        return confidence(qTerms, weights, total, hits);
    }

    /** Whether {@code evidence} for {@code hits} is below the threshold of its kind; always true without hits. */
    public boolean refuses(double evidence, List<Hit> hits) {
        if (hits.isEmpty()) {
            return true;
        }
        boolean semantic = hits.stream().anyMatch(h -> !Double.isNaN(h.similarity()));
        return evidence < (semantic ? minConfidence : minLexicalConfidence);
    }

    /**
     * Evidence strength (0..1): the best idf-weighted coverage of the question by one passage and its headline,
     * blended with the best scaled cosine similarity where the hits carry one.
     */
    double confidence(Set<String> qTerms, Map<String, Double> weights, double total, List<Hit> hits) {
        double lexical = 0;
        double cosine = Double.NaN;
        for (Hit hit : hits) {
            Set<String> terms = passageTerms(hit);
            lexical = Math.max(lexical, coverage(qTerms, terms, weights, total));
            if (!Double.isNaN(hit.similarity())) {
                cosine = Double.isNaN(cosine) ? hit.similarity() : Math.max(cosine, hit.similarity());
            }
        }
        if (Double.isNaN(cosine)) {
            return lexical;
        }
        double scaled = Math.max(0, Math.min(1, (cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)));
        return (1 - COSINE_WEIGHT) * lexical + COSINE_WEIGHT * scaled;
    }

    private static double coverage(Set<String> qTerms, Set<String> terms, Map<String, Double> weights, double total) {
        if (total <= 0) {
            return 0;
        }
        double covered = 0;
        for (String t : qTerms) {
            if (terms.contains(t)) {
                covered += weights.get(t);
            }
        }
        return covered / total;
    }

    private List<Candidate> select(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::rank));
        List<Candidate> picked = new ArrayList<>();
        double best = sorted.getFirst().score();
        for (Candidate c : sorted) {
            if (picked.size() == maxSentences || c.score() < RELATIVE_CUTOFF * best) {
                break;
            }
            if (picked.stream().noneMatch(p -> BriefComposer.overlap(p.terms(), c.terms()) >= DUPLICATE_OVERLAP)) {
                picked.add(c);
            }
        }
        return picked;
    }

}
