package io.citebot.index.lucene;

import io.citebot.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.codecs.NormsProducer;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FilterCodecReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SegmentReader;

/**
 * Norms for every document in every segment the index merges. Segments written before article and file documents
 * carried empty text and headline fields ({@link IndexDocuments}) store those fields' norms for the passages only, a
 * sparse list that BM25 searches for each passage it scores; at a million passages that search was a quarter of
 * BM25's time. This merge policy writes every merged segment with a norm for each document (0 where the document
 * has no such field: it has no term either, so no score changes), and can write given segments again on their own,
 * which Lucene does without building their vector graphs again (the graph of a segment merged alone is kept).
 */
final class FullNorms extends FilterMergePolicy {

    /** Segments to write again at the next forced merge, by name. */
    private final Set<String> rewrite = ConcurrentHashMap.newKeySet();

    FullNorms(MergePolicy in) {
        super(in);
    }

    /** The names of the segments of {@code reader} whose text or headline norms are not stored for every document. */
    static Set<String> sparseSegments(IndexReader reader) throws IOException {
        Set<String> sparse = new TreeSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            for (String field : List.of(IndexFields.TEXT, IndexFields.TITLE)) {
                NumericDocValues norms = r.getNormValues(field);
                if (norms != null && norms.cost() < r.maxDoc() && FilterLeafReader.unwrap(r) instanceof SegmentReader s) {
                    sparse.add(s.getSegmentName());
                }
            }
        }
        return sparse;
    }

    /** Has the next forced merge write these segments again, each on its own, with full norms. */
    void rewrite(Collection<String> segments) {
        rewrite.addAll(segments);
    }

    @Override
    public MergeSpecification findForcedMerges(SegmentInfos infos, int maxSegmentCount,
                                               Map<SegmentCommitInfo, Boolean> segmentsToMerge, MergeContext context)
            throws IOException {
        if (!rewrite.isEmpty()) {
            MergeSpecification alone = new MergeSpecification();
            for (SegmentCommitInfo info : infos) {
                if (rewrite.remove(info.info.name) && !context.getMergingSegments().contains(info)) {
                    alone.add(new Merge(List.of(info)));
                }
            }
            if (!alone.merges.isEmpty()) {
                return alone;
            }
        }
        return full(super.findForcedMerges(infos, maxSegmentCount, segmentsToMerge, context));
    }

    @Override
    public MergeSpecification findMerges(MergeTrigger trigger, SegmentInfos infos, MergeContext context) throws IOException {
        return full(super.findMerges(trigger, infos, context));
    }

    @Override
    public MergeSpecification findForcedDeletesMerges(SegmentInfos infos, MergeContext context) throws IOException {
        return full(super.findForcedDeletesMerges(infos, context));
    }

    @Override
    public MergeSpecification findFullFlushMerges(MergeTrigger trigger, SegmentInfos infos, MergeContext context)
            throws IOException {
        return full(super.findFullFlushMerges(trigger, infos, context));
    }

    /** The same merges, each writing full norms. */
    private static MergeSpecification full(MergeSpecification spec) {
        if (spec == null) {
            return null;
        }
        MergeSpecification out = new MergeSpecification();
        for (OneMerge m : spec.merges) {
            out.add(new Merge(new ArrayList<>(m.segments)));
        }
        return out;
    }

    /** A merge whose segments are read with a norm for every document. */
    private static final class Merge extends OneMerge {
        Merge(List<SegmentCommitInfo> segments) {
            super(segments);
        }

        @Override
        public CodecReader wrapForMerge(CodecReader reader) {
            return new FullNormsReader(reader);
        }
    }

    /** A segment as a merge reads it: each field with norms has one for every document (0 where it had none). */
    private static final class FullNormsReader extends FilterCodecReader {
        FullNormsReader(CodecReader in) {
            super(in);
        }

        @Override
        public NormsProducer getNormsReader() {
            NormsProducer norms = in.getNormsReader();
            if (norms == null) {
                return null;
            }
            int maxDoc = maxDoc();
            return new NormsProducer() {
                @Override
                public NumericDocValues getNorms(FieldInfo field) throws IOException {
                    return new EveryDocument(norms.getNorms(field), maxDoc);
                }

                @Override
                public void checkIntegrity() throws IOException {
                    norms.checkIntegrity();
                }

                @Override
                public void close() throws IOException {
                    norms.close();
                }
            };
        }

        @Override
        public CacheHelper getCoreCacheHelper() {
            return null;
        }

        @Override
        public CacheHelper getReaderCacheHelper() {
            return null;
        }
    }

    /** A field's norms on every document: the stored norm where there is one, else 0. */
    private static final class EveryDocument extends NumericDocValues {
        private final NumericDocValues stored;
        private final int maxDoc;
        private int doc = -1;
        private long value;

        EveryDocument(NumericDocValues stored, int maxDoc) {
            this.stored = stored;
            this.maxDoc = maxDoc;
        }

        @Override
        public long longValue() {
            return value;
        }

        @Override
        public boolean advanceExact(int target) throws IOException {
            doc = target;
            value = stored != null && stored.advanceExact(target) ? stored.longValue() : 0;
            return true;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() throws IOException {
            return advance(doc + 1);
        }

        @Override
        public int advance(int target) throws IOException {
            if (target >= maxDoc) {
                return doc = NO_MORE_DOCS;
            }
            advanceExact(target);
            return doc;
        }

        @Override
        public long cost() {
            return maxDoc;
        }
    }
}
