package io.citebot.index.lucene;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene 10's default codec with the stored fields kept uncompressed. A question reads the stored fields of a few
 * dozen passages picked from all over the index, each in a different block; the default format decompresses a 4 kB
 * dictionary and an 8 kB block of LZ4 for every one of them (16% of a news question's time after its embedding,
 * docs/benchmarks.md, "Stored fields uncompressed"), where this one reads the passage's own bytes. The price is disk:
 * the stored fields take 2.3 times the room (the index 1.95 → 2.23 GB at a million passages), still well under the vectors.
 *
 * <p>Its name is written into every segment it writes, and Lucene finds it again by that name (Java's service
 * loader, {@code META-INF/services}); it names the Lucene codec it builds on, so that a later Lucene's default codec
 * comes as a new class beside this one, never as a change under a name segments already carry. Segments of the
 * default codec (an index written before this codec) are read as they are and written again with this one in the
 * background ({@link ArticleIndex#upgradeInBackground}).
 */
public final class CitebotCodec extends FilterCodec {

    /** The name segments carry. */
    public static final String NAME = "Citebot104";

    /** A block holds at most this many bytes or {@link #BLOCK_DOCS} documents; its header is read with each document. */
    static final int BLOCK_BYTES = 16 * 1024;
    static final int BLOCK_DOCS = 128;

    /**
     * One instance for every codec instance (the service loader's and the writer's): a merge copies blocks as they are,
     * without reading their documents, only between segments whose formats share their compression's instance.
     */
    private static final StoredFieldsFormat STORED_FIELDS = new Lucene90CompressingStoredFieldsFormat(
            "CitebotStoredFieldsRaw", new Uncompressed(), BLOCK_BYTES, BLOCK_DOCS, 10);

    /** Public and without arguments, for Lucene's service loader. */
    public CitebotCodec() {
        super(NAME, new Lucene104Codec());
    }

    /** The names of the segments of {@code reader} that another codec wrote (a citebot before this one). */
    static Set<String> olderSegments(IndexReader reader) {
        Set<String> older = new TreeSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            if (FilterLeafReader.unwrap(leaf.reader()) instanceof SegmentReader s
                    && !NAME.equals(s.getSegmentInfo().info.getCodec().getName())) {
                older.add(s.getSegmentName());
            }
        }
        return older;
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return STORED_FIELDS;
    }

    /** A block's bytes as they are: reading a document is a seek and a copy of its own bytes. */
    static final class Uncompressed extends CompressionMode {

        @Override
        public Compressor newCompressor() {
            return new Compressor() {
                @Override
                public void compress(ByteBuffersDataInput in, DataOutput out) throws IOException {
                    out.copyBytes(in, in.length() - in.position());
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Decompressor newDecompressor() {
            return new Decompressor() {
                @Override
                public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
                        throws IOException {
                    in.skipBytes(offset);
                    bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, length);
                    in.readBytes(bytes.bytes, 0, length);
                    bytes.offset = 0;
                    bytes.length = length;
                }

                @Override
                public Decompressor clone() {
                    return newDecompressor();
                }
            };
        }

        @Override
        public String toString() {
            return "Uncompressed";
        }
    }
}
