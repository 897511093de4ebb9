package io.citebot.index.lucene;

import io.citebot.index.ArticleRef;
import io.citebot.index.CopySketch;
import io.citebot.index.Hit;
import io.citebot.index.IndexFields;
import io.citebot.ingest.Article;
import io.citebot.ingest.Passage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Copies of one text found when a passage is written, so that a question pays one term lookup per passage for them.
 * A new passage's copy sketch ({@link CopySketch}) is looked up among the passages already written (the index, and
 * those written since the last commit, which a search does not see yet); the ones it confirms as copies are stored
 * with it ({@link IndexFields#COPY_OF}). A passage's copies are then the ones its own field names (older) and the ones
 * naming it (newer). Only other outlets' copies are linked: an outlet's own repeated passages are its boilerplate,
 * which an answer drops among the passages it retrieved but never names.
 */
final class CopyLinks {

    /** Candidates read per new passage. */
    static final int CANDIDATES = 25;

    /**
     * A passage written since the last commit: what its lookup needs. Its text, not its 5-grams (five times the
     * memory): they are computed again only for the rare candidate sharing two sketch values.
     */
    private record Pending(String passageId, ArticleRef article, String text) {
    }

    private final Map<String, List<Pending>> pendingBySketch = new HashMap<>();

    /**
     * The ids of the older passages each of these new passages copies, in order; records the passages as written
     * (pending until {@link #committed()}).
     */
    synchronized List<List<String>> linksOf(ArticleIndex index, Article article, List<Passage> passages) throws IOException {
        ArticleRef ref = new ArticleRef(article.id(), article.title(), article.date(), article.source(), article.url());
        List<List<String>> out = new ArrayList<>(passages.size());
        List<Pending> added = new ArrayList<>();
        List<List<String>> sketches = new ArrayList<>();
        for (Passage p : passages) {
            Set<Long> shingles = CopySketch.shingles(p.text());
            List<String> sketch = CopySketch.terms(shingles);
            sketches.add(sketch);
            Set<String> copies = new LinkedHashSet<>();
            if (!sketch.isEmpty()) {
                for (Hit c : index.search(query(sketch, ref), CANDIDATES, (d, score) -> LuceneSearch.toHit(d, score, Double.NaN))) {
                    if (!CopySketch.sameOutlet(ref, c.article())
                            && CopySketch.copies(shingles, CopySketch.shingles(c.passage().text()), CopySketch.share(ref, c.article()))) {
                        copies.add(c.passage().id());
                    }
                }
                // passages written since the last commit, which the search above does not see
                Map<Pending, Integer> shared = new LinkedHashMap<>();
                for (String t : sketch) {
                    for (Pending q : pendingBySketch.getOrDefault(t, List.of())) {
                        shared.merge(q, 1, Integer::sum);
                    }
                }
                shared.forEach((q, n) -> {
                    if (n >= CopySketch.MIN_SHARED && !q.article().id().equals(article.id()) && !CopySketch.sameOutlet(ref, q.article())
                            && CopySketch.copies(shingles, CopySketch.shingles(q.text()), CopySketch.share(ref, q.article()))) {
                        copies.add(q.passageId());
                    }
                });
                added.add(new Pending(p.id(), ref, p.text()));
            }
            out.add(List.copyOf(copies));
        }
        for (int i = 0, j = 0; i < passages.size(); i++) {
            if (!sketches.get(i).isEmpty()) {
                Pending p = added.get(j++);
                sketches.get(i).forEach(t -> pendingBySketch.computeIfAbsent(t, k -> new ArrayList<>()).add(p));
            }
        }
        return out;
    }

    /** The passages written so far are visible to searches now. */
    synchronized void committed() {
        pendingBySketch.clear();
    }

    /**
     * The ones of these passage ids that some passage names as the older copy it copies: a seek in each segment's
     * terms of {@link IndexFields#COPY_OF} (a deleted passage's link may still be there; the search then finds none).
     */
    private static List<BytesRef> namedByNewer(IndexReader reader, List<BytesRef> ids) throws IOException {
        List<BytesRef> named = new ArrayList<>();
        Set<BytesRef> left = new LinkedHashSet<>(ids);
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(IndexFields.COPY_OF);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            for (var it = left.iterator(); it.hasNext(); ) {
                BytesRef id = it.next();
                if (te.seekExact(id)) {
                    named.add(id);
                    it.remove();
                }
            }
        }
        return named;
    }

    /**
     * Passages of other articles and other sources than {@code of}'s sharing at least {@link CopySketch#MIN_SHARED} of
     * these sketch terms (an outlet's own repeated paragraphs, the most common candidates, are never read).
     */
    static Query query(List<String> sketch, ArticleRef of) {
        BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(CopySketch.MIN_SHARED);
        for (String t : sketch) {
            any.add(new ConstantScoreQuery(new TermQuery(new Term(IndexFields.COPY_SKETCH, t))), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(any.build(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.KIND_PASSAGE)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.ARTICLE_ID, of.id())), BooleanClause.Occur.MUST_NOT);
        if (of.source() != null) {
            query.add(new TermQuery(new Term(IndexFields.SOURCE_KEY, of.source().toLowerCase(Locale.ROOT))), BooleanClause.Occur.MUST_NOT);
        }
        return query.build();
    }

    /**
     * The linked copies of each of these passages, by passage id: the older ones each names and the newer ones
     * naming it. One term lookup per passage, whatever the archive's size, and one more for a passage whose hit did not
     * bring the older ones it names ({@link Hit#olderCopies()}: a hit read from this index brings them).
     */
    static Map<String, List<Hit>> of(IndexSearcher searcher, List<Hit> hits, Query filter) throws IOException {
        Map<String, Set<String>> linked = new LinkedHashMap<>();
        StoredFields fields = searcher.storedFields();
        List<BytesRef> ids = new ArrayList<>();
        List<BytesRef> unread = new ArrayList<>();
        for (Hit h : hits) {
            ids.add(new BytesRef(h.passage().id()));
            if (h.olderCopies() == null) {
                unread.add(new BytesRef(h.passage().id()));
            } else if (!h.olderCopies().isEmpty()) {
                linked.computeIfAbsent(h.passage().id(), k -> new LinkedHashSet<>()).addAll(h.olderCopies());
            }
        }
        // older copies: named by the retrieved passages themselves
        if (!unread.isEmpty()) {
            for (ScoreDoc sd : searcher.search(new TermInSetQuery(IndexFields.PASSAGE_ID, unread), unread.size() * 2).scoreDocs) {
                Document d = fields.document(sd.doc, Set.of(IndexFields.PASSAGE_ID, IndexFields.COPY_OF));
                for (String older : d.getValues(IndexFields.COPY_OF)) {
                    linked.computeIfAbsent(d.get(IndexFields.PASSAGE_ID), k -> new LinkedHashSet<>()).add(older);
                }
            }
        }
        // newer copies: name the retrieved passages (most passages are named by none, which the terms alone tell)
        List<BytesRef> named = namedByNewer(searcher.getIndexReader(), ids);
        Set<String> retrieved = new LinkedHashSet<>();
        hits.forEach(h -> retrieved.add(h.passage().id()));
        Map<String, Hit> loaded = new HashMap<>();
        if (!named.isEmpty()) {
            Query newer = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(IndexFields.COPY_OF, named), BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .build();
            for (ScoreDoc sd : searcher.search(newer, 1_000).scoreDocs) {
                Document d = fields.document(sd.doc);
                Hit copy = LuceneSearch.toHit(d, 1.0, Double.NaN);
                loaded.put(copy.passage().id(), copy);
                for (String older : d.getValues(IndexFields.COPY_OF)) {
                    if (retrieved.contains(older)) {
                        linked.computeIfAbsent(older, k -> new LinkedHashSet<>()).add(copy.passage().id());
                    }
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        linked.values().forEach(v -> v.stream().filter(id -> !loaded.containsKey(id)).forEach(missing::add));
        if (!missing.isEmpty()) {
            Query older = new BooleanQuery.Builder()
                    .add(new TermInSetQuery(IndexFields.PASSAGE_ID, missing.stream().map(BytesRef::new).toList()), BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .build();
            for (ScoreDoc sd : searcher.search(older, missing.size()).scoreDocs) {
                Hit copy = LuceneSearch.toHit(fields.document(sd.doc), 1.0, Double.NaN);
                loaded.put(copy.passage().id(), copy);
            }
        }
        Map<String, List<Hit>> out = new LinkedHashMap<>();
        linked.forEach((id, copies) -> {
            List<Hit> found = copies.stream().map(loaded::get).filter(c -> c != null).toList();
            if (!found.isEmpty()) {
                out.put(id, found);
            }
        });
        return out;
    }
}
